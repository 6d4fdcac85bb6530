from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.files import FileStore
from bot.core.resources import ResourceService
from bot.db.database import Database
from bot.db.files import DatabaseFileStore
from bot.db.migrate import migrate
from bot.db.postgres import PostgresDatabase
from tests.backends import BACKENDS, PostgresServer


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that touches a database runs once per backend (tests/backends.py). The stand-in's
    own tests (tinybot) have no database."""
    names = metafunc.fixturenames
    uses_db = "db" in names or ("bot_process" in names and "tinybot" not in names)
    if uses_db and "backend" in names:
        metafunc.parametrize("backend", BACKENDS, indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> Iterator[Any]:
    """ "sqlite", or the PostgresServer for "postgresql"."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield "sqlite"
        return
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture
def database_url(backend: Any) -> Iterator[str | None]:
    """A fresh PostgreSQL database for this test (None on SQLite)."""
    if backend == "sqlite":
        yield None
        return
    name, url = backend.fresh()
    yield url
    backend.drop(name)


class Clock:
    """A clock the test moves by hand: services take ``clock=`` and call it for "now"."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(tmp_path: Path, database_url: str | None) -> AsyncIterator[Database | PostgresDatabase]:
    database = PostgresDatabase(database_url) if database_url else Database(tmp_path / "handout.db")
    await database.connect()
    await migrate(database)
    yield database
    await database.close()


@pytest.fixture
def file_store(tmp_path: Path, request: pytest.FixtureRequest) -> FileStore | DatabaseFileStore:
    """On disk with SQLite; in the database with PostgreSQL (the store the bot would use)."""
    if "db" in request.fixturenames:
        db = request.getfixturevalue("db")
        if isinstance(db, PostgresDatabase):
            return DatabaseFileStore(db)
    return FileStore(tmp_path / "files")


@pytest.fixture
def resources(db: Database, file_store: FileStore) -> ResourceService:
    return ResourceService(db, file_store)
