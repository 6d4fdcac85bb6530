"""Burst benchmark: the real bot against the Discord stand-in, with a bare discord.py baseline.

    .venv/bin/python -m bench.burst                  # N = 100, 1000, 5000 clicks, and thank-you DMs
    .venv/bin/python -m bench.burst --sizes 1000 --crash

For each N, N members click "Get it" within one second. Printed per burst: time to interaction
acknowledgement (p50/p95/p99/max), deliveries per second and as a share of what Discord's global
rate limit allows for DMs, missed deadlines (10062), errors, lost and duplicated deliveries (the
stand-in's record against the bot's database), 429s, peak RSS and CPU seconds per 1,000
deliveries. The baseline answers each click with one static ephemeral message; Handout's
acknowledgement throughput and p99 are printed as ratios to it, measured in the same run.

For a post-mortem of one scenario: BENCH_BOT_LOG_LEVEL=INFO logs every delivery, and
BENCH_KEEP_DIR=/some/dir keeps the bot's log and database there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.standin import messages as standin_messages
from tests.e2e.standin.process import BotProcess
from tests.e2e.standin.server import DiscordStandIn

REPO = Path(__file__).resolve().parents[1]
BASELINE_DIR = Path(__file__).resolve().parent / "baseline"
PDF = b"%PDF-1.4\n% benchmark handout\n" + os.urandom(20_000)
GLOBAL_LIMIT = 50  # requests per second, Discord's global limit for a bot
REQUESTS_PER_NEW_DM = 2  # open the DM channel, then send


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


def make_world(standin: DiscordStandIn, n: int) -> dict[str, Any]:
    world = standin.world
    maya = world.add_user("maya", global_name="Maya", locale="en-US")
    guild = world.add_guild("Big Server", preferred_locale="en-US", owner=maya)
    creator = world.add_member(guild, maya, owner=True)
    members = [world.add_member(guild, world.add_user(f"m{i}", locale="en-US")) for i in range(n)]
    return {"guild": guild, "creator": creator, "members": members, "general": guild.channels["general"]}


async def fire_clicks(standin: DiscordStandIn, members: list, post: Any, label: str | None, custom_id: str | None):
    """N clicks spread evenly over one second."""
    start = time.perf_counter()
    handles = []
    for i, member in enumerate(members):
        due = start + i / len(members)
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        handles.append(await standin.click(member, post, label, custom_id=custom_id, timeout=30))
    return handles


async def collect_acks(standin: DiscordStandIn, burst: Burst, handles: list, timeout: float) -> None:
    # Polled, not wait_until: re-checking N handles on every stand-in event is O(N^2) and at
    # N = 5,000 starved the stand-in (same process) of the time to answer the bot.
    deadline = time.monotonic() + timeout
    while not all(h.attempts for h in handles) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    first = min(h.record.dispatched_at for h in handles)
    last = first
    for h in handles:
        attempt = h.attempts[0]
        if attempt.accepted:
            burst.ack_ms.append(attempt.elapsed * 1000)
            last = max(last, attempt.at)
        elif attempt.code == 10062:
            burst.missed += 1
        else:
            burst.errors += 1
    burst.ack_span_s = last - first


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


async def wait_deliveries(standin: DiscordStandIn, members: list, timeout: float, stall: float = 20.0) -> None:
    """Until every member has a delivery, or nothing new arrived for ``stall`` seconds."""
    deadline = time.monotonic() + timeout
    seen, changed = -1, time.monotonic()
    while time.monotonic() < deadline:
        done = delivered_members(standin, members)
        if done == len(members):
            return
        if done != seen:
            seen, changed = done, time.monotonic()
        elif time.monotonic() - changed > stall:
            return
        await asyncio.sleep(0.2)


def check_database(data_dir: Path, burst: Burst, standin: DiscordStandIn, members: list, t0: float) -> None:
    conn = sqlite3.connect(data_dir / "handout.db")
    try:
        rows = dict(
            conn.execute(
                "SELECT member_id, COUNT(*) FROM deliveries WHERE status = 'delivered' GROUP BY member_id"
            ).fetchall()
        )
        failed = conn.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'failed'").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    last_dm = 0.0
    index = files_by_channel(standin)
    for member in members:
        channel = standin.dm_channel_of(member)
        got = index.get(channel.id, []) if channel else []
        in_db = rows.get(member.user.id, 0)
        if not got or not in_db:
            burst.lost += 1
        if len(got) > 1 or in_db > 1:
            burst.duplicated += 1
        if got:
            burst.delivered += 1
            last_dm = max(last_dm, got[0].created_at)
    burst.delivery_span_s = max(0.0, last_dm - t0)
    if failed:
        burst.notes.append(f"{failed} logged as failed")
    if integrity != "ok":
        burst.notes.append(f"integrity_check: {integrity}")


async def start_bot(standin: DiscordStandIn, tmp: Path, name: str, baseline: bool) -> BotProcess:
    log_level = os.environ.get("BENCH_BOT_LOG_LEVEL", "WARNING")  # INFO to see the bot's side of a stall
    kwargs: dict[str, Any] = {"data_dir": tmp / f"{name}-data", "log_path": tmp / f"{name}.log", "log_level": log_level}
    if baseline:
        kwargs.update(cwd=BASELINE_DIR, pythonpath=[BASELINE_DIR])
    bot = BotProcess(standin, **kwargs)
    await bot.start(timeout=60)
    return bot


async def handout_post(standin: DiscordStandIn, w: dict[str, Any]) -> Any:
    add = await standin.slash(
        w["creator"], w["general"], "resource add", name="guide", title="The guide", file=("guide.pdf", PDF), timeout=30
    )
    await add.response(timeout=30)
    share = await standin.slash(w["creator"], w["general"], "resource share", name="guide", timeout=30)
    await share.response(timeout=30)
    return next(m for m in standin.messages_in(w["general"]) if m.has_button("Get it"))


def baseline_post(standin: DiscordStandIn, w: dict[str, Any]) -> Any:
    """A message by the bot with one button, as if it had posted it."""
    data = {"content": "Free guide", "components": [{"type": 1, "components": [
        {"type": 2, "style": 1, "label": "Get it", "custom_id": "baseline:get"}]}]}  # fmt: skip
    message = standin_messages.new_message(standin, w["general"], standin.world.bot, data, [])
    standin_messages.announce_create(standin, message)
    return message


async def click_burst(n: int, tmp: Path, *, baseline: bool, crash: bool = False, thanks: bool = False) -> list[Burst]:
    name = "baseline" if baseline else "handout"
    results = []
    async with DiscordStandIn() as standin:
        w = make_world(standin, n)
        bot = await start_bot(standin, tmp, f"{name}-{n}", baseline)
        try:
            post = baseline_post(standin, w) if baseline else await handout_post(standin, w)
            _, cpu_before = proc_stats(bot.pid)
            requests_before = standin.rest.stats["requests"]
            t0 = standin.world.clock.now()
            burst = Burst(f"{name}{' crash' if crash else ''}", n)
            handles = await fire_clicks(standin, w["members"], post, "Get it", None)
            if crash:
                # Kill the bot once a third of the deliveries went out, then start it again.
                deadline = time.monotonic() + 120
                while delivered_members(standin, w["members"]) < n // 3 and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                await bot.kill()
                burst.notes.append("SIGKILL at 1/3 delivered")
                await bot.start(timeout=60)
            await collect_acks(standin, burst, handles, 60)
            if not baseline:
                ceiling = GLOBAL_LIMIT / REQUESTS_PER_NEW_DM
                await wait_deliveries(standin, w["members"], timeout=n / ceiling * 3 + 60)
                check_database(bot.data_dir, burst, standin, w["members"], t0)
            rss, cpu_after = proc_stats(bot.pid)
            burst.peak_rss_mb = rss
            burst.cpu_s = cpu_after - cpu_before
            burst.rate_limited = standin.rest.stats["429_global"] + standin.rest.stats["429_route"]
            burst.requests = standin.rest.stats["requests"] - requests_before
            results.append(burst)
            if thanks and not baseline:
                results.append(await thanks_burst(standin, bot, w))
        finally:
            await bot.stop(timeout=30)
    return results


async def thanks_burst(standin: DiscordStandIn, bot: BotProcess, w: dict[str, Any]) -> Burst:
    """Every member who got the guide sends a thank-you DM within one second."""
    index = files_by_channel(standin)
    members = [m for m in w["members"] if dm_files(standin, m, index)]
    burst = Burst("handout thanks DMs", len(members))
    _, cpu_before = proc_stats(bot.pid)
    limited_before = standin.rest.stats["429_global"] + standin.rest.stats["429_route"]
    creator = w["creator"]
    already = len(standin.dms_to(creator))
    start = time.perf_counter()
    t0 = standin.world.clock.now()
    for i, member in enumerate(members):
        delay = start + i / len(members) - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await standin.send_dm(member, "thank you so much, this is great!")
    db = bot.data_dir / "handout.db"

    def stored() -> int:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM member_messages").fetchone()[0]

    def prompts_handled() -> int:
        # Sent as a prompt, or counted in the creator's summary (past the destination's pace).
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')").fetchone()[0]

    def summaries_pending() -> int:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1").fetchone()[0]

    deadline = time.monotonic() + min(150, max(60, len(members) / 10))
    while time.monotonic() < deadline and stored() < len(members):
        await asyncio.sleep(0.2)
    burst.ack_span_s = standin.world.clock.now() - t0  # here: time until every message was stored
    while time.monotonic() < deadline and (prompts_handled() < len(members) or summaries_pending()):
        await asyncio.sleep(0.5)
    received = standin.dms_to(creator)[already:]
    first_at = min((m.created_at for m in received), default=None)
    first_at = None if first_at is None else first_at - t0
    summaries = [m for m in received if not m.has_button("Reply personally")]
    edits = [r for r in standin.requests if r.method == "PATCH" and any(str(m.id) in r.path for m in summaries)]
    burst.delivered = prompts_handled()
    burst.delivery_span_s = standin.world.clock.now() - t0
    burst.lost = len(members) - stored()
    rss, cpu_after = proc_stats(bot.pid)
    burst.peak_rss_mb, burst.cpu_s = rss, cpu_after - cpu_before
    burst.rate_limited = standin.rest.stats["429_global"] + standin.rest.stats["429_route"] - limited_before
    burst.notes.append(f"all stored in {burst.ack_span_s:.1f}s; prompts handled {burst.delivered}/{len(members)}")
    first = "never" if first_at is None else f"{first_at:.1f}s"
    burst.notes.append(
        f"creator received {len(received)} message(s) ({len(received) - len(summaries)} with prompts, "
        f"{len(summaries)} summary, edited {len(edits)} time(s)); first after {first}"
    )
    return burst


def report(bursts: list[Burst], baselines: dict[int, Burst]) -> str:
    head = (
        "| burst | N | ack p50 ms | p95 | p99 | max | ack/s | ack/s vs base | p99 vs base | missed 10062 | errors "
        "| delivered | deliveries/s | share of DM ceiling | lost | dup | 429s | peak RSS MB | CPU s/1k | notes |"
    )
    lines = [head, "|" + "---|" * 20]
    for b in bursts:
        if "thanks" in b.name:
            lines.append(
                f"| {b.name} | {b.n} | — | — | — | — | — | — | — | — | — | {b.delivered} prompts "
                f"| {b.deliveries_per_s:.1f} prompts/s | — | {b.lost} | — | {b.rate_limited} | {b.peak_rss_mb:.0f} "
                f"| {b.cpu_s / max(1, b.n) * 1000:.1f} | {'; '.join(b.notes)} |"
            )
            continue
        base = baselines.get(b.n)
        ratio = f"{b.ack_per_s / base.ack_per_s:.2f}" if base and b is not base and base.ack_per_s else "—"
        p99r = f"{b.pct(99) / base.pct(99):.2f}" if base and b is not base and base.ack_ms else "—"
        dps = b.deliveries_per_s
        share = f"{dps / (GLOBAL_LIMIT / REQUESTS_PER_NEW_DM):.2f}" if b.delivered else "—"
        per_k = b.cpu_s / max(1, b.delivered or len(b.ack_ms)) * 1000
        lines.append(
            f"| {b.name} | {b.n} | {b.pct(50):.0f} | {b.pct(95):.0f} | {b.pct(99):.0f} | {b.pct(100):.0f} "
            f"| {b.ack_per_s:.0f} | {ratio} | {p99r} | {b.missed} | {b.errors} | {b.delivered or '—'} "
            f"| {dps:.1f} | {share} | {b.lost} | {b.duplicated} | {b.rate_limited} | {b.peak_rss_mb:.0f} "
            f"| {per_k:.1f} | {'; '.join(b.notes)} |"
        )
    return "\n".join(lines)


async def run_isolated(n: int, *, baseline: bool, crash: bool = False, thanks: bool = False) -> list[Burst]:
    """One scenario in a fresh Python process: earlier bursts' leftovers (stand-ins, tasks, garbage)
    in a long-lived benchmark process slowed its stand-in enough to stall later, larger bursts."""
    spec = json.dumps({"n": n, "baseline": baseline, "crash": crash, "thanks": thanks})
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.burst", "--scenario", spec, cwd=REPO, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"scenario {spec} failed with exit code {proc.returncode}")
    return [Burst(**fields) for fields in json.loads(out.decode().strip().splitlines()[-1])]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated N (default 100,1000,5000)")
    parser.add_argument("--crash", action="store_true", help="also run a burst with a SIGKILL at 1/3 delivered")
    parser.add_argument("--no-thanks", action="store_true", help="skip the thank-you DM bursts")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare discord.py baseline")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)  # internal: one scenario, JSON out
    args = parser.parse_args()
    if args.scenario:
        spec = json.loads(args.scenario)
        keep = os.environ.get("BENCH_KEEP_DIR")  # keep the bot's log and database for a post-mortem
        with tempfile.TemporaryDirectory(prefix="handout-bench-") as tmp:
            work = Path(tempfile.mkdtemp(prefix="handout-bench-", dir=keep)) if keep else Path(tmp)
            bursts = await click_burst(
                spec["n"], work, baseline=spec["baseline"], crash=spec["crash"], thanks=spec["thanks"]
            )
        print(json.dumps([asdict(b) for b in bursts]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    bursts: list[Burst] = []
    baselines: dict[int, Burst] = {}
    for n in sizes:
        if not args.no_baseline:
            [base] = await run_isolated(n, baseline=True)
            baselines[n] = base
            bursts.append(base)
        bursts.extend(await run_isolated(n, baseline=False, thanks=not args.no_thanks))
        if args.crash:
            bursts.extend(await run_isolated(n, baseline=False, crash=True))
        print(report(bursts, baselines), flush=True)
        print(flush=True)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    asyncio.run(main())
