"""One aiosqlite connection, shared by the whole bot; every unit of work is one round trip.

aiosqlite runs each job on its single database thread, one job at a time. A transaction written as
a plain function and run as one job (``transaction``) therefore cannot interleave with another
task's statements, needs no asyncio lock, and costs one thread round trip instead of one per
statement. Under a burst of a thousand clicks those round trips were where the time went.

With HANDOUT_DATABASE_URL set, bot/db/postgres.py offers the same interface on PostgreSQL and
runs the same plain functions against a connection with the same small surface (``Connection``).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite

from bot.db.sqlite_group import GroupCommit

log = logging.getLogger(__name__)

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

# How long SQLite waits for another process (e.g. `python -m bot check` while the bot runs)
# before giving up with "database is locked".
BUSY_TIMEOUT_MS = 5000

# A row: sqlite3.Row or asyncpg.Record; both offer row["column"], row[0] and keys().
Row = Any
# Raised for a violated constraint on either backend (PostgreSQL's are re-raised as this).
IntegrityError = sqlite3.IntegrityError


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Row | None: ...

    def fetchall(self) -> list[Row]: ...


class Connection(Protocol):
    """What a transaction function may use: the subset of sqlite3.Connection both backends offer.
    Get ids of inserted rows with ``RETURNING id`` (not lastrowid), which both understand."""

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


def locks_for_itself(key: Callable[..., tuple]) -> Callable[[F], F]:
    """Mark a transaction function whose reads need only one lock to stay true until it commits:
    ``key(*args, **kwargs)`` names it (a tuple of plain values). PostgreSQL takes that lock first
    (an advisory lock, held to COMMIT) and runs the function at READ COMMITTED instead of
    SERIALIZABLE: each statement then sees what was committed before it, including by whoever
    held the lock before. Only for a function that reads nothing else whose change by another
    process's transaction would matter to it.

    Why: SERIALIZABLE tracks reads as predicate locks on index pages, so two processes' clicks
    for neighbouring members (whose rows share a page) "conflict" although they touch different
    rows, and a whole group of transactions is rolled back and rerun (bench/README.md, "Run as a
    cluster"). A burst's locks are taken together, one statement for a group (pg_thread.py). SQLite
    needs no lock: its transactions take the single write lock at BEGIN."""

    def mark(fn: F) -> F:
        fn.lock_key = key  # type: ignore[attr-defined]
        return fn

    return mark


def runs_in_batches(batch: Callable[[Any, list[dict[str, Any]]], list[Any]]) -> Callable[[F], F]:
    """Mark a transaction function (called with keyword arguments only) that PostgreSQL may run
    for several queued callers at once, in one transaction (group commit, pg_thread.py), as
    ``batch(connection, [kwargs, ...])``: it must return what calling the function once for each,
    in that order, would have. SQLite runs each call on its own."""

    def mark(fn: F) -> F:
        fn.batch = batch  # type: ignore[attr-defined]
        return fn

    return mark


class Database:
    """SQLite: one file under HANDOUT_DATA_DIR."""

    backend = "SQLite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._group: GroupCommit | None = None

    async def connect(self) -> None:
        # isolation_level=None: no implicit transactions; we BEGIN/COMMIT ourselves.
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await self._use_wal()
        await self._conn.execute("PRAGMA foreign_keys = ON")
        # Deleted rows (a member's "Delete my data") are overwritten, not left in free pages.
        await self._conn.execute("PRAGMA secure_delete = ON")
        # NORMAL is durable across application crashes in WAL mode; only an OS crash or
        # power loss can lose the last commits.
        await self._conn.execute("PRAGMA synchronous = NORMAL")
        self._group = GroupCommit(self._conn)

    async def _use_wal(self) -> None:
        """Switch the file to WAL (once: the mode is kept in the file). Processes of a cluster opening a new
        file together race to switch it, and SQLite tells the losers "database is locked" at once, without
        waiting out busy_timeout; they try again, within the same time."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.01
        while True:
            try:
                await self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.25)

    @property
    def where(self) -> str:
        """Where the data lives, for messages (never a secret)."""
        return str(self.path)

    @property
    def connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("Database.connect() was not called")
        return self._conn

    async def close(self) -> None:
        if self._conn is None:
            return
        # aiosqlite finishes the jobs already queued before it closes.
        await self._conn.close()
        self._conn = None
        self._group = None

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(sqlite3_connection, *args, **kwargs)`` on the database thread, as one job."""
        conn = self.connection
        # aiosqlite's job queue (Connection._execute) is not public API, but it is what every
        # aiosqlite method uses; pyproject pins aiosqlite below its next minor release.
        return await conn._execute(fn, conn._conn, *args, **kwargs)

    async def transaction(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(sqlite3_connection, *args, **kwargs)`` inside BEGIN IMMEDIATE ... COMMIT; ROLLBACK
        if it raises. Transactions queued behind a busy database thread commit together, each
        undone alone if it raises (bot/db/sqlite_group.py); the result comes after the COMMIT."""
        if self._group is None:
            raise RuntimeError("Database.connect() was not called")
        return await self._group.run(fn, args, kwargs)

    async def forget_deleted(self, tables: Sequence[str]) -> bool:
        """After a deletion that must leave no trace: secure_delete zeroed the rows in the pages,
        and the WAL, which still holds the pages as they were, is checkpointed and truncated."""
        return await self.truncate_wal()

    async def truncate_wal(self) -> bool:
        """Copy the WAL into the database file and truncate it to zero bytes, so what was deleted
        is not left behind in old WAL frames. False if another connection kept it from finishing."""
        busy, _, _ = await self.fetchone("PRAGMA wal_checkpoint(TRUNCATE)") or (0, 0, 0)
        if busy:
            log.warning("The WAL could not be truncated now (another connection is reading)")
        return not busy

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement on its own (atomic by itself); return the number of rows it changed."""
        return await self.run(_execute, sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.transaction(lambda conn: conn.executemany(sql, rows))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return await self.run(lambda conn: conn.execute(sql, params).fetchone())

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return await self.run(lambda conn: conn.execute(sql, params).fetchall())

    async def fetchval(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


def _execute(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
    return conn.execute(sql, params).rowcount
