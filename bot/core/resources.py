"""The creator's resource library: validation and the rules for adding, editing and archiving.

Files and rows move together: the bytes are stored before the row that points at them is
committed, and a file is released (deleted) only when no offered resource uses it and no pending
delivery was asked for it (a delivery pins its file when the member asks; see ``release``).
Both happen under one lock, so a concurrent add can never lose its file to a concurrent remove.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.core.errors import Conflict, Forbidden, NotFound, ValidationError
from bot.core.files import MAX_FILE_BYTES, FileStore, sanitize_file_name
from bot.db import resources as sql
from bot.db.database import Database, IntegrityError

NAME_MAX = 32
TITLE_MAX = 100
URL_MAX = 512
TEXT_MAX = 1000
_NAME_SHAPE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


@dataclass(frozen=True)
class Resource:
    id: int
    guild_id: int
    name: str
    title: str
    description: str | None
    note: str | None
    url: str | None
    file_sha256: str | None
    file_name: str | None
    file_size: int | None
    owner_id: int
    created_at: int
    updated_at: int
    archived_at: int | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @classmethod
    def from_row(cls, row: Any) -> Resource:
        return cls(**{key: row[key] for key in row.keys()})


@dataclass(frozen=True)
class FileUpload:
    """A file a creator attached, already downloaded by the Discord layer."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Actor:
    """Who is acting, as plain values: their id and whether they hold Manage Server."""

    user_id: int
    manages_guild: bool = False


# -- validation: each function returns the clean value or raises ValidationError(field, rule) --


def clean_name(value: str) -> str:
    name = value.strip().lower()
    if not name:
        raise ValidationError("name", "required")
    if len(name) > NAME_MAX:
        raise ValidationError("name", "too_long", limit=NAME_MAX, length=len(name))
    if not _NAME_SHAPE.match(name):
        raise ValidationError("name", "name_format")
    return name


def clean_title(value: str) -> str:
    title = " ".join(value.split())
    if not title:
        raise ValidationError("title", "required")
    if len(title) > TITLE_MAX:
        raise ValidationError("title", "too_long", limit=TITLE_MAX, length=len(title))
    return title


