"""Message catalogues: one JSON file per language in this folder, e.g. en.json and nl.json.

Adding a language is adding one file named after its Discord locale (``de.json``, ``pt-BR.json``):
it is picked up for replies and for slash-command descriptions alike. English is the reference
catalogue and the fallback for any key a language lacks.
"""

from __future__ import annotations

import json
import string
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_LANGUAGE = "en"
_FOLDER = Path(__file__).resolve().parent


@cache
def catalogues() -> dict[str, dict[str, str]]:
    found = {}
    for path in sorted(_FOLDER.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            found[path.stem] = json.load(handle)
    if DEFAULT_LANGUAGE not in found:
        raise RuntimeError(f"bot/i18n/{DEFAULT_LANGUAGE}.json is missing")
    return found


def languages() -> list[str]:
    return sorted(catalogues())


def language_for(locale: str | None) -> str:
    """Map a Discord locale ('nl', 'en-US', 'pt-BR') to the best catalogue we have."""
    if not locale:
        return DEFAULT_LANGUAGE
    available = catalogues()
    if locale in available:
        return locale
    base = locale.split("-", 1)[0].lower()
    if base in available:
        return base
    for name in available:
        if name.split("-", 1)[0].lower() == base:
            return name
    return DEFAULT_LANGUAGE


class _Lenient(dict):
    """Leave an unknown {placeholder} visible instead of raising KeyError in front of a user."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def text(locale: str | None, key: str, **params: Any) -> str:
    """The message ``key`` in the language for ``locale``, with ``params`` filled in."""
    language = language_for(locale)
    template = catalogues()[language].get(key) or catalogues()[DEFAULT_LANGUAGE].get(key)
    if template is None:
        raise KeyError(f"no message {key!r} in bot/i18n/{DEFAULT_LANGUAGE}.json")
    return string.Formatter().vformat(template, (), _Lenient(params))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
