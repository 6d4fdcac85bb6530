"""Which creator a member's message is for, when it did not come from a delivery's own button.

A member who got resources from several servers or creators writes "thank you Cora, the launch
checklist is exactly what I needed": the message names a creator and a resource. It must reach
that creator, and no one else: a private message shown to another server's creator is a leak.

``route`` is pure (no database, no discord). Its candidates are the member's recent deliveries,
one per resource, newest first. It routes when the message, or the candidates themselves, leave
one (server, creator) pair; otherwise it never guesses and returns the candidates to ask about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.lexicon import within_one_edit
from bot.core.matching import Candidate, content_words, match_resources

MAX_CHOICES = 5  # one button per row, and a message holds at most five rows


@dataclass(frozen=True)
class RouteCandidate:
    delivery_id: int  # the member's latest delivery of this resource
    resource_id: int
    guild_id: int
    owner_id: int
    name: str  # the resource's slug
    title: str
    creator_name: str | None = None  # the owner's display name, when known


@dataclass(frozen=True)
class Routing:
    target: RouteCandidate | None = None  # route the message here
    choices: tuple[RouteCandidate, ...] = ()  # or ask the member which one they mean

    @property
    def ambiguous(self) -> bool:
        return bool(self.choices)


def needs_names(candidates: Sequence[RouteCandidate]) -> bool:
    """Creator names only matter when the candidates span several (server, creator) pairs."""
    return len({(c.guild_id, c.owner_id) for c in candidates}) > 1


def _name_matches(name_word: str, word: str) -> bool:
    # "cora", "coras" (from "Cora's", apostrophes are dropped) and one typo in longer names.
    if word in (name_word, name_word + "s"):
        return True
    return len(name_word) >= 5 and len(word) >= 5 and within_one_edit(name_word, word)


def named_owners(text: str, candidates: Sequence[RouteCandidate]) -> set[int]:
    """Owners whose name the message mentions (any word of it of three letters or more)."""
    words = content_words(text)
    found: set[int] = set()
    for c in candidates:
        if not c.creator_name or c.owner_id in found:
            continue
        name_words = [w for w in content_words(c.creator_name) if len(w) >= 3 and not w.isdigit()]
        if any(_name_matches(n, w) for n in name_words for w in words):
            found.add(c.owner_id)
    return found


def _named_resources(text: str, candidates: Sequence[RouteCandidate]) -> list[RouteCandidate]:
    matched = {
        m.resource_id
        for m in match_resources(text, [Candidate(c.resource_id, c.guild_id, c.name, c.title) for c in candidates])
    }
    return [c for c in candidates if c.resource_id in matched]


def route(text: str, candidates: Sequence[RouteCandidate]) -> Routing:
    """Route ``text`` among ``candidates`` (newest first); see the module docstring.

    - what the message names narrows the candidates: creators by name, resources by name or title
      (as ``bot.core.matching`` scores them: accents and case ignored, English and Dutch);
    - a creator and a resource that disagree ("thanks Cora for the planner", the planner being
      Maya's) narrow nothing: both stay candidates and the member is asked;
    - what is left in one server with one owner (always so for a member of one creator's server):
      routed to its newest delivery;
    - else: the member is asked, among at most ``MAX_CHOICES`` of them, newest first.
    """
    if not candidates:
        return Routing()
    left = list(candidates)
    by_resource = _named_resources(text, left)
    owners = named_owners(text, left) if needs_names(left) else set()
    by_owner = [c for c in left if c.owner_id in owners]
    if by_owner and by_resource:
        both = [c for c in by_resource if c.owner_id in owners]
        left = both or [c for c in left if c in by_owner or c in by_resource]
    elif by_owner:
        # Within the named creator's resources, a title may still pick one out.
        left = _named_resources(text, by_owner) or by_owner
    elif by_resource:
        left = by_resource
    if not needs_names(left):
        return Routing(target=left[0])
    return Routing(choices=tuple(left[:MAX_CHOICES]))
