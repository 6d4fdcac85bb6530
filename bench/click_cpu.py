"""CPU per click: what each bot process spends on one burst's click path, in milliseconds.

    .venv/bin/python -m bench.click_cpu                                    # every kind, 3 runs each
    .venv/bin/python -m bench.click_cpu --kinds baseline,sqlite --runs 5
    .venv/bin/python -m bench.click_cpu --kinds sqlite --py-spy /tmp/prof  # and a profile of each bot

N members (default 1,000) click once each, spread evenly over one second, as in ``bench.burst``.
The window is the click path only: from the first click to the last acknowledgement (DM deliveries
barely start in it). Each bot process's CPU comes from /proc/<pid>/stat, sampled every 10 ms, and
is taken at the samples nearest the window's ends; the stand-in and load generator (this process)
and, for PostgreSQL, the server's processes (that server's only) are read the same way. Kinds: ``baseline`` (the bare
discord.py bot of bench/baseline), ``sqlite`` and ``postgresql`` (Handout, one process), ``cluster``
(two processes, shards 0 and 1 of 2, one PostgreSQL; each process's figure is per click *it*
handled, and "bots" is both together per click of the burst).

PostgreSQL as in ``bench.burst``: ``--database-url`` or env BENCH_DATABASE_URL, else a throwaway
server from .ci/postgres. Kinds run alternately (baseline, sqlite, ..., baseline, sqlite, ...), each
in a fresh Python process, so a comparison shares the same minutes of a noisy machine.
BENCH_KEEP_DIR=/some/dir keeps the bots' logs and databases, BENCH_BOT_LOG_LEVEL sets their level.
``--py-spy DIR`` records each bot process over the window with py-spy (``pip install py-spy``;
``--nonblocking``, so it barely perturbs the bot) as collapsed stacks, for a differential profile.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import burst, cluster
from bench.measure import proc_stats
from tests.e2e.standin.server import DiscordStandIn

KINDS = ("baseline", "sqlite", "postgresql", "cluster")
SAMPLE_S = 0.01


def cpu_s(pid: int) -> float:
    try:
        return proc_stats(pid)[1]
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def postgres_pids(url: str) -> list[int]:
    """The processes of the PostgreSQL server behind ``url`` (its postmaster, found by the port on
    its command line, and that one's children): other servers on a shared machine do not count."""
    port = str(urlsplit(url).port or 5432)
    parents: dict[int, int] = {}
    main = None
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError):
            if Path(f"/proc/{entry}/comm").read_text().strip() not in ("postgres", "postmaster"):
                continue
            argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            status = Path(f"/proc/{entry}/status").read_text()
            parents[int(entry)] = int(status.split("PPid:")[1].split()[0])
            if b"-p" in argv and argv[argv.index(b"-p") + 1].decode() == port:
                main = int(entry)
    return [] if main is None else [main] + [pid for pid, parent in parents.items() if parent == main]


class Sampler:
    """(time, CPU seconds) of some processes every 10 ms, on the stand-in's clock."""

    def __init__(self, clock: Any, pids: dict[str, list[int]]) -> None:
        self.clock, self.pids = clock, pids
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._task: asyncio.Task[None] | None = None

    def take(self) -> None:
        figures = {name: sum(cpu_s(pid) for pid in pids) for name, pids in self.pids.items()}
        figures["stand-in"] = time.process_time()
        self.samples.append((self.clock.now(), figures))

    async def _run(self) -> None:
        while True:
            self.take()
            await asyncio.sleep(SAMPLE_S)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self.take()

    def at(self, moment: float) -> dict[str, float]:
        return min(self.samples, key=lambda sample: abs(sample[0] - moment))[1]


