"""A creator's words in the bot's embeds, shown as Discord renders each part (standin/markdown.py):
a title renders text formatting but no link or mention, so a resource title's formatting is escaped
and shows as typed; a footer renders nothing, so a display name goes there as typed, unescaped."""

from __future__ import annotations

import re

from tests.e2e.stories import add_resource, share, value

HOSTILE_TITLE = "__FREE__ **payout** ||now|| `code` [verify](https://evil.example/x) <@&123>"
HOSTILE_NAME = "**Boss** [Handout](https://evil.example) <@&123> \\o/ _x_"


def as_rendered(text: str) -> str:
    """What a reader sees of a title: each backslash escape shows as the character it escapes."""
    return re.sub(r"\\([^0-9A-Za-z\s])", r"\1", text)


async def test_a_hostile_title_and_display_name_show_as_typed_and_render_nothing(standin, scene, bot_process) -> None:
    scene.creator_user.global_name = HOSTILE_NAME
    bot = await bot_process()
    await add_resource(standin, scene, title=HOSTILE_TITLE)
    post = await share(standin, scene)
    [embed] = post.embeds
    assert post.live_formatting == [] and post.live_masked_links == [] and post.live_mentions == [], post.text
    assert as_rendered(embed["title"]) == HOSTILE_TITLE
    assert embed["footer"]["text"] == f"Shared by {HOSTILE_NAME} · free, nothing asked in return"

    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    [delivered] = dm.embeds
    assert dm.live_formatting == [] and dm.live_masked_links == [] and dm.live_mentions == [], dm.text
    assert as_rendered(delivered["title"]) == HOSTILE_TITLE
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    assert not post.pings and not dm.pings and not dm.mention_everyone
    assert not standin.unknown_routes
