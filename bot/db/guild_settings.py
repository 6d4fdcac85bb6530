"""SQL for per-guild settings."""

from __future__ import annotations

import sqlite3

from bot.db.database import Database

EDITABLE = ("delivery_mode", "inbox_channel_id", "reminder_hours")


async def get(db: Database, guild_id: int) -> sqlite3.Row | None:
    return await db.fetchone(
        "SELECT guild_id, delivery_mode, inbox_channel_id, reminder_hours FROM guild_settings WHERE guild_id = ?",
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
