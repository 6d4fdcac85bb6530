"""Asking a member which creator their message is for, when it could be for several.

The member's DM is stored unrouted; the bot answers in that DM with one button per candidate
(resource title · server). The buttons are persistent: the custom_id carries the message and the
delivery, so a press after a restart routes the message all the same.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS, send_paced, shown_guild_name, tr
from bot.cogs.errors import ReportsErrors
from bot.cogs.thanks import render
from bot.core import safe_text
from bot.core.routing import RouteCandidate
from bot.core.thanks import MemberMessage

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)


class RouteButton(
    ReportsErrors,
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"handout:route:(?P<message_id>\d+):(?P<delivery_id>\d+)",
):
    def __init__(self, message_id: int, delivery_id: int, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=(label or str(delivery_id))[:80],
                style=discord.ButtonStyle.secondary,
                custom_id=f"handout:route:{message_id}:{delivery_id}",
            )
        )
        self.message_id = message_id
        self.delivery_id = delivery_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> RouteButton:
        return cls(int(match["message_id"]), int(match["delivery_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        bot = interaction.client
        # Raises for anyone but the member who wrote it, and for a second press.
        routed = await bot.thanks.choose(self.message_id, interaction.user.id, self.delivery_id)
        bot.thanks_worker.kick()
        assert routed.owner_id is not None and routed.resource_id is not None
        resource = await bot.resources.get(routed.resource_id)
        # The creator's name, their title and the server's name are others' words in the bot's
        # message: neutralised, so none can become a live link or markup.
        text = tr(
            interaction,
            "route.sent",
            creator=await bot.deliverer.shown_creator_name(routed.owner_id),
            title=safe_text.shorten(resource.title, 200),
            guild=await shown_guild_name(bot, routed.guild_id) if routed.guild_id else "—",
        )
        # The buttons go: the choice is made, and the message now reads where it went.
        await interaction.response.edit_message(content=text, view=None, allowed_mentions=NO_PINGS)


def choice_view(bot: HandoutBot, message_id: int, choices: tuple[RouteCandidate, ...]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for row, choice in enumerate(choices):
        guild = bot.get_guild(choice.guild_id)
        label = f"{choice.title} · {guild.name if guild else choice.guild_id}"
        button = RouteButton(message_id, choice.delivery_id, label)
        button.item.row = row
        view.add_item(button)
    return view


async def ask_member(
    bot: HandoutBot,
    channel: discord.abc.Messageable,
    locale: str,
    message: MemberMessage,
    choices: tuple[RouteCandidate, ...],
) -> None:
    """One private question in the member's DM; the message waits unrouted until they answer."""
    await send_paced(
        bot,
        channel,
        content=i18n.text(locale, "route.ask", text=render.words(locale, message)),
        view=choice_view(bot, message.id, choices),
        allowed_mentions=NO_PINGS,
    )
