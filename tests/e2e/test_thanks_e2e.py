"""User stories for the thanks loop: a human answers, and the bot records that one did."""

from __future__ import annotations

from tests.e2e.standin.model import Perm
from tests.e2e.stories import add_resource, execute, rows, share, value


async def delivered(standin, scene, bot_process, member=None):
    """A started bot, a shared checklist, and ``member`` (default Alice) who got it by DM."""
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    member = member or scene.member
    await (await standin.click(member, post, "Get it")).response(timeout=10)
    dm = await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=10)
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    return bot, dm


def prompt_for(standin, scene, after=None):
    return standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10, after=after)


def message_row(bot) -> tuple:
    return rows(bot, "SELECT label, via, status, answered_by, answered_how, content FROM member_messages")[-1]


async def test_thanks_by_dm_reaches_the_creator_who_replies_personally(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    said = await standin.send_dm(scene.member, "dankjewel, super handig! 🙏")
    ack = await standin.wait_for_dm(scene.member, timeout=10, after=said)
    assert "Ik ben Handout, een bot" in ack.text and "Maya" in ack.text  # honest, in Alice's language
    prompt = await prompt_for(standin, scene)
    assert "dankjewel, super handig! 🙏" in prompt.text
    assert "The weekly checklist" in prompt.text
    # Alice's name came with her DM: no (rate-limited) lookup of her per prompt.
    assert "Alice" in prompt.text
    assert not [r for r in standin.requests_to("GET", "/users/{user_id}") if r.path.endswith(str(scene.member_user.id))]
    assert prompt.has_button("I replied myself") and prompt.has_button("No reply needed")
    assert message_row(bot)[:3] == ("thanks", "dm", "waiting")

    click = await standin.click(scene.creator, prompt, "Reply personally")
    await standin.submit_modal(scene.creator, click, {"text": "Thanks for saying thank you, few people do!"})
    reply = await standin.wait_for_dm(scene.member, lambda m: bool(m.embeds), timeout=10, after=ack)
    assert "Thanks for saying thank you, few people do!" in reply.text
    assert "Maya" in reply.text and "persoonlijk" in reply.text.lower()  # labelled: written by Maya in person
    await standin.wait_until(lambda: message_row(bot)[2] == "answered", 10)
    assert message_row(bot)[2:5] == ("answered", scene.creator_user.id, "relayed")
    edited = await standin.wait_until(lambda: (m := standin.world.messages[prompt.id]).edited_at and m, 10)
    assert not edited.buttons and "Answered" in edited.text


async def test_thanks_from_the_modal_on_a_delivery(standin, scene, bot_process) -> None:
    bot, dm = await delivered(standin, scene, bot_process)
    click = await standin.click(scene.member, dm, "Bedank / vraag iets")  # Alice's client is Dutch
    sent = await standin.submit_modal(scene.member, click, {"text": "Thank you, this is gold"})
    confirmation = await sent.response(timeout=10)
    assert confirmation.ephemeral and "Maya" in confirmation.content
    prompt = await prompt_for(standin, scene)
    assert "Thank you, this is gold" in prompt.text
    assert message_row(bot)[:3] == ("thanks", "modal", "waiting")


async def test_question_and_i_replied_myself(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "does the checklist also work in Notion?")
    prompt = await prompt_for(standin, scene)
    assert "Question" in prompt.text
    done = await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)
    assert "Answered" in done.content
    assert message_row(bot)[:5] == ("question", "dm", "answered", scene.creator_user.id, "themselves")


