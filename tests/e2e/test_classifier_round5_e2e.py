"""User stories for issue 14, round 5: a member who never got anything (not even in spam) gets the file;
a how-to question about putting a resource into an app, a heading-style ask, a nice-day wish, Discord
small talk and a thank-you that says nothing was forgotten are understood as what they are."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, value

_LABEL = "SELECT label FROM member_messages WHERE source_id = ?"


async def test_nothing_came_not_even_in_spam_delivers_the_file(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene, name="leseprotokoll", title="Das Leseprotokoll")
    # No "please", no "can I": only that nothing came, which asks for it again.
    asked = await standin.send_dm(scene.member, "hab nie was bekommen fürs Leseprotokoll, auch nicht im Spam")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]


async def test_how_to_headings_wishes_small_talk_and_forgot_nothing_are_labelled_by_what_they_mean(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="reading-log", title="The reading log")
    expected = {
        "how do I get the planner stickers into notability?": "question",  # has it, asks how to use it
        "Gesucht: der Wochenplaner für Schichtarbeiter": "request",  # a heading, then the thing
        "prettige vrijdag allemaal!": "other",  # a wish for the day, not gratitude
        "czy wam też discord laguje dzisiaj?": "other",  # small talk, nothing for the creator
        "grazie alla tua lista non ho dimenticato nulla per il viaggio": "thanks",  # not a missing file
    }
    sent = {text: await standin.send_dm(scene.member, text) for text in expected}
    await standin.wait_until(lambda: all(value(bot, _LABEL, m.id) is not None for m in sent.values()), 10)
    assert {text: value(bot, _LABEL, m.id) for text, m in sent.items()} == expected
