"""User stories: a member answers a delivery with no words, only a sticker ("Thank You") or a photo of
what they made. The creator's prompt says what came (a sticker, by name; a file, by name, not passed
on) and a "Thank You" sticker counts as thanks. Before, both reached the creator as an empty message
("—"), labelled a message, with nothing to say what the member had sent."""

from __future__ import annotations

from tests.e2e.stories import rows, with_a_delivery

_STORED = "SELECT label, status, content, also_sent FROM member_messages WHERE source_id = ?"


async def test_a_thank_you_sticker_reaches_the_creator_as_thanks(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    sent = await standin.send_dm(scene.member, stickers=["Thank You"])
    prompt = await standin.wait_for_dm(scene.creator, timeout=10)
    assert prompt.embeds[0]["title"].startswith("Thanks from")
    assert "*(sticker: Thank You)*" in prompt.embeds[0]["description"]
    stored = await standin.wait_until(lambda: rows(bot, _STORED, sent.id), 10)
    assert stored == [("thanks", "waiting", "", '{"stickers": ["Thank You"], "files": []}')]
    # The member sees it in what Handout keeps about them.
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    assert "*(sticker: Thank You)*" in shown.text


async def test_a_photo_alone_is_named_for_the_creator_and_not_passed_on(standin, scene, bot_process) -> None:
    bot = await with_a_delivery(standin, scene, bot_process)
    photo = ("result *final*.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")
    sent = await standin.send_dm(scene.member, files=[photo], stickers=["<@&1> **Handout: verify now**"])
    prompt = await standin.wait_for_dm(scene.creator, timeout=10)
    description = prompt.embeds[0]["description"]
    assert "a file, not passed on: result" in description
    assert "*final*" not in description and "**Handout" not in description  # names cannot draw the bot's markup
    assert not prompt.attachments  # the member's file stays in their DM
    assert not prompt.pings and not prompt.mention_everyone and not prompt.mention_roles
    [(label, status, content, also_sent)] = await standin.wait_until(lambda: rows(bot, _STORED, sent.id), 10)
    assert (label, status, content) == ("other", "waiting", "")
    assert "result" in also_sent and "**Handout: verify now**" in also_sent
