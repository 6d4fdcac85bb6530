"""SQL for deliveries."""

from __future__ import annotations

from bot.db.database import Database


async def delivered_counts(db: Database, guild_id: int) -> dict[int, int]:
    rows = await db.fetchall(
        "SELECT resource_id, COUNT(*) FROM deliveries WHERE guild_id = ? AND status = 'delivered' GROUP BY resource_id",
        (guild_id,),
    )
    return {row[0]: row[1] for row in rows}
