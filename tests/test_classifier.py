"""Tests for bot.core.classifier: corpus accuracy (run with -s to see the tables), precedence, edge cases."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from bot.core.classifier import Label, classify, classify_with_reason

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO.parent / "shared" / "corpus" / "dm-sample.tsv"
HOLDOUT = Path(__file__).resolve().parent / "data" / "classifier_holdout.tsv"
# Held-out threshold: the file holds 803 messages, each batch written before the rules were run on it; the
# classifier now gets 800 right (99.6%). Three disputed rows are knowingly left failing, and
# the margin leaves room for rule changes that trade one edge case for another.
HOLDOUT_THRESHOLD = 0.97


def load_tsv(path: Path) -> list[tuple[str, str, str]]:
    """Rows of (label, lang, text). Split on the first two tabs; a literal \\n in text is a newline."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["label", "lang", "text"], "unexpected header"
    for line in lines[1:]:
        label, lang, text = line.split("\t", 2)
        rows.append((label, lang, text.replace("\\n", "\n")))
    return rows


def score(rows: list[tuple[str, str, str]], title: str) -> float:
    """Classify every row, print accuracy per label and per language plus the misses; return accuracy."""
    per_label, per_lang, misses = Counter(), Counter(), []
    ok_label, ok_lang = Counter(), Counter()
    for label, lang, text in rows:
        got, reason = classify_with_reason(text)
        per_label[label] += 1
        per_lang[lang] += 1
        if got == label:
            ok_label[label] += 1
            ok_lang[lang] += 1
        else:
            misses.append(f"  expected {label:<8} got {got:<8} [{reason}] {text!r}")
    total = sum(ok_label.values()) / len(rows)
    print(f"\n{title}: {sum(ok_label.values())}/{len(rows)} = {total:.1%}")
    for heading, counts, oks in (("label", per_label, ok_label), ("lang", per_lang, ok_lang)):
        print(f"  {heading:<9}{'n':>5}{'correct':>9}{'accuracy':>10}")
        for key in sorted(counts, key=lambda k: (-counts[k], k)):
            print(f"  {key:<9}{counts[key]:>5}{oks[key]:>9}{oks[key] / counts[key]:>10.1%}")
    print("\n".join(misses) or "  no misses")
    return total


def test_sample_accuracy():
    if not SAMPLE.is_file():
        pytest.skip(f"labelled sample not found at {SAMPLE}")
    assert score(load_tsv(SAMPLE), "dm-sample.tsv") >= 0.95


def test_holdout_accuracy():
    rows = load_tsv(HOLDOUT)
    assert len(rows) >= 150
    assert {label for label, _, _ in rows} == {label.value for label in Label}
    assert score(rows, "classifier_holdout.tsv") >= HOLDOUT_THRESHOLD


def test_throughput_is_printed_not_asserted():
    rows = [text for _, _, text in load_tsv(HOLDOUT)]
    start = time.perf_counter()
    for text in rows * 3:
        classify(text)
    elapsed = time.perf_counter() - start
    print(f"\nclassifier throughput: {len(rows) * 3 / elapsed:,.0f} messages/second")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Empty and contentless input.
        ("", Label.OTHER),
        ("   \n\t  ", Label.OTHER),
        ("<@123456789>", Label.OTHER),
        ("<@&42> <#99>", Label.OTHER),
        ("https://example.com/something", Label.OTHER),
        # Emoji only: thankful emoji are thanks, anything else is other.
        ("🙏", Label.THANKS),
        ("❤️", Label.THANKS),
        ("👍", Label.THANKS),
        ("🙏🙏🙏", Label.THANKS),
        ("👀", Label.OTHER),
        ("😂", Label.OTHER),
        # Declines and sarcasm are other even though they contain a gratitude word.
        ("thanks for nothing", Label.OTHER),
        ("no thanks", Label.OTHER),
        ("No, thank you.", Label.OTHER),
        ("nee dank je", Label.OTHER),
        ("bedankt voor niks", Label.OTHER),
        ("nein danke", Label.OTHER),
        ("oh thanks a lot, yet another broken link", Label.OTHER),
        # A request beats thanks; a question beats thanks.
        ("thanks! where is the file though", Label.REQUEST),
        ("thank you but where is the file?", Label.REQUEST),
        ("dankjewel! werkt dit ook in Notion?", Label.QUESTION),
        ("thanks! does it work in Google Sheets?", Label.QUESTION),
        ("Bedankt alvast! Mag ik ook de planner?", Label.REQUEST),
        # Request vs question: receiving a resource is a request, using it is a question.
        ("can I get the checklist?", Label.REQUEST),
        ("can I share the checklist with my team?", Label.QUESTION),
        ("mag ik de checklist?", Label.REQUEST),
        ("mag ik de checklist delen met mijn team?", Label.QUESTION),
        ("link?", Label.REQUEST),
        # Resources can be called anything; a definite object after "can I get" is enough...
        ("can I get the presets?", Label.REQUEST),
        # ...unless it is something a creator answers rather than sends.
        ("can I get a refund?", Label.QUESTION),
        ("can I have your opinion on this?", Label.QUESTION),
        ("link expired, can you resend?", Label.REQUEST),
        # Questions without a question mark.
        ("could you explain step 3", Label.QUESTION),
        ("wondering if this works for teams", Label.QUESTION),
        ("any tips on sticking with it", Label.QUESTION),
        ("werkt dit ook in Notion", Label.QUESTION),
        ("kun je stap 2 uitleggen", Label.QUESTION),
        # Other: greetings, ok, spam, mistyped commands, problem reports asking nothing.
        ("hi", Label.OTHER),
        ("good morning!", Label.OTHER),
        ("ok", Label.OTHER),
        ("/get", Label.OTHER),
        ("`/get`", Label.OTHER),
        ("FREE NITRO claim now https://disc0rd.example/gift", Label.OTHER),
        ("the pdf has a typo on page 4 btw", Label.OTHER),
        ("meh, not useful", Label.OTHER),
        # ALL CAPS, markdown, mentions, elongation, typos.
        ("THANK YOU SO MUCH!!!", Label.THANKS),
        ("PLEASE SEND THE TEMPLATE", Label.REQUEST),
        ("**Huge thanks** <@482913377201> 🙌", Label.THANKS),
        ("> how do I use this\nthe second part", Label.QUESTION),
        ("thaaaaanks", Label.THANKS),
        ("dankjeweeeel", Label.THANKS),
        ("thnaks", Label.THANKS),
        ("can i get teh chekclist", Label.REQUEST),
    ],
)
def test_precedence_and_edge_cases(text: str, expected: Label):
    got, reason = classify_with_reason(text)
    assert got == expected, f"{text!r} -> {got} ({reason})"


def test_very_long_text_is_classified_quickly():
    long_thanks = "thank you for this guide, it really changed how I plan my week. " * 60
    start = time.perf_counter()
    assert classify(long_thanks) == Label.THANKS
    assert classify(long_thanks + " could you explain step 3?") == Label.QUESTION
    assert classify("mag ik " * 2000) in set(Label)  # pathological input is bounded, not slow
    assert time.perf_counter() - start < 2.0


def test_label_is_a_str_enum_and_reason_is_text():
    assert Label.THANKS == "thanks" and str(Label.REQUEST) == "request"
    label, reason = classify_with_reason("thanks!")
    assert label is Label.THANKS and isinstance(reason, str) and reason


def test_deterministic():
    texts = [text for _, _, text in load_tsv(HOLDOUT)[:50]]
    assert [classify(t) for t in texts] == [classify(t) for t in texts]
