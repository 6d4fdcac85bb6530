"""A small trained model behind the rules: multinomial logistic regression over word and character n-grams.

The rules in bot.core.classifier are precise where a lexicon covers the wording; members write in
more ways than any lexicon lists (nine languages, typos, roundabout asks). The model generalises
from labelled examples instead. Pure Python, no discord import, no download: the weights are a JSON
file shipped next to this module (classifier_model.json), written by ``python -m
bot.core.classifier_train`` from the TSV files it names, deterministically.

Features, all from a normalised text (casefolded, accents folded, markup stripped, mentions, links
and custom emoji replaced by a placeholder word): word unigrams and bigrams (sentence boundaries
included, "?" and "!" and emoji are words) and character 3- to 5-grams inside each word (typos,
inflections, "dankjewel"/"dankjewell"). Each text's features are weighted 1/sqrt(count), so long
messages do not shout.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.core.lexicon import GRATITUDE_PREFIXES, GRATITUDE_WORDS, NEGATORS, fold, squeeze

MODEL_PATH = Path(__file__).with_name("classifier_model.json")
LABELS = ("thanks", "question", "request", "other")

_URL_RE = re.compile(r"(?:https?://|www\.|discord\.gg/)\S+", re.I)
_MENTION_RE = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")
_CUSTOM_EMOJI_RE = re.compile(r"<a?:(\w+):\d+>")
_MD_LINK_RE = re.compile(r"\[([^\]\n]{1,200})\]\([^)\s]*\)")
_MARKUP_RE = re.compile(r"[*_~|`>]+")
_ELISION_RE = re.compile(r"\b(\w)['’`´]")  # l'étape, j'aimerais, I'd -> "l étape"
_REPEAT_RE = re.compile(r"(\D)\1{2,}")  # thaaanks -> thaanks, ?!?!!! stays informative but bounded
_TOKEN_RE = re.compile(r"[^\W_]+|[?!¿¡]|[^\w\s.,;:'\"()\[\]{}<>/\\-]")
_MAX_TOKENS = 200  # a longer DM is read by its first and last 100 words (bounded time)


def tokens(text: str) -> list[str]:
    """Normalised word tokens; "?" "!" and each emoji are tokens of their own."""
    text = text.replace("\\n", "\n")
    text = _MD_LINK_RE.sub(r" \1 url ", text)
    text = _URL_RE.sub(" url ", text)
    text = _CUSTOM_EMOJI_RE.sub(r" \1 ", text)
    text = _MENTION_RE.sub(" mention ", text)
    text = _MARKUP_RE.sub(" ", text)
    text = fold(text)
    text = _ELISION_RE.sub(r"\1 ", text).replace("'", "").replace("’", "")
    text = _REPEAT_RE.sub(r"\1\1", text)
    words = [t for t in _TOKEN_RE.findall(text) if t not in "\ufe0f\u200d"]
    if len(words) <= _MAX_TOKENS:
        return words
    half = _MAX_TOKENS // 2
    return words[:half] + words[-half:]  # the ask is usually at the start or at the end


# Words that turn what came before around ("thanks, but I'll pass") in the nine languages, folded.
_CONTRAST = frozenset(
    "but though however maar aber doch mais pero sino mas porem ma ale jednak ama fakat ancak".split()
)
_GRATITUDE = frozenset(squeeze(w) for w in GRATITUDE_WORDS)
_GRATITUDE_PREFIXES = tuple(squeeze(p) for p in GRATITUDE_PREFIXES)
CUES = True


@lru_cache(maxsize=16384)  # squeezing every word of a long message took as long as its n-grams
def _grateful(word: str) -> bool:
    squeezed = squeeze(word)
    return squeezed in _GRATITUDE or squeezed.startswith(_GRATITUDE_PREFIXES)


def _cues(words: list[str]) -> list[str]:
    """Whole-message cues that n-grams cannot see: a thank-you with a "but" or a number somewhere
    ("thanks for the 12 pings at 3am"), a negation, the first and last word, a final question mark."""
    out = []
    grateful = any(map(_grateful, words))
    if grateful:
        out.append("x thanks")
        if any(w in _CONTRAST for w in words):
            out.append("x thanks but")
        if any(w.isdigit() for w in words):
            out.append("x thanks number")
    if any(w in NEGATORS for w in words):
        out.append("x negation")
    if words:
        out.extend(("x first " + words[0], "x last " + words[-1]))
        if "?" in words[-3:]:
            out.append("x ends ?")
    return out


def features(text: str) -> dict[str, float]:
    """Feature name -> value, the same at training and at run time."""
    words = tokens(text)
    names: list[str] = []
    padded = ["<s>", *words, "</s>"]
    names.extend("w " + w for w in words)
    names.extend(f"b {a} {b}" for a, b in itertools.pairwise(padded))
    for w in words:
        names.extend(_letter_grams(w))
    if CUES:
        names.extend(_cues(words))
    if not names:
        names.append("w <empty>")
    unique = dict.fromkeys(names)
    value = 1.0 / math.sqrt(len(unique))
    return dict.fromkeys(unique, value)


# Words recur from message to message; their n-grams took a fifth of the model's time. 2,048 words:
# about 2 MB when full and 73% of lookups on the labelled sets (16,384: 90%, but about 20 MB).
@lru_cache(maxsize=2048)
def _letter_grams(word: str) -> tuple[str, ...]:
    """The word's character 3- to 5-gram features, "<" and ">" marking its start and end."""
    if len(word) < 3 or not word[0].isalnum():
        return ()
    marked = f"<{word}>"
    return tuple("c " + marked[i : i + n] for n in (3, 4, 5) for i in range(len(marked) - n + 1))


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str
    probabilities: dict[str, float]
    top_features: tuple[tuple[str, float], ...]  # (feature, contribution to the winning label)


