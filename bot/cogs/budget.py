"""Pace Handout's own REST requests below Discord's global limit.

Discord allows a bot 50 requests a second in all (interaction responses and followups are exempt),
and discord.py only slows down after it was answered 429. Every 429 counts towards Discord's ban at
10,000 invalid requests in 10 minutes, and a burst of 1,000 clicks means 2,000 requests (open the
DM channel, send). So each of Handout's own requests goes through ``budget.slot()`` and takes a
token from a bucket refilled a little below the limit.

Tokens are taken before discord.py has the request, and discord.py may hold it a while: the first
request to a new rate-limit bucket goes alone while the others wait for its answer, and after a 429
every request waits out ``retry_after``. Held requests then left together, more than the pace in
one second: global 429s, which in a cluster fed each other second after second (4-19 in a
1,000-click burst; bench/README.md). So requests are paced a second time where they leave
(``on_wire``, an aiohttp trace hook that runs after discord.py's own waits, as the request's
connection is ready) by a bucket of the same rate and burst, and the budget hands out no token
while requests wait there: a bunch is spread out at the pace instead of added to it. There, too,
a process sends at most its share of the pace plus one burst in any second: two processes' bursts
(2 each) beside the 45 a second left 1 request of margin under 50. While requests leave as they
were paced, nothing waits there, nothing changes.

A cap on requests in flight was tried as well (against bunching on a stalled event loop): at 10 it
cost a fifth of the acknowledgement throughput. The 5,000-click "stalls" it was blamed for were
two other things: every DM opening queued ahead of every send (fixed by ``slot(cost=2)``), and the
test bed's listen backlog.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp

# A little under 50/s, leaving room for discord.py's own occasional requests.
DEFAULT_RATE = 45.0
DEFAULT_BURST = 2.0
# Spare requests (looking up whether someone is a member, for a DM from someone never seen in a
# server) go only when no member's request waits, and at most this many a second.
SPARE_RATE = 5.0
# What Discord's global limit counts: the REST API, except interaction responses and followups
# (webhooks). The gateway's websocket and the CDN are not the API.
_API = re.compile(r"^/api/v\d+/")
_EXEMPT = re.compile(r"^/api/v\d+/(interactions|webhooks)/")
WIRE_WINDOW = 1.0  # seconds: Discord counts its global limit per second


class TokenBucket:
    """Tokens refilled at ``rate`` a second, up to ``burst``: the budget's bucket and the wire's."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self._stamp = time.monotonic()

    def take(self, cost: float = 1, now: float | None = None) -> bool:
        """Refill for the time since the last look, then take ``cost`` tokens if there are as many."""
        now = time.monotonic() if now is None else now
        self.tokens = min(self.burst, self.tokens + (now - self._stamp) * self.rate)
        self._stamp = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False

    def wait_for(self, cost: float = 1) -> float:
        """How long until ``cost`` tokens are there, as of the last look (0: they are)."""
        return max(cost - self.tokens, 0.0) / self.rate

    def set_rate(self, rate: float) -> None:
        self.take(0)  # bank what was earned at the old rate first
        self.rate = rate


