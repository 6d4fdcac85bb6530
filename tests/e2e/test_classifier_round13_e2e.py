"""User stories for issue 14, round 13: a member who asks for the file with emoji alone ("📥?") is shown
what is on offer and gets it; a question that names the resource first ("the checklist, is it for
beginners too?") and praise that names it last are not taken for requests, so they wait for the creator
and no file is sent. Round 12 read the first as other and the other two as requests."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, nothing_else_sent, value

_LABEL = "SELECT label FROM member_messages WHERE source_id = ?"


async def test_an_inbox_emoji_with_a_question_mark_gets_the_file(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="reading-log", title="The reading log")
    asked = await standin.send_dm(scene.member, "🗒️📥🥺")
    answer = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    # The thanks loop stores the DM beside the answer, not before it: wait for the row, then read it.
    label = await standin.wait_until(lambda: value(bot, _LABEL, asked.id), 10)
    assert label == "request"
    assert answer.has_button("The reading log")
    click = await standin.click(scene.member, answer, "The reading log")
    await click.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=answer)
    assert attachment_bytes(dm) == [PDF]


async def test_a_question_or_praise_naming_the_resource_waits_for_the_creator(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)  # "The weekly checklist"
    expected = {
        "the checklist, is it for beginners too?": "question",
        "das Arbeitsblatt, für welche Klasse ist das?": "question",
        "wunderschön, die Lernkarten": "thanks",
    }
    sent = {text: await standin.send_dm(scene.member, text) for text in expected}
    await standin.wait_until(lambda: all(value(bot, _LABEL, m.id) is not None for m in sent.values()), 10)
    assert {text: value(bot, _LABEL, m.id) for text, m in sent.items()} == expected
    await nothing_else_sent(standin, bot, scene.member, after=next(iter(sent.values())))
