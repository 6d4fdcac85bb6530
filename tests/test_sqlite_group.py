"""Group commit on SQLite (bot/db/sqlite_group.py): transactions queued behind a busy database
thread commit together, each in its own savepoint; a lone one runs at once, alone. Against a real
SQLite file; what both backends share is in tests/test_db_transactions.py."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from bot.db.database import Database
from bot.db.migrate import migrate
from bot.db.sqlite_group import GROUP_MAX

LOCALE = "INSERT INTO member_locales (user_id, locale, updated_at) VALUES (?, ?, ?)"


def hold(conn: Any, seconds: float = 0.3) -> str:
    # Keeps the database thread busy so that the transactions started meanwhile queue up.
    conn.execute(LOCALE, (1, "en-US", 1))
    time.sleep(seconds)
    return "held"


def put(conn: Any, user_id: int) -> int:
    conn.execute(LOCALE, (user_id, "nl", 1))
    return user_id


@pytest.fixture
async def sqlite_db(tmp_path: Path):
    database = Database(tmp_path / "handout.db")
    await database.connect()
    await migrate(database)
    yield database
    await database.close()


@pytest.fixture
async def statements(sqlite_db: Database) -> list[str]:
    """Every statement the connection runs from now on, as SQLite saw it."""
    seen: list[str] = []
    await sqlite_db.run(lambda conn: conn.set_trace_callback(seen.append))
    return seen


def committed(path: Path) -> list[int]:
    """What another connection (another process, or this one after a crash) finds in the file."""
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT user_id FROM member_locales ORDER BY user_id")]
    finally:
        conn.close()


def transactions(seen: list[str]) -> list[list[str]]:
    """The statements between each BEGIN and its COMMIT."""
    found: list[list[str]] = []
    for statement in seen:
        if statement.startswith("BEGIN"):
            found.append([])
        elif statement == "COMMIT":
            continue
        elif found:
            found[-1].append(statement)
    return found


async def test_queued_transactions_commit_together_and_a_duplicate_fails_alone(sqlite_db, statements) -> None:
    first = asyncio.ensure_future(sqlite_db.transaction(hold))
    await asyncio.sleep(0.05)  # the thread is in hold() now
    burst = [asyncio.ensure_future(sqlite_db.transaction(put, user_id)) for user_id in range(100, 130)]
    duplicate = asyncio.ensure_future(sqlite_db.transaction(put, 110))  # a second row for user 110
    late = [asyncio.ensure_future(sqlite_db.transaction(put, user_id)) for user_id in range(130, 140)]
    assert await first == "held"
    assert await asyncio.gather(*burst, *late) == list(range(100, 140))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        await duplicate
    assert committed(sqlite_db.path) == [1, *range(100, 140)]
    # hold() alone, then the 41 queued behind it in one transaction: not 42 commits.
    assert statements.count("COMMIT") == 2


async def test_a_group_holds_at_most_group_max(sqlite_db, statements) -> None:
    first = asyncio.ensure_future(sqlite_db.transaction(hold))
    await asyncio.sleep(0.05)
    burst = [
        asyncio.ensure_future(sqlite_db.transaction(put, user_id)) for user_id in range(1000, 1000 + 2 * GROUP_MAX + 7)
    ]
    await first
    assert len(await asyncio.gather(*burst)) == 2 * GROUP_MAX + 7
    sizes = [sum(s.startswith("SAVEPOINT") for s in tx) for tx in transactions(statements)]
    assert sizes == [0, GROUP_MAX, GROUP_MAX, 7]


async def test_a_lone_transaction_runs_at_once_as_before(sqlite_db, statements) -> None:
    assert await asyncio.wait_for(sqlite_db.transaction(put, 5), 10) == 5
    assert [s for s in statements if "member_locales" in s or s.startswith(("BEGIN", "COMMIT", "SAVEPOINT"))] == [
        "BEGIN IMMEDIATE",
        "INSERT INTO member_locales (user_id, locale, updated_at) VALUES (5, 'nl', 1)",
        "COMMIT",
    ]
    # Idle again after a group: the next one needs no company either.
    first = asyncio.ensure_future(sqlite_db.transaction(hold))
    await asyncio.sleep(0.05)
    await asyncio.gather(first, *(sqlite_db.transaction(put, user_id) for user_id in (6, 7)))
    assert await asyncio.wait_for(sqlite_db.transaction(put, 8), 10) == 8
    assert committed(sqlite_db.path) == [1, 5, 6, 7, 8]


async def test_every_caller_hears_of_its_row_only_once_it_is_committed(sqlite_db) -> None:
    async def record(user_id: int) -> bool:
        await sqlite_db.transaction(put, user_id)
        # Acknowledged now: another connection must already find the row in the file.
        return user_id in committed(sqlite_db.path)

    first = asyncio.ensure_future(sqlite_db.transaction(hold))
    await asyncio.sleep(0.05)
    seen = await asyncio.gather(*(record(user_id) for user_id in range(200, 240)))
    await first
    assert all(seen)


def test_a_crash_between_commit_and_acknowledgement_loses_nothing(tmp_path: Path) -> None:
    """The process dies (os._exit, like SIGKILL: nothing flushed, no handler runs) the moment the
    first caller of a group hears its outcome: every row of that group is in the file."""
    script = textwrap.dedent(
        f"""
        import asyncio, os, time
        from pathlib import Path
        from bot.db.database import Database
        from bot.db.migrate import migrate

        def hold(conn):
            time.sleep(0.3)

        def put(conn, user_id):
            conn.execute("INSERT INTO member_locales (user_id, locale, updated_at) VALUES (?, 'nl', 1)", (user_id,))

        async def main():
            db = Database(Path({str(tmp_path / "crash.db")!r}))
            await db.connect()
            await migrate(db)
            first = asyncio.ensure_future(db.transaction(hold))
            await asyncio.sleep(0.05)
            burst = [asyncio.ensure_future(db.transaction(put, user_id)) for user_id in range(300, 320)]
            burst[0].add_done_callback(lambda _: os._exit(9))  # crash at the first acknowledgement
            await first
            await asyncio.gather(*burst)

        asyncio.run(main())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent.parent, timeout=60, check=False)
    assert done.returncode == 9
    assert committed(tmp_path / "crash.db") == list(range(300, 320))
