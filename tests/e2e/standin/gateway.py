"""The gateway: a websocket speaking Discord's gateway protocol (v10, JSON, zlib/zstd-stream).

HELLO -> (HEARTBEAT/ACK) -> IDENTIFY -> READY + GUILD_CREATE*; RESUME replays the session
buffer then RESUMED; unknown session -> INVALID_SESSION(false). Dispatches carry sequence
numbers per session, honour intents, and strip message content without MESSAGE_CONTENT.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads as P
from .model import INTENT_GUILD_MEMBERS, INTENT_GUILD_PRESENCES, INTENT_MESSAGE_CONTENT
from .shards import Sharding, shard_of

if TYPE_CHECKING:
    from .server import DiscordStandIn

log = logging.getLogger("standin.gateway")

try:  # zstd-stream is offered only if we can produce it
    import zstandard
except ImportError:  # pragma: no cover - depends on the venv
    zstandard = None

_STRIPPED = {"content": "", "embeds": [], "attachments": [], "components": []}


class _ZlibStream:
    def __init__(self) -> None:
        self._c = zlib.compressobj()

    def pack(self, data: bytes) -> bytes:
        return self._c.compress(data) + self._c.flush(zlib.Z_SYNC_FLUSH)


class _ZstdStream:
    def __init__(self) -> None:
        self._c = zstandard.ZstdCompressor().compressobj()

    def pack(self, data: bytes) -> bytes:
        return self._c.compress(data) + self._c.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)


@dataclass(eq=False)
class Session:
    id: str
    intents: int
    shard: tuple[int, int] = (0, 1)
    seq: int = 0
    buffer: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=2000))
    conn: Connection | None = None
    valid: bool = True
    ready_at: float | None = None
    resumes: int = 0

    def owns_guild(self, guild_id: int | None) -> bool:
        """Whether Discord routes this guild's events here (no guild: shard 0 only, see shards.py)."""
        return shard_of(guild_id, self.shard[1]) == self.shard[0]


@dataclass(eq=False)
class Connection:
    ws: web.WebSocketResponse
    request: web.Request
    compress: str | None
    path: str
    queue: asyncio.Queue[dict[str, Any] | None] = field(default_factory=asyncio.Queue)
    session: Session | None = None
    heartbeats: int = 0
    close_code: int | None = None
    packer: Any = None
    writer: asyncio.Task[None] | None = None
    on_write: Callable[[dict[str, Any]], None] | None = None  # each frame, just before it goes out

    def send(self, payload: dict[str, Any]) -> None:
        self.queue.put_nowait(payload)

    async def write_loop(self) -> None:
        while True:
            payload = await self.queue.get()
            if payload is None or self.ws.closed:
                return
            data = json.dumps(payload, separators=(",", ":")).encode()
            if self.on_write is not None:
                self.on_write(payload)
            try:
                if self.packer is not None:
                    await self.ws.send_bytes(self.packer.pack(data))
                else:
                    await self.ws.send_str(data.decode())
            except (ConnectionError, RuntimeError):
                return

    def abort(self) -> None:
        """Drop the TCP connection without a close frame."""
        transport = self.request.transport
        if transport is not None:
            transport.abort()


