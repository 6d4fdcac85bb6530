from __future__ import annotations

import pytest

from bot import i18n


def test_every_catalogue_has_the_same_keys_and_placeholders() -> None:
    reference = i18n.catalogues()[i18n.DEFAULT_LANGUAGE]
    for language, catalogue in i18n.catalogues().items():
        assert set(catalogue) == set(reference), f"{language}.json keys differ from en.json"
        for key, template in catalogue.items():
            assert i18n.placeholders(template) == i18n.placeholders(reference[key]), f"{language}: {key}"


def test_english_and_dutch_are_there() -> None:
    assert {"en", "nl"} <= set(i18n.languages())


@pytest.mark.parametrize(
    ("locale", "language"),
    [("nl", "nl"), ("en-US", "en"), ("en-GB", "en"), ("de", "en"), (None, "en"), ("", "en"), ("NL", "nl")],
)
def test_language_for_discord_locales(locale: str | None, language: str) -> None:
    assert i18n.language_for(locale) == language


def test_text_fills_placeholders() -> None:
    assert i18n.text("nl", "error.file_empty", field="file") == "`file` is leeg."
    assert i18n.text("en-US", "error.file_empty", field="file") == "`file` is empty."


def test_descriptions_fit_discord_limits() -> None:
    for language, catalogue in i18n.catalogues().items():
        for key, template in catalogue.items():
            if key.startswith(("cmd.", "opt.")):
                assert 1 <= len(template) <= 100, f"{language}: {key} is {len(template)} characters"