class Model:
    def __init__(self, weights: dict[str, list[float]], bias: list[float]):
        self.weights = weights
        self.bias = bias

    @classmethod
    def from_json(cls, data: dict) -> Model:
        # Tuples, not lists: a tuple of floats is left alone by the garbage collector (~100,000 of them).
        return cls({name: tuple(w) for name, w in data["weights"].items()}, list(data["bias"]))

    def scores(self, feats: dict[str, float]) -> list[float]:
        # Four local sums, not a list's items: the same additions in the same order, a quarter faster.
        s0, s1, s2, s3 = self.bias
        get = self.weights.get
        for name, value in feats.items():
            if (w := get(name)) is not None:
                w0, w1, w2, w3 = w
                s0 += w0 * value
                s1 += w1 * value
                s2 += w2 * value
                s3 += w3 * value
        return [s0, s1, s2, s3]

    def predict(self, text: str, top: int = 3) -> Prediction:
        """The model's label and probabilities; ``top`` > 0 also lists the features that weighed most
        (sorting them took a third of the time per message, so weigh asks only when it shows them)."""
        return self.predict_features(features(text), top)

    def predict_features(self, feats: dict[str, float], top: int = 3) -> Prediction:
        """``predict`` on features already computed (weigh computes them once for both of its calls)."""
        probs = softmax(self.scores(feats))
        best = max(range(len(LABELS)), key=probs.__getitem__)
        contributions = (
            sorted(
                ((name, self.weights[name][best] * value) for name, value in feats.items() if name in self.weights),
                key=lambda item: (-item[1], item[0]),
            )[:top]
            if top > 0
            else ()
        )
        return Prediction(LABELS[best], dict(zip(LABELS, probs, strict=True)), tuple(contributions))


def describe(feature: str) -> str:
    """A feature as a person reads it: word 'thanks', words 'can i', letters '<mag'."""
    kind, _, value = feature.partition(" ")
    return f"{ {'w': 'word', 'b': 'words', 'c': 'letters', 'x': 'cue'}.get(kind, kind) } {value!r}"


