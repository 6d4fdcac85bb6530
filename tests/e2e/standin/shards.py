"""Sharding as Discord does it: which shard owns an event, the session start limit, identify
concurrency and the recommended shard count. Used by the gateway and GET /gateway/bot.

What this relies on (Discord developer docs, "Gateway"):
* Sharding: ``shard_id = (guild_id >> 22) % num_shards``; "Gateway events that do not contain a
  guild_id will only be sent to the first shard (shard_id: 0). This includes Direct Message (DM)
  [...] events". ``num_shards`` only routes traffic: several sessions may share a shard id.
* Sharding: "Each shard can only support a maximum of 2500 guilds, and apps that are in 2500+
  guilds must enable sharding" (close code 4011, Sharding required; a bad ``shard`` is 4010).
* Max Concurrency: ``rate_limit_key = shard_id % max_concurrency``; up to ``max_concurrency``
  shards (one per key) may start at a time; the session start limit object's
  ``max_concurrency`` is "Number of identify requests allowed per 5 seconds".
* Identifying / Rate Limiting: over that limit "the Gateway will respond with an Invalid Session
  (opcode 9)". And: "Clients are limited to 1000 IDENTIFY calls to the websocket in a 24-hour
  period [...] across all shards, but does not include RESUME calls. Upon hitting this limit,
  all active sessions for the app will be terminated, the bot token will be reset".
* discord.py (discord/client.py ``before_identify_hook``) sleeps 5 s before every IDENTIFY but
  a process's first, so one AutoShardedClient never trips the limit; separate processes
  started together do unless they coordinate.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .model import Clock

IDENTIFY_WINDOW = 5.0  # seconds per rate-limit key
# Measured at the server: a client that waited 5 s between sends (discord.py does) can arrive a
# little early when the first IDENTIFY was delayed more than the second; not a violation.
IDENTIFY_JITTER = 0.1
SESSION_START_PERIOD = 24 * 3600.0


def shard_of(guild_id: int | None, num_shards: int) -> int:
    """The shard Discord sends an event to; events without a guild go to shard 0."""
    if guild_id is None or num_shards <= 1:
        return 0
    return (guild_id >> 22) % num_shards


@dataclass
class Sharding:
    """The knobs (set them in the constructor or on ``standin.gateway.sharding``) and the counters.

    ``enforce_identify_limit`` is off by default so that tests which identify twice in a row
    (restarts, raw clients) keep working; violations are counted either way
    (``identify_violations``). With it on, an IDENTIFY over the limit gets op 9 as on Discord."""

    max_concurrency: int = 1
    total: int = 1000  # session starts per 24 h
    guilds_per_shard: int = 1000  # recommendation only (Discord does not document its formula)
    max_guilds_per_shard: int = 2500  # above this a session is closed with 4011
    recommended_shards: int | None = None  # overrides the guilds_per_shard recommendation
    enforce_identify_limit: bool = False
    identify_window: float = IDENTIFY_WINDOW  # tests may widen it to rule out timing luck
    clock: Clock | None = None
    remaining: int = -1  # -1: ``total`` (set in __post_init__)
    reset_at: float | None = None
    identify_violations: int = 0
    token_resets: int = 0
    identifies_by_key: Counter[int] = field(default_factory=Counter)
    _last_identify: dict[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.remaining < 0:
            self.remaining = self.total

    def _now(self) -> float:
        if self.clock is None:
            self.clock = Clock()
        return self.clock.now()

    # ----------------------------------------------------------------- GET /gateway/bot
    def recommend(self, guild_count: int) -> int:
        if self.recommended_shards is not None:
            return self.recommended_shards
        return max(1, math.ceil(guild_count / max(1, self.guilds_per_shard)))

    def session_start_limit(self) -> dict[str, Any]:
        self._refill()
        left = SESSION_START_PERIOD if self.reset_at is None else max(self.reset_at - self._now(), 0.0)
        return {
            "total": self.total,
            "remaining": self.remaining,
            "reset_after": int(left * 1000),
            "max_concurrency": self.max_concurrency,
        }

    # ----------------------------------------------------------------- IDENTIFY
    def _refill(self) -> None:
        if self.reset_at is not None and self._now() >= self.reset_at:
            self.remaining, self.reset_at = self.total, None

    def start_session(self) -> bool:
        """Count one IDENTIFY against the daily limit; False when none was left (the app's
        sessions are then terminated and its token reset, see Gateway)."""
        self._refill()
        if self.remaining <= 0:
            self.token_resets += 1
            return False
        self.remaining -= 1
        if self.reset_at is None:
            self.reset_at = self._now() + SESSION_START_PERIOD
        return True

    def admit_identify(self, shard_id: int) -> bool:
        """One IDENTIFY per rate-limit key per window (5 s), across every connection of the app.
        Returns False if the IDENTIFY must be answered with Invalid Session."""
        key = shard_id % max(1, self.max_concurrency)
        now = self._now()
        last = self._last_identify.get(key)
        if last is not None and now - last < self.identify_window - IDENTIFY_JITTER:
            self.identify_violations += 1
            if self.enforce_identify_limit:
                return False
        self._last_identify[key] = now
        self.identifies_by_key[key] += 1
        return True
