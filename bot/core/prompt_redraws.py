"""Creator prompts already sent, drawn again when what they quote has changed.

A prompt shows a member's words in the creator's DMs (or the server's inbox channel). When the
member edits that DM, the creator should read the new words; when they delete it, or delete their
data, the words (and for their data, their name) should not stay on show there. The change and the
mark "redraw this Discord message" are one transaction (bot/db/prompt_redraws.py); this service
hands the marks to the worker and says what each message shows now, from the database alone, so a
redraw after a restart draws the same thing.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from bot.core.thanks import MemberMessage, retry_delay
from bot.db import cluster
from bot.db import inbox_flow as flow_sql
from bot.db import messages as messages_sql
from bot.db import prompt_redraws as sql
from bot.db.database import Database


@dataclass(frozen=True)
class Redraw:
    id: int
    message_id: int
    channel_id: int
    owner_id: int
    guild_id: int | None
    embeds: int | None  # how many prompts the message carried, when known
    digest_id: int | None  # set: the message is this reminder digest
    version: int
    attempts: int

    @classmethod
    def from_row(cls, row: Any) -> Redraw:
        return cls(**{key: row[key] for key in row.keys()})


@dataclass(frozen=True)
class Shown:
    """One prompt of the message as it stands: its first message and every message it quotes."""

    prompt_id: int
    first: MemberMessage
    quoted: list[MemberMessage]

    @property
    def open(self) -> bool:
        """Still waiting for the creator: its row of answer buttons stays."""
        return self.first.status == "waiting"


@dataclass(frozen=True)
class DigestShown:
    """A reminder digest as it stands: a line for each message it listed (None: deleted with its
    member's data since), of ``listed`` counted, as sent at ``sent_at``."""

    items: list[MemberMessage | None]
    listed: int
    sent_at: int


class PromptRedraws:
    def __init__(self, db: Database, *, clock: Any = time.time, process_id: str | None = None) -> None:
        self._db = db
        self._clock = clock
        self.process_id = process_id or uuid.uuid4().hex  # who holds the redraws it claims (bot/db/cluster.py)

    def now(self) -> int:
        return int(self._clock())

    def _alive_since(self) -> int:
        return self.now() - cluster.DEAD_AFTER_SECONDS

    async def due(self, limit: int = 20) -> list[Redraw]:
        """Messages to draw again now, leased to this process; none another live process holds."""
        rows = await self._db.transaction(sql.claim, self.process_id, self.now(), self._alive_since(), limit)
        return sorted((Redraw.from_row(row) for row in rows), key=lambda redraw: redraw.id)

    async def layout(self, redraw: Redraw) -> list[Shown | None] | None:
        """What the message shows now, embed by embed: a prompt, or None where its prompt is gone
        (the member deleted their data). None when that cannot be known: the message was sent
        before prompts kept their place in it, and drawing it from a guess could drop or reorder
        another member's prompt."""
        rows = await sql.prompts_in_message(self._db, redraw.channel_id, redraw.message_id)
        if any(row["position"] is None or row["message_embeds"] is None for row in rows):
            return None
        count = max([redraw.embeds or 0, *(row["message_embeds"] for row in rows)])
        if count == 0:
            return None
        slots: list[Shown | None] = [None] * count
        for row in rows:
            first_row = await messages_sql.get_message(self._db, row["member_message_id"])
            if first_row is None or not 0 <= row["position"] < count:
                continue
            first = MemberMessage.from_row(first_row)
            quoted = [MemberMessage.from_row(r) for r in await flow_sql.prompt_messages(self._db, row["id"], first.id)]
            slots[row["position"]] = Shown(row["id"], first, quoted or [first])
        return slots

    async def digest_layout(self, redraw: Redraw) -> DigestShown | None:
        """What the digest shows now (None: it is gone, or was sent before digests kept their lines)."""
        assert redraw.digest_id is not None
        digest = await sql.digest(self._db, redraw.digest_id)
        if digest is None or digest["shown"] is None:
            return None
        items: list[MemberMessage | None] = [None] * digest["shown"]
        for row in await sql.digest_items(self._db, redraw.digest_id):
            found = await messages_sql.get_message(self._db, row["member_message_id"])
            if found is not None and 0 <= row["position"] < len(items):
                items[row["position"]] = MemberMessage.from_row(found)
        return DigestShown(items, digest["listed"], digest["sent_at"])

    async def done(self, redraw: Redraw) -> None:
        """Drawn, or nothing left to draw (the message is gone): forgotten, unless changed again."""
        await sql.done(self._db, redraw.id, redraw.version)

    async def failed(self, redraw: Redraw) -> int:
        """Discord did not take the edit for now: tried again later, never dropped (they are words a
        member took back), with a growing delay up to an hour. Returns the delay in seconds."""
        delay = retry_delay(redraw.attempts)
        await sql.retry_at(self._db, redraw.id, self.now() + delay)
        return delay

    async def seconds_until_next(self) -> float | None:
        recheck_at = self.now() + int(cluster.HEARTBEAT_SECONDS)
        due = await sql.next_due(self._db, self.process_id, self._alive_since(), recheck_at)
        return None if due is None else max(0.0, due - self._clock())
