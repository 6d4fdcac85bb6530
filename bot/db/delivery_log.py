"""SQL for a resource's delivery log (/resource log)."""

from __future__ import annotations

from bot.db.database import Database, Row


async def recent(db: Database, resource_id: int, limit: int) -> list[Row]:
    """A resource's newest deliveries, newest first."""
    return await db.fetchall(
        "SELECT id, member_id, requested_via, delivered_via, status, failure, is_repeat, requested_at"
        " FROM deliveries WHERE resource_id = ? ORDER BY requested_at DESC, id DESC LIMIT ?",
        (resource_id, limit),
    )