async def one(kind: str, n: int, url: str | None, work: Path, spy_dir: str | None) -> dict[str, Any]:
    """One burst of ``kind``; CPU ms per click of each process over the click window."""
    clustered, baseline = kind == "cluster", kind == "baseline"
    async with DiscordStandIn() as standin:
        w = cluster.make_world(standin, n) if clustered else burst.make_world(standin, n)
        if clustered:
            bots = await cluster.start_bots(standin, work, kind, url or "", burst.log_level())
        else:
            bots = [await burst.start_bot(standin, work, kind, baseline, url if kind == "postgresql" else None)]
        spies: list[subprocess.Popen] = []
        try:
            posts = (
                [burst.baseline_post(standin, w)]
                if baseline
                else [await burst.handout_post(standin, p) for p in w["places"]]
            )
            names = ["bot"] if len(bots) == 1 else [f"shard {i}" for i in range(len(bots))]
            pids = {name: [bot.pid] for name, bot in zip(names, bots, strict=True)}
            if url and kind != "baseline" and kind != "sqlite":
                pids["postgresql"] = postgres_pids(url)
            if spy_dir:
                for name, bot in zip(names, bots, strict=True):
                    out = Path(spy_dir) / f"{kind}-{name.replace(' ', '')}-{os.getpid()}.txt"
                    spy = [str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(bot.pid)]
                    spy += ["--nonblocking", "--rate", "500", "--format", "raw", "--output", str(out)]
                    spies.append(subprocess.Popen(spy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # noqa: ASYNC220
                await asyncio.sleep(1.0)  # py-spy attaches
            sampler = Sampler(standin.world.clock, pids)
            sampler.start()
            await asyncio.sleep(0.05)
            handles = await burst.fire_clicks(standin, w["members"], posts, "Get it", None)
            deadline = time.monotonic() + 60
            while not all(h.attempts for h in handles) and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            await sampler.stop()
            for spy in spies:
                spy.send_signal(signal.SIGINT)
            first = min(h.record.dispatched_at for h in handles)
            acks = [h.attempts[0] for h in handles if h.attempts and h.attempts[0].accepted]
            last = max(a.at for a in acks)
            start, end = sampler.at(first), sampler.at(last)
            handled = {name: n / len(bots) for name in names}
            cpu = {name: (end[name] - start[name]) * 1000 / handled.get(name, n) for name in start}
            if len(bots) > 1:
                cpu["bots"] = sum(end[name] - start[name] for name in names) * 1000 / n
            for spy in spies:
                spy.wait(timeout=30)
            return {
                "kind": kind,
                "first": first,
                "last": last,
                "clock_offset": standin.world.clock.offset,
                "pids": [bot.pid for bot in bots],
                "acked": len(acks),
                "window_s": last - first,
                "ack_per_s": len(acks) / (last - first),
                "cpu_ms_per_click": cpu,
            }
        finally:
            for spy in spies:
                if spy.poll() is None:
                    spy.kill()
            for bot in bots:
                await bot.stop(timeout=30)


async def run_one(spec: dict[str, Any]) -> dict[str, Any]:
    keep = os.environ.get("BENCH_KEEP_DIR")  # the bots' logs and databases, for a post-mortem
    with tempfile.TemporaryDirectory(prefix="handout-clickcpu-") as tmp:
        work = Path(tempfile.mkdtemp(prefix="handout-clickcpu-", dir=keep)) if keep else Path(tmp)
        admin = os.environ.get("BENCH_SCENARIO_DATABASE_URL") or None
        if admin is None or spec["kind"] in ("baseline", "sqlite"):
            return await one(spec["kind"], spec["n"], None, work, spec.get("spy"))
        async with cluster.fresh_database(admin) as url:
            return await one(spec["kind"], spec["n"], url, work, spec.get("spy"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of {', '.join(KINDS)}")
    parser.add_argument("--runs", type=int, default=3, help="bursts of each kind (default 3)")
    parser.add_argument("-n", type=int, default=1000, help="clicks in the burst (default 1000)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--py-spy", dest="spy", help="directory for py-spy's collapsed stacks of each bot")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one burst, JSON out
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(run_one(json.loads(args.one)))))
        return
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown kind(s): {', '.join(sorted(unknown))}")
    wants_pg = bool({"postgresql", "cluster"} & set(kinds))
    results: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    with contextlib.ExitStack() as stack:
        admin = stack.enter_context(cluster.postgres_server(args.database_url)) if wants_pg else ""
        for run in range(args.runs):
            for kind in kinds:
                spec = json.dumps({"kind": kind, "n": args.n, "spy": args.spy})
                env = {**os.environ, "BENCH_SCENARIO_DATABASE_URL": admin or ""}
                out = subprocess.run(
                    [sys.executable, "-m", "bench.click_cpu", "--one", spec],
                    cwd=burst.REPO, env=env, stdout=subprocess.PIPE, text=True, check=True,
                ).stdout  # fmt: skip
                result = json.loads(out.strip().splitlines()[-1])
                results[kind].append(result["cpu_ms_per_click"])
                figures = ", ".join(f"{name} {ms:.2f}" for name, ms in result["cpu_ms_per_click"].items())
                print(f"run {run + 1} {kind:<10} {result['ack_per_s']:4.0f} ack/s  ms of CPU per click: {figures}",
                      flush=True)  # fmt: skip
    print("\nmedian ms of CPU per click (min-max):")
    for kind, runs in results.items():
        names = runs[0].keys() if runs else ()
        cells = [
            f"{name} {statistics.median(r[name] for r in runs):.2f} "
            f"({min(r[name] for r in runs):.2f}-{max(r[name] for r in runs):.2f})"
            for name in names
        ]
        print(f"  {kind:<10} " + ", ".join(cells))


if __name__ == "__main__":
    main()
