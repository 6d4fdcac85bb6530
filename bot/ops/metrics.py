"""Prometheus metrics and a health check, served on an opt-in port (HANDOUT_METRICS_PORT).

The metric names are a public interface: dashboards and alerts rely on them. Nothing in a label
identifies a member: labels are ways of asking and delivering, outcomes, Discord's status and
error codes, queue names, shard numbers and classifier labels.

Each process serves its own metrics (in a cluster, Prometheus scrapes every process). The
registry is this object's own, not prometheus_client's global one, so a test can build two.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterable

import aiohttp
from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    generate_latest,
)

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1420070400000
# POST /api/v10/interactions/{interaction_id}/{token}/callback: the acknowledgement of a click.
_CALLBACK_PATH = re.compile(r"/interactions/(\d+)/[^/]+/callback$")
QUEUES = ("deliveries", "prompts", "digests", "redraws")
HEALTH_TIMEOUT_SECONDS = 2.0

QueueStats = dict[str, tuple[int, int | None]]  # queue -> (depth, when the oldest was queued, Unix seconds)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.deliveries = Counter(
            "handout_deliveries",
            "Deliveries finished, by how they were asked for, how they went out and the outcome.",
            ["requested_via", "delivered_via", "outcome"],
            registry=r,
        )
        self.ack_seconds = Histogram(
            "handout_interaction_ack_seconds",
            "From a member's click or command (the interaction's creation) to Handout's acknowledgement.",
            buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0),
            registry=r,
        )
        self.discord_errors = Counter(
            "handout_discord_errors",
            "Error answers from Discord's API (429s included), by HTTP status and Discord error code.",
            ["status", "code"],
            registry=r,
        )
        self.rate_budget_waiting = Gauge(
            "handout_rate_budget_waiting", "Requests waiting for a token of the request budget.", registry=r
        )
        self.queue_depth = Gauge("handout_queue_depth", "Work waiting to be done.", ["queue"], registry=r)
        self.queue_oldest = Gauge(
            "handout_queue_oldest_seconds", "Age of the oldest waiting item (0 when empty).", ["queue"], registry=r
        )
        self.gateway_latency = Gauge(
            "handout_gateway_latency_seconds", "Heartbeat round trip to Discord's gateway.", ["shard"], registry=r
        )
        self.messages = Counter(
            "handout_messages",
            "Members' messages to the bot, by what the classifier made of them.",
            ["label"],
            registry=r,
        )
        # The garbage collector's work (python_gc_collections_total{generation} and the rest, the
        # standard Python metrics) and what start-up froze out of it (bot/ops/memory.py).
        GCCollector(registry=r)
        frozen = Gauge(
            "handout_gc_frozen_objects", "Start-up objects the garbage collector no longer walks.", registry=r
        )
        frozen.set_function(gc.get_freeze_count)

    # -- events --

    def delivery_finished(self, requested_via: str, delivered_via: str | None, outcome: str) -> None:
        self.deliveries.labels(requested_via, delivered_via or "none", outcome).inc()

    def message_received(self, label: str) -> None:
        self.messages.labels(label).inc()

    def http_trace(self) -> aiohttp.TraceConfig:
        """Sees every HTTP request discord.py makes, retries and 429s included (which discord.py
        handles without raising): the one place every Discord error and every acknowledgement
        passes."""
        trace = aiohttp.TraceConfig()

        async def on_request_end(session, context, params: aiohttp.TraceRequestEndParams) -> None:
            response = params.response
            if response.status >= 400:
                code = "0"
                try:
                    body = await response.json(content_type=None)
                    if isinstance(body, dict) and isinstance(body.get("code"), int):
                        code = str(body["code"])
                except (TimeoutError, ValueError, aiohttp.ClientError):
                    pass
                self.discord_errors.labels(str(response.status), code).inc()
            elif params.method == "POST":
                found = _CALLBACK_PATH.search(params.url.path)
                if found:
                    created = ((int(found.group(1)) >> 22) + DISCORD_EPOCH_MS) / 1000
                    self.ack_seconds.observe(max(0.0, time.time() - created))

        trace.on_request_end.append(on_request_end)
        return trace

    # -- refreshed at scrape time --

    def set_queues(self, stats: QueueStats, *, now: float) -> None:
        for queue in QUEUES:
            depth, oldest = stats.get(queue, (0, None))
            self.queue_depth.labels(queue).set(depth)
            self.queue_oldest.labels(queue).set(0.0 if oldest is None else max(0.0, now - oldest))

    def set_gateway_latencies(self, latencies: Iterable[tuple[int, float]]) -> None:
        for shard, latency in latencies:
            # discord.py reports inf before the first heartbeat ACK.
            if latency == latency and latency != float("inf"):
                self.gateway_latency.labels(str(shard)).set(latency)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsServer:
    """``/metrics`` and ``/healthz`` on ``host:port``; ``health`` answers None when healthy, else
    the reason; ``refresh`` updates what is read at scrape time (queues from the database)."""

    def __init__(
        self,
        metrics: Metrics,
        *,
        host: str,
        port: int,
        health: Callable[[], Awaitable[str | None]],
        refresh: Callable[[], Awaitable[None]],
    ) -> None:
        self.metrics = metrics
        self.host = host
        self.port = port
        self._health = health
        self._refresh = refresh
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._serve_metrics)
        app.router.add_get("/healthz", self._serve_health)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        log.info("Serving /metrics and /healthz on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _serve_metrics(self, request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(self._refresh(), HEALTH_TIMEOUT_SECONDS)
        except Exception:  # the rest of the metrics are still worth serving
            log.warning("Could not refresh queue metrics", exc_info=True)
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _serve_health(self, request: web.Request) -> web.Response:
        try:
            problem = await asyncio.wait_for(self._health(), HEALTH_TIMEOUT_SECONDS)
        except TimeoutError:
            problem = "health check timed out"
        if problem is None:
            return web.Response(text="ok\n")
        return web.Response(status=503, text=f"unhealthy: {problem}\n")
