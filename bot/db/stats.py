"""SQL for stats, export and privacy: read-mostly queries across deliveries and messages."""

from __future__ import annotations

from bot.db import inbox_flow, prompt_redraws
from bot.db.database import Connection, Database, Row


async def owner_deliveries(db: Database, owner_id: int, guild_id: int, since: int) -> list[Row]:
    return await db.fetchall(
        "SELECT d.id, d.resource_id, r.name, r.title, d.member_id, d.requested_via, d.delivered_via, d.status,"
        " d.failure, d.is_repeat, d.requested_at, d.delivered_at"
        " FROM deliveries d JOIN resources r ON r.id = d.resource_id"
        " WHERE r.owner_id = ? AND d.guild_id = ? AND d.requested_at >= ? ORDER BY d.requested_at, d.id",
        (owner_id, guild_id, since),
    )


async def owner_messages(db: Database, owner_id: int, guild_id: int, since: int) -> list[Row]:
    return await db.fetchall(
        "SELECT m.id, m.resource_id, r.name, r.title, m.delivery_id, m.member_id, m.label, m.via, m.content,"
        " m.status, m.answered_by, m.answered_how, m.received_at, m.answered_at, m.text_removed_at"
        " FROM member_messages m JOIN resources r ON r.id = m.resource_id"
        " WHERE m.owner_id = ? AND m.guild_id = ? AND m.received_at >= ? ORDER BY m.received_at, m.id",
        (owner_id, guild_id, since),
    )


async def member_summary(db: Database, member_id: int) -> dict[str, int]:
    deliveries = await db.fetchval("SELECT COUNT(*) FROM deliveries WHERE member_id = ?", (member_id,))
    messages = await db.fetchval("SELECT COUNT(*) FROM member_messages WHERE member_id = ?", (member_id,))
    locale = await db.fetchval("SELECT COUNT(*) FROM member_locales WHERE user_id = ?", (member_id,))
    closed = await db.fetchval("SELECT COUNT(*) FROM closed_dms WHERE member_id = ?", (member_id,))
    return {"deliveries": deliveries, "messages": messages, "locale": locale, "closed_dms": closed}


async def member_messages(db: Database, member_id: int, limit: int) -> list[Row]:
    return await db.fetchall(
        "SELECT label, content, received_at, also_sent FROM member_messages WHERE member_id = ?"
        " ORDER BY received_at DESC LIMIT ?",
        (member_id, limit),
    )


async def delete_member(db: Database, member_id: int, now: int) -> tuple[dict[str, int], list[int]]:
    """Remove a member's messages and personal traces; keep deliveries as anonymous counts.

    Returns the counts and the ids of the member's pending deliveries, which are cancelled. Their
    words, name and ids are then gone from every database file at once: on SQLite ``secure_delete``
    zeroes them in the database pages, and the WAL, which still holds the pages as they were, is
    checkpointed and truncated (it would otherwise keep them until it wraps around); on PostgreSQL
    the touched tables are vacuumed (see ``forget_deleted``).
    """
    result = await db.transaction(_delete_member, member_id, now)
    await db.forget_deleted(_MEMBER_TABLES)
    return result


# Every table a member's deletion deletes from or rewrites (member_messages cascades to prompts,
# route_choices and digest_items; member_preferences goes in the same request, bot/db/member_data.py).
_MEMBER_TABLES = (
    "deliveries",
    "member_messages",
    "prompts",
    "route_choices",
    "digest_items",
    "member_locales",
    "closed_dms",
    "cooldown_notices",
    "acknowledgements",
    "guild_members",
    "member_preferences",
    "dm_channels",
)


def _delete_member(conn: Connection, member_id: int, now: int) -> tuple[dict[str, int], list[int]]:
    # Queued prompts about these messages go with them (ON DELETE CASCADE); digests read their
    # items when sent. Pending deliveries are cancelled, so no restart delivers them later.
    cancelled = [
        row[0]
        for row in conn.execute(
            "UPDATE deliveries SET status = 'failed', failure = 'cancelled: the member deleted their data'"
            " WHERE member_id = ? AND status = 'pending' RETURNING id",
            (member_id,),
        ).fetchall()
    ]
    # A summary counting their waiting messages would count messages that are gone: due for an edit.
    # Marked before the delete, which takes the prompts that tie the messages to the summary with it.
    waiting = conn.execute(
        "SELECT id FROM member_messages WHERE member_id = ? AND status = 'waiting'", (member_id,)
    ).fetchall()
    inbox_flow.counts_changed(conn, [row[0] for row in waiting])
    # Prompts already sent quote their words and name in a creator's DMs: drawn again without them.
    prompt_redraws.mark_for_member(conn, member_id, now)
    removed = conn.execute("DELETE FROM member_messages WHERE member_id = ?", (member_id,)).rowcount
    anonymised = conn.execute(
        "UPDATE deliveries SET member_id = NULL, message_id = NULL, channel_id = NULL, request_channel_id = NULL,"
        " interaction_token = NULL WHERE member_id = ?",
        (member_id,),
    ).rowcount
    conn.execute("DELETE FROM member_locales WHERE user_id = ?", (member_id,))
    conn.execute("DELETE FROM closed_dms WHERE member_id = ?", (member_id,))
    conn.execute("DELETE FROM dm_channels WHERE member_id = ?", (member_id,))
    conn.execute("DELETE FROM cooldown_notices WHERE member_id = ?", (member_id,))
    conn.execute("DELETE FROM acknowledgements WHERE member_id = ?", (member_id,))
    conn.execute("DELETE FROM reply_all_sends WHERE member_id = ?", (member_id,))
    conn.execute("DELETE FROM guild_members WHERE member_id = ?", (member_id,))
    return {"messages": removed, "deliveries": anonymised}, cancelled
