"""Sends what the thanks loop queued: creator prompts and reminder digests.

Both live in SQLite outboxes, so nothing is lost on a crash: after a restart the worker picks up
whatever is still queued. A failed send is retried with a growing delay, never dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS
from bot.cogs.thanks import render
from bot.cogs.thanks.views import answer_view
from bot.core.thanks import MemberMessage

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

IDLE_SECONDS = 60.0  # look for new digests at least this often
BATCH = 20


class ThanksWorker:
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

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
            try:
                await self.run_once()
            except Exception:
                log.exception("Thanks worker pass failed; trying again shortly")
            wait = await self.bot.thanks.seconds_until_next_prompt()
            timeout = IDLE_SECONDS if wait is None else min(IDLE_SECONDS, max(0.05, wait))
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    async def run_once(self) -> None:
        for prompt_id, attempts, message in await self.bot.thanks.due_prompts(BATCH):
            await self._send_prompt(prompt_id, attempts, message)
        await self.bot.thanks.queue_due_digests()
        for digest_id, owner_id, guild_id, attempts in await self.bot.thanks.due_digests(BATCH):
            await self._send_digest(digest_id, owner_id, guild_id, attempts)

    async def _destination(self, owner_id: int, guild_id: int | None) -> discord.abc.Messageable:
        """The guild's inbox channel when one is set, else the creator's DMs."""
        if guild_id is not None:
            settings = await self.bot.guild_settings.get(guild_id)
            if settings.inbox_channel_id:
                channel = self.bot.get_channel(settings.inbox_channel_id)
                if isinstance(channel, discord.abc.Messageable):
                    return channel
        user = self.bot.get_user(owner_id) or await self.bot.fetch_user(owner_id)
        return user.dm_channel or await user.create_dm()

    async def _creator_locale(self, owner_id: int, guild_id: int | None) -> str:
        guild = self.bot.get_guild(guild_id) if guild_id else None
        guild_locale = guild.preferred_locale.value if guild else None
        known = await self.bot.locales.last_known(owner_id)
        return known or guild_locale or i18n.DEFAULT_LANGUAGE

    async def _send_prompt(self, prompt_id: int, attempts: int, message: MemberMessage) -> None:
        try:
            assert message.owner_id is not None
            locale = await self._creator_locale(message.owner_id, message.guild_id)
            member_name = await self.bot.deliverer.creator_name(message.member_id)
            resource = await self.bot.resources.get(message.resource_id) if message.resource_id else None
            embed = render.prompt_embed(locale, message, member_name, resource.title if resource else "—")
            target = await self._destination(message.owner_id, message.guild_id)
            sent = await target.send(
                content=i18n.text(locale, "prompt.intro", owner=f"<@{message.owner_id}>"),
                embed=embed,
                view=answer_view(locale, message.id),
                allowed_mentions=NO_PINGS,
            )
        except (discord.HTTPException, AssertionError) as exc:
            delay = await self.bot.thanks.prompt_failed(prompt_id, attempts, _describe(exc))
            log.warning("Prompt %s for message %s not sent (%s); retrying in %ss", prompt_id, message.id, exc, delay)
            return
        await self.bot.thanks.prompt_sent(prompt_id, sent.channel.id, sent.id)
        log.info("Prompted creator %s about message %s (%s)", message.owner_id, message.id, message.label)

    async def _send_digest(self, digest_id: int, owner_id: int, guild_id: int, attempts: int) -> None:
        items = await self.bot.thanks.digest_items(owner_id, guild_id)
        if not items:
            await self.bot.thanks.digest_sent(digest_id)  # all answered meanwhile: nothing to remind
            return
        locale = await self._creator_locale(owner_id, guild_id)
        now = time.time()
        guild = self.bot.get_guild(guild_id)
        lines = [
            i18n.text(
                locale,
                "digest.line",
                label=render.label_text(locale, m.label),
                member=f"<@{m.member_id}>",
                ago=render.ago(locale, now - m.received_at),
                text=render.snippet(m.content),
            )
            for m in items[:20]
        ]
        if len(items) > 20:
            lines.append(i18n.text(locale, "digest.more", n=len(items) - 20))
        embed = discord.Embed(
            title=i18n.text(locale, "digest.title", n=len(items), guild=guild.name if guild else guild_id),
            description="\n".join(lines)[:4000],
        )
        embed.set_footer(text=i18n.text(locale, "digest.footer"))
        try:
            target = await self._destination(owner_id, guild_id)
            await target.send(embed=embed, allowed_mentions=NO_PINGS)
        except discord.HTTPException as exc:
            await self.bot.thanks.digest_failed(digest_id, attempts, _describe(exc))
            log.warning("Digest %s for %s not sent (%s); will retry", digest_id, owner_id, exc)
            return
        await self.bot.thanks.digest_sent(digest_id)
        log.info("Sent a reminder digest of %d message(s) to creator %s", len(items), owner_id)


def _describe(exc: Exception) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"discord {exc.status} {exc.code}: {exc.text}"
    return repr(exc)
