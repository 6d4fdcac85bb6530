"""Dutch and English: each person is answered in their own language."""

from __future__ import annotations

from tests.e2e.stories import add_resource, share


async def test_commands_are_described_in_dutch_for_dutch_clients(standin, scene, bot_process) -> None:
    await bot_process()
    await standin.wait_commands("resource", "get")
    commands = {c.name: c for c in standin.world.commands.values()}
    get = commands["get"]
    assert get.description.startswith("Get a free resource")
    assert get.description_localizations["nl"].startswith("Krijg direct een gratis resource")
    add = next(o for o in commands["resource"].options if o["name"] == "add")
    assert add["description_localizations"]["nl"].startswith("Voeg een resource toe")
    # Names are the public interface and stay as written.
    assert not get.name_localizations


async def test_dutch_member_gets_dutch_delivery_and_dutch_error(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene, note="Veel plezier ermee!")
    post = await share(standin, scene)
    confirm = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert "naar je DM's gestuurd" in confirm.content
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    assert "Een berichtje van Maya" in dm.text and "Er wordt niets terug gevraagd" in dm.text
    assert dm.has_button("Bedank / vraag iets")
    error = await (await standin.slash(scene.member, scene.general, "get", resource="nope")).response(timeout=10)
    assert error.ephemeral and "Ik kon hier geen resource `nope` vinden" in error.content


async def test_english_member_gets_english(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    en = standin.world.add_member(scene.guild, standin.world.add_user("emma", locale="en-GB"))
    confirm = await (await standin.click(en, post, "Get it")).response(timeout=10)
    assert "to your DMs" in confirm.content
    dm = await standin.wait_for_dm(en, lambda m: bool(m.attachments), timeout=10)
    assert "Nothing is asked in return" in dm.text and dm.has_button("Say thanks / ask something")


async def test_dutch_dm_gets_a_dutch_answer(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    # Nobody has told the bot this member's locale: the message itself is Dutch.
    joost = standin.world.add_member(scene.guild, standin.world.add_user("joost", locale="en-US"))
    asked = await standin.send_dm(joost, "hoi! mag ik de ruimteschip handleiding?")
    answer = await standin.wait_for_dm(joost, timeout=10, after=asked)
    assert "Ik ben Handout, een bot" in answer.text and "Dit wordt aangeboden" in answer.text


async def test_english_creator_gets_an_english_prompt_about_dutch_thanks(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    await standin.send_dm(scene.member, "heel erg bedankt!")
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10)
    assert "A member wrote about your resource" in prompt.text
    assert "Thanks from" in prompt.text and "heel erg bedankt!" in prompt.text
