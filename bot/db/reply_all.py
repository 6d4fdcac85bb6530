"""SQL for a creator's one reply to everyone who thanked for a resource, and its per-member outbox."""

from __future__ import annotations

from bot.db import cluster, inbox_flow
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


def claim_sends(conn: Connection, me: str, now: int, alive_since: int, limit: int) -> list[Row]:
    """Lease to ``me`` the sends due now that no live process holds (as prompts are, see
    bot/db/cluster.py): every process's worker empties this outbox, each row goes out once."""
    leased = cluster.lease_queued(conn, "reply_all_sends", me=me, now=now, alive_since=alive_since, limit=limit)
    ids = [row[0] for row in leased]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return conn.execute(
        "SELECT s.id, s.member_id, s.attempts, a.id AS reply_all_id, a.resource_id, a.author_name, a.author_avatar,"
        " a.content FROM reply_all_sends s JOIN reply_alls a ON a.id = s.reply_all_id"
        f" WHERE s.id IN ({marks}) ORDER BY s.next_attempt_at, s.id",
        ids,
    ).fetchall()


async def next_send_due(db: Database, me: str, alive_since: int, recheck_at: int) -> int | None:
    """When the next send this process could claim is due; one another live process holds is
    looked at again at ``recheck_at`` (that process may stop)."""
    where, params = cluster.claimable(alive_since, me)
    return await db.fetchval(
        f"SELECT MIN(CASE WHEN {where} THEN next_attempt_at ELSE CAST(? AS BIGINT) END) FROM reply_all_sends"
        " WHERE status = 'queued'",
        (*params, recheck_at),
    )


# Finishing a send is guarded by its lease, as a prompt's is (bot/db/messages.py): a process that
# lost it records nothing; the nonce made both sends one message.


def _sent(conn: Connection, send_id: int, member_id: int, resource_id: int, message_id: int, now: int, me: str) -> None:
    changed = conn.execute(
        "UPDATE reply_all_sends SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL,"
        " lease_owner = NULL WHERE id = ? AND lease_owner = ?",
        (message_id, now, send_id, me),
    ).rowcount
    if not changed:
        return
    # The reply in the member's DM: a thank-you for it is then recognised as closing the loop.
    conn.execute(
        "UPDATE member_messages SET reply_message_id = ? WHERE member_id = ? AND resource_id = ?"
        " AND answered_how = 'relayed_to_all' AND reply_message_id IS NULL",
        (message_id, member_id, resource_id),
    )


async def sent(
    db: Database, send_id: int, member_id: int, resource_id: int, message_id: int, now: int, me: str
) -> None:
    await db.transaction(_sent, send_id, member_id, resource_id, message_id, now, me)


async def retry_later(db: Database, send_id: int, error: str, next_attempt_at: int, me: str) -> None:
    # Released: when it is due again, whichever process looks first sends it.
    await db.execute(
        "UPDATE reply_all_sends SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_owner = NULL"
        " WHERE id = ? AND lease_owner = ?",
        (error[:500], next_attempt_at, send_id, me),
    )


def _undeliverable(conn: Connection, send_id: int, member_id: int, resource_id: int, error: str, me: str) -> None:
    changed = conn.execute(
        "UPDATE reply_all_sends SET status = 'failed', attempts = attempts + 1, last_error = ?, lease_owner = NULL"
        " WHERE id = ? AND lease_owner = ?",
        (error[:500], send_id, me),
    ).rowcount
    if not changed:
        return
    # Not answered after all: back to waiting, so the creator still sees it in /thanks pending (and
    # in the summary that counts it).
    waiting = conn.execute(
        "UPDATE member_messages SET status = 'waiting', answered_by = NULL, answered_how = NULL, answered_at = NULL"
        " WHERE member_id = ? AND resource_id = ? AND answered_how = 'relayed_to_all' AND reply_message_id IS NULL"
        " RETURNING id",
        (member_id, resource_id),
    ).fetchall()
    inbox_flow.counts_changed(conn, [row[0] for row in waiting])


async def undeliverable(db: Database, send_id: int, member_id: int, resource_id: int, error: str, me: str) -> None:
    await db.transaction(_undeliverable, send_id, member_id, resource_id, error, me)
