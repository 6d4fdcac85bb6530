"""Small helpers every cog uses: who is acting, in which language, and how to answer privately."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from bot import i18n
from bot.cogs.retry import with_retries
from bot.core.resources import Actor

if TYPE_CHECKING:
    from bot.app import HandoutBot

# Every message the bot sends pings nobody. The client default is set to this as well; passing
# it explicitly where user text is involved documents the intent at the call site.
NO_PINGS = discord.AllowedMentions.none()


def locale_of(interaction: discord.Interaction) -> str:
    return interaction.locale.value


def tr(interaction: discord.Interaction, key: str, **params: Any) -> str:
    """The message ``key`` in the language of the person who triggered the interaction."""
    return i18n.text(locale_of(interaction), key, **params)


def actor_of(interaction: discord.Interaction) -> Actor:
    # interaction.permissions are the member's resolved permissions in this channel, as sent by
    # Discord with the interaction: no extra request, and no privileged members intent needed.
    return Actor(user_id=interaction.user.id, manages_guild=interaction.permissions.manage_guild)


async def reply_private(interaction: discord.Interaction, content: str | None = None, **kwargs: Any) -> None:
    """Answer privately, as the first response or as a followup if the interaction was deferred."""
    kwargs.setdefault("allowed_mentions", NO_PINGS)
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=True, **kwargs)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


async def user_by_id(bot: HandoutBot, user_id: int, *, urgent: bool = False) -> discord.User:
    """From the cache when discord.py has the user, else fetched (one request, paced).

    ``urgent``, here and below: for what a creator is waiting on (see ``RequestBudget.slot``)."""
    user = bot.get_user(user_id)
    if user is None:
        async with bot.budget.slot(urgent=urgent):
            user = await bot.fetch_user(user_id)
    return user


async def dm_channel(bot: HandoutBot, user: discord.abc.User, *, urgent: bool = False) -> discord.DMChannel:
    """The user's DM channel, opening it (one request, paced) if we have not yet."""
    if user.dm_channel is None:
        async with bot.budget.slot(urgent=urgent):
            return await user.create_dm()
    return user.dm_channel


async def send_dm(
    bot: HandoutBot, user: discord.abc.User, build: Callable[[], Awaitable[dict[str, Any]]], *, urgent: bool = False
) -> discord.Message:
    """Send to the user's DM, opening it first if needed.

    The one or two requests are paced as one unit (see ``RequestBudget.slot``), and the message is
    built by ``build`` only when its turn comes: in a burst, thousands of deliveries wait here, and
    none of them should hold a copy of the file while it waits. ``build`` must not make requests of
    its own through the budget (it would queue behind everyone waiting).
    """
    # One nonce for every attempt (discord.py would draw a new one per send): a retry after a
    # lost answer then gets the first message back instead of sending a second.
    nonce = secrets.randbits(63)

    async def attempt() -> discord.Message:
        # Each attempt takes its own turn: a retry is a request like any other.
        async with bot.budget.slot(1 if user.dm_channel is not None else 2, urgent=urgent):
            kwargs = await build()
            kwargs.setdefault("allowed_mentions", NO_PINGS)
            kwargs.setdefault("nonce", nonce)
            channel = user.dm_channel or await user.create_dm()
            return await channel.send(**kwargs)

    return await with_retries(attempt, what=f"DM to user {user.id}")


async def send_paced(
    bot: HandoutBot, channel: discord.abc.Messageable, *, urgent: bool = False, spare: bool = False, **kwargs: Any
) -> discord.Message:
    """channel.send, after taking a token from the bot's request budget (see bot/cogs/budget.py),
    tried again after a transient failure (see bot/cogs/retry.py). One nonce for every attempt,
    so a retry after a lost answer returns the first message; not for files (read once)."""
    kwargs.setdefault("allowed_mentions", NO_PINGS)
    kwargs.setdefault("nonce", secrets.randbits(63))

    async def attempt() -> discord.Message:
        async with bot.budget.slot(urgent=urgent, spare=spare):
            return await channel.send(**kwargs)

    return await with_retries(attempt, what=f"message to channel {getattr(channel, 'id', '?')}")
