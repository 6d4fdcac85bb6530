"""Transactions that queue up behind each other (a burst of clicks) commit together (group
commit: bot/db/pg_thread.py on PostgreSQL, bot/db/sqlite_group.py on SQLite), which must look
exactly like running them one by one. Run on both backends."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

import pytest

LOCALE = "INSERT INTO member_locales (user_id, locale, updated_at) VALUES (?, ?, ?)"


def slow_first(conn: Any) -> str:
    # Holds the database's transaction thread so that the transactions started after it queue up.
    conn.execute(LOCALE, (1, "en-US", 1))
    time.sleep(0.3)
    return "first"


def put(conn: Any, user_id: int) -> int:
    conn.execute(LOCALE, (user_id, "nl", 1))
    return user_id


def put_then_fail(conn: Any, user_id: int) -> None:
    conn.execute(LOCALE, (user_id, "nl", 1))
    raise ValueError("changed my mind")


def swallow_a_failed_statement(conn: Any) -> str:
    # A duplicate key: PostgreSQL aborts the whole transaction, whatever the function does next.
    try:
        conn.execute(LOCALE, (1, "fr", 1))
    except sqlite3.IntegrityError:
        pass
    return "swallowed"


async def stored(db: Any) -> list[int]:
    return [row[0] for row in await db.fetchall("SELECT user_id FROM member_locales ORDER BY user_id")]


async def test_queued_transactions_each_get_their_own_result_and_one_failure_fails_alone(db: Any) -> None:
    first = asyncio.ensure_future(db.transaction(slow_first))
    await asyncio.sleep(0.05)
    others = [asyncio.ensure_future(db.transaction(put, user_id)) for user_id in range(100, 130)]
    failing = asyncio.ensure_future(db.transaction(put_then_fail, 999))
    more = [asyncio.ensure_future(db.transaction(put, user_id)) for user_id in range(200, 210)]
    assert await first == "first"
    assert await asyncio.gather(*others, *more) == [*range(100, 130), *range(200, 210)]
    with pytest.raises(ValueError, match="changed my mind"):
        await failing
    assert await stored(db) == [1, *range(100, 130), *range(200, 210)]


async def test_a_transaction_that_swallows_a_failed_statement_loses_no_one_elses_writes(db: Any) -> None:
    first = asyncio.ensure_future(db.transaction(slow_first))
    await asyncio.sleep(0.05)
    before = [asyncio.ensure_future(db.transaction(put, user_id)) for user_id in range(10, 20)]
    swallowing = asyncio.ensure_future(db.transaction(swallow_a_failed_statement))
    assert await first == "first"
    assert await asyncio.gather(*before) == list(range(10, 20))
    assert await swallowing == "swallowed"
    # Had the group been committed as one, COMMIT would have rolled back all ten of these.
    assert await stored(db) == [1, *range(10, 20)]


async def test_a_burst_wakes_the_transaction_thread_once_and_nothing_queued_is_left_behind(db: Any) -> None:
    """PostgreSQL: the transactions queued while the thread is busy need no wake-up of their own
    (one each was a thread switch away from the busy event loop per click, mostly to find the queue
    already drained); one queued after it went idle still runs."""
    if db.backend != "PostgreSQL":
        pytest.skip("SQLite runs transactions on aiosqlite's own thread")
    thread = db._transactions
    submitted = []
    submit = thread._executor.submit

    def counted(fn: Any, *args: Any) -> Any:
        submitted.append(fn)
        return submit(fn, *args)

    thread._executor.submit = counted
    first = asyncio.ensure_future(db.transaction(slow_first))
    await asyncio.sleep(0.05)  # the thread is in slow_first now
    burst = [asyncio.ensure_future(db.transaction(put, user_id)) for user_id in range(100, 200)]
    assert await first == "first"
    assert await asyncio.gather(*burst) == list(range(100, 200))
    assert len(submitted) == 1  # the first transaction's; the burst queued behind it
    # Idle again: the next transaction must wake the thread, not wait for a drain that ended.
    assert await asyncio.wait_for(db.transaction(put, 300), 30) == 300
    assert await stored(db) == [1, *range(100, 200), 300]


def test_advisory_locks_are_written_in_as_integers_only() -> None:
    # They go into a simple query with BEGIN (no parameters there): nothing but an integer may pass.
    from bot.db import dialect

    assert "ARRAY[-3,7]::bigint[]" in dialect.advisory_locks([-3, 7])
    with pytest.raises(ValueError):
        dialect.advisory_locks(["1]); DROP TABLE deliveries; --"])  # type: ignore[list-item]
