"""The storage backends the suite runs on: SQLite always; PostgreSQL as well when
HANDOUT_TEST_DATABASE_URL names a server (a role that may CREATE DATABASE; .ci/postgres makes one).

Every test that uses a database (the ``db`` fixture, or the real bot through ``bot_process``) runs
once per backend. On PostgreSQL each test gets a fresh database, copied from a template migrated
once per session (CREATE DATABASE ... TEMPLATE takes a few milliseconds).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

T = TypeVar("T")

ADMIN_URL = os.environ.get("HANDOUT_TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"] if ADMIN_URL else ["sqlite"]


def in_own_loop(fn: Callable[..., Any], *args: Any) -> Any:
    """Run the coroutine function ``fn(*args)`` to completion on a fresh loop in its own thread:
    callable from sync code and from inside a running test loop alike."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(fn(*args))
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=target, name="test-db")
    thread.start()
    thread.join(120)
    if "error" in result:
        raise result["error"]
    return result.get("value")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _admin(statements: Sequence[str]) -> None:
    import asyncpg

    conn = await asyncpg.connect(ADMIN_URL, timeout=30)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _migrate(url: str) -> None:
    from bot.db.migrate import migrate
    from bot.db.postgres import PostgresDatabase

    db = PostgresDatabase(url, pool_size=1)
    await db.connect()
    try:
        await migrate(db)
    finally:
        await db.close()


async def _query(url: str, sql: str, params: Sequence[Any], many: Sequence[Sequence[Any]] | None) -> list[tuple]:
    import asyncpg

    from bot.db import dialect

    query, names = dialect.placeholders(sql)
    conn = await asyncpg.connect(url, timeout=30)
    try:
        if many is not None:
            async with conn.transaction():
                await conn.executemany(query, [dialect.arguments(names, p) for p in many])
            return []
        return [tuple(r) for r in await conn.fetch(query, *dialect.arguments(names, params))]
    finally:
        await conn.close()


def query(url: str, sql: str, params: Sequence[Any] = (), many: Sequence[Sequence[Any]] | None = None) -> list[tuple]:
    """One statement (SQLite's ? placeholders) on the PostgreSQL database ``url``, as tuples."""
    return in_own_loop(_query, url, sql, params, many)


class PostgresServer:
    """The test server: a migrated template, and a fresh copy of it per test."""

    _counter = itertools.count(1)

    def __init__(self, tag: str = "") -> None:
        self.prefix = f"handout_test_{os.getpid()}{tag}"
        self.template = f"{self.prefix}_template"
        in_own_loop(_admin, [f"DROP DATABASE IF EXISTS {self.template}", f"CREATE DATABASE {self.template}"])
        in_own_loop(_migrate, with_database(ADMIN_URL, self.template))

    def fresh(self) -> tuple[str, str]:
        name = f"{self.prefix}_{next(self._counter)}"
        in_own_loop(_admin, [f"CREATE DATABASE {name} TEMPLATE {self.template}"])
        return name, with_database(ADMIN_URL, name)

    def drop(self, name: str) -> None:
        """Drop a test's database. A bot process the test killed may have left a connection the
        server has not noticed yet: wait for it a little, then FORCE (which needs the role to be
        in pg_signal_backend, as .ci/postgres makes it); a database left behind is only a leftover."""
        import asyncpg

        for _ in range(20):
            try:
                in_own_loop(_admin, [f"DROP DATABASE IF EXISTS {name}"])
                return
            except asyncpg.ObjectInUseError:
                time.sleep(0.25)
        try:
            in_own_loop(_admin, [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])
        except asyncpg.InsufficientPrivilegeError:
            warnings.warn(f"test database {name} is still in use and was left behind", stacklevel=2)

    def close(self) -> None:
        in_own_loop(_admin, [f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)"])
