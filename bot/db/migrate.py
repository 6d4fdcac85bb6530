"""Apply the numbered SQL files in migrations/ in order, each atomically.

Each file runs inside one script together with its schema_version row:
``BEGIN; <file>; INSERT INTO schema_version ...; COMMIT;`` — executescript() commits any open
transaction before it runs, so a transaction opened outside the script would not protect us.
On failure we roll back and the database is exactly as it was before that file.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from bot.db.database import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class MigrationError(Exception):
    """The schema cannot be brought up to date; the message says what to do."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    if not directory.is_dir():
        raise MigrationError(f"the migrations folder {directory} is missing: reinstall Handout from its repository.")
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name} in migrations/ is not named NNNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migrations share number {version:04d}")
        found[version] = Migration(version, match.group(2), path.read_text(encoding="utf-8"))
    versions = sorted(found)
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"migration numbers must run 0001, 0002, ... without gaps; found {versions}")
    return [found[v] for v in versions]


async def current_version(db: Database) -> int:
    exists = await db.fetchval("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    if not exists:
        return 0
    return int(await db.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))


async def migrate(db: Database, migrations: list[Migration] | None = None) -> list[Migration]:
    """Bring the schema up to date; return the migrations applied now (empty if none)."""
    migrations = load_migrations() if migrations is None else migrations
    known = migrations[-1].version if migrations else 0
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    have = await current_version(db)
    if have > known:
        raise MigrationError(
            f"the database {db.path} is at schema version {have}, newer than this Handout "
            f"(which knows up to {known}): run the newer Handout, or restore a backup."
        )
    applied = []
    for migration in migrations:
        if migration.version <= have:
            continue
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{migration.sql.rstrip().rstrip(';')};\n"
            "INSERT INTO schema_version (version, name, applied_at) "
            f"VALUES ({migration.version}, '{migration.name}', {int(time.time())});\n"
            "COMMIT;"
        )
        conn = db.connection
        try:
            await conn.executescript(script)
        except Exception as exc:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            if await current_version(db) >= migration.version:
                # Processes of a cluster started together: another one applied it first.
                log.info("Migration %04d_%s was applied by another process", migration.version, migration.name)
                continue
            raise MigrationError(
                f"migration {migration.version:04d}_{migration.name} failed ({exc}); "
                "the database was left as it was before it."
            ) from exc
        log.info("Applied migration %04d_%s", migration.version, migration.name)
        applied.append(migration)
    return applied
