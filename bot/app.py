"""The Bot: gets its settings in the constructor; setup_hook migrates, loads the extensions,
registers persistent items and syncs commands only when they changed."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import time

import aiohttp
import discord
from discord.ext import commands

from bot.cogs import shards as resuming_shards
from bot.cogs.budget import RequestBudget
from bot.cogs.delivery.deliver import Deliverer
from bot.cogs.delivery.membership import MembershipChecks
from bot.cogs.delivery.views import on_get_click
from bot.cogs.errors import HandoutTree
from bot.cogs.privacy.rights import RetentionJob
from bot.cogs.thanks.worker import ThanksWorker
from bot.config import Settings
from bot.core.cluster import Cluster
from bot.core.deliveries import DeliveryService
from bot.core.dm_channels import DmChannels
from bot.core.guild_settings import GuildSettingsService
from bot.core.inbox_flow import InboxFlow
from bot.core.locales import LocaleService
from bot.core.member_data import MemberDataService
from bot.core.membership import MembershipService
from bot.core.prompt_redraws import PromptRedraws
from bot.core.reply_all import ReplyAllService
from bot.core.resources import ResourceService
from bot.core.retention import RetentionService
from bot.core.stats import PrivacyService, StatsService
from bot.core.thanks import ThanksService
from bot.db import queues, state
from bot.db.backends import file_store, open_database
from bot.db.migrate import migrate
from bot.i18n.translator import CatalogueTranslator
from bot.ops import memory
from bot.ops.metrics import Metrics, MetricsServer

log = logging.getLogger(__name__)

# Connections to Discord's HTTP API: interaction responses are exempt from the rate limit and go
# out as fast as clicks arrive; 100 at a time keeps a burst fast without a handshake per click.
HTTP_CONNECTIONS = 100
# How often every process looks for work a stopped process left (its leases expire after
# bot.db.cluster.DEAD_AFTER_SECONDS): well within two minutes, the promise to members.
RECOVERY_SWEEP_SECONDS = 5.0

EXTENSIONS = (
    "bot.cogs.resources",
    "bot.cogs.delivery",
    "bot.cogs.thanks",
    "bot.cogs.privacy",
    "bot.cogs.settings",
)


def build_intents() -> discord.Intents:
    # No privileged intents: DMs arrive with their content without message_content, and guild
    # members come with each interaction.
    intents = discord.Intents.none()
    intents.guilds = True
    intents.dm_messages = True
    return intents


# Discord allows one IDENTIFY per rate-limit key (shard_id % max_concurrency) every 5 seconds,
# across every process of the bot; a little more, for the clock of the database and Discord's.
IDENTIFY_SPACING_MS = 5500


class HandoutBot(commands.AutoShardedBot):
    def __init__(self, settings: Settings) -> None:
        # Always counted (a few counters in memory); served only when HANDOUT_METRICS_PORT is set.
        self.metrics = Metrics()
        self.budget = RequestBudget()
        resuming_shards.install()
        shards: dict = {}
        if settings.shard_count is not None:
            # One process of a cluster (or all shards of a set count); unset, discord.py asks Discord
            # (GET /gateway/bot) for its recommended number and this process holds them all.
            shards = {"shard_count": settings.shard_count, "shard_ids": list(settings.shard_ids or ()) or None}
        super().__init__(
            **shards,
            # Paced at the wire too (see bot/cogs/budget.py), beside the metrics' view of each request.
            http_trace=self.budget.trace(self.metrics.http_trace()),
            command_prefix=commands.when_mentioned,
            intents=build_intents(),
            help_command=None,
            tree_cls=HandoutTree,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.settings = settings
        # SQLite under HANDOUT_DATA_DIR, or PostgreSQL (pool opened in prepare, closed in close).
        self.db = open_database(settings)
        self.files = file_store(settings, self.db)
        self.cluster = Cluster(self.db, on_live_count=self.budget.share)
        self.resources = ResourceService(self.db, self.files)
        self.deliveries = DeliveryService(
            self.db, on_outcome=self.metrics.delivery_finished, process_id=self.cluster.process_id
        )
        self.guild_settings = GuildSettingsService(self.db)
        self.locales = LocaleService(self.db)
        self.membership = MembershipService(self.db)
        self.member_checks = MembershipChecks(self)
        self.thanks = ThanksService(
            self.db, on_message=self.metrics.message_received, process_id=self.cluster.process_id
        )
        self.inbox_flow = InboxFlow(self.db, process_id=self.cluster.process_id)
        self.reply_all = ReplyAllService(self.db, process_id=self.cluster.process_id)
        self.prompt_redraws = PromptRedraws(self.db, process_id=self.cluster.process_id)
        self.dm_channels = DmChannels(self.db)
        self.stats = StatsService(self.db)
        self.privacy = PrivacyService(self.db)
        self.member_data = MemberDataService(self.db)
        self.retention = RetentionService(self.db)
        self.retention_job = RetentionJob(self)
        self.deliverer = Deliverer(self)
        self.thanks_worker = ThanksWorker(self)
        self.metrics.rate_budget_waiting.set_function(lambda: self.budget.in_line)
        self.metrics_server: MetricsServer | None = None
        if settings.metrics_port is not None:
            self.metrics_server = MetricsServer(
                self.metrics,
                host=settings.metrics_host,
                port=settings.metrics_port,
                health=self.health_problem,
                refresh=self._refresh_metrics,
            )
        self._prepared = False
        self._recovery: asyncio.Task[None] | None = None
        self._max_concurrency: int | None = None

    async def prepare(self) -> None:
        """Open the database, migrate it and tidy the file store: before Discord is contacted, so a
        database problem is reported without a network round trip. Idempotent."""
        if self._prepared:
            return
        await self.db.connect()
        try:
            await migrate(self.db)
            await self.resources.sweep_files()
            # Never the password: ``where`` is user@host:port/db for PostgreSQL, the path for SQLite.
            log.info("Database: %s %s", self.db.backend, self.db.where)
        except BaseException:
            # aiosqlite's thread is not a daemon: left open, it would keep the process alive.
            await self.db.close()
            raise
        self._prepared = True

    async def login(self, token: str) -> None:
        # discord.py's default pool has no limit: a burst of clicks opens a connection per
        # acknowledgement (a TLS handshake each, against Discord). A bounded pool reuses them;
        # against the test bed, 2,000 clicks took 4-7% less CPU and acknowledged a little sooner.
        self.http.connector = aiohttp.TCPConnector(limit=HTTP_CONNECTIONS)
        await super().login(token)

    async def setup_hook(self) -> None:
        await self.prepare()
        # Alive (holding its leases, sharing the request budget) before any work arrives.
        await self.cluster.join()
        if self.settings.in_cluster and self.cluster.live > 1:
            # Joining processes already at work: they halve their pace at their next heartbeat.
            # Sending before then would add this process's share to their whole budget.
            await self.cluster.introduced()
        if self.metrics_server is not None:
            # Before the gateway connects: /healthz answers 503 ("not connected") from the start.
            await self.metrics_server.start()
        await self.tree.set_translator(CatalogueTranslator())
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.settings.holds_shard_0:
            # One process of a cluster syncs (the one holding shard 0); the others would only
            # spend Discord's sync rate limit on the same commands.
            await self.sync_commands_if_changed()
        # Message text past its guild's retention goes now, then hourly (nothing else needed).
        self.retention_job.start()
        self._recovery = asyncio.create_task(self._recover_when_ready(), name="handout-recovery")
        # Everything built so far (services, extensions) lives as long as the process: out of the
        # garbage collector's walks, which a burst of clicks waited for (bot/ops/memory.py). Here,
        # not at READY: discord.py hands out interactions before its READY settles, and those must
        # stay collectable.
        memory.settle_start_up_objects()

    async def _recover_when_ready(self) -> None:
        # Pending deliveries need the gateway (guild cache, DMs): wait for the first READY. Then
        # sweep for good: a delivery whose process stopped (this one's earlier run, or another
        # process of the cluster) is finished by whoever claims it first.
        await self.wait_until_ready()
        while not self.is_closed():
            try:
                await self.deliverer.recover()
            except Exception:
                log.exception("Recovering pending deliveries failed")
            await asyncio.sleep(RECOVERY_SWEEP_SECONDS)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Take this shard's IDENTIFY slot from the database, shared by every process of the bot:
        Discord allows one IDENTIFY per rate-limit key every 5 seconds, and more gets the session
        invalidated. (discord.py's default only sleeps 5 s between its own shards.)"""
        if self._max_concurrency is None:
            try:
                self._max_concurrency = max(1, (await self.fetch_session_start_limits()).max_concurrency)
            except Exception:  # Discord's gateway info unavailable: the safe assumption
                log.warning("Could not read max_concurrency from Discord; assuming 1", exc_info=True)
                self._max_concurrency = 1
        rate_key = (shard_id or 0) % self._max_concurrency
        while not await self.cluster.take_identify_slot(rate_key, IDENTIFY_SPACING_MS):  # noqa: ASYNC110
            # Polled (the slot is in another process's hands), with jitter for processes waiting together.
            await asyncio.sleep(0.25 + random.random() / 4)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        # Interactions carry the member's locale; remember it for DMs, which do not.
        await self.locales.remember(interaction.user.id, interaction.locale.value)
        # An interaction in a server proves its author a member there, for free: DMs rely on it.
        if interaction.guild_id is not None:
            self.membership.seen(interaction.guild_id, interaction.user.id)
        if interaction.type is discord.InteractionType.modal_submit:
            # Handout's forms (bot/cogs/thanks). Their own "interaction" listeners cost a task
            # each on every click too (discord.py schedules one per listener per event): in a
            # burst, two tasks per click that only looked at the type and returned.
            self.dispatch("form_submit", interaction)
        else:
            # "Get it" (handout:get:<id>), the one component clicked by the thousand: handled here,
            # in this listener's task, rather than by discord.py's view store (see GetButton).
            await on_get_click(interaction)

    # -- the bot's servers on every shard --

    async def all_guilds(self) -> dict[int, str]:
        """id -> name of every server the bot is in, on every shard: this process's own from
        discord.py's cache and, in a cluster, the other processes' from the database (the process
        holding shard 0 answers every DM, about servers on any shard)."""
        names = {guild.id: guild.name for guild in self.guilds}
        if self.settings.in_cluster:
            names = {**await self.cluster.guilds(), **names}
        return names

    async def on_guild_available(self, guild: discord.Guild) -> None:
        if self.settings.in_cluster:
            await self.cluster.guild_seen(guild.id, guild.name, guild.shard_id)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.on_guild_available(guild)

    async def on_guild_update(self, _before: discord.Guild, after: discord.Guild) -> None:
        await self.on_guild_available(after)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        if self.settings.in_cluster:
            await self.cluster.guild_left(guild.id)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: member DMs are handled by the delivery and thanks extensions.
        return

    async def sync_commands_if_changed(self) -> None:
        """Sync the command tree only when it differs from the last sync: Discord rate-limits
        syncs (about 200 a day per guild), and a restart should not spend one."""
        guild = discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        translator = self.tree.translator
        payload = [
            await command.get_translated_payload(self.tree, translator) if translator else command.to_dict(self.tree)
            for command in self.tree.get_commands(guild=guild)
        ]
        target = f"guild:{guild.id}" if guild else "global"
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
        key = f"command_sync:{self.application_id}:{target}"
        if await state.get(self.db, key) == digest:
            log.info("Commands unchanged since the last sync (%s); not syncing", target)
            return
        synced = await self.tree.sync(guild=guild)
        await state.put(self.db, key, digest)
        log.info("Synced %d commands (%s)", len(synced), target)

    # -- health and metrics --

    def gateway_latencies(self) -> list[tuple[int, float]]:
        return list(self.latencies)

    def gateway_problem(self) -> str | None:
        if self.is_closed():
            return "shutting down"
        if not self.is_ready():
            return "gateway not connected yet"
        closed = sorted(shard_id for shard_id, shard in self.shards.items() if shard.is_closed())
        if closed:
            return f"gateway disconnected (shard {', '.join(map(str, closed))})"
        return None

    async def health_problem(self) -> str | None:
        """None when healthy: connected to the gateway and the database answers; else why not."""
        if problem := self.gateway_problem():
            return problem
        try:
            await self.db.fetchval("SELECT 1")
        except Exception as exc:
            return f"database does not answer ({type(exc).__name__})"
        return None

    async def _refresh_metrics(self) -> None:
        self.metrics.set_queues(await queues.waiting(self.db), now=time.time())
        self.metrics.set_gateway_latencies(self.gateway_latencies())

    async def close(self) -> None:
        log.info("Shutting down: closing the gateway, then the database")
        await self.thanks_worker.stop()
        await self.retention_job.stop()
        # Stop recovery before the HTTP session closes under it: a delivery it cannot finish now
        # must stay pending for the next start, not be logged as failed ("Session is closed").
        if self._recovery is not None and not self._recovery.done():
            self._recovery.cancel()
            await asyncio.gather(self._recovery, return_exceptions=True)
        await super().close()
        if self._prepared:
            # Leases still held are claimable at once by the other processes (or the next start).
            await self.cluster.leave()
        if self.metrics_server is not None:
            await self.metrics_server.stop()
        if self._prepared:
            await self.locales.flush()
            await self.membership.flush()
        await self.db.close()
