"""Group commit on SQLite: the transactions that queue up while the database thread is busy run
together, in one BEGIN ... COMMIT, each in a savepoint of its own.

Why: in a burst of clicks each click is recorded in a transaction before it is acknowledged. One
transaction per click cost a job on aiosqlite's thread (a queue hand-over and a wake-up of the
event loop), BEGIN and COMMIT, and the commit's WAL frames (every page the click changed, written
again by the next click; a checkpoint every 1,000 of them): about 16% of a burst's samples in a
profile (bench/README.md, 2026-12-03). PostgreSQL does the same on its own thread (pg_thread.py).

Guarantees, as with one transaction each:
- a job's caller learns its outcome only after the group's COMMIT: a result is never handed out
  for a row that a crash could still lose;
- a job that raises is rolled back to its savepoint and fails alone; the others commit;
- no waiting for company: a job queued while the thread is idle runs at once, on its own, exactly
  as before (BEGIN IMMEDIATE, the function, COMMIT). Groups form only behind a busy thread;
- at most ``GROUP_MAX`` jobs per transaction, so one commit never holds many callers.
If BEGIN or COMMIT itself fails (the database locked by another process past the busy timeout, a
full disk), nothing of the group is kept and each job runs again on its own.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

GROUP_MAX = 50
_SAVEPOINT = "handout_job"


@dataclass(slots=True)
class _Job:
    fn: Callable[..., Any]
    args: tuple
    kwargs: dict[str, Any]
    future: asyncio.Future[Any]


# (True, result) or (False, the exception the job raised)
_Outcome = tuple[bool, Any]


class GroupCommit:
    """Runs transaction functions on aiosqlite's one thread; see the module's docstring."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self._jobs: collections.deque[_Job] = collections.deque()
        # A drain is in aiosqlite's queue and has not taken its jobs yet: a job queued meanwhile
        # joins it instead of queueing a drain of its own.
        self._drain_queued = False
        self._guard = threading.Lock()

    async def run(self, fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> Any:
        """``fn(sqlite3_connection, *args, **kwargs)`` inside a transaction; its result once committed."""
        connection = self._connection
        if not connection._running or connection._connection is None:
            raise ValueError("Connection closed")  # what aiosqlite's own jobs raise
        job = _Job(fn, args, kwargs, asyncio.get_running_loop().create_future())
        with self._guard:
            self._jobs.append(job)
            queue_drain, self._drain_queued = not self._drain_queued, True
        if queue_drain:
            # aiosqlite's job queue, as Connection._execute uses it (pinned below its next minor
            # release in pyproject), without a future: the drain settles its jobs itself, in one
            # wake-up of the event loop per group.
            connection._tx.put_nowait((None, self._drain))
        return await job.future

    # -- on aiosqlite's thread --

    def _drain(self) -> None:
        """Run every job queued so far, in groups of at most GROUP_MAX. Jobs queued from now on
        queue a drain of their own, behind whatever else aiosqlite has queued meanwhile."""
        with self._guard:
            jobs = list(self._jobs)
            self._jobs.clear()
            self._drain_queued = False
        conn = self._connection._conn
        for start in range(0, len(jobs), GROUP_MAX):
            group = jobs[start : start + GROUP_MAX]
            try:
                outcomes = _together(conn, group) if len(group) > 1 else [_alone(conn, group[0])]
            except BaseException as exc:  # BEGIN or COMMIT failed: nothing of the group was kept
                log.info("A group of %d transactions was rolled back (%r); each runs alone", len(group), exc)
                outcomes = [_alone(conn, job) for job in group]
            group[0].future.get_loop().call_soon_threadsafe(_settle, group, outcomes)


def _alone(conn: sqlite3.Connection, job: _Job) -> _Outcome:
    """One transaction for one job: what ``Database.transaction`` always did."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = job.fn(conn, *job.args, **job.kwargs)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except BaseException as exc:
        # Rolled back if it got that far: a job's failure is handed to its caller.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        return False, exc
    return True, result


def _together(conn: sqlite3.Connection, jobs: list[_Job]) -> list[_Outcome]:
    """One transaction, a savepoint per job. Raises if the transaction itself fails."""
    conn.execute("BEGIN IMMEDIATE")
    outcomes: list[_Outcome] = []
    try:
        for job in jobs:
            conn.execute(f"SAVEPOINT {_SAVEPOINT}")
            try:
                result = job.fn(conn, *job.args, **job.kwargs)
            except Exception as exc:
                # Undoes this job's writes only (a duplicate key, a check that failed, a bug).
                # Should SQLite have rolled back the whole transaction (it does for a full disk),
                # the savepoint is gone, this raises, and every job runs again alone.
                conn.execute(f"ROLLBACK TO {_SAVEPOINT}")
                conn.execute(f"RELEASE {_SAVEPOINT}")
                outcomes.append((False, exc))
            else:
                conn.execute(f"RELEASE {_SAVEPOINT}")
                outcomes.append((True, result))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return outcomes


def _settle(jobs: list[_Job], outcomes: list[_Outcome]) -> None:
    """On the event loop, after the COMMIT: each caller learns its own outcome."""
    for job, (ok, value) in zip(jobs, outcomes, strict=True):
        if job.future.done():  # its caller was cancelled; the transaction ran anyway, as before
            continue
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)
