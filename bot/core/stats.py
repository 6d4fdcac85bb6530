"""Honest numbers for a creator: deliveries, thanks, and how many got a human answer.

"Answered by a human" counts only messages a person closed as answered (relayed or in person);
"no reply needed" is left out of the share rather than counted as answered.
"""

from __future__ import annotations

import csv
import io
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from bot.core.weekly import Answerer, Week, answerers, weekly
from bot.db import stats as sql
from bot.db.database import Database

HUMAN_LABELS = ("thanks", "question", "other")
# Spreadsheet apps run cells that start with these as formulas: a member's text must not.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Figures:
    deliveries: int = 0
    unique_members: int = 0
    thanks: int = 0
    thanked_deliveries: int = 0
    answered: int = 0
    waiting: int = 0
    expired: int = 0  # "no answer given": waited past the server's expire_days, counted as unanswered
    answer_seconds: list[int] = field(default_factory=list)

    @property
    def thanked_share(self) -> float | None:
        return self.thanked_deliveries / self.deliveries if self.deliveries else None

    @property
    def answered_share(self) -> float | None:
        total = self.answered + self.waiting + self.expired
        return self.answered / total if total else None

    @property
    def median_answer_seconds(self) -> float | None:
        return statistics.median(self.answer_seconds) if self.answer_seconds else None


@dataclass
class Stats:
    days: int | None
    overall: Figures
    per_resource: dict[str, Figures]  # keyed by resource title (name)
    weeks: list[Week] = field(default_factory=list)  # for the chart, oldest first
    people: list[Answerer] = field(default_factory=list)  # who answered, most answers first


class StatsService:
    def __init__(self, db: Database, *, clock: Any = time.time) -> None:
        self._db = db
        self._clock = clock

    def _since(self, days: int | None) -> int:
        return 0 if not days else int(self._clock()) - days * 86400

    async def for_owner(self, owner_id: int, guild_id: int, days: int | None = None) -> Stats:
        since = self._since(days)
        deliveries = await sql.owner_deliveries(self._db, owner_id, guild_id, since)
        messages = await sql.owner_messages(self._db, owner_id, guild_id, since)
        overall = Figures()
        per: dict[str, Figures] = {}
        members: dict[str | None, set[int]] = {None: set()}
        thanked = {m["delivery_id"] for m in messages if m["label"] == "thanks"}
        for d in deliveries:
            if d["status"] != "delivered":
                continue
            key = f"{d['title']} ({d['name']})"
            for figures in (overall, per.setdefault(key, Figures())):
                figures.deliveries += 1
                figures.thanked_deliveries += d["id"] in thanked
            if d["member_id"] is not None:
                members[None].add(d["member_id"])
                members.setdefault(key, set()).add(d["member_id"])
        for m in messages:
            key = f"{m['title']} ({m['name']})"
            for figures in (overall, per.setdefault(key, Figures())):
                figures.thanks += m["label"] == "thanks"
                if m["label"] not in HUMAN_LABELS:
                    continue
                if m["status"] == "answered":
                    figures.answered += 1
                    figures.answer_seconds.append(m["answered_at"] - m["received_at"])
                elif m["status"] == "waiting":
                    figures.waiting += 1
                elif m["status"] == "expired":
                    figures.expired += 1
        overall.unique_members = len(members[None])
        for key, figures in per.items():
            figures.unique_members = len(members.get(key, ()))
        weeks = weekly(deliveries, messages, since, int(self._clock()))
        return Stats(days=days, overall=overall, per_resource=per, weeks=weeks, people=answerers(messages))

    async def export_csv(self, owner_id: int, guild_id: int) -> str:
        """One CSV of the owner's deliveries and messages, a ``kind`` column telling them apart."""
        deliveries = await sql.owner_deliveries(self._db, owner_id, guild_id, 0)
        messages = await sql.owner_messages(self._db, owner_id, guild_id, 0)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["kind", "id", "resource", "member_id", "when_utc", "how", "status", "detail", "answered_by",
             "answered_how", "answered_utc", "text_removed_utc"]
        )  # fmt: skip
        for d in deliveries:
            writer.writerow(
                ["delivery", d["id"], d["name"], d["member_id"] or "", _utc(d["requested_at"]),
                 f"{d['requested_via']}->{d['delivered_via'] or ''}", d["status"],
                 _cell(d["failure"] or ("repeat" if d["is_repeat"] else "")), "", "", _utc(d["delivered_at"]), ""]
            )  # fmt: skip
        for m in messages:
            writer.writerow(
                ["message", m["id"], m["name"], m["member_id"], _utc(m["received_at"]), f"{m['via']}:{m['label']}",
                 m["status"], _cell(m["content"]), m["answered_by"] or "", m["answered_how"] or "",
                 _utc(m["answered_at"]), _utc(m["text_removed_at"])]
            )  # fmt: skip
        return out.getvalue()


def _utc(timestamp: int | None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp)) if timestamp else ""


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


class PrivacyService:
    def __init__(self, db: Database, *, clock: Any = time.time) -> None:
        self._db = db
        self._clock = clock
        # Deliveries cancelled by "Delete my data" while they waited for their turn to be sent.
        self._cancelled: set[int] = set()

    def cancelled(self, delivery_id: int) -> bool:
        """Whether a delivery was cancelled because its member deleted their data."""
        return delivery_id in self._cancelled

    async def summary(self, member_id: int) -> dict[str, Any]:
        counts = await sql.member_summary(self._db, member_id)
        recent = await sql.member_messages(self._db, member_id, 5)
        return {
            **counts,
            "recent": [(r["label"], r["content"], r["received_at"], r["also_sent"]) for r in recent],
        }

    async def delete(self, member_id: int) -> dict[str, int]:
        """Delete the member's messages, anonymise their deliveries and cancel what is queued."""
        counts, cancelled = await sql.delete_member(self._db, member_id, int(self._clock()))
        self._cancelled.update(cancelled)
        return counts
