"""Membership lookups for DMs: the requests behind bot/core/membership.py.

A DM says nothing about servers, and the bot has no members intent. So a DM is answered from the
servers its author was seen in (``MembershipService.seen``, fed by every guild interaction); a
never-seen author is looked up only within the shared discovery allowance, in the budget's spare
lane, so strangers can never delay a member's delivery; and before a resource is sent for a DM,
membership in that resource's server is confirmed with one lookup.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord

from bot.cogs.common import shown_guild_name
from bot.core.errors import Forbidden, HandoutError

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)


class MembershipChecks:
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        # A never-seen member's discovery in progress: their other DMs of the same moment wait
        # for it instead of each taking lookups from the shared allowance (a flood of 40 DMs
        # would otherwise use it up, and the last ones be told "use the button in your server").
        self._discovering: dict[int, asyncio.Task[tuple[list[int], bool]]] = {}

    async def shared_guild_ids(self, user_id: int) -> tuple[list[int], bool]:
        """The servers to answer ``user_id``'s DM from, and whether that answer is complete (False:
        never seen anywhere, and the discovery allowance ran out before every server was checked)."""
        in_bot = set(await self.bot.all_guilds())
        known = [g for g in await self.bot.membership.known_guilds(user_id) if g in in_bot]
        if known:
            return known, True
        running = self._discovering.get(user_id)
        if running is None:
            running = self._discovering[user_id] = asyncio.create_task(self._discover_all(user_id, in_bot))
            running.add_done_callback(lambda _: self._discovering.pop(user_id, None))
        return await asyncio.shield(running)

    async def _discover_all(self, user_id: int, in_bot: set[int]) -> tuple[list[int], bool]:
        # Never seen: only servers that offer something are worth a lookup.
        offered = await self.bot.resources.list_active_in_guilds(sorted(in_bot))
        plan = self.bot.membership.plan_discovery(user_id, sorted({r.guild_id for r in offered}))
        found = await asyncio.gather(*(self._discover(g, user_id) for g in plan.check))
        return [g for g, member in zip(plan.check, found, strict=True) if member], plan.complete

    async def confirm(self, guild_id: int, user_id: int) -> None:
        """Raise unless ``user_id`` is a member of ``guild_id`` right now (one lookup, or a recent no)."""
        if not self.bot.membership.absent(guild_id, user_id):
            try:
                # A member's own delivery: the main line, not the spare lane.
                if await self._lookup(guild_id, user_id, spare=False):
                    return
            except discord.HTTPException as exc:
                log.warning("Could not confirm membership of %s in guild %s: %s", user_id, guild_id, exc)
                raise HandoutError("error.delivery_failed") from None
        log.info("Refused a DM request of %s: not a member of guild %s", user_id, guild_id)
        raise Forbidden("error.not_a_member", server=await shown_guild_name(self.bot, guild_id))

    async def _discover(self, guild_id: int, user_id: int) -> bool:
        try:
            return await self._lookup(guild_id, user_id, spare=True)
        except discord.HTTPException as exc:
            log.warning("Could not check membership of %s in guild %s: %s", user_id, guild_id, exc)
            return False

    async def _lookup(self, guild_id: int, user_id: int, *, spare: bool) -> bool:
        try:
            async with self.bot.budget.slot(spare=spare):
                await self.bot.http.get_member(guild_id, user_id)
        except discord.NotFound:  # 10007 Unknown Member (or 10004: the bot left the server)
            await self.bot.membership.not_member(guild_id, user_id)
            return False
        self.bot.membership.seen(guild_id, user_id)
        return True
