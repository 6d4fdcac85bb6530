"""PostgreSQL behind the same interface as the SQLite ``Database`` (HANDOUT_DATABASE_URL).

The transaction functions in bot/db and bot/core are plain, synchronous functions of a
connection. Here they run unchanged on a worker thread, against ``_BridgedConnection``: each
statement it is given is rewritten by bot/db/dialect.py and handed to an asyncpg connection on
the event loop (``run_coroutine_threadsafe``), which holds that one pooled connection for the
whole transaction. The rest of the code never learns which backend it has.

Transactions are SERIALIZABLE, and those of one process run one at a time (as they do on
SQLite's single thread): what the functions were written against, and safe beside other
processes on the same database. A serialisation failure reruns the function (they only touch
the database, so a rerun is safe).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit

import asyncpg

from bot.db import dialect
from bot.db.database import Row

log = logging.getLogger(__name__)

T = TypeVar("T")

POOL_SIZE = 8
CONNECT_TIMEOUT_S = 10
# How long one statement may take before it is abandoned with an error.
STATEMENT_TIMEOUT_S = 60
SERIALIZATION_RETRIES = 8
_RETRY = (asyncpg.SerializationError, asyncpg.DeadlockDetectedError)


class DatabaseUnavailable(Exception):
    """PostgreSQL cannot be reached or refuses us; the message says what to fix, without the password."""


class _BridgedCursor:
    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Row | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Row]:
        return self._rows

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._rows)


async def _run(conn: Any, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> tuple[list[Row], int]:
    query, names = dialect.placeholders(sql)
    args = dialect.arguments(names, params)
    try:
        # asyncpg's public fetch() drops the command status (the rows an UPDATE changed), and
        # execute() drops the rows; _execute(return_status=True) is what both use underneath.
        rows, status, _ = await conn._execute(query, args, 0, STATEMENT_TIMEOUT_S, return_status=True)
    except asyncpg.IntegrityConstraintViolationError as exc:
        raise integrity_error(exc) from exc
    return rows, dialect.rowcount(status.decode() if isinstance(status, bytes) else status)


def integrity_error(exc: asyncpg.IntegrityConstraintViolationError) -> sqlite3.IntegrityError:
    """The same exception type (and the word UNIQUE) SQLite gives, so callers need not care."""
    kind = "UNIQUE" if isinstance(exc, asyncpg.UniqueViolationError) else "CHECK/FOREIGN KEY/NOT NULL"
    return sqlite3.IntegrityError(f"{kind} constraint failed: {exc}")


class _BridgedConnection:
    """The sqlite3.Connection subset (``bot.db.database.Connection``), on a worker thread."""

    # What a claim asks for to lock the rows it picks and skip those another claim holds.
    skip_locked = dialect.SKIP_LOCKED

    def __init__(self, loop: asyncio.AbstractEventLoop, conn: Any) -> None:
        self._loop = loop
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> _BridgedCursor:
        rows, count = asyncio.run_coroutine_threadsafe(_run(self._conn, sql, params), self._loop).result()
        return _BridgedCursor(rows, count)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        for params in rows:
            self.execute(sql, params)


async def _init_connection(conn: asyncpg.Connection) -> None:
    # SUM() of integers is NUMERIC here (an integer on SQLite): give Python ints back, not Decimal.
    await conn.set_type_codec("numeric", encoder=str, decoder=dialect.numeric, schema="pg_catalog", format="text")


class PostgresDatabase:
    backend = "PostgreSQL"

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.url = dialect.check_url(url)
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._serial = asyncio.Lock()

    @property
    def where(self) -> str:
        return dialect.describe_url(self.url)

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("Database.connect() was not called")
        return self._pool

    async def connect(self) -> None:
        where = dialect.describe_url(self.url)
        try:
            self._pool = await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=self._pool_size,
                init=_init_connection,
                command_timeout=STATEMENT_TIMEOUT_S,
                timeout=CONNECT_TIMEOUT_S,
            )
        except (asyncpg.InvalidPasswordError, asyncpg.InvalidAuthorizationSpecificationError):
            raise DatabaseUnavailable(
                f"PostgreSQL at {where} refused the user name or password: check HANDOUT_DATABASE_URL."
            ) from None
        except asyncpg.InvalidCatalogNameError:
            raise DatabaseUnavailable(
                f"PostgreSQL at {where}: the database does not exist; create it (createdb) or fix "
                "the name in HANDOUT_DATABASE_URL."
            ) from None
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            reason = str(exc).replace(self.url, dialect.mask_url(self.url)) or type(exc).__name__
            password = urlsplit(self.url).password
            if password:
                reason = reason.replace(password, "***")
            raise DatabaseUnavailable(
                f"cannot reach PostgreSQL at {where} ({reason}): check the host and port in "
                "HANDOUT_DATABASE_URL and that the server is running."
            ) from None
        self._executor = ThreadPoolExecutor(max_workers=self._pool_size, thread_name_prefix="handout-db")

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None

    async def _on_thread(self, conn: Any, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        bridged = _BridgedConnection(loop, conn)
        running = loop.run_in_executor(self._executor, partial(fn, bridged, *args, **kwargs))
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            # The function is still running statements on this connection: let it finish before
            # the connection is rolled back and handed back to the pool.
            with contextlib.suppress(BaseException):
                await running
            raise

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(connection, *args, **kwargs)``; each statement commits by itself."""
        async with self.pool.acquire() as conn:
            return await self._on_thread(conn, fn, *args, **kwargs)

    async def transaction(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(connection, *args, **kwargs)`` in one SERIALIZABLE transaction; ROLLBACK if it
        raises, rerun it if PostgreSQL could not serialise it with another process's."""
        async with self._serial, self.pool.acquire() as conn:
            for attempt in range(SERIALIZATION_RETRIES + 1):
                await conn.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                try:
                    result = await self._on_thread(conn, fn, *args, **kwargs)
                except BaseException as exc:
                    await conn.execute("ROLLBACK")
                    if isinstance(exc, _RETRY) and attempt < SERIALIZATION_RETRIES:
                        await asyncio.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
                        continue
                    raise
                try:
                    await conn.execute("COMMIT")
                except _RETRY:
                    if attempt < SERIALIZATION_RETRIES:
                        continue
                    raise
                return result
        raise AssertionError("unreachable")

    async def forget_deleted(self, tables: Sequence[str]) -> bool:
        """After a deletion that must leave no trace ("Delete my data"): a DELETE or UPDATE only
        marks the old row versions dead; they stay readable in the table's pages until vacuumed.
        VACUUM (it cannot run inside a transaction) removes them now, instead of whenever
        autovacuum gets round to it. Unlike SQLite's secure_delete it does not zero the freed
        bytes: they stay in the page's free space until reused, and in the server's WAL until it
        is recycled (VACUUM FULL would rewrite the files, but locks each table meanwhile, which a
        burst of clicks cannot wait for). False if it could not run (the deletion itself stands)."""
        try:
            async with self.pool.acquire() as conn:
                for table in tables:
                    await conn.execute(f'VACUUM "{table}"')
        except asyncpg.PostgresError as exc:
            log.warning("VACUUM after a deletion failed (%s); autovacuum will clean up later", exc)
            return False
        return True

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self.pool.acquire() as conn:
            return (await _run(conn, sql, params))[1]

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        await self.transaction(lambda conn: conn.executemany(sql, rows))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self.pool.acquire() as conn:
            return (await _run(conn, sql, params))[0]

    async def fetchval(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
