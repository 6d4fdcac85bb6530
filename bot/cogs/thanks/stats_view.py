"""/thanks stats at a glance: the weekly chart under the figures, and the per-resource and
per-person breakdowns a click away (persistent buttons: the custom_id carries the owner's id and
the period, everything else is read again when pressed)."""

from __future__ import annotations

import asyncio
import io
import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS, reply_private
from bot.cogs.errors import ReportsErrors
from bot.cogs.thanks import render
from bot.core.chart import ChartLabels, chart_text, render_chart
from bot.core.errors import Forbidden
from bot.core.stats import Stats

if TYPE_CHECKING:
    from bot.app import HandoutBot

CHART_FILE = "handout-stats.png"
# Discord's limit for an attachment's description (its alt text, what screen readers read).
ALT_TEXT_MAX = 1024
# An embed description holds 4096 characters; leave room for the "more not shown" line.
_DESCRIPTION_CHARS = 3800


def period_text(locale: str, days: int | None) -> str:
    return i18n.text(locale, "stats.days", days=days) if days else i18n.text(locale, "stats.all_time")


def _median(locale: str, seconds: float | None) -> str:
    return "—" if seconds is None else render.ago(locale, seconds)


async def chart_file(locale: str, stats: Stats) -> discord.File:
    """The chart as an attachment whose alt text holds the same numbers, week by week."""
    overall = stats.overall
    share = overall.answered_share
    labels = ChartLabels(
        title=i18n.text(locale, "stats.chart.title", period=period_text(locale, stats.days)),
        summary=i18n.text(
            locale,
            "stats.chart.summary",
            answered="—" if share is None else f"{share:.0%}",
            median=_median(locale, overall.median_answer_seconds),
        ),
        deliveries=i18n.text(locale, "stats.chart.deliveries"),
        thanks=i18n.text(locale, "stats.chart.thanks"),
        answered=i18n.text(locale, "stats.chart.answered"),
        note=i18n.text(locale, "stats.chart.note"),
    )
    # Off the event loop: a few tens of milliseconds of drawing must not stall the gateway.
    data = await asyncio.to_thread(render_chart, stats.weeks, labels)
    alt = chart_text(stats.weeks, i18n.text(locale, "stats.chart.alt"), ALT_TEXT_MAX)
    return discord.File(io.BytesIO(data), filename=CHART_FILE, description=alt)


def breakdown_view(locale: str, owner_id: int, days: int | None) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(StatsButton("resources", owner_id, days or 0, i18n.text(locale, "stats.button.resources")))
    view.add_item(StatsButton("people", owner_id, days or 0, i18n.text(locale, "stats.button.people")))
    return view


def _cut(locale: str, lines: list[str]) -> str:
    """Lines up to an embed description's room, then how many more were left out."""
    kept: list[str] = []
    size = 0
    for number, line in enumerate(lines):
        if size + len(line) + 2 > _DESCRIPTION_CHARS:
            kept.append(i18n.text(locale, "stats.cut", count=len(lines) - number))
            break
        kept.append(line)
        size += len(line) + 2
    return "\n\n".join(kept)


def resources_embed(locale: str, stats: Stats) -> discord.Embed:
    from bot.cogs.thanks.cog import figures_text  # the same figures as the stats reply

    title = i18n.text(locale, "stats.resources.title", period=period_text(locale, stats.days))
    lines = [
        f"**{discord.utils.escape_markdown(name)}**\n{figures_text(locale, figures)}"
        for name, figures in stats.per_resource.items()
    ]
    return discord.Embed(title=title, description=_cut(locale, lines) or i18n.text(locale, "stats.resources.none"))


def people_embed(locale: str, stats: Stats) -> discord.Embed:
    title = i18n.text(locale, "stats.people.title", period=period_text(locale, stats.days))
    lines = [
        # A mention in an embed shows the name and pings nobody.
        i18n.text(
            locale,
            "stats.people.line",
            who=f"<@{person.user_id}>",
            count=person.answered,
            median=_median(locale, person.median_seconds),
        )
        for person in stats.people
    ]
    return discord.Embed(title=title, description=_cut(locale, lines) or i18n.text(locale, "stats.people.none"))


class StatsButton(
    ReportsErrors,
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"handout:stats:(?P<part>resources|people):(?P<owner_id>\d+):(?P<days>\d+)",
):
    """A breakdown of the stats of ``owner_id`` in this guild (``days`` 0: all time)."""

    def __init__(self, part: str, owner_id: int, days: int, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=(label or part)[:80],
                style=discord.ButtonStyle.secondary,
                custom_id=f"handout:stats:{part}:{owner_id}:{days}",
            )
        )
        self.part = part
        self.owner_id = owner_id
        self.days = days

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> StatsButton:
        return cls(match["part"], int(match["owner_id"]), int(match["days"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        # /thanks stats shows each creator their own figures: so does every button under it.
        if interaction.guild_id is None or interaction.user.id != self.owner_id:
            raise Forbidden("error.not_allowed")
        stats = await interaction.client.stats.for_owner(self.owner_id, interaction.guild_id, self.days or None)
        locale = interaction.locale.value
        embed = resources_embed(locale, stats) if self.part == "resources" else people_embed(locale, stats)
        await reply_private(interaction, embed=embed, allowed_mentions=NO_PINGS)
