from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.db.database import Database
from bot.db.migrate import Migration, MigrationError, current_version, load_migrations, migrate


async def open_db(path: Path) -> Database:
    db = Database(path)
    await db.connect()
    return db


async def tables(db: Database) -> set[str]:
    rows = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


async def test_fresh_database_gets_every_migration(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "h.db")
    applied = await migrate(db)
    assert [m.version for m in applied] == [m.version for m in load_migrations()]
    assert {"resources", "guild_settings", "deliveries", "schema_version"} <= await tables(db)
    assert await current_version(db) == load_migrations()[-1].version
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    await db.close()


async def test_applying_twice_is_a_no_op(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "h.db")
    await migrate(db)
    rows_before = await db.fetchall("SELECT version, name, applied_at FROM schema_version")
    assert await migrate(db) == []
    rows_after = await db.fetchall("SELECT version, name, applied_at FROM schema_version")
    assert [tuple(r) for r in rows_before] == [tuple(r) for r in rows_after]
    await db.close()


async def test_database_newer_than_code_refuses(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "h.db")
    await migrate(db)
    await db.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 0)")
    with pytest.raises(MigrationError, match="schema version 999, newer than this Handout"):
        await migrate(db)
    await db.close()


async def test_failing_migration_leaves_database_as_it_was(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "h.db")
    good = load_migrations()
    await migrate(db, good)
    before = await tables(db)
    broken = Migration(
        len(good) + 1,
        "broken",
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO half_done VALUES (1);\nTHIS IS NOT SQL;",
    )
    with pytest.raises(MigrationError, match="failed .* left as it was"):
        await migrate(db, [*good, broken])
    assert await tables(db) == before
    assert await current_version(db) == len(good)
    # The connection is usable afterwards and no transaction is left open.
    assert not db.connection.in_transaction
    await db.execute("INSERT INTO bot_state (key, value) VALUES ('k', 'v')")
    await db.close()


async def test_version_survives_reopen(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "h.db")
    await migrate(db)
    await db.close()
    again = await open_db(tmp_path / "h.db")
    assert await migrate(again) == []
    await again.close()


def test_migration_files_are_numbered_without_gaps(tmp_path: Path) -> None:
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0003_c.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="without gaps"):
        load_migrations(tmp_path)


def test_badly_named_migration_file(tmp_path: Path) -> None:
    (tmp_path / "1_init.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="NNNN_name.sql"):
        load_migrations(tmp_path)


def test_each_migration_is_valid_sql_on_its_own() -> None:
    conn = sqlite3.connect(":memory:")
    for migration in load_migrations():
        conn.executescript(migration.sql)
    conn.close()


async def test_prompt_refused_migration_keeps_queued_prompts_and_allows_refused(tmp_path: Path) -> None:
    everything = load_migrations()
    [refused] = [m for m in everything if m.name == "prompt_refused"]
    db = await open_db(tmp_path / "h.db")
    await migrate(db, [m for m in everything if m.version < refused.version])
    await db.execute(
        "INSERT INTO member_messages (id, source_id, member_id, label, via, content, received_at)"
        " VALUES (1, 10, 20, 'thanks', 'dm', 'thanks!', 100)"
    )
    await db.execute(
        "INSERT INTO prompts (id, member_message_id, attempts, next_attempt_at, last_error, created_at)"
        " VALUES (7, 1, 3, 500, 'discord 400 50035', 100)"
    )
    with pytest.raises(sqlite3.IntegrityError):
        await db.execute("UPDATE prompts SET status = 'refused' WHERE id = 7")
    await migrate(db, everything)
    row = await db.fetchone("SELECT status, attempts, next_attempt_at, last_error FROM prompts WHERE id = 7")
    assert tuple(row) == ("queued", 3, 500, "discord 400 50035")
    await db.execute("UPDATE prompts SET status = 'refused' WHERE id = 7")
    assert await db.fetchval("SELECT status FROM prompts WHERE id = 7") == "refused"
    indexes = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prompts'")
    assert "prompts_queued" in {r[0] for r in indexes}
    await db.close()


async def test_prompt_refused_in_batch_migration_carries_the_mark_over_from_the_error_text(tmp_path: Path) -> None:
    everything = load_migrations()
    [marked] = [m for m in everything if m.name == "prompt_refused_in_batch"]
    db = await open_db(tmp_path / "h.db")
    await migrate(db, [m for m in everything if m.version < marked.version])
    for message_id in (1, 2, 3):
        await db.execute(
            "INSERT INTO member_messages (id, source_id, member_id, label, via, content, received_at)"
            " VALUES (?, ?, 20, 'thanks', 'dm', 'thanks!', 100)",
            (message_id, 10 + message_id),
        )
    for prompt_id, status, error in (
        (7, "queued", "refused in a batch: discord 400 50035: Invalid Form Body"),
        (8, "queued", "discord 503 0: Service Unavailable"),
        (9, "refused", "refused in a batch: discord 400 50035: Invalid Form Body"),
    ):
        await db.execute(
            "INSERT INTO prompts (id, member_message_id, status, attempts, next_attempt_at, last_error, created_at)"
            " VALUES (?, ?, ?, 1, 500, ?, 100)",
            (prompt_id, prompt_id - 6, status, error),
        )
    await migrate(db, everything)
    rows = await db.fetchall("SELECT id, refused_in_batch FROM prompts ORDER BY id")
    assert [tuple(r) for r in rows] == [(7, 1), (8, 0), (9, 0)]
    await db.close()
