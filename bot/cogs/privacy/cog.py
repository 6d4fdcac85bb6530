"""/privacy: what Handout stores about you, and a button to delete it for good."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n
from bot.cogs.common import answer_dm, reply_private, tr
from bot.cogs.errors import ReportsErrors
from bot.cogs.privacy.rights import add_rights
from bot.cogs.thanks import render
from bot.core.errors import Forbidden
from bot.core.typed_commands import Kind, TypedCommand
from bot.i18n.translator import command_text as _

if TYPE_CHECKING:
    from bot.app import HandoutBot


class DeleteMyDataButton(
    ReportsErrors, discord.ui.DynamicItem[discord.ui.Button], template=r"handout:privacy:delete:(?P<user>\d+)"
):
    def __init__(self, user_id: int, label: str = "Delete my data") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.danger, custom_id=f"handout:privacy:delete:{user_id}"
            )
        )
        self.user_id = user_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> DeleteMyDataButton:
        return cls(int(match["user"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        if interaction.user.id != self.user_id:
            raise Forbidden("error.not_your_data")
        # Forget the locale first: a buffered one flushed after the deletion would write her id back.
        await interaction.client.locales.forget(self.user_id)
        interaction.client.membership.forget(self.user_id)
        removed = await interaction.client.privacy.delete(self.user_id)
        interaction.client.thanks_worker.kick()  # summaries counting their messages, prompts quoting them: redrawn
        content = tr(interaction, "privacy.deleted", messages=removed["messages"], deliveries=removed["deliveries"])
        # Deleted means deleted, a "never DM me" too; the member is told, so it is no surprise.
        if await interaction.client.member_data.forget(self.user_id):
            content += "\n" + tr(interaction, "privacy.preference_reset")
        await interaction.response.edit_message(
            content=content,
            embed=None,
            view=None,
        )


class Privacy(commands.Cog):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot

    @app_commands.command(name="privacy", description=_("cmd.privacy"))
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    async def privacy(self, interaction: discord.Interaction) -> None:
        embed, view = await self.panel(interaction.user.id, interaction.locale.value)
        await reply_private(interaction, embed=embed, view=view)

    @commands.Cog.listener()
    async def on_typed_command(self, message: discord.Message, typed: TypedCommand, locale: str) -> None:
        """ "/privacy" sent as text in a DM: the same panel, in that DM, which only they can read."""
        if typed.kind is not Kind.PRIVACY:
            return
        embed, view = await self.panel(message.author.id, locale)
        await answer_dm(self.bot, message, spare=True, embed=embed, view=view)

    async def panel(self, user_id: int, locale: str) -> tuple[discord.Embed, discord.ui.View]:
        """What Handout stores about ``user_id``, with their buttons: export, never DM me, delete."""
        summary = await self.bot.privacy.summary(user_id)
        embed = discord.Embed(
            title=i18n.text(locale, "privacy.title"),
            description=i18n.text(
                locale, "privacy.summary", deliveries=summary["deliveries"], messages=summary["messages"]
            ),
        )
        if summary["recent"]:
            embed.add_field(
                name=i18n.text(locale, "privacy.recent"),
                value="\n".join(_recent_line(locale, label, text, also) for label, text, _, also in summary["recent"])[
                    :1024
                ],
                inline=False,
            )
        embed.set_footer(text=i18n.text(locale, "privacy.footer"))
        view = discord.ui.View(timeout=None)
        await add_rights(self.bot, user_id, locale, embed, view)  # export, never DM me
        view.add_item(DeleteMyDataButton(user_id, i18n.text(locale, "button.delete_my_data")))
        return embed, view


def _recent_line(locale: str, label: str, text: str, also_sent: str | None) -> str:
    words = render.with_also_sent(locale, also_sent, render.snippet(text, 150))
    return f"• {render.label_text(locale, label)}: {words}"