async def test_no_reply_needed(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thx!")
    prompt = await prompt_for(standin, scene)
    await (await standin.click(scene.creator, prompt, "No reply needed")).response(timeout=10)
    assert message_row(bot)[2:5] == ("no_reply_needed", scene.creator_user.id, None)


async def test_only_the_owner_or_a_manager_may_press(standin, scene, bot_process) -> None:
    bot = await bot_process()
    # Alice was a creator: she added a guide of her own, then lost Manage Server. As a resource
    # owner she may read the private inbox, but she may not answer Maya's prompts.
    world = standin.world
    world.set_roles(scene.member, [scene.creator_role])
    own = await standin.slash(
        scene.member, scene.general, "resource add", name="guide", title="Guide", url="https://e.com"
    )
    await own.response(timeout=10)
    world.set_roles(scene.member, [])
    channel = world.add_channel(scene.guild, "creator-inbox")
    world.overwrite(channel, scene.guild.everyone, deny=Perm.VIEW_CHANNEL)
    world.overwrite(channel, next(r for r in scene.guild.roles.values() if r.managed), allow=Perm.VIEW_CHANNEL)
    world.overwrite(channel, scene.member, allow=Perm.VIEW_CHANNEL)
    inbox = await standin.slash(scene.creator, scene.general, "handout inbox", options={"channel": channel})
    assert "now go to" in (await inbox.response(timeout=10)).text
    await add_resource(standin, scene)
    post = await share(standin, scene)
    bram = standin.world.add_member(scene.guild, standin.world.add_user("bram", locale="en-US"))
    await (await standin.click(bram, post, "Get it")).response(timeout=10)
    await standin.wait_for_dm(bram, lambda m: bool(m.attachments), timeout=10)
    await standin.send_dm(bram, "thank you so much!")
    prompt = await standin.wait_for_message(
        lambda m: m.channel_id == channel.id and m.has_button("Reply personally"), timeout=10
    )
    refused = await (await standin.click(scene.member, prompt, "I replied myself")).response(timeout=10)
    assert (refused.ephemeral and "Manage Server" in refused.content) or "Server beheren" in refused.content
    assert message_row(bot)[2] == "waiting"
    done = await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)
    assert "Answered" in done.content


async def test_member_text_with_everyone_and_roles_pings_nobody(standin, scene, bot_process) -> None:
    await delivered(standin, scene, bot_process)
    role = scene.creator_role.id
    await standin.send_dm(scene.member, f"@everyone @here <@&{role}> <@{scene.creator_user.id}> thanks!")
    prompt = await prompt_for(standin, scene)
    assert "@everyone" in prompt.text.replace("\u200b", "")  # shown, as text (see bot/core/safe_text.py)
    assert prompt.pings == [] and not prompt.mention_everyone


async def test_reminder_digest_is_sent_once_across_restarts(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thank you!")
    await prompt_for(standin, scene)
    await bot.stop()
    # The message has now waited 25 hours (the default reminder time is 24).
    execute(bot, "UPDATE member_messages SET received_at = received_at - 25 * 3600")
    await bot.start()
    digest = await standin.wait_for_dm(scene.creator, lambda m: "waiting for your answer" in m.text, timeout=15)
    assert "thank you!" in digest.text
    await bot.restart()
    await bot.restart(kill=True)
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM digests WHERE status = 'sent'") == 1, 10)
    digests = [m for m in standin.dms_to(scene.creator) if "waiting for your answer" in m.text]
    assert [m.id for m in digests] == [digest.id]


async def test_privacy_shows_and_deletes_a_members_data(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "my private words, thanks")
    await prompt_for(standin, scene)
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    assert shown.ephemeral and "my private words" in shown.text
    gone = await (await standin.click(scene.member, shown, "Verwijder mijn gegevens")).response(timeout=10)
    assert "voorgoed" in gone.text
    assert value(bot, "SELECT COUNT(*) FROM member_messages") == 0
    assert rows(bot, "SELECT member_id FROM deliveries") == [(None,)]
    again = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    assert "0 levering(en)" in again.text and "my private words" not in again.text


async def test_stats_and_export_for_the_creator(standin, scene, bot_process) -> None:
    _, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thanks a lot!")
    prompt = await prompt_for(standin, scene)
    await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)
    stats = await (await standin.slash(scene.creator, scene.general, "thanks stats")).response(timeout=10)
    assert "Deliveries: **1** to **1** member(s)" in stats.text
    assert "Answered by a human: **100%**" in stats.text
    export = await (await standin.slash(scene.creator, scene.general, "thanks export")).response(timeout=10)
    [csv_file] = export.attachments
    text = csv_file.data.decode()
    assert text.startswith("kind,") and "thanks a lot!" in text and ",delivery," not in text


async def test_pending_lists_waiting_messages_with_buttons(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thank you!")
    await prompt_for(standin, scene)
    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert pending.ephemeral and "thank you!" in pending.text
    await (await standin.click(scene.creator, pending, "No reply needed")).response(timeout=10)
    assert message_row(bot)[2] == "no_reply_needed"
    empty = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "Nothing is waiting" in empty.text
