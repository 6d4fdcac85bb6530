"""SQL for running several processes on one database: heartbeats, leases and IDENTIFY slots.

A lease is ``lease_owner`` on a work row (a delivery, a prompt, a digest) and lasts while its owner
heartbeats into ``cluster_processes``: a process renews every lease it holds with one statement,
however long a burst keeps a row in its queue, and a process that stops heartbeating (SIGKILL,
crash, a lost machine) drops out after ``DEAD_AFTER_SECONDS``, when a survivor's sweep claims
what it held. Claims are short transactions; the slow part (sending) happens outside them.
"""

from __future__ import annotations

from bot.db.database import Connection, Database, Row, locks_for_itself


def skip_locked(conn: Connection) -> str:
    """The clause a claim's row-picking SELECT ends with, for the backend ``conn`` belongs to.

    On PostgreSQL a claim locks the rows it picks and skips rows another open claim has locked
    (``FOR UPDATE SKIP LOCKED``): two processes never pick the same row, and the second does not
    wait for the first to commit. SQLite has no row locks and no such clause; its single writer
    at a time makes the guarded ``UPDATE … WHERE <claimable> … RETURNING`` safe by itself. The
    PostgreSQL connection carries the clause (``skip_locked``, from bot/db/dialect.py); sqlite3's
    connection has no such attribute."""
    return getattr(conn, "skip_locked", "")


def share_lock(conn: Connection, table: str) -> str:
    """The clause that keeps the rows a SELECT reads from ``table`` as read until COMMIT, for the
    backend ``conn`` belongs to: on PostgreSQL ``FOR SHARE OF table`` (an UPDATE of them by
    another transaction waits, and a row updated meanwhile is read as committed); SQLite has one
    writer at a time and no such clause."""
    template = getattr(conn, "share_lock", "")
    return template.format(table=table) if template else ""


# A process heartbeats every HEARTBEAT_SECONDS; one silent for DEAD_AFTER_SECONDS has stopped.
HEARTBEAT_SECONDS = 2.0
DEAD_AFTER_SECONDS = 10

# Rows of ``table`` that nobody live holds: never leased (queued before clusters, or by a
# process that stopped), or leased by a process that stopped heartbeating, or by ``me`` (a pass
# of my own that did not finish).
_CLAIMABLE = (
    "(lease_owner IS NULL OR lease_owner = ? OR lease_owner NOT IN"
    " (SELECT process_id FROM cluster_processes WHERE last_seen >= ?))"
)


def claimable(alive_since: int, me: str) -> tuple[str, tuple]:
    """The WHERE fragment for an unheld row, and its parameters."""
    return _CLAIMABLE, (me, alive_since)


def lease(
    conn: Connection,
    table: str,
    *,
    me: str,
    alive_since: int,
    due: str,
    due_params: tuple = (),
    order: str,
    limit: int,
    returning: str = "id",
    also_set: str = "",
    mine_too: bool = True,
) -> list[Row]:
    """Lease to ``me`` up to ``limit`` rows of ``table`` that are ``due`` (a WHERE fragment with
    ``due_params``) and that nobody live holds, first by ``order``; the leased rows' ``returning``
    columns (in no particular order: sort them if it matters). ``also_set``: more of the UPDATE's
    SET list (", attempts = attempts + 1"). ``mine_too``: also rows already leased to me. Every
    claim of an outbox goes through here, so each picks its rows the same way on each backend."""
    where, held = claimable(alive_since, me if mine_too else "")
    return conn.execute(
        f"UPDATE {table} SET lease_owner = ?{also_set} WHERE id IN (SELECT id FROM {table}"
        f" WHERE {due} AND {where} ORDER BY {order} LIMIT ?{skip_locked(conn)}) RETURNING {returning}",
        (me, *due_params, *held, limit),
    ).fetchall()


