"""SQL for member messages, the prompt outbox, digests and acknowledgements."""

from __future__ import annotations

from bot.db import cluster, prompt_redraws
from bot.db.database import Connection, Database, Row

MESSAGE_COLUMNS = (
    "id, source_id, member_id, guild_id, resource_id, delivery_id, owner_id, label, via, content, locale,"
    " status, answered_by, answered_how, answered_at, reply_message_id, received_at, member_name, text_removed_at,"
    " also_sent, text_removed_why"
)


def latest_delivery_for(conn: Connection, member_id: int, since: int) -> Row | None:
    return conn.execute(
        "SELECT d.id, d.resource_id, d.guild_id, r.owner_id FROM deliveries d JOIN resources r ON r.id = d.resource_id"
        " WHERE d.member_id = ? AND d.status = 'delivered' AND d.delivered_at >= ?"
        " ORDER BY d.delivered_at DESC, d.id DESC LIMIT 1",
        (member_id, since),
    ).fetchone()


def delivery_target(conn: Connection, delivery_id: int, member_id: int) -> Row | None:
    return conn.execute(
        "SELECT d.id, d.resource_id, d.guild_id, r.owner_id FROM deliveries d JOIN resources r ON r.id = d.resource_id"
        " WHERE d.id = ? AND d.member_id = ?",
        (delivery_id, member_id),
    ).fetchone()


def insert_message(conn: Connection, values: dict) -> int | None:
    inserted = conn.execute(
        "INSERT INTO member_messages (source_id, member_id, guild_id, resource_id, delivery_id, owner_id, label, via,"
        " content, locale, status, received_at, member_name, also_sent) VALUES (:source_id, :member_id, :guild_id,"
        " :resource_id, :delivery_id, :owner_id, :label, :via, :content, :locale, :status, :received_at,"
        " :member_name, :also_sent)"
        " ON CONFLICT (source_id) DO NOTHING RETURNING id",
        values,
    ).fetchall()
    return inserted[0][0] if inserted else None


# What removing a message's text blanks (its words, what it carried, the member's name then), and
# when and why (retention, or the member deleted it). Label, status and timings stay: the figures.
REMOVE_TEXT = "content = '', also_sent = NULL, member_name = NULL, text_removed_at = ?, text_removed_why = ?"


def remove_deleted_text(conn: Connection, source_id: int, now: int) -> int:
    """The member deleted this DM: its text goes, as at retention, and a prompt already sent that
    quotes it is to be redrawn without it (in the same transaction, so a crash loses neither)."""
    removed = conn.execute(
        f"UPDATE member_messages SET {REMOVE_TEXT} WHERE source_id = ? AND via = 'dm' AND text_removed_at IS NULL",
        (now, "deleted", source_id),
    ).rowcount
    if removed:
        prompt_redraws.mark_for_source(conn, source_id, now)
    return removed


def replace_edited_text(conn: Connection, source_id: int, text: str, now: int) -> int:
    """The member edited this DM: its words are now ``text`` (unless they were removed), also in a
    prompt already sent."""
    changed = conn.execute(
        "UPDATE member_messages SET content = ? WHERE source_id = ? AND via = 'dm' AND text_removed_at IS NULL"
        " AND content <> ?",
        (text, source_id, text),
    ).rowcount
    if changed:
        prompt_redraws.mark_for_source(conn, source_id, now)
    return changed


def insert_prompt(conn: Connection, member_message_id: int, now: int) -> None:
    conn.execute(
        "INSERT INTO prompts (member_message_id, next_attempt_at, created_at) VALUES (?, ?, ?)",
        (member_message_id, now, now),
    )


async def get_message(db: Database, message_id: int) -> Row | None:
    return await db.fetchone(f"SELECT {MESSAGE_COLUMNS} FROM member_messages WHERE id = ?", (message_id,))


async def waiting_for_owner(db: Database, owner_id: int, guild_id: int | None, limit: int, offset: int) -> list[Row]:
    return await db.fetchall(
        f"SELECT {MESSAGE_COLUMNS} FROM member_messages WHERE owner_id = ? AND status = 'waiting'"
        " AND (CAST(? AS BIGINT) IS NULL OR guild_id = ?) ORDER BY received_at, id LIMIT ? OFFSET ?",
        (owner_id, guild_id, guild_id, limit, offset),
    )


async def count_waiting_for_owner(db: Database, owner_id: int, guild_id: int | None) -> int:
    return int(
        await db.fetchval(
            "SELECT COUNT(*) FROM member_messages WHERE owner_id = ? AND status = 'waiting'"
            " AND (CAST(? AS BIGINT) IS NULL OR guild_id = ?)",
            (owner_id, guild_id, guild_id),
        )
    )


# -- prompt outbox --


