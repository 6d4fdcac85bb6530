"""The thanks loop: store what members write, route it to the creator, record whether a human
answered, and keep the outbox of creator prompts and reminder digests.

The bot never answers in the creator's name. Prompts are written to an outbox in the same
transaction as the message, so a crash between "stored" and "sent" loses nothing: the worker
sends whatever is still queued after a restart.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core.classifier import Label
from bot.core.errors import Conflict, Forbidden, NotFound
from bot.core.resources import Actor
from bot.db import messages as sql
from bot.db.database import Database

LINK_WINDOW_SECONDS = 30 * 24 * 3600  # a message belongs to the member's latest delivery within 30 days
ACK_INTERVAL_SECONDS = 24 * 3600  # the honest "I'm a bot" note, at most once a day per member
RETRY_BASE_SECONDS = 5
RETRY_MAX_SECONDS = 3600
PAGE_SIZE = 4  # /thanks pending: four messages (rows of three buttons) and a row to turn pages


class Status(StrEnum):
    WAITING = "waiting"
    ANSWERED = "answered"
    NO_REPLY_NEEDED = "no_reply_needed"
    UNROUTED = "unrouted"  # no delivery to link it to: nobody to ask


class AnsweredHow(StrEnum):
    RELAYED = "relayed"  # the creator wrote in the modal; the bot carried it, labelled as theirs
    THEMSELVES = "themselves"  # the creator answered from their own account


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

    @classmethod
    def from_row(cls, row: Any) -> MemberMessage:
        return cls(**{key: row[key] for key in row.keys()})


def retry_delay(attempts: int) -> int:
    return min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** min(attempts, 12))


class ThanksService:
    def __init__(self, db: Database, *, clock: Any = time.time) -> None:
        self._db = db
        self._clock = clock

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
    ) -> MemberMessage | None:
        """Store a member's message and, when a creator should see it, queue their prompt.

        ``delivery_id`` is given for the modal on a delivery; a DM is linked to the member's latest
        delivery in the last 30 days. None: this source was stored before (an event replayed).
        """
        message_id = await self._db.transaction(
            _record,
            member_id=member_id,
            source_id=source_id,
            text=text,
            label=label,
            via=via,
            locale=locale,
            delivery_id=delivery_id,
            member_name=member_name,
            now=self.now(),
        )
        return None if message_id is None else await self.get(message_id)

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
    ) -> MemberMessage:
        message = await self.get(message_id)
        self.ensure_can_answer(message, actor)
        closed = await sql.set_answer(
            self._db,
            message_id,
            status=status.value,
            by=actor.user_id,
            how=how.value if how else None,
            now=self.now(),
            reply_message_id=reply_message_id,
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
        """(prompt id, attempts so far, message) for prompts due now."""
        rows = await sql.due_prompts(self._db, self.now(), limit)
        return [(row["prompt_id"], row["attempts"], await self.get(row["message_id"])) for row in rows]

    async def still_queued(self, prompts: list[tuple[int, MemberMessage]]) -> set[int]:
        """Which of these (prompt id, message) are still to be sent. One whose message was deleted
        meanwhile ("Delete my data") must not reach the creator from a batch read before. Matched
        on the message's Discord id too: SQLite reuses the highest rowid once it is deleted, so a
        newer message's prompt may already carry the same ids."""
        return await sql.queued_among(self._db, [(prompt_id, message.source_id) for prompt_id, message in prompts])

    async def prompt_sent(self, prompt_id: int, channel_id: int, message_id: int) -> None:
        await sql.prompt_sent(self._db, prompt_id, channel_id, message_id, self.now())

    async def prompt_failed(self, prompt_id: int, attempts: int, error: str) -> int:
        """Never dropped: retried later with a growing delay. Returns the delay in seconds."""
        delay = retry_delay(attempts)
        await sql.prompt_retry_later(self._db, prompt_id, error, self.now() + delay)
        return delay

    async def seconds_until_next_prompt(self) -> float | None:
        due = await sql.next_prompt_due(self._db)
        return None if due is None else max(0.0, due - self._clock())

    # -- reminder digests --

    async def queue_due_digests(self) -> int:
        now = self.now()
        rows = await sql.owners_needing_digest(self._db, now)
        for row in rows:
            await sql.queue_digest(self._db, row["owner_id"], row["guild_id"], row["waiting"], now)
        return len(rows)

    async def due_digests(self, limit: int = 20) -> list[tuple[int, int, int, int]]:
        """(digest id, owner id, guild id, attempts) for digests to send now."""
        rows = await sql.due_digests(self._db, self.now(), limit)
        return [(r["id"], r["owner_id"], r["guild_id"], r["attempts"]) for r in rows]

    async def digest_items(self, owner_id: int, guild_id: int) -> list[MemberMessage]:
        rows = await sql.waiting_older_than(self._db, owner_id, guild_id, self.now())
        return [MemberMessage.from_row(r) for r in rows]

    async def digest_sent(self, digest_id: int) -> None:
        await sql.digest_sent(self._db, digest_id, self.now())

    async def digest_failed(self, digest_id: int, attempts: int, error: str) -> None:
        await sql.digest_retry_later(self._db, digest_id, error, self.now() + retry_delay(attempts))

    # -- the honest note --

    async def should_acknowledge(self, member_id: int) -> bool:
        last = await sql.last_acknowledged(self._db, member_id)
        return last is None or self.now() - last >= ACK_INTERVAL_SECONDS

    async def acknowledged(self, member_id: int) -> None:
        await sql.record_acknowledged(self._db, member_id, self.now())


def _record(
    conn: sqlite3.Connection,
    *,
    member_id: int,
    source_id: int,
    text: str,
    label: Label,
    via: str,
    locale: str | None,
    delivery_id: int | None,
    member_name: str | None,
    now: int,
) -> int | None:
    """ThanksService.record's transaction, run on the database thread as one job."""
    if delivery_id is not None:
        target = sql.delivery_target(conn, delivery_id, member_id)
        if target is None:
            raise NotFound("error.delivery_not_found", id=delivery_id)
    else:
        target = sql.latest_delivery_for(conn, member_id, now - LINK_WINDOW_SECONDS)
    if target is None:
        status = Status.UNROUTED
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
        },
    )
    if message_id is not None and status is Status.WAITING:
        sql.insert_prompt(conn, message_id, now)
    return message_id
