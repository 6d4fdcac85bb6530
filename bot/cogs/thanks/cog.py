"""The thanks loop's Discord side: member DMs in, /thanks for creators."""

from __future__ import annotations

import io
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n
from bot.cogs.common import also_sent_of, reply_private, send_paced, tr
from bot.cogs.thanks import render
from bot.cogs.thanks.choose import ask_member
from bot.cogs.thanks.reply_all import reply_all_button
from bot.cogs.thanks.stats_view import CHART_FILE, breakdown_view, chart_file
from bot.cogs.thanks.views import add_answer_row
from bot.core import limits, safe_text
from bot.core.classifier import Label
from bot.core.stats import Figures
from bot.core.thanks import PAGE_SIZE, Status
from bot.i18n.translator import command_text as _

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

_DELETED_REMEMBERED = 2048  # DM ids deleted this session, for a delete that overtakes the store
# Four of these with their names still fit the 6,000 characters of one embed.
PENDING_TEXT_MAX = 800
EMBED_BUDGET = limits.EMBED_TOTAL - 1000  # an embed of stats, with room left for its own title


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class MemberMessages(commands.Cog):
    """Every DM that is not handled as a request: store it, route it, be honest about being a bot."""

    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        # DMs deleted by their member in this session: one deleted while it is being stored (the
        # delete can overtake the store) is forgotten once stored.
        self._deleted: OrderedDict[int, None] = OrderedDict()

    async def cog_load(self) -> None:
        self.bot.thanks_worker.start()

    async def cog_unload(self) -> None:
        await self.bot.thanks_worker.stop()

    @commands.Cog.listener()
    async def on_member_message(
        self, message: discord.Message, label: Label, locale: str, *, to_bot: bool = False
    ) -> None:
        if message.id in self._deleted:
            return  # deleted before we got to it: nothing to keep
        recorded = await self.bot.thanks.record_routed(
            member_id=message.author.id,
            source_id=message.id,
            text=message.content,
            label=label,
            via="dm",
            locale=locale,
            member_name=message.author.display_name,
            creator_names={} if to_bot else await self._creator_names(message.author.id),
            to_bot=to_bot,
            also_sent=also_sent_of(message).to_json(),
        )
        if message.id in self._deleted:
            await self.bot.thanks.member_deleted(message.id)
            return
        if recorded is None or label is Label.REQUEST or to_bot:
            return  # seen before, or a request or command the delivery side answers
        stored, choices = recorded
        if choices:
            # Several servers or creators, and nothing in the message to tell them apart: ask the
            # member rather than guess (a guess may show their words to the wrong creator).
            await ask_member(self.bot, message.channel, locale, stored, choices)
            await self.bot.thanks.acknowledged(message.author.id)  # the question says it is a bot
            return
        if stored.status == Status.WAITING:
            self.bot.thanks_worker.kick()
        if not await self.bot.thanks.should_acknowledge(message.author.id):
            return
        if stored.status in (Status.WAITING, Status.ACKNOWLEDGED) and stored.owner_id:
            creator = await self.bot.deliverer.shown_creator_name(stored.owner_id)
            key = "ack.forwarded" if stored.status == Status.WAITING else "ack.acknowledged"
            text = i18n.text(locale, key, creator=creator)
        else:
            text = i18n.text(locale, "ack.unrouted")
        await send_paced(self.bot, message.channel, content=text)
        await self.bot.thanks.acknowledged(message.author.id)

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        """A member deleted a DM to the bot (in a DM only its author can): Handout forgets its words
        and what it carried, as retention would, so a creator whose prompt is still to come reads
        that it was deleted, not what it said. Its label and timings stay for the creator's figures."""
        if payload.guild_id is not None:
            return
        self._deleted[payload.message_id] = None
        while len(self._deleted) > _DELETED_REMEMBERED:
            self._deleted.popitem(last=False)
        if await self.bot.thanks.member_deleted(payload.message_id):
            log.info("DM %s was deleted by its member; its text is removed", payload.message_id)
            self.bot.thanks_worker.kick()  # a prompt that quoted it is due to be drawn again

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """A member edited a DM to the bot: the stored words follow, so /thanks pending and a prompt
        still to come show what they say now. A link preview arriving is an update with no edit."""
        data = payload.data
        if payload.guild_id is not None or not data.get("edited_timestamp") or "content" not in data:
            return
        if int(data.get("author", {}).get("id", 0)) == self.bot.user.id:
            return  # the bot's own messages (prompts in a creator's DM)
        if await self.bot.thanks.member_edited(payload.message_id, data["content"] or ""):
            log.info("DM %s was edited by its member; its text is updated", payload.message_id)
            self.bot.thanks_worker.kick()

    async def _creator_names(self, member_id: int) -> dict[int, str]:
        """Display names of the creators this member's DM could be for, so "thank you Cora" finds
        Cora. Looked up only when there is more than one (cached by the deliverer)."""
        names = {}
        for owner_id in await self.bot.thanks.owners_to_name(member_id):
            name = await self.bot.deliverer.creator_name(owner_id)
            if not name.startswith("<@"):  # not found: a mention is no name to look for
                names[owner_id] = name
        return names


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ThanksCommands(commands.GroupCog, group_name="thanks", group_description=_("cmd.thanks")):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="pending", description=_("cmd.thanks.pending"))
    @app_commands.describe(page=_("opt.page"))
    async def pending(self, interaction: discord.Interaction, page: app_commands.Range[int, 1, 1000] = 1) -> None:
        assert interaction.guild_id is not None
        await send_pending_page(interaction, self.bot, page - 1)

    @app_commands.command(name="stats", description=_("cmd.thanks.stats"))
    @app_commands.describe(days=_("opt.days"))
    async def stats(
        self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 3650] | None = None
    ) -> None:
        assert interaction.guild_id is not None
        # Drawing and uploading the chart may take longer than Discord's 3-second window.
        await interaction.response.defer(ephemeral=True, thinking=True)
        stats = await self.bot.stats.for_owner(interaction.user.id, interaction.guild_id, days)
        locale = interaction.locale.value
        period = tr(interaction, "stats.days", days=days) if days else tr(interaction, "stats.all_time")
        embed = discord.Embed(title=tr(interaction, "stats.title", period=period))
        embed.description = figures_text(locale, stats.overall)
        fields = [
            (title[: limits.FIELD_NAME], figures_text(locale, figures)[: limits.FIELD_VALUE])
            for title, figures in stats.per_resource.items()
        ]
        # One field per resource: with a couple of dozen they pass the 6,000 characters one message
        # may carry, so they spill into further embeds and, past 6,000, further messages. The chart
        # and the breakdown buttons go with the first.
        embeds = with_fields(embed, fields)
        embed.set_image(url=f"attachment://{CHART_FILE}")
        first = {"file": await chart_file(locale, stats), "view": breakdown_view(locale, interaction.user.id, days)}
        for n, group in enumerate(limits.pack([len(e) for e in embeds], max_items=limits.EMBEDS_PER_MESSAGE)):
            await reply_private(interaction, embeds=[embeds[i] for i in group], **(first if n == 0 else {}))

    @app_commands.command(name="export", description=_("cmd.thanks.export"))
    async def export(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await self.bot.stats.export_csv(interaction.user.id, interaction.guild_id)
        file = discord.File(io.BytesIO(data.encode("utf-8")), filename="handout-export.csv")
        await reply_private(interaction, tr(interaction, "export.ready"), file=file)


def with_fields(first: discord.Embed, fields: list[tuple[str, str]]) -> list[discord.Embed]:
    """``first``, then as many embeds as the fields need, each well under 6,000 characters and 25
    fields, so that every embed fits a message on its own."""
    embeds = [first]
    for name, value in fields:
        current = embeds[-1]
        if len(current.fields) >= limits.EMBED_FIELDS or len(current) + len(name) + len(value) > EMBED_BUDGET:
            current = discord.Embed()
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
    return embeds


def figures_text(locale: str, f: Figures) -> str:
    median = f.median_answer_seconds
    expired = "\n" + i18n.text(locale, "stats.expired", n=f.expired) if f.expired else ""
    return (
        i18n.text(
            locale,
            "stats.figures",
            deliveries=f.deliveries,
            members=f.unique_members,
            thanks=f.thanks,
            thanked=percent(f.thanked_share),
            answered=percent(f.answered_share),
            waiting=f.waiting,
            median="—" if median is None else render.ago(locale, median),
        )
        + expired
    )


async def send_pending_page(
    interaction: discord.Interaction,
    bot: HandoutBot,
    page: int,
    owner_id: int | None = None,
    guild_id: int | None = None,
) -> None:
    """``owner_id``/``guild_id``: whose pending list (a summary's button, possibly pressed in DMs);
    by default the one who asks, in this server."""
    guild_id = guild_id or interaction.guild_id
    assert guild_id is not None
    locale = interaction.locale.value
    messages, total = await bot.thanks.pending(owner_id or interaction.user.id, guild_id, page)
    if not messages:
        await reply_private(interaction, tr(interaction, "pending.none" if total == 0 else "pending.past_end"))
        return
    embed = discord.Embed(title=tr(interaction, "pending.title", total=total))
    view = discord.ui.View(timeout=None)
    files = []
    for row, message in enumerate(messages):
        resource = await bot.resources.get(message.resource_id) if message.resource_id else None
        title = safe_text.shorten(resource.title, 200) if resource else "—"
        text = render.words(locale, message, PENDING_TEXT_MAX, tr(interaction, "pending.shortened"))
        if len(safe_text.neutralise(" ".join(message.content.split()))) > PENDING_TEXT_MAX:
            # Too long for a page of four: the whole message, as the member wrote it, in a file
            # (a text file shows no markdown, so it needs no escaping).
            files.append(discord.File(io.BytesIO(message.content.encode()), filename=f"message-{message.id}.txt"))
        embed.add_field(
            name=f"{row + 1}. {render.label_text(locale, message.label)} · {title}"[: limits.FIELD_NAME],
            value=tr(
                interaction,
                "pending.item",
                member=f"<@{message.member_id}>",
                ago=render.ago(locale, bot.thanks.now() - message.received_at),
                text=text,
            )[: limits.FIELD_VALUE],
            inline=False,
        )
        add_answer_row(view, locale, message.id, row=row)
    # One reply to all who thanked, per resource thanked on this page (row 4: below the four rows).
    thanked = {m.resource_id for m in messages if m.label == Label.THANKS and m.resource_id is not None}
    for resource_id in sorted(thanked)[:5]:
        resource = await bot.resources.get(resource_id)
        button = reply_all_button(locale, resource_id, resource.title)
        button.item.row = PAGE_SIZE
        view.add_item(button)
    pages = -(-total // PAGE_SIZE)
    more = "pending.footer_more" if page + 1 < pages else "pending.footer"
    embed.set_footer(text=tr(interaction, more, page=page + 1, pages=pages, next=page + 2))
    await reply_private(interaction, embed=embed, view=view, files=files)
