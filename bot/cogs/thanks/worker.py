"""Sends what the thanks loop queued: creator prompts and reminder digests.

Both live in SQLite outboxes, so nothing is lost on a crash: after a restart the worker picks up
whatever is still queued. A failed send is retried with a growing delay, never dropped; only a
prompt Discord refuses for its content (400) is set aside with the reason, since it would be refused
again unchanged, and the message stays in /thanks pending.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import dm_channel, send_paced, shown_guild_name, user_by_id
from bot.cogs.retry import DiscordUnavailable
from bot.cogs.thanks import render
from bot.cogs.thanks.inbox import InboxGuard, is_permanent
from bot.cogs.thanks.redraw import prompt_embed, redraw_prompts
from bot.cogs.thanks.reply_all import send_reply_alls
from bot.cogs.thanks.summary import send_summary
from bot.cogs.thanks.views import add_answer_row
from bot.core import limits
from bot.core.inbox import InboxProblem
from bot.core.inbox_flow import MessagePlaces
from bot.core.thanks import MemberMessage

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

IDLE_SECONDS = 60.0  # look for new digests at least this often
BATCH = 50
PROMPTS_PER_MESSAGE = limits.ACTION_ROWS  # a row of three buttons per prompt
PACE_WINDOW_SECONDS = 60  # the pace counts the prompt messages of the last minute (bot/core/inbox_flow.py)
Prompt = tuple[int, int, MemberMessage]  # (prompt id, attempts so far, message)


class ThanksWorker:
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.inbox = InboxGuard(bot)
        self._next_expiry = 0.0  # time.monotonic() of the next look for expired messages

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="handout-thanks-worker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def kick(self) -> None:
        """Something was queued: look now rather than at the next tick."""
        self._wake.set()

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while not self.bot.is_closed():
            # Cleared before the pass, not after it: a kick while the pass runs, or while the next
            # due time is looked up, must wake the next wait rather than be wiped out (a message
            # stored just then would otherwise wait up to IDLE_SECONDS for its prompt).
            self._wake.clear()
            try:
                await self.run_once()
            except Exception:
                log.exception("Thanks worker pass failed; trying again shortly")
            waits = [
                w
                for w in (
                    await self.bot.thanks.seconds_until_next_prompt(),
                    await self.bot.inbox_flow.seconds_until_next_summary(),
                    await self.bot.prompt_redraws.seconds_until_next(),
                    await self.bot.reply_all.seconds_until_next_send(),
                )
                if w is not None
            ]
            wait = min(waits) if waits else None
            timeout = IDLE_SECONDS if wait is None else min(IDLE_SECONDS, max(0.05, wait))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    async def run_once(self) -> None:
        # Prompts for one creator go out together, up to PROMPTS_PER_MESSAGE in one message:
        # Discord allows about 5 messages per 5 seconds in a channel, so a burst of thanks would
        # otherwise trickle in at one a second.
        by_destination: dict[tuple[int | None, int | None], list[tuple[int, int, MemberMessage]]] = {}
        for prompt in await self.bot.thanks.due_prompts(BATCH):
            message = prompt[2]
            by_destination.setdefault((message.owner_id, message.guild_id), []).append(prompt)
        for prompts in by_destination.values():
            await self._send_prompts_to(prompts)
        await self._update_summaries()
        await redraw_prompts(self)
        await send_reply_alls(self.bot)
        if time.monotonic() >= self._next_expiry:
            # Days are the unit: once a minute is plenty, and a burst kicks this worker per message.
            self._next_expiry = time.monotonic() + IDLE_SECONDS
            expired = await self.bot.inbox_flow.expire()
            if expired:
                log.info("%d waiting message(s) passed their server's expire_days: no answer given", expired)
        await self.bot.thanks.queue_due_digests()
        for digest_id, owner_id, guild_id, attempts in await self.bot.thanks.due_digests(BATCH):
            await self._send_digest(digest_id, owner_id, guild_id, attempts)

    async def _destination(self, owner_id: int, guild_id: int | None) -> discord.abc.Messageable:
        """The guild's inbox channel when one is set and still private, else the creator's DMs.

        Checked before every send against discord.py's cache, which Discord keeps current: an inbox
        that became readable by others is turned off before anything more is posted there."""
        if guild_id is not None:
            channel = await self.inbox.usable(guild_id)
            if channel is not None:
                return channel
        return await dm_channel(self.bot, await user_by_id(self.bot, owner_id, urgent=True), urgent=True)

    async def _send(
        self,
        owner_id: int,
        guild_id: int | None,
        moved: Callable[[int], Awaitable[bool]] | None = None,
        **kwargs: object,
    ) -> discord.Message:
        """Send to the destination; if the inbox refuses us for good (access lost, channel deleted),
        turn it off and send to the creator's DMs instead, rather than retrying there for ever.
        ``moved(channel id)``: told of that new destination first; False (it is at its pace, for a
        prompt) sends nothing and raises ``AtPace``."""
        target = await self._destination(owner_id, guild_id)
        try:
            return await send_paced(self.bot, target, urgent=True, **kwargs)
        except discord.HTTPException as exc:
            if guild_id is None or not isinstance(target, discord.TextChannel) or not is_permanent(exc):
                raise
            await self.inbox.give_up(guild_id, target.id, InboxProblem("inbox.problem.refused", {}))
        fallback = await self._destination(owner_id, guild_id)
        if moved is not None and not await moved(fallback.id):
            raise AtPace(fallback.id)
        return await send_paced(self.bot, fallback, urgent=True, **kwargs)

    async def _creator_locale(self, owner_id: int, guild_id: int | None) -> str:
        guild = self.bot.get_guild(guild_id) if guild_id else None
        guild_locale = guild.preferred_locale.value if guild else None
        known = await self.bot.locales.last_known(owner_id)
        return known or guild_locale or i18n.DEFAULT_LANGUAGE

    async def _send_prompts_to(self, prompts: list[Prompt]) -> None:
        """All due prompts of one creator, packed into messages by size as well as by count: five
        long ones together would pass Discord's 6,000 characters of embeds and be refused."""
        first = prompts[0][2]
        try:
            # Read before their words: a change after this is redrawn once sent (bot/db/prompt_redraws.py).
            read = await self.bot.thanks.quoted_versions([prompt_id for prompt_id, _, _ in prompts])
            assert first.owner_id is not None
            locale = await self._creator_locale(first.owner_id, first.guild_id)
            embeds = [
                await prompt_embed(self.bot, locale, await self.bot.thanks.prompt_messages(prompt_id, message))
                for prompt_id, _, message in prompts
            ]
            target = await self._destination(first.owner_id, first.guild_id)
        except (discord.HTTPException, DiscordUnavailable, AssertionError) as exc:
            await self._retry_later(prompts, exc)
            return
        groups = limits.pack([len(embed) for embed in embeds], max_items=PROMPTS_PER_MESSAGE)
        # At most a few prompt messages a minute per destination: past that, one summary message
        # (edited in place) counts them, and every message waits in /thanks pending.
        # Reserved in the database, not just counted: another process's worker may be sending to
        # the same destination right now. Released once the sends are recorded (they count then).
        places = await self.bot.inbox_flow.places(target.id, len(groups))
        over: list[int] = []
        try:
            for group in groups:
                over += await self._send_prompts(locale, [(prompts[i], embeds[i]) for i in group], places, read)
        finally:
            await places.release()
        # A prompt still to be told apart from a refused batch's others may be the one Discord refuses:
        # it waits for a place rather than be counted as waiting to be shown.
        suspects = await self.bot.thanks.refused_in_batch(over)
        if suspects:
            await self._wait_for_place([p for p in prompts if p[0] in suspects], None)
            over = [prompt_id for prompt_id in over if prompt_id not in suspects]
        if over:
            # The places' destination: the DMs if the inbox refused us for good meanwhile.
            channel_id = places.channel_id
            summary_id = await self.bot.inbox_flow.summarise(over, channel_id, first.owner_id, first.guild_id)
            log.info(
                "Destination %s is at its pace: %d prompt(s) counted in summary %s", channel_id, len(over), summary_id
            )

    async def _update_summaries(self) -> None:
        for row in await self.bot.inbox_flow.due_summaries():
            await send_summary(self, row)

    async def _send_prompts(
        self,
        locale: str,
        batch: list[tuple[Prompt, discord.Embed]],
        places: MessagePlaces,
        read: dict[int, int],
        refused: discord.HTTPException | None = None,
    ) -> list[int]:
        """One message to the creator: each member message as an embed with its row of buttons.
        Takes one of the destination's places; the prompts left without one (to be counted in the
        summary instead) are returned. ``read``: each prompt's ``quoted_version`` as it was drawn.
        ``refused``: the batch is part of one Discord refused."""
        place = await places.take()

        async def moved(channel_id: int) -> bool:
            # The inbox refused us for good: the message goes to the DMs, with a place there.
            nonlocal place
            place = await places.move_to(channel_id)
            return place is not None

        if place is None:
            if refused is not None:
                # One of these may be the prompt Discord refuses: not counted in the summary as
                # waiting to be shown, but sent again (and split again) once there is room.
                await self._wait_for_place([prompt for prompt, _ in batch], refused)
                return []
            return [prompt_id for (prompt_id, _, _), _ in batch]
        # Read in a batch, then sent one creator message after another (at Discord's pace): a
        # member may delete their data meanwhile, and their words must not go out after that.
        queued = await self.bot.thanks.still_queued([(prompt_id, message) for (prompt_id, _, message), _ in batch])
        batch = [(prompt, embed) for prompt, embed in batch if prompt[0] in queued]
        if not batch:
            places.give_back(place)
            return []
        first = batch[0][0][2]
        prompts = [prompt for prompt, _ in batch]
        try:
            assert first.owner_id is not None
            view = discord.ui.View(timeout=None)
            for row, ((_, _, message), _) in enumerate(batch):
                add_answer_row(view, locale, message.id, row=row)
            # Urgent (in _send): the creator's prompt goes ahead of members' acknowledgements.
            sent = await self._send(
                first.owner_id,
                first.guild_id,
                moved,
                content=i18n.text(locale, "prompt.intro", owner=f"<@{first.owner_id}>"),
                # Sent again after a crash, the same batch gets the first message back from Discord;
                # a different batch gets a different nonce, so no prompt is marked sent unseen.
                nonce="hp" + hashlib.sha1(",".join(str(p[0]) for p in prompts).encode()).hexdigest()[:20],
                embeds=[embed for _, embed in batch],
                view=view,
            )
        except AtPace:
            # Nothing sent: counted in the summary at the new destination like any prompt past the
            # pace, or, for a part of a refused batch, waits for room there.
            if refused is not None:
                await self._wait_for_place(prompts, refused)
                return []
            return [prompt_id for prompt_id, _, _ in prompts]
        except discord.HTTPException as exc:
            if not _refused_for_good(exc):
                # The place stays taken: the message may have gone out all the same.
                await self._retry_later(prompts, exc)
                return []
            places.give_back(place)  # refused: no message
            if len(batch) > 1:
                # Which prompt Discord objects to is not said in a way worth parsing: halve the
                # batch until the refused one is alone, so the others still reach the creator.
                # Each half is a message, with a place of its own.
                half = len(batch) // 2
                log.warning("Discord refused a batch of %d prompts (%s); splitting it", len(batch), exc)
                over = await self._send_prompts(locale, batch[:half], places, read, exc)
                return over + await self._send_prompts(locale, batch[half:], places, read, exc)
            prompt_id, _, message = prompts[0]
            await self.bot.thanks.prompt_refused(prompt_id, _describe(exc))
            log.error("Prompt %s for message %s refused by Discord, set aside: %s", prompt_id, message.id, exc)
            return []
        except (DiscordUnavailable, AssertionError) as exc:
            await self._retry_later(prompts, exc)
            return []
        for position, (prompt_id, _, message) in enumerate(prompts):
            await self.bot.thanks.prompt_sent(
                prompt_id,
                sent.channel.id,
                sent.id,
                (position, len(prompts)),
                first=message,
                read_version=read.get(prompt_id),
            )
            log.info("Prompted creator %s about message %s (%s)", message.owner_id, message.id, message.label)
        assert place is not None  # taken, or taken again at the new destination (else AtPace)
        places.used(place)
        return []

    async def _retry_later(self, prompts: list[Prompt], exc: Exception) -> None:
        """A passing failure (Discord down, a 5xx, the creator's DMs closed for now): same again later."""
        for prompt_id, attempts, message in prompts:
            delay = await self.bot.thanks.prompt_failed(prompt_id, attempts, _describe(exc))
            log.warning("Prompt %s for message %s not sent (%s); retrying in %ss", prompt_id, message.id, exc, delay)

    async def _wait_for_place(self, prompts: list[Prompt], refused: discord.HTTPException | None) -> None:
        """Queued again for when the destination's minute has room (the pace counts a minute)."""
        error = "destination at its pace" if refused is None else _describe(refused)
        for prompt_id, _, message in prompts:
            await self.bot.thanks.prompt_waits_for_place(prompt_id, error, PACE_WINDOW_SECONDS)
            log.info("Prompt %s for message %s may be refused by Discord; waits for a place", prompt_id, message.id)

    async def _send_digest(self, digest_id: int, owner_id: int, guild_id: int, attempts: int) -> None:
        items = await self.bot.thanks.digest_items(owner_id, guild_id)
        if not items:
            await self.bot.thanks.digest_sent(digest_id)  # all answered meanwhile: nothing to remind
            return
        locale = await self._creator_locale(owner_id, guild_id)
        guild = await shown_guild_name(self.bot, guild_id)
        embed, shown = render.digest_embed(locale, list(items[:20]), len(items), guild, time.time())
        try:
            sent = await self._send(owner_id, guild_id, embed=embed, nonce=f"hg{digest_id}")
        except (discord.HTTPException, DiscordUnavailable) as exc:
            await self.bot.thanks.digest_failed(digest_id, attempts, _describe(exc))
            log.warning("Digest %s for %s not sent (%s); will retry", digest_id, owner_id, exc)
            return
        await self.bot.thanks.digest_sent(digest_id, sent.channel.id, sent.id, len(items), items[:shown])
        log.info("Sent a reminder digest of %d message(s) to creator %s", len(items), owner_id)


class AtPace(Exception):
    """The inbox refused a prompt for good and the creator's DMs, where it would go instead, are at
    their pace: nothing was sent."""


def _refused_for_good(exc: discord.HTTPException) -> bool:
    """400 Bad Request (50035 Invalid Form Body and its kin): Discord objects to the message itself,
    and would refuse it again unchanged. A 403 or 404 is about the destination (DMs closed, the inbox
    channel gone), which the creator can fix, so those keep the growing-delay retry."""
    return exc.status == 400


def _describe(exc: Exception) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"discord {exc.status} {exc.code}: {exc.text}"
    return repr(exc)
