"""SQL for a creator's one reply to everyone who thanked for a resource, and its per-member outbox."""

from __future__ import annotations

from bot.db.database import Connection, Database, Row


def waiting_thanks(conn: Connection, resource_id: int, since: int) -> list[Row]:
    """Thank-yous still waiting for an answer; questions and other messages never (each needs its own)."""
    return conn.execute(
        "SELECT id, member_id FROM member_messages WHERE resource_id = ? AND label = 'thanks' AND status = 'waiting'"
        " AND received_at >= ? ORDER BY id",
        (resource_id, since),
    ).fetchall()


def insert_reply_all(conn: Connection, values: dict) -> int | None:
    row = conn.execute(
        "INSERT INTO reply_alls (source_id, owner_id, guild_id, resource_id, author_id, author_name, author_avatar,"
        " content, since, created_at) VALUES (:source_id, :owner_id, :guild_id, :resource_id, :author_id,"
        " :author_name, :author_avatar, :content, :since, :created_at)"
        " ON CONFLICT (source_id) DO NOTHING RETURNING id",
        values,
    ).fetchone()
    return None if row is None else row[0]


def queue_send(conn: Connection, reply_all_id: int, member_id: int, now: int) -> None:
    conn.execute(
        "INSERT INTO reply_all_sends (reply_all_id, member_id, next_attempt_at) VALUES (?, ?, ?)"
        " ON CONFLICT (reply_all_id, member_id) DO NOTHING",
        (reply_all_id, member_id, now),
    )


def mark_answered(conn: Connection, message_ids: list[int], by: int, now: int) -> None:
    conn.executemany(
        "UPDATE member_messages SET status = 'answered', answered_by = ?, answered_how = 'relayed_to_all',"
        " answered_at = ? WHERE id = ? AND status = 'waiting'",
        [(by, now, message_id) for message_id in message_ids],
    )


async def due_sends(db: Database, now: int, limit: int) -> list[Row]:
    return await db.fetchall(
        "SELECT s.id, s.member_id, s.attempts, a.id AS reply_all_id, a.resource_id, a.author_name, a.author_avatar,"
        " a.content FROM reply_all_sends s JOIN reply_alls a ON a.id = s.reply_all_id"
        " WHERE s.status = 'queued' AND s.next_attempt_at <= ? ORDER BY s.next_attempt_at, s.id LIMIT ?",
        (now, limit),
    )


async def next_send_due(db: Database) -> int | None:
    return await db.fetchval("SELECT MIN(next_attempt_at) FROM reply_all_sends WHERE status = 'queued'")


def _sent(conn: Connection, send_id: int, member_id: int, resource_id: int, message_id: int, now: int) -> None:
    conn.execute(
        "UPDATE reply_all_sends SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
        (message_id, now, send_id),
    )
    # The reply in the member's DM: a thank-you for it is then recognised as closing the loop.
    conn.execute(
        "UPDATE member_messages SET reply_message_id = ? WHERE member_id = ? AND resource_id = ?"
        " AND answered_how = 'relayed_to_all' AND reply_message_id IS NULL",
        (message_id, member_id, resource_id),
    )


async def sent(db: Database, send_id: int, member_id: int, resource_id: int, message_id: int, now: int) -> None:
    await db.transaction(_sent, send_id, member_id, resource_id, message_id, now)


async def retry_later(db: Database, send_id: int, error: str, next_attempt_at: int) -> None:
    await db.execute(
        "UPDATE reply_all_sends SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
        (error[:500], next_attempt_at, send_id),
    )


def _undeliverable(conn: Connection, send_id: int, member_id: int, resource_id: int, error: str) -> None:
    conn.execute(
        "UPDATE reply_all_sends SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
        (error[:500], send_id),
    )
    # Not answered after all: back to waiting, so the creator still sees it in /thanks pending.
    conn.execute(
        "UPDATE member_messages SET status = 'waiting', answered_by = NULL, answered_how = NULL, answered_at = NULL"
        " WHERE member_id = ? AND resource_id = ? AND answered_how = 'relayed_to_all' AND reply_message_id IS NULL",
        (member_id, resource_id),
    )


async def undeliverable(db: Database, send_id: int, member_id: int, resource_id: int, error: str) -> None:
    await db.transaction(_undeliverable, send_id, member_id, resource_id, error)
