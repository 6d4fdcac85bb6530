"""/get and free-text DMs: three ways to ask, one delivery."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n
from bot.cogs.common import NO_PINGS, also_sent_of, answer_dm, send_paced
from bot.cogs.delivery.views import load_offered, offer_view, pick_view
from bot.core import limits, safe_text
from bot.core.classifier import Label, asks_for_something, classify
from bot.core.deliveries import RequestedVia
from bot.core.errors import HandoutError, NotFound, RateLimited
from bot.core.matching import Candidate, match_resources
from bot.core.resources import Resource
from bot.core.typed_commands import Kind, TypedCommand, typed_command
from bot.i18n.translator import command_text as _

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

_SEEN_MESSAGES = 2048
COMMAND_REPEAT_SECONDS = 30.0


class DeliveryCog(commands.Cog):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        # DM ids handled in this session: a gateway RESUME can replay a message we answered.
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._answered: OrderedDict[tuple[int, str], float] = OrderedDict()  # see _answer_now

    async def offered_to(self, user_id: int, guild_id: int | None) -> list[Resource]:
        if guild_id is not None:
            return await self.bot.resources.list_active(guild_id)
        # In a DM: the servers the member is known in (see bot/cogs/delivery/membership.py).
        guild_ids, _ = await self.bot.member_checks.shared_guild_ids(user_id)
        return await self.bot.resources.list_active_in_guilds(guild_ids)

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
        # A sticker alone ("Thank You") says what its name says.
        label, wanted = classify(text if text.strip() else also_sent_of(message).words()), text
        # "/get checklist", "!help", "/krijg planner" sent as text: words for the bot, answered by it,
        # not for a creator (the classifier calls a typed command other, as the corpus labels it).
        if (typed := typed_command(text)) is not None and typed.kind is Kind.GET:
            label, wanted = Label.REQUEST, typed.wanted
        elif typed is not None:
            self.bot.dispatch("member_message", message, Label.OTHER, locale, to_bot=True)
            if self._answer_now(message.author.id, typed) and not self.bot.membership.is_unreachable(message.author.id):
                self.bot.dispatch("typed_command", message, typed, locale)
            return
        if label in (Label.QUESTION, Label.OTHER) and asks_for_something(text):
            # "can I have Budget Buddy?" reads as a question unless we know Budget Buddy is on offer.
            offered = await self.offered_to(message.author.id, None)
            label = classify(text, [name for r in offered for name in (r.name, r.title)])
        # Every DM is stored by the thanks loop; thanks, questions and the rest go to a human and
        # are never answered with a resource.
        self.bot.dispatch("member_message", message, label, locale)
        if label is not Label.REQUEST:
            return
        if self.bot.membership.is_unreachable(message.author.id):
            # Discord refused our last reply to them (no shared server): asking again costs nothing.
            log.info("Not answering DM %s of %s: they share no server with the bot", message.id, message.author.id)
            return
        try:
            await self._answer_request(message, wanted, locale)
        except RateLimited as error:
            # One answer per flood: each would be a message in this DM, which takes 5 per 5 seconds.
            if error.already_told:
                log.info("Member %s is still flooding requests; already told to wait", message.author.id)
                return
            await send_paced(self.bot, message.channel, content=i18n.text(locale, error.key, **error.params))
        except HandoutError as error:
            await self._reply(message, content=i18n.text(locale, error.key, **error.params))

    def _answer_now(self, member_id: int, typed: TypedCommand) -> bool:
        """One answer per command and member in COMMAND_REPEAT_SECONDS: "!help" sent ten times
        is ten messages kept, and one answer (each would be a message in a DM that takes 5 per 5 s)."""
        now = time.monotonic()
        key = (member_id, typed.command)
        if now - self._answered.get(key, -COMMAND_REPEAT_SECONDS) < COMMAND_REPEAT_SECONDS:
            log.info("Typed /%s of member %s answered moments ago; not again", typed.command, member_id)
            return False
        self._answered[key] = now
        self._answered.move_to_end(key)
        while len(self._answered) > _SEEN_MESSAGES:
            self._answered.popitem(last=False)
        return True

    @commands.Cog.listener()
    async def on_typed_command(self, message: discord.Message, typed: TypedCommand, locale: str) -> None:
        # /privacy typed as text is answered by the privacy extension.
        if typed.kind is Kind.HELP:
            content = i18n.text(locale, "dm.help")
        elif typed.kind is Kind.SERVER:
            content = i18n.text(locale, "dm.server_command", command=typed.command)
        else:
            return
        await self._reply(message, spare=True, content=content)

    async def _reply(self, message: discord.Message, *, spare: bool = False, **kwargs) -> None:
        await answer_dm(self.bot, message, spare=spare, **kwargs)

    async def _answer_request(self, message: discord.Message, text: str, locale: str) -> None:
        guild_ids, complete = await self.bot.member_checks.shared_guild_ids(message.author.id)
        offered = await self.bot.resources.list_active_in_guilds(guild_ids)
        if not offered:
            # Incomplete: never seen in a server, and not every server could be checked now.
            key = "dm.nothing_offered" if complete else "dm.use_server_button"
            # Possibly a stranger: only what members' deliveries leave over (see RequestBudget.slot).
            await self._reply(message, spare=True, content=i18n.text(locale, key))
            return
        matched = self._match(text, offered)
        if len(matched) == 1:
            await self.bot.deliverer.for_dm_message(message, matched[0], locale)
            return
        guild_names = await self.bot.all_guilds()
        if matched:
            await self._reply(
                message,
                content=i18n.text(locale, "dm.pick"),
                view=pick_view(locale, message.id, matched, guild_names),
                allowed_mentions=NO_PINGS,
            )
            return
        await self._reply(
            message,
            content=offers_text(locale, offered[:25], guild_names),
            view=offer_view(locale, offered),
            allowed_mentions=NO_PINGS,
        )


def offers_text(locale: str, offered: list[Resource], guild_names: dict[int, str]) -> str:
    """What is on offer, one line each, as many as fit Discord's 2,000 characters of content (25
    titles of 100 characters would not), then how many more the buttons below show. Titles and
    server names are neutralised: a creator's title must not become markup in the bot's words."""
    lines: list[str] = []
    for count, resource in enumerate(offered):
        guild = safe_text.shorten(guild_names.get(resource.guild_id, ""), 100)
        line = f"• **{safe_text.shorten(resource.title, 200)}** · {guild}"
        more = i18n.text(locale, "digest.more", n=len(offered) - count - 1)
        if len(i18n.text(locale, "dm.no_match", offers="\n".join([*lines, line, more]))) > limits.CONTENT:
            lines.append(i18n.text(locale, "digest.more", n=len(offered) - count))
            break
        lines.append(line)
    return i18n.text(locale, "dm.no_match", offers="\n".join(lines))
