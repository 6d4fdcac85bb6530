"""Skip a rule's regex when the message provably cannot match it (issue 14: under 1 ms per message).

Most of the classifier's time went to about a hundred regex searches per message, nearly all of
which fail: a request frame about "hook me up" cannot match a message without "hook" in it. For
each pattern we derive, from the pattern's own parse tree, what any match must contain: groups of
literal fragments, at least one fragment of each group in every match (``\\b(send|mail) me\\b`` needs
"send me" or "mail me"). Each fragment is filed under one of its three-letter pieces. At classify
time a set intersection of those pieces with the message's own finds the few fragments worth looking
for, and only they are looked for in the message's words (``fragment in words``).

The derivation is conservative by construction: anything it does not understand (a class like
``\\w``, a backreference, a case-insensitive flag, an optional part) adds no requirement, and a pattern
that requires nothing is never skipped. A pattern is skipped only when none of its required fragments
occurs in the words, so it cannot match them or any part of them (a clause, what follows a match):
every label and reason is unchanged (tests/test_classifier_prefilter.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

try:  # the parser behind re.compile; Python 3.11+ (sre_parse before)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - a Python without it: nothing is ever skipped
    _sre = _sre_parse = None

GRAM = 3  # fragments are looked up by one of their three-letter pieces
_MAX_EXACT = 64  # spell out at most this many alternatives of a group before falling back to its parts
# Rarer letters make better keys ("hook" by "hoo" is fine, "the " by "he " is not): letters, roughly
# from commonest to rarest in the nine languages' normalised text; a space is commonest of all.
_COMMON = " eaintorsldhucmgkpvwbfyjzqx"

Piece = tuple[str, ...]  # GRAM characters: tuples, because zip builds a text's pieces fastest
# One group of fragments, at least one of which every match contains: the fragments shorter than a piece
# (looked for as they are), then the others by their key piece.
Group = tuple[tuple[str, ...], frozenset[Piece], dict[Piece, tuple[str, ...]]]
Requirement = tuple[Group, ...]  # every group must be met; () when nothing can be said


def pieces(text: str) -> frozenset[Piece]:
    """The text's three-letter pieces (every substring of length GRAM, as a tuple of characters)."""
    return frozenset(zip(text, text[1:], text[2:], strict=False))


def may_match(requirement: Requirement, text_pieces: frozenset[Piece], text: str) -> bool:
    """False only when no substring of ``text`` (whose pieces are ``text_pieces``) can match.

    A group's keys are looked up first (a set intersection, in C); only the fragments behind a key
    the text has are then looked for in the text itself.
    """
    for short, keys, fragments in requirement:
        if short and any(fragment in text for fragment in short):
            continue
        hit = text_pieces & keys
        if not hit or not any(fragment in text for key in hit for fragment in fragments[key]):
            return False
    return True


# By identity: hashing a compiled pattern hashes its whole program, microseconds for the lexicon's long
# ones. Each entry holds its pattern, so the id cannot be reused by another pattern while it is here.
_REQUIREMENTS: dict[int, tuple[re.Pattern[str], Requirement]] = {}


def requirement(pattern: re.Pattern[str]) -> Requirement:
    """What any match of ``pattern`` contains (derived once per pattern, on first use)."""
    entry = _REQUIREMENTS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _REQUIREMENTS[id(pattern)] = (pattern, derive(pattern))
    return entry[1]


