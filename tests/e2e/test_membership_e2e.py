"""Membership is real, and strangers cost nothing.

Handout has no members intent, so Discord tells it nothing when a member leaves or is removed
(GUILD_MEMBER_REMOVE needs that intent; the stand-in gates it the same way). A DM asks for a
resource without saying from which server.
"""

from __future__ import annotations

import time

from bot.core.membership import DISCOVERY_BURST, DISCOVERY_REFILL_SECONDS
from tests.e2e.stories import PDF, add_resource, attachment_bytes, rows, share

MEMBER_LOOKUP = ("GET", "/guilds/{guild_id}/members/{user_id}")


def delivered(bot) -> list[tuple]:
    return rows(bot, "SELECT member_id, requested_via FROM deliveries WHERE status = 'delivered' ORDER BY id")


async def test_a_removed_member_is_refused_by_dm_at_once(standin, scene, bot_process) -> None:
    # Alice is also in a second server, so Discord still lets the bot write to her.
    standin.world.add_member(scene.guild2, scene.member_user)
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    # While still a member, asking by DM works.
    asked = await standin.send_dm(scene.member, "could I get the checklist again?")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]
    await standin.wait_until(lambda: len(delivered(bot)) == 2, 10)

    standin.world.remove_member(scene.guild, scene.member)
    asked = await standin.send_dm(scene.member, "can I get the checklist")
    refusal = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert not refusal.attachments
    # Alice's Discord is in Dutch (her clicks said so), and she is told why, in words.
    assert "Je bent (niet meer) lid van **Creators**" in refusal.content, refusal.content
    assert refusal.pings == []
    lookups = len(standin.requests_to(*MEMBER_LOOKUP))

    # Asking again costs no lookup (the "no" is remembered for a while); the second server offers
    # nothing.
    asked = await standin.send_dm(scene.member, "please can I have the checklist")
    again = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert not again.attachments and "Geen van de servers die we delen" in again.content, again.content
    assert len(standin.requests_to(*MEMBER_LOOKUP)) == lookups
    assert len(delivered(bot)) == 2
    assert not any(m.attachments for m in standin.dms_to(scene.member) if m.id > refusal.id)
    assert not standin.unknown_routes


async def test_strangers_dms_cost_a_bounded_number_of_lookups(standin, scene, bot_process) -> None:
    world = standin.world
    # The bot is in 40 more servers, each offering something.
    guilds = [world.add_guild(f"Server {i}") for i in range(40)]
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    for guild in guilds:
        owner = world.member(guild, guild.owner_id)
        added = await standin.slash(
            owner, guild.channels["general"], "resource add", name="guide", title="A guide", url="https://e.com/g"
        )
        await added.response(timeout=10)
    strangers = [world.add_user(f"stranger{i}", locale="en-US") for i in range(10)]
    started = time.monotonic()
    before = len(standin.requests_to(*MEMBER_LOOKUP))

    # Ten strangers write at the same moment as a member clicks "Get it".
    for stranger in strangers:
        await standin.send_dm(stranger, "hi, can I get the checklist?")
    click = await standin.click(scene.member, post, "Get it")
    await click.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=30)
    assert attachment_bytes(dm) == [PDF]
    # Discord lets no bot write to someone it shares no server with (50007): each answer is tried
    # once and refused.
    await standin.wait_until(lambda: all(reply_tries(standin, s) == 1 for s in strangers), 60)
    assert not any(m.author is world.bot for s in strangers for m in standin.dms_to(s))
    lookups = len(standin.requests_to(*MEMBER_LOOKUP)) - before
    # The shared allowance for people never seen in a server, plus what it refilled meanwhile;
    # not one lookup per server per stranger (400).
    bound = DISCOVERY_BURST + (time.monotonic() - started) / DISCOVERY_REFILL_SECONDS + 1
    assert lookups <= bound, (lookups, bound)
    assert delivered(bot) == [(scene.member_user.id, "button")]

    # Writing again costs nothing at all: no lookup, no reply Discord would refuse.
    again = [await standin.send_dm(s, "hello?? can I get the checklist?") for s in strangers]
    for message in again:
        await bot.wait_for_log(rf"Not answering DM {message.id} ", timeout=30)
    assert len(standin.requests_to(*MEMBER_LOOKUP)) - before == lookups
    assert all(reply_tries(standin, s) == 1 for s in strangers)
    assert not standin.unknown_routes


def reply_tries(standin, who) -> int:
    channel = standin.dm_channel_of(who)
    return sum(1 for r in standin.requests_to("POST", "/channels/{channel_id}/messages") if str(channel.id) in r.path)


async def test_a_removed_member_gets_nothing_from_get_in_a_dm(standin, scene, bot_process) -> None:
    standin.world.add_member(scene.guild2, scene.member_user)
    bot = await bot_process()
    await add_resource(standin, scene)
    dm_channel = standin.world.dm_channel(scene.member)
    typing = await standin.autocomplete(scene.member, dm_channel, "get", "resource", "")
    assert [c["name"] for c in await typing.choices()] == ["The weekly checklist"]

    standin.world.remove_member(scene.guild, scene.member)
    refused = await standin.slash(scene.member, dm_channel, "get", resource="checklist")
    reply = await refused.response(timeout=10)
    assert reply.ephemeral and "Je bent (niet meer) lid van **Creators**" in reply.content, reply.content
    typing = await standin.autocomplete(scene.member, dm_channel, "get", "resource", "")
    assert await typing.choices() == []
    assert delivered(bot) == []
    assert not any(m.attachments for m in standin.dms_to(scene.member))
