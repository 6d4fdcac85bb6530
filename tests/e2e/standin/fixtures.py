"""pytest fixtures for stand-in tests. Import them into a conftest.py (or a test module):

    from tests.e2e.standin.fixtures import bot_process, scene, standin, standin_factory  # noqa: F401

* ``standin``          a started DiscordStandIn with the default scene (``standin.scene``)
* ``scene``            that DefaultScene (guild, creator, member, general, locked, guild2, ...)
* ``standin_factory``  ``await standin_factory(scene=False, interaction_timeout=1.0, ...)`` for custom ones;
                       ``sharding=Sharding(max_concurrency=2, total=1000, guilds_per_shard=1000,
                       max_guilds_per_shard=2500, recommended_shards=None, enforce_identify_limit=False)``
                       sets Discord's sharding limits (see standin/shards.py)
* ``bot_process``      ``await bot_process(**BotProcess kwargs)`` -> started, ready BotProcess (the real
                       bot: ``python -m bot`` from the repo root); all are stopped at teardown
* ``tinybot_dir`` / ``tinybot``  the throwaway test bot (used by test_standin_*.py)
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from .process import BotProcess
from .scenes import DefaultScene, default_scene
from .server import DiscordStandIn

TINYBOT_SRC = Path(__file__).parent / "tinybot"


@pytest_asyncio.fixture
async def standin_factory() -> AsyncIterator[Callable[..., Awaitable[DiscordStandIn]]]:
    made: list[DiscordStandIn] = []

    async def make(*, scene: bool = True, **kwargs: Any) -> DiscordStandIn:
        s = DiscordStandIn(**kwargs)
        if scene:
            s.scene = default_scene(s.world)  # type: ignore[attr-defined]
        await s.start()
        made.append(s)
        return s

    yield make
    for s in reversed(made):
        await s.stop()


@pytest_asyncio.fixture
async def standin(standin_factory: Callable[..., Awaitable[DiscordStandIn]]) -> DiscordStandIn:
    return await standin_factory()


@pytest.fixture
def scene(standin: DiscordStandIn) -> DefaultScene:
    return standin.scene  # type: ignore[attr-defined,no-any-return]


@pytest_asyncio.fixture
async def bot_process(
    standin: DiscordStandIn, tmp_path: Path, database_url: str | None
) -> AsyncIterator[Callable[..., Awaitable[BotProcess]]]:
    """``database_url`` (tests/conftest.py): the test's PostgreSQL database, or None for SQLite
    under each bot's data dir. Every bot of a test shares it, as the processes of a cluster would."""
    procs: list[BotProcess] = []

    async def start(
        s: DiscordStandIn | None = None, *, start: bool = True, wait_ready: bool = True, **kwargs: Any
    ) -> BotProcess:
        n = len(procs)
        kwargs.setdefault("data_dir", tmp_path / f"bot{n}-data")
        kwargs.setdefault("log_path", tmp_path / f"bot{n}.log")
        if database_url and "cwd" not in kwargs:  # not the tinybot, which has no database
            kwargs["env"] = {"HANDOUT_DATABASE_URL": database_url, **kwargs.get("env", {})}
        proc = BotProcess(s or standin, **kwargs)
        proc.database_url = database_url  # type: ignore[attr-defined]
        procs.append(proc)
        if start:
            await proc.start(wait_ready=wait_ready)
        return proc

    yield start
    for proc in reversed(procs):
        await proc.stop(timeout=5.0)
        if proc.starts:
            print(f"\n===== {proc.log_path.name} (exit {proc.returncode}) =====\n{proc.log_tail(80)}")


@pytest.fixture
def tinybot_dir(tmp_path: Path) -> Path:
    """A dir holding the throwaway bot as package ``bot`` (put first on PYTHONPATH / cwd)."""
    root = tmp_path / "tinybot-src"
    shutil.copytree(TINYBOT_SRC, root / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest_asyncio.fixture
async def tinybot(
    bot_process: Callable[..., Awaitable[BotProcess]], tinybot_dir: Path
) -> Callable[..., Awaitable[BotProcess]]:
    async def start(**kwargs: Any) -> BotProcess:
        kwargs.setdefault("cwd", tinybot_dir)
        kwargs.setdefault("pythonpath", [tinybot_dir])
        return await bot_process(**kwargs)

    return start
