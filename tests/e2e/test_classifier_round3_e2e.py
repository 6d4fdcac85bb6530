"""User stories for issue 14, round 3: a need told as a conditional gets the file; a thank-you that
turns the offer down, or a dead link asked about as a question, is understood as what it is."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, value

_LABEL = "SELECT label FROM member_messages WHERE source_id = ?"


async def test_a_need_told_as_a_conditional_delivers_the_file(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene, name="reading-log", title="The reading log")
    # No "can I", no "please": "… would really help" is still an ask for the file.
    asked = await standin.send_dm(scene.member, "the reading log would really help my son")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]


async def test_refusals_that_thank_and_asking_for_a_new_link_are_labelled_by_what_they_mean(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="reading-log", title="The reading log")
    expected = {
        "danke, aber ich hab schon eine": "other",  # turns the offer down: no thank-you for the creator
        "Link tot gisteren gewerkt, heb je een nieuwe?": "request",  # asks for it again
        "wat een week zeg": "other",  # small talk, not praise
    }
    sent = {text: await standin.send_dm(scene.member, text) for text in expected}
    await standin.wait_until(lambda: all(value(bot, _LABEL, m.id) is not None for m in sent.values()), 10)
    assert {text: value(bot, _LABEL, m.id) for text, m in sent.items()} == expected
