"""Domain errors. Each carries a catalogue key and parameters, never a sentence.

The Discord layer renders them in the user's language (bot/i18n) as a private reply; the domain
stays free of wording and of discord.
"""

from __future__ import annotations

from typing import Any


class HandoutError(Exception):
    """An expected failure a user can act on."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.key}({details})" if details else self.key


class ValidationError(HandoutError):
    """A field breaks a rule. ``field`` names it so the user sees which one."""

    def __init__(self, field: str, rule: str, **params: Any) -> None:
        super().__init__(f"error.{rule}", field=field, **params)
        self.field = field
        self.rule = rule


class NotFound(HandoutError):
    pass


class Conflict(HandoutError):
    pass


class Forbidden(HandoutError):
    pass


class RateLimited(HandoutError):
    """Too many requests. ``already_told``: the member got this answer earlier in the same flood,
    so where an answer costs a rate-limited message (a DM) it is better left unsent."""

    def __init__(self, key: str, *, already_told: bool = False, **params: Any) -> None:
        super().__init__(key, **params)
        self.already_told = already_told
