"""SQL for deliveries and the closed-DM memory."""

from __future__ import annotations

from typing import Any

from bot.db import cluster
from bot.db.database import Connection, Database, Row, locks_for_itself, runs_in_batches

_COLUMNS = (
    "id, resource_id, guild_id, member_id, requested_via, delivered_via, status, failure, source_id,"
    " channel_id, message_id, is_repeat, requested_at, delivered_at, request_channel_id, locale, interaction_token,"
    " attempts, file_sha256, file_name"
)
# The same, plus when the member's DMs were last found closed, whether they chose never to be
# DMed and their DM channel: what the delivery needs to decide where to go, read in the same query (a request,
# recovery) rather than in a trip of its own.
_COLUMNS_FOR_DELIVERING = (
    f"{_COLUMNS}, (SELECT closed_at FROM closed_dms c WHERE c.member_id = deliveries.member_id) AS dms_closed_at,"
    " COALESCE((SELECT never_dm FROM member_preferences p WHERE p.member_id = deliveries.member_id), 0)"
    " AS never_dm,"
    # Their DM channel, once known: the send then needs no request to open it.
    " (SELECT channel_id FROM dm_channels k WHERE k.member_id = deliveries.member_id) AS dm_channel_id"
)


# A request, recorded in one statement: unless the member is over the cooldown, the resource
# was archived or the source was recorded before, the new row comes back ready to deliver. The
# file is pinned from the resource row in this same transaction, not from what the caller read
# earlier: an edit or removal committed in between is either seen here or sees this row (and
# keeps the file for it). Nothing is inserted for a resource removed meanwhile. On PostgreSQL
# that takes the resource row's share lock (this runs at READ COMMITTED, ``locks_for_itself``):
# without it an edit could commit and find its old file unused while this row, pinning that
# file, was not yet committed, and the file was deleted under a pending delivery.
_RECORD_SELECT = (
    "INSERT INTO deliveries (resource_id, guild_id, member_id, requested_via, source_id, is_repeat, requested_at,"
    " request_channel_id, locale, interaction_token, attempts, file_sha256, file_name, lease_owner)"
    " SELECT ?, ?, ?, ?, ?,"
    " CASE WHEN EXISTS (SELECT 1 FROM deliveries WHERE resource_id = ? AND member_id = ? AND status = 'delivered')"
    " THEN 1 ELSE 0 END, ?, ?, ?, ?, 1, file_sha256, file_name, ? FROM resources"
    " WHERE id = ? AND archived_at IS NULL"
    " AND (SELECT COUNT(*) FROM deliveries WHERE guild_id = ? AND member_id = ? AND requested_at >= ?) < ?"
)
_RECORD_CONFLICT = f" ON CONFLICT (source_id) DO NOTHING RETURNING {_COLUMNS_FOR_DELIVERING}"


def _record_sql(conn: Connection) -> str:
    return _RECORD_SELECT + cluster.share_lock(conn, "resources") + _RECORD_CONFLICT


def _record_parameters(
    *,
    resource_id: int,
    guild_id: int,
    member_id: int,
    requested_via: str,
    source_id: int,
    now: int,
    cooldown_since: int,
    cooldown_limit: int,
    request_channel_id: int | None,
    locale: str | None,
    interaction_token: str | None,
    lease_owner: str | None = None,
) -> tuple:
    return (
        resource_id,
        guild_id,
        member_id,
        requested_via,
        source_id,
        resource_id,
        member_id,
        now,
        request_channel_id,
        locale,
        interaction_token,
        lease_owner,
        resource_id,
        guild_id,
        member_id,
        cooldown_since,
        cooldown_limit,
    )


