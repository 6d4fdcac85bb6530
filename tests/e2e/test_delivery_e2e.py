"""User stories for delivery: a member asks in any natural way and gets the thing itself."""

from __future__ import annotations

import asyncio

from tests.e2e.stories import (
    PDF,
    add_resource,
    attachment_bytes,
    nothing_else_sent,
    replay_interaction,
    replay_message,
    rows,
    share,
    value,
)


def deliveries(bot) -> list[tuple]:
    return rows(bot, "SELECT member_id, requested_via, delivered_via, status, is_repeat FROM deliveries ORDER BY id")


async def settled(standin, bot, count: int = 1) -> list[tuple]:
    """The member may see the delivery a moment before the bot has written it down."""
    await standin.wait_until(
        lambda: len(found := deliveries(bot)) >= count and all(d[3] != "pending" for d in found), 10
    )
    return deliveries(bot)


async def test_share_post_has_get_it_and_pings_nobody(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene, description="Plan your week in 10 minutes.")
    post = await share(standin, scene, message=f"@everyone grab it! <@&{scene.creator_role.id}>")
    assert post.has_button("Get it")
    assert "The weekly checklist" in post.text and "Plan your week in 10 minutes." in post.text
    assert "Shared by Maya" in post.text
    assert "@everyone grab it!" in post.content
    assert post.pings == [] and not post.mention_everyone


async def test_get_it_delivers_the_file_to_dms(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, note="Made this for you!")
    post = await share(standin, scene)
    click = await standin.click(scene.member, post, "Get it")
    confirm = await click.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, timeout=10)
    assert attachment_bytes(dm) == [PDF]
    assert dm.attachments[0].filename == "Weekly_Checklist.pdf"
    assert "Made this for you!" in dm.text
    assert "Handout" in dm.text and "bot" in dm.text  # honest: says it is a bot, sent automatically
    assert dm.pings == []
    assert confirm.ephemeral and str(dm.id) in confirm.content  # a link to the DM
    assert await settled(standin, bot) == [(scene.member_user.id, "button", "dm", "delivered", 0)]
    assert value(bot, "SELECT message_id FROM deliveries") == dm.id
    # Nothing asked in return: no comment, follow, reaction, role or email.
    assert "email" not in dm.text.lower() and "e-mail" not in dm.text.lower()


async def test_file_is_uploaded_afresh_after_the_original_url_expired(standin, scene, bot_process) -> None:
    await bot_process()
    inter = await standin.slash(scene.creator, scene.general, "resource add", name="c", title="C", file=("c.pdf", PDF))
    await inter.response(timeout=10)
    [uploaded] = inter.record.payload["data"]["resolved"]["attachments"].values()
    standin.expire_attachment(int(uploaded["id"]))
    status, _ = await standin.fetch(uploaded["url"])
    assert status == 404
    post = await share(standin, scene, name="c")
    await standin.click(scene.member, post, "Get it")
    dm = await standin.wait_for_dm(scene.member, timeout=10)
    assert attachment_bytes(dm) == [PDF]


async def test_slash_get_in_guild_with_autocomplete(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    await add_resource(standin, scene, name="guide", title="The guide", url="https://example.com/guide")
    typing = await standin.autocomplete(scene.member, scene.general, "get", "resource", "gui")
    choices = await typing.choices()
    assert [c["name"] for c in choices] == ["The guide"]
    inter = await standin.slash(scene.member, scene.general, "get", resource=choices[0]["value"])
    await inter.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, timeout=10)
    assert dm.has_button("Open link") or "https://example.com/guide" in str(dm.components)
    assert (await settled(standin, bot))[0][1:3] == ("slash", "dm")


async def test_slash_get_in_dm_offers_only_shared_guilds(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    # A resource in a guild Alice is not in must never be offered to her.
    other = await standin.slash(
        scene.outsider, scene.general2, "resource add", name="secret", title="Secret plan", url="https://e.com/s"
    )
    await other.response(timeout=10)
    dm_channel = standin.world.dm_channel(scene.member)
    typing = await standin.autocomplete(scene.member, dm_channel, "get", "resource", "")
    names = [c["name"] for c in await typing.choices()]
    assert names == ["The weekly checklist"]
    inter = await standin.slash(scene.member, dm_channel, "get", resource="checklist")
    await inter.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    assert attachment_bytes(dm) == [PDF]
    refused = await standin.slash(scene.member, dm_channel, "get", resource="secret")
    # Alice's Discord is in Dutch, so is the answer.
    assert "Ik kon hier geen resource `secret` vinden" in (await refused.response(timeout=10)).content


async def test_free_text_dm_in_english_and_dutch(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="checklist", title="The weekly checklist")
    asked = await standin.send_dm(scene.member, "hi! could I get the checklist?")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]
    assert "I'm Handout, a bot" in dm.text
    assert (await settled(standin, bot))[0][1:4] == ("dm", "dm", "delivered")

    dutch = scene.outsider  # bob is not in the guild; make a Dutch member who is
    dutch = standin.world.add_member(scene.guild, standin.world.add_user("daan", locale="nl"))
    asked = await standin.send_dm(dutch, "mag ik de checklist?")
    dm = await standin.wait_for_dm(dutch, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert "Ik ben Handout, een bot" in dm.text


async def test_several_matches_offer_a_menu(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="budget-sheet", title="Budget template")
    await add_resource(standin, scene, name="content-plan", title="Content template", url="https://e.com/c")
    asked = await standin.send_dm(scene.member, "can I have the template please")
    menu = await standin.wait_for_dm(scene.member, lambda m: bool(m.selects), timeout=10, after=asked)
    options = menu.select()["options"]
    assert sorted(o["label"] for o in options) == ["Budget template", "Content template"]
    budget = next(o["value"] for o in options if o["label"] == "Budget template")
    pick = await standin.select(scene.member, menu, [budget])
    await pick.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=menu)
    assert attachment_bytes(dm) == [PDF]
    assert (await settled(standin, bot))[0][1:4] == ("dm", "dm", "delivered")


