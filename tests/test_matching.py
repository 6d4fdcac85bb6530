"""Tests for bot.core.matching.match_resources."""

from __future__ import annotations

import pytest

from bot.core.matching import Candidate, match_resources

CHECKLIST = Candidate(1, 10, "weekly-checklist", "The Weekly Planning Checklist")
BUDGET = Candidate(2, 10, "budget-template", "Budget Template")
WERKBOEK = Candidate(3, 10, "werkboek-freelancers", "Werkboek voor freelancers")
CALENDAR = Candidate(4, 10, "content-calendar", "Content Calendar Template")
LIJST = Candidate(5, 10, "boodschappen", "Boodschappenlijst")
CAFE = Candidate(6, 10, "cafe-gids", "Gids voor het café")
LIBRARY = [CHECKLIST, BUDGET, WERKBOEK, CALENDAR, LIJST, CAFE]


def ids(text: str, candidates=LIBRARY) -> list[int]:
    return [c.resource_id for c in match_resources(text, candidates)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English phrasings
        ("hi! could I get the checklist?", [1]),
        ("can you send me the budget template pls", [2]),
        ("Hey, I'd love the weekly planning checklist 🙏", [1]),
        ("content calendar please", [4]),
        # Dutch phrasings
        ("mag ik de checklist?", [1]),
        ("ik wil graag het werkboek voor freelancers", [3]),
        ("hoi! kan ik het werkboek krijgen", [3]),
        ("stuur me de gids over het cafe aub", [6]),
        # Other languages reuse the same words
        ("Kann ich die Checkliste bekommen?", [1]),
        ("me puedes enviar la plantilla del budget?", [2]),
    ],
)
def test_phrasings(text: str, expected: list[int]):
    assert ids(text) == expected


def test_case_and_accents_are_ignored():
    assert ids("GIDS VOOR HET CAFÉ") == [6]
    assert ids("gids voor het cafe") == [6]
    assert ids("Le guide du café?", [Candidate(9, 1, "guide", "Guide du Café")]) == [9]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("checklists please", [1]),
        ("werkboeken?", [3]),
        ("mag ik het lijstje van de boodschappen?", [5]),
        ("de boodschappenlijstjes graag", [5]),
        ("the budget templates", [2]),
    ],
)
def test_plurals_and_diminutives(text: str, expected: list[int]):
    assert ids(text) == expected


def test_cross_language_resource_nouns():
    workbook = Candidate(7, 10, "freelance-workbook", "The Freelance Workbook")
    assert ids("mag ik het werkboek?", [workbook, BUDGET]) == [7]
    assert ids("can I get the workbook?", [WERKBOEK, BUDGET]) == [3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("can i get the chekclist", [1]), ("budgte template", [2]), ("het werkbeok aub", [3])],
)
def test_small_typos(text: str, expected: list[int]):
    assert ids(text) == expected


def test_short_words_need_an_exact_match():
    # "cafe" vs "care": edit distance 1 but only 4 letters -> no typo tolerance.
    menu = Candidate(8, 10, "cafe-menu", "Cafe Menu")
    assert ids("can I have the care?", [menu]) == []
    assert ids("can I have the cafe?", [menu]) == [8]


def test_multiple_matches_return_all_ties_in_title_then_id_order():
    assert ids("can I get the template?") == [2, 4]  # "Budget Template" < "Content Calendar Template"
    twin_a = Candidate(12, 10, "planner-a", "Planner")
    twin_b = Candidate(11, 10, "planner-b", "Planner")
    assert ids("the planner please", [twin_a, twin_b]) == [11, 12]


def test_more_specific_wins_over_partial():
    assert ids("the content calendar template") == [4]


@pytest.mark.parametrize("text", ["hi!", "thanks", "dankjewel!", "ok", "", "   ", "can I get it?", "🙏", "the unicorn"])
def test_no_meaningful_match(text: str):
    assert ids(text) == []


def test_exact_slug_mention_wins():
    plain = Candidate(20, 10, "checklist", "Starter Kit")
    assert ids("can I get the checklist", [CHECKLIST, plain]) == [20]
    assert ids("weekly-checklist please", [CHECKLIST, plain]) == [1]
    assert ids("weekly checklist please", [CHECKLIST, plain]) == [1]


def test_generic_pdf_with_one_candidate_returns_it():
    assert ids("can I have the pdf?", [BUDGET]) == [2]
    assert ids("link pls", [CHECKLIST]) == [1]


def test_generic_pdf_with_several_candidates_is_ambiguous():
    assert ids("can I have the pdf?", [BUDGET, CHECKLIST]) == []
    # ...unless the generic word singles one out.
    pdf = Candidate(30, 10, "budget-pdf", "Budget PDF")
    assert ids("can I have the pdf?", [pdf, CHECKLIST]) == [30]


def test_generic_word_counts_weakly_next_to_a_specific_one():
    pdf = Candidate(30, 10, "budget-pdf", "Budget PDF")
    assert ids("the checklist pdf please", [pdf, CHECKLIST]) == [1]


def test_no_candidates():
    assert match_resources("the checklist", []) == []


def test_deterministic_and_input_order_independent():
    assert ids("template", LIBRARY) == ids("template", list(reversed(LIBRARY)))


def test_a_long_dm_is_matched_by_its_first_and_last_words():
    # Every word of a DM is scored against every word of every resource on offer: a 4,000-character
    # DM of distinct words held the event loop for seconds with a few hundred resources
    # (bench/hostile_dm.py). Only its first 48 and last 16 distinct words name something.
    filler = [f"q{i:03d}" for i in range(120)]
    resources = [Candidate(1, 1, "weekly-checklist", "The weekly checklist"), Candidate(2, 1, "budget", "Budget")]
    assert ids(" ".join(["checklist", *filler]), resources) == [1]
    assert ids(" ".join([*filler, "budget", "please"]), resources) == [2]
    assert ids(" ".join([*filler[:60], "checklist", *filler[60:]]), resources) == []
