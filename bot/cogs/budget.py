"""Pace Handout's own REST requests below Discord's global limit.

Discord allows a bot 50 requests a second in all (interaction responses and followups are exempt),
and discord.py only slows down after it was answered 429. Every 429 counts towards Discord's ban at
10,000 invalid requests in 10 minutes, and a burst of 1,000 clicks means 2,000 requests (open the
DM channel, send). So Handout takes a token before each of its own requests instead.
"""

from __future__ import annotations

import asyncio
import time

# A little under 50/s, leaving room for discord.py's own occasional requests.
DEFAULT_RATE = 45.0
DEFAULT_BURST = 2.0


class RequestBudget:
    def __init__(self, rate: float = DEFAULT_RATE, burst: float = DEFAULT_BURST) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._stamp = time.monotonic()
        # One waiter at a time, so requests go out in the order they asked (no starvation).
        self._lock = asyncio.Lock()

    async def take(self, requests: int = 1) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
                if self._tokens >= requests:
                    self._tokens -= requests
                    return
                await asyncio.sleep((requests - self._tokens) / self.rate)
