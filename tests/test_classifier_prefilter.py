"""The classifier's regex prefilter (bot.core.classifier_prefilter): a pattern is skipped only when it
provably cannot match, so labels and reasons are the same with it and without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core import classifier as classifier_module
from bot.core import (
    classifier_round5,
    classifier_text,
    lexicon,
    lexicon_delivery,
    lexicon_frames,
    lexicon_intent,
    lexicon_more,
    lexicon_round3,
    lexicon_round4,
    lexicon_round5,
)
from bot.core.classifier_eval import load_tsv
from bot.core.classifier_prefilter import derive, may_match, pieces
from bot.core.classifier_text import normalise
from tests.test_classifier import KINDS, MORE_KINDS, OFFERED

HOLDOUT = Path(__file__).resolve().parent / "data" / "classifier_holdout.tsv"
EXAMPLES = [text for _, texts in KINDS.values() for text in texts] + [
    text for texts in MORE_KINDS.values() for text in texts
]


def _may(pattern: re.Pattern[str], text: str) -> bool:
    return may_match(derive(pattern), pieces(text), text)


def test_a_literal_requirement_is_derived_and_skips_only_what_cannot_match():
    pattern = re.compile(r"\b(send|mail) (me|us)\b( the \w+)?")
    fragments = {fragment for _, _, by_key in derive(pattern) for found in by_key.values() for fragment in found}
    assert fragments == {"send me", "send us", "mail me", "mail us"}
    assert _may(pattern, "could you send me the planner")
    assert not _may(pattern, "could you send the planner to me")  # "send" and "me", never "send me"
    assert not _may(pattern, "thanks, i sent it to my mum")
    # A fragment must be there as it is: "sendme" or "send  me" is not "send me".
    assert not _may(pattern, "pls sendme it")


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"hook me up", re.I),  # case-insensitive: "HOOK" has none of the pieces of "hook"
        re.compile(r"(?i:hook me)"),  # the same, inside a group
        re.compile(r"(?:thanks)?$"),  # may match the empty string
        re.compile(r"[^\W\d_]{3,}|[a-z]+"),  # only classes of letters
        re.compile(r"(\w)\1"),  # a backreference: what it repeats is not known in advance
    ],
    ids=str,
)
def test_a_pattern_whose_requirement_cannot_be_derived_is_never_skipped(pattern: re.Pattern[str]):
    assert derive(pattern) == ()
    for text in ("HOOK ME UP", "hook me up", "", "x", "aa"):
        assert _may(pattern, text)
        assert normalise(text).may(pattern)


def _lexicon_patterns() -> list[re.Pattern[str]]:
    modules = (classifier_module, classifier_round5, classifier_text, lexicon, lexicon_delivery, lexicon_frames)
    modules += (lexicon_intent, lexicon_more, lexicon_round3, lexicon_round4, lexicon_round5)
    found = {value: None for module in modules for value in vars(module).values() if isinstance(value, re.Pattern)}
    found.update(dict.fromkeys(p for p, _ in (*lexicon_frames.REQUEST_FRAMES, *lexicon_intent.WISH_FRAMES)))
    return list(found)


def test_no_lexicon_pattern_is_skipped_where_it_matches():
    """Every rule pattern against every example's words and clauses: a skip is always a non-match."""
    patterns = _lexicon_patterns()
    assert len(patterns) > 150
    skipped = 0
    for text in EXAMPLES:
        t = normalise(text)
        for pattern in patterns:
            if not t.may(pattern):
                skipped += 1
                assert all(pattern.search(part) is None for part in (t.words, *t.clauses)), (pattern.pattern, text)
    assert skipped > len(EXAMPLES) * len(patterns) // 2  # and it does skip: most patterns, most messages


def test_the_rules_decide_the_same_with_and_without_the_prefilter(monkeypatch: pytest.MonkeyPatch):
    texts = EXAMPLES + [text for _, _, text in load_tsv(HOLDOUT)]
    with_prefilter = [classifier_module._rules(text, OFFERED) for text in texts]
    monkeypatch.setattr(classifier_text, "requirement", lambda pattern: ())  # nothing is ever skipped
    assert normalise("hook me up").may(lexicon_intent.NOUN_RE)
    assert [classifier_module._rules(text, OFFERED) for text in texts] == with_prefilter
