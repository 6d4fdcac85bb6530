"""SQL for the bot's own key/value state."""

from __future__ import annotations

from bot.db.database import Database


async def get(db: Database, key: str) -> str | None:
    return await db.fetchval("SELECT value FROM bot_state WHERE key = ?", (key,))


async def put(db: Database, key: str, value: str) -> None:
    await db.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
