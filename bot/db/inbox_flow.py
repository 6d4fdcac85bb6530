"""SQL for the inbox at scale: coalesced prompts, per-member limits, per-destination pacing and
summaries, expiry, and the outbox of a creator's reply to everyone who thanked."""

from __future__ import annotations

from bot.db import cluster
from bot.db.database import Connection, Database, Row
from bot.db.messages import MESSAGE_COLUMNS

FLOW_COLUMNS = MESSAGE_COLUMNS + ", prompt_id, over_limit"
# Message ids per UPDATE in counts_changed: far below either backend's bound on parameters.
_IDS_PER_STATEMENT = 500


# -- coalescing and the per-member limit (run inside the recording transaction) --


def queued_prompt_for(conn: Connection, member_id: int, owner_id: int, guild_id: int | None) -> int | None:
    row = conn.execute(
        "SELECT p.id FROM prompts p JOIN member_messages m ON m.id = p.member_message_id"
        " WHERE p.status = 'queued' AND m.member_id = ? AND m.owner_id = ? AND m.guild_id IS NOT DISTINCT FROM ?"
        " ORDER BY p.id DESC LIMIT 1",
        (member_id, owner_id, guild_id),
    ).fetchone()
    return None if row is None else row[0]


def member_prompts_since(conn: Connection, member_id: int, owner_id: int, since: int) -> tuple[int, int | None]:
    """How many prompts about this member went to this creator since ``since``, and when the
    latest one was sent (or queued)."""
    row = conn.execute(
        "SELECT COUNT(*), MAX(COALESCE(p.sent_at, p.created_at)) FROM prompts p"
        " JOIN member_messages m ON m.id = p.member_message_id"
        " WHERE m.member_id = ? AND m.owner_id = ? AND p.created_at > ?",
        (member_id, owner_id, since),
    ).fetchone()
    return int(row[0]), row[1]


def insert_prompt(conn: Connection, member_message_id: int, due: int, now: int) -> int:
    return conn.execute(
        "INSERT INTO prompts (member_message_id, next_attempt_at, created_at) VALUES (?, ?, ?) RETURNING id",
        (member_message_id, due, now),
    ).fetchone()[0]


def link_prompt(conn: Connection, message_id: int, prompt_id: int) -> None:
    conn.execute("UPDATE member_messages SET prompt_id = ? WHERE id = ?", (prompt_id, message_id))


def mark_over_limit(conn: Connection, message_id: int) -> None:
    conn.execute("UPDATE member_messages SET over_limit = 1 WHERE id = ?", (message_id,))


# -- a prompt's messages --


async def prompt_messages(db: Database, prompt_id: int, first_id: int) -> list[Row]:
    return await db.fetchall(
        f"SELECT {MESSAGE_COLUMNS} FROM member_messages WHERE prompt_id = ? OR id = ? ORDER BY id",
        (prompt_id, first_id),
    )


def close_message(
    conn: Connection, message_id: int, *, status: str, by: int, how: str | None, now: int,
    reply_message_id: int | None, with_siblings: bool,
) -> bool:  # fmt: skip
    """Close a waiting message, and with ``with_siblings`` the other waiting messages quoted in the
    same prompt (the creator saw them together and answered them together), and make the summary
    counting them due for an edit: one transaction, so a crash leaves all of it or none. False,
    changing nothing, when the message was no longer waiting (someone was first)."""
    answer = (status, by, how, now, reply_message_id)
    set_answer = (
        "UPDATE member_messages SET status = ?, answered_by = ?, answered_how = ?, answered_at = ?,"
        " reply_message_id = ? WHERE status = 'waiting' AND "
    )
    if conn.execute(set_answer + "id = ?", (*answer, message_id)).rowcount != 1:
        return False
    if with_siblings:
        conn.execute(
            set_answer + "id != ? AND prompt_id IS NOT NULL"
            " AND prompt_id = (SELECT prompt_id FROM member_messages WHERE id = ?)",
            (*answer, message_id, message_id),
        )
    # Siblings share its prompt, so its summary (if the prompt was counted in one) is theirs too.
    counts_changed(conn, [message_id])
    return True


# -- per-destination pacing and summaries --


def reserve_prompt_messages(
    conn: Connection, channel_id: int, wanted: int, limit: int, sent_since: int, held_since: int, me: str, now: int
) -> list[int]:
    """Up to ``wanted`` places for prompt messages to ``channel_id``, past the ones sent since
    ``sent_since`` and the reservations still held (taken after ``held_since``): the ids of the
    reservations. One transaction (SERIALIZABLE on PostgreSQL, rerun on a conflict; SQLite writes
    one at a time), so two processes cannot both count the same free place."""
    conn.execute("DELETE FROM prompt_pace WHERE channel_id = ? AND reserved_at <= ?", (channel_id, held_since))
    sent = conn.execute(
        "SELECT COUNT(DISTINCT message_id) FROM prompts WHERE channel_id = ? AND sent_at > ?", (channel_id, sent_since)
    ).fetchone()[0]
    held = conn.execute("SELECT COUNT(*) FROM prompt_pace WHERE channel_id = ?", (channel_id,)).fetchone()[0]
    room = max(0, min(wanted, limit - int(sent) - int(held)))
    return [
        conn.execute(
            "INSERT INTO prompt_pace (channel_id, holder, reserved_at) VALUES (?, ?, ?) RETURNING id",
            (channel_id, me, now),
        ).fetchone()[0]
        for _ in range(room)
    ]


