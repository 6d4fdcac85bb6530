from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.files import FileStore
from bot.core.resources import ResourceService
from bot.db.database import Database
from bot.db.migrate import migrate


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
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "handout.db")
    await database.connect()
    await migrate(database)
    yield database
    await database.close()


@pytest.fixture
def file_store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files")


@pytest.fixture
def resources(db: Database, file_store: FileStore) -> ResourceService:
    return ResourceService(db, file_store)
