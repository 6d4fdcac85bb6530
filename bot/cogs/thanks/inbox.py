"""Keeps members' private messages out of channels others can read.

``/handout inbox`` and the thanks worker ask the same question of discord.py's cache, which the
GUILDS intent keeps current (CHANNEL_UPDATE, GUILD_ROLE_UPDATE): may this channel hold prompts?
The decision itself is ``bot.core.inbox.inbox_problem``; this module only gathers its inputs and,
when an inbox stops qualifying, turns it off and tells the people who manage it, once.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import dm_channel, send_paced, shown_guild_name, user_by_id
from bot.core.inbox import ChannelFacts, InboxProblem, OverwriteFacts, RoleFacts, inbox_problem

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

# Discord's answers that mean the inbox can no longer be used, whatever we retry:
# 50001 Missing Access, 50013 Missing Permissions, 10003 Unknown Channel (deleted).
PERMANENT_CODES = {50001, 50013, 10003}
MEMBER_ROLES_TTL_SECONDS = 600  # a looked-up member's roles; no members intent tells us of changes
_NOT_A_MEMBER: tuple[int, ...] = (-1,)  # a member overwrite left behind by someone who left


def is_permanent(exc: discord.HTTPException) -> bool:
    return exc.status in (403, 404) and exc.code in PERMANENT_CODES


def channel_label(channel: discord.abc.GuildChannel | None, channel_id: int) -> str:
    """``#name`` reads well in a DM, where a ``<#id>`` mention of another server may not resolve."""
    return f"#{channel.name}" if channel is not None else f"<#{channel_id}>"


def problem_text(locale: str | None, problem: InboxProblem) -> str:
    return i18n.text(locale, problem.key, **problem.params)


class InboxGuard:
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._member_roles: dict[tuple[int, int], tuple[float, tuple[int, ...] | None]] = {}

    async def problem(self, channel: discord.TextChannel) -> InboxProblem | None:
        return inbox_problem(await self._facts(channel))

    async def usable(self, guild_id: int) -> discord.TextChannel | None:
        """The guild's inbox if it still qualifies; if it no longer does, it is turned off."""
        settings = await self.bot.guild_settings.get(guild_id)
        channel_id = settings.inbox_channel_id
        if not channel_id:
            return None
        guild = self.bot.get_guild(guild_id)
        if guild is None or guild.unavailable:
            return None  # an outage or we were removed: the creator's DMs for now; decide nothing
        channel = guild.get_channel(channel_id)
        if not isinstance(channel, discord.TextChannel):
            await self.give_up(guild_id, channel_id, InboxProblem("inbox.problem.gone", {}))
            return None
        problem = await self.problem(channel)
        if problem is not None:
            await self.give_up(guild_id, channel_id, problem)
            return None
        return channel

    async def give_up(self, guild_id: int, channel_id: int, problem: InboxProblem) -> None:
        """Prompts go to the creators' DMs from now on; whoever manages the inbox hears it once."""
        settings = await self.bot.guild_settings.get(guild_id)
        if not await self.bot.guild_settings.drop_inbox_channel(guild_id, channel_id):
            return  # another prompt in flight already did this, and told them
        log.warning("Inbox channel %s of guild %s turned off: %s", channel_id, guild_id, problem.key)
        guild = self.bot.get_guild(guild_id)
        label = channel_label(guild.get_channel(channel_id) if guild else None, channel_id)
        server = await shown_guild_name(self.bot, guild_id)
        recipients = [uid for uid in (settings.inbox_set_by, guild.owner_id if guild else None) if uid]
        for user_id in dict.fromkeys(recipients):
            locale = await self.bot.locales.last_known(user_id) or (
                guild.preferred_locale.value if guild else i18n.DEFAULT_LANGUAGE
            )
            text = i18n.text(
                locale,
                "inbox.dropped",
                guild=server,
                channel=label,
                reason=problem_text(locale, problem),
            )
            try:
                user = await user_by_id(self.bot, user_id, urgent=True)
                await send_paced(self.bot, await dm_channel(self.bot, user, urgent=True), content=text, urgent=True)
            except discord.HTTPException as exc:
                # Told once or not at all: a notice is not worth a retry loop. The log keeps it.
                log.warning("Could not tell %s that the inbox of guild %s was turned off: %s", user_id, guild_id, exc)

    async def _facts(self, channel: discord.TextChannel) -> ChannelFacts:
        guild = channel.guild
        me = guild.me
        own_role_id = guild.self_role.id if guild.self_role else None
        overwrites = []
        member_roles: dict[int, tuple[int, ...] | None] = {}
        for target, overwrite in channel.overwrites.items():
            allow, deny = overwrite.pair()
            is_role = isinstance(target, discord.Role) or getattr(target, "type", None) is discord.Role
            if not is_role:
                roles = await self._roles_of(guild, target.id)
                if roles is _NOT_A_MEMBER:
                    continue  # left the server: the overwrite shows them nothing
                member_roles[target.id] = roles
            overwrites.append(OverwriteFacts(target.id, is_role, allow.value, deny.value))
        owners = frozenset(r.owner_id for r in await self.bot.resources.list_active(guild.id))
        return ChannelFacts(
            guild_id=guild.id,
            owner_id=guild.owner_id or 0,
            bot_user_id=me.id,
            bot_permissions=channel.permissions_for(me).value,
            roles=tuple(
                RoleFacts(r.id, r.name, r.permissions.value, r.position, own_bot_role=r.id == own_role_id)
                for r in guild.roles
            ),
            overwrites=tuple(overwrites),
            resource_owners=owners,
            member_roles=member_roles,
        )

    async def _roles_of(self, guild: discord.Guild, user_id: int) -> tuple[int, ...] | None:
        """A member's role ids: from the cache, else looked up (one paced request, remembered a while).
        None if Discord would not say: the member then counts as one who may not answer."""
        member = guild.get_member(user_id)
        if member is not None:
            return tuple(r.id for r in member.roles)
        key = (guild.id, user_id)
        known = self._member_roles.get(key)
        if known is not None and time.monotonic() - known[0] < MEMBER_ROLES_TTL_SECONDS:
            return known[1]
        try:
            async with self.bot.budget.slot(urgent=True):
                fetched = await guild.fetch_member(user_id)
            roles: tuple[int, ...] | None = tuple(r.id for r in fetched.roles)
        except discord.NotFound:
            roles = _NOT_A_MEMBER
        except discord.HTTPException:
            roles = None
        self._member_roles[key] = (time.monotonic(), roles)
        return roles
