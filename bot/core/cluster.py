"""This process's place in a cluster of processes sharing one database.

It heartbeats every couple of seconds: that keeps its leases (the deliveries, prompts and digests it
is working on) its own, and tells it how many processes are alive, which is how they share the
bot token's request budget. With one process nothing changes: it alone is alive and holds all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable

from bot.db import cluster as sql
from bot.db.database import Database

log = logging.getLogger(__name__)


def new_process_id() -> str:
    # Readable in the database (which host, which pid), unique across restarts of the same pid.
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Cluster:
    def __init__(
        self,
        db: Database,
        *,
        process_id: str | None = None,
        on_live_count: Callable[[int], None],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = db
        self.process_id = process_id or new_process_id()
        self.live = 1
        self._on_live_count = on_live_count
        self._clock = clock
        self._joined_at: int | None = None
        self._task: asyncio.Task[None] | None = None

    async def join(self) -> None:
        """Heartbeat once now (before this process takes any work), then every HEARTBEAT_SECONDS."""
        await self.beat()
        if self._joined_at is None:
            self._joined_at = int(self._clock())
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="handout-cluster-heartbeat")

    async def introduced(self, poll: float = 0.25, at_most: float = 2 * sql.HEARTBEAT_SECONDS + 1) -> None:
        """Return once every other live process has heartbeaten since this one joined, so each
        now counts it and paces at its smaller share of the bot token's requests. Until then a
        process already running at the whole budget (alone until now, mid-burst) and this one at
        its share would together pass Discord's global limit: 45 + 22.5 requests a second for up
        to a heartbeat. Bounded by ``at_most`` seconds: a live process beats every
        HEARTBEAT_SECONDS, and a row that stays silent is this process's own earlier run, killed
        (it sends nothing), which would otherwise hold a restart for DEAD_AFTER_SECONDS."""
        assert self._joined_at is not None, "join() first"
        deadline = time.monotonic() + at_most
        while time.monotonic() < deadline:
            if not await sql.not_yet_seen_by(self._db, self.process_id, self._joined_at, int(self._clock())):
                return
            await asyncio.sleep(poll)
        log.info("Other processes did not heartbeat within %.0f s of this one joining; going on", at_most)

    async def beat(self) -> None:
        live = await self._db.transaction(sql.heartbeat, self.process_id, int(self._clock()))
        if live != self.live:
            log.info("%d Handout process(es) share this database now", live)
        self.live = live
        self._on_live_count(live)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(sql.HEARTBEAT_SECONDS)
            try:
                await self.beat()
            except Exception:  # a busy database for a moment: the next beat is soon
                log.exception("Cluster heartbeat failed")

    async def leave(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
            await sql.leave(self._db, self.process_id)

    async def guild_seen(self, guild_id: int, name: str, shard_id: int) -> None:
        await sql.guild_seen(self._db, guild_id, name, shard_id, int(time.time()))

    async def guild_left(self, guild_id: int) -> None:
        await sql.guild_left(self._db, guild_id)

    async def guilds(self) -> dict[int, str]:
        return await sql.guilds(self._db)

    async def take_identify_slot(self, rate_key: int, spacing_ms: int) -> bool:
        return await sql.take_identify_slot(self._db, rate_key, int(time.time() * 1000), spacing_ms)
