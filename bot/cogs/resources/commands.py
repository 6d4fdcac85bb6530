"""/resource add, edit, remove, list — the creator's library. Parse, call the domain, render."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n
from bot.cogs.common import NO_PINGS, actor_of, human_size, reply_private, tr
from bot.cogs.delivery import render
from bot.cogs.delivery.views import get_it_view
from bot.cogs.resources.log import log_embed
from bot.cogs.resources.views import confirm_view
from bot.core import limits
from bot.core import resources as domain
from bot.core.delivery_log import DeliveryLog
from bot.core.errors import HandoutError
from bot.core.resources import FileUpload, Resource
from bot.i18n.translator import command_text as _

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

Name = app_commands.Range[str, 1, domain.NAME_MAX]
Title = app_commands.Range[str, 1, domain.TITLE_MAX]
Url = app_commands.Range[str, 1, domain.URL_MAX]
LongText = app_commands.Range[str, 1, domain.TEXT_MAX]
# Room for the list in one embed (a description holds 4096); messages are then packed by size.
_EMBED_CHARS = 4000


async def download(attachment: discord.Attachment | None) -> FileUpload | None:
    """Fetch an attachment's bytes now: its signed URL expires, so we never fetch it again."""
    if attachment is None:
        return None
    domain.check_file_size(attachment.size)
    data = await attachment.read()
    return FileUpload(name=attachment.filename, data=data)


