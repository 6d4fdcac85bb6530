"""User stories for issue 14, round 6: a thank-you that turns the offer down ("thanks, but …") and a
thank-you for being woken up by a dozen messages are not gratitude, so the creator is not told that a
member thanked them. Round 5 read all five as thanks (or one as a request); the round-6 model sees a
thank-you with a "but" or a number anywhere in the message, and learned from three more writers."""

from __future__ import annotations

from tests.e2e.stories import add_resource, value

_LABEL = "SELECT label FROM member_messages WHERE source_id = ?"


async def test_declines_and_sarcastic_thanks_are_not_gratitude(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene, name="reading-log", title="The reading log")
    expected = {
        "thanks a lot, but I'll stick with my own notebook": "other",  # a polite decline
        "danke dir, aber ich brauche es wirklich nicht": "other",
        "teşekkürler ama kullanmayacağım sanırım": "other",
        "bedankt voor de 14 berichten vannacht, echt gezellig": "other",  # sarcasm: woken up by the bot
        "dzięki za 11 wiadomości w nocy, super": "other",
    }
    sent = {text: await standin.send_dm(scene.member, text) for text in expected}
    await standin.wait_until(lambda: all(value(bot, _LABEL, m.id) is not None for m in sent.values()), 10)
    assert {text: value(bot, _LABEL, m.id) for text, m in sent.items()} == expected
