"""User stories: a member who types "/get checklist" into a DM as plain text (Discord's command picker
skipped) gets the checklist, as /get itself would give it, and the creator is not asked to answer it.
"/get" that names nothing the bot knows is shown what is on offer. Before, such a DM read as a
mistyped command: it went to the creator's inbox and the member got no file."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, rows, value

_STORED = "SELECT label, status FROM member_messages WHERE source_id = ?"


async def test_a_typed_get_delivers_the_file_and_asks_the_creator_nothing(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)  # "checklist", "The weekly checklist"
    asked = await standin.send_dm(scene.member, "/get checklist")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]
    assert "I'm Handout, a bot" in dm.text
    assert await standin.wait_until(lambda: value(bot, "SELECT label FROM member_messages"), 10) == "request"

    # Asked again once it has a delivery to link to: read as words for the creator, it would wait for
    # them ("waiting") and prompt them. It is the command: answered with the file, nothing to reply to.
    again = await standin.send_dm(scene.member, "!get The Weekly Checklist")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=again)
    assert attachment_bytes(dm) == [PDF]
    stored = await standin.wait_until(lambda: rows(bot, _STORED, again.id), 10)
    assert stored == [("request", "no_reply_needed")]
    # The member may see the file a moment before the bot has written it down.
    delivered = "SELECT requested_via, is_repeat FROM deliveries WHERE status = 'delivered' ORDER BY id"
    assert await standin.wait_until(lambda: len(found := rows(bot, delivered)) == 2 and found, 10) == [
        ("dm", 0),
        ("dm", 1),
    ]
    assert not standin.dms_to(scene.creator)


async def test_a_typed_get_without_a_known_name_lists_what_is_on_offer(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    for text in ("/get", "/get the spaceship manual <@&1> @everyone"):
        asked = await standin.send_dm(scene.member, text)
        answer = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
        assert "The weekly checklist" in answer.text and answer.has_button("The weekly checklist")
        assert "spaceship" not in answer.text  # the member's words are not echoed in the bot's
        assert await standin.wait_until(lambda a=asked: value(bot, _STORED, a.id), 10) == "request"
    click = await standin.click(scene.member, answer, "The weekly checklist")
    await click.response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=answer)
    assert attachment_bytes(dm) == [PDF]
