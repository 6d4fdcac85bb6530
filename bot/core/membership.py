"""Which servers a member shares with the bot, known for free where possible.

Handout has no privileged members intent: it gets no member lists and no GUILD_MEMBER_REMOVE. It
used to look a DM's author up in every server (one request each, cached ten minutes, positives too),
so a member removed from a server still got its resources for ten minutes, and ten DMs from
strangers cost 40 servers x 10 lookups, queued in front of real members' deliveries.

Now:

* every interaction in a server proves its author a member there, for free (``seen``); those
  (server, member) pairs are remembered in the database and are where a DM looks first;
* someone never seen anywhere is looked up only in servers that offer something, within a small
  allowance shared by everyone (``plan_discovery``): strangers cost a bounded number of lookups,
  and a member who was never seen is told to use the button in their server once it runs out;
* "not a member" answers are remembered for a few minutes (``absent``), and so is someone Discord
  would not let the bot answer at all (``unreachable``: no shared server), so repeating a DM costs
  nothing;
* the servers a member was seen in are only a hint: before a resource is sent for a DM the Discord
  layer confirms membership in that resource's server with one lookup, and a 404 forgets the pair.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.db import membership as sql
from bot.db.database import Database

# How long a "not a member" answer is trusted: long enough that repeated DMs cost nothing, short
# enough that someone who joins is not turned away for long.
ABSENT_SECONDS = 300.0
# Lookups for people never seen in any server: at most this many at once, then one more every
# DISCOVERY_REFILL_SECONDS. Ten strangers' DMs cost at most this, not a lookup per server each.
DISCOVERY_BURST = 20
DISCOVERY_REFILL_SECONDS = 30.0
# Forget expired "not a member" answers once this many are held (strangers must not grow memory).
_ABSENT_PRUNE_AT = 10_000


@dataclass(frozen=True)
class Discovery:
    """Which servers to look a never-seen person up in now."""

    check: list[int]
    # False when the allowance ran out before every candidate server could be checked.
    complete: bool


class MembershipService:
    # Seen pairs are written in batches, like locales: a burst of clicks costs one database job.
    FLUSH_AFTER_SECONDS = 2.0

    def __init__(self, db: Database, *, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock
        self._guilds: dict[int, set[int]] = {}
        self._loaded: set[int] = set()
        self._dirty: set[tuple[int, int]] = set()
        self._absent: dict[tuple[int, int], float] = {}
        self._unreachable: dict[int, float] = {}
        self._flush: asyncio.TimerHandle | None = None
        self._tokens = float(DISCOVERY_BURST)
        self._stamp = clock()

    # -- what interactions and lookups tell us --

    def seen(self, guild_id: int, member_id: int) -> None:
        """``member_id`` is a member of ``guild_id`` right now (an interaction there, a lookup)."""
        self._absent.pop((guild_id, member_id), None)
        self._unreachable.pop(member_id, None)
        guilds = self._guilds.setdefault(member_id, set())
        if guild_id in guilds:
            return
        guilds.add(guild_id)
        self._dirty.add((guild_id, member_id))
        if self._flush is None:
            loop = asyncio.get_running_loop()
            self._flush = loop.call_later(self.FLUSH_AFTER_SECONDS, lambda: loop.create_task(self.flush()))

    async def not_member(self, guild_id: int, member_id: int) -> None:
        """Discord says ``member_id`` is not in ``guild_id`` (404): forget the pair, remember the no."""
        now = self._clock()
        if len(self._absent) >= _ABSENT_PRUNE_AT:
            self._absent = {key: until for key, until in self._absent.items() if until > now}
        self._absent[(guild_id, member_id)] = now + ABSENT_SECONDS
        self._dirty.discard((guild_id, member_id))
        known = self._guilds.get(member_id)
        if known is not None:
            known.discard(guild_id)
        await sql.delete(self._db, guild_id, member_id)

    def unreachable(self, user_id: int) -> None:
        """Discord refused a reply to ``user_id``'s DM (50007): they share no server with the bot."""
        now = self._clock()
        if len(self._unreachable) >= _ABSENT_PRUNE_AT:
            self._unreachable = {user: until for user, until in self._unreachable.items() if until > now}
        self._unreachable[user_id] = now + ABSENT_SECONDS

    def is_unreachable(self, user_id: int) -> bool:
        until = self._unreachable.get(user_id)
        return until is not None and until > self._clock()

    async def flush(self) -> None:
        """Write the pairs seen since the last flush (also called on shutdown)."""
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        dirty, self._dirty = self._dirty, set()
        if dirty:
            await sql.put_many(self._db, sorted(dirty), int(self._clock()))

    # -- what a DM may rely on --

    def absent(self, guild_id: int, member_id: int) -> bool:
        until = self._absent.get((guild_id, member_id))
        return until is not None and until > self._clock()

    async def known_guilds(self, member_id: int) -> list[int]:
        """The servers ``member_id`` was seen in, minus those Discord recently said they left."""
        if member_id not in self._loaded:
            stored = await sql.guilds_of(self._db, member_id)
            self._guilds.setdefault(member_id, set()).update(stored)
            self._loaded.add(member_id)
        return sorted(g for g in self._guilds.get(member_id, ()) if not self.absent(g, member_id))

    def plan_discovery(self, member_id: int, candidates: list[int]) -> Discovery:
        """Take lookups from the shared allowance for someone seen in none of ``candidates``."""
        if self.is_unreachable(member_id):
            return Discovery(check=[], complete=True)
        now = self._clock()
        self._tokens = min(DISCOVERY_BURST, self._tokens + (now - self._stamp) / DISCOVERY_REFILL_SECONDS)
        self._stamp = now
        open_ = [g for g in candidates if not self.absent(g, member_id)]
        take = min(len(open_), int(self._tokens))
        self._tokens -= take
        return Discovery(check=open_[:take], complete=take == len(open_))

    def forget(self, member_id: int) -> None:
        """On "Delete my data": the rows go with the member's other data; drop what is in memory."""
        self._guilds.pop(member_id, None)
        self._loaded.discard(member_id)
        self._dirty = {pair for pair in self._dirty if pair[1] != member_id}
        self._absent = {pair: until for pair, until in self._absent.items() if pair[1] != member_id}
        self._unreachable.pop(member_id, None)
