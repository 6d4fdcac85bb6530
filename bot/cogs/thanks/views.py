"""Buttons and modals of the thanks loop, all persistent (ids in custom_ids, state in SQLite).

- "Say thanks / ask something" on every delivery -> a modal -> stored and routed to the creator;
- "Reply personally" / "I replied myself" / "No reply needed" on every prompt to a creator.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS, reply_private, send_dm, tr, user_by_id
from bot.cogs.errors import ReportsErrors, handle_interaction_error
from bot.cogs.thanks import render
from bot.core.classifier import classify
from bot.core.errors import Forbidden, HandoutError
from bot.core.resources import Actor
from bot.core.thanks import AnsweredHow, MemberMessage, Status

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

DMS_CLOSED = 50007
MEMBER_TEXT_MAX = 1500
REPLY_TEXT_MAX = 1800


class SayButton(ReportsErrors, discord.ui.DynamicItem[discord.ui.Button], template=r"handout:say:(?P<delivery_id>\d+)"):
    def __init__(self, delivery_id: int, label: str = "Say thanks / ask something") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.secondary, custom_id=f"handout:say:{delivery_id}"
            )
        )
        self.delivery_id = delivery_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> SayButton:
        return cls(int(match["delivery_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        delivery = await interaction.client.deliveries.get(self.delivery_id)
        if delivery.member_id != interaction.user.id:
            raise Forbidden("error.not_your_delivery")
        await interaction.response.send_modal(SayModal(interaction, self.delivery_id))


class SayModal(discord.ui.Modal):
    def __init__(self, interaction: discord.Interaction, delivery_id: int) -> None:
        super().__init__(title=tr(interaction, "say.modal_title")[:45], custom_id=f"handout:say-modal:{delivery_id}")
        self.delivery_id = delivery_id
        self.text = discord.ui.TextInput(
            label=tr(interaction, "say.field")[:45],
            style=discord.TextStyle.paragraph,
            max_length=MEMBER_TEXT_MAX,
            custom_id="text",
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction[HandoutBot]) -> None:
        bot = interaction.client
        text = self.text.value.strip()
        label = classify(text)
        message = await bot.thanks.record(
            member_id=interaction.user.id,
            source_id=interaction.id,
            text=text,
            label=label,
            via="modal",
            locale=interaction.locale.value,
            delivery_id=self.delivery_id,
            member_name=interaction.user.display_name,
        )
        bot.thanks_worker.kick()
        creator = await bot.deliverer.creator_name(message.owner_id) if message and message.owner_id else "?"
        await reply_private(interaction, tr(interaction, "say.sent", creator=creator))

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await handle_interaction_error(interaction, error)


async def actor_for(bot: HandoutBot, interaction: discord.Interaction, message: MemberMessage) -> Actor:
    """Manage Server counts only in the message's own guild: from the interaction when pressed
    there, else from the member's roles in that guild (a prompt in the creator's DMs)."""
    if interaction.user.id == message.owner_id:
        return Actor(interaction.user.id)
    if message.guild_id is None:
        return Actor(interaction.user.id)
    if interaction.guild_id == message.guild_id:
        return Actor(interaction.user.id, manages_guild=interaction.permissions.manage_guild)
    guild = bot.get_guild(message.guild_id)
    if guild is None:
        return Actor(interaction.user.id)
    try:
        member = guild.get_member(interaction.user.id)
        if member is None:
            async with bot.budget.slot(urgent=True):  # a creator pressed a button and waits
                member = await guild.fetch_member(interaction.user.id)
    except discord.HTTPException:
        return Actor(interaction.user.id)
    return Actor(interaction.user.id, manages_guild=member.guild_permissions.manage_guild)


_ANSWER_STYLES = {"reply": discord.ButtonStyle.primary, "self": discord.ButtonStyle.success}


class AnswerButton(
    ReportsErrors,
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"handout:answer:(?P<action>reply|self|none):(?P<message_id>\d+)",
):
    def __init__(self, action: str, message_id: int, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=(label or action)[:80],
                style=_ANSWER_STYLES.get(action, discord.ButtonStyle.secondary),
                custom_id=f"handout:answer:{action}:{message_id}",
            )
        )
        self.action = action
        self.message_id = message_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> AnswerButton:
        return cls(match["action"], int(match["message_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        bot = interaction.client
        message = await bot.thanks.get(self.message_id)
        actor = await actor_for(bot, interaction, message)
        bot.thanks.ensure_can_answer(message, actor)
        if message.status != Status.WAITING:
            await reply_private(interaction, render.closed_line(interaction.locale.value, message))
            return
        if self.action == "reply":
            await interaction.response.send_modal(ReplyModal(interaction, message))
            return
        status = Status.ANSWERED if self.action == "self" else Status.NO_REPLY_NEEDED
        how = AnsweredHow.THEMSELVES if self.action == "self" else None
        closed = await bot.thanks.close(message.id, actor, status, how)
        await mark_prompt_closed(interaction, closed)


_ANSWER_ID = re.compile(r"^handout:answer:(?:reply|self|none):(\d+)$")


def open_message_ids(message: discord.Message) -> list[int]:
    """The member messages a prompt (or pending list) still has buttons for, in order."""
    found: list[int] = []
    for row in message.components:
        for child in getattr(row, "children", []):
            match = _ANSWER_ID.match(getattr(child, "custom_id", None) or "")
            if match and int(match[1]) not in found:
                found.append(int(match[1]))
    return found


def updated_prompt(interaction: discord.Interaction, closed: MemberMessage) -> dict:
    """The prompt message with the closed one's row of buttons taken away and a line saying who
    answered. One message may carry several prompts (they are batched), so only that row goes."""
    assert interaction.message is not None
    locale = interaction.locale.value
    view = discord.ui.View(timeout=None)
    for row, message_id in enumerate(i for i in open_message_ids(interaction.message) if i != closed.id):
        add_answer_row(view, locale, message_id, row=row)
    line = f"#{closed.id} {render.closed_line(locale, closed)}"
    content = "\n".join(part for part in (interaction.message.content, line) if part)[-2000:]
    return {"content": content, "view": view if view.children else None, "allowed_mentions": NO_PINGS}


async def mark_prompt_closed(interaction: discord.Interaction, message: MemberMessage) -> None:
    """Take the answered message's buttons off the prompt (or the /thanks pending page)."""
    if interaction.message is None:
        await reply_private(interaction, render.closed_line(interaction.locale.value, message))
        return
    await interaction.response.edit_message(**updated_prompt(interaction, message))


