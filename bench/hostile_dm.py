"""The slow end of reading a DM: what one hostile or very long message costs the event loop.

    .venv/bin/python -m bench.hostile_dm

A member's DM is classified and matched against the resources on offer on the bot's event loop,
before anything else in that process runs again. The mean per message is in bench.classifier; this
is the worst case, per message of up to Discord's 4,000 characters, built to be slow: one phrase
repeated (each occurrence a place for a rule to start over), many distinct words (each a word to
match against every resource), whitespace runs, markup. Resources on offer: 0, 25, 100 and 500
(titles of three words drawn with a fixed seed, so the run is the same every time).
"""

from __future__ import annotations

import random
import statistics
import time

from bot.core.classifier import asks_for_something, classify
from bot.core.matching import Candidate, match_resources
from bot.core.typed_commands import typed_command

_WORDS = (
    "planner checklist budget template worksheet guide calendar recipe workout journal tracker notes kit "
    "ebook pack map werkblad rooster lijst vorlage fiche plantilla modelo scheda szablon sablon"
).split()
_PHRASES = (
    "mag ik ", "can I have ", "could you send me the ", "Hoe zet ik de, ", "have you got one for me ",
    "kan ik krijgen ", "thanks ", "the checklist, ", "is there a ", "? ", "🙏 ", "<@1> ", "**bold** ",
    "https://e.com/x ", "` ", "no ", "/get ",
)  # fmt: skip


def _hostile_messages(seed: int = 14) -> list[str]:
    rng = random.Random(seed)
    messages = [(phrase * (4000 // len(phrase) + 1))[:4000] for phrase in _PHRASES]
    messages += ["/get x" + " " * 3990 + "y", " " * 4000, "mag ik" + " " * 3994, "!" + "x" * 3999]
    messages += ["/krijg " + ("planner " * 13)[:100], "/" + "é" * 32 + " " + "mag ik " * 14]  # read by the classifier
    for _ in range(5):  # distinct words: each one scored against every resource on offer
        words = [rng.choice(_WORDS) + str(rng.randrange(1000)) for _ in range(700)]
        messages.append(("can I have " + " ".join(words))[:4000])
    return messages


def _resources(count: int, seed: int = 14) -> list[Candidate]:
    """Titles of three words out of 300 (the list, each with ten endings), the slug made of them."""
    rng = random.Random(seed)
    words = [f"{word}{ending}" for word in _WORDS for ending in ("", *"abcdefghi")]
    resources = []
    for i in range(count):
        title = [rng.choice(words) for _ in range(3)]
        resources.append(Candidate(i, 1, "-".join(title), " ".join(title).title()))
    return resources


def _worst(fn, messages: list[str]) -> tuple[float, float]:
    times = []
    for text in messages:
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000


def _row(what: str, median_and_worst: tuple[float, float]) -> None:
    median, worst = median_and_worst
    print(f"  {what:<36} {median:.2f} / {worst:.2f}")


def main() -> None:
    messages = _hostile_messages()
    classify("warm up: load the model")
    print(f"{len(messages)} messages of up to 4,000 characters; median / worst ms per message")
    _row("classify, nothing offered", _worst(classify, messages))
    _row("asks_for_something", _worst(asks_for_something, messages))
    _row("typed_command", _worst(typed_command, messages))
    for count in (25, 100, 500):
        offered = _resources(count)
        names = [name for r in offered for name in (r.name, r.title)]
        _row(f"classify, {count} offered", _worst(lambda text, n=names: classify(text, n), messages))
        _row(f"match_resources, {count} offered", _worst(lambda text, o=offered: match_resources(text, o), messages))


if __name__ == "__main__":
    main()
