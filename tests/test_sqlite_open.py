"""Opening the SQLite file (bot/db/database.py): processes of a cluster that open a new file at the same
moment all connect. SQLite answers all but one of them "database is locked" at once while the file is
switched to WAL, without waiting out busy_timeout; a CI run lost a cluster story's process that way."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.db.database import Database

ROUNDS = 60  # the race was lost in about 1 round in 11 with three connections: 60 rounds miss it 0.4% of times


async def test_processes_opening_a_new_file_together_all_connect(tmp_path: Path):
    for round_ in range(ROUNDS):
        databases = [Database(tmp_path / f"handout-{round_}.db") for _ in range(3)]  # one per process
        try:
            await asyncio.gather(*(database.connect() for database in databases))
            for database in databases:
                async with database.connection.execute("PRAGMA journal_mode") as cursor:
                    assert (await cursor.fetchone())[0] == "wal"
        finally:
            for database in databases:
                await database.close()
