"""Week-by-week figures and who answered: what the /thanks stats chart and its breakdowns show.

Weeks are UTC and start on Monday 00:00, so a chart reads the same on every machine and for every
creator, whatever their time zone.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WEEK_SECONDS = 7 * 86400
# 1970-01-01 was a Thursday: the first Monday 00:00 UTC is four days after the epoch.
_FIRST_MONDAY = 4 * 86400
# All time can span years: a chart of more weeks than this shows the newest ones only (each week
# still gets a few pixels; the text says which weeks are shown).
MAX_WEEKS = 104
# The labels whose answers count as "human answers" (as in bot/core/stats.py).
_HUMAN_LABELS = ("thanks", "question", "other")

Row = Mapping[str, Any]


def week_start(timestamp: int) -> int:
    """The Monday 00:00 UTC that starts the week holding ``timestamp``."""
    return timestamp - (timestamp - _FIRST_MONDAY) % WEEK_SECONDS


@dataclass(frozen=True)
class Week:
    start: int  # Monday 00:00 UTC
    deliveries: int = 0
    thanks: int = 0
    answered: int = 0  # members' messages a human answered in this week


@dataclass(frozen=True)
class Answerer:
    """Someone who answered members' messages: how many, and how fast (median)."""

    user_id: int
    answered: int
    median_seconds: float


def weekly(deliveries: Iterable[Row], messages: Iterable[Row], since: int, now: int) -> list[Week]:
    """Every week from ``since`` (or the first event, for all time) to ``now``, quiet weeks
    included, at most the newest ``MAX_WEEKS``. Deliveries count when asked for and delivered,
    thanks when received, answers when given."""
    deliveries = [d for d in deliveries if d["status"] == "delivered"]
    messages = list(messages)
    counts: dict[int, list[int]] = {}
    for d in deliveries:
        counts.setdefault(week_start(d["requested_at"]), [0, 0, 0])[0] += 1
    for m in messages:
        if m["label"] == "thanks":
            counts.setdefault(week_start(m["received_at"]), [0, 0, 0])[1] += 1
        if m["label"] in _HUMAN_LABELS and m["status"] == "answered" and m["answered_at"] is not None:
            counts.setdefault(week_start(m["answered_at"]), [0, 0, 0])[2] += 1
    first = week_start(since) if since else min(counts, default=week_start(now))
    last = week_start(now)
    first = max(first, last - (MAX_WEEKS - 1) * WEEK_SECONDS)
    return [Week(start, *counts.get(start, (0, 0, 0))) for start in range(first, last + WEEK_SECONDS, WEEK_SECONDS)]


def answerers(messages: Iterable[Row]) -> list[Answerer]:
    """Who answered members' messages as a human, most answers first."""
    took: dict[int, list[int]] = {}
    for m in messages:
        if m["label"] in _HUMAN_LABELS and m["status"] == "answered" and m["answered_by"] is not None:
            took.setdefault(m["answered_by"], []).append((m["answered_at"] or m["received_at"]) - m["received_at"])
    found = [Answerer(user, len(times), statistics.median(times)) for user, times in took.items()]
    return sorted(found, key=lambda a: (-a.answered, a.user_id))
