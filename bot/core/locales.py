"""Which language to answer a member in.

Interactions carry the member's Discord locale; DMs do not. So we remember the last locale an
interaction showed us, and for a DM use: that locale, else the language of the message itself,
else the guild's preferred locale, else English.
"""

from __future__ import annotations

import time

from bot.core.language import detect_language
from bot.db import locales as sql
from bot.db.database import Database

DEFAULT_LOCALE = "en-US"


class LocaleService:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Only write when a member's locale changes: a burst of clicks costs no extra writes.
        self._known: dict[int, str] = {}

    async def remember(self, user_id: int, locale: str) -> None:
        if not locale or self._known.get(user_id) == locale:
            return
        self._known[user_id] = locale
        await sql.put(self._db, user_id, locale, int(time.time()))

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
        await sql.delete(self._db, user_id)