def claim_prompts(conn: Connection, me: str, now: int, alive_since: int, limit: int) -> list[Row]:
    """Lease to ``me`` the prompts due now that no live process holds; (prompt id, attempts,
    message id) for them, in the order they are due."""
    leased = cluster.lease_queued(conn, "prompts", me=me, now=now, alive_since=alive_since, limit=limit)
    ids = [row[0] for row in leased]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return conn.execute(
        "SELECT p.id AS prompt_id, p.attempts, m.id AS message_id FROM prompts p"
        " JOIN member_messages m ON m.id = p.member_message_id"
        f" WHERE p.id IN ({marks}) ORDER BY p.next_attempt_at, p.id",
        ids,
    ).fetchall()


async def queued_among(db: Database, prompts: list[tuple[int, int]]) -> set[int]:
    """Of these (prompt id, source id of its message), the prompts still queued for that message."""
    if not prompts:
        return set()
    pairs = " OR ".join("(p.id = ? AND m.source_id = ?)" for _ in prompts)
    rows = await db.fetchall(
        "SELECT p.id FROM prompts p JOIN member_messages m ON m.id = p.member_message_id"
        f" WHERE p.status = 'queued' AND ({pairs})",
        tuple(value for pair in prompts for value in pair),
    )
    return {row[0] for row in rows}


# Finishing a prompt or digest is guarded by its lease: a process that lost it (stopped
# heartbeating, and a survivor took over) records nothing; the nonce made both sends one message.


def prompt_sent(
    conn: Connection, prompt_id: int, sent: tuple[int, int, int, int], first: tuple[int, int, int | None] | None,
    read_version: int | None, now: int, me: str,
) -> None:  # fmt: skip
    """Sent as embed ``position`` of ``of`` in Discord message ``sent`` = (channel id, message id,
    position, of). ``first``: its first message's (source id, owner id, guild id), and
    ``read_version`` the prompt's ``quoted_version`` before its words were read, for what changed
    while it was on its way: a prompt drawn from older words, or one whose member deleted their data
    meanwhile (the prompt and message rows are gone), is redrawn."""
    channel_id, message_id, position, of = sent
    recorded = conn.execute(
        "UPDATE prompts SET status = 'sent', channel_id = ?, message_id = ?, position = ?, message_embeds = ?,"
        " sent_at = ?, last_error = NULL, lease_owner = NULL WHERE id = ? AND lease_owner = ? RETURNING id",
        (channel_id, message_id, position, of, now, prompt_id, me),
    ).fetchall()
    if first is None or read_version is None:
        return
    if recorded:
        prompt_redraws.sent_with_old_words(conn, prompt_id, read_version, now)
    elif conn.execute("SELECT 1 FROM member_messages WHERE source_id = ?", (first[0],)).fetchone() is None:
        prompt_redraws.mark_message(conn, message_id, channel_id, first[1], first[2], of, now)


async def prompt_retry_later(db: Database, prompt_id: int, error: str, next_attempt_at: int, me: str) -> None:
    # Released: when it is due again, whichever process looks first sends it.
    await db.execute(
        "UPDATE prompts SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_owner = NULL"
        " WHERE id = ? AND lease_owner = ?",
        (error[:500], next_attempt_at, prompt_id, me),
    )


async def prompt_set_aside(db: Database, prompt_id: int, error: str, me: str) -> None:
    """Refused by Discord for good: out of the queue, with the reason kept for an operator."""
    await db.execute(
        "UPDATE prompts SET status = 'refused', attempts = attempts + 1, last_error = ?, lease_owner = NULL"
        " WHERE id = ? AND status = 'queued' AND lease_owner = ?",
        (error[:500], prompt_id, me),
    )


async def prompt_waits_refused_in_batch(
    db: Database, prompt_id: int, error: str, next_attempt_at: int, me: str
) -> None:
    """Part of a batch Discord refused: marked as such (``refused_in_batch``) until sent or set aside."""
    await db.execute(
        "UPDATE prompts SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, refused_in_batch = 1,"
        " lease_owner = NULL WHERE id = ? AND lease_owner = ?",
        (error[:500], next_attempt_at, prompt_id, me),
    )


async def prompts_refused_in_batch(db: Database, prompt_ids: list[int]) -> set[int]:
    """Of these prompts, the queued ones of a refused batch not yet told apart."""
    if not prompt_ids:
        return set()
    marks = ", ".join("?" for _ in prompt_ids)
    rows = await db.fetchall(
        f"SELECT id FROM prompts WHERE status = 'queued' AND refused_in_batch = 1 AND id IN ({marks})",
        tuple(prompt_ids),
    )
    return {row[0] for row in rows}


async def next_prompt_due(db: Database, me: str, alive_since: int, recheck_at: int) -> int | None:
    """When the next prompt this process could claim is due. One another live process holds is
    being sent, but that process may stop: it is looked at again at ``recheck_at``."""
    where, params = cluster.claimable(alive_since, me)
    return await db.fetchval(
        f"SELECT MIN(CASE WHEN {where} THEN next_attempt_at ELSE CAST(? AS BIGINT) END) FROM prompts"
        " WHERE status = 'queued'",
        (*params, recheck_at),
    )


# -- reminders --