class Gateway:
    def __init__(
        self, standin: DiscordStandIn, *, heartbeat_interval: float = 5.0, sharding: Sharding | None = None
    ) -> None:
        self.s = standin
        self.heartbeat_interval = heartbeat_interval
        self.sharding = sharding or Sharding()
        if self.sharding.clock is None:
            self.sharding.clock = standin.world.clock
        self.sessions: dict[str, Session] = {}
        self.connections: list[Connection] = []
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []  # RESUME payloads (+ "replayed": events re-sent, "ok")
        self.compressions: list[str | None] = []  # ?compress= of each connection
        self.close_codes: list[int | None] = []  # how each connection ended (client's code or None)
        self.events: list[tuple[str, int, str]] = []  # (session id, seq, event name)
        self.enabled_privileged_intents = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT
        # A gateway outage: connections are refused (HTTP 503 before the upgrade) until it ends.
        self.down = False
        self.refused = 0

    # ----------------------------------------------------------------- queries
    @property
    def identify_violations(self) -> int:
        """IDENTIFYs over max_concurrency per 5 s (same rate-limit key), across all connections."""
        return self.sharding.identify_violations

    @property
    def live_sessions(self) -> list[Session]:
        return [s for s in self.sessions.values() if s.valid and s.conn is not None and s.ready_at is not None]

    # ----------------------------------------------------------------- dispatch
    def dispatch(
        self,
        event: str,
        data: dict[str, Any],
        *,
        intent: int | None = None,
        guild_id: int | None = None,
        gate_content: bool = False,
    ) -> int:
        """Send a DISPATCH to every valid session (buffered when detached). Returns how many
        sessions were attached (received it now)."""
        attached = 0
        for session in list(self.sessions.values()):
            if not session.valid or session.ready_at is None or not session.owns_guild(guild_id):
                continue
            if intent is not None and not session.intents & intent:
                continue
            d = data
            if gate_content and not session.intents & INTENT_MESSAGE_CONTENT:
                d = {**data, **_STRIPPED}
                d.pop("poll", None)
            self._send_dispatch(session, event, d)
            attached += session.conn is not None
        return attached

    def _send_dispatch(self, session: Session, event: str, data: Any) -> None:
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.buffer.append(payload)
        self.events.append((session.id, session.seq, event))
        if session.conn is not None:
            session.conn.send(payload)
        self.s.notify()

    # ----------------------------------------------------------------- control
    def drop(self) -> int:
        """Abruptly drop every gateway connection (no close frame): clients reconnect and RESUME."""
        conns = [c for c in self.connections if not c.ws.closed]
        for c in conns:
            c.abort()
        return len(conns)

    def outage(self, down: bool) -> None:
        """Start (drop every connection, refuse new ones) or end a gateway outage. Sessions stay
        resumable, as after a short Discord incident: the client RESUMEs once it gets through."""
        self.down = down
        if down:
            self.drop()

    def send_reconnect(self) -> int:
        conns = [c for c in self.connections if c.session is not None and not c.ws.closed]
        for c in conns:
            c.send({"op": 7, "d": None, "s": None, "t": None})
        return len(conns)

    def invalidate(self, *, resumable: bool = False) -> int:
        conns = [c for c in self.connections if c.session is not None and not c.ws.closed]
        for c in conns:
            if not resumable and c.session is not None:
                c.session.valid = False
            c.send({"op": 9, "d": resumable, "s": None, "t": None})
        return len(conns)

    def request_heartbeat(self) -> None:
        for c in self.connections:
            if not c.ws.closed:
                c.send({"op": 1, "d": None, "s": None, "t": None})

    async def close_all(self) -> None:
        for c in list(self.connections):
            with contextlib.suppress(Exception):
                c.queue.put_nowait(None)
                await asyncio.wait_for(c.ws.close(code=1001, message=b"stand-in stopping"), 2.0)

    def _writing(self, payload: dict[str, Any]) -> None:
        """An interaction's three seconds start as Discord sends it. In a burst the stand-in's
        writer sends frames later than the driver queued them (it shares one process with the test),
        so the clock starts when the frame first leaves, not when it was queued."""
        if payload.get("t") != "INTERACTION_CREATE":
            return
        rec = self.s.interactions.get(int(payload["d"]["id"]))
        if rec is not None and not rec.written:
            rec.written = True
            rec.dispatched_at = self.s.world.clock.now()

    # ----------------------------------------------------------------- websocket
    async def handle(self, request: web.Request) -> web.StreamResponse:
        if self.down:
            self.refused += 1
            return web.Response(status=503, text="upstream connect error")
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        compress = request.query.get("compress")
        conn = Connection(ws, request, compress, request.path, on_write=self._writing)
        self.connections.append(conn)
        self.compressions.append(compress)
        self.s.notify()
        try:
            if request.query.get("encoding", "json") != "json":
                await ws.close(code=4002, message=b"Error while decoding payload.")
                return ws
            if request.query.get("v", "10") not in ("9", "10"):
                await ws.close(code=4012, message=b"Invalid API version.")
                return ws
            if compress == "zlib-stream":
                conn.packer = _ZlibStream()
            elif compress == "zstd-stream" and zstandard is not None:
                conn.packer = _ZstdStream()
            elif compress:
                await ws.close(code=4002, message=b"Unsupported compression.")
                return ws
            conn.writer = asyncio.create_task(conn.write_loop())
            conn.send(
                {"op": 10, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)}, "s": None, "t": None}
            )
            await self._read_loop(conn)
        finally:
            await self._cleanup(conn)
        return ws

    async def _read_loop(self, conn: Connection) -> None:
        idle_limit = max(60.0, self.heartbeat_interval * 3)
        while not conn.ws.closed:
            try:
                msg = await conn.ws.receive(timeout=idle_limit)
            except TimeoutError:
                await conn.ws.close(code=4000, message=b"No heartbeat.")
                return
            if msg.type == WSMsgType.CLOSE:
                conn.close_code = msg.data
                return
            if msg.type in (WSMsgType.CLOSED, WSMsgType.CLOSING, WSMsgType.ERROR):
                return
            if msg.type != WSMsgType.TEXT:
                await conn.ws.close(code=4002, message=b"Error while decoding payload.")
                return
            try:
                frame = json.loads(msg.data)
                op, d = frame["op"], frame.get("d")
            except (ValueError, KeyError, TypeError):
                await conn.ws.close(code=4002, message=b"Error while decoding payload.")
                return
            await self._on_frame(conn, op, d)

    async def _on_frame(self, conn: Connection, op: int, d: Any) -> None:
        if op == 1:
            conn.heartbeats += 1
            conn.send({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            if conn.session is not None:
                await conn.ws.close(code=4005, message=b"Already authenticated.")
            else:
                await self._identify(conn, d or {})
        elif op == 6:
            await self._resume(conn, d or {})
        elif conn.session is None:
            await conn.ws.close(code=4003, message=b"Not authenticated.")
        elif op == 8:
            self._request_members(conn.session, d or {})
        elif op in (3, 4):
            pass  # presence / voice state updates: accepted, ignored
        else:
            await conn.ws.close(code=4001, message=b"Unknown opcode.")

    def _token_ok(self, token: Any) -> bool:
        token = str(token or "")
        token = token[4:] if token.startswith("Bot ") else token
        return token == self.s.world.token

    async def _identify(self, conn: Connection, d: dict[str, Any]) -> None:
        self.identifies.append({k: v for k, v in d.items() if k != "token"})
        if not self._token_ok(d.get("token")):
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = d.get("intents")
        if not isinstance(intents, int):
            await conn.ws.close(code=4013, message=b"Invalid intent(s).")
            return
        privileged = intents & (INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT)
        if privileged & ~self.enabled_privileged_intents:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard = tuple(d.get("shard") or (0, 1))
        if len(shard) != 2 or not 0 <= shard[0] < shard[1]:
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        session = Session(secrets.token_hex(16), intents, (int(shard[0]), int(shard[1])))
        if not self.sharding.start_session():
            await self._reset_token()
            return
        if not self.sharding.admit_identify(session.shard[0]):
            conn.send({"op": 9, "d": False, "s": None, "t": None})
            self.s.notify()  # tests wait on identify_violations
            return
        world = self.s.world
        guilds = [g for g in world.bot_guilds() if session.owns_guild(g.id)]
        if len(guilds) > self.sharding.max_guilds_per_shard:
            await conn.ws.close(code=4011, message=b"Sharding required.")
            return
        self.sessions[session.id] = session
        session.conn, conn.session = conn, session
        ready = {
            "v": 10,
            "user": P.me(world.bot),
            "user_settings": {},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.s.ws_url + "gw-resume",
            "application": {"id": str(world.application_id), "flags": world.application_flags},
            "private_channels": [],
            "presences": [],
            "relationships": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["local"],
            "auth": {},
            "_trace": ['["gateway-standin",{"micros":1}]'],
        }
        if d.get("shard") is not None:
            ready["shard"] = list(session.shard)
        # READY and the GUILD_CREATEs go to this session only (other sessions are other clients).
        self._send_dispatch(session, "READY", ready)
        all_members = bool(intents & INTENT_GUILD_PRESENCES)
        for g in guilds:
            self._send_dispatch(session, "GUILD_CREATE", P.guild_create(g, world, all_members=all_members))
        session.ready_at = asyncio.get_running_loop().time()
        self.s.notify()

    async def _reset_token(self) -> None:
        """The daily session start limit is spent: Discord terminates every session of the app
        and resets its token (the old one then fails: REST 401, gateway 4004)."""
        world = self.s.world
        world.token = world._make_token(world.bot.id)
        for session in self.sessions.values():
            session.valid = False

        async def close(c: Connection) -> None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(c.ws.close(code=4004, message=b"Authentication failed."), 2.0)

        await asyncio.gather(*(close(c) for c in list(self.connections)))  # all at once, like Discord
        self.s.notify()

    async def _resume(self, conn: Connection, d: dict[str, Any]) -> None:
        record = {k: v for k, v in d.items() if k != "token"} | {"ok": False, "replayed": [], "path": conn.path}
        self.resumes.append(record)
        if not self._token_ok(d.get("token")):
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        session = self.sessions.get(str(d.get("session_id")))
        seq = d.get("seq")
        oldest = session.buffer[0]["s"] if session and session.buffer else 1
        if session is None or not session.valid or not isinstance(seq, int) or seq + 1 < oldest:
            conn.send({"op": 9, "d": False, "s": None, "t": None})
            return
        old = session.conn
        if old is not None and old is not conn:
            old.session = None
            old.abort()
        session.conn, conn.session = conn, session
        session.resumes += 1
        for payload in list(session.buffer):
            if payload["s"] > seq:
                conn.send(payload)
                record["replayed"].append(payload["t"])
        record["ok"] = True
        self._send_dispatch(session, "RESUMED", {"_trace": ['["gateway-standin",{"micros":1}]']})
        self.s.notify()

    def _request_members(self, session: Session, d: dict[str, Any]) -> None:
        ids = d.get("guild_id")
        world = self.s.world
        query = str(d.get("query") or "").lower()
        limit = int(d.get("limit") or 0)
        user_ids = {int(u) for u in (d.get("user_ids") or [])} if d.get("user_ids") is not None else None
        for gid in ids if isinstance(ids, list) else [ids]:
            guild = world.guilds.get(int(gid))
            if guild is None:
                continue
            members = [
                m
                for m in guild.members.values()
                if (user_ids is None or m.id in user_ids) and m.user.username.lower().startswith(query)
            ]
            if limit:
                members = members[:limit]
            chunk: dict[str, Any] = {
                "guild_id": str(guild.id),
                "members": [P.member(m) for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
            }
            if user_ids is not None:
                chunk["not_found"] = [str(u) for u in user_ids - {m.id for m in members}]
            if d.get("nonce") is not None:
                chunk["nonce"] = d["nonce"]
            self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _cleanup(self, conn: Connection) -> None:
        self.close_codes.append(conn.close_code)
        session = conn.session
        if session is not None and session.conn is conn:
            session.conn = None
            if conn.close_code in (1000, 1001):
                session.valid = False  # a clean client close ends the session, as on Discord
        conn.queue.put_nowait(None)
        if conn.writer is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(conn.writer, 2.0)
        with contextlib.suppress(ValueError):
            self.connections.remove(conn)
        self.s.notify()
