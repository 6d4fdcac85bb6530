"""How much work is waiting: for the operator's metrics (handout_queue_depth and _oldest_seconds)."""

from __future__ import annotations

from bot.db.database import Connection, Database

# One statement per queue, each served by a partial index on its status.
_QUEUES = {
    "deliveries": "SELECT COUNT(*), MIN(requested_at) FROM deliveries WHERE status = 'pending'",
    "prompts": "SELECT COUNT(*), MIN(created_at) FROM prompts WHERE status = 'queued'",
    "digests": "SELECT COUNT(*), MIN(created_at) FROM digests WHERE status = 'queued'",
    # Prompts and digests already sent, to draw again (a member edited or deleted what they quote).
    "redraws": "SELECT COUNT(*), MIN(marked_at) FROM prompt_redraws",
}


async def waiting(db: Database) -> dict[str, tuple[int, int | None]]:
    """queue -> (how many wait, when the oldest was queued, in Unix seconds)."""

    def read(conn: Connection) -> dict[str, tuple[int, int | None]]:
        return {name: tuple(conn.execute(sql).fetchone()) for name, sql in _QUEUES.items()}  # type: ignore[misc]

    return await db.run(read)
