"""The thanks loop: store what members write, route it to the creator, record whether a human
answered, and keep the outbox of creator prompts and reminder digests.

The bot never answers in the creator's name. Prompts are written to an outbox in the same
transaction as the message, so a crash between "stored" and "sent" loses nothing: the worker
sends whatever is still queued after a restart.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core.classifier import Label
from bot.core.errors import Conflict, Forbidden, NotFound
from bot.core.inbox_flow import queue_prompt
from bot.core.resources import Actor
from bot.core.routing import RouteCandidate, needs_names, route
from bot.db import cluster
from bot.db import inbox_flow as flow_sql
from bot.db import messages as sql
from bot.db import prompt_redraws as redraw_sql
from bot.db import routing as routing_sql
from bot.db.database import Connection, Database, Row

LINK_WINDOW_SECONDS = 30 * 24 * 3600  # a message belongs to one of the member's deliveries within 30 days
ACK_INTERVAL_SECONDS = 24 * 3600  # the honest "I'm a bot" note, at most once a day per member
RETRY_BASE_SECONDS = 5
RETRY_MAX_SECONDS = 3600
# Before the last error of a queued prompt that was in a batch Discord refused (400), for whoever
# reads it. Until it is sent or set aside it may be the one Discord refuses, so it is never counted
# in a summary (bot/core/inbox_flow.py): the column prompts.refused_in_batch says so.
REFUSED_IN_BATCH = "refused in a batch: "
PAGE_SIZE = 4  # /thanks pending: four messages (rows of three buttons) and a row to turn pages


class Status(StrEnum):
    WAITING = "waiting"
    ANSWERED = "answered"
    NO_REPLY_NEEDED = "no_reply_needed"
    UNROUTED = "unrouted"  # no delivery to link it to (or the member has yet to say which): nobody to ask
    EXPIRED = "expired"  # waited longer than the guild's expire_days: "no answer given", counted unanswered
    ACKNOWLEDGED = "acknowledged"  # a member's thanks for the creator's reply: recorded, not waiting


class AnsweredHow(StrEnum):
    RELAYED = "relayed"  # the creator wrote in the modal; the bot carried it, labelled as theirs
    THEMSELVES = "themselves"  # the creator answered from their own account
    RELAYED_TO_ALL = "relayed_to_all"  # one personal reply to everyone who thanked for a resource


@dataclass(frozen=True)
class MemberMessage:
    id: int
    source_id: int
    member_id: int
    guild_id: int | None
    resource_id: int | None
    delivery_id: int | None
    owner_id: int | None
    label: str
    via: str
    content: str
    locale: str | None
    status: str
    answered_by: int | None
    answered_how: str | None
    answered_at: int | None
    reply_message_id: int | None
    received_at: int
    member_name: str | None = None  # as it was when the message arrived
    text_removed_at: int | None = None  # the text went after the guild's retention period
    also_sent: str | None = None  # stickers and files it carried, by name (bot.core.also_sent)
    text_removed_why: str | None = None  # "retention", or "deleted" by the member (None: retention)

    @classmethod
    def from_row(cls, row: Any) -> MemberMessage:
        return cls(**{key: row[key] for key in row.keys()})


def retry_delay(attempts: int) -> int:
    return min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** min(attempts, 12))


class ThanksService:
    def __init__(
        self,
        db: Database,
        *,
        clock: Any = time.time,
        on_message: Callable[[str], None] | None = None,
        process_id: str | None = None,
    ) -> None:
        self._db = db
        # Who holds the lease of the prompts and digests this service claims (bot/db/cluster.py).
        self.process_id = process_id or uuid.uuid4().hex
        self._clock = clock
        self._on_message = on_message  # told the label of every newly stored message (metrics)

    def now(self) -> int:
        return int(self._clock())

    async def record(
        self,
        *,
        member_id: int,
        source_id: int,
        text: str,
        label: Label,
        via: str,
        locale: str | None,
        delivery_id: int | None = None,
        member_name: str | None = None,
        creator_names: Mapping[int, str] | None = None,
    ) -> MemberMessage | None:
        """Store a member's message and, when a creator should see it, queue their prompt.

        ``delivery_id`` is given for the modal on a delivery; a DM is routed among the member's
        deliveries in the last 30 days (see ``bot.core.routing``), with ``creator_names`` (owner id
        -> display name) for those ``owners_to_name`` returned. None: this source was stored before.
        """
        recorded = await self.record_routed(
            member_id=member_id,
            source_id=source_id,
            text=text,
            label=label,
            via=via,
            locale=locale,
            delivery_id=delivery_id,
            member_name=member_name,
            creator_names=creator_names,
        )
        return None if recorded is None else recorded[0]

    async def record_routed(
        self, *, creator_names: Mapping[int, str] | None = None, **fields: Any
    ) -> tuple[MemberMessage, tuple[RouteCandidate, ...]] | None:
        """``record``, also returning the deliveries the member must choose among (empty when the
        message was routed, or had nowhere to go). Such a message waits, unrouted, for ``choose``."""
        recorded = await self._db.transaction(_record, **fields, creator_names=creator_names or {}, now=self.now())
        if recorded is None:
            return None
        message_id, choices = recorded
        if self._on_message is not None:
            self._on_message(fields["label"].value)
        return await self.get(message_id), choices

    async def owners_to_name(self, member_id: int) -> list[int]:
        """The owners whose names could route this member's next DM: none when all their recent
        deliveries come from one creator in one server (then there is nothing to tell apart)."""
        rows = await routing_sql.recent_deliveries_async(self._db, member_id, self.now() - LINK_WINDOW_SECONDS)
        candidates = _candidates(rows, {})
        return sorted({c.owner_id for c in candidates}) if needs_names(candidates) else []

    async def choose(self, message_id: int, member_id: int, delivery_id: int) -> MemberMessage:
        """The member picked which of their deliveries a waiting message is about: route it there
        and queue the creator's prompt. Only the member who wrote it; only once."""
        message = await self.get(message_id)
        if message.member_id != member_id:
            raise Forbidden("error.not_your_choice")
        await self._db.transaction(_choose, message, delivery_id, self.now())
        return await self.get(message_id)

    async def get(self, message_id: int) -> MemberMessage:
        row = await sql.get_message(self._db, message_id)
        if row is None:
            raise NotFound("error.message_not_found")
        return MemberMessage.from_row(row)

    @staticmethod
    def ensure_can_answer(message: MemberMessage, actor: Actor) -> None:
        """Only the resource's owner, or someone with Manage Server in its guild, may act on it."""
        if actor.user_id != message.owner_id and not actor.manages_guild:
            raise Forbidden("error.not_your_message", owner_id=message.owner_id or 0)

    async def close(
        self,
        message_id: int,
        actor: Actor,
        status: Status,
        how: AnsweredHow | None = None,
        reply_message_id: int | None = None,
        *,
        with_prompt: bool = False,
    ) -> MemberMessage:
        """``with_prompt``: answered from the prompt message, which quotes a member's burst as one:
        the other waiting messages it quotes get the same answer (from /thanks pending, one each)."""
        message = await self.get(message_id)
        self.ensure_can_answer(message, actor)
        closed = await self._db.transaction(
            flow_sql.close_message,
            message_id,
            status=status.value,
            by=actor.user_id,
            how=how.value if how else None,
            now=self.now(),
            reply_message_id=reply_message_id,
            with_siblings=with_prompt,
        )
        if not closed:
            message = await self.get(message_id)
            raise Conflict("error.already_handled", by=message.answered_by or 0, status=message.status)
        return await self.get(message_id)

    async def pending(self, owner_id: int, guild_id: int | None, page: int = 0) -> tuple[list[MemberMessage], int]:
        """One page of the owner's waiting messages, oldest first, and the total waiting."""
        total = await sql.count_waiting_for_owner(self._db, owner_id, guild_id)
        rows = await sql.waiting_for_owner(self._db, owner_id, guild_id, PAGE_SIZE, max(0, page) * PAGE_SIZE)
        return [MemberMessage.from_row(r) for r in rows], total

    # -- prompt outbox --

    async def due_prompts(self, limit: int = 20) -> list[tuple[int, int, MemberMessage]]:
        """(prompt id, attempts so far, message) for prompts due now, leased to this process until it
        records how the send went; none another live process holds."""
        rows = await self._db.transaction(sql.claim_prompts, self.process_id, self.now(), self._alive_since(), limit)
        return [(row["prompt_id"], row["attempts"], await self.get(row["message_id"])) for row in rows]

    async def still_queued(self, prompts: list[tuple[int, MemberMessage]]) -> set[int]:
        """Which of these (prompt id, message) are still to be sent. One whose message was deleted
        meanwhile ("Delete my data") must not reach the creator from a batch read before. Matched
        on the message's Discord id too: SQLite reuses the highest rowid once it is deleted, so a
        newer message's prompt may already carry the same ids."""
        return await sql.queued_among(self._db, [(prompt_id, message.source_id) for prompt_id, message in prompts])

    async def prompt_messages(self, prompt_id: int, first: MemberMessage) -> list[MemberMessage]:
        """Every message one prompt quotes: a member's burst becomes one prompt."""
        rows = await flow_sql.prompt_messages(self._db, prompt_id, first.id)
        return [MemberMessage.from_row(r) for r in rows] or [first]

    async def prompt_sent(
        self,
        prompt_id: int,
        channel_id: int,
        message_id: int,
        place: tuple[int, int] = (0, 1),
        *,
        first: MemberMessage | None = None,
        read_version: int | None = None,
    ) -> None:
        """Sent in Discord message ``message_id`` as its embed ``place`` = (position, of how many;
        alone by default): enough to draw that message again should what it quotes change.
        ``first``: the prompt's first message; ``read_version``: ``quoted_versions`` before its words
        were read. If what it quotes changed while it was on its way, the message is redrawn at once."""
        quoted = None if first is None else (first.source_id, first.owner_id, first.guild_id)
        sent = (channel_id, message_id, *place)
        await self._db.transaction(sql.prompt_sent, prompt_id, sent, quoted, read_version, self.now(), self.process_id)

    async def quoted_versions(self, prompt_ids: list[int]) -> dict[int, int]:
        """How often what each prompt quotes has changed (edits, deletes, a burst joining it): read
        before the prompts' words, and given back to ``prompt_sent``."""
        return await redraw_sql.quoted_versions(self._db, prompt_ids)

    async def prompt_failed(self, prompt_id: int, attempts: int, error: str) -> int:
        """Never dropped: retried later with a growing delay. Returns the delay in seconds."""
        delay = retry_delay(attempts)
        await sql.prompt_retry_later(self._db, prompt_id, error, self.now() + delay, self.process_id)
        return delay

    async def prompt_refused(self, prompt_id: int, error: str) -> None:
        """Discord refused this one prompt for good (its content, not the moment): sent again
        unchanged it would be refused again, so it is set aside with the reason. The message stays
        waiting, so the creator still finds it in /thanks pending and in reminder digests."""
        await sql.prompt_set_aside(self._db, prompt_id, error, self.process_id)

    async def prompt_waits_for_place(self, prompt_id: int, error: str, seconds: int) -> None:
        """Part of a batch Discord refused, and the destination is at its pace: it may be the prompt
        Discord refuses, so it is not counted in a summary (which would say it is waiting to be shown)
        but stays queued, sent again once the destination has room, until it is sent or set aside."""
        await sql.prompt_waits_refused_in_batch(
            self._db, prompt_id, REFUSED_IN_BATCH + error, self.now() + seconds, self.process_id
        )

    async def refused_in_batch(self, prompt_ids: list[int]) -> set[int]:
        """Of these prompts, those still waiting to be told apart from a refused batch's others."""
        return await sql.prompts_refused_in_batch(self._db, prompt_ids)

    async def seconds_until_next_prompt(self) -> float | None:
        due = await sql.next_prompt_due(
            self._db, self.process_id, self._alive_since(), self.now() + int(cluster.HEARTBEAT_SECONDS)
        )
        return None if due is None else max(0.0, due - self._clock())

    def _alive_since(self) -> int:
        return self.now() - cluster.DEAD_AFTER_SECONDS

    # -- reminder digests --

    async def queue_due_digests(self) -> int:
        return await self._db.transaction(sql.queue_due_digests, self.now())

    async def due_digests(self, limit: int = 20) -> list[tuple[int, int, int, int]]:
        """(digest id, owner id, guild id, attempts) for digests to send now."""
        rows = await self._db.transaction(sql.claim_digests, self.process_id, self.now(), self._alive_since(), limit)
        return [(r["id"], r["owner_id"], r["guild_id"], r["attempts"]) for r in rows]

    async def digest_items(self, owner_id: int, guild_id: int) -> list[MemberMessage]:
        rows = await sql.waiting_older_than(self._db, owner_id, guild_id, self.now())
        return [MemberMessage.from_row(r) for r in rows]

    async def digest_sent(
        self, digest_id: int, channel_id: int | None = None, message_id: int | None = None,
        listed: int = 0, shown: list[MemberMessage] | None = None,
    ) -> None:  # fmt: skip
        """Sent as Discord message ``message_id``, counting ``listed`` messages and giving a line to
        each of ``shown`` (as they were read): what it needs to be redrawn when one of them changes.
        Without a message: nothing was left to remind of."""
        shown_in = None
        if message_id is not None and shown is not None:
            lines = [(m.id, m.source_id, m.content, m.text_removed_at) for m in shown]
            shown_in = (channel_id, message_id, listed, lines)
        await self._db.transaction(sql.digest_sent, digest_id, self.now(), self.process_id, shown_in)

    async def digest_failed(self, digest_id: int, attempts: int, error: str) -> None:
        await sql.digest_retry_later(self._db, digest_id, error, self.now() + retry_delay(attempts), self.process_id)

    # -- the honest note --

    async def member_deleted(self, source_id: int) -> bool:
        """The member deleted the DM ``source_id``: forget its words (True when there were any)."""
        return await self._db.transaction(sql.remove_deleted_text, source_id, self.now()) > 0

    async def member_edited(self, source_id: int, text: str) -> bool:
        """The member edited the DM ``source_id``: a creator reads what it says now. Its label stays
        (the edit is not a new message to route or answer). True when the stored words changed."""
        return await self._db.transaction(sql.replace_edited_text, source_id, text, self.now()) > 0

    async def should_acknowledge(self, member_id: int) -> bool:
        last = await sql.last_acknowledged(self._db, member_id)
        return last is None or self.now() - last >= ACK_INTERVAL_SECONDS

    async def acknowledged(self, member_id: int) -> None:
        await sql.record_acknowledged(self._db, member_id, self.now())


