"""Match a free-text DM ("hi! could I get the checklist?", "mag ik het werkboekje?") to a creator's resources.

Scoring, per candidate, over the *content* words of the message (request words, greetings and
stopwords in English, Dutch and a few other languages are dropped first):

* each content word scores its best match among the candidate's slug parts and title words:
  same stem 10 (case, accents, plurals and Dutch diminutives folded: checklists = checklist,
  werkboekje = werkboek; a few resource nouns are mapped across languages: werkboek = workbook),
  one typo 8 (words of 5+ letters), part of a compound 6 ("weekplanning" ~ "planning");
* generic words ("pdf", "file", "link", "bestand"…) score only 3: they rarely tell resources apart;
* an exact slug mention ("weekly-checklist", or a one-word slug like "checklist") adds 1000, so it wins.

All candidates tied at the best score are returned (several -> the bot shows a select menu), ordered
by title then id. Nothing meaningful -> ``[]``: "hi!", "thanks", or a message whose only matching words
are generic. Generic-only messages ("can I have the pdf?") are resolved only when that is unambiguous:
with exactly one candidate it is returned; with several, a candidate is returned only if it alone
matches the generic word (e.g. its title contains "PDF"); otherwise ``[]`` and the caller should show
the full list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.core.lexicon import fold, within_one_edit


@dataclass(frozen=True)
class Candidate:
    resource_id: int
    guild_id: int
    name: str  # slug, e.g. "weekly-checklist" (lowercase letters, digits, dashes)
    title: str  # e.g. "The Weekly Planning Checklist"


# Words that never identify a resource: asking, greeting, thanking, pronouns, articles (en, nl + basics
# of de/fr/es/pt), and marketing adjectives every freebie carries ("free", "new").
_STOPWORDS = frozenset(
    """a an the this that these those it its i me my mine you your yours u ur we us our to of for from in on
    at by with and or but so if is are was were be been am do does did can could would will should may might
    must shall have has had get got give gimme send resend dm email mail share forward receive download
    please pls plz thanks thank thx ty hi hey hello yo dear there here also too again still just some any
    one other another want wanna need like love would id im ive sir thing stuff copy version available
    access ok okay yes no not how where what which who why when find whats wheres
    de het een en ik je jij u mij me mijn jouw jou uw dit dat deze die van voor met op aan in naar bij om te
    is zijn mag kan kun kunt wil wilt zou graag krijgen ontvangen hebben heb stuur sturen opsturen
    doorsturen alsjeblieft alstublieft aub ajb hoi hallo hey dank dankjewel dankje bedankt ook nog even
    waar vind vinden is er ook welke wat hoe versie
    der die das den dem ein eine ich du mir mich bitte danke kann kannst haben bekommen schick schicken
    le la les un une des du je tu moi peux avoir envoyer envoie svp stp merci
    el los las una yo mi tu puedes enviar mandar pasar quiero por favor porfa gracias o os um uma pode
    me manda quero obrigado obrigada free gratis gratuit kostenlos new nieuw nieuwe neu""".split()
)
# Resource-type words too vague to pick one resource out of several.
_GENERIC = frozenset(
    """pdf file link url bestand document doc download downloadlink datei dokument fichier lien archivo
    enlace arquivo resource freebie ding thing""".split()
)
# A few resource nouns across languages, folded to the English stem so "werkboek" finds "Workbook".
_SYNONYMS = {
    "werkboek": "workbook", "arbeitsbuch": "workbook", "cahier": "workbook", "gids": "guide",
    "handleiding": "guide", "leitfaden": "guide", "guia": "guide", "guida": "guide", "sjabloon": "template",
    "vorlage": "template", "modele": "template", "plantilla": "template", "modelo": "template",
    "checkliste": "checklist", "lijst": "list", "liste": "list", "lista": "list", "kalender": "calendar",
    "calendrier": "calendar", "calendario": "calendar", "begroting": "budget", "werkblad": "worksheet",
    "planilha": "spreadsheet", "boek": "book", "ebook": "ebook", "eboek": "ebook", "bestand": "file",
    "datei": "file", "fichier": "file", "archivo": "file", "arquivo": "file", "lien": "link",
    "enlace": "link", "dokument": "document",
}  # fmt: skip

_EXACT, _TYPO, _COMPOUND, _GENERIC_WEIGHT, _SLUG_BONUS = 10, 8, 6, 3, 1000  # integers: exact ties
_WORD_RE = re.compile(r"[a-z0-9]+")


# Endings stripped to find a word's possible bases. Dutch diminutives are ambiguous ("lijst-je" but
# "stoel-tje"), so every plausible base is kept and two words match when their base sets meet.
_SUFFIXES = ("tjes", "jes", "tje", "je", "ies", "es", "en", "s", "n")


@lru_cache(maxsize=8192)  # every query word was expanded again for every resource on offer
def _variants(word: str) -> frozenset[str]:
    """Possible bases of ``word``, mapped across languages: "lijstjes" -> {lijstjes, lijstje, lijst, list, …}."""
    bases = {word}
    if not word.isdigit():
        for suffix in _SUFFIXES:
            base = word[: -len(suffix)]
            if word.endswith(suffix) and len(base) >= 4 and not word.endswith("ss"):
                bases.add(base + "y" if suffix == "ies" else base)
    return frozenset({_SYNONYMS.get(b, b) for b in bases} | bases)


def _words(text: str) -> list[str]:
    folded = re.sub(r"['’`]", "", fold(text)).replace("e-book", "ebook")
    return _WORD_RE.findall(folded)


def _content(words: list[str]) -> list[str]:
    return list(dict.fromkeys(w for w in words if w not in _STOPWORDS))


@lru_cache(maxsize=4096)  # a resource's words, folded once rather than once per DM
def _vocab(name: str, title: str) -> tuple[str, ...]:
    """A candidate's content words."""
    return tuple(_content(_words(name.replace("-", " ")) + _words(title)))


