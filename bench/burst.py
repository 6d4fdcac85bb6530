"""Burst benchmark: the real bot against the Discord stand-in, with a bare discord.py baseline.

    .venv/bin/python -m bench.burst                  # N = 100, 1000, 5000 clicks, and thank-you DMs
    .venv/bin/python -m bench.burst --sizes 1000 --crash
    .venv/bin/python -m bench.burst --sizes 1000 --backends sqlite,postgresql --cluster

Flags: --sizes N,N,... (default 100,1000,5000); --crash adds a SIGKILL at a third delivered (single
process: then restarted; cluster: shard 1's process, not restarted, the survivor finishes);
--backends sqlite,postgresql runs the single-process scenario on each (default: sqlite);
--cluster adds two processes on shards 0 and 1 of 2 sharing one PostgreSQL database;
--database-url (or env BENCH_DATABASE_URL) is a PostgreSQL server to use (a role that may CREATE
DATABASE), else a throwaway one is started with .ci/postgres and stopped at the end;
--no-thanks, --no-baseline skip those bursts. Each scenario gets a fresh database.

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
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import cluster
from bench.cluster import Store
from bench.measure import Burst, delivered_members, dm_files, files_by_channel, proc_stats, usage
from tests.e2e.standin import messages as standin_messages
from tests.e2e.standin.process import BotProcess
from tests.e2e.standin.server import DiscordStandIn

REPO = Path(__file__).resolve().parents[1]
BASELINE_DIR = Path(__file__).resolve().parent / "baseline"
PDF = b"%PDF-1.4\n% benchmark handout\n" + os.urandom(20_000)
GLOBAL_LIMIT = 50  # requests per second, Discord's global limit for a bot
REQUESTS_PER_NEW_DM = 2  # open the DM channel, then send


def make_world(standin: DiscordStandIn, n: int) -> dict[str, Any]:
    world = standin.world
    maya = world.add_user("maya", global_name="Maya", locale="en-US")
    guild = world.add_guild("Big Server", preferred_locale="en-US", owner=maya)
    creator = world.add_member(guild, maya, owner=True)
    members = [world.add_member(guild, world.add_user(f"m{i}", locale="en-US")) for i in range(n)]
    place = {"guild": guild, "creator": creator, "general": guild.channels["general"]}
    return {**place, "places": [place], "members": members}


async def fire_clicks(standin: DiscordStandIn, members: list, posts: list, label: str | None, custom_id: str | None):
    """N clicks spread evenly over one second; member i clicks ``posts[i % len(posts)]``."""
    start = time.perf_counter()
    handles = []
    for i, member in enumerate(members):
        due = start + i / len(members)
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        post = posts[i % len(posts)]
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
        if not h.attempts:  # never answered (its process was killed first): missed, as on Discord
            burst.missed += 1
            continue
        attempt = h.attempts[0]
        if attempt.accepted:
            burst.ack_ms.append(attempt.elapsed * 1000)
            last = max(last, attempt.at)
        elif attempt.code == 10062:
            burst.missed += 1
        else:
            burst.errors += 1
    burst.ack_span_s = last - first


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


async def check_database(store: Store, burst: Burst, standin: DiscordStandIn, members: list, t0: float) -> None:
    # The stand-in holds a DM from the moment it is posted; the bot marks it delivered once the answer
    # is back. A member counts as lost only if their row is still not delivered seconds later.
    start, first_look = time.monotonic(), None
    while True:
        rows = dict(
            await store.rows("SELECT member_id, COUNT(*) FROM deliveries WHERE status = 'delivered' GROUP BY member_id")
        )
        behind = delivered_members(standin, members) - len(rows)
        first_look = behind if first_look is None else first_look
        if behind <= 0 or time.monotonic() - start > 10:
            break
        await asyncio.sleep(0.2)
    if first_look > 0:
        settled = f"{first_look - max(behind, 0)} in {time.monotonic() - start:.1f}s"
        burst.notes.append(f"{first_look} DMs held but not yet marked delivered at the first look; marked: {settled}")
    failed = await store.value("SELECT COUNT(*) FROM deliveries WHERE status = 'failed'")
    integrity = await store.integrity()
    last_dm = 0.0
    index = files_by_channel(standin)
    lost: list[tuple[int, int]] = []  # (member id, DMs the stand-in holds for them)
    for member in members:
        channel = standin.dm_channel_of(member)
        got = index.get(channel.id, []) if channel else []
        in_db = rows.get(member.user.id, 0)
        if not got or not in_db:
            burst.lost += 1
            lost.append((member.user.id, len(got)))
        if len(got) > 1 or in_db > 1:
            burst.duplicated += 1
        if got:
            burst.delivered += 1
            last_dm = max(last_dm, got[0].created_at)
    burst.delivery_span_s = max(0.0, last_dm - t0)
    if failed:
        burst.notes.append(f"{failed} logged as failed")
    if lost:  # what the database says of them, to tell a lost delivery from one never asked for
        ids = ", ".join(str(member_id) for member_id, _ in lost[:5])
        statuses = await store.rows(f"SELECT member_id, status FROM deliveries WHERE member_id IN ({ids})")
        burst.notes.append(f"lost (member, DMs held): {lost[:5]}, their rows: {statuses or 'none'}")
    if integrity != "ok":
        burst.notes.append(f"integrity_check: {integrity}")


def log_level() -> str:
    return os.environ.get("BENCH_BOT_LOG_LEVEL", "WARNING")  # INFO to see the bot's side of a stall


async def start_bot(standin: DiscordStandIn, tmp: Path, name: str, baseline: bool, url: str | None) -> BotProcess:
    kwargs: dict[str, Any] = {
        "data_dir": tmp / f"{name}-data",
        "log_path": tmp / f"{name}.log",
        "log_level": log_level(),
    }
    if baseline:
        kwargs.update(cwd=BASELINE_DIR, pythonpath=[BASELINE_DIR])
    elif url:
        kwargs.update(env={"HANDOUT_DATABASE_URL": url})
    bot = BotProcess(standin, **kwargs)
    await bot.start(timeout=60)
    return bot


async def handout_post(standin: DiscordStandIn, w: dict[str, Any]) -> Any:
    """Maya adds the guide and shares it in the guild (place) ``w``."""
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


def scenario_name(baseline: bool, url: str | None, clustered: bool) -> str:
    if baseline:
        return "baseline"
    return "handout cluster 2×postgresql" if clustered else "handout postgresql" if url else "handout"


async def click_burst(
    n: int,
    tmp: Path,
    *,
    baseline: bool,
    crash: bool = False,
    thanks: bool = False,
    url: str | None = None,
    clustered: bool = False,
) -> list[Burst]:
    """One scenario: the baseline, Handout on SQLite (``url`` None) or PostgreSQL, or the cluster."""
    name = scenario_name(baseline, url, clustered)
    results = []
    async with DiscordStandIn() as standin:
        w = cluster.make_world(standin, n) if clustered else make_world(standin, n)
        tag = f"{name.split()[0]}-{n}"
        if clustered:
            bots = await cluster.start_bots(standin, tmp, tag, url or "", log_level())
        else:
            bots = [await start_bot(standin, tmp, tag, baseline, url)]
        store = Store(bots[0].data_dir / "handout.db", url)
        try:
            posts = [baseline_post(standin, w)] if baseline else [await handout_post(standin, p) for p in w["places"]]
            before = {bot.pid: proc_stats(bot.pid)[1] for bot in bots if bot.pid}
            gone: dict[int, tuple[float, float]] = {}
            requests_before = standin.rest.stats["requests"]
            t0 = standin.world.clock.now()
            burst = Burst(f"{name}{' crash' if crash else ''}", n)
            handles = await fire_clicks(standin, w["members"], posts, "Get it", None)
            if crash:
                # Kill a bot (the cluster: shard 1's) once a third of the deliveries went out.
                deadline = time.monotonic() + 120
                while delivered_members(standin, w["members"]) < n // 3 and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                victim = bots[-1]
                gone[victim.pid] = proc_stats(victim.pid)  # type: ignore[arg-type,index]
                await victim.kill()
                if clustered:  # the survivor takes over its leases; nothing is restarted
                    burst.notes.append("SIGKILL shard 1's process at 1/3 delivered, not restarted")
                else:
                    burst.notes.append("SIGKILL at 1/3 delivered")
                    await victim.start(timeout=60)
            await collect_acks(standin, burst, handles, 60)
            if not baseline:
                ceiling = GLOBAL_LIMIT / REQUESTS_PER_NEW_DM
                # A crash in the cluster waits for the dead process's leases to expire.
                stall = 40.0 if crash and clustered else 20.0
                await wait_deliveries(standin, w["members"], timeout=n / ceiling * 3 + 60, stall=stall)
                await check_database(store, burst, standin, w["members"], t0)
                if store.url:  # serialisation failures (clicks of both processes at once) show here
                    burst.notes.append(f"{await store.rollbacks()} transactions rolled back")
            burst.peak_rss_mb, burst.cpu_s = usage(bots, before, gone)
            burst.rate_limited = standin.rest.stats["429_global"] + standin.rest.stats["429_route"]
            if burst.rate_limited:  # which limit: the token's (shared by a cluster) or a route's
                burst.notes.append(
                    f"429s: {standin.rest.stats['429_global']} global, {standin.rest.stats['429_route']} route"
                )
            burst.requests = standin.rest.stats["requests"] - requests_before
            if note := read_lag_note(standin.rest.requests[-burst.requests :] if burst.requests else []):
                burst.notes.append(note)
            results.append(burst)
            if thanks and not baseline:
                results.append(await thanks_burst(standin, bots, store, w))
        finally:
            await store.close()
            for bot in bots:
                await bot.stop(timeout=30)
    return results


def read_lag_note(requests: list) -> str:
    """How late the stand-in read the bot's requests (its own loop is busy with the burst it drives):
    the global limit and the three-second deadline are judged at the send stamp, not then."""
    lags = sorted(r.at - r.sent_at for r in requests if r.sent_at is not None)
    if not lags:
        return ""
    p99 = lags[min(len(lags) - 1, int(0.99 * len(lags)))]
    return f"stand-in read requests up to {lags[-1] * 1000:.0f} ms after they were sent (p99 {p99 * 1000:.0f} ms)"


async def thanks_burst(standin: DiscordStandIn, bots: list[BotProcess], store: Store, w: dict[str, Any]) -> Burst:
    """Every member who got the guide sends a thank-you DM within one second (all to shard 0)."""
    index = files_by_channel(standin)
    members = [m for m in w["members"] if dm_files(standin, m, index)]
    burst = Burst(f"{scenario_name(False, store.url, len(bots) > 1)} thanks DMs", len(members))
    before = {bot.pid: proc_stats(bot.pid)[1] for bot in bots if bot.running and bot.pid}
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

    async def stored() -> int:
        return await store.value("SELECT COUNT(*) FROM member_messages")

    async def prompts_handled() -> int:
        # Sent as a prompt, or counted in the creator's summary (past the destination's pace).
        return await store.value("SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')")

    async def summaries_pending() -> int:
        return await store.value("SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1")

    deadline = time.monotonic() + min(150, max(60, len(members) / 10))
    while time.monotonic() < deadline and await stored() < len(members):
        await asyncio.sleep(0.2)
    burst.ack_span_s = standin.world.clock.now() - t0  # here: time until every message was stored
    while time.monotonic() < deadline and (await prompts_handled() < len(members) or await summaries_pending()):
        await asyncio.sleep(0.5)
    received = standin.dms_to(creator)[already:]
    first_at = min((m.created_at for m in received), default=None)
    first_at = None if first_at is None else first_at - t0
    summaries = [m for m in received if not m.has_button("Reply personally")]
    edits = [r for r in standin.requests if r.method == "PATCH" and any(str(m.id) in r.path for m in summaries)]
    burst.delivered = await prompts_handled()
    burst.delivery_span_s = standin.world.clock.now() - t0
    burst.lost = len(members) - await stored()
    burst.peak_rss_mb, burst.cpu_s = usage(bots, before, {})
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


async def run_isolated(
    n: int,
    *,
    baseline: bool,
    crash: bool = False,
    thanks: bool = False,
    admin_url: str | None = None,
    clustered: bool = False,
) -> list[Burst]:
    """One scenario in a fresh Python process: earlier bursts' leftovers (stand-ins, tasks, garbage)
    in a long-lived benchmark process slowed its stand-in enough to stall later, larger bursts.
    ``admin_url``: run on a fresh PostgreSQL database made with it (the spec travels in the
    environment, not argv, where the password would show in ``ps``)."""
    spec = {"n": n, "baseline": baseline, "crash": crash, "thanks": thanks, "clustered": clustered}
    env = {**os.environ, "BENCH_SCENARIO_DATABASE_URL": admin_url or ""}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.burst", "--scenario", json.dumps(spec), cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"scenario {spec} failed with exit code {proc.returncode}")
    return [Burst(**fields) for fields in json.loads(out.decode().strip().splitlines()[-1])]


async def run_scenario(spec: dict[str, Any], work: Path) -> list[Burst]:
    admin_url = os.environ.get("BENCH_SCENARIO_DATABASE_URL") or None
    kwargs = {k: spec[k] for k in ("baseline", "crash", "thanks")}
    if admin_url is None:
        return await click_burst(spec["n"], work, **kwargs)
    async with cluster.fresh_database(admin_url) as url:
        return await click_burst(spec["n"], work, url=url, clustered=spec.get("clustered", False), **kwargs)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated N (default 100,1000,5000)")
    parser.add_argument("--crash", action="store_true", help="also run a burst with a SIGKILL at 1/3 delivered")
    parser.add_argument("--no-thanks", action="store_true", help="skip the thank-you DM bursts")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare discord.py baseline")
    parser.add_argument(
        "--backends", default="sqlite", help="single-process scenario on: sqlite, postgresql or both (default sqlite)"
    )
    parser.add_argument("--cluster", action="store_true", help="also two processes, shards 0 and 1 of 2, PostgreSQL")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="PostgreSQL server (a role that may CREATE DATABASE); default: env BENCH_DATABASE_URL, else a "
        "throwaway server started with .ci/postgres",
    )
    parser.add_argument("--scenario", help=argparse.SUPPRESS)  # internal: one scenario, JSON out
    args = parser.parse_args()
    if args.scenario:
        keep = os.environ.get("BENCH_KEEP_DIR")  # keep the bot's log and database for a post-mortem
        with tempfile.TemporaryDirectory(prefix="handout-bench-") as tmp:
            work = Path(tempfile.mkdtemp(prefix="handout-bench-", dir=keep)) if keep else Path(tmp)
            bursts = await run_scenario(json.loads(args.scenario), work)
        print(json.dumps([asdict(b) for b in bursts]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if unknown := set(backends) - {"sqlite", "postgresql"}:
        parser.error(f"unknown backend(s) {', '.join(sorted(unknown))}: use sqlite, postgresql")
    wants_pg = "postgresql" in backends or args.cluster
    missing = None if args.database_url or not wants_pg else cluster.postgres_missing()
    if missing:
        print(f"PostgreSQL scenarios skipped: {missing}.", flush=True)
        backends, args.cluster = [b for b in backends if b != "postgresql"], False
    with contextlib.ExitStack() as stack:
        admin = stack.enter_context(cluster.postgres_server(args.database_url)) if not missing and wants_pg else None
        await run_all(args, sizes, backends, admin)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")


async def run_all(args: argparse.Namespace, sizes: list[int], backends: list[str], admin: str | None) -> None:
    bursts: list[Burst] = []
    baselines: dict[int, Burst] = {}
    for n in sizes:
        if not args.no_baseline:
            [base] = await run_isolated(n, baseline=True)
            baselines[n] = base
            bursts.append(base)
        runs = [{"admin_url": admin if b == "postgresql" else None} for b in backends]
        runs += [{"admin_url": admin, "clustered": True}] if args.cluster else []
        for run in runs:
            bursts.extend(await run_isolated(n, baseline=False, thanks=not args.no_thanks, **run))
            if args.crash:
                bursts.extend(await run_isolated(n, baseline=False, crash=True, **run))
        print(report(bursts, baselines), flush=True)
        print(flush=True)


if __name__ == "__main__":
    asyncio.run(main())
