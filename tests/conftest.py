from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.files import FileStore
from bot.core.resources import ResourceService
from bot.db.database import Database
from bot.db.migrate import migrate


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
