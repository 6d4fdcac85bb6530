"""Round 13 (issue 14): two rules that settled alone, or nearly, now weigh against the model.

Read with each writer left out (tests/data/README.md, "Round 13"), two rules were right less often than
the model they overruled:
- "no words" (emoji only, no thankful emoji) settled the label alone and said other: 86% right, the model
  96%. Members ask for a file with an object and a question mark ("📥?"), and writers and blind labellers
  read that as a request.
- "resource noun on its own" weighed as a specific rule: 89% right, the model 95%. A named resource at the
  front of a question ("the checklist, is it for beginners?") or of praise ("wunderschön, die Lernkarten")
  read as a request for it.
Both now weigh as generic rules: the model overrules them only when it is confident.

And the "mag ik …" frame read "mag ik de werkbladen kopiëren voor mijn klas?" as a request: copying,
posting and hanging it up now count as using it, like sharing and printing before.

Examples written for this file, none a row of any labelled set but the issue's own example. Round 12 read
otherwise every case of the first two tests and of the first "asking leave" test, and the first praise
case (the other two turned to requests with round 13's relabelled data, and back with the new weights);
the others guard what must not change.
"""

from __future__ import annotations

import pytest

from bot.core.classifier import Label, classify, classify_with_reason
from bot.core.classifier_model import rule_bonus


@pytest.mark.parametrize("text", ["📒📥?", "🧾❓", "🗃️❓🥺", "📓❓", "🗒️📥🥺", "🗺️❓"])
def test_an_object_with_a_question_mark_or_a_plea_is_a_request(text: str):
    assert classify(text) is Label.REQUEST


@pytest.mark.parametrize(
    "text",
    [
        "the checklist, is it for beginners too?",
        "het receptenboekje, zijn de recepten glutenvrij?",
        "das Arbeitsblatt, für welche Klasse ist das?",
    ],
)
def test_a_question_about_a_named_resource_is_a_question(text: str):
    assert classify(text) is Label.QUESTION


@pytest.mark.parametrize("text", ["wunderschön, die Lernkarten", "super schön, die Sticker", "magnifiques, les fiches"])
def test_praise_with_the_resource_after_it_is_thanks(text: str):
    assert classify(text) is Label.THANKS


@pytest.mark.parametrize("text", ["🤷", "👋", "⚽", "🤔", "❓", "🤷‍♀️❓"])
def test_emoji_that_ask_for_nothing_stay_other(text: str):
    assert classify(text) is Label.OTHER


@pytest.mark.parametrize(
    "text",
    [
        "checklist please",
        "workbook pls",
        "het rekenblad graag",
        "die Checkliste bitte",
        "le planner stp",
        "la plantilla por favor",
        "stickers pls, merci",
        "Template request: weekly planner please",  # the issue's own example
    ],
)
def test_a_bare_resource_noun_is_still_a_request(text: str):
    assert classify(text) is Label.REQUEST


@pytest.mark.parametrize(
    "text",
    [
        "de kaartjes, zijn die ook in het Engels?",
        "le planner, c'est en A4 ou en A5 ?",
        "la guía, sirve para principiantes?",
        "o e-book, funciona no Kindle?",
        "il calendario, è in formato A4?",
    ],
)
def test_questions_that_were_already_read_right_stay_questions(text: str):
    assert classify(text) is Label.QUESTION


def test_both_rules_weigh_as_generic_rules():
    # The decisions above hang on the model; this pins the weight itself, so a later change is deliberate.
    _, reason = classify_with_reason("checklist please")
    assert reason.startswith("resource noun on its own")
    assert rule_bonus(reason) == rule_bonus("no words") == rule_bonus("question clause 'is it'") == 1.5


# Asking leave to use it is a question for the creator ("mag ik de checklist delen?" already was): copying
# it for a class, posting it somewhere, hanging it up. These Dutch forms read as "mag ik …" requests.
@pytest.mark.parametrize(
    "text",
    [
        "mag ik de rekenkaarten kopiëren voor mijn groep 5?",
        "mag ik het spelletjesboekje op de website van de club zetten?",
        "mag ik de poster in de gang ophangen?",
    ],
)
def test_asking_leave_to_copy_post_or_hang_it_up_is_a_question(text: str):
    assert classify(text) is Label.QUESTION


@pytest.mark.parametrize(
    "text",
    [
        "darf ich die Arbeitsblätter für meine Klasse kopieren?",
        "darf ich das Poster im Flur aufhängen?",
        "puis-je photocopier les fiches pour ma classe ?",
        "¿puedo fotocopiar las fichas para mis alumnos?",
        "posso fotocopiare le schede per la classe?",
        "czy mogę skserować karty pracy dla klasy?",
        "can I photocopy the worksheets for my class?",
    ],
)
def test_asking_leave_to_copy_stays_a_question_in_other_languages(text: str):
    assert classify(text) is Label.QUESTION


@pytest.mark.parametrize(
    "text",
    [
        "mag ik de rekenkaarten?",
        "mag ik ook het werkblad over breuken?",
        "mag ik een kopie van het werkblad?",
        "darf ich die Arbeitsblätter haben?",
        "can I get a copy of the worksheets?",
        "could you send me the planner so I can copy it for my team?",
        "kun je de poster sturen? dan hang ik hem op",
    ],
)
def test_asking_for_it_stays_a_request(text: str):
    assert classify(text) is Label.REQUEST


# The same leave asked about a resource the member's servers offer: naming it does not make the question
# a request for it (issue 14, part 3, holds only for "can I have"). Without the German "auf … stellen"
# form, the three German cases read as requests for the offered file.
_OFFERED = ["arbeitsblatt", "Das Mathe-Arbeitsblatt", "checkliste", "Die Checkliste", "checklist"]


@pytest.mark.parametrize(
    "text",
    [
        "darf ich das Arbeitsblatt auf meine Website stellen?",
        "kann ich die Checkliste auf meinen Blog stellen?",
        "darf ich die Checkliste auf unsere Schulseite stellen?",
        "mag ik de checklist op mijn blog zetten?",
        "can I post the checklist on my blog?",
    ],
)
def test_asking_leave_to_post_an_offered_resource_is_a_question(text: str):
    assert classify(text, _OFFERED) is Label.QUESTION


@pytest.mark.parametrize("text", ["darf ich das Arbeitsblatt haben?", "kann ich die Checkliste bekommen?"])
def test_asking_for_an_offered_resource_stays_a_request(text: str):
    assert classify(text, _OFFERED) is Label.REQUEST
