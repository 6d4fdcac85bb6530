"""User stories: a prompt already in the creator's DMs follows what the member did afterwards.

She edits her DM: the creator's prompt shows the new words. She deletes it: the prompt says it was
deleted, and the words (a phone number she regretted) are gone from it. She deletes her data: her
prompt becomes "removed at the member's request", without her words or name, and a prompt about
someone else in the same message keeps its words and its buttons. A reminder digest that listed her
DM follows it the same way. Before, a prompt or digest once sent kept the first words for good, even
after "Delete my data"."""

from __future__ import annotations

from tests.e2e.stories import add_resource, execute, fans, rows, value, with_a_delivery
from tests.e2e.test_delete_my_data_e2e import delete_my_data
from tests.e2e.test_render_safe_e2e import EVIL, assert_inert

SECRET = "thanks! you can call me on 0612345678"
SEND = "POST /channels/{channel_id}/messages"
QUEUED = "SELECT COUNT(*) FROM prompts WHERE status = 'queued'"
REDRAWS = "SELECT COUNT(*) FROM prompt_redraws"


def prompts_to(standin, creator) -> list:
    return [m for m in standin.dms_to(creator) if m.has_button("Reply personally") or m.embeds]


async def test_an_edit_after_the_prompt_went_out_is_what_the_prompt_shows(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, "thanks! the link works")
    prompt = await standin.wait_for_dm(scene.creator, lambda m: "the link works" in m.text, timeout=10)
    await standin.edit_own(scene.member, sent, "thanks! oh wait, page 3 is missing")
    await standin.wait_until(lambda: "page 3 is missing" in prompt.text, 10, "the prompt redrawn")
    assert "the link works" not in prompt.text
    assert len(prompts_to(standin, scene.creator)) == 1  # the same message, not a second prompt
    await standin.wait_until(lambda: value(bot, REDRAWS) == 0, 10, "the redraw done")
    # Its buttons still answer it.
    answered = await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)
    assert answered is not None
    status = rows(bot, "SELECT status, answered_how FROM member_messages WHERE source_id = ?", sent.id)
    assert status == [("answered", "themselves")]


async def test_a_dm_deleted_after_its_prompt_is_taken_off_the_prompt(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, SECRET)
    prompt = await standin.wait_for_dm(scene.creator, lambda m: "0612345678" in m.text, timeout=10)
    await standin.delete_own(scene.member, sent)
    await standin.wait_until(lambda: "0612345678" not in prompt.text, 10, "the words taken off the prompt")
    assert "deleted by the member" in prompt.text
    assert prompt.has_button("Reply personally")  # still the creator's to answer, as the figures say
    await standin.wait_until(lambda: value(bot, REDRAWS) == 0, 10, "the redraw done")


async def test_delete_my_data_empties_her_prompt_and_keeps_the_others_in_the_same_message(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    first, her, him = fans(standin, scene, bot, 3)
    creator_dm = standin.world.dm_channel(scene.creator)
    # The first prompt is held in flight, so the next two are read together: one message, two prompts.
    held = standin.faults.add(method="POST", path=rf"^/channels/{creator_dm.id}/messages$", status=200, hold=True)
    try:
        await standin.send_dm(first, "thanks, first!")
        await standin.wait_until(lambda: standin.rest.in_flight[SEND] == 1, 20, "the first prompt in flight")
        await standin.send_dm(her, SECRET)
        await standin.wait_until(lambda: value(bot, QUEUED) == 2, 20, "her prompt queued")
        await standin.send_dm(him, "thank you, the planner is lovely")
        await standin.wait_until(lambda: value(bot, QUEUED) == 3, 20, "his prompt queued")
    finally:
        held.release()
    batch = await standin.wait_for_dm(scene.creator, lambda m: len(m.embeds) == 2, timeout=15)
    assert "0612345678" in batch.text and "planner is lovely" in batch.text
    her_name = standin.world.user_of(her).username

    gone = await delete_my_data(standin, her, scene.general)
    assert "for good" in gone.text
    await standin.wait_until(lambda: "0612345678" not in batch.text, 10, "her words taken off the prompt")
    assert "Removed at the member's request" in batch.text
    assert her_name not in batch.text and str(standin.world.user_of(her).id) not in batch.text
    # His prompt is as it was: his words, and one row of buttons, his.
    assert "planner is lovely" in batch.text and len(batch.embeds) == 2
    assert "Removed" in batch.embeds[0]["title"] and "planner is lovely" in batch.embeds[1]["description"]
    await standin.click(scene.creator, batch, "No reply needed")
    his = "SELECT status FROM member_messages WHERE content = 'thank you, the planner is lovely'"
    await standin.wait_until(lambda: value(bot, his) == "no_reply_needed", 10, "his message closed")


async def test_a_dm_deleted_while_its_prompt_is_on_its_way_is_taken_off_once_it_arrives(
    standin, scene, bot_process
) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    creator_dm = standin.world.dm_channel(scene.creator)
    # Discord is slow to take the prompt: the bot has read her words and is posting them.
    held = standin.faults.add(method="POST", path=rf"^/channels/{creator_dm.id}/messages$", status=200, hold=True)
    try:
        sent = await standin.send_dm(scene.member, SECRET)
        await standin.wait_until(lambda: standin.rest.in_flight[SEND] == 1, 20, "the prompt in flight")
        await standin.delete_own(scene.member, sent)
        deleted = "SELECT text_removed_why FROM member_messages WHERE source_id = ?"
        await standin.wait_until(lambda: value(bot, deleted, sent.id) == "deleted", 10, "her words forgotten")
    finally:
        held.release()
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10)
    await standin.wait_until(lambda: "0612345678" not in prompt.text, 10, "the words taken off once it arrived")
    assert "deleted by the member" in prompt.text


