"""/privacy, continued: "Export my data" and "Never DM me", and the retention job.

Buttons carry the member's id in their custom_id (persistent across restarts) and refuse anyone
else: /privacy answers privately, but a custom_id can be replayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import reply_private, tr
from bot.cogs.errors import ReportsErrors
from bot.core.errors import Forbidden
from bot.core.member_data import UPLOAD_LIMIT, encode_export

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

RETENTION_INTERVAL_SECONDS = 3600.0


def _check_owner(interaction: discord.Interaction, user_id: int) -> None:
    if interaction.user.id != user_id:
        raise Forbidden("error.not_your_data")


class ExportMyDataButton(
    ReportsErrors, discord.ui.DynamicItem[discord.ui.Button], template=r"handout:privacy:export:(?P<user>\d+)"
):
    def __init__(self, user_id: int, label: str = "Export my data") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.primary, custom_id=f"handout:privacy:export:{user_id}"
            )
        )
        self.user_id = user_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> ExportMyDataButton:
        return cls(int(match["user"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        _check_owner(interaction, self.user_id)
        bot = interaction.client
        await interaction.response.defer(ephemeral=True, thinking=True)
        # Server names make the file readable; the ids are in it either way.
        names = await bot.all_guilds()
        data = await bot.member_data.export(self.user_id, names)
        summary = data["summary"]
        settings = data["settings"]
        text = tr(
            interaction,
            "privacy.export_ready",
            deliveries=summary["deliveries"],
            servers=summary["servers"],
            messages=summary["messages"],
            answered=summary["messages_answered_by_a_human"],
            removed=summary["messages_whose_text_was_removed"],
            language=settings["language"] or tr(interaction, "privacy.none"),
            never_dm=tr(interaction, "word.yes" if settings["never_dm"] else "word.no"),
        )
        data["readable_summary"] = text
        limit = min(UPLOAD_LIMIT, getattr(interaction, "filesize_limit", UPLOAD_LIMIT) or UPLOAD_LIMIT)
        # Encoding a large history takes a moment of CPU: off the event loop, so clicks go on.
        filename, payload = await asyncio.to_thread(encode_export, data, limit)
        if filename.endswith(".gz"):
            text += "\n" + tr(interaction, "privacy.export_packed")
        await reply_private(interaction, text, file=discord.File(io.BytesIO(payload), filename=filename))
        log.info("Exported %d bytes of data to member %s", len(payload), self.user_id)


class NeverDmButton(
    ReportsErrors, discord.ui.DynamicItem[discord.ui.Button], template=r"handout:privacy:dm:(?P<user>\d+):(?P<on>[01])"
):
    """Sets "never DM me" to ``on`` (1) or back to off (0)."""

    def __init__(self, user_id: int, never_dm: bool, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=(label or ("Never DM me" if never_dm else "DMs are fine again"))[:80],
                style=discord.ButtonStyle.secondary,
                custom_id=f"handout:privacy:dm:{user_id}:{int(never_dm)}",
            )
        )
        self.user_id = user_id
        self.never_dm = never_dm

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> NeverDmButton:
        return cls(int(match["user"]), match["on"] == "1")

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        _check_owner(interaction, self.user_id)
        now = await interaction.client.member_data.set_never_dm(self.user_id, self.never_dm)
        view = discord.ui.View(timeout=None)
        view.add_item(never_dm_button(interaction.locale.value, self.user_id, now))
        await reply_private(interaction, tr(interaction, f"privacy.never_dm_{'on' if now else 'off'}"), view=view)


def never_dm_button(locale: str, user_id: int, never_dm_now: bool) -> NeverDmButton:
    """The button that changes the member's current choice the other way."""
    key = "button.allow_dm" if never_dm_now else "button.never_dm"
    return NeverDmButton(user_id, not never_dm_now, i18n.text(locale, key))


async def add_rights(bot: HandoutBot, user_id: int, locale: str, embed: discord.Embed, view: discord.ui.View) -> None:
    """What /privacy shows beyond the summary: how resources reach the member, and the buttons."""
    never_dm = await bot.member_data.never_dm(user_id)
    embed.add_field(
        name=i18n.text(locale, "privacy.delivery_field"),
        value=i18n.text(locale, "privacy.delivery.never_dm" if never_dm else "privacy.delivery.dm"),
        inline=False,
    )
    view.add_item(ExportMyDataButton(user_id, i18n.text(locale, "button.export_my_data")))
    view.add_item(never_dm_button(locale, user_id, never_dm))


class RetentionJob:
    """Removes members' message text past each guild's retention period: on start, then hourly,
    and at once when a guild changes the setting. Idempotent, working only from the database, so
    a restart (or a crash mid-sweep) loses nothing: the next run picks up where it is."""

    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="handout-retention")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def kick(self) -> None:
        self._wake.set()

    async def _run(self) -> None:
        while not self.bot.is_closed():
            self._wake.clear()
            try:
                removed = await self.bot.retention.sweep()
                if removed:
                    log.info("Retention: removed the text of %d member message(s)", removed)
            except Exception:
                log.exception("Retention sweep failed; trying again later")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), RETENTION_INTERVAL_SECONDS)
