"""Discord's limits on what a bot sends, in one place, and packing that respects them.

A message Discord refuses (400, 50035) is refused every time it is sent unchanged, so whatever the
bot builds must fit by construction. Figures from Discord's API reference (Message, Embed and
Component objects), which the test bed's stand-in enforces too.
"""

from __future__ import annotations

from collections.abc import Sequence

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL = 6000  # title + description + field names/values + footer + author, over ALL embeds
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
ACTION_ROWS = 5
BUTTONS_PER_ROW = 5
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_OPTION_LABEL = 100
MODAL_TITLE = 45
MODAL_FIELDS = 5
TEXT_INPUT_LABEL = 45
TEXT_INPUT_PLACEHOLDER = 100


def pack(sizes: Sequence[int], *, max_total: int = EMBED_TOTAL, max_items: int = ACTION_ROWS) -> list[list[int]]:
    """Group items, in order, into as few consecutive groups as fit: at most ``max_items`` each and
    a sum of sizes at most ``max_total``. Returns groups of indices into ``sizes``.

    An item larger than ``max_total`` on its own still gets a group of its own: the caller must
    have shortened it (see safe_text.shorten); it is not silently dropped here.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for index, size in enumerate(sizes):
        if current and (len(current) >= max_items or total + size > max_total):
            groups.append(current)
            current, total = [], 0
        current.append(index)
        total += size
    if current:
        groups.append(current)
    return groups
