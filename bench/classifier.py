"""Classifier speed: mean and tail time per message over every labelled set in tests/data.

    .venv/bin/python -m bench.classifier            # 5 rounds
    .venv/bin/python -m bench.classifier --rounds 20

Issue 14 asks for under 1 ms per message on average. The first round runs with cold caches
(the typo corrector memoises words); later rounds show the steady state a running bot sees.
Long messages (a few hundred characters) are measured separately: they are the slow end.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bot.core.classifier import classify
from bot.core.classifier_eval import load_tsv

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
OFFERED = ["weekly-checklist", "The weekly checklist", "budget-buddy", "Budget Buddy"]


def _times(texts: list[str], offered: list[str]) -> list[float]:
    out = []
    for text in texts:
        start = time.perf_counter()
        classify(text, offered)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = [text for path in sorted(DATA.glob("classifier_*.tsv")) for _, _, text in load_tsv(path)]
    long_texts = [t for t in texts if len(t) >= 200] or texts[:1]
    print(f"{len(texts)} messages ({len(long_texts)} of 200+ characters), {args.rounds} rounds")
    for offered, title in (([], "without offered names"), (OFFERED, "with 4 offered names")):
        for round_no in range(args.rounds):
            times = sorted(_times(texts, offered))
            mean = statistics.fmean(times) * 1000
            p99 = times[int(len(times) * 0.99)] * 1000
            if round_no in (0, args.rounds - 1):
                state = "cold" if round_no == 0 else "warm"
                print(f"  {title:<22} {state}: mean {mean:.3f} ms, p99 {p99:.3f} ms, max {times[-1] * 1000:.3f} ms")
    long_mean = statistics.fmean(_times(long_texts, [])) * 1000
    print(f"  long messages: mean {long_mean:.3f} ms")


if __name__ == "__main__":
    main()
