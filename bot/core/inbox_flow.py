"""The creator's inbox at the scale of a popular post: no flood, nothing lost.

- Coalescing: the first message from a member reaches the creator at once; what the same member
  writes in the next COALESCE_SECONDS joins one queued prompt that quotes it all.
- Per member: at most MEMBER_PROMPTS_PER_DAY prompts about one member to one creator a day; past
  that their messages are stored and marked (``over_limit``), waiting in /thanks pending, never
  prompted, so nobody can make the bot write a creator without bound.
- Per destination: at most DESTINATION_MESSAGES_PER_MINUTE prompt messages a minute to one channel;
  past that, prompts are counted in one summary message per creator, edited in place at most every
  SUMMARY_EDIT_SECONDS and rebuilt from the database each time.
- Expiry: waiting messages older than the guild's ``expire_days`` get "no answer given".
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from bot.db import cluster, prompt_redraws
from bot.db import inbox_flow as sql
from bot.db.database import Connection, Database

COALESCE_SECONDS = 30
MEMBER_PROMPTS_PER_DAY = 5
DESTINATION_MESSAGES_PER_MINUTE = 3
SUMMARY_EDIT_SECONDS = 10
# A reservation of a prompt message's place outlives any send (Discord's pacing included) by far;
# one a crashed process left behind stops holding the place after this.
RESERVATION_SECONDS = 120
SUMMARY_REUSE_SECONDS = 3600  # a burst later than this gets a new summary, not an edit far up the chat
LABEL_ORDER = ("question", "other", "thanks")  # questions first: they need an answer


def queue_prompt(
    conn: Connection, *, message_id: int, member_id: int, owner_id: int, guild_id: int | None, now: int
) -> None:
    """Inside the recording transaction: join the member's queued prompt, or queue one (due now,
    or COALESCE_SECONDS after the last one about this member), or mark the message over the limit."""
    queued = sql.queued_prompt_for(conn, member_id, owner_id, guild_id)
    if queued is not None:
        sql.link_prompt(conn, message_id, queued)
        # It may be being sent, drawn before this message joined it: then it is drawn again.
        prompt_redraws.quoted_changed(conn, queued)
        return
    count, last = sql.member_prompts_since(conn, member_id, owner_id, now - 86400)
    if count >= MEMBER_PROMPTS_PER_DAY:
        sql.mark_over_limit(conn, message_id)
        return
    due = now if last is None else max(now, last + COALESCE_SECONDS)
    sql.link_prompt(conn, message_id, sql.insert_prompt(conn, message_id, due, now))


@dataclass(frozen=True)
class SummaryCount:
    resource_id: int | None
    title: str
    label: str
    n: int


class InboxFlow:
    def __init__(self, db: Database, *, clock: Any = time.time, process_id: str | None = None) -> None:
        self._db = db
        self._clock = clock
        # Who holds the lease of the summaries this service claims (bot/db/cluster.py).
        self.process_id = process_id or uuid.uuid4().hex

    def now(self) -> int:
        return int(self._clock())

    async def reserve_messages(self, channel_id: int, wanted: int) -> list[int]:
        """Places for up to ``wanted`` prompt messages to this channel in the current minute, held
        against every process's worker until ``release_messages`` (after recording the sends)."""
        now = self.now()
        return await self._db.transaction(
            sql.reserve_prompt_messages,
            channel_id,
            wanted,
            DESTINATION_MESSAGES_PER_MINUTE,
            now - 60,
            now - RESERVATION_SECONDS,
            self.process_id,
            now,
        )

    async def release_messages(self, reservation_ids: list[int]) -> None:
        """The messages are recorded as sent (they count from prompts now), or were not sent."""
        if reservation_ids:
            await sql.release_prompt_messages(self._db, reservation_ids)

    async def places(self, channel_id: int, wanted: int) -> MessagePlaces:
        """``reserve_messages``, as places a sender takes one per message (``MessagePlaces``)."""
        return MessagePlaces(self, channel_id, await self.reserve_messages(channel_id, wanted), wanted)

    async def summarise(self, prompt_ids: list[int], channel_id: int, owner_id: int, guild_id: int | None) -> int:
        now = self.now()
        return await sql.summarise(
            self._db, prompt_ids, channel_id, owner_id, guild_id, now - SUMMARY_REUSE_SECONDS, now
        )

    async def move_summary(self, summary_id: int, channel_id: int, owner_id: int, guild_id: int | None) -> int | None:
        """The creator's prompts go elsewhere now (their inbox channel was deleted or turned off since
        the summary was saved): its counts move there, as a fresh summary, or into the one already
        open there. Returns the summary to post at ``channel_id``, or None if merged."""
        now = self.now()
        return await sql.move_summary(
            self._db, summary_id, channel_id, owner_id, guild_id, now - SUMMARY_REUSE_SECONDS, now, self.process_id
        )

    async def due_summaries(self, limit: int = 50) -> list[Any]:
        """Summaries to post or edit now, leased to this process until it records how it went."""
        return await self._db.transaction(sql.claim_summaries, self.process_id, self.now(), self._alive_since(), limit)

    def _alive_since(self) -> int:
        return self.now() - cluster.DEAD_AFTER_SECONDS

    async def summary_counts(self, summary_id: int) -> list[SummaryCount]:
        rows = await sql.summary_counts(self._db, summary_id)
        counts = [SummaryCount(r["resource_id"], r["title"], r["label"], r["n"]) for r in rows]
        return sorted(counts, key=lambda c: LABEL_ORDER.index(c.label) if c.label in LABEL_ORDER else 9)

    async def summary_shown(
        self, summary_id: int, message_id: int, version: int, *, channel_id: int | None = None
    ) -> None:
        """``version``: the claimed row's; a change counted since keeps the summary due for an edit.
        ``channel_id``: where it was posted, if not where it was saved for (the inbox refused it and
        it went to the creator's DMs): its edits go there."""
        now = self.now()
        await sql.summary_shown(
            self._db, summary_id, message_id, version, now + SUMMARY_EDIT_SECONDS, now, self.process_id, channel_id
        )

    async def summary_failed(self, summary_id: int, attempts: int, error: str, *, message_gone: bool) -> None:
        from bot.core.thanks import retry_delay  # one backoff for every outbox

        await sql.summary_failed(
            self._db, summary_id, error, self.now() + retry_delay(attempts), message_gone, self.process_id
        )

    async def seconds_until_next_summary(self) -> float | None:
        due = await sql.next_summary_due(
            self._db, self.process_id, self._alive_since(), self.now() + int(cluster.HEARTBEAT_SECONDS)
        )
        return None if due is None else max(0.0, due - self._clock())

    async def expire(self) -> int:
        return await sql.expire_waiting(self._db, self.now())


