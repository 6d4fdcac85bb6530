"""Members' words inside the bot's own messages, shown so that they cannot pass for the bot's.

A member who writes ``[Handout: verify your payout](https://evil.example)``, or takes that as a
display name, would otherwise get a live masked link inside a message the bot signed. Everything
user-controlled (members' messages, display names, creators' notes, resource titles) goes through
``neutralise`` before it is placed in a message that renders markdown:

- markdown is escaped with backslashes (Discord's own escape, invisible when rendered), so no
  masked link, bold "system" line, heading, quote or spoiler can be formed;
- ``<`` gets a zero-width space after it, so ``<@id>``, ``<@&id>``, ``<#id>``, ``</cmd:id>`` and
  ``<t:…>`` stay text; ``@everyone`` and ``@here`` get one after the ``@``;
- bare links stay as they are: they show their real address, and escaping inside them would
  break them.

The same escaping as discord.utils.escape_markdown, done here because the domain never imports
discord. ``shorten`` fits text into a limit after neutralising, so the escapes cannot push a
message over Discord's limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ZWSP = "\u200b"
ELLIPSIS = "…"

_URL = re.compile(r"(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s]")
_ANYWHERE = set("\\*_~`|[]")
_LINE_START = set(">#-+")  # quotes, headings, subtext (-#) and list markers only count at a line's start
_EVERYONE = re.compile(r"@(everyone|here)")


def _escape(segment: str, at_line_start: bool) -> tuple[str, bool]:
    out: list[str] = []
    for char in segment:
        if char in _ANYWHERE or (at_line_start and char in _LINE_START):
            out.append("\\")
        out.append(char)
        if char == "<":
            out.append(ZWSP)
        if char == "\n":
            at_line_start = True
        elif not char.isspace():
            at_line_start = False
    return "".join(out), at_line_start


def neutralise(text: str) -> str:
    """``text`` as plain words inside a message that renders markdown: no live link text,
    mention or formatting of its own (see the module docstring)."""
    parts: list[str] = []
    at_line_start = True
    position = 0
    for url in _URL.finditer(text):
        escaped, at_line_start = _escape(text[position : url.start()], at_line_start)
        parts += [escaped, url.group()]
        at_line_start = False
        position = url.end()
    parts.append(_escape(text[position:], at_line_start)[0])
    return _EVERYONE.sub("@" + ZWSP + r"\1", "".join(parts))


_FORMATTING = set("\\*_~`|")


def unformatted(text: str) -> str:
    """``text`` for an embed title or field name: Discord renders text formatting there (bold,
    italics, underline, strikethrough, spoilers, code) but no masked link and no mention, so only
    formatting is escaped. An author name or footer renders nothing: text goes there as typed."""
    return "".join("\\" + char if char in _FORMATTING else char for char in text)


def title(text: str, limit: int) -> str:
    """``unformatted(text)``, shortened like ``shorten`` to fit ``limit`` (an embed title's 256)."""
    return shorten(text, limit, escape=unformatted)


def shorten(text: str, limit: int, pointer: str = "", *, escape: Callable[[str], str] | None = None) -> str:
    """``neutralise(text)`` if it fits in ``limit`` characters; else as much of the start as fits,
    then "…" and ``pointer`` (already safe: the bot's own words, e.g. where to read the rest).
    ``escape``: another way to make the text safe than ``neutralise`` (see ``title``)."""
    make_safe = escape or neutralise
    whole = make_safe(text)
    if len(whole) <= limit:
        return whole
    tail = ELLIPSIS + (" " + pointer if pointer else "")
    if len(tail) >= limit:
        return tail[:limit]

    def cut(n: int) -> str:
        return make_safe(text[:n]).rstrip("\\ \n\t")

    # Escaping only ever adds characters, so the longest prefix that fits is found by bisection.
    low, high = 0, min(len(text), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if len(cut(middle)) + len(tail) <= limit:
            low = middle
        else:
            high = middle - 1
    return cut(low) + tail


def snippet(text: str, limit: int, pointer: str = "") -> str:
    """One line of ``text`` (whitespace folded), neutralised and shortened to ``limit``."""
    return shorten(" ".join(text.split()), limit, pointer)