def _candidates(rows: list[Row], names: Mapping[int, str]) -> list[RouteCandidate]:
    """One candidate per resource, its newest delivery, newest first."""
    seen: dict[int, RouteCandidate] = {}
    for row in rows:
        if row["resource_id"] not in seen:
            seen[row["resource_id"]] = RouteCandidate(
                delivery_id=row["delivery_id"],
                resource_id=row["resource_id"],
                guild_id=row["guild_id"],
                owner_id=row["owner_id"],
                name=row["name"],
                title=row["title"],
                creator_name=names.get(row["owner_id"]),
            )
    return list(seen.values())


def _record(
    conn: Connection,
    *,
    member_id: int,
    source_id: int,
    text: str,
    label: Label,
    via: str,
    locale: str | None,
    now: int,
    delivery_id: int | None = None,
    member_name: str | None = None,
    creator_names: Mapping[int, str],
    to_bot: bool = False,
    also_sent: str | None = None,
) -> tuple[int, tuple[RouteCandidate, ...]] | None:
    """ThanksService.record's transaction, run on the database thread as one job. ``to_bot``: a
    command typed as text ("/privacy"), which the bot answers: kept, and shown to no creator."""
    choices: tuple[RouteCandidate, ...] = ()
    if to_bot:
        target = None
    elif delivery_id is not None:
        # The modal under a delivery: that delivery is what the member is writing about.
        target = sql.delivery_target(conn, delivery_id, member_id)
        if target is None:
            raise NotFound("error.delivery_not_found", id=delivery_id)
    else:
        rows = routing_sql.recent_deliveries(conn, member_id, now - LINK_WINDOW_SECONDS)
        routing = route(text, _candidates(rows, creator_names))
        target = sql.delivery_target(conn, routing.target.delivery_id, member_id) if routing.target else None
        # A request is answered with a resource, not by a creator: no need to ask which one.
        choices = routing.choices if label is not Label.REQUEST else ()
    if target is None:
        status = Status.UNROUTED
    elif label is Label.THANKS and flow_sql.replied_last(conn, member_id, target["owner_id"]):
        status = Status.ACKNOWLEDGED  # thanks for the creator's reply: the loop is closed
    elif label is not Label.REQUEST or via == "modal":
        status = Status.WAITING
    else:
        status = Status.NO_REPLY_NEEDED  # a request by DM is answered by a delivery
    message_id = sql.insert_message(
        conn,
        {
            "source_id": source_id,
            "member_id": member_id,
            "guild_id": target["guild_id"] if target else None,
            "resource_id": target["resource_id"] if target else None,
            "delivery_id": target["id"] if target else None,
            "owner_id": target["owner_id"] if target else None,
            "label": label.value,
            "via": via,
            "content": text,
            "locale": locale,
            "status": status.value,
            "received_at": now,
            "member_name": member_name,
            "also_sent": also_sent,
        },
    )
    if message_id is None:
        return None
    if status is Status.WAITING:
        assert target is not None
        queue_prompt(
            conn,
            message_id=message_id,
            member_id=member_id,
            owner_id=target["owner_id"],
            guild_id=target["guild_id"],
            now=now,
        )
    if choices:
        routing_sql.await_choice(conn, message_id, now)
    return message_id, choices


def _choose(conn: Connection, message: MemberMessage, delivery_id: int, now: int) -> None:
    """ThanksService.choose's transaction: claim the choice, route, queue the prompt."""
    target = sql.delivery_target(conn, delivery_id, message.member_id)
    if target is None:
        raise NotFound("error.delivery_not_found", id=delivery_id)
    if not routing_sql.take_choice(conn, message.id):
        raise Conflict("error.already_chosen")
    routing_sql.set_route(conn, message.id, target, Status.WAITING.value)
    queue_prompt(
        conn,
        message_id=message.id,
        member_id=message.member_id,
        owner_id=target["owner_id"],
        guild_id=target["guild_id"],
        now=now,
    )
