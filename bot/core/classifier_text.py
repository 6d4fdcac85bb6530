"""The classifier's normaliser: a member's DM as folded words and clauses, plus the few signals the
rules read from the raw text (a "?", a link, thankful or eye-rolling emoji). Moved out of
bot.core.classifier in round 4 of issue 14 to keep that module short; the lexicons are written in this
normalised form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.core import lexicon as lx
from bot.core import lexicon_intent as li
from bot.core import lexicon_round3 as r3
from bot.core import lexicon_round4 as r4
from bot.core.classifier_prefilter import Piece, index, may_match, pieces, requirement

_MD_LINK_RE = re.compile(r"\[([^\]\n]{1,200})\]\((?:https?://|<)[^)\s]*\)")  # [guide](https://…) -> guide
_MD_EMPHASIS_RE = re.compile(r"[*_~|]+")  # **bold**, __underline__, ||spoiler||: markup, not a clause break
_EMOJI_WORDS = str.maketrans({"🔗": " link ", "📎": " attachment ", "📄": " file ", "📑": " file "})  # "🔗 expired"
_URL_RE = re.compile(r"(?:https?://|www\.|discord\.gg/)\S+", re.I)
_MENTION_RE = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b")
_ELISION_RE = re.compile(r"\b([^\W\d_]|qu)['’`´]")  # l'étape, m'envoyer, j'aimerais, I'd -> split
_APOSTROPHE_RE = re.compile(r"['’`´]")  # don't, it's, zzp'ers -> glued
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")  # thaaanks -> thanks (3+ only: "good", "dankjewel" stay)
_CLAUSE_SPLIT_RE = re.compile(r"[.!?¿¡;:,()\[\]\"“”«»…\n/>#=+]+|\s-\s|\s–\s")
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Text:
    words: str  # every token, space separated (phrases that may span punctuation)
    clauses: tuple[str, ...]  # token strings per clause (rules anchored at a clause start)
    has_qmark: bool
    has_url: bool
    positive_emoji: int
    eye_roll: bool  # 🙄 😒 🙃: the warm words around it are sarcastic
    # The three-letter pieces of ``words``: a pattern needing a fragment none of them starts is not
    # searched at all (bot.core.classifier_prefilter); most of the rules' patterns fail that way.
    pieces: frozenset[Piece] = field(default=frozenset(), compare=False, repr=False)
    # One message's searches of ``words``, by pattern: several rules ask the same (is a resource noun
    # named? is there praise?) and a search of a long lexicon pattern costs up to 70 µs (issue 14's 1 ms).
    # Keyed by id(pattern): hashing a compiled pattern hashes its whole program; the lexicon's patterns
    # live as long as the process, so their ids are theirs.
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    gates: dict = field(default_factory=dict, compare=False, repr=False)  # may(pattern), once per message

    def may(self, pattern: re.Pattern[str]) -> bool:
        """False when no part of ``words`` can match ``pattern``: searching it anywhere in them is futile."""
        if (found := self.gates.get(id(pattern))) is None:
            found = self.gates[id(pattern)] = may_match(requirement(pattern), self.pieces, self.words)
        return found

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """``pattern.search(self.words)``, searched once per message."""
        if (found := self.memo.get(id(pattern), _UNSET)) is _UNSET:
            found = self.memo[id(pattern)] = pattern.search(self.words) if self.may(pattern) else None
        return found

    def find(self, pattern: re.Pattern[str], part: str) -> re.Match[str] | None:
        """``pattern.search(part)``, skipped when ``part`` lies within ``words`` and they cannot match."""
        return pattern.search(part) if part not in self.words or self.may(pattern) else None

    def match(self, pattern: re.Pattern[str], part: str) -> re.Match[str] | None:
        """``pattern.match(part)``, skipped like ``find``."""
        return pattern.match(part) if part not in self.words or self.may(pattern) else None

    def possible(self, frames: Sequence[tuple[re.Pattern[str], Any]]) -> list[tuple[re.Pattern[str], Any]]:
        """The (pattern, mode) frames whose pattern may match somewhere in ``words``, in their order."""
        return [frames[i] for i in index(frames).positions(self.pieces, self.words)]


_UNSET = object()


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    """Fold a misspelled key word into its canonical form ("thnaks" -> "thanks", "tempate" -> "template")."""
    if alias := lx.TYPO_ALIASES.get(word):
        return alias
    if len(word) < 5 or word in _TYPO_SET or word.isdigit():
        return word
    for target in lx.TYPO_TARGETS:
        if lx.within_one_edit(word, target, substitutions=len(word) >= 7 and len(target) >= 7):
            return target
    return word


_TYPO_SET = frozenset(lx.TYPO_TARGETS)


def normalise(text: str) -> Text:
    text = _MD_LINK_RE.sub(r" \1 ", text).translate(_EMOJI_WORDS)
    has_url = bool(_URL_RE.search(text))
    text = _URL_RE.sub(" ", text)
    thankful_custom = len(r4.THANKFUL_CUSTOM_EMOJI_RE.findall(text))  # <:pepelove:…>, before it is stripped
    text = _MENTION_RE.sub(" ", text.replace("\\n", "\n"))
    positive = sum(ch in lx.POSITIVE_EMOJI or ch in r4.THANKFUL_EMOJI_MORE for ch in text)
    positive += len(lx.POSITIVE_SHORTCODE_RE.findall(text)) + thankful_custom
    # 🙄, or scare quotes around "free": the warm words around it are sarcastic.
    eye_roll = any(ch in li.SARCASM_EMOJI for ch in text) or bool(r3.SCARE_QUOTED_FREE_RE.search(text))
    has_qmark = "?" in text or "¿" in text
    text = _MD_EMPHASIS_RE.sub(" ", text)
    text = lx.fold(text)
    text = _ELISION_RE.sub(r"\1 ", text)
    text = _APOSTROPHE_RE.sub("", text).replace("-", " ")
    text = _REPEAT_RE.sub(r"\1", text)
    parts = (" ".join(_correct(w) for w in _WORD_RE.findall(part)) for part in _CLAUSE_SPLIT_RE.split(text))
    clauses = tuple(c for c in parts if c)
    words = " ".join(clauses)
    return Text(words, clauses, has_qmark, has_url, positive, eye_roll, pieces(words))
