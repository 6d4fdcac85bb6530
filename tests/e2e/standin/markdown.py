"""What Discord's markdown makes of a text: the masked links and mentions a reader would see live.

Discord (simple-markdown) lets a backslash escape any following character that is not a letter,
digit or space, so ``\\[x\\](https://…)`` shows the brackets as typed and is no link; a zero-width
space inside ``<@123>`` or ``@everyone`` leaves them as text. Masked links ``[text](url)`` render
in message content and in embed descriptions and field values. Used by tests to ask whether
user-controlled text became live markup inside a bot's message.

Where in an embed Discord renders what (the discord.js guide's embed notes, also in disnake's:
"Mentions of any kind in embeds will only render correctly within embed descriptions and field
values", masked links "only in description and field values"; Pycord's guide, Embed Markdown:
text formatting in the title and field names too, nothing at all in the author name and footer):

| part | formatting | masked links, mentions |
| --- | --- | --- |
| content, description, field value | yes | yes |
| title, field name | yes | no |
| author name, footer text | no | no |

So a backslash in an author name or footer shows as typed: text there must not be escaped.
"""

from __future__ import annotations

import re

_ESCAPED = "\x00"  # stands for a character a backslash made literal
_MASKED_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?(https?://[^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MENTION = re.compile(r"<(?:@!?\d+|@&\d+|#\d+|/[\w -]+:\d+|t:-?\d+(?::[tTdDfFR])?)>|@everyone|@here")


def _live(text: str) -> str:
    """``text`` with every backslash-escaped character (and its backslash) replaced by one
    placeholder, so patterns below only match characters Discord would treat as markup."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and not text[i + 1].isalnum() and not text[i + 1].isspace():
            out.append(_ESCAPED)
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


_FORMATTING = re.compile(
    r"\*\*(?=\S)[^\n]+?\*\*|__(?=\S)[^\n]+?__|~~(?=\S)[^\n]+?~~|\|\|[^\n]+?\|\||`[^`\n]+`"
    r"|\*(?=[^\s*])[^*\n]*?[^\s*\\]\*|(?<![\w_])_(?=\S)[^_\n]*?[^\s_]_(?![\w_])|\*(?=[^\s*])\S\*"
)


def formatting(text: str) -> list[str]:
    """Every live span of text formatting: bold, italics, underline, strikethrough, spoiler, code."""
    return [m.group() for m in _FORMATTING.finditer(_live(text))]


def masked_links(text: str) -> list[tuple[str, str]]:
    """(shown text, target) of every live masked link."""
    return [(m[1], m[2]) for m in _MASKED_LINK.finditer(_live(text))]


def mentions(text: str) -> list[str]:
    """Every live mention syntax: users, roles, channels, commands, timestamps, @everyone, @here."""
    return [m.group() for m in _MENTION.finditer(_live(text))]