async def test_a_redraw_cut_off_by_a_crash_is_done_after_the_restart(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, SECRET)
    prompt = await standin.wait_for_dm(scene.creator, lambda m: "0612345678" in m.text, timeout=10)
    # The edit of the prompt is on its way to Discord when the bot is killed: it is never carried out
    # (held, then answered 503 to a client that is gone).
    held = standin.faults.add(method="PATCH", path=rf"^/channels/\d+/messages/{prompt.id}$", status=503, hold=True)
    await standin.delete_own(scene.member, sent)
    await standin.wait_until(lambda: held.hits, 10, "the redraw in flight")
    await bot.kill()  # SIGKILL: the edit never reaches Discord
    standin.faults.rules.remove(held)
    held.release()
    assert "0612345678" in prompt.text and value(bot, REDRAWS) == 1
    await bot.start()
    # Its lease was the killed process's: taken up once that process is seen to have stopped.
    await standin.wait_until(lambda: "0612345678" not in prompt.text, 30, "the prompt redrawn after the restart")
    assert "deleted by the member" in prompt.text
    await standin.wait_until(lambda: value(bot, REDRAWS) == 0, 10, "the redraw done")


async def test_a_redraw_discord_keeps_failing_is_tried_again_until_it_lands(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, SECRET)
    prompt = await standin.wait_for_dm(scene.creator, lambda m: "0612345678" in m.text, timeout=10)
    # Every attempt of the first pass fails (503s discord.py does not retry itself).
    outage = standin.faults.add(method="PATCH", path=rf"^/channels/\d+/messages/{prompt.id}$", status=503, times=4)
    await standin.delete_own(scene.member, sent)
    await standin.wait_until(lambda: outage.exhausted, 20, "the first pass failed")
    assert "0612345678" in prompt.text and value(bot, REDRAWS) == 1  # kept, to be tried again
    await standin.wait_until(lambda: "0612345678" not in prompt.text, 30, "the prompt redrawn on a later pass")
    await standin.wait_until(lambda: value(bot, REDRAWS) == 0, 10, "the redraw done")


async def test_a_reminder_digest_that_listed_a_dm_follows_its_edit_and_delete(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, SECRET)
    await standin.wait_for_dm(scene.creator, lambda m: "0612345678" in m.text, timeout=10)
    await bot.stop()
    execute(bot, "UPDATE member_messages SET received_at = received_at - 25 * 3600")  # a day unanswered
    await bot.start()
    digest = await standin.wait_for_dm(scene.creator, lambda m: "waiting for your answer" in m.text, timeout=15)
    assert "0612345678" in digest.text
    await standin.edit_own(scene.member, sent, "thanks! you can call me on 0699999999")
    await standin.wait_until(lambda: "0699999999" in digest.text, 10, "the digest redrawn with the edit")
    await standin.delete_own(scene.member, sent)
    await standin.wait_until(lambda: "0699999999" not in digest.text, 10, "the digest redrawn without the words")
    assert "deleted by the member" in digest.text and "1 message(s)" in digest.text
    digests = [m for m in standin.dms_to(scene.creator) if "waiting for your answer" in m.text]
    assert [m.id for m in digests] == [digest.id]  # redrawn, not sent again


async def test_a_hostile_edit_is_redrawn_as_inert_as_the_first_words(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, "thanks! the link works")
    prompt = await standin.wait_for_dm(scene.creator, lambda m: "the link works" in m.text, timeout=10)
    await standin.edit_own(scene.member, sent, EVIL)
    await standin.wait_until(lambda: "the link works" not in prompt.text, 10, "the prompt redrawn")
    assert_inert(prompt, scene)  # no live masked link, no mention the member typed, nobody pinged
    await standin.wait_until(lambda: value(bot, REDRAWS) == 0, 10, "the redraw done")
