"""Classify a member's direct message to the bot: thanks, question, request or other.

Pure, deterministic and offline: a normaliser followed by multilingual lexicons and a fixed order of
rules. The order *is* the label precedence from the corpus README:

    empty / emoji-only -> spam, mistyped command, decline or sarcasm (other)
    -> request frames and wishes ("can I have…", "I'd love…"; a request beats thanks)
    -> a resource noun on its own ("ebook pls") -> sarcastic thanks (other; a request when the delivery failed)
    -> delivery complaint ("never got it", "you forgot the attachment") -> names an offered resource
    -> small talk (other) -> question (a question beats thanks) -> arrived broken ("the link is dead";
       not wrong or outdated content, which is feedback)
    -> declined offer (other) -> gratitude / praise (thanks) -> lukewarm opinion (other)
    -> a story of what it did for someone (thanks) -> other

Every rule is a *general* pattern (a verb of receiving plus a resource noun, an inverted clause, a
gratitude word...), never a stored sentence, so unseen phrasings are classified the same way.
Patterns live in bot.core.lexicon (word lists), lexicon_frames (request frames), lexicon_intent
(wishes, complaints, sarcasm), lexicon_more and lexicon_round3 (asking again, conditionals, refusals that
thank, praise without a thank-you word) and lexicon_round4 (small talk, lukewarm opinions, conditional
gratitude, a story of what it did for someone); the normaliser is bot.core.classifier_text. No lexicon
lists every phrasing, so a small trained model (bot.core.classifier_model) then weighs the rule's label
against what it learned from examples: it overrules a rule only when confident. ``classify_with_reason``
says which decided, and why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bot.core import lexicon as lx
from bot.core import lexicon_delivery as ld
from bot.core import lexicon_intent as li
from bot.core import lexicon_more as lm
from bot.core import lexicon_round3 as r3
from bot.core import lexicon_round4 as r4
from bot.core.classifier_model import Model, load_model, weigh
from bot.core.classifier_round5 import early_rule, emoji_only_thanks
from bot.core.classifier_text import Text, normalise
from bot.core.lexicon_frames import REQUEST_FRAMES
from bot.core.matching import Candidate, match_resources


class Label(StrEnum):
    THANKS = "thanks"
    QUESTION = "question"
    REQUEST = "request"
    OTHER = "other"


# --- Rules (patterns live in bot.core.lexicon) ----------------------------------------------------


# "where do you host the files?": what the creator does, not what the member wants.
_CREATOR_SUBJECT_RE = re.compile(r"^(you|u|ya|jij|du|tu|vous)\b")


def _has_object(t: Text, rest: str) -> bool:
    rest = rest.strip()
    if t.match(lm.NOT_SENDABLE_RE, rest) or t.match(_CREATOR_SUBJECT_RE, rest):
        return False
    return bool(t.find(lx.OBJECT_RE, rest) or t.find(li.OBJECT_NOUN_RE, rest))


def _explicit_request(t: Text) -> str | None:
    frames = t.possible(REQUEST_FRAMES)  # most frames cannot match this message at all: skip them
    for clause in t.clauses:
        for pattern, needs_object in frames:
            for m in pattern.finditer(clause):
                if needs_object == lx.ANY and not (t.find(li.NOUN_RE, clause) or t.find(lx.PRONOUN_RE, clause)):
                    continue
                if t.find(li.USE_TR_RE, clause):  # "paylaşabilir miyim": may I share it (a question)
                    continue
                if needs_object == lx.ANY and t.find(li.AVAILABLE_IN_RE, clause):
                    continue
                if t.search(li.INSTEAD_RE):
                    continue
                rest = clause[m.end() :]
                if needs_object is True and not _has_object(t, rest):
                    continue
                if needs_object == lx.LOOSE and not (_has_object(t, rest) or t.find(lx.LOOSE_OBJECT_RE, rest.strip())):
                    continue
                # "mag ik de checklist delen?" / "can I have the template and print it?" -> question frame
                if needs_object in (True, lx.LOOSE) and t.find(lx.USE_RE, rest):
                    continue
                if _WHERE_RE.match(m.group(0)) and t.find(ld.INSIDE_RE, clause):
                    continue  # where something is inside the resource: a question
                return f"request frame: {m.group(0)!r}"
    return None


def _noun_only_request(t: Text, clause: str, asked: bool = False) -> bool:
    """A clause that is just a resource noun (+ please/greeting): "ebook pls", "link?", "TEMPLATE AUB"."""
    tokens = [w for w in clause.split() if w not in lx.FILLER_WORDS]
    if not tokens or not t.find(li.NOUN_RE, clause):
        return False
    unknown = [w for w in tokens if not li.NOUN_RE.fullmatch(w)]
    # "content calendar template pls": a couple of qualifiers are fine when the member is asking politely.
    if not unknown:
        return True
    # "the checklist from today's post please": a few more when polite and not a thank-you.
    limit = 4 if not any(_is_gratitude_word(w) for w in tokens) else 2
    return len(unknown) <= limit and (asked or bool(t.find(lx.POLITE_RE, clause)))


def _is_gratitude_word(word: str) -> bool:
    sq = lx.squeeze(word)
    return sq in _GRATITUDE_SQ or sq.startswith(_GRATITUDE_PREFIX_SQ)


_GRATITUDE_SQ = frozenset(lx.squeeze(w) for w in lx.GRATITUDE_WORDS)
_GRATITUDE_PREFIX_SQ = tuple(lx.squeeze(p) for p in lx.GRATITUDE_PREFIXES)
_PRAISE_SQ = frozenset(lx.squeeze(w) for w in lx.PRAISE_WORDS)
_PROBLEM_RE = re.compile(lx.PROBLEM_RE)
_ACK_SQ = frozenset(lx.squeeze(w) for w in lx.ACK_WORDS)


@dataclass(frozen=True, slots=True)
class _Sentiment:
    gratitude: bool
    praise: bool
    negative: bool
    sarcasm_cue: bool
    acknowledgement: bool = False  # only "ok" / "cool" / "fine"-type words: noted, not grateful
    praise_last: bool = False  # mixed feedback that ends in praise: "… are wrong, but the rest is great"


def _sentiment(t: Text) -> _Sentiment:
    if (found := t.memo.get(_sentiment)) is None:  # the rules ask up to twice per message
        found = t.memo[_sentiment] = _read_sentiment(t)
    return found


def _read_sentiment(t: Text) -> _Sentiment:
    # "good morning" is not praise; "10/10, no notes" is, and its "no" is not a complaint
    # (no round-3 praise phrase, nothing to replace: the search is memoised, a failed sub is not)
    praised = r3.PRAISE_ROUND3_RE.sub(" great ", t.words) if t.search(r3.PRAISE_ROUND3_RE) else t.words
    words = _strip_small_talk(praised).split()
    gratitude = praise = negative = cue = False
    for i, w in enumerate(words):
        sq = lx.squeeze(w)
        negated = any(prev in lx.NEGATORS for prev in words[max(0, i - 2) : i])
        if _is_gratitude_word(w):
            gratitude = True
        elif sq in _PRAISE_SQ:
            if negated:
                negative = True
            else:
                praise = True
        if w in lx.NEGATIVE_WORDS:
            negative = True
        if w in lx.SARCASM_CUES:
            cue = True
    exclaims = any(t.match(li.EXCLAMATION_RE, _strip_small_talk(c).strip()) for c in t.clauses)  # "what a lovely…!"
    warm = t.search(lx.PRAISE_PHRASE_RE) or t.search(li.PRAISE_EXTRA_RE) or t.search(r4.PRAISE_ROUND4_RE)
    if warm or exclaims or _praised(t):
        praise = True
    if praise and not gratitude and not t.positive_emoji and all(lx.squeeze(w) in _ACK_SQ for w in words):
        return _Sentiment(False, False, negative, cue, acknowledgement=True)
    if t.search(_PROBLEM_RE) or t.search(li.NEGATIVE_EXTRA_RE) or t.search(r4.LUKEWARM_RE):
        negative = True
    praise_follows = False
    if m := _content_wrong(t):
        # "the solutions to exercise 3 are wrong"; not "the rest was outdated, this is perfect"
        praise_follows = any(map(_praises, t.words[m.end() :].split()))
        negative = negative or not praise_follows
    praise_last = praise and (praise_follows or (negative and _warm_after_contrast(t)))
    return _Sentiment(gratitude, praise or t.positive_emoji > 0, negative, cue, praise_last=praise_last)


# Mixed feedback: the last word decides (tests/data/LABELLING.md). "nice design, but the formulas are wrong"
# is a complaint; "the answers to exercise 3 are wrong, but the rest is great" is praise. Not Spanish "mas"
# (folded "más", more), nor "doch" (often just emphasis).
_CONTRAST_RE = re.compile(
    r"\b(but|though|however|otherwise|maar|verder|aber|sonst|ansonsten|mais|sinon|pero|por lo demas|porem|"
    r"de resto|ma|per il resto|ale|poza tym|ama|fakat|ancak)\b"
)


def _warm_after_contrast(t: Text) -> bool:
    """After the last "but", praise and nothing negative: "… wrong, but the rest is great"."""
    contrasts = list(_CONTRAST_RE.finditer(t.words))
    if not contrasts:
        return False
    tail = t.words[contrasts[-1].end() :]
    words = tail.split()
    praised = any(
        lx.squeeze(w) in _PRAISE_SQ and not any(prev in lx.NEGATORS for prev in words[max(0, i - 2) : i])
        for i, w in enumerate(words)
    )
    complaint = any(w in lx.NEGATIVE_WORDS for w in words) or any(
        p.search(tail) for p in (_PROBLEM_RE, li.NEGATIVE_EXTRA_RE, r4.LUKEWARM_RE, ld.CONTENT_WRONG_RE)
    )
    return praised and not complaint


# "my old sheet was outdated, this one is so much better": what is wrong was something else.
_BETTER = frozenset("better beter besser meilleur meilleure mejor melhor migliore lepszy lepsza iyi".split())


def _praises(word: str) -> bool:
    return _is_gratitude_word(word) or lx.squeeze(word) in _PRAISE_SQ or word in _BETTER


def _praised(t: Text) -> re.Match[str] | None:
    # "worth gold", "great as always", "dá pra ver o carinho"; round 4: "aanrader", "sztos", "quality for free"
    return t.search(r3.PRAISE_ROUND3_RE) or t.search(r4.PRAISE_ROUND4_RE)


def _passes(t: Text) -> re.Match[str] | None:
    if not t.may(r3.PASS_CLAUSE_RE):
        return None
    return next(filter(None, map(r3.PASS_CLAUSE_RE.fullmatch, t.clauses)), None)  # "passo, grazie"


@lru_cache(maxsize=256)  # the same words are stripped up to four times per message
def _strip_small_talk(words: str) -> str:
    return r3.SMALL_TALK_ROUND3_RE.sub(" ", li.SMALL_TALK_EXTRA_RE.sub(" ", lx.SMALL_TALK_RE.sub(" ", words)))


def _is_question(t: Text) -> str | None:
    if (found := t.memo.get(_is_question, _UNSET)) is _UNSET:  # the rules ask up to twice per message
        found = t.memo[_is_question] = _read_question(t)
    return found


_UNSET = object()


def _read_question(t: Text) -> str | None:
    words = _strip_small_talk(t.words)
    if m := t.find(lx.QUESTION_MARKER_RE, words) or t.find(li.QUESTION_EXTRA_RE, words):
        return f"question marker {m.group(0)!r}"
    for clause in t.clauses:
        clause = _strip_small_talk(clause).strip()
        if clause and t.match(li.EXCLAMATION_RE, clause):
            continue  # "what a lovely template", "quel joli modèle": an exclamation
        if clause and (m := t.match(lx.QUESTION_START_RE, clause)) and (t.has_qmark or not _praised(t)):
            if not t.has_qmark and t.match(ld.EXISTENTIAL_RE, clause):
                continue
            return f"question clause {m.group(0)!r}"
    if t.has_qmark:
        # "?" with real content (not "hello?" / "how are you?" / "thanks?") needs a human answer.
        content = [
            w
            for w in words.split()
            if w not in lx.FILLER_WORDS and w not in li.INTERJECTIONS and not _is_gratitude_word(w)
        ]
        if content:
            return "question mark"
    return None


# "…and print it", "…to share with my class": the wish is about using it. ("from your post": not a verb.)
_USE_AFTER_RE = re.compile(r"\b(to|and|en|und|et|y|e|om|zu|pour|para|per) " + lx.USE_VERBS_RE.removeprefix(r"\b"))


_WHERE_RE = re.compile(r"(where|wheres|waar|wo|ou|donde|onde|dove|gdzie)\b")


def _wish_request(t: Text) -> str | None:
    """Roundabout asks: "I'd love to get my hands on…", "würde mich über … freuen", "mag ik ook zo'n…"."""
    if t.search(li.INSTEAD_RE):
        return None  # "… somewhere, or is it digital only?": a choice of format, for the creator
    has_noun = bool(t.search(li.NOUN_RE))
    frames = t.possible(li.WISH_FRAMES)  # most frames cannot match this message at all: skip them
    for clause in (*t.clauses, t.words):  # also across a comma: "was muss ich tun, um … zu bekommen"
        for pattern, needs_noun in frames:
            if needs_noun == li.OBJECT:
                if (m := pattern.search(clause)) and _has_object(t, clause[m.end() :]):
                    return f"wish/roundabout ask: {m.group(0)!r}"
                continue
            if (m := pattern.search(clause)) and (has_noun or not needs_noun):
                if t.find(_USE_AFTER_RE, clause[m.end() :]) or t.find(li.USE_TR_RE, clause):
                    continue
                return f"wish/roundabout ask: {m.group(0)!r}"
    return None


def _delivery_complaint(t: Text) -> str | None:
    """The resource did not come, or was forgotten, or the member is still waiting for it."""
    if m := t.search(ld.NOT_RECEIVED_RE):
        return f"not received: {m.group(0)!r}"
    about_it = t.search(li.NOUN_RE) or t.search(lx.PRONOUN_RE)
    if (m := t.search(ld.CANT_FIND_IT_RE)) and t.search(ld.DELIVERY_NOUN_RE):
        return f"cannot find it: {m.group(0)!r}"
    if (m := t.search(ld.STILL_NO_RE)) and t.find(li.NOUN_RE, t.words[m.end() :]):
        return f"still nothing: {m.group(0)!r}"
    # "I don't see the attachment" (a delivery) but not "I don't see a monthly overview" (the content)
    if (m := t.search(ld.MISSING_RE)) and t.find(ld.DELIVERY_NOUN_RE, t.words[m.end() :]):
        return f"missing: {m.group(0)!r}"
    if m := t.search(ld.FAILED_RE):
        return f"delivery failed: {m.group(0)!r}"
    for pattern, what in ((ld.WAITING_RE, "still waiting"), (ld.FORGOT_RE, "forgotten")):
        if not (m := t.search(pattern)) or not about_it or t.find(_NEGATED_RE, t.words[: m.start()]):
            continue
        if pattern is ld.FORGOT_RE and t.find(ld.FIRST_PERSON_BEFORE_RE, t.words[: m.start()]):
            continue  # "I forgot how much I needed this": the member forgot, nothing is missing
        return f"{what}: {m.group(0)!r}"
    return None


_NEGATED_RE = re.compile(r"\b(didnt|did not|dont|do not|never|niet|nicht|pas|no|nao|non|nie)\s*$")


def _broken_delivery(t: Text) -> str | None:
    """A resource noun and a sign it arrived broken: "the pdf arrived blank", "link expired"."""
    m = t.search(ld.BROKEN_RE)
    about_content = t.search(ld.CONTENT_DEFECT_RE) or (m and m.group(0) in ld.ERROR_WORDS and _content_wrong(t))
    if m and t.search(li.NOUN_RE) and not about_content:
        return f"arrived broken: {m.group(0)!r}"
    if m := t.search(lm.STILL_BROKEN_RE):
        return f"still broken: {m.group(0)!r}"
    if t.search(lx.NOT_RECEIVED_RE) or (t.search(_PROBLEM_RE) and t.search(lx.LINK_RE)):
        return "resource not received / link broken"
    return None


def _broken_delivery_in_a_clause(t: Text) -> str | None:
    """A broken word next to what was delivered, in one clause: "the empty zip", "die Datei ist kaputt"
    (not "a workout plan that leaves me dead", nor "now my wallet is empty")."""
    for clause in t.clauses:
        if (m := t.find(ld.BROKEN_RE, clause)) and t.find(ld.DELIVERY_NOUN_RE, clause):
            return f"arrived broken: {m.group(0)!r}"
    return None


def _content_wrong(t: Text) -> re.Match[str] | None:
    """Wrong or outdated content ("exercise 3 is wrong", "veraltet"), not a wrong delivery ("the link is wrong")."""
    m = t.search(ld.CONTENT_WRONG_RE)
    if m and t.find(ld.DELIVERY_NOUN_RE, " ".join(t.words[: m.start()].split()[-3:])):
        return None
    return m


def _small_talk(t: Text) -> str | None:
    """ "how are you?", "anyone from Lyon here?": the whole message is small talk (a few words aside)."""
    if t.search(li.NOUN_RE) or not (m := t.search(r4.SMALL_TALK_QUESTION_RE)):
        return None
    rest = [w for w in (t.words[: m.start()] + " " + t.words[m.end() :]).split() if w not in lx.FILLER_WORDS]
    return f"small talk: {m.group(0)!r}" if len(rest) <= 3 else None


def _story(t: Text) -> str | None:
    """ "my daughter finally gets fractions": what it did for someone, told when nothing else was said."""
    m = t.search(r4.STORY_PERSON_RE)
    return f"story of what it did: {m.group(0)!r}" if m else None


def asks_for_something(text: str) -> bool:
    """Cheap pre-check for callers: could naming an offered resource turn ``text`` into a request?

    True when the message asks ("can I have", "mag ik", "please", "ik wil") and is not about using
    something ("can I share…"); only then is looking up the offered resources worth it.
    """
    t = normalise(_read_part(text))
    return bool(t.search(lm.ASK_CUE_RE)) and not t.search(lx.USE_RE)


def _names_offered(text: str, t: Text, offered: Sequence[str]) -> str | None:
    """A "can I have / mag ik" ask that names a resource the member's guilds offer is a request."""
    if not offered or not t.search(lm.ASK_CUE_RE) or t.search(lx.USE_RE):
        return None
    if (s := _sentiment(t)).gratitude and not s.negative and not _is_question(t):
        return None  # "thanks for Budget Buddy, please keep it up": thanks that names it
    candidates = [
        Candidate(i, 0, name if _SLUG_RE.fullmatch(name) else "", name) for i, name in enumerate(offered) if name
    ]
    if matched := match_resources(text, candidates):
        return f"asks for an offered resource: {matched[0].title!r}"
    return None