def describe_resource(interaction: discord.Interaction, resource: Resource) -> str:
    parts = []
    if resource.file_name:
        parts.append(
            tr(
                interaction,
                "resource.file_line",
                file_name=resource.file_name,
                size=human_size(resource.file_size or 0),
            )
        )
    if resource.url:
        parts.append(tr(interaction, "resource.url_line", url=resource.url))
    return " · ".join(parts)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ResourceCommands(commands.GroupCog, group_name="resource", group_description=_("cmd.resource")):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self.resources = bot.resources
        self.delivery_log = DeliveryLog(bot.db, bot.resources)
        super().__init__()

    async def name_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        typed = current.strip().lower()
        found = await self.resources.list_active(interaction.guild_id)
        hits = [r for r in found if typed in r.name or typed in r.title.lower()]
        return [app_commands.Choice(name=f"{r.name} — {r.title}"[:100], value=r.name) for r in hits[:25]]

    @app_commands.command(name="add", description=_("cmd.resource.add"))
    @app_commands.describe(
        name=_("opt.name.new"),
        title=_("opt.title"),
        file=_("opt.file"),
        url=_("opt.url"),
        description=_("opt.description"),
        note=_("opt.note"),
    )
    async def add(
        self,
        interaction: discord.Interaction,
        name: Name,
        title: Title,
        file: discord.Attachment | None = None,
        url: Url | None = None,
        description: LongText | None = None,
        note: LongText | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        # Downloading and storing a file can take longer than Discord's 3-second window.
        await interaction.response.defer(ephemeral=True, thinking=True)
        resource = await self.resources.add(
            interaction.guild_id,
            actor_of(interaction),
            name=name,
            title=title,
            file=await download(file),
            url=url,
            description=description,
            note=note,
        )
        log.info("Resource %s added in guild %s by %s", resource.name, resource.guild_id, resource.owner_id)
        await reply_private(
            interaction,
            tr(
                interaction,
                "resource.added",
                title=resource.title,
                name=resource.name,
                details=describe_resource(interaction, resource),
            ),
        )

    @app_commands.command(name="edit", description=_("cmd.resource.edit"))
    @app_commands.describe(
        name=_("opt.name.existing"),
        title=_("opt.title"),
        file=_("opt.file.replace"),
        url=_("opt.url"),
        description=_("opt.description"),
        note=_("opt.note"),
    )
    @app_commands.autocomplete(name=name_autocomplete)
    async def edit(
        self,
        interaction: discord.Interaction,
        name: Name,
        title: Title | None = None,
        file: discord.Attachment | None = None,
        url: Url | None = None,
        description: LongText | None = None,
        note: LongText | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        resource = await self.resources.edit(
            interaction.guild_id,
            name,
            actor_of(interaction),
            title=title,
            file=await download(file),
            url=url,
            description=description,
            note=note,
        )
        await reply_private(
            interaction,
            tr(
                interaction,
                "resource.edited",
                title=resource.title,
                name=resource.name,
                details=describe_resource(interaction, resource),
            ),
        )

    @app_commands.command(name="remove", description=_("cmd.resource.remove"))
    @app_commands.describe(name=_("opt.name.existing"))
    @app_commands.autocomplete(name=name_autocomplete)
    async def remove(self, interaction: discord.Interaction, name: Name) -> None:
        assert interaction.guild_id is not None
        resource = await self.resources.get_active(interaction.guild_id, name)
        # Check rights before showing the button, so nobody is offered a button they can't use.
        self.resources.ensure_can_manage(resource, actor_of(interaction))
        await reply_private(
            interaction,
            tr(interaction, "resource.remove.ask", title=resource.title, name=resource.name),
            view=confirm_view(interaction, resource.id),
        )

    @app_commands.command(name="share", description=_("cmd.resource.share"))
    @app_commands.describe(name=_("opt.name.existing"), channel=_("opt.channel"), message=_("opt.message"))
    @app_commands.autocomplete(name=name_autocomplete)
    async def share(
        self,
        interaction: discord.Interaction,
        name: Name,
        channel: discord.TextChannel | None = None,
        message: LongText | None = None,
    ) -> None:
        assert interaction.guild is not None
        resource = await self.resources.get_active(interaction.guild.id, name)
        target = interaction.guild.get_channel(channel.id) if channel else interaction.channel
        if not isinstance(target, discord.TextChannel | discord.Thread):
            raise HandoutError("error.share_channel_type")
        # Check before posting, so the creator learns exactly which permission is missing.
        allowed = target.permissions_for(interaction.guild.me)
        needed = {"view_channel": "View Channel", "send_messages": "Send Messages", "embed_links": "Embed Links"}
        missing = [label for flag, label in needed.items() if not getattr(allowed, flag)]
        if missing:
            raise HandoutError("error.bot_missing_permissions", channel=target.mention, permissions=", ".join(missing))
        await interaction.response.defer(ephemeral=True, thinking=True)
        # A public post: in the server's language, not the creator's.
        locale = interaction.guild_locale.value if interaction.guild_locale else i18n.DEFAULT_LANGUAGE
        creator = interaction.user.display_name
        try:
            post = await target.send(
                content=message,
                embed=render.share_embed(locale, resource, creator),
                view=get_it_view(locale, resource.id),
                allowed_mentions=NO_PINGS,
            )
        except discord.Forbidden as exc:
            raise HandoutError(
                "error.bot_missing_permissions", channel=target.mention, permissions=f"{exc.text} ({exc.code})"
            ) from None
        log.info("Resource %s shared in channel %s by %s", resource.name, target.id, interaction.user.id)
        await reply_private(interaction, tr(interaction, "resource.shared", title=resource.title, link=post.jump_url))

    @app_commands.command(name="list", description=_("cmd.resource.list"))
    async def list(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        found = await self.resources.list_active(interaction.guild_id)
        if not found:
            await reply_private(interaction, tr(interaction, "resource.list.empty"))
            return
        counts = await self.bot.deliveries.counts_by_resource(interaction.guild_id)
        lines = [
            tr(
                interaction,
                "resource.list.line",
                name=r.name,
                title=r.title,
                owner=f"<@{r.owner_id}>",
                details=describe_resource(interaction, r),
                count=counts.get(r.id, 0),
            )
            for r in found
        ]
        embeds = chunk_into_embeds(lines, tr(interaction, "resource.list.title", count=len(found)))
        # Discord allows 6,000 characters across all embeds of one message: a long library takes
        # several private messages (the first is the reply, the rest follow it).
        for group in limits.pack([len(e) for e in embeds], max_items=limits.EMBEDS_PER_MESSAGE):
            await reply_private(interaction, embeds=[embeds[i] for i in group], allowed_mentions=NO_PINGS)

    @app_commands.command(name="log", description=_("cmd.resource.log"))
    @app_commands.describe(name=_("opt.name.existing"))
    @app_commands.autocomplete(name=name_autocomplete)
    async def log(self, interaction: discord.Interaction, name: Name) -> None:
        assert interaction.guild_id is not None
        resource, entries = await self.delivery_log.recent(interaction.guild_id, name, actor_of(interaction))
        locale = interaction.locale.value
        if not entries:
            await reply_private(interaction, tr(interaction, "resource.log.none", title=resource.title))
            return
        await reply_private(interaction, embed=log_embed(locale, resource, entries), allowed_mentions=NO_PINGS)


def chunk_into_embeds(lines: list[str], title: str) -> list[discord.Embed]:
    embeds: list[discord.Embed] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if current and size + len(line) + 1 > _EMBED_CHARS:
            embeds.append(discord.Embed(description="\n".join(current)))
            current, size = [], 0
        current.append(line[:_EMBED_CHARS])
        size += len(line) + 1
    if current:
        embeds.append(discord.Embed(description="\n".join(current)))
    embeds[0].title = title[: limits.EMBED_TITLE]
    return embeds
