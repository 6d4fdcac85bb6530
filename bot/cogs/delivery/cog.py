"""/get and free-text DMs: three ways to ask, one delivery."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n
from bot.cogs.common import NO_PINGS, send_paced
from bot.cogs.delivery.views import load_offered, offer_view, pick_view
from bot.core.classifier import Label, asks_for_something, classify
from bot.core.deliveries import RequestedVia
from bot.core.errors import HandoutError, NotFound
from bot.core.matching import Candidate, match_resources
from bot.core.resources import Resource
from bot.i18n.translator import command_text as _

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

_MEMBERSHIP_TTL_SECONDS = 600
_SEEN_MESSAGES = 2048


class DeliveryCog(commands.Cog):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._membership: dict[tuple[int, int], tuple[float, bool]] = {}
        # DM ids handled in this session: a gateway RESUME can replay a message we answered.
        self._seen: OrderedDict[int, None] = OrderedDict()

    # -- which guilds a member shares with the bot (no privileged members intent) --

    async def _is_member(self, guild: discord.Guild, user_id: int) -> bool:
        if guild.get_member(user_id) is not None:
            return True
        key = (guild.id, user_id)
        cached = self._membership.get(key)
        if cached and time.monotonic() - cached[0] < _MEMBERSHIP_TTL_SECONDS:
            return cached[1]
        try:
            async with self.bot.budget.slot():
                await guild.fetch_member(user_id)
            found = True
        except discord.NotFound:
            found = False
        except discord.HTTPException as exc:
            log.warning("Could not check membership of %s in guild %s: %s", user_id, guild.id, exc)
            return False
        self._membership[key] = (time.monotonic(), found)
        return found

    async def shared_guilds(self, user_id: int) -> list[discord.Guild]:
        guilds = list(self.bot.guilds)
        checks = await asyncio.gather(*(self._is_member(guild, user_id) for guild in guilds))
        return [guild for guild, shared in zip(guilds, checks, strict=True) if shared]

    async def offered_to(self, user_id: int, guild_id: int | None) -> list[Resource]:
        if guild_id is not None:
            return await self.bot.resources.list_active(guild_id)
        guilds = await self.shared_guilds(user_id)
        return await self.bot.resources.list_active_in_guilds([g.id for g in guilds])

    # -- /get --

    async def resource_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        offered = await self.offered_to(interaction.user.id, interaction.guild_id)
        typed = current.strip().lower()
        many_guilds = len({r.guild_id for r in offered}) > 1
        choices = []
        for resource in offered:
            if typed and typed not in resource.name and typed not in resource.title.lower():
                continue
            label = resource.title
            if many_guilds:
                guild = self.bot.get_guild(resource.guild_id)
                label = f"{resource.title} · {guild.name if guild else resource.guild_id}"
            choices.append(app_commands.Choice(name=label[:100], value=str(resource.id)))
        return choices[:25]

    @app_commands.command(name="get", description=_("cmd.get"))
    @app_commands.describe(resource=_("opt.resource"))
    @app_commands.autocomplete(resource=resource_autocomplete)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    async def get(self, interaction: discord.Interaction, resource: app_commands.Range[str, 1, 100]) -> None:
        found = await self._resolve(interaction, resource)
        await self.bot.deliverer.for_interaction(interaction, found, RequestedVia.SLASH)

    async def _resolve(self, interaction: discord.Interaction, typed: str) -> Resource:
        """The autocomplete value is a resource id; a member may also type a name or title."""
        offered = await self.offered_to(interaction.user.id, interaction.guild_id)
        value = typed.strip()
        if value.isdigit():
            for resource in offered:
                if resource.id == int(value):
                    return await load_offered(self.bot, resource.id)
        by_name = [r for r in offered if r.name == value.lower()]
        if len(by_name) == 1:
            return by_name[0]
        matched = self._match(value, offered)
        if len(matched) == 1:
            return matched[0]
        raise NotFound("error.resource_not_offered", name=value)

    @staticmethod
    def _match(text: str, offered: list[Resource]) -> list[Resource]:
        by_id = {r.id: r for r in offered}
        candidates = [Candidate(r.id, r.guild_id, r.name, r.title) for r in offered]
        return [by_id[c.resource_id] for c in match_resources(text, candidates)]

    # -- free-text DMs --

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is not None or message.author.bot or message.author.id == self.bot.user.id:
            return
        if message.id in self._seen:
            return
        self._seen[message.id] = None
        while len(self._seen) > _SEEN_MESSAGES:
            self._seen.popitem(last=False)
        text = message.content or ""
        locale = await self.bot.locales.for_member(message.author.id, text)
        label = classify(text)
        if label in (Label.QUESTION, Label.OTHER) and asks_for_something(text):
            # "can I have Budget Buddy?" reads as a question unless we know Budget Buddy is on offer.
            offered = await self.offered_to(message.author.id, None)
            label = classify(text, [name for r in offered for name in (r.name, r.title)])
        # Every DM is stored by the thanks loop; thanks, questions and the rest go to a human and
        # are never answered with a resource.
        self.bot.dispatch("member_message", message, label, locale)
        if label is not Label.REQUEST:
            return
        try:
            await self._answer_request(message, text, locale)
        except HandoutError as error:
            await send_paced(self.bot, message.channel, content=i18n.text(locale, error.key, **error.params))

    async def _answer_request(self, message: discord.Message, text: str, locale: str) -> None:
        offered = await self.offered_to(message.author.id, None)
        if not offered:
            await send_paced(self.bot, message.channel, content=i18n.text(locale, "dm.nothing_offered"))
            return
        matched = self._match(text, offered)
        if len(matched) == 1:
            await self.bot.deliverer.for_dm_message(message, matched[0], locale)
            return
        guild_names = {g.id: g.name for g in self.bot.guilds}
        if matched:
            await send_paced(
                self.bot,
                message.channel,
                content=i18n.text(locale, "dm.pick"),
                view=pick_view(locale, message.id, matched, guild_names),
                allowed_mentions=NO_PINGS,
            )
            return
        lines = [f"• **{r.title}** · {guild_names.get(r.guild_id, '')}" for r in offered[:25]]
        await send_paced(
            self.bot,
            message.channel,
            content=i18n.text(locale, "dm.no_match", offers="\n".join(lines)),
            view=offer_view(locale, offered),
            allowed_mentions=NO_PINGS,
        )
