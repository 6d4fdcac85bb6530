"""Which language to answer a member in.

Interactions carry the member's Discord locale; DMs do not. So we remember the last locale an
interaction showed us, and for a DM use: that locale, else the language of the message itself,
else the guild's preferred locale, else English.
"""

from __future__ import annotations

import asyncio
import time

from bot.core.language import detect_language
from bot.db import locales as sql
from bot.db.database import Database

DEFAULT_LOCALE = "en-US"


class LocaleService:
    # Seen locales are written in batches, this many seconds apart: a burst of a thousand clicks
    # from new members then costs one database job, not a thousand in front of their deliveries.
    # A crash loses at most this window of locales, which the next interaction tells us again.
    FLUSH_AFTER_SECONDS = 2.0

    def __init__(self, db: Database) -> None:
        self._db = db
        self._known: dict[int, str] = {}
        self._dirty: dict[int, str] = {}
        self._flush: asyncio.TimerHandle | None = None

    async def remember(self, user_id: int, locale: str) -> None:
        if not locale or self._known.get(user_id) == locale:
            return
        self._known[user_id] = locale
        self._dirty[user_id] = locale
        if self._flush is None:
            loop = asyncio.get_running_loop()
            self._flush = loop.call_later(self.FLUSH_AFTER_SECONDS, lambda: loop.create_task(self.flush()))

    async def flush(self) -> None:
        """Write the locales seen since the last flush (also called on shutdown)."""
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        dirty, self._dirty = self._dirty, {}
        if dirty:
            await sql.put_many(self._db, list(dirty.items()), int(time.time()))

    async def last_known(self, user_id: int) -> str | None:
        if user_id in self._known:
            return self._known[user_id]
        locale = await sql.get(self._db, user_id)
        if locale:
            self._known[user_id] = locale
        return locale

    async def for_member(self, user_id: int, text: str = "", guild_locale: str | None = None) -> str:
        return (await self.last_known(user_id)) or detect_language(text) or guild_locale or DEFAULT_LOCALE

    async def forget(self, user_id: int) -> None:
        self._known.pop(user_id, None)
        self._dirty.pop(user_id, None)
        await sql.delete(self._db, user_id)
