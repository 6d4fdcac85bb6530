"""Tests for bot.core.language.detect_language."""

from __future__ import annotations

import pytest

from bot.core.language import detect_language, language_scores


@pytest.mark.parametrize(
    "text",
    [
        "mag ik de checklist?",
        "dankjewel, super handig",
        "hoi! kan ik het werkboek krijgen",
        "Heel erg bedankt, precies wat ik nodig had",
        "werkt dit ook in Notion?",
        "bedankt",
        "hoi",
        "stuur me de pdf aub",
        "!hulp",  # a typed help command is answered in the language of its word
        "/krijg checklist",
    ],
)
def test_dutch(text: str):
    assert detect_language(text) == "nl"


@pytest.mark.parametrize(
    "text",
    [
        "could I get the checklist?",
        "thanks!",
        "Thank you so much, this checklist is amazing",
        "can you send me the budget template pls",
        "**Huge thanks** for putting this together <@482913377201>",
    ],
)
def test_english(text: str):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kann ich die Checkliste bekommen?", "de"),
        ("Vielen Dank, genau das hab ich gebraucht", "de"),
        ("Je peux avoir le guide ?", "fr"),
        ("merci beaucoup !", "fr"),
        ("¿Me puedes mandar la plantilla?", "es"),
        ("muchas gracias", "es"),
        ("Pode me mandar o checklist?", "pt"),
        ("muito obrigado", "pt"),
    ],
)
def test_other_supported_languages(text: str, lang: str):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["ok", "🙏", "", "   ", "<@123>", "hi", "👍👍", "https://example.com", "123"])
def test_unsure_returns_none(text: str):
    assert detect_language(text) is None


def test_accents_and_case_do_not_matter():
    assert detect_language("DANKJEWEL, SUPER HANDIG") == "nl"
    assert detect_language("MERCI, C'EST GÉNIAL") == detect_language("merci, c'est genial") == "fr"


def test_mixed_message_follows_the_dominant_language():
    assert detect_language("hoi! does this work in Notion?") == "en"
    assert detect_language("thanks voor de tips, echt heel fijn") == "nl"


def test_scores_are_deterministic_and_explainable():
    scores = language_scores("mag ik de checklist?")
    assert scores["nl"] > max(v for k, v in scores.items() if k != "nl")
    assert language_scores("mag ik de checklist?") == scores