def softmax(scores: Iterable[float]) -> list[float]:
    scores = list(scores)
    peak = max(scores)
    exps = [math.exp(s - peak) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


# Rules that settle the label alone: nothing for a model to weigh (no text, spam, a command, an
# offered resource asked for by name, an eye-rolling thank-you). Every other rule's label gets a
# bonus in log-probability over the model's own, so the model overrules a rule only when it is
# confident. Most rules match a specific pattern (a request frame, a decline, a broken link) and are
# rarely wrong: a large bonus. The generic ones ("a question clause", "a thank-you word") less, the
# fallbacks ("nothing to act on", a bare "?", praise) least: there the model was right more often
# than the rule. Values chosen on held-out data: each labelled file scored by a model trained
# without it (see classifier_train). Round 4 lowered the generic and weak bonuses (3 and 2 before):
# on classifier_eval3.tsv, scored by a model never trained on it, the model was right more often than
# the rule on "nothing to act on" (345 of 425 rows vs 239), "question clause" (231/252 vs 182) and
# "question mark" (295/351 vs 236); overall 88.9% -> 90.2%, eval2 left out 96.9% -> 97.0%.
_FINAL_REASONS = (
    "empty",
    "thankful emoji only",
    "link only",
    "spam",
    "mistyped command",
    "asks for",
    "sarcastic thanks (eye-roll)",  # 🙄 with a thank-you: rare in training data, never gratitude
    "small talk",  # "how are you?" alone: the model reads any short "…?" as a question
    "a heading",  # "Aranıyor: …": a model without eval4 read a heading in Turkish as a question (p=0.99)
    # Round 11's rule (tests/data/LABELLING.md) settled this after most training rows were written: the
    # model learned it as other from writers who labelled it before the rule said request.
    "sarcastic about a failed delivery",
)
# Round 6, leave one writer out (bot.core.classifier_loso): "negative feedback" (nothing asked, something
# negative said) was right on 95% of the fresh writers' rows, the model on 65%: it weighs as a specific rule.
# Round 13, each training row read with its writer left out: "no words" (emoji only) was right on 86% of
# its rows and the model on 96% ("📥?" is a request), "resource noun on its own" on 89% against 95% ("the
# checklist, is it for beginners?"). Both had settled alone or nearly (final, specific); now generic.
_GENERIC_REASONS = (
    "no words",
    "resource noun on its own",
    "question clause",
    "question marker",
    "gratitude word",
    "story of what it did",
    "wrong message",
)
_WEAK_REASONS = ("nothing to act on", "question mark", "praise", "bare acknowledgement")
# Round 12's "mixed feedback, praise last" (tests/data/LABELLING.md: the last word decides) weighs as a specific
# rule: the model saw almost no such rows and read "… are wrong, but the rest is great" as a complaint (p=0.58).
SPECIFIC_RULE_BONUS, GENERIC_RULE_BONUS, WEAK_RULE_BONUS = 5.0, 1.5, 1.0
# Round 4 gave question rules +0.5 (for "may I upload it to my class drive?" on eval2). Round 6, leave one
# writer out with the writers' rows: on the four sets no rule was written from, the model is right more often
# than "question mark" / "question clause" / "question marker" (93.7% / 95.6% / 93.2% vs 72.2% / 84.3% /
# 72.8% of 1,429 rows), and without the extra the mean over those sets goes from 94.55% to 94.76%.
QUESTION_RULE_EXTRA = 0.0


def rule_bonus(reason: str) -> float | None:
    """How much a rule's label counts against the model; None when the rule settles it alone."""
    if reason.startswith(_FINAL_REASONS):
        return None
    extra = QUESTION_RULE_EXTRA if reason.startswith("question") else 0.0
    if reason.startswith(_WEAK_REASONS):
        return WEAK_RULE_BONUS + extra
    return (GENERIC_RULE_BONUS + extra) if reason.startswith(_GENERIC_REASONS) else SPECIFIC_RULE_BONUS


def decide(rule_label: str, reason: str, probs: dict[str, float]) -> str:
    """The label once the rule's bonus is added to the model's log-probability (leave-one-writer-out
    validation calls this too, so it measures exactly what runs)."""
    bonus = rule_bonus(reason)
    if bonus is None:
        return rule_label
    scores = {name: math.log(max(p, 1e-9)) + (bonus if name == rule_label else 0.0) for name, p in probs.items()}
    return max(LABELS, key=scores.__getitem__)


def weigh(rule_label: str, reason: str, text: str, model: Model) -> tuple[str, str]:
    """The rule's label and the model's probabilities together: (label, what decided it)."""
    if rule_bonus(reason) is None:
        return rule_label, reason
    feats = features(text)
    probs = model.predict_features(feats, top=0).probabilities
    best = decide(rule_label, reason, probs)
    if best == rule_label:
        return rule_label, f"{reason} (model p={probs[rule_label]:.2f})"
    top = ", ".join(describe(name) for name, _ in model.predict_features(feats).top_features)
    return best, f"model p={probs[best]:.2f} over rule [{reason}]; top features: {top}"


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, read once; None when the file is absent (the rules then decide alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Model.from_json(data)
