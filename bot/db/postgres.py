"""PostgreSQL behind the same interface as the SQLite ``Database`` (HANDOUT_DATABASE_URL).

The transaction functions in bot/db and bot/core are plain, synchronous functions of a
connection. Here they run unchanged on a worker thread, against ``_BridgedConnection``: each
statement it is given is rewritten by bot/db/dialect.py and handed to an asyncpg connection on
the event loop (``run_coroutine_threadsafe``), which holds that one pooled connection for the
whole transaction. The rest of the code never learns which backend it has.

Transactions are SERIALIZABLE, and those of one process run one at a time (as they do on
SQLite's single thread): what the functions were written against, and safe beside other
processes on the same database (one that names the lock it needs runs at READ COMMITTED:
``locks_for_itself`` in bot/db/database.py). A serialisation failure reruns the function (they
only touch the database, so a rerun is safe).

Transactions do not go through the pool: they run on one thread of their own, with their own
connection driven by that thread's private event loop, so each statement goes straight to
PostgreSQL. Handed to the bot's event loop instead, every statement waited for a turn of a loop
busy with a burst of clicks: a click's transaction (recorded before it is acknowledged) took five
such turns, and at 1,000 clicks in a second acknowledgements fell to a quarter of SQLite's pace,
with deadlines missed (bench/README.md).

Transactions that queue up meanwhile go together (group commit): one BEGIN, each function in
turn, one COMMIT, which is what running them one after another would give, with two round trips
fewer for each. If one of them fails, the group is rolled back and each runs again on its own.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
# At most this many queued transactions commit together; a group that PostgreSQL cannot serialise
# this many times is run one by one.
GROUP_MAX = 20
GROUP_RETRIES = 2
_RETRY = (asyncpg.SerializationError, asyncpg.DeadlockDetectedError)


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple
    kwargs: dict[str, Any]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    # The advisory lock of a function marked ``locks_for_itself``, which then runs at READ COMMITTED.
    lock: int | None = None

    @property
    def isolation(self) -> str:
        return "SERIALIZABLE" if self.lock is None else "READ COMMITTED"

    def settle(self, result: Any = None, error: BaseException | None = None) -> None:
        def settle() -> None:
            if self.future.done():
                return
            if error is not None:
                self.future.set_exception(error)
            else:
                self.future.set_result(result)

        self.loop.call_soon_threadsafe(settle)


class _GroupRolledBack(Exception):
    """COMMIT answered ROLLBACK: a function of the group swallowed a failed statement."""


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
    share_lock = dialect.SHARE_LOCK

    def __init__(self, loop: asyncio.AbstractEventLoop, conn: Any) -> None:
        self._loop = loop
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> _BridgedCursor:
        rows, count = asyncio.run_coroutine_threadsafe(_run(self._conn, sql, params), self._loop).result()
        return _BridgedCursor(rows, count)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        for params in rows:
            self.execute(sql, params)


class _DirectConnection(_BridgedConnection):
    """The same, on the transaction thread: statements run on that thread's own event loop."""

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        # One pipelined exchange for all rows (asyncpg sends them without waiting for each answer):
        # row by row, the members seen in a burst of clicks (hundreds of rows, a round trip each)
        # held up every click's transaction queued behind them.
        query, names = dialect.placeholders(sql)
        args = [dialect.arguments(names, params) for params in rows]
        if not args:
            return
        try:
            self._loop.run_until_complete(self._conn.executemany(query, args, timeout=STATEMENT_TIMEOUT_S))
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise integrity_error(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> _BridgedCursor:
        rows, count = self._loop.run_until_complete(_run(self._conn, sql, params))
        return _BridgedCursor(rows, count)

    def fetchmany(self, sql: str, rows: Iterable[Sequence[Any]]) -> list[Row]:
        """``sql`` once per row of parameters in one pipelined exchange, as ``executemany``; every
        row the executions return, in order (a function batching its callers: ``runs_in_batches``)."""
        query, names = dialect.placeholders(sql)
        args = [dialect.arguments(names, params) for params in rows]
        if not args:
            return []
        try:
            return self._loop.run_until_complete(self._conn.fetchmany(query, args, timeout=STATEMENT_TIMEOUT_S))
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise integrity_error(exc) from exc


async def _init_connection(conn: asyncpg.Connection) -> None:
    # SUM() of integers is NUMERIC here (an integer on SQLite): give Python ints back, not Decimal.
    await conn.set_type_codec("numeric", encoder=str, decoder=dialect.numeric, schema="pg_catalog", format="text")


def _rolled_back(exc: BaseException, jobs: Sequence[_Job]) -> None:
    # Worth knowing: each one reruns a transaction (or a whole group) in front of queued clicks.
    names = ", ".join(sorted({getattr(job.fn, "__name__", "?") for job in jobs}))
    log.info("Rolled back (%s), %s: %s", type(exc).__name__, names, str(exc).splitlines()[0] if str(exc) else "")


def _run_group(conn: _BridgedConnection, jobs: list[_Job]) -> list[Any]:
    batch = getattr(jobs[0].fn, "batch", None)
    if batch is not None and all(job.fn is jobs[0].fn and not job.args for job in jobs):
        # A burst of clicks: one exchange with PostgreSQL for all of them (``runs_in_batches``).
        return batch(conn, [job.kwargs for job in jobs])
    return [job.fn(conn, *job.args, **job.kwargs) for job in jobs]


class PostgresDatabase:
    backend = "PostgreSQL"

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.url = dialect.check_url(url)
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._executor: ThreadPoolExecutor | None = None
        # The transaction thread (one worker: transactions run one at a time), its event loop and
        # its connection; the last two only ever touched from that thread.
        self._tx_executor: ThreadPoolExecutor | None = None
        self._tx_loop: asyncio.AbstractEventLoop | None = None
        self._tx_conn: Any = None
        self._tx_jobs: collections.deque[_Job] = collections.deque()

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
        self._tx_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout-db-tx")
        await asyncio.get_running_loop().run_in_executor(self._tx_executor, self._tx_connection)

    async def close(self) -> None:
        if self._tx_executor is not None:
            await asyncio.get_running_loop().run_in_executor(self._tx_executor, self._tx_close)
            self._tx_executor.shutdown(wait=False)
            self._tx_executor = None
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

    # -- the transaction thread (everything below ``transaction`` runs on it) --

    def _tx_connection(self) -> Any:
        if self._tx_loop is None:
            self._tx_loop = asyncio.new_event_loop()
        if self._tx_conn is None or self._tx_conn.is_closed():
            self._tx_conn = self._tx_loop.run_until_complete(
                asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT_S, command_timeout=STATEMENT_TIMEOUT_S)
            )
            self._tx_loop.run_until_complete(_init_connection(self._tx_conn))
        return self._tx_conn

    def _tx_close(self) -> None:
        if self._tx_loop is None:
            return
        if self._tx_conn is not None:
            with contextlib.suppress(Exception):
                self._tx_loop.run_until_complete(self._tx_conn.close(timeout=5))
            self._tx_conn = None
        self._tx_loop.close()
        self._tx_loop = None

    def _drain(self) -> None:
        """Run what is queued: together if several wait, else the one alone; settle each job."""
        jobs: list[_Job] = []
        while self._tx_jobs and len(jobs) < GROUP_MAX:
            if jobs and self._tx_jobs[0].isolation != jobs[0].isolation:
                break  # a group shares one BEGIN, so its jobs share an isolation level
            jobs.append(self._tx_jobs.popleft())
        if len(jobs) > 1:
            try:
                results = self._transaction_here(_run_group, (jobs,), {}, GROUP_RETRIES, group=True, jobs=jobs)
            except Exception:
                pass  # each on its own below: the one that failed fails alone
            else:
                for job, result in zip(jobs, results, strict=True):
                    job.settle(result)
                return
        for job in jobs:
            try:
                result = self._transaction_here(job.fn, job.args, job.kwargs, jobs=[job])
            except BaseException as exc:
                job.settle(error=exc)
            else:
                job.settle(result)

    def _transaction_here(
        self,
        fn: Callable[..., T],
        args: tuple,
        kwargs: dict[str, Any],
        retries: int = SERIALIZATION_RETRIES,
        *,
        group: bool = False,
        jobs: Sequence[_Job] = (),
    ) -> T:
        conn = self._tx_connection()
        run = self._tx_loop.run_until_complete  # type: ignore[union-attr]
        direct = _DirectConnection(self._tx_loop, conn)  # type: ignore[arg-type]
        isolation = jobs[0].isolation if jobs else "SERIALIZABLE"
        # The group's locks in one statement, before any of its functions reads.
        locks = sorted({job.lock for job in jobs if job.lock is not None})
        for attempt in range(retries + 1):
            run(conn.execute(f"BEGIN ISOLATION LEVEL {isolation}"))
            try:
                if locks:
                    direct.execute(dialect.ADVISORY_LOCKS, (locks,))
                result = fn(direct, *args, **kwargs)
            except BaseException as exc:
                try:
                    run(conn.execute("ROLLBACK"))
                except Exception:
                    # The connection broke: the next transaction opens a new one.
                    with contextlib.suppress(Exception):
                        conn.terminate()
                    raise exc from None
                if isinstance(exc, _RETRY):
                    _rolled_back(exc, jobs)
                if isinstance(exc, _RETRY) and attempt < retries:
                    time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))  # this thread only
                    continue
                raise
            try:
                status = run(conn.execute("COMMIT"))
            except _RETRY as exc:
                _rolled_back(exc, jobs)
                if attempt < retries:
                    continue
                raise
            if group and status != "COMMIT":
                raise _GroupRolledBack(status)
            return result
        raise AssertionError("unreachable")

    async def transaction(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(connection, *args, **kwargs)`` in one SERIALIZABLE transaction (READ COMMITTED
        for a function marked ``locks_for_itself``); ROLLBACK if it raises, rerun it if PostgreSQL
        could not serialise it with another process's (or found a deadlock)."""
        if self._tx_executor is None:
            raise RuntimeError("Database.connect() was not called")
        loop = asyncio.get_running_loop()
        key = getattr(fn, "lock_key", None)
        lock = None if key is None else dialect.advisory_key(key(*args, **kwargs))
        job = _Job(fn, args, kwargs, loop, loop.create_future(), lock)
        self._tx_jobs.append(job)
        self._tx_executor.submit(self._drain)  # one drain per job; a later one may find it done
        try:
            return await asyncio.shield(job.future)
        except asyncio.CancelledError:
            # The transaction runs on; the caller learns nothing of its outcome, as before.
            with contextlib.suppress(BaseException):
                await job.future
            raise

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
