"""PostgreSQL and the two-process cluster for the burst benchmark (``bench/burst.py``).

Where PostgreSQL comes from: ``--database-url`` or ``BENCH_DATABASE_URL`` (a role that may
CREATE DATABASE), else a throwaway server started with ``.ci/postgres`` for the run and stopped
at its end, whatever happens. Every scenario gets a fresh database, dropped after it.

The cluster: two ``python -m bot`` processes on shards 0 and 1 of 2 sharing one database, as
README "Run as a cluster" runs them. The stand-in routes each guild's events to its shard and every
DM to shard 0, as Discord does, and counts the global rate limit per token across both
connections. Half the members click in a guild of shard 0, half in one of shard 1.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import secrets
import sqlite3
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.e2e.standin import shard_of
from tests.e2e.standin.process import BotProcess
from tests.e2e.standin.server import DiscordStandIn

REPO = Path(__file__).resolve().parents[1]
PG_SCRIPT = REPO / ".ci" / "postgres"
SHARDS = 2


def postgres_missing() -> str | None:
    """Why no throwaway PostgreSQL server can be started here, or None if one can."""
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        return "PostgreSQL is not installed (apt-get install postgresql), and no --database-url was given"
    return None


@contextlib.contextmanager
def postgres_server(url: str | None) -> Iterator[str]:
    """The admin URL to create scenario databases with: the given one, or a throwaway server's."""
    if url:
        yield url
        return
    home = tempfile.mkdtemp(prefix="handout-bench-pg-")
    os.chmod(home, 0o755)  # the server runs as the postgres user when we are root
    try:
        out = subprocess.run(
            [str(PG_SCRIPT), "start", home], check=True, capture_output=True, text=True, timeout=300
        ).stdout
        yield out.strip().split("=", 1)[1]  # "export HANDOUT_TEST_DATABASE_URL=postgresql://..."
    finally:
        subprocess.run([str(PG_SCRIPT), "stop", home], capture_output=True, timeout=120)


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url, timeout=30)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def fresh_database(admin_url: str) -> AsyncIterator[str]:
    """A new, empty database for one scenario (the bot migrates it at start), dropped after."""
    name = f"handout_bench_{os.getpid()}_{secrets.token_hex(3)}"
    await _admin(admin_url, f"CREATE DATABASE {name}")
    try:
        yield with_database(admin_url, name)
    finally:
        # FORCE: a process killed mid-burst may leave a connection the server has not noticed yet.
        with contextlib.suppress(Exception):
            await _admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Store:
    """Reads the bot's database, SQLite or PostgreSQL, for the benchmark's own checks."""

    def __init__(self, sqlite_path: Path, url: str | None) -> None:
        self.sqlite_path = sqlite_path
        self.url = url
        self._conn: Any = None

    @property
    def backend(self) -> str:
        return "postgresql" if self.url else "sqlite"

    async def rows(self, sql: str) -> list[tuple]:
        if self.url is None:
            with contextlib.closing(sqlite3.connect(self.sqlite_path)) as conn:
                return conn.execute(sql).fetchall()
        import asyncpg

        if self._conn is None:
            self._conn = await asyncpg.connect(self.url, timeout=30)
        return [tuple(r) for r in await self._conn.fetch(sql)]

    async def value(self, sql: str) -> Any:
        return (await self.rows(sql))[0][0]

    async def integrity(self) -> str:
        return await self.value("PRAGMA integrity_check") if self.url is None else "ok"

    async def rollbacks(self) -> int:
        """Transactions rolled back in this database so far (PostgreSQL's statistics)."""
        return await self.value("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None


def make_world(standin: DiscordStandIn, n: int) -> dict[str, Any]:
    """One creator with a guild on each shard; member i joins guild i % 2 (so clicks alternate)."""
    world = standin.world
    maya = world.add_user("maya", global_name="Maya", locale="en-US")
    places = []
    for shard in range(SHARDS):
        while True:
            world.clock.advance(0.001)  # the next snowflake: its timestamp picks the shard
            guild = world.add_guild(f"Server on shard {shard}", preferred_locale="en-US", owner=maya)
            if shard_of(guild.id, SHARDS) == shard:  # a miss stays, an empty guild of Maya's
                break
        places.append(
            {"guild": guild, "creator": world.add_member(guild, maya, owner=True), "general": guild.channels["general"]}
        )
    members = [world.add_member(places[i % SHARDS]["guild"], world.add_user(f"m{i}", locale="en-US")) for i in range(n)]
    return {"places": places, "creator": places[0]["creator"], "members": members}


async def start_bots(standin: DiscordStandIn, tmp: Path, name: str, url: str, log_level: str) -> list[BotProcess]:
    """Both processes started together, as a cluster's would be."""
    bots = [
        BotProcess(
            standin,
            data_dir=tmp / f"{name}-shard{shard}-data",
            log_path=tmp / f"{name}-shard{shard}.log",
            log_level=log_level,
            env={"HANDOUT_DATABASE_URL": url, "HANDOUT_SHARD_COUNT": str(SHARDS), "HANDOUT_SHARD_IDS": str(shard)},
        )
        for shard in range(SHARDS)
    ]
    await asyncio.gather(*(bot.start(timeout=90) for bot in bots))
    return bots
