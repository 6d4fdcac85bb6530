"""Reply to all who thanked: one personal reply from the creator, carried to each member's DMs.

The button sits under the summary and on /thanks pending; the form is persistent like the others
(custom_id carries the resource id; who may send, and to whom, is decided at submit time), and
the sends go through an outbox the thanks worker empties (bot/core/reply_all.py).
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot import i18n
from bot.cogs.common import DMS_CLOSED, reply_private, send_dm, tr, user_by_id
from bot.cogs.errors import ReportsErrors, handle_interaction_error, render_error
from bot.cogs.retry import DiscordUnavailable
from bot.cogs.thanks.forms import refuse_keeping_text, submitted_text
from bot.cogs.thanks.views import FORM_TEXT, REPLY_TEXT_MAX, actor_in, send_form
from bot.core import safe_text
from bot.core.errors import Forbidden, HandoutError
from bot.core.reply_all import ReplyAllSend

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

REPLY_ALL_FORM = "handout:replyall-modal"
FORM_ID = re.compile(rf"^{re.escape(REPLY_ALL_FORM)}:(\d+)$")
DAYS_FIELD = "days"
DEFAULT_DAYS = "7"
SEEN_KEEP = 1000


def reply_all_button(locale: str, resource_id: int, title: str) -> ReplyAllButton:
    return ReplyAllButton(resource_id, i18n.text(locale, "replyall.button", resource=title[:40]))


class ReplyAllButton(
    ReportsErrors, discord.ui.DynamicItem[discord.ui.Button], template=r"handout:replyall:(?P<resource_id>\d+)"
):
    def __init__(self, resource_id: int, label: str = "Reply to all who thanked") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.success, custom_id=f"handout:replyall:{resource_id}"
            )
        )
        self.resource_id = resource_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> ReplyAllButton:
        return cls(int(match["resource_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        bot = interaction.client
        resource = await bot.resources.get(self.resource_id)
        actor = await actor_in(bot, interaction, resource.owner_id, resource.guild_id)
        if actor.user_id != resource.owner_id and not actor.manages_guild:
            raise Forbidden("error.not_your_message", owner_id=resource.owner_id)
        await send_form(interaction, ReplyAllModal(interaction, self.resource_id))


class ReplyAllModal(discord.ui.Modal):
    """The shape of the form; its submit is handled by ``ReplyAllForms`` below, in any process."""

    def __init__(self, interaction: discord.Interaction, resource_id: int) -> None:
        super().__init__(
            title=tr(interaction, "replyall.modal_title")[:45], custom_id=f"{REPLY_ALL_FORM}:{resource_id}"
        )
        self.add_item(
            discord.ui.TextInput(
                label=tr(interaction, "replyall.field")[:45],
                style=discord.TextStyle.paragraph,
                max_length=REPLY_TEXT_MAX,
                custom_id=FORM_TEXT,
            )
        )
        self.add_item(
            discord.ui.TextInput(
                label=tr(interaction, "replyall.days")[:45],
                style=discord.TextStyle.short,
                max_length=2,
                default=DEFAULT_DAYS,
                custom_id=DAYS_FIELD,
            )
        )


def submitted_field(data: dict[str, Any], custom_id: str) -> str:
    for top in data.get("components", []):
        fields = [top["component"]] if "component" in top else top.get("components", [])
        for field in fields:
            if field.get("custom_id") == custom_id:
                return str(field.get("value") or "")
    return ""


class ReplyAllForms(commands.Cog):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._seen: OrderedDict[int, None] = OrderedDict()

    @commands.Cog.listener()
    async def on_form_submit(self, interaction: discord.Interaction[HandoutBot]) -> None:
        # Dispatched by HandoutBot.on_interaction for modal submits only (not a task per click).
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        match = FORM_ID.match(str(data.get("custom_id", "")))
        if match is None or interaction.id in self._seen:
            return
        self._seen[interaction.id] = None
        if len(self._seen) > SEEN_KEEP:
            self._seen.popitem(last=False)
        text = submitted_text(data).strip()
        try:
            await submit_reply_all(interaction, int(match[1]), text, submitted_field(data, DAYS_FIELD))
        except HandoutError as error:
            await refuse_keeping_text(interaction, render_error(interaction, error), text)
        except Exception as error:
            await handle_interaction_error(interaction, error)


async def submit_reply_all(
    interaction: discord.Interaction[HandoutBot], resource_id: int, text: str, days: str
) -> None:
    bot = interaction.client
    await interaction.response.defer(ephemeral=True, thinking=True)
    resource = await bot.resources.get(resource_id)
    actor = await actor_in(bot, interaction, resource.owner_id, resource.guild_id)
    try:
        period = int(days.strip() or DEFAULT_DAYS)
    except ValueError:
        raise HandoutError("error.reply_all_days") from None
    queued = await bot.reply_all.queue(
        source_id=interaction.id,
        resource_id=resource.id,
        owner_id=resource.owner_id,
        guild_id=resource.guild_id,
        resource_title=resource.title,
        actor=actor,
        author_name=interaction.user.display_name,
        author_avatar=interaction.user.display_avatar.url,
        text=text,
        days=period,
    )
    if queued is None:
        log.info("Reply-to-all form %s was queued before; not twice", interaction.id)
        return
    bot.thanks_worker.kick()
    log.info("Reply to all %s queued for %d member(s) of resource %s", queued.reply_all_id, queued.members, resource.id)
    title = safe_text.shorten(resource.title, 200)
    await reply_private(interaction, tr(interaction, "replyall.queued", n=queued.members, resource=title))


def reply_all_embed(locale: str, send: ReplyAllSend, resource_title: str) -> discord.Embed:
    """The creator's own words, labelled as theirs and as written to everyone who thanked."""
    embed = discord.Embed(description=send.content)
    author = i18n.text(locale, "replyall.author", creator=send.author_name, resource=resource_title)
    embed.set_author(name=author[:256], icon_url=send.author_avatar)
    embed.set_footer(text=i18n.text(locale, "replyall.footer", creator=send.author_name))
    return embed


async def send_reply_alls(bot: HandoutBot) -> None:
    """Empty the outbox: each member once (a nonce per row), DMs closed = back to pending."""
    for send in await bot.reply_all.due_sends():
        try:
            resource = await bot.resources.get(send.resource_id)
            locale = await bot.locales.for_member(send.member_id)
            embed = reply_all_embed(locale, send, resource.title)

            async def build(embed: discord.Embed = embed, send: ReplyAllSend = send) -> dict:
                return {"embed": embed, "nonce": f"ha{send.id}"}

            member = await user_by_id(bot, send.member_id, urgent=True)
            sent = await send_dm(bot, member, build, urgent=True)
        except discord.Forbidden as exc:
            if exc.code == DMS_CLOSED:
                await bot.reply_all.undeliverable(send, f"discord {exc.status} {exc.code}: {exc.text}")
                log.info(
                    "Reply to all %s: member %s has DMs closed; back to pending", send.reply_all_id, send.member_id
                )
            else:
                await bot.reply_all.failed(send, f"discord {exc.status} {exc.code}: {exc.text}")
            continue
        except (discord.HTTPException, DiscordUnavailable, HandoutError) as exc:
            await bot.reply_all.failed(send, repr(exc))
            log.warning(
                "Reply to all %s to member %s not sent (%s); will retry", send.reply_all_id, send.member_id, exc
            )
            continue
        await bot.reply_all.sent(send, sent.id)
