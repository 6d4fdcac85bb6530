"""SQL for the resource library. Plain, parameterised, nothing else."""

from __future__ import annotations

from typing import Any

from bot.db.database import Connection, Database, Row

_COLUMNS = (
    "id, guild_id, name, title, description, note, url, file_sha256, file_name, file_size, "
    "owner_id, created_at, updated_at, archived_at"
)
EDITABLE = ("title", "description", "note", "url", "file_sha256", "file_name", "file_size")


def insert(conn: Connection, values: dict[str, Any]) -> int:
    inserted = conn.execute(
        "INSERT INTO resources (guild_id, name, title, description, note, url, file_sha256, file_name,"
        " file_size, owner_id, created_at, updated_at)"
        " VALUES (:guild_id, :name, :title, :description, :note, :url, :file_sha256, :file_name,"
        " :file_size, :owner_id, :now, :now) RETURNING id",
        values,
    ).fetchall()
    return int(inserted[0][0])


def update(conn: Connection, resource_id: int, changes: dict[str, Any], now: int) -> None:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    # Column names come from the EDITABLE whitelist above, values are parameters.
    assignments = ", ".join(f"{column} = :{column}" for column in changes)
    conn.execute(
        f"UPDATE resources SET {assignments}, updated_at = :now WHERE id = :id",
        {**changes, "now": now, "id": resource_id},
    )


def archive(conn: Connection, resource_id: int, now: int) -> None:
    conn.execute(
        "UPDATE resources SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL",
        (now, now, resource_id),
    )


async def get_active_by_name(db: Database, guild_id: int, name: str) -> Row | None:
    return await db.fetchone(
        f"SELECT {_COLUMNS} FROM resources WHERE guild_id = ? AND name = ? AND archived_at IS NULL",
        (guild_id, name),
    )


async def get_by_id(db: Database, resource_id: int) -> Row | None:
    return await db.fetchone(f"SELECT {_COLUMNS} FROM resources WHERE id = ?", (resource_id,))


async def list_active(db: Database, guild_id: int) -> list[Row]:
    return await db.fetchall(
        f"SELECT {_COLUMNS} FROM resources WHERE guild_id = ? AND archived_at IS NULL ORDER BY name",
        (guild_id,),
    )


async def list_active_in_guilds(db: Database, guild_ids: list[int]) -> list[Row]:
    if not guild_ids:
        return []
    marks = ", ".join("?" for _ in guild_ids)
    return await db.fetchall(
        f"SELECT {_COLUMNS} FROM resources WHERE guild_id IN ({marks}) AND archived_at IS NULL ORDER BY guild_id, name",
        tuple(guild_ids),
    )


async def count_using_file(db: Database, sha256: str) -> int:
    """How many offered resources and pending deliveries still need a stored file."""
    return int(
        await db.fetchval(
            "SELECT (SELECT COUNT(*) FROM resources WHERE file_sha256 = ? AND archived_at IS NULL)"
            " + (SELECT COUNT(*) FROM deliveries WHERE file_sha256 = ? AND status = 'pending')",
            (sha256, sha256),
        )
    )


async def files_in_use(db: Database) -> set[str]:
    rows = await db.fetchall(
        "SELECT file_sha256 FROM resources WHERE file_sha256 IS NOT NULL AND archived_at IS NULL"
        " UNION SELECT file_sha256 FROM deliveries WHERE file_sha256 IS NOT NULL AND status = 'pending'"
    )
    return {row[0] for row in rows}
