"""What the burst benchmark measures: one burst's figures, a process's memory and CPU, and the
files the stand-in saw the bot send (bench/burst.py, bench/cluster.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.standin.process import BotProcess
from tests.e2e.standin.server import DiscordStandIn


@dataclass
class Burst:
    name: str
    n: int
    ack_ms: list[float] = field(default_factory=list)
    ack_span_s: float = 0.0  # first dispatch to last acknowledgement
    missed: int = 0
    errors: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated: int = 0
    delivery_span_s: float = 0.0
    rate_limited: int = 0
    requests: int = 0
    peak_rss_mb: float = 0.0
    cpu_s: float = 0.0
    notes: list[str] = field(default_factory=list)

    def pct(self, q: float) -> float:
        if not self.ack_ms:
            return float("nan")
        ordered = sorted(self.ack_ms)
        return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]

    @property
    def ack_per_s(self) -> float:
        return len(self.ack_ms) / self.ack_span_s if self.ack_span_s else float("nan")

    @property
    def deliveries_per_s(self) -> float:
        return self.delivered / self.delivery_span_s if self.delivery_span_s else float("nan")


def proc_stats(pid: int) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds so far) of a process, from /proc."""
    rss = 0.0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1]) / 1024
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss, (int(fields[11]) + int(fields[12])) / ticks


def files_by_channel(standin: DiscordStandIn) -> dict[int, list]:
    """The bot's messages with files, by channel: one pass over all messages (O(M)), instead of
    one pass per member (O(N*M)), which at N = 5,000 blocked the stand-in for seconds."""
    found: dict[int, list] = {}
    for message in standin.world.messages.values():
        if message.author is standin.world.bot and message.attachments and not message.deleted:
            found.setdefault(message.channel_id, []).append(message)
    return found


def dm_files(standin: DiscordStandIn, member: Any, index: dict[int, list] | None = None) -> int:
    channel = standin.dm_channel_of(member)
    index = files_by_channel(standin) if index is None else index
    return len(index.get(channel.id, [])) if channel else 0


def delivered_members(standin: DiscordStandIn, members: list) -> int:
    index = files_by_channel(standin)
    return sum(1 for m in members if dm_files(standin, m, index))


def usage(
    bots: list[BotProcess], before: dict[int, float], gone: dict[int, tuple[float, float]]
) -> tuple[float, float]:
    """(peak RSS in MB of the largest live process, CPU seconds of every process since ``before``);
    ``gone`` holds the last figures of processes killed on the way."""
    live = {bot.pid: proc_stats(bot.pid) for bot in bots if bot.running and bot.pid}
    rss = max((r for r, _ in live.values()), default=0.0)
    return rss, sum(c - before.get(pid, 0.0) for pid, (_, c) in {**gone, **live}.items())
