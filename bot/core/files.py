"""Content-addressed storage for resource files: on disk under HANDOUT_DATA_DIR/files (SQLite),
or in the database (PostgreSQL, bot/db/files.py), behind the same async interface.

Discord attachment URLs are signed and expire within a day, so a resource's bytes are kept here
and uploaded afresh on every delivery. Files are named by their sha256: the same PDF added twice
is stored once, and a name can never escape the folder.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from pathlib import Path

log = logging.getLogger(__name__)

# Discord's default upload limit for bots, and the limit in DMs.
MAX_FILE_BYTES = 10 * 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 100


def sanitize_file_name(name: str) -> str:
    """A name safe on every filesystem and in a Discord upload: ASCII letters, digits, . _ -"""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = _UNSAFE.sub("_", base).strip("._-")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = ext[:16]
    stem = stem[: _MAX_NAME - len(ext) - 1].strip("._-") or "file"
    return f"{stem}.{ext}" if ext else stem


class FileStore:
    """On disk. The async methods are the interface callers use; writing and reading 10 MiB runs
    off the event loop so it does not stall the gateway."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    async def put(self, data: bytes) -> str:
        """Store bytes and return their sha256; storing the same bytes twice is a no-op."""
        return await asyncio.to_thread(self.put_now, data)

    async def read(self, sha256: str) -> bytes:
        """The bytes; FileNotFoundError if they are not stored."""
        return await asyncio.to_thread(self.read_now, sha256)

    async def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    async def delete(self, sha256: str) -> None:
        self.delete_now(sha256)

    async def stored(self) -> set[str]:
        return self.stored_now()

    async def sweep(self, in_use: set[str]) -> list[str]:
        """Remove files no resource uses and temp files left by a crash; return what was removed."""
        return self.sweep_now(in_use)

    # -- the same, synchronous (tests, and the async methods above) --

    def put_now(self, data: bytes) -> str:
        """Store bytes and return their sha256; storing the same bytes twice is a no-op."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temp file in the same folder, fsync, then rename: a crash leaves either
        # the whole file or a stray temp file (swept at start-up), never half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def read_now(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def delete_now(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def stored_now(self) -> set[str]:
        if not self.root.is_dir():
            return set()
        return {p.name for p in self.root.glob("??/*") if _SHA256.match(p.name)}

    def sweep_now(self, in_use: set[str]) -> list[str]:
        removed = []
        for digest in sorted(self.stored_now() - in_use):
            self.delete_now(digest)
            removed.append(digest)
        if self.root.is_dir():
            for leftover in self.root.glob("??/.tmp-*"):
                leftover.unlink(missing_ok=True)
        if removed:
            log.info("Removed %d stored file(s) no resource uses", len(removed))
        return removed
