"""SQL for members' DM channels with the bot, once known (see migration 0017)."""

from __future__ import annotations

from bot.db.database import Database


async def stored(db: Database, member_id: int) -> int | None:
    return await db.fetchval("SELECT channel_id FROM dm_channels WHERE member_id = ?", (member_id,))


async def remember(db: Database, member_id: int, channel_id: int, now: int) -> None:
    await db.execute(
        "INSERT INTO dm_channels (member_id, channel_id, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET channel_id = excluded.channel_id, updated_at = excluded.updated_at",
        (member_id, channel_id, now),
    )


async def forget(db: Database, channel_id: int) -> None:
    # By channel: whoever learnt it, nobody uses a channel Discord no longer knows.
    await db.execute("DELETE FROM dm_channels WHERE channel_id = ?", (channel_id,))
