"""A server's name is its owner's words: in the bot's messages it never becomes a live link,
a mention or markup of its own (see bot/core/safe_text.py).

Anyone can create a server and name it "[Handout support](https://…)", add the bot, and share a
resource; every member and creator who then reads a message naming that server must see the name
as typed, not a masked link the bot seems to vouch for.
"""

from __future__ import annotations

from bot.core.safe_text import neutralise
from tests.e2e.standin import markdown
from tests.e2e.stories import add_resource, execute, private_inbox, set_inbox, share, value
from tests.e2e.test_inbox_e2e import NOTICE
from tests.e2e.test_routing_e2e import two_creators
from tests.e2e.test_thanks_e2e import delivered, prompt_for

EVIL_SERVER = "[Handout support](https://evil.example/verify) @everyone **Official** <@&42>"
EVIL_CREATOR = "[Cora from Handout](https://evil.example/cora)"


def assert_shown_as_typed(message) -> None:
    """Nothing of the name is live (the bot's own channel mentions may be), nobody is pinged, and
    the reader still sees the name itself."""
    message = getattr(message, "message", None) or message  # an interaction's reply: its message
    assert message.live_masked_links == [], message.text
    assert not {"@everyone", "<@&42>"} & set(message.live_mentions), message.live_mentions
    assert not message.pings and not message.mention_everyone and not message.mention_roles
    assert neutralise(EVIL_SERVER) in message.text, message.text


async def test_the_members_pick_names_a_hostile_server_and_creator_as_text(standin, scene, bot_process) -> None:
    scene.guild2.name = EVIL_SERVER
    bot, cora = await two_creators(standin, scene, bot_process)
    cora.user.global_name = EVIL_CREATOR
    await bot.restart()  # the creator's name is read afresh, as after any restart
    said = await standin.send_dm(scene.member, "thank you so much!")
    ask = await standin.wait_for_dm(scene.member, lambda m: bool(m.buttons), timeout=10, after=said)
    picked = await (await standin.click(scene.member, ask, "The launch checklist")).response(timeout=10)
    assert_shown_as_typed(picked)
    assert neutralise(EVIL_CREATOR) in picked.text, picked.text


async def test_the_inbox_turned_off_notice_names_a_hostile_server_as_text(standin, scene, bot_process) -> None:
    scene.guild.name = EVIL_SERVER
    await delivered(standin, scene, bot_process)
    inbox = await private_inbox(standin, scene)
    await set_inbox(standin, scene, inbox)
    standin.world.remove_channel(inbox)
    await standin.send_dm(scene.member, "thank you!")
    await prompt_for(standin, scene)
    notice = await standin.wait_for_dm(scene.creator, lambda m: NOTICE in m.text, timeout=10)
    assert_shown_as_typed(notice)


async def test_the_reminder_digest_names_a_hostile_server_as_text(standin, scene, bot_process) -> None:
    scene.guild.name = EVIL_SERVER
    bot, _ = await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thank you!")
    await prompt_for(standin, scene)
    await bot.stop()
    execute(bot, "UPDATE member_messages SET received_at = received_at - 25 * 3600")  # waited a day
    await bot.start()
    digest = await standin.wait_for_dm(scene.creator, lambda m: "waiting for your answer" in m.text, timeout=15)
    assert_shown_as_typed(digest)


async def test_the_not_a_member_refusal_names_a_hostile_server_as_text(standin, scene, bot_process) -> None:
    scene.guild.name = EVIL_SERVER
    standin.world.add_member(scene.guild2, scene.member_user)  # so Discord still lets the bot DM her
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    standin.world.remove_member(scene.guild, scene.member)
    asked = await standin.send_dm(scene.member, "can I get the checklist")
    refusal = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert not refusal.attachments
    assert_shown_as_typed(refusal)


EVIL_TITLE = "[Claim your prize](https://evil.example/prize) @everyone"


async def test_a_creators_name_and_title_stay_text_in_the_bots_replies_to_a_member(standin, scene, bot_process) -> None:
    """The creator's own words (their display name, their resource's title) inside the bot's
    replies to members: the click's confirmation, the delivery itself, the "passed on"
    acknowledgement, the form's; escaped once, not twice (a doubled escape shows backslashes)."""
    scene.creator_user.global_name = EVIL_CREATOR
    await bot_process()
    await add_resource(standin, scene, title=EVIL_TITLE)
    post = await share(standin, scene)
    confirm = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    said = await standin.send_dm(scene.member, "thank you!")
    ack = await standin.wait_for_dm(scene.member, lambda m: "bot" in m.text, timeout=10, after=said)
    click = await standin.click(scene.member, dm, "Bedank / vraag iets")  # Alice's client is Dutch
    formed = await (await standin.submit_modal(scene.member, click, {"text": "nog eens dank"})).response(timeout=10)
    # The delivery's content names the creator (its embed, the resource, is checked elsewhere).
    assert markdown.masked_links(dm.content) == [] and neutralise(EVIL_CREATOR) in dm.content, dm.content
    assert neutralise(neutralise(EVIL_CREATOR)) not in dm.content, dm.content  # escaped once, not twice
    for reply, words in ((confirm, EVIL_TITLE), (ack, EVIL_CREATOR), (formed, EVIL_CREATOR)):
        reply = getattr(reply, "message", None) or reply
        assert reply.live_masked_links == [] and "@everyone" not in reply.live_mentions, reply.text
        assert not reply.pings and not reply.mention_everyone
        assert neutralise(words) in reply.text, reply.text
        assert neutralise(neutralise(words)) not in reply.text, reply.text
