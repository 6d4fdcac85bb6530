"""REST plumbing under /api/v10: routing, auth, rate limits, faults, body parsing, recording.

Routes live in routes_*.py and register with ``@route(METHOD, "/template/{x_id}")``; a
handler gets ``(standin, call)`` and returns ``(status, body)`` (body None -> 204) or
raises ``ApiError``. Every request is recorded in ``standin.requests``; unmatched ones
also in ``standin.unknown_routes``.
"""

from __future__ import annotations

import asyncio
import bisect
import hashlib
import json
import math
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .server import DiscordStandIn

API_PREFIX = "/api/v10"
MAX_FILE_SIZE = 10 * 1024 * 1024  # a bot's upload limit in an unboosted guild / DM
MAX_BODY = 64 * 1024 * 1024
# The moment a request left its client (this machine's monotonic clock, the one asyncio's loop.time()
# reads), stamped by tests/e2e/launch_bot.py as the bot's aiohttp writes it. The global limit is
# counted then: Discord's edge counts a request when it arrives, and on loopback it arrives as it
# leaves. The stand-in's own event loop shares a process with the test driving it; in a burst it
# reads requests up to a second late, and counted at that moment, requests the bot had spread out
# arrived together (46 a second as sent, 56-60 as read: bench/README.md).
SENT_HEADER = "X-Testbed-Sent"
SENT_PLAUSIBLE = 10.0  # seconds: an older or future stamp is not believed (the reading time is used)


class ApiError(Exception):
    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None, **extra: Any
    ) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status, self.code, self.message, self.errors, self.extra = status, code, message, errors, extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code, **self.extra}
        if self.errors:
            body["errors"] = self.errors
        return body


def form_error(errors: dict[str, Any]) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", errors)


def field_errors(*items: tuple[str, str, str]) -> dict[str, Any]:
    """Build Discord's nested ``errors`` object from (dotted.path, CODE, message) items."""
    root: dict[str, Any] = {}
    for path, code, message in items:
        node = root
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return root


@dataclass
class Upload:
    index: int
    filename: str
    data: bytes
    content_type: str | None


@dataclass
class Call:
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    json: Any
    files: list[Upload]
    request: web.Request
    token: str | None = None
    # Seconds between the client sending the request and the stand-in reading it: time Discord,
    # which reads as requests arrive, does not spend (SENT_HEADER).
    read_lag: float = 0.0

    def id(self, name: str) -> int:
        return int(self.params[name])


@dataclass
class RequestRecord:
    """What the bot asked for and what it got."""

    method: str
    path: str
    query: dict[str, str]
    at: float  # loop time
    json: Any = None
    files: list[tuple[str, int]] = field(default_factory=list)
    route: str | None = None
    status: int | None = None
    code: int | None = None
    response: Any = None
    sent_at: float | None = None  # loop-clock time the client sent it (SENT_HEADER), if stamped

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}{'/' + str(self.code) if self.code else ''}>"


Handler = Callable[["DiscordStandIn", Call], Awaitable[tuple[int, Any]]]


@dataclass
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool
    interaction: bool

    @property
    def name(self) -> str:
        return f"{self.method} {self.template}"


ROUTES: list[Route] = []