def record_requests(conn: Connection, calls: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """``record_request`` for each of ``calls`` (its keyword arguments), in order, in one pipelined
    exchange with PostgreSQL (a burst's queued clicks). The same outcomes as one call after the
    other: the calls concern different members and sources, so no insert changes what another
    one counts or finds; a batch where two do runs one call after the other."""
    fetchmany = getattr(conn, "fetchmany", None)
    members = {(call["guild_id"], call["member_id"]) for call in calls}
    sources = {call["source_id"] for call in calls}
    if fetchmany is None or len(members) < len(calls) or len(sources) < len(calls):
        return [record_request(conn, **call) for call in calls]
    rows = fetchmany(_record_sql(conn), [_record_parameters(**call) for call in calls])
    recorded = {row["source_id"]: row for row in rows}
    return [
        ("new", recorded[call["source_id"]]) if call["source_id"] in recorded else _not_recorded(conn, **call)
        for call in calls
    ]


@runs_in_batches(record_requests)
@locks_for_itself(lambda *, guild_id, member_id, **_: ("request", guild_id, member_id))
def record_request(conn: Connection, **call: Any) -> tuple[str, Any]:
    """In one transaction: ("limited", (oldest request time, already told)), ("seen", None) for a
    source recorded before, ("archived", None), or ("new", the new delivery row, with
    ``dms_closed_at``). Keyword arguments: those of ``_record_parameters``.

    "Already told": the member was answered "wait a moment" since the oldest request in the
    window, i.e. during this flood. The first limited request of a flood records that it is told.

    Usually one statement. The lock (``locks_for_itself``: the member in this guild) orders this
    member's requests across processes, so the cooldown counts every request committed before it;
    other members' clicks never wait for it."""
    # fetchall: the statement runs to completion on SQLite too
    inserted = conn.execute(_record_sql(conn), _record_parameters(**call)).fetchall()
    if inserted:
        return "new", inserted[0]
    return _not_recorded(conn, **call)


def _not_recorded(
    conn: Connection,
    *,
    guild_id: int,
    member_id: int,
    source_id: int,
    now: int,
    cooldown_since: int,
    cooldown_limit: int,
    **_: Any,
) -> tuple[str, Any]:
    """Why nothing was recorded: over the cooldown (whether or not the source was seen), else a
    source recorded before, else the resource was archived meanwhile."""
    recent, oldest = conn.execute(
        "SELECT COUNT(*), MIN(requested_at) FROM deliveries WHERE guild_id = ? AND member_id = ? AND requested_at >= ?",
        (guild_id, member_id, cooldown_since),
    ).fetchone()
    if recent >= cooldown_limit:
        told = conn.execute(
            "SELECT told_at FROM cooldown_notices WHERE guild_id = ? AND member_id = ?", (guild_id, member_id)
        ).fetchone()
        already_told = told is not None and told[0] >= oldest
        if not already_told:
            conn.execute(
                "INSERT INTO cooldown_notices (guild_id, member_id, told_at) VALUES (?, ?, ?)"
                " ON CONFLICT (guild_id, member_id) DO UPDATE SET told_at = excluded.told_at",
                (guild_id, member_id, now),
            )
        return "limited", (oldest, already_told)
    if conn.execute("SELECT 1 FROM deliveries WHERE source_id = ?", (source_id,)).fetchone():
        return "seen", None
    return "archived", None


# A member who deleted their data while this delivery was in flight left an anonymous row
# (member_id NULL): it is counted as delivered, but where it went (their DM channel) is not
# written back into it. Guarded by the lease (kept: it tells which process delivered): a process
# that lost it (stopped heartbeating) does not overwrite what the survivor that took over
# recorded; the nonce made both sends one message.
_MARK_DELIVERED = (
    "UPDATE deliveries SET status = 'delivered', delivered_via = ?,"
    " channel_id = CASE WHEN member_id IS NULL THEN NULL ELSE CAST(? AS BIGINT) END,"
    " message_id = CASE WHEN member_id IS NULL THEN NULL ELSE CAST(? AS BIGINT) END,"
    " delivered_at = ?, failure = NULL, interaction_token = NULL"
    " WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR CAST(? AS TEXT) IS NULL)"
)


async def mark_delivered(
    db: Database,
    delivery_id: int,
    *,
    delivered_via: str,
    channel_id: int | None,
    message_id: int | None,
    now: int,
    lease_owner: str | None = None,
    dm_channel_id: int | None = None,
) -> None:
    """``dm_channel_id``: the member's DM channel, newly learnt by this delivery; stored in the
    same database job (bot/core/dm_channels.py)."""
    if dm_channel_id is not None:
        marked = (delivered_via, channel_id, message_id, now, delivery_id, lease_owner, lease_owner)
        await db.run(_delivered_to_new_dm, marked, delivery_id, dm_channel_id, now)
        return
    await db.execute(
        _MARK_DELIVERED, (delivered_via, channel_id, message_id, now, delivery_id, lease_owner, lease_owner)
    )


def _delivered_to_new_dm(conn: Connection, marked: tuple, delivery_id: int, dm_channel_id: int, now: int) -> None:
    conn.execute(_MARK_DELIVERED, marked)
    # Not for a member who deleted their data meanwhile: the row no longer says who it was.
    conn.execute(
        "INSERT INTO dm_channels (member_id, channel_id, updated_at)"
        " SELECT member_id, ?, ? FROM deliveries WHERE id = ? AND member_id IS NOT NULL"
        " ON CONFLICT (member_id) DO UPDATE SET channel_id = excluded.channel_id, updated_at = excluded.updated_at",
        (dm_channel_id, now, delivery_id),
    )


async def mark_failed(db: Database, delivery_id: int, reason: str) -> str | None:
    """The delivery's requested_via when it was pending and is now failed, else None."""
    # fetchall, not fetchone: the UPDATE must run to completion (and commit) in this one call.
    rows = await db.fetchall(
        "UPDATE deliveries SET status = 'failed', failure = ?, interaction_token = NULL"
        " WHERE id = ? AND status = 'pending' RETURNING requested_via",
        (reason[:500], delivery_id),
    )
    return rows[0][0] if rows else None


def claim_pending(conn: Connection, *, me: str, alive_since: int, limit: int, mine_too: bool) -> list[Row]:
    """Lease to ``me`` pending deliveries nobody live holds (a stopped process's, or from before
    leases), counting an attempt each; return them, oldest first. ``mine_too``: also rows already
    leased to me (off for the periodic sweep: my own are being delivered right now)."""
    leased = cluster.lease(
        conn,
        "deliveries",
        me=me,
        alive_since=alive_since,
        due="status = 'pending'",
        order="id",
        limit=limit,
        also_set=", attempts = attempts + 1",
        mine_too=mine_too,
    )
    ids = [row[0] for row in leased]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return conn.execute(
        f"SELECT {_COLUMNS_FOR_DELIVERING} FROM deliveries WHERE id IN ({marks}) ORDER BY id", ids
    ).fetchall()


async def get(db: Database, delivery_id: int) -> Row | None:
    return await db.fetchone(f"SELECT {_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,))


async def member_erased(db: Database, delivery_id: int) -> bool:
    row = await db.fetchone("SELECT member_id FROM deliveries WHERE id = ?", (delivery_id,))
    return row is not None and row[0] is None


async def by_source(db: Database, source_id: int) -> Row | None:
    return await db.fetchone(f"SELECT {_COLUMNS} FROM deliveries WHERE source_id = ?", (source_id,))


async def delivered_counts(db: Database, guild_id: int) -> dict[int, int]:
    rows = await db.fetchall(
        "SELECT resource_id, COUNT(*) FROM deliveries WHERE guild_id = ? AND status = 'delivered' GROUP BY resource_id",
        (guild_id,),
    )
    return {row[0]: row[1] for row in rows}


async def remember_dms_closed(db: Database, member_id: int, now: int) -> None:
    await db.execute(
        "INSERT INTO closed_dms (member_id, closed_at) VALUES (?, ?)"
        " ON CONFLICT (member_id) DO UPDATE SET closed_at = excluded.closed_at",
        (member_id, now),
    )
