"""Per-guild settings a creator can change with /handout."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from bot.core.errors import ValidationError
from bot.core.retention import DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS
from bot.db import guild_settings as sql
from bot.db.database import Database

DEFAULT_REMINDER_HOURS = 24
MAX_REMINDER_HOURS = 720
DEFAULT_EXPIRE_DAYS = 30  # a message waiting longer gets "no answer given" (see bot.core.inbox_flow)
MAX_EXPIRE_DAYS = 3650


class DeliveryMode(StrEnum):
    DM = "dm"  # to the member's DMs, with a private confirmation in the channel
    HERE = "here"  # always privately in the channel (ephemeral), never a DM


@dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    delivery_mode: DeliveryMode = DeliveryMode.DM
    inbox_channel_id: int | None = None
    reminder_hours: int = DEFAULT_REMINDER_HOURS
    inbox_set_by: int | None = None  # who chose the inbox: told if Handout has to stop using it
    retention_days: int = DEFAULT_RETENTION_DAYS  # members' message text is kept this long; 0 = keep
    expire_days: int = DEFAULT_EXPIRE_DAYS


class GuildSettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Read on every click; written only through this service, which drops the entry it changes.
        self._cache: dict[int, GuildSettings] = {}

    async def get(self, guild_id: int) -> GuildSettings:
        cached = self._cache.get(guild_id)
        if cached is not None:
            return cached
        row = await sql.get(self._db, guild_id)
        settings = GuildSettings(guild_id)
        if row is not None:
            settings = GuildSettings(
                guild_id=guild_id,
                delivery_mode=DeliveryMode(row["delivery_mode"]),
                inbox_channel_id=row["inbox_channel_id"],
                reminder_hours=row["reminder_hours"],
                inbox_set_by=row["inbox_set_by"],
                retention_days=row["retention_days"],
                expire_days=row["expire_days"],
            )
        self._cache[guild_id] = settings
        return settings

    async def set_delivery_mode(self, guild_id: int, mode: str) -> GuildSettings:
        try:
            value = DeliveryMode(mode)
        except ValueError:
            raise ValidationError("mode", "choice", choices="dm, here") from None
        await sql.put(self._db, guild_id, "delivery_mode", value.value, int(time.time()))
        self._cache.pop(guild_id, None)
        return await self.get(guild_id)

    async def set_inbox_channel(
        self, guild_id: int, channel_id: int | None, set_by: int | None = None
    ) -> GuildSettings:
        """``channel_id`` must already have passed ``bot.core.inbox.inbox_problem``."""
        await sql.set_inbox(self._db, guild_id, channel_id, set_by if channel_id else None, int(time.time()))
        self._cache.pop(guild_id, None)
        return await self.get(guild_id)

    async def drop_inbox_channel(self, guild_id: int, channel_id: int) -> bool:
        """Prompts go back to the creators' DMs. True only for the one caller that made the change,
        so whoever must be told about it is told once, however many prompts were in flight."""
        dropped = await sql.drop_inbox(self._db, guild_id, channel_id, int(time.time()))
        self._cache.pop(guild_id, None)
        return dropped

    async def set_reminder_hours(self, guild_id: int, hours: int) -> GuildSettings:
        if not 0 <= hours <= MAX_REMINDER_HOURS:
            raise ValidationError("hours", "range", low=0, high=MAX_REMINDER_HOURS)
        await sql.put(self._db, guild_id, "reminder_hours", hours, int(time.time()))
        self._cache.pop(guild_id, None)
        return await self.get(guild_id)

    async def set_retention_days(self, guild_id: int, days: int) -> GuildSettings:
        if not 0 <= days <= MAX_RETENTION_DAYS:
            raise ValidationError("days", "range", low=0, high=MAX_RETENTION_DAYS)
        await sql.put(self._db, guild_id, "retention_days", days, int(time.time()))
        self._cache.pop(guild_id, None)
        return await self.get(guild_id)

    async def set_expire_days(self, guild_id: int, days: int) -> GuildSettings:
        if not 1 <= days <= MAX_EXPIRE_DAYS:
            raise ValidationError("expire_days", "range", low=1, high=MAX_EXPIRE_DAYS)
        await sql.put(self._db, guild_id, "expire_days", days, int(time.time()))
        self._cache.pop(guild_id, None)
        return await self.get(guild_id)
