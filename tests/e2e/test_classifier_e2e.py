"""User story for issue 14: a member asks for a resource by its name, in a way that reads like a question."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, value


async def test_asking_for_an_offered_resource_by_name_delivers_it(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="budget-buddy", title="Budget Buddy")
    # No "the", no resource noun: only knowing what is on offer makes these requests.
    for text in ("can I have Budget Buddy?", "mag ik Budget Buddy?"):
        asked = await standin.send_dm(scene.member, text)
        dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
        assert attachment_bytes(dm) == [PDF], text
    # Asking how to *use* it is still a question for the creator, and no file is sent for it.
    sent = await standin.send_dm(scene.member, "can I share Budget Buddy with my team?")
    await standin.wait_until(
        lambda: value(bot, "SELECT label FROM member_messages WHERE source_id = ?", sent.id) is not None, 10
    )
    assert value(bot, "SELECT label FROM member_messages WHERE source_id = ?", sent.id) == "question"
    assert len([m for m in standin.dms_to(scene.member) if m.attachments]) == 2
