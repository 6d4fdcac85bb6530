"""SQL for redrawing creator prompts and reminder digests already sent, when what they quote has
changed.

A member who edits or deletes a DM, or deletes their data, changes what a prompt or digest in a
creator's DMs (or inbox channel) should show. The change marks that Discord message in the same
transaction; the worker then draws it again from the database. Portable SQL: no SQLite-only syntax."""

from __future__ import annotations

from bot.db import cluster
from bot.db.database import Connection, Database, Row

# A message marked again: changed again while a process draws it, that process draws it again (it
# keeps the lease, so no other process draws the older and the newer state at once, in either order).
_AGAIN = (
    " ON CONFLICT (message_id) DO UPDATE SET version = prompt_redraws.version + 1, due_at = excluded.due_at,"
    " attempts = 0, embeds = COALESCE(excluded.embeds, prompt_redraws.embeds)"
)

# Every sent prompt whose Discord message quotes a member message matched by the WHERE clause
# (on ``m``): the prompt's first message, or one of a burst linked to it. One row per Discord
# message (a batch carries several prompts, all to one creator and server).
_MARK = (
    "INSERT INTO prompt_redraws (message_id, channel_id, owner_id, guild_id, embeds, due_at, marked_at)"
    " SELECT p.message_id, MAX(p.channel_id), MAX(f.owner_id), MAX(f.guild_id), MAX(p.message_embeds), ?, ?"
    " FROM member_messages m JOIN prompts p ON (p.id = m.prompt_id OR p.member_message_id = m.id)"
    " JOIN member_messages f ON f.id = p.member_message_id"
    " WHERE p.status = 'sent' AND p.message_id IS NOT NULL AND f.owner_id IS NOT NULL AND {where}"
    " GROUP BY p.message_id" + _AGAIN
)

# The same for reminder digests that listed such a message (a line of its words each).
_MARK_DIGESTS = (
    "INSERT INTO prompt_redraws (message_id, channel_id, owner_id, guild_id, digest_id, due_at, marked_at)"
    " SELECT d.message_id, MAX(d.channel_id), MAX(d.owner_id), MAX(d.guild_id), MAX(d.id), ?, ?"
    " FROM member_messages m JOIN digest_items i ON i.member_message_id = m.id JOIN digests d ON d.id = i.digest_id"
    " WHERE d.status = 'sent' AND d.message_id IS NOT NULL AND {where} GROUP BY d.message_id" + _AGAIN
)

_COLUMNS = "id, message_id, channel_id, owner_id, guild_id, embeds, digest_id, version, attempts"


def _mark(conn: Connection, where: str, params: tuple, now: int) -> int:
    marked = conn.execute(_MARK.format(where=where), (now, now, *params)).rowcount
    return marked + conn.execute(_MARK_DIGESTS.format(where=where), (now, now, *params)).rowcount


def mark_for_source(conn: Connection, source_id: int, now: int) -> int:
    """The member's DM ``source_id`` changed: redraw the prompts that quote it, and note the change
    on a prompt still being sent (``sent_with_old_words``)."""
    conn.execute(
        "UPDATE prompts SET quoted_version = quoted_version + 1 WHERE id IN (SELECT p.id FROM member_messages m"
        " JOIN prompts p ON (p.id = m.prompt_id OR p.member_message_id = m.id) WHERE m.source_id = ? AND m.via = 'dm')",
        (source_id,),
    )
    return _mark(conn, "m.source_id = ? AND m.via = 'dm'", (source_id,), now)


def quoted_changed(conn: Connection, prompt_id: int) -> None:
    """A burst's next message joined this queued prompt, which may be being sent right now."""
    conn.execute("UPDATE prompts SET quoted_version = quoted_version + 1 WHERE id = ?", (prompt_id,))


async def quoted_versions(db: Database, prompt_ids: list[int]) -> dict[int, int]:
    """How often what each prompt quotes has changed: read before the words are."""
    if not prompt_ids:
        return {}
    marks = ", ".join("?" for _ in prompt_ids)
    rows = await db.fetchall(f"SELECT id, quoted_version FROM prompts WHERE id IN ({marks})", tuple(prompt_ids))
    return {row[0]: row[1] for row in rows}


