"""SQL for routing a member's message: their recent deliveries, and messages awaiting their choice."""

from __future__ import annotations

from bot.db.database import Connection, Database, Row

# A member with more deliveries than this in the routing window is routed among the newest ones.
RECENT_LIMIT = 200

_RECENT = (
    "SELECT d.id AS delivery_id, d.resource_id, d.guild_id, r.owner_id, r.name, r.title"
    " FROM deliveries d JOIN resources r ON r.id = d.resource_id"
    " WHERE d.member_id = ? AND d.status = 'delivered' AND d.delivered_at >= ?"
    " ORDER BY d.delivered_at DESC, d.id DESC LIMIT ?"
)


def recent_deliveries(conn: Connection, member_id: int, since: int) -> list[Row]:
    """The member's deliveries since ``since``, newest first (callers keep one per resource)."""
    return conn.execute(_RECENT, (member_id, since, RECENT_LIMIT)).fetchall()


async def recent_deliveries_async(db: Database, member_id: int, since: int) -> list[Row]:
    return await db.fetchall(_RECENT, (member_id, since, RECENT_LIMIT))


def await_choice(conn: Connection, member_message_id: int, now: int) -> None:
    conn.execute(
        "INSERT INTO route_choices (member_message_id, created_at) VALUES (?, ?)"
        " ON CONFLICT (member_message_id) DO NOTHING",
        (member_message_id, now),
    )


def take_choice(conn: Connection, member_message_id: int) -> bool:
    """Claim the message's pending choice; False when it was already made (or never asked)."""
    return conn.execute("DELETE FROM route_choices WHERE member_message_id = ?", (member_message_id,)).rowcount == 1


def set_route(conn: Connection, member_message_id: int, target: Row, status: str) -> None:
    conn.execute(
        "UPDATE member_messages SET guild_id = ?, resource_id = ?, delivery_id = ?, owner_id = ?, status = ?"
        " WHERE id = ? AND owner_id IS NULL",
        (target["guild_id"], target["resource_id"], target["id"], target["owner_id"], status, member_message_id),
    )


async def is_awaiting_choice(db: Database, member_message_id: int) -> bool:
    found = await db.fetchval("SELECT 1 FROM route_choices WHERE member_message_id = ?", (member_message_id,))
    return found is not None
