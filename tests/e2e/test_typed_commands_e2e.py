"""User stories: a member types a command into a DM as plain text ("/krijg checklist", "!hulp",
"/privacy", "/resource list"). Each is words for the bot, and the bot answers it; none goes to the
creator of their last delivery as something to answer. Before, the corpus's `other` sent every one
of these to the creator's inbox, or told the member the bot "couldn't link" it."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, rows, value, with_a_delivery

_STORED = "SELECT label, status, owner_id FROM member_messages WHERE source_id = ?"


async def test_typed_commands_are_answered_by_the_bot_and_never_reach_the_creator(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)  # the checklist, by a typed "/get checklist"

    # A guess at the command in Dutch: the file.
    asked = await standin.send_dm(scene.member, "/krijg checklist")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]
    assert await standin.wait_until(lambda: rows(bot, _STORED, asked.id), 10) == [
        ("request", "no_reply_needed", scene.creator.user.id)
    ]

    # Help, asked in Dutch: what the bot does, and how to ask. Kept, and shown to no creator.
    asked = await standin.send_dm(scene.member, "!hulp")
    help_ = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert "Ik ben Handout, een bot" in help_.text and "/privacy" in help_.text and "/get" in help_.text
    assert await standin.wait_until(lambda: rows(bot, _STORED, asked.id), 10) == [("other", "unrouted", None)]

    # A creator's command: where it runs.
    asked = await standin.send_dm(scene.member, "/resource list")
    pointer = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert "`/resource list`" in pointer.text and "works in a server" in pointer.text

    # A thanks that starts with a slash is still a thanks: the creator is asked to answer it, and it
    # is the only thing they are asked (the barrier that makes "nothing else" mean something).
    thanks = await standin.send_dm(scene.member, "/thanks so much, the checklist saved my week!")
    prompt = await standin.wait_for_dm(scene.creator, timeout=10)
    assert "saved my week" in prompt.text
    assert value(bot, "SELECT status FROM member_messages WHERE source_id = ?", thanks.id) == "waiting"
    assert len(standin.dms_to(scene.creator)) == 1
    for text in ("krijg", "hulp", "resource list"):
        assert text not in prompt.text

    # Privacy: the /privacy panel, in the DM, and its buttons work there.
    asked = await standin.send_dm(scene.member, "/privacy")
    panel = await standin.wait_for_dm(scene.member, lambda m: bool(m.embeds), timeout=10, after=asked)
    assert "What Handout stores about you" in panel.text
    assert panel.has_button("Export my data") and panel.has_button("Never DM me")
    gone = await (await standin.click(scene.member, panel, "Delete my data")).response(timeout=10)
    assert "voorgoed" in gone.text  # "for good": a press carries her client's language, a DM does not
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE member_id = ?", scene.member.user.id) == 0


async def test_a_flood_of_typed_help_is_kept_and_answered_once(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    floods = [await standin.send_dm(scene.member, "/help") for _ in range(4)]
    await standin.wait_for_dm(scene.member, timeout=10, after=floods[0])
    assert await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 4, 10)
    # Another command after them is answered: a second help would have been sent before it.
    asked = await standin.send_dm(scene.member, "/privacy")
    await standin.wait_for_dm(scene.member, lambda m: bool(m.embeds), timeout=10, after=asked)
    helps = [m for m in standin.dms_to(scene.member) if "/privacy to see" in m.content]
    assert len(helps) == 1