def sent_with_old_words(conn: Connection, prompt_id: int, read_version: int, now: int) -> None:
    """The prompt was just recorded sent, drawn from what it quoted at ``read_version``: if that
    changed since, its message is redrawn."""
    where = "m.id = p.member_message_id AND p.id = ? AND p.quoted_version > ?"
    conn.execute(_MARK.format(where=where), (now, now, prompt_id, read_version))


def mark_message(conn: Connection, message_id: int, channel_id: int, owner_id: int, guild_id: int | None,
                 embeds: int, now: int) -> None:  # fmt: skip
    """Redraw this Discord message, known only from its send: a prompt in it is gone already."""
    conn.execute(
        "INSERT INTO prompt_redraws (message_id, channel_id, owner_id, guild_id, embeds, due_at, marked_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)" + _AGAIN,
        (message_id, channel_id, owner_id, guild_id, embeds, now, now),
    )


def mark_for_member(conn: Connection, member_id: int, now: int) -> int:
    """The member is deleting their data: redraw every prompt and digest that quotes them (marked
    before the rows go)."""
    return _mark(conn, "m.member_id = ?", (member_id,), now)


def mark_digest(conn: Connection, digest_id: int, now: int) -> None:
    """Redraw this digest (what it listed changed while it was on its way)."""
    conn.execute(
        "INSERT INTO prompt_redraws (message_id, channel_id, owner_id, guild_id, digest_id, due_at, marked_at)"
        " SELECT message_id, channel_id, owner_id, guild_id, id, ?, ? FROM digests"
        " WHERE id = ? AND message_id IS NOT NULL" + _AGAIN,
        (now, now, digest_id),
    )


def claim(conn: Connection, me: str, now: int, alive_since: int, limit: int) -> list[Row]:
    """Lease to ``me`` the redraws due now that no live process holds."""
    return cluster.lease(
        conn,
        "prompt_redraws",
        me=me,
        alive_since=alive_since,
        due="due_at <= ?",
        due_params=(now,),
        order="due_at, id",
        limit=limit,
        returning=_COLUMNS,
        also_set=", attempts = attempts + 1",
    )


async def done(db: Database, redraw_id: int, version: int) -> None:
    """Drawn (or nothing left to draw): forgotten, unless it changed meanwhile; then it stays leased
    to this process, which draws it again on its next pass."""
    await db.execute("DELETE FROM prompt_redraws WHERE id = ? AND version = ?", (redraw_id, version))


async def retry_at(db: Database, redraw_id: int, due_at: int) -> None:
    """Released: when it is due again, whichever process looks first draws it."""
    await db.execute("UPDATE prompt_redraws SET due_at = ?, lease_owner = NULL WHERE id = ?", (due_at, redraw_id))


async def next_due(db: Database, me: str, alive_since: int, recheck_at: int) -> int | None:
    """When the next redraw this process could claim is due (one another live process holds is
    looked at again at ``recheck_at``, in case that process stops)."""
    where, params = cluster.claimable(alive_since, me)
    return await db.fetchval(
        f"SELECT MIN(CASE WHEN {where} THEN due_at ELSE CAST(? AS BIGINT) END) FROM prompt_redraws",
        (*params, recheck_at),
    )


async def prompts_in_message(db: Database, channel_id: int, message_id: int) -> list[Row]:
    """The prompts one Discord message still carries, in the order of its embeds."""
    return await db.fetchall(
        "SELECT id, member_message_id, position, message_embeds FROM prompts"
        " WHERE channel_id = ? AND message_id = ? AND status = 'sent' ORDER BY position, id",
        (channel_id, message_id),
    )


async def digest(db: Database, digest_id: int) -> Row | None:
    return await db.fetchone("SELECT listed, shown, sent_at FROM digests WHERE id = ?", (digest_id,))


async def digest_items(db: Database, digest_id: int) -> list[Row]:
    """The messages a digest listed and that still exist, by their line."""
    return await db.fetchall(
        "SELECT position, member_message_id FROM digest_items WHERE digest_id = ? ORDER BY position", (digest_id,)
    )
