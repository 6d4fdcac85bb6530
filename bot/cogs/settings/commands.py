"""/handout …: per-server settings for creators."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.common import reply_private, tr
from bot.cogs.thanks.inbox import InboxGuard, problem_text
from bot.core.errors import HandoutError
from bot.i18n.translator import command_text as _

if TYPE_CHECKING:
    from bot.app import HandoutBot


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class HandoutSettings(commands.GroupCog, group_name="handout", group_description=_("cmd.handout")):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self.inbox_guard = InboxGuard(bot)
        super().__init__()

    @app_commands.command(name="delivery", description=_("cmd.handout.delivery"))
    @app_commands.describe(mode=_("opt.mode"))
    @app_commands.choices(
        mode=[
            app_commands.Choice(name=_("choice.mode.dm"), value="dm"),
            app_commands.Choice(name=_("choice.mode.here"), value="here"),
        ]
    )
    async def delivery(self, interaction: discord.Interaction, mode: app_commands.Choice[str]) -> None:
        assert interaction.guild_id is not None
        settings = await self.bot.guild_settings.set_delivery_mode(interaction.guild_id, mode.value)
        await reply_private(interaction, tr(interaction, f"handout.delivery.{settings.delivery_mode.value}"))

    @app_commands.command(name="inbox", description=_("cmd.handout.inbox"))
    @app_commands.describe(channel=_("opt.inbox_channel"))
    async def inbox(self, interaction: discord.Interaction, channel: discord.TextChannel | None = None) -> None:
        assert interaction.guild is not None
        if channel is None:
            await self.bot.guild_settings.set_inbox_channel(interaction.guild.id, None)
            await reply_private(interaction, tr(interaction, "handout.inbox.cleared"))
            return
        # Prompts carry members' private words: only a channel that nobody but those who may
        # answer them can read will do. The cached channel has its overwrites and the guild its roles.
        target = interaction.guild.get_channel(channel.id)
        if not isinstance(target, discord.TextChannel):
            raise HandoutError("error.share_channel_type")
        await interaction.response.defer(ephemeral=True, thinking=True)  # may look up a member or two
        problem = await self.inbox_guard.problem(target)
        if problem is not None:
            reason = problem_text(interaction.locale.value, problem)
            raise HandoutError("error.inbox_not_private", channel=target.mention, reason=reason)
        await self.bot.guild_settings.set_inbox_channel(interaction.guild.id, target.id, interaction.user.id)
        await reply_private(interaction, tr(interaction, "handout.inbox.set", channel=target.mention))

    @app_commands.command(name="reminders", description=_("cmd.handout.reminders"))
    @app_commands.describe(hours=_("opt.hours"), expire_days=_("opt.expire_days"))
    async def reminders(
        self,
        interaction: discord.Interaction,
        hours: app_commands.Range[int, 0, 720] | None = None,
        expire_days: app_commands.Range[int, 1, 3650] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        settings = await self.bot.guild_settings.get(interaction.guild_id)
        if hours is not None:
            settings = await self.bot.guild_settings.set_reminder_hours(interaction.guild_id, hours)
        if expire_days is not None:
            settings = await self.bot.guild_settings.set_expire_days(interaction.guild_id, expire_days)
        if settings.reminder_hours == 0:
            lines = [tr(interaction, "handout.reminders.off")]
        else:
            lines = [tr(interaction, "handout.reminders.set", hours=settings.reminder_hours)]
        lines.append(tr(interaction, "handout.reminders.expire", days=settings.expire_days))
        await reply_private(interaction, "\n".join(lines))

    @app_commands.command(name="retention", description=_("cmd.handout.retention"))
    @app_commands.describe(days=_("opt.retention_days"))
    async def retention(self, interaction: discord.Interaction, days: app_commands.Range[int, 0, 3650]) -> None:
        assert interaction.guild_id is not None
        settings = await self.bot.guild_settings.set_retention_days(interaction.guild_id, days)
        self.bot.retention_job.kick()  # text now past the new period goes at once
        if settings.retention_days == 0:
            await reply_private(interaction, tr(interaction, "handout.retention.off"))
        else:
            await reply_private(interaction, tr(interaction, "handout.retention.set", days=settings.retention_days))
