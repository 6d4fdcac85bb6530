"""The creator's inbox at the scale of a popular post (issue 13): no flood, nothing lost, many
answered personally, and the loop closing by itself where it should."""

from __future__ import annotations

import asyncio
import time

from tests.e2e.stories import add_deliveries, add_resource, execute, rows, share, value
from tests.e2e.test_thanks_e2e import delivered


async def until(predicate, seconds: float, what: str = "condition"):
    """Poll a condition on the bot's database (no stand-in event tells us it changed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def to_creator(standin, scene) -> list:
    return standin.dms_to(scene.creator)


async def test_one_member_sending_50_messages_gives_the_creator_a_few_prompts_and_all_in_pending(
    standin, scene, bot_process
) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    before = len(to_creator(standin, scene))
    for i in range(50):  # 50 messages in about 10 seconds
        await standin.send_dm(scene.member, f"thank you, message {i + 1}!")
        await asyncio.sleep(0.2)
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 50, 30, "50 messages stored")
    # Every prompt the bot queued has gone out (the later ones wait a short window to gather more).
    await until(lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'queued'") == 0, 90, "prompts sent")
    prompts = to_creator(standin, scene)[before:]
    assert 1 <= len(prompts) <= 5, [m.text[:80] for m in prompts]  # bounded, not 10 batches of 5
    # A prompt quotes the member's burst as one; together they account for all 50 messages.
    counts = [int(m.text.split(" messages from ")[0].split()[-1]) for m in prompts if " messages from " in m.text]
    assert sum(counts) + sum(" messages from " not in m.text for m in prompts) == 50, [m.text[:60] for m in prompts]
    assert all(m.pings == [] and not m.mention_everyone for m in prompts)
    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "50 message(s) waiting" in pending.text
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == 50


async def test_300_members_thanks_give_the_creator_a_summary_that_updates_not_300_prompts(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    await share(standin, scene)
    world = standin.world
    members = [world.add_member(scene.guild, world.add_user(f"fan{i}", locale="en-US")) for i in range(300)]
    add_deliveries(bot, value(bot, "SELECT id FROM resources"), scene.guild.id, members)
    before = len(to_creator(standin, scene))
    for member in members[:150]:
        await standin.send_dm(member, "thank you so much, this is great!")
        await asyncio.sleep(0.02)
    summary = await standin.wait_until(
        lambda: next((m for m in to_creator(standin, scene) if m.has_button("Open them in /thanks pending")), None),
        60,
    )
    assert "new thank-you(s) about The weekly checklist" in summary.text
    first_text = summary.text
    for member in members[150:]:
        await standin.send_dm(member, "thank you so much, this is great!")
        await asyncio.sleep(0.02)
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 300, 60, "300 messages stored")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'queued'") == 0, 60, "prompts handled")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 60, "summary shown")
    summarised = value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'")
    prompted = value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'sent'")
    assert summarised + prompted == 300
    edited = world.messages[summary.id]
    assert edited.edited_at and edited.text != first_text  # updated in place, not posted again
    assert f"{summarised} new thank-you(s)" in edited.text
    sent = to_creator(standin, scene)[before:]
    assert len(sent) <= 10, len(sent)  # a few prompt messages and one summary, not 60 batches of 5
    assert [m.id for m in sent if m.has_button("Open them in /thanks pending")] == [summary.id]
    assert all(m.pings == [] and not m.mention_everyone for m in sent)
    opened = await (await standin.click(scene.creator, edited, "Open them in /thanks pending")).response(timeout=10)
    assert opened.ephemeral and "300 message(s) waiting" in opened.text
    assert rows(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == [(300,)]
    assert not standin.unknown_routes


async def test_a_members_thanks_for_the_creators_reply_is_recorded_but_not_waiting(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thank you, this checklist saved my week")
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10)
    click = await standin.click(scene.creator, prompt, "Reply personally")
    await standin.submit_modal(scene.creator, click, {"text": "So glad it helped!"})
    await standin.wait_for_dm(scene.member, lambda m: "So glad it helped!" in m.text, timeout=10)
    await until(
        lambda: value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'answered'") == 1, 10, "answered"
    )
    prompts_before = value(bot, "SELECT COUNT(*) FROM prompts")
    await standin.send_dm(scene.member, "thanks so much for answering!")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 2, 10, "stored")
    assert rows(bot, "SELECT label, status FROM member_messages ORDER BY id DESC LIMIT 1") == [
        ("thanks", "acknowledged")
    ]
    assert value(bot, "SELECT COUNT(*) FROM prompts") == prompts_before  # no prompt for a thanks for a reply
    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "Nothing is waiting" in pending.text
    # The loop is closed by itself, not by the bot answering: a new question is waiting again.
    await standin.send_dm(scene.member, "one more question: does it work in Notion?")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == 1, 10, "q")


async def test_messages_waiting_longer_than_expire_days_get_no_answer_given(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    done = await (await standin.slash(scene.creator, scene.general, "handout reminders", expire_days=7)).response(
        timeout=10
    )
    assert done.ephemeral and "7 days" in done.text
    await standin.send_dm(scene.member, "thank you!")
    await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10)
    await standin.send_dm(scene.member, "does it also work on paper?")  # recent: keeps waiting
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 2, 10, "stored")
    execute(bot, "UPDATE member_messages SET received_at = received_at - 8 * 86400 WHERE content = 'thank you!'")
    await bot.restart()  # the worker looks at once after a start (else within a minute)
    await until(
        lambda: value(bot, "SELECT status FROM member_messages WHERE content = 'thank you!'") == "expired", 30, "x"
    )
    assert value(bot, "SELECT status FROM member_messages WHERE content LIKE 'does it%'") == "waiting"
    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "1 message(s) waiting" in pending.text and "thank you!" not in pending.text
    stats = await (await standin.slash(scene.creator, scene.general, "thanks stats")).response(timeout=10)
    assert "No answer given: **1**" in stats.text
    assert "Answered by a human: **0%**" in stats.text  # counted honestly, as unanswered


async def test_reply_to_all_reaches_each_thanking_member_once_labelled_and_marks_each_answered(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    await share(standin, scene)
    world = standin.world
    fans = [world.add_member(scene.guild, world.add_user(f"fan{i}", locale="en-US")) for i in range(3)]
    add_deliveries(bot, value(bot, "SELECT id FROM resources"), scene.guild.id, fans)
    await standin.send_dm(fans[0], "thank you @everyone, this is great!")
    await standin.send_dm(fans[1], "thanks a lot!")
    await standin.send_dm(fans[1], "really, thank you")
    await standin.send_dm(fans[2], "does the checklist work in Notion?")  # a question: never answered this way
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 4, 15, "4 messages stored")
    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    button = "Reply to all who thanked: The weekly checklist"
    assert pending.has_button(button)
    click = await standin.click(scene.creator, pending, button)
    words = "Thanks to all of you for the kind words about the checklist!"
    done = await (await standin.submit_modal(scene.creator, click, {"text": words, "days": "7"})).response(timeout=10)
    assert done.ephemeral and "2 member(s)" in done.text
    await until(lambda: value(bot, "SELECT COUNT(*) FROM reply_all_sends WHERE status = 'sent'") == 2, 20, "sent")
    for fan in fans[:2]:
        got = [m for m in standin.dms_to(fan) if words in m.text]
        assert len(got) == 1, (fan, len(got))  # once, even for two thank-yous
        assert got[0].embeds[0]["author"]["name"] == "Maya wrote to everyone who thanked for The weekly checklist"
        assert "in person" in got[0].text  # labelled honestly as the creator's own words
        assert got[0].pings == [] and not got[0].mention_everyone
    assert not [m for m in standin.dms_to(fans[2]) if words in m.text]
    answered = rows(
        bot,
        "SELECT label, status, answered_by, answered_how, answered_at IS NOT NULL, reply_message_id IS NOT NULL"
        " FROM member_messages ORDER BY id",
    )
    by_creator = ("answered", scene.creator_user.id, "relayed_to_all", 1, 1)
    # Ordered by label: PostgreSQL may number messages of the same moment in another order.
    answered.sort(key=lambda row: row[0] == "question")
    assert answered == [("thanks", *by_creator)] * 3 + [("question", "waiting", None, None, 0, 0)]
    # The member's thanks for it closes the loop by itself: recorded, not waiting.
    await standin.send_dm(fans[0], "thank you for the reply!")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 5, 10, "stored")
    assert value(bot, "SELECT status FROM member_messages ORDER BY id DESC LIMIT 1") == "acknowledged"
