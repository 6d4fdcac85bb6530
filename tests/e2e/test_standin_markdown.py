"""The stand-in's reading of Discord markdown, and faults limited to a request's content."""

from __future__ import annotations

from tests.e2e.standin import markdown
from tests.e2e.standin.faults import Faults


def test_masked_links_are_live_unless_escaped() -> None:
    assert markdown.masked_links("see [Handout](https://evil.example/x)!") == [("Handout", "https://evil.example/x")]
    assert markdown.masked_links("see \\[Handout\\](https://evil.example/x)") == []
    assert markdown.masked_links("see [Handout\\](https://evil.example/x)") == []
    assert markdown.masked_links("\\\\[Handout](https://evil.example/x)") == [("Handout", "https://evil.example/x")]
    assert markdown.masked_links("[not a link](ftp://x) and https://plain.example") == []


def test_mentions_are_live_unless_broken() -> None:
    assert markdown.mentions("<@1> <@!2> <@&3> <#4> @everyone @here") == [
        "<@1>",
        "<@!2>",
        "<@&3>",
        "<#4>",
        "@everyone",
        "@here",
    ]
    assert markdown.mentions("<\u200b@&3> @\u200beveryone \\<@1>") == []


def test_formatting_is_live_unless_escaped() -> None:
    assert markdown.formatting("**bold** __under__ ~~gone~~ ||hidden|| `code` *it* _it_") == [
        "**bold**",
        "__under__",
        "~~gone~~",
        "||hidden||",
        "`code`",
        "*it*",
        "_it_",
    ]
    assert markdown.formatting("\\*\\*bold\\*\\* \\_\\_under\\_\\_ \\|\\|x\\|\\| 2 * 3 * 4 snake_case_name") == []


def test_fault_when_body_matches_only_that_content() -> None:
    faults = Faults()
    fault = faults.add(method="POST", path=r"^/channels/\d+/messages$", status=400, when_body="REFUSE", times=None)
    assert faults.take("POST", "/channels/1/messages", '{"content": "fine"}') is None
    assert faults.take("POST", "/channels/1/messages", '{"content": "REFUSE me"}') is fault
    assert faults.take("POST", "/channels/1/messages") is None  # no body: no match