async def test_no_match_lists_what_is_on_offer(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    asked = await standin.send_dm(scene.member, "can you send me the spaceship manual?")
    answer = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert "The weekly checklist" in answer.text
    assert answer.has_button("The weekly checklist")
    click = await standin.click(scene.member, answer, "The weekly checklist")
    await click.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=answer)
    assert attachment_bytes(dm) == [PDF]


async def test_thanks_and_questions_are_never_answered_with_a_resource(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    sent = [
        await standin.send_dm(scene.member, text)
        for text in ("thanks for the checklist!", "does the checklist work in Notion?")
    ]
    for said in sent:
        await standin.wait_until(
            lambda s=said: value(bot, "SELECT COUNT(*) FROM member_messages WHERE source_id = ?", s.id), 10
        )
    await nothing_else_sent(standin, bot, scene.member, after=sent[0])
    assert len(await settled(standin, bot)) == 1  # the barrier's checklist, nothing for the two before it


async def test_closed_dms_deliver_privately_and_are_remembered(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    standin.world.set_dms_closed(scene.member)
    reply = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert reply.ephemeral and attachment_bytes(reply) == [PDF]
    forbidden = [r for r in standin.requests if r.status == 403]
    assert len(forbidden) == 1
    again = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert attachment_bytes(again) == [PDF]
    assert len([r for r in standin.requests if r.status == 403]) == 1, "the 403 is not hit again"
    assert [d[2] for d in await settled(standin, bot, 2)] == ["fallback", "fallback"]
    assert [d[4] for d in deliveries(bot)] == [0, 1]  # the second is a repeat
    assert "DMs of member" in bot.log_text() and "50007" in bot.log_text()


async def test_delivery_mode_here(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    setting = await standin.slash(scene.creator, scene.general, "handout delivery", mode="here")
    assert "privately" in (await setting.response(timeout=10)).content
    post = await share(standin, scene)
    reply = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert reply.ephemeral and attachment_bytes(reply) == [PDF]
    assert standin.dms_to(scene.member) == []
    assert (await settled(standin, bot))[0][2] == "ephemeral"


async def test_archived_resource_answers_privately(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    ask = await (await standin.slash(scene.creator, scene.general, "resource remove", name="checklist")).response()
    await (await standin.click(scene.creator, ask, "Remove")).response()
    reply = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert reply.ephemeral and "wordt niet meer aangeboden" in reply.content  # Alice reads Dutch
    assert deliveries(bot) == []


async def test_the_same_event_twice_delivers_once(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    click = await standin.click(scene.member, post, "Get it")
    await click.response(timeout=10)
    replay_interaction(standin, click)
    asked = await standin.send_dm(scene.member, "could I get the checklist?")
    await standin.wait_until(lambda: len(deliveries(bot)) == 2, 10)
    replay_message(standin, asked)
    await asyncio.sleep(0.5)  # give a duplicate time to show up
    assert len(deliveries(bot)) == 2
    assert len([m for m in standin.dms_to(scene.member) if m.attachments]) == 2


async def test_a_flood_gets_wait_a_moment(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    replies = []
    for _ in range(6):
        replies.append(await (await standin.click(scene.member, post, "Get it")).response(timeout=10))
    assert "Wacht even" in replies[-1].content  # "wait a moment", in Alice's Dutch
    assert len(deliveries(bot)) == 5


async def test_share_where_the_bot_may_not_post(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    inter = await standin.slash(
        scene.creator, scene.general, "resource share", name="checklist", options={"channel": scene.locked}
    )
    reply = await inter.response(timeout=10)
    assert reply.ephemeral and "Send Messages" in reply.content and f"<#{scene.locked.id}>" in reply.content
    assert [m for m in standin.messages_in(scene.locked) if m.author is standin.world.bot] == []


async def test_a_burst_of_private_deliveries_uploads_a_few_at_a_time(standin, scene, bot_process) -> None:
    """Followups are exempt from the rate limit, so only Handout's own bound keeps a burst from
    reading and uploading the file once per click, all at the same moment."""
    bot = await bot_process()
    await add_resource(standin, scene)
    await (await standin.slash(scene.creator, scene.general, "handout delivery", mode="here")).response(timeout=10)
    post = await share(standin, scene)
    members = [
        standin.world.add_member(scene.guild, standin.world.add_user(f"reader{i}", locale="en-US")) for i in range(30)
    ]
    standin.faults.add(method="POST", path=r"^/webhooks/", status=200, delay=0.3, times=None)  # a slow upload
    clicks = [await standin.click(member, post, "Get it") for member in members]
    for click in clicks:
        reply = await click.response(timeout=20)
        assert reply.ephemeral and attachment_bytes(reply) == [PDF]
    assert len(await settled(standin, bot, 30)) == 30
    assert 2 <= standin.rest.peak_in_flight["POST /webhooks/{webhook_id}/{token}"] <= 8
