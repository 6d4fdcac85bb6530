"""discord.py's app-command Translator backed by our catalogues.

Command and option *names* stay as written (they are the public interface: docs and creators type
``/resource add``); descriptions and choice names are localised, so a Dutch client reads Dutch.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot import i18n


def command_text(key: str) -> app_commands.locale_str:
    """A description for a command or option: English text, with its catalogue key attached."""
    return app_commands.locale_str(i18n.text(i18n.DEFAULT_LANGUAGE, key), key=key)


class CatalogueTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if key is None:
            return None
        language = i18n.language_for(locale.value)
        if language == i18n.DEFAULT_LANGUAGE:
            return None  # English is the command's own text
        translated = i18n.catalogues()[language].get(key)
        return translated or None
