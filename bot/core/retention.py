"""Storage limitation: members' message text is not kept for ever.

Each guild sets how many days the text of members' messages is kept (``/handout retention``,
default 180, 0 = keep). Older text is removed, with the member's display name stored beside it
for the creator's prompt; the message's label, status and timings stay, so
stats stay true, and when the text went is recorded, so the CSV export and /thanks pending can
say so. The sweep is idempotent and works from what is in the database: run on start and then
periodically, a restart (or a crash mid-sweep) loses nothing and repeats nothing.
"""

from __future__ import annotations

import time
from typing import Any

from bot.db import member_data as sql
from bot.db.database import Database

DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 3650
# Removed in batches: each is one short job on the database thread, so clicks are not held up.
BATCH = 500


class RetentionService:
    def __init__(self, db: Database, *, clock: Any = time.time) -> None:
        self._db = db
        self._clock = clock

    async def sweep(self) -> int:
        """Remove the text of every message older than its guild's retention; how many."""
        total = 0
        now = int(self._clock())
        while removed := await sql.remove_old_text(self._db, now, DEFAULT_RETENTION_DAYS, BATCH):
            total += removed
        return total