def lease_queued(
    conn: Connection, table: str, *, me: str, now: int, alive_since: int, limit: int, returning: str = "id"
) -> list[Row]:
    """``lease`` for an outbox (prompts, digests, reply-to-all sends): queued rows whose time has
    come, earliest first."""
    due = "status = 'queued' AND next_attempt_at <= ?"
    return lease(
        conn,
        table,
        me=me,
        alive_since=alive_since,
        due=due,
        due_params=(now,),
        order="next_attempt_at, id",
        limit=limit,
        returning=returning,
    )


# READ COMMITTED: under SERIALIZABLE two processes heartbeating at once (each reads every row,
# writes its own) could not be serialised, and the rerun held up the clicks queued behind it.
# The count is a snapshot either way, re-read every beat.
@locks_for_itself(lambda process_id, now: ("heartbeat", process_id))
def heartbeat(conn: Connection, process_id: str, now: int) -> int:
    """Record that ``process_id`` is alive; return how many processes are (itself included)."""
    conn.execute(
        "INSERT INTO cluster_processes (process_id, started_at, last_seen) VALUES (?, ?, ?)"
        " ON CONFLICT (process_id) DO UPDATE SET last_seen = excluded.last_seen",
        (process_id, now, now),
    )
    # Long gone processes are forgotten (their leases are claimable either way).
    conn.execute("DELETE FROM cluster_processes WHERE last_seen < ?", (now - 24 * 3600,))
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM cluster_processes WHERE last_seen >= ?", (now - DEAD_AFTER_SECONDS,)
        ).fetchone()[0]
    )


async def not_yet_seen_by(db: Database, process_id: str, joined_at: int, now: int) -> int:
    """How many other live processes have not heartbeaten since ``joined_at``, the second
    ``process_id`` joined. A heartbeat counts the live processes in the same transaction as it
    writes its own time, so one written in a later second counted ``process_id`` too."""
    return int(
        await db.fetchval(
            "SELECT COUNT(*) FROM cluster_processes WHERE process_id <> ? AND last_seen >= ? AND last_seen <= ?",
            (process_id, now - DEAD_AFTER_SECONDS, joined_at),
        )
    )


async def leave(db: Database, process_id: str) -> None:
    """A clean shutdown: the leases still held are claimable at once, not after DEAD_AFTER."""
    await db.execute("DELETE FROM cluster_processes WHERE process_id = ?", (process_id,))


async def take_identify_slot(db: Database, rate_key: int, now_ms: int, spacing_ms: int) -> bool:
    """True if this process may IDENTIFY now for ``rate_key``: nobody did within ``spacing_ms``.
    One guarded statement, so two processes asking at once cannot both get the slot."""
    rows = await db.fetchall(
        "INSERT INTO identify_slots (rate_key, last_identify_ms) VALUES (?, ?)"
        " ON CONFLICT (rate_key) DO UPDATE SET last_identify_ms = excluded.last_identify_ms"
        " WHERE identify_slots.last_identify_ms <= excluded.last_identify_ms - ?"
        " RETURNING rate_key",
        (rate_key, now_ms, spacing_ms),
    )
    return bool(rows)


async def guild_seen(db: Database, guild_id: int, name: str, shard_id: int, now: int) -> None:
    await db.execute(
        "INSERT INTO cluster_guilds (guild_id, name, shard_id, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (guild_id) DO UPDATE SET name = excluded.name, shard_id = excluded.shard_id,"
        " updated_at = excluded.updated_at",
        (guild_id, name, shard_id, now),
    )


async def guild_left(db: Database, guild_id: int) -> None:
    await db.execute("DELETE FROM cluster_guilds WHERE guild_id = ?", (guild_id,))


async def guilds(db: Database) -> dict[int, str]:
    """id -> name of the bot's servers on every shard, as their processes last saw them."""
    return {row[0]: row[1] for row in await db.fetchall("SELECT guild_id, name FROM cluster_guilds")}
