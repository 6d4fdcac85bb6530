"""SQL for members' data rights: everything stored about one member (export), the never-DM
preference, and removing old message text (retention). Portable SQL: no SQLite-only syntax."""

from __future__ import annotations

from bot.db.database import Connection, Database, Row
from bot.db.messages import REMOVE_TEXT

# Read in pages: a member with thousands of rows is exported without one huge result in memory
# at once on the database thread, and other jobs (clicks) get their turn between pages.
PAGE = 500


async def deliveries_page(db: Database, member_id: int, after_id: int) -> list[Row]:
    """The member's deliveries, with what they were of; ``after_id`` pages through them."""
    return await db.fetchall(
        "SELECT d.id, d.guild_id, r.name, r.title, d.requested_via, d.delivered_via, d.status, d.is_repeat,"
        " d.requested_at, d.delivered_at FROM deliveries d JOIN resources r ON r.id = d.resource_id"
        " WHERE d.member_id = ? AND d.id > ? ORDER BY d.id LIMIT ?",
        (member_id, after_id, PAGE),
    )


async def messages_page(db: Database, member_id: int, after_id: int) -> list[Row]:
    return await db.fetchall(
        "SELECT m.id, m.guild_id, m.delivery_id, r.name, r.title, m.label, m.via, m.content, m.locale, m.status,"
        " m.answered_how, m.answered_at, m.received_at, m.text_removed_at, m.member_name, m.also_sent,"
        " m.text_removed_why"
        " FROM member_messages m LEFT JOIN resources r ON r.id = m.resource_id"
        " WHERE m.member_id = ? AND m.id > ? ORDER BY m.id LIMIT ?",
        (member_id, after_id, PAGE),
    )


async def owned_resources(db: Database, member_id: int) -> list[Row]:
    """Resources this person added as a creator (their own data too; never other members')."""
    return await db.fetchall(
        "SELECT id, guild_id, name, title, created_at, archived_at FROM resources WHERE owner_id = ? ORDER BY id",
        (member_id,),
    )


async def member_state(db: Database, member_id: int) -> dict[str, object]:
    """The small per-member rows: locale, closed DMs, DM channel, preference, servers seen in, notices."""

    def read(conn: Connection) -> dict[str, object]:
        def one(sql: str) -> Row | None:
            return conn.execute(sql, (member_id,)).fetchone()

        return {
            "locale": one("SELECT locale, updated_at FROM member_locales WHERE user_id = ?"),
            "closed_dms": one("SELECT closed_at FROM closed_dms WHERE member_id = ?"),
            "dm_channel": one("SELECT channel_id FROM dm_channels WHERE member_id = ?"),
            "preferences": one("SELECT never_dm, updated_at FROM member_preferences WHERE member_id = ?"),
            "acknowledged": one("SELECT sent_at FROM acknowledgements WHERE member_id = ?"),
            "servers": conn.execute(
                "SELECT guild_id, seen_at FROM guild_members WHERE member_id = ? ORDER BY guild_id", (member_id,)
            ).fetchall(),
            "cooldowns": conn.execute(
                "SELECT guild_id, told_at FROM cooldown_notices WHERE member_id = ? ORDER BY guild_id", (member_id,)
            ).fetchall(),
        }

    return await db.run(read)


# -- the never-DM preference --


async def never_dm(db: Database, member_id: int) -> bool:
    return bool(await db.fetchval("SELECT never_dm FROM member_preferences WHERE member_id = ?", (member_id,)))


async def set_never_dm(db: Database, member_id: int, value: bool, now: int) -> None:
    await db.execute(
        "INSERT INTO member_preferences (member_id, never_dm, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET never_dm = excluded.never_dm, updated_at = excluded.updated_at",
        (member_id, int(value), now),
    )


async def delete_preferences(db: Database, member_id: int) -> bool:
    """True when there was a preference to delete."""
    return await db.execute("DELETE FROM member_preferences WHERE member_id = ?", (member_id,)) > 0


# -- retention --


async def remove_old_text(db: Database, now: int, default_days: int, limit: int) -> int:
    """Blank the text (and the member's name as it was then) of up to ``limit`` messages older
    than their guild's retention (messages without a guild use ``default_days``); 0 days keeps.
    Returns how many were blanked."""
    return await db.execute(
        f"UPDATE member_messages SET {REMOVE_TEXT} WHERE id IN ("
        " SELECT m.id FROM member_messages m LEFT JOIN guild_settings g ON g.guild_id = m.guild_id"
        " WHERE m.text_removed_at IS NULL AND COALESCE(g.retention_days, ?) > 0"
        " AND m.received_at < ? - COALESCE(g.retention_days, ?) * 86400 LIMIT ?)",
        (now, "retention", default_days, now, default_days, limit),
    )
