"""Forms survive a restart: a form opened before the bot restarts is handled after it.

Discord keeps a form open on the user's screen for as long as they type; the bot may be deployed
or crash meanwhile. The stand-in keeps the form (its ModalView) across the bot process, so each
test opens a form, restarts the bot, and only then submits it, as a user would.
"""

from __future__ import annotations

import pytest

from tests.e2e.standin.model import Perm
from tests.e2e.stories import add_resource, private_inbox, replay_interaction, rows, set_inbox, share, value
from tests.e2e.test_thanks_e2e import delivered, message_row, prompt_for


async def open_form(standin, who, message, button):
    return await (await standin.click(who, message, button)).modal(timeout=10)


@pytest.mark.parametrize("kill", [False, True], ids=["restart", "sigkill"])
async def test_member_form_opened_before_a_restart_is_stored_after_it(standin, scene, bot_process, kill) -> None:
    bot, dm = await delivered(standin, scene, bot_process)
    form = await open_form(standin, scene.member, dm, "Bedank / vraag iets")  # Alice's client is Dutch
    await bot.restart(kill=kill)

    sent = await standin.submit_modal(scene.member, form, {"text": "Written while you were restarting, thanks!"})
    confirmation = await sent.response(timeout=10)
    assert confirmation.ephemeral and "Maya" in confirmation.content
    prompt = await prompt_for(standin, scene)
    assert "Written while you were restarting, thanks!" in prompt.text
    assert message_row(bot)[:3] == ("thanks", "modal", "waiting")

    replay_interaction(standin, sent)  # the same submit again, as after a gateway resume: stored once
    await standin.send_dm(scene.member, "one more thing")  # a later event the bot handles in order
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 2, 10)
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE via = 'modal'") == 1
    assert "Unexpected error" not in bot.log_text()


@pytest.mark.parametrize("kill", [False, True], ids=["restart", "sigkill"])
async def test_creator_reply_form_opened_before_a_restart_is_relayed_after_it(
    standin, scene, bot_process, kill
) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    said = await standin.send_dm(scene.member, "thank you so much!")
    prompt = await prompt_for(standin, scene)
    form = await open_form(standin, scene.creator, prompt, "Reply personally")
    await bot.restart(kill=kill)

    sent = await standin.submit_modal(scene.creator, form, {"text": "You're welcome, enjoy it!"})
    done = await sent.response(timeout=10)
    assert done.ephemeral and "Answered" in done.content
    reply = await standin.wait_for_dm(scene.member, lambda m: bool(m.embeds), timeout=10, after=said)
    assert "You're welcome, enjoy it!" in reply.text
    assert "Maya" in reply.text and "persoonlijk" in reply.text.lower()  # labelled as Maya's own words
    assert message_row(bot)[2:5] == ("answered", scene.creator_user.id, "relayed")

    replay_interaction(standin, sent)  # seen twice after a resume: relayed once
    await standin.send_dm(scene.member, "great, thanks again")
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 2, 10)
    assert len([m for m in standin.dms_to(scene.member) if "You're welcome, enjoy it!" in m.text]) == 1
    assert "Unexpected error" not in bot.log_text()


async def test_reply_form_for_a_message_answered_meanwhile_says_so_and_keeps_the_text(
    standin, scene, bot_process
) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "does it work in Notion?")
    prompt = await prompt_for(standin, scene)
    form = await open_form(standin, scene.creator, prompt, "Reply personally")
    await bot.restart()
    # Meanwhile the creator answered from their own account and said so on the prompt.
    await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)

    sent = await standin.submit_modal(scene.creator, form, {"text": "Yes, import it as a page."})
    answer = await sent.response(timeout=10)
    assert answer.ephemeral
    assert "Answered" in answer.text and "own account" in answer.text  # who answered, and how
    assert "Yes, import it as a page." in answer.text  # their words are handed back, not lost
    assert message_row(bot)[2:5] == ("answered", scene.creator_user.id, "themselves")
    assert not [m for m in standin.dms_to(scene.member) if "import it as a page" in m.text]
    assert not rows(bot, "SELECT 1 FROM member_messages WHERE answered_how = 'relayed'")


async def test_member_form_for_a_delivery_deleted_meanwhile_says_so_and_keeps_the_text(
    standin, scene, bot_process
) -> None:
    bot, dm = await delivered(standin, scene, bot_process)
    form = await open_form(standin, scene.member, dm, "Bedank / vraag iets")
    await bot.restart(kill=True)
    # Meanwhile Alice deleted her data: the delivery the form belongs to is no longer hers.
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    await (await standin.click(scene.member, shown, "Verwijder mijn gegevens")).response(timeout=10)

    sent = await standin.submit_modal(scene.member, form, {"text": "Thanks, and one question"})
    answer = await sent.response(timeout=10)
    assert answer.ephemeral and "Die levering bestaat niet." in answer.text  # in Alice's language
    assert "Thanks, and one question" in answer.text and "Niet verstuurd" in answer.text
    assert value(bot, "SELECT COUNT(*) FROM member_messages") == 0


async def test_reply_form_of_a_manager_who_lost_manage_server_meanwhile_is_refused(standin, scene, bot_process) -> None:
    bot = await bot_process()
    inbox = await private_inbox(standin, scene)
    standin.world.overwrite(inbox, scene.creator_role, allow=Perm.VIEW_CHANNEL)  # managers answer there
    await set_inbox(standin, scene, inbox)
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    await standin.send_dm(scene.member, "thank you so much!")
    prompt = await standin.wait_for_message(
        lambda m: m.channel_id == inbox.id and m.has_button("Reply personally"), timeout=10
    )
    bram = standin.world.add_member(
        scene.guild, standin.world.add_user("bram", locale="en-US"), roles=[scene.creator_role]
    )
    form = await open_form(standin, bram, prompt, "Reply personally")  # a manager may answer
    await bot.restart()
    standin.world.set_roles(bram, [])  # ... and is no longer one when he submits

    sent = await standin.submit_modal(bram, form, {"text": "Glad it helps!"})
    answer = await sent.response(timeout=10)
    assert answer.ephemeral and "Manage Server" in answer.text and "Glad it helps!" in answer.text
    assert message_row(bot)[2] == "waiting"
    assert not [m for m in standin.dms_to(scene.member) if "Glad it helps!" in m.text]
