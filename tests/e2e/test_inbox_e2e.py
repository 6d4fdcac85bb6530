"""User stories for the inbox channel: members' private messages never become public."""

from __future__ import annotations

import pytest

from tests.e2e.standin.model import Perm
from tests.e2e.stories import a_minute_later, private_inbox, set_inbox, value
from tests.e2e.test_thanks_e2e import delivered, prompt_for

NOTICE = "no longer go to"  # the one DM that tells the managers an inbox was turned off


def prompts_in(standin, channel):
    return [m for m in standin.messages_in(channel) if m.has_button("Reply personally")]


def notices(standin, scene):
    return [m for m in standin.dms_to(scene.creator) if NOTICE in m.text]


async def test_a_channel_others_can_read_is_refused_as_inbox(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    refused = await set_inbox(standin, scene, scene.general)
    assert refused.ephemeral and "@everyone can read it" in refused.text, refused.text
    assert value(bot, "SELECT inbox_channel_id FROM guild_settings") is None
    # A private channel that a role without Manage Server may read is refused too, naming the role.
    fans = standin.world.add_role(scene.guild, "Fans")
    lounge = await private_inbox(standin, scene, "fan-lounge")
    standin.world.overwrite(lounge, fans, allow=Perm.VIEW_CHANNEL)
    refused = await set_inbox(standin, scene, lounge)
    assert refused.ephemeral and "**Fans** can read it" in refused.text, refused.text
    assert value(bot, "SELECT inbox_channel_id FROM guild_settings") is None

    await standin.send_dm(scene.member, "thank you so much, my private words!")
    prompt = await prompt_for(standin, scene)  # to Maya's DMs
    assert "my private words" in prompt.text
    assert not prompts_in(standin, scene.general) and not prompts_in(standin, lounge)
    assert not any("my private words" in m.text for m in standin.messages_in(scene.general))


async def test_an_inbox_others_can_now_read_sends_prompts_back_to_dms(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    inbox = await private_inbox(standin, scene)
    accepted = await set_inbox(standin, scene, inbox)
    assert "now go to" in accepted.text, accepted.text
    await standin.send_dm(scene.member, "thank you!")
    first = await standin.wait_for_message(
        lambda m: m.channel_id == inbox.id and m.has_button("Reply personally"), timeout=10
    )

    standin.world.overwrite(inbox, scene.guild.everyone, allow=Perm.VIEW_CHANNEL)  # someone opens it up
    await a_minute_later(bot)
    await standin.send_dm(scene.member, "does it also work in Notion?")
    prompt = await prompt_for(standin, scene)
    assert "Notion" in prompt.text
    notice = await standin.wait_for_dm(scene.creator, lambda m: NOTICE in m.text, timeout=10)
    assert "@everyone can read it" in notice.text and "#creator-inbox" in notice.text
    assert notice.pings == [] and not notice.mention_everyone

    await a_minute_later(bot)
    await standin.send_dm(scene.member, "thanks again!")
    again = await prompt_for(standin, scene, after=prompt)
    assert "thanks again!" in again.text
    assert [m.id for m in standin.messages_in(inbox)] == [first.id]  # nothing more in the open channel
    assert [m.id for m in notices(standin, scene)] == [notice.id]  # told once
    assert value(bot, "SELECT inbox_channel_id FROM guild_settings") is None


@pytest.mark.parametrize(("status", "code"), [(403, 50013), (404, 10003)])
async def test_an_inbox_the_bot_lost_falls_back_to_dms_without_retrying(
    standin, scene, bot_process, status, code
) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    inbox = await private_inbox(standin, scene)
    await set_inbox(standin, scene, inbox)
    # Discord refuses every post there from now on (access lost, or the channel was deleted).
    standin.faults.add(method="POST", path=rf"^/channels/{inbox.id}/messages$", status=status, code=code, times=None)

    await standin.send_dm(scene.member, "thank you!")
    prompt = await prompt_for(standin, scene)
    assert "thank you!" in prompt.text
    notice = await standin.wait_for_dm(scene.creator, lambda m: NOTICE in m.text, timeout=10)
    assert "Discord no longer lets me post there" in notice.text

    await a_minute_later(bot)
    await standin.send_dm(scene.member, "thanks again!")
    await prompt_for(standin, scene, after=prompt)
    posts = standin.requests_to("POST", "/channels/{channel_id}/messages")
    assert len([r for r in posts if str(inbox.id) in r.path]) == 1  # one refusal, no retry loop
    assert [m.id for m in notices(standin, scene)] == [notice.id]
    assert value(bot, "SELECT inbox_channel_id FROM guild_settings") is None
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status != 'sent'") == 0, 10)


@pytest.mark.parametrize("change", ["deleted", "send denied"])
async def test_an_inbox_the_bot_can_no_longer_use_is_turned_off(standin, scene, bot_process, change) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    inbox = await private_inbox(standin, scene)
    await set_inbox(standin, scene, inbox)
    if change == "deleted":
        standin.world.remove_channel(inbox)  # CHANNEL_DELETE
    else:
        bot_role = next(r for r in scene.guild.roles.values() if r.managed)
        standin.world.overwrite(inbox, bot_role, allow=Perm.VIEW_CHANNEL, deny=Perm.SEND_MESSAGES)  # CHANNEL_UPDATE

    await standin.send_dm(scene.member, "thank you!")
    prompt = await prompt_for(standin, scene)
    assert "thank you!" in prompt.text
    notice = await standin.wait_for_dm(scene.creator, lambda m: NOTICE in m.text, timeout=10)
    reason = "was deleted or I can no longer see it" if change == "deleted" else "missing Send Messages"
    assert reason in notice.text, notice.text
    posts = standin.requests_to("POST", "/channels/{channel_id}/messages")
    assert not [r for r in posts if str(inbox.id) in r.path]  # known from the cache: not even tried
    assert value(bot, "SELECT inbox_channel_id FROM guild_settings") is None
