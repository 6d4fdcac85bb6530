"""Members' DM channels with the bot, remembered once known.

Opening a DM channel is a request of its own (``POST /users/@me/channels``), and discord.py keeps
the channel only in this process's memory until it stops. Stored, a repeat recipient costs one
request (the send) in every process of a cluster and after every restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.db import dm_channels as sql
from bot.db.database import Database


class DmChannels:
    def __init__(self, db: Database, *, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock

    async def stored(self, member_id: int) -> int | None:
        return await sql.stored(self._db, member_id)

    async def remember(self, member_id: int, channel_id: int) -> None:
        await sql.remember(self._db, member_id, channel_id, int(self._clock()))

    async def forget(self, channel_id: int) -> None:
        """Discord says this channel is not our DM with the member (Unknown Channel, or Missing
        Access to another application's DM): open a new one next time."""
        await sql.forget(self._db, channel_id)
