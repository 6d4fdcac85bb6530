"""Prompts and reminder digests already in a creator's DMs (or inbox), drawn again when a member
edits or deletes the DM they quote, or deletes their data: the creator reads the new words, and
deleted words or a deleted member's name do not stay on show there. Drawn from the database alone
(bot/core/prompt_redraws.py), so the same message comes out after a restart; only the embeds and the
answer buttons change, not the lines saying who answered."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS, shown_guild_name
from bot.cogs.retry import DiscordUnavailable, describe, with_retries
from bot.cogs.thanks import render
from bot.cogs.thanks.views import add_answer_row
from bot.core.errors import NotFound
from bot.core.prompt_redraws import PromptRedraws, Redraw, Shown
from bot.core.thanks import MemberMessage

if TYPE_CHECKING:
    from bot.app import HandoutBot
    from bot.cogs.thanks.worker import ThanksWorker

log = logging.getLogger(__name__)

BATCH = 20


async def prompt_embed(bot: HandoutBot, locale: str, quoted: list[MemberMessage]) -> discord.Embed:
    """One prompt: the member's message (or burst of messages), who wrote it and about what."""
    first = quoted[0]
    # Stored with the message; older rows (and words removed since) have none: looked up (paced).
    member_name = first.member_name or await bot.deliverer.creator_name(first.member_id)
    title = "—"
    if first.resource_id:
        try:
            title = (await bot.resources.get(first.resource_id)).title
        except NotFound:
            pass  # removed for good since: the prompt still shows the member's words
    return render.prompt_embed_many(locale, quoted, member_name, title)


def gone_embed(locale: str) -> discord.Embed:
    """Where a prompt was, once its member deleted their data: neither their words nor their name."""
    return discord.Embed(title=i18n.text(locale, "prompt.gone_title"), description=i18n.text(locale, "prompt.gone"))


async def redraw_prompts(worker: ThanksWorker) -> None:
    """Every prompt or digest message due to be drawn again (bot/core/prompt_redraws.py)."""
    for redraw in await worker.bot.prompt_redraws.due(BATCH):
        if redraw.digest_id is None:
            await _redraw_prompts(worker, redraw)
        else:
            await _redraw_digest(worker, redraw)


async def _redraw_prompts(worker: ThanksWorker, redraw: Redraw) -> None:
    bot = worker.bot
    layout = await bot.prompt_redraws.layout(redraw)
    if layout is None:
        log.info("Prompt message %s was sent before prompts kept their place: not redrawn", redraw.message_id)
        await bot.prompt_redraws.done(redraw)
        return

    async def edit() -> None:
        # Drawn afresh for each attempt (a member name may be looked up; the creator's language).
        locale = await worker._creator_locale(redraw.owner_id, redraw.guild_id)
        embeds = [
            gone_embed(locale) if shown is None else await prompt_embed(bot, locale, shown.quoted) for shown in layout
        ]
        async with bot.budget.slot(urgent=True):
            await _message(bot, redraw).edit(
                embeds=embeds, view=_answer_rows(locale, layout), allowed_mentions=NO_PINGS
            )

    await _edit(bot.prompt_redraws, redraw, edit, "Prompt")


async def _redraw_digest(worker: ThanksWorker, redraw: Redraw) -> None:
    bot = worker.bot
    digest = await bot.prompt_redraws.digest_layout(redraw)
    if digest is None or redraw.guild_id is None:
        log.info("Digest message %s was sent before digests kept their lines: not redrawn", redraw.message_id)
        await bot.prompt_redraws.done(redraw)
        return
    guild_id, shown = redraw.guild_id, digest  # narrowed, for the closure

    async def edit() -> None:
        locale = await worker._creator_locale(redraw.owner_id, guild_id)
        guild = await shown_guild_name(bot, guild_id)
        # "2 days ago" as it was when the digest was sent: the lines keep their meaning.
        embed, _ = render.digest_embed(locale, shown.items, shown.listed, guild, shown.sent_at)
        async with bot.budget.slot(urgent=True):
            await _message(bot, redraw).edit(embed=embed, allowed_mentions=NO_PINGS)

    await _edit(bot.prompt_redraws, redraw, edit, "Digest")


def _message(bot: HandoutBot, redraw: Redraw) -> discord.PartialMessage:
    return bot.get_partial_messageable(redraw.channel_id).get_partial_message(redraw.message_id)


async def _edit(redraws: PromptRedraws, redraw: Redraw, edit: Callable[[], Awaitable[None]], what: str) -> None:
    """``edit()`` the message, tried again while Discord fails; done unless it failed for now."""
    try:
        # An edit is the same whether it lands once or twice: safe to try again.
        await with_retries(edit, what=f"Redraw of {what.lower()} message {redraw.message_id}")
    except DiscordUnavailable as exc:
        # Never dropped for a passing failure: these are words a member took back.
        delay = await redraws.failed(redraw)
        log.warning("%s message %s not redrawn (%s); retrying in %ss", what, redraw.message_id, exc, delay)
        return
    except discord.NotFound:
        # The creator deleted the message, or the channel is gone: nothing left on show.
        log.info("%s message %s is gone: nothing to redraw", what, redraw.message_id)
    except discord.HTTPException as exc:
        # No access to the inbox channel any more (nobody reads it through the bot either), or
        # Discord refuses the edit itself: the same edit would be refused again.
        log.warning("%s message %s cannot be redrawn: %s", what, redraw.message_id, describe(exc))
    else:
        log.info("%s message %s redrawn", what, redraw.message_id)
    await redraws.done(redraw)


def _answer_rows(locale: str, layout: list[Shown | None]) -> discord.ui.View | None:
    """A row of answer buttons for each prompt still waiting, in the order of the embeds."""
    view = discord.ui.View(timeout=None)
    for row, shown in enumerate(shown for shown in layout if shown is not None and shown.open):
        add_answer_row(view, locale, shown.first.id, row=row)
    return view if view.children else None
