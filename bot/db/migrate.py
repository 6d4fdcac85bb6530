"""Apply the numbered SQL files in migrations/ in order, each atomically.

Each file runs inside one script together with its schema_version row:
``BEGIN; <file>; INSERT INTO schema_version ...; COMMIT;`` — executescript() commits any open
transaction before it runs, so a transaction opened outside the script would not protect us.
On failure we roll back and the database is exactly as it was before that file.

PostgreSQL runs the same files, with the column types of bot/db/dialect.py; a file in
migrations/postgresql/ with the same number and name replaces one whose SQL has to differ. Each
migration is one transaction together with its schema_version row, under an advisory lock, so
several processes starting at once apply each migration exactly once.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from bot.db import dialect
from bot.db.database import Database
from bot.db.postgres import PostgresDatabase

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
POSTGRES_DIR = "postgresql"
# pg_advisory_xact_lock key: any constant no other application on the database uses ("HNDT").
_LOCK_KEY = 0x484E4454
_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class MigrationError(Exception):
    """The schema cannot be brought up to date; the message says what to do."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(directory: Path = MIGRATIONS_DIR, backend: str = "SQLite") -> list[Migration]:
    """The migrations for ``backend`` ("SQLite" or "PostgreSQL"), in order."""
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
    if backend == PostgresDatabase.backend:
        return [_for_postgres(directory, found[v]) for v in versions]
    return [found[v] for v in versions]


def _for_postgres(directory: Path, migration: Migration) -> Migration:
    override = directory / POSTGRES_DIR / f"{migration.version:04d}_{migration.name}.sql"
    if override.is_file():
        return Migration(migration.version, migration.name, override.read_text(encoding="utf-8"))
    return Migration(migration.version, migration.name, dialect.migration_sql(migration.sql))


async def current_version(db: Database | PostgresDatabase) -> int:
    if isinstance(db, PostgresDatabase):
        if not await db.fetchval("SELECT to_regclass('schema_version') IS NOT NULL"):
            return 0
        return int(await db.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))
    exists = await db.fetchval("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    if not exists:
        return 0
    return int(await db.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))


def _too_new(db: Database | PostgresDatabase, have: int, known: int) -> MigrationError:
    return MigrationError(
        f"the database {db.where} is at schema version {have}, newer than this Handout "
        f"(which knows up to {known}): run the newer Handout, or restore a backup."
    )


async def migrate(db: Database | PostgresDatabase, migrations: list[Migration] | None = None) -> list[Migration]:
    """Bring the schema up to date; return the migrations applied now (empty if none)."""
    migrations = load_migrations(backend=db.backend) if migrations is None else migrations
    known = migrations[-1].version if migrations else 0
    if isinstance(db, PostgresDatabase):
        return await _migrate_postgres(db, migrations, known)
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    have = await current_version(db)
    if have > known:
        raise _too_new(db, have, known)
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


async def _migrate_postgres(db: PostgresDatabase, migrations: list[Migration], known: int) -> list[Migration]:
    applied = []
    async with db.pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_KEY)
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            )
        for migration in migrations:
            try:
                async with conn.transaction():
                    # Another process may have applied it while we waited for the lock.
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_KEY)
                    have = await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                    if have > known:
                        raise _too_new(db, have, known)
                    if migration.version <= have:
                        continue
                    await conn.execute(migration.sql)
                    await conn.execute(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
                        migration.version,
                        migration.name,
                        int(time.time()),
                    )
            except MigrationError:
                raise
            except Exception as exc:
                raise MigrationError(
                    f"migration {migration.version:04d}_{migration.name} failed ({exc}); "
                    "the database was left as it was before it."
                ) from exc
            log.info("Applied migration %04d_%s", migration.version, migration.name)
            applied.append(migration)
    return applied
