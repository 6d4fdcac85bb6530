"""Helpers over Discord component trees (messages and modals), as plain dicts.

Component types: 1 action row, 2 button, 3/5/6/7/8 selects, 4 text input, 9 section,
10 text display, 11 thumbnail, 12 media gallery, 13 file, 14 separator, 17 container,
18 label, 19 file upload, 21 radio group, 22 checkbox group, 23 checkbox.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SELECT_TYPES = (3, 5, 6, 7, 8)


def walk(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Depth-first walk over every component, containers included."""
    for c in components or []:
        yield c
        if "components" in c:
            yield from walk(c["components"])
        if "component" in c:
            yield from walk([c["component"]])
        if "accessory" in c:
            yield from walk([c["accessory"]])


def assign_ids(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every component a numeric ``id`` as Discord does (sequential, depth-first, from 1)."""
    used = {c["id"] for c in walk(components) if isinstance(c.get("id"), int)}
    nxt = 1
    for c in walk(components):
        if not isinstance(c.get("id"), int):
            while nxt in used:
                nxt += 1
            c["id"] = nxt
            used.add(nxt)
    return components


class ComponentLookup:
    """Mixin for objects with a ``components`` list: find buttons, selects and inputs."""

    components: list[dict[str, Any]]

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [c for c in walk(self.components) if c.get("type") == 2]

    @property
    def selects(self) -> list[dict[str, Any]]:
        return [c for c in walk(self.components) if c.get("type") in SELECT_TYPES]

    def button(self, label: str | None = None, *, custom_id: str | None = None) -> dict[str, Any]:
        """The button with this label (exact, then case-insensitive substring) or custom_id."""
        found = find_button(self.components, label=label, custom_id=custom_id)
        if found is None:
            have = [(b.get("label"), b.get("custom_id")) for b in self.buttons]
            raise LookupError(f"no button label={label!r} custom_id={custom_id!r}; buttons: {have}")
        return found

    def has_button(self, label: str | None = None, *, custom_id: str | None = None) -> bool:
        return find_button(self.components, label=label, custom_id=custom_id) is not None

    def select(self, custom_id: str | None = None, *, placeholder: str | None = None) -> dict[str, Any]:
        for s in self.selects:
            if custom_id is not None and s.get("custom_id") == custom_id:
                return s
            if placeholder is not None and s.get("placeholder") == placeholder:
                return s
            if custom_id is None and placeholder is None:
                return s
        raise LookupError(f"no select custom_id={custom_id!r} placeholder={placeholder!r}")


def find_button(
    components: list[dict[str, Any]], *, label: str | None = None, custom_id: str | None = None
) -> dict[str, Any] | None:
    buttons = [c for c in walk(components) if c.get("type") == 2]
    if custom_id is not None:
        return next((b for b in buttons if b.get("custom_id") == custom_id), None)
    if label is None:
        return buttons[0] if len(buttons) == 1 else None
    exact = [b for b in buttons if b.get("label") == label]
    if exact:
        return exact[0]
    low = label.lower()
    return next((b for b in buttons if low in str(b.get("label") or "").lower()), None)
