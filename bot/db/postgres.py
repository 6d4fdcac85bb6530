"""PostgreSQL behind the same interface as the SQLite ``Database`` (HANDOUT_DATABASE_URL).

The transaction functions in bot/db and bot/core are plain, synchronous functions of a
connection. Here they run unchanged on a worker thread, against ``BridgedConnection``: each
statement it is given is rewritten by bot/db/dialect.py and handed to an asyncpg connection on
the event loop (``run_coroutine_threadsafe``), which holds that one pooled connection for the
whole transaction. The rest of the code never learns which backend it has.

Transactions are SERIALIZABLE, and those of one process run one at a time (as they do on
SQLite's single thread): what the functions were written against, and safe beside other
processes on the same database (one that names the lock it needs runs at READ COMMITTED:
``locks_for_itself`` in bot/db/database.py). A serialisation failure reruns the function (they
only touch the database, so a rerun is safe).

The transaction thread (its own connection, group commit, pipelined statements) and the
connections the functions run against are in bot/db/pg_thread.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit

import asyncpg

from bot.db import dialect
from bot.db.database import Row
from bot.db.pg_thread import (
    CONNECT_TIMEOUT_S,
    STATEMENT_TIMEOUT_S,
    BridgedConnection,
    TransactionThread,
    init_connection,
    run_statement,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

POOL_SIZE = 8


class DatabaseUnavailable(Exception):
    """PostgreSQL cannot be reached or refuses us; the message says what to fix, without the password."""


class PostgresDatabase:
    backend = "PostgreSQL"

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.url = dialect.check_url(url)
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._transactions = TransactionThread(self.url)

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
                init=init_connection,
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
        await self._transactions.start()

    async def close(self) -> None:
        await self._transactions.stop()
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None

    async def _on_thread(self, conn: Any, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        bridged = BridgedConnection(loop, conn)
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
        """Run ``fn(connection, *args, **kwargs)`` in one SERIALIZABLE transaction (READ COMMITTED
        for a function marked ``locks_for_itself``); ROLLBACK if it raises, rerun it if PostgreSQL
        could not serialise it with another process's (or found a deadlock)."""
        key = getattr(fn, "lock_key", None)
        lock = None if key is None else dialect.advisory_key(key(*args, **kwargs))
        return await self._transactions.run(fn, args, kwargs, lock)

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
            return (await run_statement(conn, sql, params))[1]

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        await self.transaction(lambda conn: conn.executemany(sql, rows))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self.pool.acquire() as conn:
            return (await run_statement(conn, sql, params))[0]

    async def fetchval(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
