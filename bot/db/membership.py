"""SQL for the servers members were seen in (see migrations/0007_guild_members.sql)."""

from __future__ import annotations

from bot.db.database import Database


async def guilds_of(db: Database, member_id: int) -> list[int]:
    rows = await db.fetchall("SELECT guild_id FROM guild_members WHERE member_id = ? ORDER BY guild_id", (member_id,))
    return [row["guild_id"] for row in rows]


async def put_many(db: Database, seen: list[tuple[int, int]], now: int) -> None:
    await db.executemany(
        "INSERT INTO guild_members (guild_id, member_id, seen_at) VALUES (?, ?, ?)"
        " ON CONFLICT (guild_id, member_id) DO UPDATE SET seen_at = excluded.seen_at",
        [(guild_id, member_id, now) for guild_id, member_id in seen],
    )


async def delete(db: Database, guild_id: int, member_id: int) -> None:
    await db.execute("DELETE FROM guild_members WHERE guild_id = ? AND member_id = ?", (guild_id, member_id))
