"""What a member's DM carried besides its words: stickers and files, by name.

A "Thank You" sticker with no text is a thanks, and a photo of the finished worksheet is worth the
creator's reply; stored as words alone, both reached the creator as an empty message. The bot passes
on the names only, never the files: what a member uploads is theirs to share in the server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

_MAX_ITEMS = 10  # Discord's own limit for files on one message; a message has at most 3 stickers
_NAME_MAX = 100


@dataclass(frozen=True)
class AlsoSent:
    stickers: tuple[str, ...] = ()
    files: tuple[str, ...] = ()

    @classmethod
    def of(cls, stickers: list[str], files: list[str]) -> AlsoSent:
        def names(values: list[str]) -> tuple[str, ...]:
            return tuple(" ".join(v.split())[:_NAME_MAX] for v in values[:_MAX_ITEMS] if v.strip())

        return cls(names(stickers), names(files))

    def __bool__(self) -> bool:
        return bool(self.stickers or self.files)

    def words(self) -> str:
        """What the classifier reads of a message without words: its stickers' names ("Thank You")."""
        return "\n".join(self.stickers)

    def as_dict(self) -> dict[str, list[str]]:
        return {"stickers": list(self.stickers), "files": list(self.files)}

    def to_json(self) -> str | None:
        return json.dumps(self.as_dict(), ensure_ascii=False) if self else None

    @classmethod
    def from_json(cls, raw: str | None) -> AlsoSent:
        """Stored by ``to_json``; anything else (NULL, blanked) is nothing."""
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()

        def names(key: str) -> list[str]:
            values = data.get(key)
            return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []

        return cls.of(names("stickers"), names("files"))
