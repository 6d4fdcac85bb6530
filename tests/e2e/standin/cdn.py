"""The CDN: stores attachment bytes and serves them at signed, expiring URLs.

URL shape, like Discord's (since 2024)::

    {base}/attachments/{channel_id}/{attachment_id}/{filename}?ex=<hex expiry>&is=<hex issued>&hm=<hex hmac>&
    {base}/ephemeral-attachments/{application_id}/{attachment_id}/{filename}?...   (slash command uploads)

``proxy_url`` is the same under ``/media``. An expired, revoked or tampered URL answers
404 "This content is no longer available." as Discord does; fetching the message again
yields a freshly signed URL.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from urllib.parse import quote, unquote

from aiohttp import web

from .model import Attachment, Clock

_PATH = re.compile(r"^/(?:media/)?(attachments|ephemeral-attachments)/(\d+)/(\d+)/([^/]+)$")
_GONE = "This content is no longer available."


def sanitize_filename(name: str) -> str:
    """Discord replaces anything but letters, digits, dot, dash and underscore with '_'."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1] or "unknown"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


class Cdn:
    def __init__(self, clock: Clock, *, ttl: float = 24 * 3600.0) -> None:
        self.clock = clock
        self.ttl = ttl
        self.base_url = ""
        self.files: dict[int, Attachment] = {}
        self.fetches: list[tuple[str, int]] = []  # (path, status)
        self._secret = secrets.token_bytes(32)
        self._generation: dict[int, int] = {}  # bumped by expire(): old signatures stop matching

    def store(self, att: Attachment) -> Attachment:
        self.files[att.id] = att
        return att

    def path_for(self, att: Attachment) -> str:
        return f"/{att.kind}/{att.scope_id}/{att.id}/{quote(att.filename)}"

    def _sign(self, path: str, issued: int, expires: int, att_id: int) -> str:
        msg = f"{path}|{expires:08x}|{issued:08x}|{self._generation.get(att_id, 0)}".encode()
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()

    def url_for(self, att: Attachment, *, proxy: bool = False) -> str:
        issued = int(self.clock.now())
        expires = int(issued + self.ttl)
        path = self.path_for(att)
        sig = self._sign(path, issued, expires, att.id)
        prefix = "/media" if proxy else ""
        return f"{self.base_url}{prefix}{path}?ex={expires:08x}&is={issued:08x}&hm={sig}&"

    def expire(self, attachment_id: int) -> None:
        """Invalidate every URL issued so far for this attachment (a re-fetch gets a new one)."""
        self._generation[attachment_id] = self._generation.get(attachment_id, 0) + 1

    def check(self, path: str, query: dict[str, str]) -> Attachment | None:
        m = _PATH.match(path)
        if not m:
            return None
        kind, scope, att_id, filename = m.group(1), int(m.group(2)), int(m.group(3)), unquote(m.group(4))
        att = self.files.get(att_id)
        if att is None or att.kind != kind or att.scope_id != scope or att.filename != filename:
            return None
        try:
            expires, issued, sig = int(query["ex"], 16), int(query["is"], 16), query["hm"]
        except (KeyError, ValueError):
            return None
        canonical = f"/{kind}/{scope}/{att_id}/{quote(filename)}"
        if not hmac.compare_digest(sig, self._sign(canonical, issued, expires, att_id)):
            return None
        if expires <= self.clock.now():
            return None
        return att

    async def handle(self, request: web.Request) -> web.StreamResponse:
        att = self.check(request.path, dict(request.query))
        if att is None:
            self.fetches.append((request.path, 404))
            return web.Response(status=404, text=_GONE, content_type="text/plain")
        self.fetches.append((request.path, 200))
        headers = {
            "Content-Type": att.content_type or "application/octet-stream",
            "Cache-Control": "public, max-age=31536000",
            "Via": "1.1 google",
        }
        return web.Response(body=att.data, headers=headers)