@lru_cache(maxsize=16384)  # resources share words ("the", "checklist"): each pair is scored once
def _pair_score(query: str, word: str) -> int:
    if _variants(query) & _variants(word):
        return _EXACT
    if len(query) >= 5 and len(word) >= 5 and within_one_edit(query, word):
        return _TYPO
    if min(len(query), len(word)) >= 5 and (word in query or query in word):
        return _COMPOUND
    return 0


@lru_cache(maxsize=4096)  # one per resource on offer: more than re's own cache keeps
def _slug_re(slug: str) -> re.Pattern[str]:
    # "weekly-checklist" or "weekly checklist" as a whole, not inside a longer slug or word.
    return re.compile(r"(?<![a-z0-9-])" + r"[\s-]+".join(map(re.escape, slug.split("-"))) + r"(?![a-z0-9-])")


def _slug_mentioned(slug: str, folded_text: str, tokens: frozenset[str]) -> bool:
    # Each part of a mentioned slug is a whole token of the text: most slugs need no search at all.
    return all(part in tokens for part in slug.split("-")) and _slug_re(slug).search(folded_text) is not None


def _score(
    cand: Candidate,
    hits: dict[str, list[tuple[int, int]]],
    content: list[str],
    folded_text: str,
    tokens: frozenset[str],
) -> tuple[int, bool]:
    """(score, whether any non-generic word matched). ``hits``: for each word of any candidate, the
    query words (by index) it matches and how well; most words match none."""
    best: dict[int, int] = {}
    for word in _vocab(cand.name, cand.title):
        for i, s in hits[word]:
            best[i] = max(best.get(i, 0), s)
    score, specific = 0, False
    for i, s in best.items():
        if _is_generic(content[i]):
            s = _GENERIC_WEIGHT
        else:
            specific = True
        score += s
    if cand.name and _slug_mentioned(cand.name, folded_text, tokens):
        score, specific = score + _SLUG_BONUS, True
    return score, specific


def _is_generic(word: str) -> bool:
    return bool(_variants(word) & _GENERIC)


def match_resources(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Return the candidates that best match ``text`` (ties included), or ``[]``; see module docstring."""
    if not text or not candidates:
        return []
    folded_text = re.sub(r"['’`]", "", fold(text))
    content = _bounded(_content(_words(text)))
    if not content:
        return []
    tokens = frozenset(_WORD_RE.findall(folded_text))
    # Each distinct word of the resources on offer against each query word, once: titles share words.
    hits: dict[str, list[tuple[int, int]]] = {}
    for c in candidates:
        for word in _vocab(c.name, c.title):
            if word not in hits:
                hits[word] = [(i, s) for i, q in enumerate(content) if (s := _pair_score(q, word))]
    scored = [(*_score(c, hits, content, folded_text, tokens), c) for c in candidates]
    best = max(score for score, _, _ in scored)
    if best == 0:
        # Only a generic word ("can I have the pdf?") and a single resource on offer: that one.
        wants_generic = any(_is_generic(w) for w in content)
        return list(candidates) if wants_generic and len(candidates) == 1 else []
    winners = [(specific, c) for score, specific, c in scored if score == best]
    if not any(specific for specific, _ in winners) and len(winners) > 1:
        return []  # several resources share only a generic word: ambiguous
    return sorted((c for _, c in winners), key=lambda c: (c.title.casefold(), c.resource_id))


# Each query word is scored against every word of every resource on offer: a 4,000-character DM of
# distinct words took seconds with a few hundred resources. A name stands among a DM's first or last
# words; no labelled DM has more than 48 content words, so none loses one.
_QUERY_HEAD, _QUERY_TAIL = 48, 16


def _bounded(content: list[str]) -> list[str]:
    if len(content) <= _QUERY_HEAD + _QUERY_TAIL:
        return content
    return content[:_QUERY_HEAD] + content[-_QUERY_TAIL:]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that could name something, folded (case and accents ignored), in order,
    without request words, greetings and stopwords: "Thank you Cora!" -> ["cora"]."""
    return _content(_words(text))