class MessagePlaces:
    """The places reserved for prompt messages to one destination in the current minute, one taken
    per message sent. A batch Discord refuses goes out again split into parts, each a message of its
    own: a part past the places reserved at first takes one more, reserved then, so the pace holds
    however a batch is split; with none left, the sender counts the part in the summary instead."""

    def __init__(self, flow: InboxFlow, channel_id: int, reserved: list[int], wanted: int) -> None:
        self._flow = flow
        self._channel_id = channel_id
        self._held = list(reserved)
        self._free = list(reserved)
        self._used: list[int] = []
        # Fewer than asked for: the pace is reached, no use asking again.
        self._exhausted = len(reserved) < wanted

    async def take(self) -> int | None:
        """A place for one message, or None: the destination is at its pace."""
        if not self._free and not self._exhausted:
            # The messages sent with the places used so far are recorded: they count from the
            # prompts now, and their reservations would count them a second time.
            await self._release(self._used)
            more = await self._flow.reserve_messages(self._channel_id, 1)
            self._held += more
            self._free += more
            self._exhausted = not more
        return self._free.pop() if self._free else None

    @property
    def channel_id(self) -> int:
        return self._channel_id

    async def move_to(self, channel_id: int) -> int | None:
        """The message in hand goes to another destination (the inbox channel refused it for good,
        so it goes to the creator's DMs): the pace is per destination, so every place held for the
        old one is released and the message takes one at the new one, which later messages share.
        None: the new destination is at its pace."""
        await self._release(list(self._held))
        self._free = []
        self._channel_id = channel_id
        self._exhausted = False
        return await self.take()

    def give_back(self, place: int) -> None:
        """Nothing went out with it (Discord refused the message, or its prompts were gone)."""
        self._free.append(place)

    def used(self, place: int) -> None:
        """Its message went out and is recorded as sent."""
        self._used.append(place)

    async def release(self) -> None:
        """Every place still held: the sends are recorded, or were not made."""
        await self._release(list(self._held))
        self._free = []

    async def _release(self, places: list[int]) -> None:
        self._held = [place for place in self._held if place not in places]
        self._used = [place for place in self._used if place not in places]
        await self._flow.release_messages(places)
