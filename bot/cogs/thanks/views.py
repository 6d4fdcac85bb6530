"""Buttons and modals of the thanks loop, all persistent (ids in custom_ids, state in SQLite).

- "Say thanks / ask something" on every delivery -> a modal -> stored and routed to the creator;
- "Reply personally" / "I replied myself" / "No reply needed" on every prompt to a creator.

The forms (modals) are persistent too: their custom_ids carry the ids, and what is typed into them
is handled by bot/cogs/thanks/forms.py, in this process or the next one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS, reply_private, tr
from bot.cogs.errors import ReportsErrors
from bot.cogs.thanks import render
from bot.core.errors import Forbidden
from bot.core.resources import Actor
from bot.core.thanks import AnsweredHow, MemberMessage, Status

if TYPE_CHECKING:
    from bot.app import HandoutBot

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
        await send_form(interaction, SayModal(interaction, self.delivery_id))


SAY_FORM = "handout:say-modal"
REPLY_FORM = "handout:reply-modal"
FORM_TEXT = "text"  # the custom_id of the one text field of each form


async def send_form(interaction: discord.Interaction, form: discord.ui.Modal) -> None:
    """Open a form that discord.py does not keep in memory. A member may type for minutes, and
    a modal kept in memory dies with the process (a deploy, a crash): the submit would find
    nothing and their words would be lost. So the form is stopped before it is sent (discord.py
    stores only a modal that is not finished), and every submit, in this process or after a
    restart, takes the same path: ``FormSubmits`` in forms.py, from the custom_id alone."""
    form.stop()
    await interaction.response.send_modal(form)


class SayModal(discord.ui.Modal):
    """The shape of the member's form; its submit is handled in forms.py."""

    def __init__(self, interaction: discord.Interaction, delivery_id: int) -> None:
        super().__init__(title=tr(interaction, "say.modal_title")[:45], custom_id=f"{SAY_FORM}:{delivery_id}")
        self.delivery_id = delivery_id
        self.text = discord.ui.TextInput(
            label=tr(interaction, "say.field")[:45],
            style=discord.TextStyle.paragraph,
            max_length=MEMBER_TEXT_MAX,
            custom_id=FORM_TEXT,
        )
        self.add_item(self.text)


async def actor_for(bot: HandoutBot, interaction: discord.Interaction, message: MemberMessage) -> Actor:
    return await actor_in(bot, interaction, message.owner_id, message.guild_id)


async def actor_in(
    bot: HandoutBot, interaction: discord.Interaction, owner_id: int | None, guild_id: int | None
) -> Actor:
    """Manage Server counts only in the message's own guild: from the interaction when pressed
    there, else from the member's roles in that guild (a prompt in the creator's DMs)."""
    if interaction.user.id == owner_id:
        return Actor(interaction.user.id)
    if guild_id is None:
        return Actor(interaction.user.id)
    if interaction.guild_id == guild_id:
        return Actor(interaction.user.id, manages_guild=interaction.permissions.manage_guild)
    guild = bot.get_guild(guild_id)
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
            await send_form(interaction, ReplyModal(interaction, message))
            return
        status = Status.ANSWERED if self.action == "self" else Status.NO_REPLY_NEEDED
        how = AnsweredHow.THEMSELVES if self.action == "self" else None
        closed = await bot.thanks.close(message.id, actor, status, how, with_prompt=from_prompt(interaction))
        bot.thanks_worker.kick()  # a summary counting it is due for an edit
        await mark_prompt_closed(interaction, closed)


def from_prompt(interaction: discord.Interaction) -> bool:
    """Pressed on a prompt (one message may quote a member's whole burst), not on the private
    /thanks pending page, which lists each message with its own buttons."""
    return interaction.message is not None and not interaction.message.flags.ephemeral


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
    """The shape of the creator's form; its submit is handled in forms.py."""

    def __init__(self, interaction: discord.Interaction, message: MemberMessage) -> None:
        super().__init__(title=tr(interaction, "reply.modal_title")[:45], custom_id=f"{REPLY_FORM}:{message.id}")
        self.message_id = message.id
        self.text = discord.ui.TextInput(
            label=tr(interaction, "reply.field")[:45],
            style=discord.TextStyle.paragraph,
            max_length=REPLY_TEXT_MAX,
            custom_id=FORM_TEXT,
            placeholder=render.plain_snippet(message.content, 100) or None,  # no markdown in a placeholder
        )
        self.add_item(self.text)


def add_answer_row(view: discord.ui.View, locale: str, message_id: int, row: int) -> None:
    for action, key in (("reply", "button.reply"), ("self", "button.replied_myself"), ("none", "button.no_reply")):
        button = AnswerButton(action, message_id, i18n.text(locale, key))
        button.item.row = row
        view.add_item(button)
