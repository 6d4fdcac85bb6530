from __future__ import annotations

import re

from bot.core import limits
from bot.core.safe_text import ZWSP, neutralise, shorten, snippet

# A masked link as Discord parses it: "[" and "]" not escaped by a backslash, then "(".
LIVE_MASKED_LINK = re.compile(r"(?<!\\)\[(?:\\.|[^\]\\])*(?<!\\)\]\(")
RAW_MENTION = re.compile(r"<(?:@[!&]?|#|/|t:)\d*|@(?:everyone|here)")

EVIL = "[Handout: verify your payout](https://evil.example/x) <@&123> <@456> <#789> @everyone @here **bold**"


def test_masked_links_mentions_and_formatting_are_broken() -> None:
    safe = neutralise(EVIL)
    assert not LIVE_MASKED_LINK.search(safe)
    assert not RAW_MENTION.search(safe)
    assert "**" not in safe.replace("\\*", "")
    # Still readable: removing the escapes gives the member's words back.
    assert safe.replace("\\", "").replace(ZWSP, "") == EVIL


def test_bare_links_keep_their_address_and_line_starts_are_escaped() -> None:
    assert neutralise("see https://example.com/a_b_c") == "see https://example.com/a_b_c"
    assert neutralise("# Official\n> quote\n-# small") == "\\# Official\n\\> quote\n\\-# small"
    assert neutralise("2 > 1 and C#") == "2 > 1 and C#"
    assert neutralise("a\\b") == "a\\\\b"


def test_shorten_fits_after_escaping_and_points_on() -> None:
    text = "*" * 5000
    out = shorten(text, 1000, "see /thanks pending")
    assert len(out) <= 1000 and out.endswith("… see /thanks pending")
    assert not out.replace("\\*", "").replace("… see /thanks pending", "")  # only whole escapes
    assert shorten("short", 1000, "pointer") == "short"
    assert shorten("x" * 20, 10) == "x" * 9 + "…"


def test_shorten_never_leaves_a_live_link_at_the_cut() -> None:
    for limit in range(5, 80):
        out = shorten(EVIL * 3, limit, "p")
        assert len(out) <= limit
        assert not LIVE_MASKED_LINK.search(out) and not RAW_MENTION.search(out)


def test_snippet_folds_lines() -> None:
    assert snippet("a\n\n> b", 50) == "a > b"


def test_pack_by_size_and_count() -> None:
    assert limits.pack([4200, 4200, 4200, 100, 100]) == [[0], [1], [2, 3, 4]]
    assert limits.pack([10] * 12) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]
    assert limits.pack([7000, 10]) == [[0], [1]]  # too big alone: its own group, never dropped
    assert limits.pack([]) == []


def test_a_title_escapes_formatting_only_and_fits_its_limit() -> None:
    from bot.core.safe_text import title, unformatted

    hostile = "__FREE__ **payout** ||now|| `x` ~~old~~ [verify](https://evil.example/x) <@&123> a\\b"
    shown = unformatted(hostile)
    # Formatting escaped; links and mentions do not render in a title, so they are left as typed.
    assert "\\_\\_FREE\\_\\_ \\*\\*payout\\*\\* \\|\\|now\\|\\| \\`x\\` \\~\\~old\\~\\~" in shown
    assert "[verify](https://evil.example/x) <@&123> a\\\\b" in shown and ZWSP not in shown
    assert re.sub(r"\\(.)", r"\1", shown) == hostile  # rendered, the creator's words as typed
    long = title("*" * 300, limits.EMBED_TITLE)
    assert len(long) <= limits.EMBED_TITLE and long.endswith("…") and not long[:-1].endswith("\\")
