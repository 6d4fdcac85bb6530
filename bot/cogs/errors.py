"""One error handler for every app command and component.

A domain error (HandoutError) becomes a clear private reply in the user's language. Anything else
is a bug: the traceback goes to the log with a short code, and the user sees that code to quote.
"""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot import i18n
from bot.cogs.common import locale_of, reply_private, tr
from bot.cogs.retry import DiscordUnavailable
from bot.core.errors import HandoutError

log = logging.getLogger(__name__)


def explain(locale: str, error: BaseException, where: object) -> str:
    """What to tell a member about ``error``, in ``locale``: a domain error's own text; anything
    else is a bug, logged with its traceback under a short code that the member's text quotes.
    One place for both the interaction handler below and a delivery finishing in its own task
    (bot/cogs/delivery/deliver.py), which has no interaction any more. ``where``: for the log."""
    if isinstance(error, HandoutError):
        return i18n.text(locale, error.key, **error.params)
    code = secrets.token_hex(3)
    log.error("Unexpected error [%s] in %s", code, where, exc_info=error)
    return i18n.text(locale, "error.unexpected", code=code)


def render_error(interaction: discord.Interaction, error: HandoutError) -> str:
    """``explain`` for a domain error raised while answering ``interaction``: its text in the
    language of whoever triggered it (a form handing back what was written uses this)."""
    return explain(locale_of(interaction), error, interaction.data)


async def handle_interaction_error(interaction: discord.Interaction, error: Exception) -> None:
    original = getattr(error, "original", error)
    if interaction.client.is_closed():
        # Shutting down: the HTTP session is gone, so there is no one to tell. A delivery left
        # unfinished is still pending and is completed after the next start.
        log.info("Shutting down; interaction %s left unfinished: %r", interaction.id, original)
        return
    if isinstance(original, DiscordUnavailable):
        # Not a bug: Discord kept failing after our retries. Trying again later can help.
        log.warning("Interaction %s not completed: %s", interaction.id, original)
        message = tr(interaction, "error.discord_unavailable")
    elif isinstance(error, app_commands.CheckFailure):
        message = tr(interaction, "error.not_allowed")
    else:
        command = interaction.command.qualified_name if interaction.command else interaction.data
        message = explain(locale_of(interaction), original, command)
    try:
        await reply_private(interaction, message)
    except discord.HTTPException as exc:
        # The interaction may have expired (10062) or the reply itself failed: log, don't loop.
        log.warning("Could not tell the user about an error: %s", exc)


class ReportsErrors:
    """Mixed into every persistent item (before ``discord.ui.DynamicItem``): discord.py only logs
    what a component callback raises, so this reports it to the user the way ``HandoutTree`` does
    for commands. Items implement ``pressed`` instead of ``callback``."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.pressed(interaction)
        except Exception as error:
            await handle_interaction_error(interaction, error)

    async def pressed(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class HandoutTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await handle_interaction_error(interaction, error)