# (owner, guild) pairs with a message waiting longer than the guild's reminder time and no digest in
# the last period. Guilds without a settings row use the default of 24 hours.
_OWNERS_NEEDING_DIGEST = (
    "SELECT m.owner_id, m.guild_id, COALESCE(g.reminder_hours, 24) AS hours, COUNT(*) AS waiting"
    " FROM member_messages m LEFT JOIN guild_settings g ON g.guild_id = m.guild_id"
    " WHERE m.status = 'waiting' AND m.owner_id IS NOT NULL AND COALESCE(g.reminder_hours, 24) > 0"
    " AND m.received_at <= ? - COALESCE(g.reminder_hours, 24) * 3600"
    " AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.owner_id = m.owner_id AND d.guild_id = m.guild_id"
    "   AND d.created_at > ? - COALESCE(g.reminder_hours, 24) * 3600)"
    " GROUP BY m.owner_id, m.guild_id, g.reminder_hours"
)


def queue_due_digests(conn: Connection, now: int) -> int:
    """Queue a digest for every (owner, guild) that needs one, in one transaction: two processes
    looking at once queue it once (the second sees the first's row)."""
    rows = conn.execute(_OWNERS_NEEDING_DIGEST, (now, now)).fetchall()
    for row in rows:
        conn.execute(
            "INSERT INTO digests (owner_id, guild_id, item_count, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)",
            (row["owner_id"], row["guild_id"], row["waiting"], now, now),
        )
    return len(rows)


def claim_digests(conn: Connection, me: str, now: int, alive_since: int, limit: int) -> list[Row]:
    rows = cluster.lease_queued(
        conn,
        "digests",
        me=me,
        now=now,
        alive_since=alive_since,
        limit=limit,
        returning="id, owner_id, guild_id, attempts, next_attempt_at",
    )
    return sorted(rows, key=lambda row: (row["next_attempt_at"], row["id"]))


def digest_sent(conn: Connection, digest_id: int, now: int, me: str, shown_in: tuple | None = None) -> None:
    """Sent; ``shown_in`` = (channel id, message id, messages counted, [(message id, source id, its
    words, when they were removed) for each line, as read]) records which messages it listed, to
    redraw it when one changes. One that changed while the digest was on its way makes it due for a
    redraw now. Matched on the source id too: SQLite reuses the highest rowid once it is deleted, so
    a message deleted meanwhile may have left its id to another member's message."""
    if shown_in is None:
        conn.execute(
            "UPDATE digests SET status = 'sent', sent_at = ?, lease_owner = NULL WHERE id = ? AND lease_owner = ?",
            (now, digest_id, me),
        )
        return
    channel_id, message_id, listed, lines = shown_in
    recorded = conn.execute(
        "UPDATE digests SET status = 'sent', sent_at = ?, lease_owner = NULL, channel_id = ?, message_id = ?,"
        " listed = ?, shown = ? WHERE id = ? AND lease_owner = ? RETURNING id",
        (now, channel_id, message_id, listed, len(lines), digest_id, me),
    ).fetchall()
    if not recorded or not lines:
        return
    for position, (member_message_id, source_id, _, _) in enumerate(lines):
        # A message deleted meanwhile (Delete my data) has no row to point to: its line is redrawn.
        conn.execute(
            "INSERT INTO digest_items (digest_id, position, member_message_id)"
            " SELECT ?, ?, id FROM member_messages WHERE id = ? AND source_id = ?",
            (digest_id, position, member_message_id, source_id),
        )
    marks = ", ".join("?" for _ in lines)
    now_read = {
        (row[0], row[1]): (row[2], row[3])
        for row in conn.execute(
            f"SELECT id, source_id, content, text_removed_at FROM member_messages WHERE id IN ({marks})",
            tuple(line[0] for line in lines),
        ).fetchall()
    }
    if any(now_read.get((line[0], line[1])) != (line[2], line[3]) for line in lines):
        prompt_redraws.mark_digest(conn, digest_id, now)


async def digest_retry_later(db: Database, digest_id: int, error: str, next_attempt_at: int, me: str) -> None:
    await db.execute(
        "UPDATE digests SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_owner = NULL"
        " WHERE id = ? AND lease_owner = ?",
        (error[:500], next_attempt_at, digest_id, me),
    )


async def waiting_older_than(db: Database, owner_id: int, guild_id: int, before: int) -> list[Row]:
    return await db.fetchall(
        f"SELECT {MESSAGE_COLUMNS} FROM member_messages WHERE owner_id = ? AND guild_id = ? AND status = 'waiting'"
        " AND received_at <= ? ORDER BY received_at, id",
        (owner_id, guild_id, before),
    )


# -- honest acknowledgement --


async def last_acknowledged(db: Database, member_id: int) -> int | None:
    return await db.fetchval("SELECT sent_at FROM acknowledgements WHERE member_id = ?", (member_id,))


async def record_acknowledged(db: Database, member_id: int, now: int) -> None:
    await db.execute(
        "INSERT INTO acknowledgements (member_id, sent_at) VALUES (?, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET sent_at = excluded.sent_at",
        (member_id, now),
    )