def route(method: str, template: str, *, auth: bool = True, interaction: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler. ``{x_id}`` matches digits, other ``{x}`` one path segment.
    ``interaction=True``: token-authenticated interaction route, exempt from the global limit."""

    def conv(m: re.Match[str]) -> str:
        name = m.group(1)
        return f"(?P<{name}>\\d+)" if name.endswith("_id") else f"(?P<{name}>[^/]+)"

    pattern = re.compile("^" + re.sub(r"\{(\w+)\}", conv, template) + "$")

    def deco(fn: Handler) -> Handler:
        ROUTES.append(Route(method, template, pattern, fn, auth, interaction))
        return fn

    return deco


@dataclass
class _Window:
    start: float = 0.0
    count: int = 0


@dataclass
class _SentLog:
    """The send times of the requests a bot token was allowed, sorted (they are read out of order)."""

    stamps: list[float] = field(default_factory=list)

    def take(self, limit: int, per: float, sent: float, now: float) -> float | None:
        """Count one request sent at ``sent`` unless some window of ``per`` seconds that holds it
        already holds ``limit``: Discord's "50 requests per second" read strictly, for any second,
        not only for seconds that start where a counter was reset. Return retry_after if full."""
        del self.stamps[: bisect.bisect_left(self.stamps, now - SENT_PLAUSIBLE - per)]
        near = self.stamps[bisect.bisect_right(self.stamps, sent - per) : bisect.bisect_left(self.stamps, sent + per)]
        for start in [s for s in near if s <= sent] + [sent]:
            if bisect.bisect_left(near, start + per) - bisect.bisect_left(near, start) >= limit:
                before = [s for s in near if s <= sent]
                return max(before[-limit] + per - sent, 0.001) if len(before) >= limit else 0.001
        bisect.insort(self.stamps, sent)
        return None


class Rest:
    def __init__(self, standin: DiscordStandIn) -> None:
        self.s = standin
        self.requests: list[RequestRecord] = []
        self.unknown_routes: list[tuple[str, str]] = []
        self.stats: Counter[str] = Counter()
        # Requests being handled at once, per route, and the most seen: how hard the bot leans.
        self.in_flight: Counter[str] = Counter()
        self.peak_in_flight: Counter[str] = Counter()
        self.global_limit = (50, 1.0)  # requests per second per bot token
        self.default_route_limit = (50, 1.0)
        self.route_limits: dict[str, tuple[int, float]] = {"POST /channels/{channel_id}/messages": (5, 5.0)}
        self.max_file_size = MAX_FILE_SIZE
        # Discord counts the global limit per bot token ("Individuals are determined using a
        # request's authentication", Rate Limits docs), so every connection and process of one
        # bot shares a window: shards in separate processes do not get 50/s each.
        self._global: dict[str, _SentLog] = {}
        self._buckets: dict[str, _Window] = {}

    # ----------------------------------------------------------------- rate limits
    @staticmethod
    def _take(win: _Window, limit: int, per: float, now: float) -> float | None:
        """Count one request in a fixed window; return retry_after if the window is full."""
        if now >= win.start + per:
            win.start, win.count = now, 0
        if win.count >= limit:
            return max(win.start + per - now, 0.001)
        win.count += 1
        return None

    def _bucket_headers(self, rt: Route, params: dict[str, str], now: float) -> tuple[str, dict[str, str]]:
        major = "+".join(
            params[k] for k in ("channel_id", "guild_id", "webhook_id", "interaction_id", "token") if k in params
        )
        key = f"{rt.name}:{major}"
        limit, per = self.route_limits.get(rt.name, self.default_route_limit)
        win = self._buckets.setdefault(key, _Window())
        if now >= win.start + per:
            win.start, win.count = now, 0
        reset_after = max(win.start + per - now, 0.0)
        headers = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(max(limit - win.count, 0)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": hashlib.md5(rt.name.encode()).hexdigest(),
        }
        return key, headers

    @staticmethod
    def _sent_at(request: web.Request, now: float) -> float | None:
        try:
            sent = float(request.headers.get(SENT_HEADER, ""))
        except ValueError:
            return None
        return sent if now - SENT_PLAUSIBLE <= sent <= now else None

    # ----------------------------------------------------------------- parsing
    async def _parse(self, request: web.Request) -> tuple[Any, list[Upload]]:
        ctype = request.content_type
        if ctype.startswith("multipart/"):
            payload: Any = None
            files: list[Upload] = []
            reader = await request.multipart()
            total = 0
            while True:
                part = await reader.next()
                if part is None:
                    break
                data = bytearray()
                while chunk := await part.read_chunk(1 << 16):  # type: ignore[union-attr]
                    data += chunk
                    total += len(chunk)
                    if total > MAX_BODY:
                        raise ApiError(413, 40005, "Request entity too large")
                name = part.name or ""
                if name == "payload_json":
                    payload = json.loads(data.decode())
                elif m := re.fullmatch(r"files\[(\d+)\]", name):
                    ct = part.headers.get("Content-Type")
                    files.append(Upload(int(m.group(1)), part.filename or "unknown", bytes(data), ct))  # type: ignore[union-attr]
            return payload, files
        raw = await request.read()
        if not raw:
            return None, []
        return json.loads(raw), []

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
        path_exists = False
        for rt in ROUTES:
            m = rt.pattern.match(path)
            if m:
                path_exists = True
                if rt.method == method:
                    return rt, m.groupdict(), True
        return None, {}, path_exists

    # ----------------------------------------------------------------- entry point
    async def handle(self, request: web.Request) -> web.StreamResponse:
        loop = asyncio.get_running_loop()
        method, path = request.method, request.path[len(API_PREFIX) :] or "/"
        rec = RequestRecord(method, path, dict(request.query), loop.time())
        rec.sent_at = self._sent_at(request, rec.at)
        self.requests.append(rec)
        self.stats["requests"] += 1
        headers: dict[str, str] = {"Via": "1.1 google"}
        status, body = 500, None
        counted: str | None = None
        try:
            try:
                rec.json, files = await self._parse(request)
            except (ValueError, UnicodeDecodeError):
                raise ApiError(400, 50109, "The request body contains invalid JSON.") from None
            rec.files = [(f.filename, len(f.data)) for f in files]
            rt, params, path_exists = self.match(method, path)
            if rt is None:
                if path_exists:
                    raise ApiError(405, 0, "405: Method Not Allowed")
                self.unknown_routes.append((method, path))
                raise ApiError(404, 0, "404: Not Found")
            rec.route = counted = rt.name
            self.in_flight[rt.name] += 1
            self.peak_in_flight[rt.name] = max(self.peak_in_flight[rt.name], self.in_flight[rt.name])
            key, headers_rl = self._bucket_headers(rt, params, loop.time())
            headers.update(headers_rl)
            token = None
            if rt.auth:
                auth = request.headers.get("Authorization", "")
                if auth != f"Bot {self.s.world.token}":
                    raise ApiError(401, 0, "401: Unauthorized")
                token = auth[4:]
            body_text = json.dumps(rec.json, ensure_ascii=False) if rec.json is not None else ""
            fault = self.s.faults.take(method, path, body_text)
            if fault is not None:
                self.stats[f"fault_{fault.status}"] += 1
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.held is not None:
                    await fault.held.wait()
            if fault is not None and fault.status >= 300:  # below 300: only slow, then answered as usual
                if fault.reset:
                    rec.status = 0
                    if request.transport is not None:
                        request.transport.abort()
                    self.s.notify()
                    return web.Response(status=500)
                if fault.status == 429:
                    self.stats["429_fault"] += 1
                    headers.update(self._429_headers(fault.retry_after, fault.is_global))
                raise ApiError(fault.status, fault.code, fault.message, **_extra(fault.json()))
            if rt.auth and not rt.interaction:
                sent = rec.at if rec.sent_at is None else rec.sent_at
                retry = self._global.setdefault(token or "", _SentLog()).take(*self.global_limit, sent, loop.time())
                if retry is not None:
                    self.stats["429_global"] += 1
                    headers.update(self._429_headers(retry, True))
                    raise ApiError(
                        429, 0, "You are being rate limited.", retry_after=round(retry, 3), **{"global": True}
                    )
            limit, per = self.route_limits.get(rt.name, self.default_route_limit)
            retry = self._take(self._buckets[key], limit, per, loop.time())
            if retry is not None:
                self.stats["429_route"] += 1
                headers.update(self._429_headers(retry, False))
                raise ApiError(429, 0, "You are being rate limited.", retry_after=round(retry, 3), **{"global": False})
            _, headers_after = self._bucket_headers(rt, params, loop.time())
            headers.update(headers_after)
            lag = 0.0 if rec.sent_at is None else max(loop.time() - rec.sent_at, 0.0)
            call = Call(method, path, params, dict(request.query), rec.json, files, request, token, lag)
            status, body = await rt.handler(self.s, call)
            if fault is not None and fault.lost_answer:
                # Carried out, but the answer never reaches the client.
                rec.status, rec.response = status, body
                if request.transport is not None:
                    request.transport.abort()
                self.s.notify()
                return web.Response(status=500)
        except ApiError as e:
            status, body = e.status, e.body()
            rec.code = e.code
            if e.status == 429:
                body.pop("code", None)
        finally:
            if counted is not None:
                self.in_flight[counted] -= 1
        rec.status, rec.response = status, body
        self.s.notify()
        if body is None:
            return web.Response(status=204 if status < 300 else status, headers=headers)
        # discord.py only parses JSON when Content-Type is exactly "application/json" (as Discord sends).
        headers["Content-Type"] = "application/json"
        return web.Response(body=json.dumps(body).encode(), status=status, headers=headers)

    @staticmethod
    def _429_headers(retry_after: float, is_global: bool) -> dict[str, str]:
        headers = {
            "Retry-After": str(max(1, math.ceil(retry_after))),
            "X-RateLimit-Scope": "global" if is_global else "user",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        return headers


def _extra(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in ("message", "code")}
