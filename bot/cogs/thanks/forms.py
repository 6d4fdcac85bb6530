"""What members and creators type into Handout's forms, handled from the submit alone.

discord.py hands a modal submit only to a Modal this process still holds in memory
(``ViewStore.dispatch_modal`` drops an unknown custom_id), so a form opened before a restart
would be submitted into nothing. Handout's forms are never held (``views.send_form``): the
custom_id carries the ids, the submit carries the text, and this one listener handles every
submit, whether this process opened the form or one before it did. Who may submit, and whether
there is still something to submit to, is checked here, at submit time.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.cogs.common import DMS_CLOSED, reply_private, send_dm, tr, user_by_id
from bot.cogs.errors import handle_interaction_error, render_error
from bot.cogs.thanks import render
from bot.cogs.thanks.views import FORM_TEXT, REPLY_FORM, SAY_FORM, actor_for, from_prompt, updated_prompt
from bot.core.classifier import classify
from bot.core.errors import Conflict, HandoutError
from bot.core.thanks import AnsweredHow, Status

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

FORM_ID = re.compile(rf"^({re.escape(SAY_FORM)}|{re.escape(REPLY_FORM)}):(\d+)$")
SEEN_KEEP = 1000  # submits remembered against a replay; a resume replays seconds, not hours


def submitted_text(data: dict[str, Any]) -> str:
    """The value of the form's text field, in either shape Discord sends it back: a label
    (type 18) around the field, or an action row (type 1) holding it."""
    for top in data.get("components", []):
        fields = [top["component"]] if "component" in top else top.get("components", [])
        for field in fields:
            if field.get("custom_id") == FORM_TEXT:
                return str(field.get("value") or "")
    return ""


class FormSubmits(commands.Cog):
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        # A gateway resume may deliver the same submit twice. A member's message is stored once
        # anyway (its source id is unique); a creator's reply must not be relayed twice, so the
        # submits handled lately are remembered here.
        self._seen: OrderedDict[int, None] = OrderedDict()

    @commands.Cog.listener()
    async def on_form_submit(self, interaction: discord.Interaction[HandoutBot]) -> None:
        # Dispatched by HandoutBot.on_interaction for modal submits only (not a task per click).
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        match = FORM_ID.match(str(data.get("custom_id", "")))
        if match is None:
            return
        if interaction.id in self._seen:
            log.info("Form submit %s seen again (a replayed event); handled once already", interaction.id)
            return
        self._seen[interaction.id] = None
        if len(self._seen) > SEEN_KEEP:
            self._seen.popitem(last=False)
        text = submitted_text(data)
        try:
            if match[1] == SAY_FORM:
                await submit_thanks(interaction, int(match[2]), text)
            else:
                await submit_reply(interaction, int(match[2]), text)
        except HandoutError as error:
            await refuse_keeping_text(interaction, render_error(interaction, error), text)
        except Exception as error:
            await handle_interaction_error(interaction, error)


async def refuse_keeping_text(interaction: discord.Interaction, reason: str, text: str) -> None:
    """Say privately why a form was not acted on, and hand the text back: it may have taken
    minutes to write, and nothing else keeps it."""
    embed = discord.Embed(title=tr(interaction, "form.not_sent"), description=text[:4000] or "—")
    try:
        await reply_private(interaction, reason, embed=embed)
    except discord.HTTPException as exc:
        log.warning("Could not answer form submit %s: %s", interaction.id, exc)


async def submit_thanks(interaction: discord.Interaction[HandoutBot], delivery_id: int, text: str) -> None:
    """A member's "Say thanks / ask something": store it and route it to the creator. Only the
    member who received the delivery can store it (``record`` refuses anyone else)."""
    bot = interaction.client
    text = text.strip()
    message = await bot.thanks.record(
        member_id=interaction.user.id,
        source_id=interaction.id,
        text=text,
        label=classify(text),
        via="modal",
        locale=interaction.locale.value,
        delivery_id=delivery_id,
        member_name=interaction.user.display_name,
    )
    if message is None:
        log.info("Form submit %s was stored before; not answering it twice", interaction.id)
        return
    bot.thanks_worker.kick()
    creator = await bot.deliverer.shown_creator_name(message.owner_id) if message.owner_id else "?"
    await reply_private(interaction, tr(interaction, "say.sent", creator=creator))


async def submit_reply(interaction: discord.Interaction[HandoutBot], message_id: int, text: str) -> None:
    """A creator's "Reply personally": carry their words to the member, labelled as theirs."""
    bot = interaction.client
    await interaction.response.defer(ephemeral=True, thinking=True)
    message = await bot.thanks.get(message_id)
    actor = await actor_for(bot, interaction, message)
    bot.thanks.ensure_can_answer(message, actor)
    if message.status != Status.WAITING:
        await refuse_keeping_text(interaction, render.closed_line(interaction.locale.value, message), text)
        return
    member_locale = await bot.locales.for_member(message.member_id, message.content)
    embed = render.relayed_reply_embed(
        member_locale, interaction.user.display_name, interaction.user.display_avatar.url, text
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
    try:
        closed = await bot.thanks.close(
            message.id, actor, Status.ANSWERED, AnsweredHow.RELAYED, sent.id, with_prompt=from_prompt(interaction)
        )
        bot.thanks_worker.kick()  # a summary counting it is due for an edit
    except Conflict:
        closed = await bot.thanks.get(message.id)  # closed by someone else meanwhile; the reply did go out
    await reply_private(interaction, render.closed_line(interaction.locale.value, closed))
    if interaction.message is not None and not interaction.message.flags.ephemeral:
        try:
            # The prompt is the bot's own message (not this interaction's), so edit it directly.
            async with bot.budget.slot(urgent=True):
                await interaction.message.edit(**updated_prompt(interaction, closed))
        except discord.HTTPException as exc:
            log.info("Could not update the prompt message after a relayed reply: %s", exc)
