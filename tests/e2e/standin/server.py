"""DiscordStandIn: the aiohttp server (gateway + REST + CDN) around a World, plus waiting."""

# The public API takes explicit ``timeout=`` seconds on purpose (tests read better).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from . import payloads as P
from . import routes_app, routes_channels, routes_interactions  # noqa: F401  (registers routes)
from .cdn import Cdn
from .driver import Driver
from .faults import Faults
from .gateway import Gateway, Session
from .interactions import InteractionRecord
from .model import INTENT_GUILD_MEMBERS, INTENT_GUILDS, Attachment
from .rest import API_PREFIX, MAX_BODY, RequestRecord, Rest
from .routes_app import SyncRecord
from .shards import Sharding
from .world import World

T = TypeVar("T")
ENV_VAR = "HANDOUT_TEST_STANDIN"


class DiscordStandIn(Driver):
    """A local Discord: ``async with DiscordStandIn() as s:`` then point discord.py at ``s.base_url``."""

    def __init__(
        self,
        world: World | None = None,
        *,
        heartbeat_interval: float = 5.0,
        interaction_timeout: float = 3.0,
        interaction_token_ttl: float = 15 * 60.0,
        cdn_ttl: float = 24 * 3600.0,
        token: str | None = None,
        bot_name: str = "Handout",
        sharding: Sharding | None = None,
    ) -> None:
        self.world = world or World(bot_name=bot_name, token=token)
        self.app_owner = self.world.add_user(f"{bot_name.lower()}_developer")
        self.cdn = Cdn(self.world.clock, ttl=cdn_ttl)
        self.faults = Faults()
        self.rest = Rest(self)
        self.gateway = Gateway(self, heartbeat_interval=heartbeat_interval, sharding=sharding)
        self.interaction_timeout = interaction_timeout
        self.interaction_token_ttl = interaction_token_ttl
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        self.command_syncs: list[SyncRecord] = []
        self.claimed_sessions: set[str] = set()  # sessions BotProcess.wait_ready already counted
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._waiters: list[asyncio.Future[None]] = []
        self.world.listeners.append(self._on_world)

    # ----------------------------------------------------------------- addresses
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return self.base_url + API_PREFIX

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def token(self) -> str:
        return self.world.token

    def env(self) -> dict[str, str]:
        """Environment for tests/e2e/launch_bot.py."""
        return {ENV_VAR: self.base_url, "DISCORD_TOKEN": self.world.token}

    # ----------------------------------------------------------------- records
    @property
    def requests(self) -> list[RequestRecord]:
        return self.rest.requests

    @property
    def unknown_routes(self) -> list[tuple[str, str]]:
        return self.rest.unknown_routes

    @property
    def stats(self) -> Any:
        return self.rest.stats

    @property
    def sync_count(self) -> int:
        """How many bulk command overwrites (PUT) the bot made, any scope."""
        return len(self.command_syncs)

    def requests_to(self, method: str | None = None, route: str | None = None) -> list[RequestRecord]:
        """Recorded requests by method and route template, e.g. ("POST", "/channels/{channel_id}/messages")."""
        return [
            r
            for r in self.rest.requests
            if (method is None or r.method == method) and (route is None or (r.route or "").endswith(" " + route))
        ]

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> DiscordStandIn:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/gw-resume", self.gateway.handle)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self.rest.handle)
        app.router.add_get("/{kind:(media/)?(ephemeral-)?attachments}/{scope}/{att}/{name}", self.cdn.handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        # Discord's edge takes any number of new connections; aiohttp's default backlog (128) made a
        # 5,000-click burst a test of SYN retries (1 s, 3 s) instead of the bot.
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.cdn.base_url = self.base_url
        return self

    async def stop(self) -> None:
        if self._runner is None:
            return
        await self.gateway.close_all()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._runner.cleanup(), 5.0)
        self._runner = None
        self.notify()

    async def __aenter__(self) -> DiscordStandIn:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ----------------------------------------------------------------- waiting
    def notify(self) -> None:
        """Something changed: re-check every pending wait."""
        waiters, self._waiters = self._waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    async def wait_until(self, predicate: Callable[[], T], timeout: float = 5.0, what: str | None = None) -> T:
        """Wait (event-driven, no polling) until ``predicate()`` is truthy; return its value."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what or predicate}. {self.describe()}")
            fut: asyncio.Future[None] = loop.create_future()
            self._waiters.append(fut)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(fut, min(remaining, 1.0))

    def describe(self, last: int = 12) -> str:
        reqs = ", ".join(repr(r) for r in self.rest.requests[-last:])
        live = len(self.gateway.live_sessions)
        return f"[stand-in: {live} live gateway session(s); last requests: {reqs or 'none'}]"

    async def wait_ready(self, timeout: float = 20.0, *, since: float | None = None) -> Session:
        """Until a bot has IDENTIFYed (after ``since``, loop time) and got READY + its GUILD_CREATEs."""

        def ready() -> Session | None:
            for sess in self.gateway.live_sessions:
                if since is None or (sess.ready_at or 0) >= since:
                    return sess
            return None

        return await self.wait_until(ready, timeout, "the bot to identify and receive READY + GUILD_CREATE")

    async def wait_for_request(
        self, predicate: Callable[[RequestRecord], bool], timeout: float = 5.0, *, start: int = 0
    ) -> RequestRecord:
        def found() -> RequestRecord | None:
            return next((r for r in self.rest.requests[start:] if r.status is not None and predicate(r)), None)

        return await self.wait_until(found, timeout, "a matching REST request")

    async def wait_commands(self, *names: str, guild: Any = None, timeout: float = 10.0) -> None:
        """Until commands with these names are registered (globally, or in ``guild``)."""
        gid = getattr(guild, "id", guild)

        def have() -> bool:
            registered = {c.name for c in self.world.commands.values() if c.guild_id == gid}
            return set(names) <= registered

        await self.wait_until(have, timeout, f"commands {names} to be registered")

    # ----------------------------------------------------------------- faults & time
    def drop_gateway(self) -> int:
        return self.gateway.drop()

    def send_reconnect(self) -> int:
        return self.gateway.send_reconnect()

    def gateway_outage(self, down: bool = True) -> None:
        """Discord's gateway unreachable (True) or back (False); see ``Gateway.outage``."""
        self.gateway.outage(down)

    def invalidate_session(self, *, resumable: bool = False) -> int:
        return self.gateway.invalidate(resumable=resumable)

    def expire_attachment(self, attachment: Attachment | int) -> None:
        self.cdn.expire(attachment if isinstance(attachment, int) else attachment.id)

    def advance_clock(self, seconds: float) -> None:
        """Move Discord's clock: expires CDN URLs, interaction tokens (15 min) and callbacks (3 s)."""
        self.world.clock.advance(seconds)

    # ----------------------------------------------------------------- world -> gateway
    def _on_world(self, kind: str, **kw: Any) -> None:
        g = self.gateway
        world = self.world
        guild = kw.get("guild") or (world.guild_of(kw["channel"]) if "channel" in kw else None)
        if guild is None or world.bot.id not in guild.members:
            return
        gid = guild.id
        if kind == "guild_create":
            for sess in list(g.sessions.values()):
                if sess.valid and sess.ready_at is not None and sess.owns_guild(gid):
                    all_members = bool(sess.intents & (1 << 8))
                    g._send_dispatch(sess, "GUILD_CREATE", P.guild_create(guild, world, all_members=all_members))
        elif kind in ("member_add", "member_update"):
            data = {**P.member(kw["member"]), "guild_id": str(gid)}
            event = "GUILD_MEMBER_ADD" if kind == "member_add" else "GUILD_MEMBER_UPDATE"
            g.dispatch(event, data, intent=INTENT_GUILD_MEMBERS, guild_id=gid)
        elif kind == "member_remove":
            data = {"guild_id": str(gid), "user": P.user(kw["member"].user)}
            g.dispatch("GUILD_MEMBER_REMOVE", data, intent=INTENT_GUILD_MEMBERS, guild_id=gid)
        elif kind in ("channel_create", "channel_update", "channel_delete"):
            g.dispatch(kind.upper(), P.channel(kw["channel"], world), intent=INTENT_GUILDS, guild_id=gid)
        elif kind in ("role_create", "role_update"):
            data = {"guild_id": str(gid), "role": P.role(kw["role"])}
            g.dispatch(f"GUILD_{kind.upper()}", data, intent=INTENT_GUILDS, guild_id=gid)
        elif kind == "guild_update":
            g.dispatch("GUILD_UPDATE", P.guild(guild, world), intent=INTENT_GUILDS, guild_id=gid)
        self.notify()