_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A long DM is read by its beginning and its end, where members greet, ask and thank. Reading all of
# Discord's 4,000 characters cost up to 0.2 s of the event loop per message ("mag ik " repeated: each
# occurrence starts a rule's ".*" over); a fourth of it costs a sixteenth. No labelled DM is longer
# than 400 characters, so none is read differently.
_HEAD_CHARS, _TAIL_CHARS = 600, 400


def _read_part(text: str) -> str:
    if len(text) <= _HEAD_CHARS + _TAIL_CHARS:
        return text
    return f"{text[:_HEAD_CHARS]}\n{text[-_TAIL_CHARS:]}"


def _rules(text: str, offered: Sequence[str]) -> tuple[Label, str]:
    """The rules alone, in precedence order: (label, the rule that decided)."""
    if not text or not text.strip():
        return Label.OTHER, "empty"
    text = _read_part(text)
    t = normalise(text)
    if not t.words:
        if (t.positive_emoji or "❣" in text) and not t.eye_roll and emoji_only_thanks(text):
            return Label.THANKS, "thankful emoji only"
        return Label.OTHER, "no words" if not t.has_url else "link only"
    if t.search(lx.SPAM_RE) and (t.has_url or len(lx.SPAM_RE.findall(t.words)) > 1 or "dm me" in t.words):
        return Label.OTHER, "spam"
    if m := t.search(r4.SELF_PROMO_RE):
        return Label.OTHER, f"spam (self-promotion): {m.group(0)!r}"
    if li.MONEY_RE.search(text) and t.search(li.FROM_HOME_RE):
        return Label.OTHER, "spam (money from home)"
    if lx.COMMAND_RE.match(text.replace("`", "")) and len(t.words.split()) <= 3:
        return Label.OTHER, "mistyped command"
    declines = (lx.DECLINE_RE, li.DECLINE_EXTRA_RE, lm.DECLINE_MORE_RE, r4.DECLINE_ROUND4_RE)
    if m := next(filter(None, map(t.search, declines)), None):
        return Label.OTHER, f"decline/sarcasm {m.group(0)!r}"
    if decided := early_rule(text, t):  # round 5's specific shapes (bot.core.classifier_round5)
        return Label(decided[0]), decided[1]
    if m := t.search(li.WANT_TO_KNOW_RE):
        return Label.QUESTION, f"wants to know: {m.group(0)!r}"
    if reason := _explicit_request(t) or _wish_request(t):
        return Label.REQUEST, reason
    asked = bool(t.search(li.REQUEST_WORD_RE))
    # "oh great, a template that needs a paid app. thanks 🙄": an eye-roll turns the thanks sarcastic.
    sarcastic = t.eye_roll and any(_is_gratitude_word(w) for w in t.words.split())
    if not sarcastic and any(_noun_only_request(t, c, asked) for c in t.clauses):
        return Label.REQUEST, "resource noun on its own"
    s = _sentiment(t)
    if (s.gratitude or s.praise) and ((s.negative and s.sarcasm_cue) or t.eye_roll):
        # "thanks SO much for the empty zip 🙃": sarcastic, and the delivery failed: a working copy is wanted.
        if failed := _delivery_complaint(t) or _broken_delivery_in_a_clause(t):
            return Label.REQUEST, f"sarcastic about a failed delivery: {failed}"
        return Label.OTHER, "sarcastic thanks" if not t.eye_roll else "sarcastic thanks (eye-roll)"
    if reason := _delivery_complaint(t):
        return Label.REQUEST, reason
    if reason := _names_offered(text, t, offered):
        return Label.REQUEST, reason
    if (m := t.search(r4.ASK_AGAIN_RE)) and t.search(r4.DELIVERED_PROBLEM_RE):
        return Label.REQUEST, f"asks again after a problem: {m.group(0)!r}"  # "pixelated, got a high-res one?"
    if reason := _small_talk(t):
        return Label.OTHER, reason
    if reason := _is_question(t):
        return Label.QUESTION, reason
    if reason := _broken_delivery(t):
        return Label.REQUEST, reason
    if m := t.search(li.NO_NEED_RE) or t.search(r3.ALREADY_HAVE_RE) or _passes(t):
        return Label.OTHER, f"turns the offer down: {m.group(0)!r}"
    if s.gratitude:
        return Label.THANKS, "gratitude word"
    if m := t.search(r4.LUKEWARM_RE):
        return Label.OTHER, f"lukewarm opinion: {m.group(0)!r}"  # "fine I guess, nothing special"
    if s.praise_last:
        return Label.THANKS, "mixed feedback, praise last"
    if s.praise and not s.negative:
        # A round-3 praise phrase ("it will help", "worth gold") is specific; other praise words are weak.
        return Label.THANKS, f"told as praise: {m.group(0)!r}" if (m := _praised(t)) else "praise"
    if s.acknowledgement:
        return Label.OTHER, "bare acknowledgement"
    if m := t.search(r4.WRONG_MESSAGE_RE):
        return Label.OTHER, f"wrong message explained: {m.group(0)!r}"  # "sorry, that was for my sister"
    if not (s.negative or t.has_qmark) and (reason := _story(t)):
        return Label.THANKS, reason
    return Label.OTHER, "negative feedback" if s.negative else "nothing to act on"


_model_override: list[Model | None] = []


def use_model(model: Model | None) -> None:
    """Use ``model`` instead of the shipped one (training validation); ``None`` means rules alone."""
    _model_override[:] = [model]


def classify_with_reason(text: str, offered: Sequence[str] = ()) -> tuple[Label, str]:
    """Classify ``text`` and say what decided (for logs, ``classify --explain`` and debugging).

    ``offered``: names or titles of the resources the member's guilds offer, when the caller knows
    them; a "can I have …?" that names one of them is then a request rather than a question. The
    rules decide first; the shipped model may overrule them when it is confident (see weigh).
    """
    label, reason = _rules(text, offered)
    model = _model_override[0] if _model_override else load_model()
    if model is None:
        return label, reason
    final, why = weigh(label.value, reason, _read_part(text), model)
    return Label(final), why


def classify(text: str, offered: Sequence[str] = ()) -> Label:
    """Label a member's DM as THANKS, QUESTION, REQUEST or OTHER (see module docstring for precedence).

    ``offered`` (optional): names/titles of resources on offer to the member; see classify_with_reason.
    """
    return classify_with_reason(text, offered)[0]