class Index:
    """Which of many patterns (a family of rule frames) may match a text, found by one lookup of the
    text's pieces in all of their first groups' keys at once, then confirmed pattern by pattern."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]):
        self.patterns = tuple(patterns)  # held, so the ids the cache keys on stay theirs
        self.requirements = tuple(map(requirement, self.patterns))
        self.always: list[int] = []  # positions of patterns that require nothing
        self.by_key: dict[Piece, list[int]] = {}
        self.by_short: dict[str, list[int]] = {}
        for position, needs in enumerate(self.requirements):
            if not needs:
                self.always.append(position)
                continue
            short, keys, _ = needs[0]
            for key in keys:
                self.by_key.setdefault(key, []).append(position)
            for fragment in short:
                self.by_short.setdefault(fragment, []).append(position)
        self.keys = frozenset(self.by_key)

    def positions(self, text_pieces: frozenset[Piece], text: str) -> list[int]:
        """The positions, in order, of the patterns that may match somewhere in ``text``."""
        found = set(self.always)
        for key in text_pieces & self.keys:
            found.update(self.by_key[key])
        for fragment, where in self.by_short.items():
            if fragment in text:
                found.update(where)
        return [i for i in sorted(found) if may_match(self.requirements[i], text_pieces, text)]


_INDEXES: dict[int, tuple[object, Index]] = {}


def index(family: Sequence[tuple[re.Pattern[str], object]]) -> Index:
    """The Index of a family of (pattern, mode) frames, built once per family."""
    entry = _INDEXES.get(id(family))
    if entry is None or entry[0] is not family:
        entry = _INDEXES[id(family)] = (family, Index([frame[0] for frame in family]))
    return entry[1]


def derive(pattern: re.Pattern[str]) -> Requirement:
    """What any match of ``pattern`` contains, from its parse tree; () when nothing can be said."""
    if _sre_parse is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return ()
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # whatever the parser makes of it, "never skip" is safe
        return ()
    exact, groups = _sequence(list(tree))
    if exact is not None:
        groups = [exact]
    usable = sorted((g for g in groups if _usable(g)), key=lambda g: (_weight(g), sorted(g)))
    return tuple(_group(g) for g in usable)


# --- Derivation: each node gives (exact, groups) ---------------------------------------------------
# exact: the set of every string the node can match, when small and known; otherwise None.
# groups: fragment sets; every match of the node contains a fragment of each set.


def _sequence(items: list) -> tuple[frozenset[str] | None, list[frozenset[str]]]:
    run: frozenset[str] = frozenset({""})  # the strings the items since the last unknown one can spell
    groups: list[frozenset[str]] = []
    all_exact = True
    literal = ""  # letters in a row spell one string: joined before they join the run
    for op, av in items:
        if op is _sre.LITERAL:
            literal += chr(av)
            continue
        if literal:
            run, literal = frozenset(a + literal for a in run), ""
        exact, inner = _node(op, av)
        if exact is not None and len(run) * len(exact) <= _MAX_EXACT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        all_exact = False
        groups.append(run)  # what was spelled so far is one contiguous fragment of the match
        if exact is not None:
            run = exact  # too many combinations: a new fragment starts here
        else:
            run = frozenset({""})  # an unknown item: what comes after is a separate fragment
            groups.extend(inner)
    if literal:
        run = frozenset(a + literal for a in run)
    if all_exact:
        return run, []
    groups.append(run)
    return None, [g for g in groups if "" not in g]


def _node(op, av) -> tuple[frozenset[str] | None, list[frozenset[str]]]:
    c = _sre
    if op is c.LITERAL:
        return frozenset({chr(av)}), []
    if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
        return frozenset({""}), []  # zero width: what it looks at is not part of the match
    if op is c.IN:
        return _char_class(av), []
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:  # (?i:…) and the like: the literals may not be literal
            return None, []
        return _sequence(list(sub))
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is c.BRANCH:
        return _branch([_sequence(list(sub)) for sub in av[1]])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        exact, groups = _sequence(list(sub))
        if low == 0:
            if high == 1 and exact is not None:
                return exact | {""}, []
            return None, []  # may be absent: requires nothing
        if exact is not None and low == high and len(exact) ** low <= _MAX_EXACT:
            spelled = frozenset({""})
            for _ in range(low):
                spelled = frozenset(a + b for a in spelled for b in exact)
            return spelled, []
        return None, ([exact] if exact is not None and "" not in exact else groups)
    return None, []  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS…: unknown


def _char_class(items) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < 16:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # NEGATE, CATEGORY, a wide range: unknown
            return None
    return frozenset(chars)


def _branch(alternatives: list[tuple[frozenset[str] | None, list[frozenset[str]]]]):
    if all(exact is not None for exact, _ in alternatives):
        union = frozenset().union(*(exact for exact, _ in alternatives))
        if len(union) <= _MAX_EXACT:
            return union, []
    # Each alternative contributes its best fragment set; one without any makes the whole unknown.
    best: set[str] = set()
    for exact, groups in alternatives:
        options = [exact] if exact is not None and "" not in exact else groups
        usable = [g for g in options if _usable(g)]
        if not usable:
            return None, []
        best |= min(usable, key=lambda g: (_weight(g), sorted(g)))
    return None, [frozenset(best)]


# --- Pieces ------------------------------------------------------------------------------------------


def _usable(fragments: frozenset[str]) -> bool:
    """A group requires something unless it is empty or one of its fragments is empty."""
    return bool(fragments) and "" not in fragments


@lru_cache(maxsize=4096)  # the same fragments recur in many patterns (the resource nouns)
def _key(fragment: str) -> Piece:
    """The fragment's rarest piece (the one a text is least likely to have by chance)."""
    return min(zip(fragment, fragment[1:], fragment[2:], strict=False), key=lambda piece: (_piece_weight(piece), piece))


def _group(fragments: frozenset[str]) -> Group:
    short = tuple(sorted(f for f in fragments if len(f) < GRAM))
    by_key: dict[Piece, list[str]] = {}
    for fragment in sorted(f for f in fragments if len(f) >= GRAM):
        by_key.setdefault(_key(fragment), []).append(fragment)
    return short, frozenset(by_key), {key: tuple(found) for key, found in by_key.items()}


def _piece_weight(piece: Piece) -> float:
    a, b, c = piece
    get = _CHAR_WEIGHT.get
    return get(a, _RARE) * get(b, _RARE) * get(c, _RARE)


_CHAR_WEIGHT = {ch: (len(_COMMON) - rank) / len(_COMMON) for rank, ch in enumerate(_COMMON)}
_RARE = 1 / len(_COMMON)  # digits, other scripts


def _weight(fragments: frozenset[str]) -> float:
    """How often a text may have one of the fragments' keys (lower is more selective)."""
    return sum(_piece_weight(_key(f)) if len(f) >= GRAM else _SHORT_WEIGHT[len(f)] for f in fragments)


_SHORT_WEIGHT = {1: 50.0, 2: 10.0}  # "s", "es": in most texts, so almost any group of pieces is better