async def release_prompt_messages(db: Database, reservation_ids: list[int]) -> None:
    marks = ", ".join("?" * len(reservation_ids))
    await db.execute(f"DELETE FROM prompt_pace WHERE id IN ({marks})", reservation_ids)


def _open_summary(
    conn: Connection, channel_id: int, owner_id: int, guild_id: int | None, since: int, besides: int | None = None
) -> int | None:
    """The newest summary in ``channel_id`` for this creator and server begun after ``since``
    (still open to more prompts), other than ``besides``."""
    row = conn.execute(
        "SELECT id FROM inbox_summaries WHERE channel_id = ? AND owner_id = ?"
        " AND guild_id IS NOT DISTINCT FROM ? AND created_at > ? AND id IS DISTINCT FROM ?"
        " ORDER BY id DESC LIMIT 1",
        (channel_id, owner_id, guild_id, since, besides),
    ).fetchone()
    return None if row is None else row[0]


def _summarise(
    conn: Connection, prompt_ids: list[int], channel_id: int, owner_id: int, guild_id: int | None,
    reuse_since: int, now: int,
) -> int:  # fmt: skip
    summary_id = _open_summary(conn, channel_id, owner_id, guild_id, reuse_since)
    if summary_id is None:
        summary_id = conn.execute(
            "INSERT INTO inbox_summaries (channel_id, owner_id, guild_id, next_edit_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (channel_id, owner_id, guild_id, now, now, now),
        ).fetchone()[0]
    else:
        conn.execute("UPDATE inbox_summaries SET dirty = 1, version = version + 1 WHERE id = ?", (summary_id,))
    conn.executemany(
        "UPDATE prompts SET status = 'summarised', summary_id = ?, channel_id = ? WHERE id = ? AND status = 'queued'",
        [(summary_id, channel_id, prompt_id) for prompt_id in prompt_ids],
    )
    return summary_id


async def summarise(
    db: Database, prompt_ids: list[int], channel_id: int, owner_id: int, guild_id: int | None, reuse_since: int,
    now: int,
) -> int:  # fmt: skip
    return await db.transaction(_summarise, prompt_ids, channel_id, owner_id, guild_id, reuse_since, now)


def _move_summary(
    conn: Connection, summary_id: int, channel_id: int, owner_id: int, guild_id: int | None, reuse_since: int,
    now: int, me: str,
) -> int | None:  # fmt: skip
    other = _open_summary(conn, channel_id, owner_id, guild_id, reuse_since, besides=summary_id)
    if other is not None:
        # The destination has a summary of its own: it counts these too, this one is done.
        conn.execute(
            "UPDATE prompts SET summary_id = ?, channel_id = ? WHERE summary_id = ?", (other, channel_id, summary_id)
        )
        conn.execute("UPDATE inbox_summaries SET dirty = 1, version = version + 1 WHERE id = ?", (other,))
        conn.execute(
            "UPDATE inbox_summaries SET dirty = 0, updated_at = ?, lease_owner = NULL WHERE id = ? AND lease_owner = ?",
            (now, summary_id, me),
        )
        return None
    conn.execute("UPDATE prompts SET channel_id = ? WHERE summary_id = ?", (channel_id, summary_id))
    conn.execute(
        "UPDATE inbox_summaries SET channel_id = ?, message_id = NULL, created_at = ?, updated_at = ?"
        " WHERE id = ? AND lease_owner = ?",
        (channel_id, now, now, summary_id, me),
    )
    return summary_id


async def move_summary(
    db: Database, summary_id: int, channel_id: int, owner_id: int, guild_id: int | None, reuse_since: int,
    now: int, me: str,
) -> int | None:  # fmt: skip
    """The summary (leased to ``me``) now belongs in ``channel_id``: posted there afresh, or, where
    that channel has an open summary already, counted in that one. Returns the summary to post."""
    return await db.transaction(_move_summary, summary_id, channel_id, owner_id, guild_id, reuse_since, now, me)


def claim_summaries(conn: Connection, me: str, now: int, alive_since: int, limit: int) -> list[Row]:
    """Lease to ``me`` the summaries due to be posted or edited that no live process holds (as
    prompts are, see bot/db/cluster.py): every process's worker looks, each is shown once."""
    rows = cluster.lease(
        conn,
        "inbox_summaries",
        me=me,
        alive_since=alive_since,
        due="dirty = 1 AND next_edit_at <= ?",
        due_params=(now,),
        order="next_edit_at, id",
        limit=limit,
        returning="id, channel_id, owner_id, guild_id, message_id, attempts, next_edit_at, version",
    )
    return sorted(rows, key=lambda row: (row["next_edit_at"], row["id"]))


