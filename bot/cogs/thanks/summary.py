"""The summary a creator gets instead of a flood of prompts: one message per destination and
creator, edited in place while a burst lasts, rebuilt from the database each time (right after a
restart), with a button that opens the messages in /thanks pending."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot import i18n
from bot.cogs.common import GUILD_NAME_ROOM, NO_PINGS, guild_name
from bot.cogs.errors import ReportsErrors
from bot.cogs.retry import DiscordUnavailable
from bot.cogs.thanks.cog import send_pending_page
from bot.cogs.thanks.reply_all import reply_all_button
from bot.core import limits, safe_text
from bot.core.errors import Forbidden
from bot.core.inbox_flow import SummaryCount

if TYPE_CHECKING:
    from bot.app import HandoutBot
    from bot.cogs.thanks.worker import ThanksWorker

log = logging.getLogger(__name__)


def summary_embed(locale: str, counts: list[SummaryCount], guild_name: str | None = None) -> discord.Embed:
    """ "2 questions and 23 new thank-yous about The checklist", questions first, per resource.

    ``guild_name``: the server the summary is about. A creator whose inbox is their DMs gets one
    summary per server, and without it could not tell them apart. It is the server owner's text:
    neutralised, and shortened so that the title stays within Discord's limit."""
    per_resource: dict[int | None, list[SummaryCount]] = {}
    for count in counts:
        per_resource.setdefault(count.resource_id, []).append(count)
    lines = []
    for group in per_resource.values():
        parts = [i18n.text(locale, f"summary.count.{c.label}", n=c.n) for c in group]
        title = safe_text.shorten(group[0].title, 200) or "—"
        lines.append(
            i18n.text(locale, "summary.line", counts=i18n.text(locale, "summary.and").join(parts), resource=title)
        )
    total = sum(c.n for c in counts)
    if guild_name is None:
        title = i18n.text(locale, "summary.title", n=total)
    else:
        title = i18n.text(locale, "summary.title_in", n=total, guild=safe_text.shorten(guild_name, GUILD_NAME_ROOM))
    embed = discord.Embed(
        title=title[: limits.EMBED_TITLE],
        description="\n".join(lines)[: limits.EMBED_DESCRIPTION] or i18n.text(locale, "summary.all_done"),
    )
    embed.set_footer(text=i18n.text(locale, "summary.footer"))
    embed.timestamp = discord.utils.utcnow()
    return embed


def summary_view(locale: str, owner_id: int, guild_id: int | None, counts: list[SummaryCount]) -> discord.ui.View:
    """Open them in /thanks pending; and for each resource with thank-yous, one reply to all."""
    view = discord.ui.View(timeout=None)
    view.add_item(SummaryButton(owner_id, guild_id or 0, i18n.text(locale, "summary.button")))
    thanked = {c.resource_id: c.title for c in counts if c.label == "thanks" and c.resource_id is not None}
    for resource_id, title in list(thanked.items())[:4]:
        view.add_item(reply_all_button(locale, resource_id, title))
    return view


async def send_summary(worker: ThanksWorker, row: Any) -> None:
    """Post the summary, or edit it in place (one request, no new message)."""
    bot = worker.bot
    flow = bot.inbox_flow
    owner_id, guild_id = row["owner_id"], row["guild_id"]
    message_id = row["message_id"]
    try:
        # Where the creator gets prompts now: the inbox channel it was saved for may have been
        # deleted or turned off since. Editing it there would count thank-yous where nobody looks
        # (or fail on a channel that is gone): they are shown afresh where the prompts go.
        target = await worker._destination(owner_id, guild_id)
        if target.id != row["channel_id"]:
            if await flow.move_summary(row["id"], target.id, owner_id, guild_id) is None:
                log.info("Summary %s merged into the open summary at %s", row["id"], target.id)
                return
            log.info("Summary %s moved from %s to %s", row["id"], row["channel_id"], target.id)
            message_id = None
    except (discord.HTTPException, DiscordUnavailable) as exc:
        await flow.summary_failed(row["id"], row["attempts"], str(exc), message_gone=False)
        log.warning("Summary %s not shown (%s); will retry", row["id"], exc)
        return
    locale = await worker._creator_locale(owner_id, guild_id)
    counts = await flow.summary_counts(row["id"])
    name = await guild_name(bot, guild_id) if guild_id is not None else None
    embed = summary_embed(locale, counts, name)
    view = summary_view(locale, owner_id, guild_id, counts)
    posted_in = None  # where a post went: the DMs, if the inbox refused it for good
    try:
        if message_id is None:
            # The attempt in the nonce: after a crash the same post is recognised; after the message
            # was deleted, a new one is not mistaken for it.
            sent = await worker._send(
                owner_id, guild_id, embed=embed, view=view, nonce=f"hs{row['id']}-{row['attempts']}"
            )
            message_id, posted_in = sent.id, sent.channel.id
        else:
            message = bot.get_partial_messageable(row["channel_id"]).get_partial_message(message_id)
            async with bot.budget.slot(urgent=True):
                await message.edit(embed=embed, view=view, allowed_mentions=NO_PINGS)
    except discord.NotFound as exc:
        await flow.summary_failed(row["id"], row["attempts"], str(exc), message_gone=True)
        return
    except (discord.HTTPException, DiscordUnavailable) as exc:
        await flow.summary_failed(row["id"], row["attempts"], str(exc), message_gone=False)
        log.warning("Summary %s not shown (%s); will retry", row["id"], exc)
        return
    await flow.summary_shown(row["id"], message_id, row["version"], channel_id=posted_in)
    log.info("Summary %s for creator %s shown as message %s", row["id"], owner_id, message_id)


class SummaryButton(
    ReportsErrors,
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"handout:summary:(?P<owner_id>\d+):(?P<guild_id>\d+)",
):
    """Opens the creator's /thanks pending, privately, right under the summary."""

    def __init__(self, owner_id: int, guild_id: int, label: str = "/thanks pending") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.primary, custom_id=f"handout:summary:{owner_id}:{guild_id}"
            )
        )
        self.owner_id = owner_id
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> SummaryButton:
        return cls(int(match["owner_id"]), int(match["guild_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        manager = interaction.guild_id == self.guild_id and interaction.permissions.manage_guild
        if interaction.user.id != self.owner_id and not manager:
            raise Forbidden("error.not_your_message", owner_id=self.owner_id)
        await send_pending_page(interaction, interaction.client, 0, owner_id=self.owner_id, guild_id=self.guild_id)
