"""The functions of bot/db and bot/core on PostgreSQL: they run on threads, against asyncpg.

The transaction functions are plain, synchronous functions of a connection. ``_BridgedConnection``
runs them on a worker thread against a pooled connection driven by the bot's event loop
(bot/db/postgres.py, ``run``); ``TransactionThread`` runs transactions on a thread of its own.

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
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import asyncpg

from bot.db import dialect
from bot.db.database import Row

log = logging.getLogger(__name__)

T = TypeVar("T")

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


async def run_statement(conn: Any, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> tuple[list[Row], int]:
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


class BridgedConnection:
    """The sqlite3.Connection subset (``bot.db.database.Connection``), on a worker thread."""

    # What a claim asks for to lock the rows it picks and skip those another claim holds.
    skip_locked = dialect.SKIP_LOCKED
    share_lock = dialect.SHARE_LOCK

    def __init__(self, loop: asyncio.AbstractEventLoop, conn: Any) -> None:
        self._loop = loop
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> _BridgedCursor:
        rows, count = asyncio.run_coroutine_threadsafe(run_statement(self._conn, sql, params), self._loop).result()
        return _BridgedCursor(rows, count)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        for params in rows:
            self.execute(sql, params)


class _DirectConnection(BridgedConnection):
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
        rows, count = self._loop.run_until_complete(run_statement(self._conn, sql, params))
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


async def init_connection(conn: asyncpg.Connection) -> None:
    # SUM() of integers is NUMERIC here (an integer on SQLite): give Python ints back, not Decimal.
    await conn.set_type_codec("numeric", encoder=str, decoder=dialect.numeric, schema="pg_catalog", format="text")


def _rolled_back(exc: BaseException, jobs: Sequence[_Job]) -> None:
    # Worth knowing: each one reruns a transaction (or a whole group) in front of queued clicks.
    names = ", ".join(sorted({getattr(job.fn, "__name__", "?") for job in jobs}))
    log.info("Rolled back (%s), %s: %s", type(exc).__name__, names, str(exc).splitlines()[0] if str(exc) else "")


def _run_group(conn: BridgedConnection, jobs: list[_Job]) -> list[Any]:
    batch = getattr(jobs[0].fn, "batch", None)
    if batch is not None and all(job.fn is jobs[0].fn and not job.args for job in jobs):
        # A burst of clicks: one exchange with PostgreSQL for all of them (``runs_in_batches``).
        return batch(conn, [job.kwargs for job in jobs])
    return [job.fn(conn, *job.args, **job.kwargs) for job in jobs]


class TransactionThread:
    """One worker thread (transactions run one at a time), its event loop and its connection; the
    last two only ever touched from that thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._executor: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._conn: Any = None
        self._jobs: collections.deque[_Job] = collections.deque()
        # Whether the thread is draining (or about to): a job queued meanwhile needs no wake-up.
        self._draining = False
        self._guard = threading.Lock()

    async def start(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout-db-tx")
        await asyncio.get_running_loop().run_in_executor(self._executor, self._connection)

    async def stop(self) -> None:
        if self._executor is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, self._close)
            self._executor.shutdown(wait=False)
            self._executor = None

    async def run(self, fn: Callable[..., T], args: tuple, kwargs: dict[str, Any], lock: int | None) -> T:
        """``fn(connection, *args, **kwargs)`` in one transaction on the thread (see
        ``PostgresDatabase.transaction``); ``lock``: the advisory lock it takes first, if any."""
        if self._executor is None:
            raise RuntimeError("Database.connect() was not called")
        loop = asyncio.get_running_loop()
        job = _Job(fn, args, kwargs, loop, loop.create_future(), lock)
        # One wake-up per burst, not per job: a burst of 1,000 clicks handed the thread 1,000 work
        # items, and each one was a thread switch and a turn for the GIL away from the busy event
        # loop, most of them only to find the queue already drained by a group (bench/README.md).
        with self._guard:
            self._jobs.append(job)
            wake, self._draining = not self._draining, True
        if wake:
            self._executor.submit(self._drain_all)
        try:
            return await asyncio.shield(job.future)
        except asyncio.CancelledError:
            # The transaction runs on; the caller learns nothing of its outcome, as before.
            with contextlib.suppress(BaseException):
                await job.future
            raise

    # -- everything below runs on the thread --

    def _connection(self) -> Any:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        if self._conn is None or self._conn.is_closed():
            self._conn = self._loop.run_until_complete(
                asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT_S, command_timeout=STATEMENT_TIMEOUT_S)
            )
            self._loop.run_until_complete(init_connection(self._conn))
        return self._conn

    def _close(self) -> None:
        if self._loop is None:
            return
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._loop.run_until_complete(self._conn.close(timeout=5))
            self._conn = None
        self._loop.close()
        self._loop = None

    def _drain_all(self) -> None:
        """Run groups until the queue is empty; a job queued after that wakes the thread again."""
        while True:
            with self._guard:
                if not self._jobs:
                    self._draining = False
                    return
            try:
                self._drain()
            except Exception:
                # Not a job's failure (those settle their job): the jobs queued behind must still run.
                log.exception("Draining the transaction queue failed")

    def _drain(self) -> None:
        """Run what is queued: together if several wait, else the one alone; settle each job."""
        jobs: list[_Job] = []
        while self._jobs and len(jobs) < GROUP_MAX:
            if jobs and self._jobs[0].isolation != jobs[0].isolation:
                break  # a group shares one BEGIN, so its jobs share an isolation level
            jobs.append(self._jobs.popleft())
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
        conn = self._connection()
        run = self._loop.run_until_complete  # type: ignore[union-attr]
        direct = _DirectConnection(self._loop, conn)  # type: ignore[arg-type]
        isolation = jobs[0].isolation if jobs else "SERIALIZABLE"
        # The group's locks in one statement, before any of its functions reads, sent with BEGIN
        # in one round trip: a click's group paid four (BEGIN, locks, its inserts, COMMIT), each a
        # wake-up of this thread and a turn for the GIL (bench/README.md, 2026-12-03).
        locks = sorted({job.lock for job in jobs if job.lock is not None})
        begin = f"BEGIN ISOLATION LEVEL {isolation}"
        if locks:
            begin = f"{begin}; {dialect.advisory_locks(locks)}"
        for attempt in range(retries + 1):
            try:
                run(conn.execute(begin))
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