class RequestBudget:
    def __init__(self, rate: float = DEFAULT_RATE, burst: float = DEFAULT_BURST) -> None:
        self._token_rate = rate  # for the whole bot token, shared by every live process
        self.burst = burst
        self._bucket = TokenBucket(rate, burst)
        # One waiter at a time, so requests go out in the order they asked (no starvation).
        self._lock = asyncio.Lock()
        self._urgent_waiting = 0
        self.in_line = 0  # requests of every lane waiting for tokens now (read by the metrics)
        # Everyone in the main line, counted from before the lock: the lock alone reads as free
        # for a moment each time it passes from one waiter to the next.
        self._waiting = 0
        self._spare_lock = asyncio.Lock()
        self._spare_stamp = 0.0
        # The bucket at the wire (the same rate and burst), and when the last second's requests left.
        self._wire = TokenBucket(rate, burst)
        self._sent: deque[float] = deque()
        self.wire_cap = self._cap(1)
        self._wire_lock = asyncio.Lock()
        self.at_wire = 0  # requests waiting at the wire now: no token is handed out meanwhile
        self._wire_idle = asyncio.Event()
        self._wire_idle.set()
        self.held_at_wire = 0  # requests the wire ever held (a bunch spread out)

    def share(self, processes: int) -> None:
        """Discord's global limit counts per bot token: ``processes`` live processes sharing it each
        refill at their share, so together they stay under it. Re-read every heartbeat."""
        for bucket in (self._bucket, self._wire):
            bucket.set_rate(self._token_rate / max(1, processes))
        self.wire_cap = self._cap(processes)

    @property
    def rate(self) -> float:
        """This process's pace: its share of the bot token's."""
        return self._bucket.rate

    def _cap(self, processes: int) -> int:
        """Requests this process may send in any one second: its share of the pace and one burst
        (one process: what its bucket allows anyway; two: 23 each, not 24.5)."""
        return max(1, math.floor((self._token_rate + self.burst) / max(1, processes)))

    async def on_wire(self, path: str) -> None:
        """Called as each HTTP request of discord.py leaves (its retries too): waits for a token
        of the wire's bucket and for room in the last second's ``wire_cap``. Only what the
        global limit counts."""
        if not _API.match(path) or _EXEMPT.match(path):
            return
        self.at_wire += 1
        self._wire_idle.clear()
        try:
            async with self._wire_lock:  # in the order they came
                if (wait := self._wire_wait()) > 0:
                    self.held_at_wire += 1
                    while wait > 0:
                        await asyncio.sleep(wait)
                        wait = self._wire_wait()
        finally:
            self.at_wire -= 1
            if not self.at_wire:
                self._wire_idle.set()

    def _wire_wait(self) -> float:
        """0 after taking a place for one request at the wire, else how long to wait for one."""
        now = time.monotonic()
        while self._sent and self._sent[0] <= now - WIRE_WINDOW:
            self._sent.popleft()
        if len(self._sent) >= self.wire_cap:
            return self._sent[0] + WIRE_WINDOW - now
        if not self._wire.take(1, now):
            return self._wire.wait_for(1)
        self._sent.append(now)
        return 0.0

    def trace(self, config: aiohttp.TraceConfig) -> aiohttp.TraceConfig:
        """Add ``on_wire`` to ``config``, the trace discord.py's HTTP session runs every request
        through (``http_trace``), at the last moment aiohttp awaits before the request's bytes
        leave: once its connection is ready, new or reused. Paced as the request started instead,
        a request that then waited for a new connection (on a busy loop, a while) left together
        with later ones: 26-30 a second per process as sent, past a share of 23, global 429s."""

        async def on_request_start(session, context, params: aiohttp.TraceRequestStartParams) -> None:
            context.handout_path = params.url.path

        async def on_connection_ready(session, context, params: object) -> None:
            # Nothing awaits between here and the request's first write (aiohttp's client.py).
            if (path := getattr(context, "handout_path", None)) is not None:
                await self.on_wire(path)

        config.on_request_start.append(on_request_start)
        config.on_connection_create_end.append(on_connection_ready)
        config.on_connection_reuseconn.append(on_connection_ready)
        return config

    @asynccontextmanager
    async def slot(self, cost: int = 1, *, urgent: bool = False, spare: bool = False) -> AsyncIterator[None]:
        """Around ``cost`` requests that belong together: wait for that many tokens, then make them.

        Taking them together matters in a burst: with one token per request, 5,000 deliveries each
        queued their second request (the send) behind everyone's first (opening the DM), so the
        first file went out only after every DM channel had been opened, minutes later.

        ``urgent`` requests go ahead of everyone waiting in line: what a creator is waiting for
        (their prompts, their relayed reply). Behind 5,000 members' acknowledgements, the first
        prompt of a burst of thanks waited almost two minutes. They are few (a creator's channel
        takes about one message a second), so the line still moves.

        ``spare`` requests use only what nobody else is waiting for, at most ``SPARE_RATE`` a
        second: lookups that strangers can cause must never delay a member's delivery.
        """
        if not 1 <= cost <= self.burst:
            raise ValueError(f"cost must be between 1 and the burst size ({self.burst:g})")
        self.in_line += 1
        try:
            if spare:
                async with self._spare_lock:
                    while not self._take_spare(cost):  # noqa: ASYNC110 - waiting for an idle moment
                        await asyncio.sleep(max(1 / SPARE_RATE - (time.monotonic() - self._spare_stamp), 1 / self.rate))
            elif urgent:
                self._urgent_waiting += 1
                try:
                    while not await self._take_after_wire(cost):  # noqa: ASYNC110 - the bucket refills over time
                        await asyncio.sleep(self._wait_for(cost))
                finally:
                    self._urgent_waiting -= 1
            else:
                self._waiting += 1
                try:
                    async with self._lock:
                        while not await self._take_after_wire(cost, behind_urgent=True):  # noqa: ASYNC110 - as above
                            await asyncio.sleep(self._wait_for(cost))
                finally:
                    self._waiting -= 1
        finally:
            self.in_line -= 1
        yield

    async def _take_after_wire(self, cost: int, *, behind_urgent: bool = False) -> bool:
        # Woken as soon as the wire is clear: polling at the pace would lose a little of it.
        await self._wire_idle.wait()
        return not (behind_urgent and self._urgent_waiting) and self._take(cost)

    def _take(self, cost: int) -> bool:
        return self._bucket.take(cost)

    def _take_spare(self, cost: int) -> bool:
        busy = self._waiting or self._urgent_waiting or self.at_wire
        if busy or time.monotonic() - self._spare_stamp < 1 / SPARE_RATE:
            return False
        if not self._take(cost):
            return False
        self._spare_stamp = time.monotonic()
        return True

    def _wait_for(self, cost: int) -> float:
        return self._bucket.wait_for(cost) or 1 / self.rate
