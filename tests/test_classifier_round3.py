"""Round 3 of issue 14: the kinds of message the second round still got wrong, each in at least three
languages, and the guard that keeps the judging set out of training.

The sentences here were written for these tests and are in no training or evaluation file.
"""

from __future__ import annotations

import pytest

from bot.core import classifier_train
from bot.core.classifier import Label, classify_with_reason

KINDS: dict[str, tuple[Label, list[str]]] = {
    # Asking again for something that arrived broken, or for a new link: a request, not a question.
    "asked again": (
        Label.REQUEST,
        [
            "the zip won't extract, could you upload it again?",
            "Link tot gisteren gewerkt, heb je een nieuwe?",
            "die PDF ist beschädigt, kannst du sie nochmal hochladen?",
            "el archivo no se abre, ¿me lo puedes volver a enviar?",
            "il file non si apre, puoi ricaricarlo?",
        ],
    ),
    # Whether the creator still has it: a request.
    "still have it": (
        Label.REQUEST,
        [
            "do you still have the knitting chart from the autumn post?",
            "heb je die boodschappenlijst nog?",
            "les fiches de révision, tu les as toujours ?",
            "masz jeszcze ten planer ślubny?",
        ],
    ),
    # Needs told as conditionals: a request.
    "conditional need": (
        Label.REQUEST,
        [
            "the reading log would really help my son",
            "die Einkaufsliste wäre echt eine große Hilfe",
            "le tableau de suivi m'aiderait vraiment",
            "la plantilla de facturas me vendría genial",
            "przydałby mi się ten szablon budżetu",
        ],
    ),
    # Refusals that thank: other.
    "refusal that thanks": (
        Label.OTHER,
        [
            "thanks, but I already have one",
            "danke, aber ich hab schon eine",
            "merci, mais j'en ai déjà un",
            "grazie, ma ne ho già uno",
            "ik pas, bedankt",
        ],
    ),
    # Scare-quoted "free" makes the thank-you sarcastic: other.
    "sarcastic thanks": (
        Label.OTHER,
        [
            'yet another "free" planner that needs a paid app. thanks',
            'weer een "gratis" sjabloon met abonnement. bedankt',
            'encore un "cadeau" payant. merci',
        ],
    ),
    # Praise without a thank-you word: thanks.
    "praise without thanks": (
        Label.THANKS,
        [
            "honestly worth its weight in gold",
            "dat schema is goud waard",
            "genial wie immer",
            "se nota el esfuerzo que hay detrás",
            "10/10, niente da dire",
        ],
    ),
    # "It will help" (they have it) is thanks; "it would help" (they want it) is a request.
    "it will help": (
        Label.THANKS,
        [
            "this will help me so much this term",
            "dat gaat me enorm helpen",
            "ça va vraiment m'aider",
        ],
    ),
    # Small talk, exclamations about the day included: other.
    "small talk": (
        Label.OTHER,
        [
            "what a day honestly",
            "wat een week zeg",
            "quelle journée",
            "co za tydzień",
        ],
    ),
}


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, (_, texts) in KINDS.items() for text in texts], ids=str
)
def test_each_kind_of_message_round3(kind: str, text: str):
    expected = KINDS[kind][0]
    got, reason = classify_with_reason(text)
    assert got is expected, f"{kind}: {text!r} -> {got} ({reason})"


def test_the_trainer_refuses_the_judging_set_without_reading_it(monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(classifier_train, "load_tsv", lambda path: opened.append(str(path)) or [])
    # classifier_eval6.tsv judges round 6 (classifier_eval5.tsv, round 5's, is trained on since round 6)
    with pytest.raises(ValueError, match="classifier_eval6.tsv"):
        classifier_train._rows(("classifier_train.tsv", "classifier_eval6.tsv"))
    with pytest.raises(ValueError, match="classifier_eval6.tsv"):
        classifier_train.validate("classifier_eval6.tsv")
    assert opened == []