class ReplyModal(discord.ui.Modal):
    def __init__(self, interaction: discord.Interaction, message: MemberMessage) -> None:
        super().__init__(title=tr(interaction, "reply.modal_title")[:45], custom_id=f"handout:reply-modal:{message.id}")
        self.message_id = message.id
        self.text = discord.ui.TextInput(
            label=tr(interaction, "reply.field")[:45],
            style=discord.TextStyle.paragraph,
            max_length=REPLY_TEXT_MAX,
            custom_id="text",
            placeholder=render.plain_snippet(message.content, 100) or None,  # no markdown in a placeholder
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction[HandoutBot]) -> None:
        bot = interaction.client
        await interaction.response.defer(ephemeral=True, thinking=True)
        message = await bot.thanks.get(self.message_id)
        actor = await actor_for(bot, interaction, message)
        bot.thanks.ensure_can_answer(message, actor)
        if message.status != Status.WAITING:
            raise HandoutError("error.already_handled", by=message.answered_by or 0, status=message.status)
        member_locale = await bot.locales.for_member(message.member_id, message.content)
        embed = render.relayed_reply_embed(
            member_locale, interaction.user.display_name, interaction.user.display_avatar.url, self.text.value
        )

        async def reply() -> dict:
            return {"embed": embed, "nonce": f"hr{message.id}"}

        try:
            member = await user_by_id(bot, message.member_id, urgent=True)
            sent = await send_dm(bot, member, reply, urgent=True)  # the creator's own words: not behind a burst
        except discord.Forbidden as exc:
            if exc.code != DMS_CLOSED:
                raise
            raise HandoutError("error.member_dms_closed") from None
        closed = await bot.thanks.close(message.id, actor, Status.ANSWERED, AnsweredHow.RELAYED, sent.id)
        await reply_private(interaction, render.closed_line(interaction.locale.value, closed))
        if interaction.message is not None and not interaction.message.flags.ephemeral:
            try:
                # The prompt is the bot's own message (not this interaction's), so edit it directly.
                async with bot.budget.slot(urgent=True):
                    await interaction.message.edit(**updated_prompt(interaction, closed))
            except discord.HTTPException as exc:
                log.info("Could not update the prompt message after a relayed reply: %s", exc)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await handle_interaction_error(interaction, error)


def add_answer_row(view: discord.ui.View, locale: str, message_id: int, row: int) -> None:
    for action, key in (("reply", "button.reply"), ("self", "button.replied_myself"), ("none", "button.no_reply")):
        button = AnswerButton(action, message_id, i18n.text(locale, key))
        button.item.row = row
        view.add_item(button)
