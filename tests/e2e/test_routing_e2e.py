"""User stories: a member who got resources from creators in two servers thanks one of them.

Alice gets Cora's launch checklist in "Second Guild" first, then Maya's weekly checklist in
"Creators". Her thanks must reach the creator she means, and no one else; when her words do not
say which, she is asked privately and nobody sees them until she picks.
"""

from __future__ import annotations

from tests.e2e.standin import interactions as I
from tests.e2e.standin.model import Perm
from tests.e2e.stories import PDF, add_resource, rows, share, value


async def two_creators(standin, scene, bot_process):
    """Cora (Manage Server in Second Guild, where Alice is also a member) shares the launch
    checklist; Maya shares the weekly checklist. Alice gets Cora's first, then Maya's."""
    world = standin.world
    cora_user = world.add_user("cora", global_name="Cora", locale="en-US")
    role = world.add_role(scene.guild2, "Creator", Perm.MANAGE_GUILD)
    cora = world.add_member(scene.guild2, cora_user, roles=[role])
    world.add_member(scene.guild2, scene.member_user)
    bot = await bot_process()

    add = await standin.slash(
        cora, scene.general2, "resource add", name="launch", title="The launch checklist", file=("launch.pdf", PDF)
    )
    assert (await add.response(timeout=10)).ephemeral
    shared = await standin.slash(cora, scene.general2, "resource share", name="launch")
    assert (await shared.response(timeout=10)).ephemeral
    cora_post = next(m for m in standin.messages_in(scene.general2) if m.has_button("Get it"))
    await add_resource(standin, scene)  # Maya's "The weekly checklist"
    maya_post = await share(standin, scene)

    for delivered, (post, title) in enumerate(
        ((cora_post, "The launch checklist"), (maya_post, "The weekly checklist")), 1
    ):
        await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
        await standin.wait_for_dm(scene.member, lambda m, t=title: t in m.text and bool(m.attachments), timeout=10)
        await standin.wait_until(
            lambda n=delivered: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == n, 10
        )
    return bot, cora


def prompts_to(standin, who) -> list:
    return [m for m in standin.dms_to(who) if m.has_button("Reply personally")]


def routed(bot) -> list[tuple]:
    return rows(bot, "SELECT owner_id, guild_id, status FROM member_messages ORDER BY id")


async def test_thanks_naming_cora_reaches_only_cora(standin, scene, bot_process) -> None:
    bot, cora = await two_creators(standin, scene, bot_process)
    text = "thank you Cora, the launch checklist is exactly what I needed"
    await standin.send_dm(scene.member, text)
    prompt = await standin.wait_for_dm(cora, lambda m: m.has_button("Reply personally"), timeout=10)
    assert text in prompt.text and "The launch checklist" in prompt.text
    # Stored and queued in one transaction: Maya was never going to be prompted about it.
    assert routed(bot) == [(cora.id, scene.guild2.id, "waiting")]
    assert value(bot, "SELECT COUNT(*) FROM prompts") == 1
    assert prompts_to(standin, scene.creator) == []


async def test_thanks_naming_the_launch_checklist_in_dutch_reaches_cora(standin, scene, bot_process) -> None:
    bot, cora = await two_creators(standin, scene, bot_process)
    text = "bedankt, de launch checklist is precies wat ik nodig had"
    await standin.send_dm(scene.member, text)
    prompt = await standin.wait_for_dm(cora, lambda m: m.has_button("Reply personally"), timeout=10)
    assert text in prompt.text and "The launch checklist" in prompt.text
    assert routed(bot) == [(cora.id, scene.guild2.id, "waiting")]
    assert prompts_to(standin, scene.creator) == []


async def test_ambiguous_thanks_waits_for_the_members_pick_even_across_a_restart(standin, scene, bot_process) -> None:
    bot, cora = await two_creators(standin, scene, bot_process)
    said = await standin.send_dm(scene.member, "thank you so much!")
    ask = await standin.wait_for_dm(scene.member, lambda m: bool(m.buttons), timeout=10, after=said)
    assert "bot" in ask.text and "thank you so much!" in ask.text  # Alice's client is Dutch; "een bot"
    assert ask.has_button("The launch checklist · Second Guild") and ask.has_button("The weekly checklist · Creators")
    assert ask.pings == [] and not ask.mention_everyone
    # Nobody sees it until Alice picks: stored unrouted, no prompt queued for anyone.
    assert routed(bot) == [(None, None, "unrouted")]
    assert value(bot, "SELECT COUNT(*) FROM prompts") == 0

    await bot.restart()
    picked = await (await standin.click(scene.member, ask, "The launch checklist · Second Guild")).response(timeout=10)
    assert "Cora" in picked.text and not picked.buttons  # the question now says where it went
    prompt = await standin.wait_for_dm(cora, lambda m: m.has_button("Reply personally"), timeout=10)
    assert "thank you so much!" in prompt.text and "The launch checklist" in prompt.text
    assert routed(bot) == [(cora.id, scene.guild2.id, "waiting")]
    assert value(bot, "SELECT COUNT(*) FROM prompts") == 1
    assert prompts_to(standin, scene.creator) == []


async def test_only_the_member_who_wrote_can_pick(standin, scene, bot_process) -> None:
    bot, cora = await two_creators(standin, scene, bot_process)
    said = await standin.send_dm(scene.member, "thank you so much!")
    ask = await standin.wait_for_dm(scene.member, lambda m: bool(m.buttons), timeout=10, after=said)
    button = next(b for b in ask.buttons if "Creators" in b["label"])
    # Discord shows a DM to its recipient only; a client that sends the press anyway (from its
    # own DM with the bot) must still be refused.
    bobs_dm = standin.world.dm_channel(scene.outsider.user)
    data = {"custom_id": button["custom_id"], "component_type": 2, "id": button.get("id")}
    forged = I.new_record(standin, 3, scene.outsider, bobs_dm, data, message=ask)
    refused = await (await standin._dispatch(forged, 5.0)).response(timeout=10)
    assert refused.ephemeral and "member who wrote" in refused.text
    assert routed(bot) == [(None, None, "unrouted")]
    assert value(bot, "SELECT COUNT(*) FROM prompts") == 0

    await (await standin.click(scene.member, ask, "The weekly checklist · Creators")).response(timeout=10)
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10)
    assert "thank you so much!" in prompt.text
    assert routed(bot) == [(scene.creator_user.id, scene.guild.id, "waiting")]
    assert prompts_to(standin, cora) == []
