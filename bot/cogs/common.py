"""Small helpers every cog uses: who is acting, in which language, and how to answer privately."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from types import EllipsisType
from typing import TYPE_CHECKING, Any

import discord

from bot import i18n
from bot.cogs.retry import with_retries
from bot.core import safe_text
from bot.core.also_sent import AlsoSent
from bot.core.resources import Actor

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

# Every message the bot sends pings nobody. The client default is set to this as well; passing
# it explicitly where user text is involved documents the intent at the call site.
NO_PINGS = discord.AllowedMentions.none()
DMS_CLOSED = 50007  # "Cannot send messages to this user": no shared server, or DMs closed

GUILD_NAME_ROOM = 100  # Discord's server names have at most 100 characters


def locale_of(interaction: discord.Interaction) -> str:
    return interaction.locale.value


def tr(interaction: discord.Interaction, key: str, **params: Any) -> str:
    """The message ``key`` in the language of the person who triggered the interaction."""
    return i18n.text(locale_of(interaction), key, **params)


async def answer_dm(bot: HandoutBot, message: discord.Message, *, spare: bool = False, **kwargs: Any) -> None:
    """``send_paced`` into the DM ``message`` came from. A 50007 to someone who just wrote to us means
    they share no server with the bot (a stranger, or removed from their last one): remembered, so
    their next DMs cost no request."""
    try:
        await send_paced(bot, message.channel, spare=spare, **kwargs)
    except discord.Forbidden as exc:
        if exc.code != DMS_CLOSED:
            raise
        log.info("Could not answer DM %s of %s: no shared server (50007)", message.id, message.author.id)
        bot.membership.unreachable(message.author.id)


def also_sent_of(message: discord.Message) -> AlsoSent:
    """The stickers and files a member's message carried, by name."""
    return AlsoSent.of([s.name for s in message.stickers], [a.filename for a in message.attachments])


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


async def guild_name(bot: HandoutBot, guild_id: int) -> str:
    """The server's name from this process's cache; in a cluster, a server on another process's
    shard is named from the database; its id when the name is not known at all."""
    guild = bot.get_guild(guild_id)
    if guild is not None:
        return guild.name
    return (await bot.all_guilds()).get(guild_id) or str(guild_id)


async def shown_guild_name(bot: HandoutBot, guild_id: int) -> str:
    """The server's name for a message that renders markdown. A server's name is its owner's
    words: "[Handout support](https://…)" must not become a live link inside the bot's message."""
    return safe_text.shorten(await guild_name(bot, guild_id), GUILD_NAME_ROOM)


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


# Discord's answers for a stored DM channel id that is not this bot's DM with the member: Unknown
# Channel (10003) for an id it does not know; Missing Access (50001) for a channel that exists but
# has the bot as no recipient (a database restored under another bot application: that bot's DM
# with the member). Either way the id is stale: forgotten, and the DM opened again. Not 50007
# ("Cannot send messages to this user"): the channel is right, the member's DMs are closed to us.
UNKNOWN_CHANNEL = 10003
MISSING_ACCESS = 50001


def _is_stale_dm(exc: discord.HTTPException, channel: object) -> bool:
    stale = isinstance(exc, discord.NotFound | discord.Forbidden) and exc.code in (UNKNOWN_CHANNEL, MISSING_ACCESS)
    return stale and _is_stored_dm(channel)


def _stored_dm(bot: HandoutBot, channel_id: int) -> discord.PartialMessageable:
    # Sending needs only the id: no request to open the DM again.
    return bot.get_partial_messageable(channel_id, type=discord.ChannelType.private)


def _is_stored_dm(channel: object) -> bool:
    return isinstance(channel, discord.PartialMessageable) and channel.type is discord.ChannelType.private


async def _remember_dm(bot: HandoutBot, user_id: int, channel_id: int) -> None:
    try:
        await bot.dm_channels.remember(user_id, channel_id)
    except Exception:  # the message went out; the next send opens the DM again, that is all
        log.exception("Could not store the DM channel of user %s", user_id)


async def dm_channel(bot: HandoutBot, user: discord.abc.User, *, urgent: bool = False) -> discord.abc.Messageable:
    """The user's DM channel: discord.py's, else the stored one, else opened (one request, paced)
    and stored. Send to it with ``send_paced``, which forgets a stored one Discord no longer knows."""
    if user.dm_channel is not None:
        return user.dm_channel
    stored = await bot.dm_channels.stored(user.id)
    if stored is not None:
        return _stored_dm(bot, stored)
    async with bot.budget.slot(urgent=urgent):
        channel = await user.create_dm()
    await _remember_dm(bot, user.id, channel.id)
    return channel


async def send_dm(
    bot: HandoutBot,
    user: discord.abc.User,
    build: Callable[[], Awaitable[dict[str, Any]]],
    *,
    urgent: bool = False,
    stored: int | EllipsisType | None = ...,
) -> discord.Message:
    """Send to the user's DM, opening it first if needed.

    The one or two requests are paced as one unit (see ``RequestBudget.slot``), and the message is
    built by ``build`` only when its turn comes: in a burst, thousands of deliveries wait here, and
    none of them should hold a copy of the file while it waits. ``build`` must not make requests of
    its own through the budget (it would queue behind everyone waiting).

    ``stored``: the user's DM channel id as stored, when the caller read it already (a delivery
    reads it with its row), None if none is; the caller then stores a new one (``sent.channel.id``)
    in its own next write. Left out, it is looked up when discord.py has no DM channel for the user,
    and a DM channel opened here is stored here.
    """
    # One nonce for every attempt (discord.py would draw a new one per send): a retry after a
    # lost answer then gets the first message back instead of sending a second.
    nonce = secrets.randbits(63)
    channel: discord.abc.Messageable | None = user.dm_channel
    looked_up = channel is None and stored is ...
    if looked_up:
        stored = await bot.dm_channels.stored(user.id)
    if channel is None and isinstance(stored, int):
        channel = _stored_dm(bot, stored)

    async def attempt() -> discord.Message:
        nonlocal channel
        # Each attempt takes its own turn: a retry is a request like any other.
        async with bot.budget.slot(1 if channel is not None else 2, urgent=urgent):
            kwargs = await build()
            kwargs.setdefault("allowed_mentions", NO_PINGS)
            kwargs.setdefault("nonce", nonce)
            if channel is None:
                channel = await user.create_dm()
            return await channel.send(**kwargs)

    what = f"DM to user {user.id}"
    try:
        sent = await with_retries(attempt, what=what)
    except (discord.NotFound, discord.Forbidden) as exc:
        if not _is_stale_dm(exc, channel):
            raise
        assert channel is not None
        log.info("The stored DM channel of user %s is not ours (%s); opening a new one", user.id, exc.code)
        await bot.dm_channels.forget(channel.id)
        stored, channel = None, None
        sent = await with_retries(attempt, what=what)
    # Not when discord.py had the channel (not worth a read per send): a delivery, which reads the
    # stored one with its row, stores it.
    if looked_up and sent.channel.id != stored:
        await _remember_dm(bot, user.id, sent.channel.id)
    return sent


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

    try:
        return await with_retries(attempt, what=f"message to channel {getattr(channel, 'id', '?')}")
    except (discord.NotFound, discord.Forbidden) as exc:
        if _is_stale_dm(exc, channel):
            # A stale stored DM channel (see ``dm_channel``): the next attempt opens a new one.
            await bot.dm_channels.forget(channel.id)
        raise
