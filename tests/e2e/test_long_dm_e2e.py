"""User story: a member writes a long DM, up to Discord's 4,000 characters, and asks for a resource at
its end. The bot reads a long DM by its beginning and end (bench/hostile_dm.py: reading all of it held
the event loop for up to seconds), so the ask at the end is answered with that file, and the same
letter with no ask in it goes to a human, not answered with a file."""

from __future__ import annotations

from tests.e2e.stories import add_resource, attachment_bytes, nothing_else_sent, value

_LABEL = "SELECT label FROM member_messages WHERE source_id = ?"
# About 3,900 characters of a story with 600 distinct words: more than the matcher reads of a DM.
_STORY = " ".join(f"day{i} we used sheet{i} at home" for i in range(600))[:3900]


async def test_an_ask_at_the_end_of_a_long_dm_gets_that_file(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)  # "checklist", "The weekly checklist"
    await add_resource(standin, scene, name="reading-log", title="The reading log", file=("Log.pdf", b"%PDF-log"))
    asked = await standin.send_dm(scene.member, _STORY + "\ncould I get the reading log please?")
    assert len(asked.content) <= 4000
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [b"%PDF-log"]
    assert await standin.wait_until(lambda: value(bot, _LABEL, asked.id), 10) == "request"


async def test_a_long_dm_that_asks_for_nothing_is_not_answered_with_a_file(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    told = await standin.send_dm(scene.member, "The weekly checklist is lovely. " + _STORY)
    assert await standin.wait_until(lambda: value(bot, _LABEL, told.id), 10) != "request"
    await nothing_else_sent(standin, bot, scene.member, after=told)
