"""User stories: a member deletes a DM they sent the bot (a wrong chat, a phone number they regret).
Handout forgets its words, as retention would, and says so where the creator would have read them.
Before, the text stayed stored, listed in /thanks pending, and went out in a prompt still to come.
A member who edits their DM is read as they edited it."""

from __future__ import annotations

from tests.e2e.stories import rows, with_a_delivery

SECRET = "thanks! you can call me on 0612345678"
_STORED = "SELECT label, status, content, text_removed_why FROM member_messages WHERE source_id = ?"


async def test_a_deleted_dm_is_forgotten_and_pending_says_so(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, SECRET)
    await standin.wait_for_dm(scene.creator, lambda m: "0612345678" in m.text, timeout=10)
    await standin.delete_own(scene.member, sent)
    stored = await standin.wait_until(lambda: (found := rows(bot, _STORED, sent.id)) and found[0][3] and found, 10)
    assert stored == [("thanks", "waiting", "", "deleted")]  # still the creator's to answer, in the figures
    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "deleted by the member" in pending.text and "0612345678" not in pending.text


async def test_a_dm_deleted_before_its_prompt_goes_out_never_shows_its_words(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    # Discord is slow to open the creator's DM: the member deletes the message meanwhile.
    standin.faults.add(method="POST", path=r"^/users/@me/channels$", status=200, delay=3.0, times=None)
    sent = await standin.send_dm(scene.member, SECRET)
    await standin.wait_until(lambda: rows(bot, _STORED, sent.id), 10, "the message stored")
    assert not standin.dms_to(scene.creator)  # the prompt is still to come
    await standin.delete_own(scene.member, sent)
    await standin.wait_until(lambda: rows(bot, _STORED, sent.id)[0][3] == "deleted", 10, "its text removed")
    prompt = await standin.wait_for_dm(scene.creator, timeout=15)
    assert "deleted by the member" in prompt.text and "0612345678" not in prompt.text


async def test_an_edited_dm_is_what_the_creator_reads(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    standin.faults.add(method="POST", path=r"^/users/@me/channels$", status=200, delay=3.0, times=None)
    sent = await standin.send_dm(scene.member, "thanks! the link works")
    await standin.wait_until(lambda: rows(bot, _STORED, sent.id), 10, "the message stored")
    assert not standin.dms_to(scene.creator)  # the prompt is still to come
    await standin.edit_own(scene.member, sent, "thanks! oh wait, page 3 is missing")
    await standin.wait_until(lambda: "page 3" in rows(bot, _STORED, sent.id)[0][2], 10, "the edit stored")
    prompt = await standin.wait_for_dm(scene.creator, timeout=15)
    assert "page 3 is missing" in prompt.text and "the link works" not in prompt.text
    # The label stays: an edit is not a new message to route or answer.
    assert rows(bot, _STORED, sent.id)[0][:3] == ("thanks", "waiting", "thanks! oh wait, page 3 is missing")
