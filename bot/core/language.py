"""Guess the language of a member's message, so the bot can answer in kind when Discord gives no locale.

Deliberately simple and deterministic: every word found in a small per-language marker list adds
``1 / (number of languages that list it)`` to that language, so shared words ("de", "me", "is") count
little and distinctive ones ("dankjewel", "krijgen", "could") count fully. A few letters that only
some languages use (ñ, ã, ß, "ij") add a nudge. Below a minimum score, or on a tie, we say ``None``
rather than guess: replying in the default language is better than replying in the wrong one.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bot.core.lexicon import fold

SUPPORTED = ("en", "nl", "de", "fr", "es", "pt")

# Function words, request/greeting/thanks words: what short DMs are made of. Folded (no accents).
_MARKERS: dict[str, str] = {
    "en": """the a an and is are i you my me it this that to of for with can could would get have please
        pls thanks thank thx ty tysm what how where when why do does did send just so really love great
        much hi hey hello yes from your on be will not dont im id there any also too very some was were if
        but or am we they about out want need like know would should
        help cheers appreciate awesome amazing useful helpful again still available""",
    "nl": """de het een en ik je jij u mij me mijn jouw is dit dat deze die van voor met op aan niet wel ook
        nog maar kan kun kunt mag wil graag krijgen stuur sturen hoe wat waar wanneer waarom welke dank
        dankjewel dankje bedankt dankuwel hoi hi hey hallo super handig leuk fijn mooi top alsjeblieft
        aub heel erg echt zo er hier al om te naar bij uit zijn heb hebt heeft werkt werkboek gids lijst
        lijstje bestand goed gaat zou moet doe jullie ja nee oke hoor even zeker wij we ons onze ontvangen
        vraagje snap gebruiken delen geen iets veel wel tof gaaf lekker gewoon waarmee doen hulp krijg""",
    "de": """der die das und ich du sie es ist nicht ein eine mit fur auf auch noch bitte danke dankeschon
        vielen dank kann kannst mir mich dir wie was wo wann warum gibt hallo schick haben bekommen hab hast
        sehr super toll gut ja nein schon mal den dem des zu vorlage checkliste leitfaden funktioniert gern
        gerne hatte mochte liebe lieben echt hey herzlichen genau brauche frage kurze wir ihr uns hilfe""",
    "fr": """le la les un une des du de et est je tu vous il elle on ce ca c j l d m qu que qui pour avec sur
        dans pas ne merci beaucoup bonjour salut svp stp peux pouvez avoir envoyer envoie lien fichier
        modele comment quand pourquoi ou tres super top genial mais aussi moi toi mon ma mes ton ta votre
        bonne journee possible recevoir question petite aide""",
    "es": """el la los las un una unos y es de que en por para con no me te lo mi tu gracias muchas hola
        puedes podrias enviar mandar pasar quiero donde como cuando porque plantilla guia enlace archivo
        porfa favor muy esta este esto pero tambien si ya del al buenisimo genial mil pregunta sirve ayuda""",
    "pt": """o os a as um uma e de do da dos das que em no na nos nas por para com nao obrigado obrigada
        valeu oi ola pode poderia me mandar enviar quero onde como quando voce vc muito isso esse essa este
        esta tambem sim ja mas meu minha modelo arquivo favor obg duvida posso ajuda""",
}
_WEIGHTS: dict[str, dict[str, float]] = defaultdict(dict)
_owners: dict[str, list[str]] = defaultdict(list)
for _lang, _words in _MARKERS.items():
    for _w in dict.fromkeys(_words.split()):
        _owners[_w].append(_lang)
for _w, _langs in _owners.items():
    for _lang in _langs:
        _WEIGHTS[_w][_lang] = 1.0 / len(_langs)

# Letters (checked before accents are folded away) that point to one language.
_CHAR_HINTS = (("ñ¿¡", "es", 1.0), ("ãõ", "pt", 1.5), ("ß", "de", 1.5), ("äöü", "de", 0.5), ("èêàù", "fr", 0.5))
_IJ_RE = re.compile(r"ij")  # "dankjewel", "mij", "vind je het fijn": very Dutch, rare elsewhere
_WORD_RE = re.compile(r"[^\W\d_]+")
_MIN_SCORE = 1.0


def language_scores(text: str) -> dict[str, float]:
    """Per-language scores (for debugging and tests); languages with no evidence are left out."""
    scores: dict[str, float] = defaultdict(float)
    lowered = text.casefold()
    for chars, lang, bonus in _CHAR_HINTS:
        if any(ch in lowered for ch in chars):
            scores[lang] += bonus
    folded = re.sub(r"['’`]", " ", fold(re.sub(r"<[@#&!:a-z0-9]+>|https?://\S+", " ", text)))
    words = _WORD_RE.findall(folded)
    for word in words:
        for lang, weight in _WEIGHTS.get(word, {}).items():
            scores[lang] += weight
    if any(_IJ_RE.search(w) for w in words):
        scores["nl"] += 0.5
    return dict(scores)


def detect_language(text: str) -> str | None:
    """Return "en", "nl", "de", "fr", "es" or "pt" for ``text``, or None when there is too little to go on.

    >>> detect_language("mag ik de checklist?"), detect_language("could I get the checklist?")
    ('nl', 'en')
    >>> detect_language("ok") is None and detect_language("🙏") is None
    True
    """
    scores = language_scores(text or "")
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], SUPPORTED.index(kv[0])))
    best_lang, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < _MIN_SCORE or best - runner_up < 0.25:
        return None
    return best_lang
