"""A creator with two servers whose inbox is their DMs gets one summary per server: each says which
server it is about, the server's name shown as plain text (it is the server owner's words)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from tests.e2e.stories import add_deliveries, add_resource, rows, value
from tests.e2e.test_inbox_scale_e2e import until

# A server name is user-controlled: no live masked link, mention or formatting may come from it.
EVIL_GUILD = "**Shop** [Handout: verify](https://evil.example/x) <@&123> @everyone"
THANKS = "thank you so much, this is great!"


def summaries(standin, scene) -> list:
    return [m for m in standin.dms_to(scene.creator) if m.has_button("Open them in /thanks pending")]


async def test_each_servers_summary_in_the_creators_dms_names_its_server_safely(standin, scene, bot_process) -> None:
    world = standin.world
    # The same creator owns a second server with the same resource: two near-identical summaries.
    shop = world.add_guild(EVIL_GUILD, owner=scene.creator_user)
    place = SimpleNamespace(guild=shop, creator=shop.members[scene.creator_user.id], general=shop.channels["general"])
    bot = await bot_process()
    await add_resource(standin, scene)
    await add_resource(standin, place)
    [(home_resource,), (shop_resource,)] = rows(bot, "SELECT id FROM resources ORDER BY id")
    home_fans = [world.add_member(scene.guild, world.add_user(f"homefan{i}", locale="en-US")) for i in range(20)]
    shop_fans = [world.add_member(shop, world.add_user(f"shopfan{i}", locale="en-US")) for i in range(20)]
    add_deliveries(bot, home_resource, scene.guild.id, home_fans)
    add_deliveries(bot, shop_resource, shop.id, shop_fans)
    # 40 thank-yous to one destination (the creator's DMs): past 3 prompt messages a minute, so at
    # least 5 of each server's are counted in that server's summary.
    for home_fan, shop_fan in zip(home_fans, shop_fans, strict=True):
        await standin.send_dm(home_fan, THANKS)
        await standin.send_dm(shop_fan, THANKS)
        await asyncio.sleep(0.02)
    await until(
        lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')") == 40,
        60,
        "every thank-you prompted or summarised",
    )
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 60, "summaries shown")
    shown = summaries(standin, scene)
    assert len(shown) == 2, [m.text[:80] for m in shown]
    titles = sorted(m.embeds[0]["title"] for m in shown)
    home = [t for t in titles if f"are waiting in {scene.guild.name}:" in t]
    shop_titles = [t for t in titles if "Shop" in t]
    assert len(home) == 1 and len(shop_titles) == 1, titles
    # The shop's name is there, word for word, but inert: escaped markdown, no mention, no link.
    assert "\\*\\*Shop\\*\\* \\[Handout: verify\\](https://evil.example/x)" in shop_titles[0], shop_titles
    for message in shown:
        assert message.live_masked_links == [], message.text
        assert message.live_mentions == [], message.text
        assert not message.pings and not message.mention_everyone and not message.mention_roles
        assert len(message.embeds[0]["title"]) <= 256
    assert not standin.unknown_routes
