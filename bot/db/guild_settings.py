"""SQL for per-guild settings."""

from __future__ import annotations

from bot.db.database import Database, Row

EDITABLE = ("delivery_mode", "inbox_channel_id", "reminder_hours", "retention_days", "expire_days")


async def get(db: Database, guild_id: int) -> Row | None:
    return await db.fetchone(
        "SELECT guild_id, delivery_mode, inbox_channel_id, inbox_set_by, reminder_hours, retention_days, expire_days"
        " FROM guild_settings WHERE guild_id = ?",
        (guild_id,),
    )


async def put(db: Database, guild_id: int, column: str, value: object, now: int) -> None:
    if column not in EDITABLE:
        raise ValueError(f"not a guild setting: {column}")
    # The column name comes from the EDITABLE whitelist; the value is a parameter.
    await db.execute(
        f"INSERT INTO guild_settings (guild_id, {column}, updated_at) VALUES (?, ?, ?)"
        f" ON CONFLICT (guild_id) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at",
        (guild_id, value, now),
    )


async def set_inbox(db: Database, guild_id: int, channel_id: int | None, set_by: int | None, now: int) -> None:
    await db.execute(
        "INSERT INTO guild_settings (guild_id, inbox_channel_id, inbox_set_by, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (guild_id) DO UPDATE SET inbox_channel_id = excluded.inbox_channel_id,"
        " inbox_set_by = excluded.inbox_set_by, updated_at = excluded.updated_at",
        (guild_id, channel_id, set_by, now),
    )


async def drop_inbox(db: Database, guild_id: int, channel_id: int, now: int) -> bool:
    """Stop using ``channel_id`` as the inbox; False if it no longer was (someone else did it)."""
    changed = await db.execute(
        "UPDATE guild_settings SET inbox_channel_id = NULL, updated_at = ? WHERE guild_id = ? AND inbox_channel_id = ?",
        (now, guild_id, channel_id),
    )
    return changed == 1
