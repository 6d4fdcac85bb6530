"""How long /thanks stats takes to draw its chart for a year (52 weeks). Not a test: a number.

    .venv/bin/python -m bench.chart              # 50 renders of a busy year, median and slowest
    .venv/bin/python -m bench.chart --runs 200

Also times the figures behind it: StatsService.for_owner over a year of rows (20,000 deliveries,
2,000 messages) in a temporary SQLite database, the query and the weekly buckets together.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from bot.core.chart import ChartLabels, render_chart
from bot.core.stats import StatsService
from bot.core.weekly import WEEK_SECONDS, Week, week_start
from bot.db.database import Database
from bot.db.migrate import migrate

LABELS = ChartLabels(
    title="Week by week, last 365 days",
    summary="Answered by a human: 67% · median time to answer: 3 h",
    deliveries="Deliveries",
    thanks="Thank-yous",
    answered="Human answers",
    note="Weeks start on Monday, UTC. Bars: deliveries; lines: thank-yous and human answers.",
)
NOW = 1_800_000_000
OWNER, GUILD = 1001, 111


def a_year() -> list[Week]:
    rnd = random.Random(13)
    first = week_start(NOW) - 51 * WEEK_SECONDS
    return [
        Week(first + i * WEEK_SECONDS, rnd.randint(0, 800), rnd.randint(0, 60), rnd.randint(0, 50)) for i in range(52)
    ]


def time_renders(runs: int) -> list[float]:
    weeks = a_year()
    render_chart(weeks, LABELS)  # the first call loads the fonts
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        render_chart(weeks, LABELS)
        took.append(time.perf_counter() - start)
    return took


async def time_figures(folder: Path) -> float:
    db = Database(folder / "handout.db")
    await db.connect()
    try:
        await migrate(db)
        rnd = random.Random(7)
        await db.transaction(_fill, rnd)
        start = time.perf_counter()
        stats = await StatsService(db, clock=lambda: NOW).for_owner(OWNER, GUILD, days=365)
        took = time.perf_counter() - start
        assert len(stats.weeks) in (52, 53) and stats.overall.deliveries == 20_000
        return took
    finally:
        await db.close()


def _fill(conn, rnd: random.Random) -> None:
    conn.execute(
        "INSERT INTO resources (id, guild_id, owner_id, name, title, url, created_at, updated_at)"
        " VALUES (1, ?, ?, 'plan', 'Plan', 'https://e.com', ?, ?)",
        (GUILD, OWNER, NOW, NOW),
    )
    year = 364 * 86400
    for i in range(20_000):
        at = NOW - rnd.randrange(year)
        conn.execute(
            "INSERT INTO deliveries (id, resource_id, guild_id, member_id, requested_via, delivered_via, status,"
            " source_id, requested_at, delivered_at) VALUES (?, 1, ?, ?, 'button', 'dm', 'delivered', ?, ?, ?)",
            (i + 1, GUILD, 5000 + i % 3000, 10_000 + i, at, at),
        )
    for i in range(2_000):
        at = NOW - rnd.randrange(year)
        answered = rnd.random() < 0.7
        conn.execute(
            "INSERT INTO member_messages (member_id, guild_id, owner_id, resource_id, delivery_id, source_id, label,"
            " via, content, status, answered_by, answered_how, received_at, answered_at)"
            " VALUES (?, ?, ?, 1, ?, ?, 'thanks', 'dm', 'thanks!', ?, ?, ?, ?, ?)",
            (5000 + i, GUILD, OWNER, i + 1, 90_000 + i, "answered" if answered else "waiting",
             OWNER if answered else None, "themselves" if answered else None, at,
             at + rnd.randrange(86400) if answered else None),
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    took = time_renders(runs)
    median, slowest = statistics.median(took) * 1000, max(took) * 1000
    print(f"render, 52 weeks, {runs} runs: median {median:.1f} ms, max {slowest:.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(time_figures(Path(folder)))
    print(f"figures for a year (20,000 deliveries, 2,000 messages): {figures * 1000:.0f} ms")


if __name__ == "__main__":
    main()
