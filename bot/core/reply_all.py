"""One personal reply to everyone who thanked a creator for a resource in a period.

The creator writes it once; each member receives it in their DMs, labelled honestly as the
creator's own words written to everyone who said thanks for that resource. Only thank-yous: a
question is never answered this way, it needs its own reply. Each message is recorded as answered
by a human (``relayed_to_all``) when the reply is queued; the sends go through an outbox, one row
per member with its own nonce, so a crash neither loses nor repeats one, and a member the bot
cannot write to (DMs closed) gets their message back in /thanks pending.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from bot.core.errors import Conflict, Forbidden, HandoutError
from bot.core.resources import Actor
from bot.db import cluster
from bot.db import inbox_flow as flow_sql
from bot.db import reply_all as sql
from bot.db.database import Database

MAX_DAYS = 30


@dataclass(frozen=True)
class ReplyAllQueued:
    reply_all_id: int
    members: int


@dataclass(frozen=True)
class ReplyAllSend:
    id: int
    member_id: int
    attempts: int
    reply_all_id: int
    resource_id: int
    author_name: str
    author_avatar: str | None
    content: str


class ReplyAllService:
    def __init__(self, db: Database, *, clock: Any = time.time, process_id: str | None = None) -> None:
        self._db = db
        self._clock = clock
        # Who holds the lease of the sends this service claims (bot/db/cluster.py).
        self.process_id = process_id or uuid.uuid4().hex

    def now(self) -> int:
        return int(self._clock())

    async def queue(
        self,
        *,
        source_id: int,
        resource_id: int,
        owner_id: int,
        guild_id: int,
        resource_title: str,
        actor: Actor,
        author_name: str,
        author_avatar: str | None,
        text: str,
        days: int,
    ) -> ReplyAllQueued | None:
        """None: this form submit was queued before (a replayed event)."""
        if actor.user_id != owner_id and not actor.manages_guild:
            raise Forbidden("error.not_your_message", owner_id=owner_id)
        if not 1 <= days <= MAX_DAYS:
            raise HandoutError("error.reply_all_days")
        now = self.now()
        values = {
            "source_id": source_id,
            "owner_id": owner_id,
            "guild_id": guild_id,
            "resource_id": resource_id,
            "author_id": actor.user_id,
            "author_name": author_name,
            "author_avatar": author_avatar,
            "content": text,
            "since": now - days * 86400,
            "created_at": now,
        }
        return await self._db.transaction(_queue, values, resource_title)

    async def due_sends(self, limit: int = 50) -> list[ReplyAllSend]:
        """Sends due now, leased to this process until it records how each went; none another live
        process holds."""
        rows = await self._db.transaction(sql.claim_sends, self.process_id, self.now(), self._alive_since(), limit)
        return [ReplyAllSend(**{key: row[key] for key in row.keys()}) for row in rows]

    async def seconds_until_next_send(self) -> float | None:
        due = await sql.next_send_due(
            self._db, self.process_id, self._alive_since(), self.now() + int(cluster.HEARTBEAT_SECONDS)
        )
        return None if due is None else max(0.0, due - self._clock())

    def _alive_since(self) -> int:
        return self.now() - cluster.DEAD_AFTER_SECONDS

    async def sent(self, send: ReplyAllSend, message_id: int) -> None:
        await sql.sent(self._db, send.id, send.member_id, send.resource_id, message_id, self.now(), self.process_id)

    async def failed(self, send: ReplyAllSend, error: str) -> None:
        from bot.core.thanks import retry_delay

        await sql.retry_later(self._db, send.id, error, self.now() + retry_delay(send.attempts), self.process_id)

    async def undeliverable(self, send: ReplyAllSend, error: str) -> None:
        await sql.undeliverable(self._db, send.id, send.member_id, send.resource_id, error, self.process_id)


def _queue(conn: Any, values: dict, resource_title: str) -> ReplyAllQueued | None:
    messages = sql.waiting_thanks(conn, values["resource_id"], values["since"])
    if not messages:
        if conn.execute("SELECT 1 FROM reply_alls WHERE source_id = ?", (values["source_id"],)).fetchone():
            return None
        raise Conflict("error.reply_all_nobody", resource=resource_title)
    reply_all_id = sql.insert_reply_all(conn, values)
    if reply_all_id is None:
        return None
    members = sorted({row["member_id"] for row in messages})
    for member_id in members:
        sql.queue_send(conn, reply_all_id, member_id, values["created_at"])
    answered = [row["id"] for row in messages]
    sql.mark_answered(conn, answered, values["author_id"], values["created_at"])
    flow_sql.counts_changed(conn, answered)
    return ReplyAllQueued(reply_all_id, len(members))
