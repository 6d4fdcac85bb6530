"""Pick the storage backend from the settings: PostgreSQL when HANDOUT_DATABASE_URL is set, else
SQLite (and files on disk) under HANDOUT_DATA_DIR."""

from __future__ import annotations

from bot.config import Settings
from bot.core.files import FileStore
from bot.db.database import Database
from bot.db.files import DatabaseFileStore
from bot.db.postgres import PostgresDatabase


def open_database(settings: Settings) -> Database | PostgresDatabase:
    """Not yet connected: call ``connect()``."""
    if settings.database_url is not None:
        return PostgresDatabase(settings.database_url.secret)
    return Database(settings.database_path)


def file_store(settings: Settings, db: Database | PostgresDatabase) -> FileStore | DatabaseFileStore:
    if isinstance(db, PostgresDatabase):
        return DatabaseFileStore(db)
    return FileStore(settings.files_dir)
