"""Resource files in the database (PostgreSQL): the FileStore interface of bot/core/files.py.

With PostgreSQL several processes may serve one bot, each on its own machine: a file stored on
one machine's disk could not be delivered by the others, so the bytes live in the table
resource_files (migration 0014) instead.
"""

from __future__ import annotations

import hashlib
import logging
import time

from bot.db.postgres import PostgresDatabase

log = logging.getLogger(__name__)


class DatabaseFileStore:
    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    async def put(self, data: bytes) -> str:
        """Store bytes and return their sha256; storing the same bytes twice is a no-op."""
        digest = hashlib.sha256(data).hexdigest()
        await self._db.execute(
            "INSERT INTO resource_files (sha256, data, size, stored_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (sha256) DO NOTHING",
            (digest, data, len(data), int(time.time())),
        )
        return digest

    async def read(self, sha256: str) -> bytes:
        """The bytes; FileNotFoundError if they are not stored (as on disk)."""
        data = await self._db.fetchval("SELECT data FROM resource_files WHERE sha256 = ?", (sha256,))
        if data is None:
            raise FileNotFoundError(f"no stored file {sha256}")
        return bytes(data)

    async def exists(self, sha256: str) -> bool:
        return await self._db.fetchval("SELECT 1 FROM resource_files WHERE sha256 = ?", (sha256,)) is not None

    async def delete(self, sha256: str) -> None:
        await self._db.execute("DELETE FROM resource_files WHERE sha256 = ?", (sha256,))

    async def stored(self) -> set[str]:
        return {row[0] for row in await self._db.fetchall("SELECT sha256 FROM resource_files")}

    async def sweep(self, in_use: set[str]) -> list[str]:
        """Remove files no resource uses; return what was removed."""
        removed = sorted(await self.stored() - in_use)
        for digest in removed:
            await self.delete(digest)
        if removed:
            log.info("Removed %d stored file(s) no resource uses", len(removed))
        return removed