async def next_summary_due(db: Database, me: str, alive_since: int, recheck_at: int) -> int | None:
    """When the next summary this process could claim is due; one another live process holds is
    looked at again at ``recheck_at``."""
    where, params = cluster.claimable(alive_since, me)
    return await db.fetchval(
        f"SELECT MIN(CASE WHEN {where} THEN next_edit_at ELSE CAST(? AS BIGINT) END) FROM inbox_summaries"
        " WHERE dirty = 1",
        (*params, recheck_at),
    )


def counts_changed(conn: Connection, message_ids: list[int]) -> None:
    """These messages were answered, or wait again: a summary counting them shows a wrong number
    now, so it is due for an edit, at its pace (``next_edit_at`` stays) and by any process's
    worker. ``version``: an edit under way when they changed keeps it dirty (``summary_shown``).
    One statement per batch of up to 500 messages, not one per message: expiry can hand over thousands
    at once, and a statement's parameters are bounded (32,766 in SQLite, 32,767 in PostgreSQL)."""
    for start in range(0, len(message_ids), _IDS_PER_STATEMENT):
        batch = message_ids[start : start + _IDS_PER_STATEMENT]
        marks = ", ".join("?" for _ in batch)
        conn.execute(
            "UPDATE inbox_summaries SET dirty = 1, version = version + 1 WHERE id IN (SELECT p.summary_id"
            f" FROM member_messages m JOIN prompts p ON p.id = m.prompt_id WHERE m.id IN ({marks}))",
            batch,
        )


async def summary_counts(db: Database, summary_id: int) -> list[Row]:
    """Waiting messages the summary stands for, per resource and label."""
    return await db.fetchall(
        "SELECT m.resource_id, COALESCE(r.title, '') AS title, m.label, COUNT(*) AS n FROM prompts p"
        " JOIN member_messages m ON m.prompt_id = p.id LEFT JOIN resources r ON r.id = m.resource_id"
        " WHERE p.summary_id = ? AND m.status = 'waiting'"
        " GROUP BY m.resource_id, r.title, m.label ORDER BY MIN(m.received_at)",
        (summary_id,),
    )


# Recording how a post or edit went is guarded by the lease, and releases it.


async def summary_shown(
    db: Database, summary_id: int, message_id: int, version: int, next_edit_at: int, now: int, me: str,
    channel_id: int | None = None,
) -> None:  # fmt: skip
    """``version``: the one claimed, before the counts were read. Another process may have counted
    a prompt in the summary while it was being sent: then it stays dirty, to be edited again."""
    await db.execute(
        "UPDATE inbox_summaries SET message_id = ?, dirty = CASE WHEN version = ? THEN 0 ELSE 1 END,"
        " attempts = 0, last_error = NULL, next_edit_at = ?, updated_at = ?, lease_owner = NULL,"
        " channel_id = COALESCE(?, channel_id) WHERE id = ? AND lease_owner = ?",
        (message_id, version, next_edit_at, now, channel_id, summary_id, me),
    )


async def summary_failed(
    db: Database, summary_id: int, error: str, next_edit_at: int, forget_message: bool, me: str
) -> None:
    await db.execute(
        "UPDATE inbox_summaries SET attempts = attempts + 1, last_error = ?, next_edit_at = ?,"
        " message_id = CASE WHEN ? THEN NULL ELSE message_id END, lease_owner = NULL WHERE id = ? AND lease_owner = ?",
        (error[:500], next_edit_at, forget_message, summary_id, me),
    )


# -- expiry --


async def expire_waiting(db: Database, now: int) -> int:
    return await db.transaction(_expire_waiting, now)


def _expire_waiting(conn: Connection, now: int) -> int:
    """Waiting messages older than their guild's expire_days (default 30) get "no answer given".
    A summary counting them no longer should: due for an edit, in the same transaction."""
    days = "COALESCE((SELECT g.expire_days FROM guild_settings g WHERE g.guild_id = member_messages.guild_id), 30)"
    expired = [
        row[0]
        for row in conn.execute(
            f"UPDATE member_messages SET status = 'expired', answered_at = ?"
            f" WHERE status = 'waiting' AND {days} > 0 AND received_at <= ? - 86400 * {days} RETURNING id",
            (now, now),
        ).fetchall()
    ]
    counts_changed(conn, expired)
    return len(expired)


def replied_last(conn: Connection, member_id: int, owner_id: int) -> bool:
    """Whether the member's newest message to this creator was answered by a reply the bot carried
    to them (one to them alone, or to everyone who thanked): a thank-you now thanks for that."""
    row = conn.execute(
        "SELECT reply_message_id FROM member_messages WHERE member_id = ? AND owner_id = ?"
        " AND status NOT IN ('unrouted', 'acknowledged')"
        " ORDER BY id DESC LIMIT 1",
        (member_id, owner_id),
    ).fetchone()
    return row is not None and row[0] is not None
