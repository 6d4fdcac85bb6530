"""User stories for issue 14, round 4: a member who got a file that printed badly and asks for a better
one gets the file again; small talk, a polite "not for me", slang praise and a server's thankful emoji are
understood as what they are."""

from __future__ import annotations

from tests.e2e.stories import PDF, add_resource, attachment_bytes, value

_LABEL = "SELECT label FROM member_messages WHERE source_id = ?"


async def test_asking_again_after_a_bad_print_delivers_the_file(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene, name="leseprotokoll", title="Das Leseprotokoll")
    # Phrased as a question ("gibt es …?"), but after what went wrong it asks for the file again.
    asked = await standin.send_dm(
        scene.member, "das Leseprotokoll ist total verpixelt, gibt es eine schärfere Version?"
    )
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    assert attachment_bytes(dm) == [PDF]


async def test_small_talk_declines_slang_praise_and_thankful_emoji_are_labelled_by_what_they_mean(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="reading-log", title="The reading log")
    expected = {
        "hoe gaat het met jullie?": "other",  # small talk, nothing for the creator to answer
        "bedankt hoor, maar het is niets voor mij": "other",  # a polite decline, not gratitude
        "polecam wszystkim nauczycielkom": "thanks",  # praise as a recommendation
        "<:catlove:123456789>": "thanks",  # the server's own emoji, named for love
    }
    sent = {text: await standin.send_dm(scene.member, text) for text in expected}
    await standin.wait_until(lambda: all(value(bot, _LABEL, m.id) is not None for m in sent.values()), 10)
    assert {text: value(bot, _LABEL, m.id) for text, m in sent.items()} == expected