def clean_text(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(field, "too_long", limit=TEXT_MAX, length=len(text))
    return text or None


def clean_url(value: str | None) -> str | None:
    if value is None:
        return None
    url = value.strip()
    if not url:
        return None
    if len(url) > URL_MAX:
        raise ValidationError("url", "too_long", limit=URL_MAX, length=len(url))
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValidationError("url", "url_https") from None
    if parts.scheme.lower() != "https" or not parts.hostname or any(c.isspace() for c in url):
        raise ValidationError("url", "url_https")
    if "." not in parts.hostname and parts.hostname != "localhost":
        raise ValidationError("url", "url_https")
    return url


def check_file_size(size: int) -> None:
    """Called before downloading an attachment, and again on the bytes."""
    if size > MAX_FILE_BYTES:
        raise ValidationError("file", "file_too_large", limit_mib=MAX_FILE_BYTES // (1024 * 1024))
    if size == 0:
        raise ValidationError("file", "file_empty")


class ResourceService:
    def __init__(self, db: Database, files: FileStore) -> None:
        self._db = db
        self._files = files
        self._file_lock = asyncio.Lock()
        # Every click on "Get it" loads its resource by id. This service is the only writer, so
        # a cache it clears on every write is never stale, and saves a database job per click.
        self._by_id: dict[int, Resource] = {}

    async def add(
        self,
        guild_id: int,
        owner: Actor,
        *,
        name: str,
        title: str,
        file: FileUpload | None = None,
        url: str | None = None,
        description: str | None = None,
        note: str | None = None,
    ) -> Resource:
        values: dict[str, Any] = {
            "guild_id": guild_id,
            "owner_id": owner.user_id,
            "name": clean_name(name),
            "title": clean_title(title),
            "url": clean_url(url),
            "description": clean_text("description", description),
            "note": clean_text("note", note),
            "file_sha256": None,
            "file_name": None,
            "file_size": None,
            "now": int(time.time()),
        }
        if file is None and values["url"] is None:
            raise ValidationError("file", "file_or_url")
        if file is not None:
            check_file_size(len(file.data))
        async with self._file_lock:
            if await sql.get_active_by_name(self._db, guild_id, values["name"]):
                raise Conflict("error.name_taken", field="name", name=values["name"])
            if file is not None:
                values.update(await self._store(file))
            try:
                resource_id = await self._db.transaction(sql.insert, values)
            except IntegrityError as exc:
                await self._release(values["file_sha256"])
                if "UNIQUE" in str(exc):
                    raise Conflict("error.name_taken", field="name", name=values["name"]) from None
                raise
            except BaseException:
                await self._release(values["file_sha256"])
                raise
        return await self.get(resource_id)

    async def edit(
        self,
        guild_id: int,
        name: str,
        actor: Actor,
        *,
        title: str | None = None,
        file: FileUpload | None = None,
        url: str | None = None,
        description: str | None = None,
        note: str | None = None,
    ) -> Resource:
        resource = await self.get_active(guild_id, name)
        self.ensure_can_manage(resource, actor)
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = clean_title(title)
        if url is not None:
            changes["url"] = clean_url(url)
        if description is not None:
            changes["description"] = clean_text("description", description)
        if note is not None:
            changes["note"] = clean_text("note", note)
        if file is not None:
            check_file_size(len(file.data))
        if not changes and file is None:
            raise ValidationError("name", "nothing_to_change")
        if "url" in changes and changes["url"] is None and file is None and resource.file_sha256 is None:
            raise ValidationError("url", "file_or_url")
        async with self._file_lock:
            if file is not None:
                changes.update(await self._store(file))
            try:
                await self._db.transaction(sql.update, resource.id, changes, int(time.time()))
                self._by_id.pop(resource.id, None)
            except BaseException:
                if file is not None and changes["file_sha256"] != resource.file_sha256:
                    await self._release(changes["file_sha256"])
                raise
            if file is not None and changes["file_sha256"] != resource.file_sha256:
                await self._release(resource.file_sha256)
        return await self.get(resource.id)

    async def archive(self, guild_id: int, name: str, actor: Actor) -> Resource:
        resource = await self.get_active(guild_id, name)
        self.ensure_can_manage(resource, actor)
        async with self._file_lock:
            await self._db.transaction(sql.archive, resource.id, int(time.time()))
            self._by_id.pop(resource.id, None)
            await self._release(resource.file_sha256)
        return await self.get(resource.id)

    async def get(self, resource_id: int) -> Resource:
        cached = self._by_id.get(resource_id)
        if cached is not None:
            return cached
        row = await sql.get_by_id(self._db, resource_id)
        if row is None:
            raise NotFound("error.resource_not_found", name=str(resource_id))
        resource = self._by_id[resource_id] = Resource.from_row(row)
        return resource

    async def get_active(self, guild_id: int, name: str) -> Resource:
        row = await sql.get_active_by_name(self._db, guild_id, name.strip().lower())
        if row is None:
            raise NotFound("error.resource_not_found", name=name.strip())
        return Resource.from_row(row)

    async def list_active(self, guild_id: int) -> list[Resource]:
        return [Resource.from_row(row) for row in await sql.list_active(self._db, guild_id)]

    async def list_active_in_guilds(self, guild_ids: list[int]) -> list[Resource]:
        return [Resource.from_row(row) for row in await sql.list_active_in_guilds(self._db, guild_ids)]

    async def read_file(self, resource: Resource) -> bytes:
        """The stored bytes; FileNotFoundError if they are gone (which a pinned delivery prevents)."""
        if resource.file_sha256 is None:
            raise ValueError("resource has no file")
        return await self._files.read(resource.file_sha256)

    async def release(self, resource_id: int, sha256: str | None) -> None:
        """A delivery that pinned ``sha256`` has finished: delete the file if nothing needs it now.

        The common case (the resource still offers that very file) is answered from the cache,
        without a database trip: a burst finishes thousands of deliveries."""
        if sha256 is None:
            return
        current = self._by_id.get(resource_id)
        if current is not None and not current.archived and current.file_sha256 == sha256:
            return
        async with self._file_lock:
            await self._release(sha256)

    async def sweep_files(self) -> list[str]:
        """Start-up clean-up: drop stored files that no offered resource or pending delivery uses."""
        async with self._file_lock:
            return await self._files.sweep(await sql.files_in_use(self._db))

    # -- internals --

    @staticmethod
    def ensure_can_manage(resource: Resource, actor: Actor) -> None:
        if actor.user_id != resource.owner_id and not actor.manages_guild:
            raise Forbidden("error.not_owner", name=resource.name, owner_id=resource.owner_id)

    async def _store(self, file: FileUpload) -> dict[str, Any]:
        digest = await self._files.put(file.data)
        return {"file_sha256": digest, "file_name": sanitize_file_name(file.name), "file_size": len(file.data)}

    async def _release(self, sha256: str | None) -> None:
        """Delete a stored file once no offered resource and no pending delivery uses it. Caller
        holds the file lock."""
        if sha256 is None:
            return
        if not await sql.count_using_file(self._db, sha256):
            await self._files.delete(sha256)
