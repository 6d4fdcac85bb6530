"""The /thanks stats chart: weekly buckets from real SQLite, and a deterministic PNG."""

from __future__ import annotations

import io
import json
import time

import pytest
from PIL import Image

from bot.core.chart import FIGURES_KEY, HEIGHT, WIDTH, ChartLabels, chart_text, render_chart, week_label
from bot.core.classifier import Label
from bot.core.deliveries import DeliveryService
from bot.core.stats import StatsService
from bot.core.thanks import AnsweredHow, Status, ThanksService
from bot.core.weekly import MAX_WEEKS, WEEK_SECONDS, Week, week_start
from tests.test_thanks import ADMIN, ALICE, BOB, GUILD, MAYA, deliver, record


@pytest.fixture
def thanks(db, clock) -> ThanksService:
    return ThanksService(db, clock=clock)


@pytest.fixture
def deliveries(db, clock) -> DeliveryService:
    return DeliveryService(db, clock=clock)


LABELS = ChartLabels(
    title="Per week, laatste 365 dagen",
    summary="Beantwoord door een mens: 67% · mediane tijd tot antwoord: 3 u",
    deliveries="Leveringen",
    thanks="Bedankjes",
    answered="Menselijke antwoorden",
    note="Weken beginnen op maandag, UTC.",
)


def a_year(seed: int = 0) -> list[Week]:
    first = week_start(1_800_000_000) - 51 * WEEK_SECONDS
    return [Week(first + i * WEEK_SECONDS, (i * 37 + seed) % 300, (i * 7) % 40, (i * 5) % 30) for i in range(52)]


def test_weeks_start_on_monday_utc() -> None:
    start = week_start(1_800_000_000)  # a Friday
    assert time.gmtime(start)[6:7] == (0,) and time.gmtime(start)[3:6] == (0, 0, 0)  # Monday 00:00:00
    assert 0 <= 1_800_000_000 - start < WEEK_SECONDS
    assert week_start(start) == start and week_start(start - 1) == start - WEEK_SECONDS


def test_the_chart_is_a_png_of_the_expected_size_carrying_what_it_drew() -> None:
    weeks = a_year()
    data = render_chart(weeks, LABELS)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    assert json.loads(image.text[FIGURES_KEY]) == [[w.start, w.deliveries, w.thanks, w.answered] for w in weeks]
    # Something was drawn in each series' colour.
    colours = {colour for _, colour in image.getcolors(WIDTH * HEIGHT)}
    assert {(88, 101, 242), (230, 126, 34), (0, 140, 110)} <= colours


def test_the_chart_is_deterministic() -> None:
    assert render_chart(a_year(), LABELS) == render_chart(a_year(), LABELS)
    assert render_chart(a_year(), LABELS) != render_chart(a_year(seed=1), LABELS)
    assert render_chart([], LABELS) == render_chart([], LABELS)  # nothing yet: an empty chart


def test_the_text_has_the_charts_numbers_newest_first_within_the_limit() -> None:
    weeks = a_year()
    text = chart_text(weeks, "Per week:", 1024)
    lines = text.split("\n")
    assert lines[0] == "Per week:" and len(text) <= 1024
    shown = [w for w in reversed(weeks) if w.deliveries or w.thanks or w.answered]
    for line, week in zip(lines[1:], shown, strict=False):
        if line != "…":
            assert line == f"{week_label(week.start)}: {week.deliveries}/{week.thanks}/{week.answered}"
    assert len(chart_text(weeks, "Per week:", 200)) <= 200 and chart_text(weeks, "h", 200).endswith("…")


async def test_stats_count_each_week_and_who_answered(db, resources, deliveries, thanks, clock) -> None:
    monday = week_start(int(clock.now))
    clock.now = monday - 2 * 86400  # Saturday of the week before
    await deliver(resources, deliveries, ALICE, 10)
    first = await record(thanks, ALICE, 500)
    clock.now = monday + 3600  # Monday of this week
    await deliver(resources, deliveries, BOB, 20)
    second = await record(thanks, BOB, 501, label=Label.QUESTION, text="does it work in Sheets?")
    await thanks.close(first.id, MAYA, Status.ANSWERED, AnsweredHow.THEMSELVES)
    clock.now += 600
    await thanks.close(second.id, ADMIN, Status.ANSWERED, AnsweredHow.RELAYED, reply_message_id=9)

    stats = await StatsService(db, clock=clock).for_owner(MAYA.user_id, GUILD, days=30)
    assert len(stats.weeks) in (5, 6) and stats.weeks[-1].start == monday
    assert stats.weeks[-2] == Week(monday - WEEK_SECONDS, deliveries=1, thanks=1, answered=0)
    assert stats.weeks[-1] == Week(monday, deliveries=1, thanks=0, answered=2)  # answers count when given
    assert sum(w.deliveries for w in stats.weeks) == stats.overall.deliveries
    people = [(p.user_id, p.answered, p.median_seconds) for p in stats.people]
    assert sorted(people) == sorted([(MAYA.user_id, 1, 2 * 86400 + 3600), (ADMIN.user_id, 1, 600)])

    all_time = await StatsService(db, clock=clock).for_owner(MAYA.user_id, GUILD)
    assert [w.start for w in all_time.weeks] == [monday - WEEK_SECONDS, monday]  # from the first event
    clock.now += 10 * 365 * 86400
    years = await StatsService(db, clock=clock).for_owner(MAYA.user_id, GUILD)
    assert len(years.weeks) == MAX_WEEKS and years.weeks[-1].start == week_start(int(clock.now))
