"""What running as a cluster still needed (issue 12): a member's DM channel remembered across
processes and restarts, reply-to-all sends and inbox summaries leased like prompts, and a deletion
on one process honoured by deliveries another process already holds."""

from __future__ import annotations

import pytest

from tests.e2e.stories import PDF, add_resource, attachment_bytes, execute, share, value

pytestmark = pytest.mark.timeout(180)

OPEN_DM = ("POST", "/users/@me/channels")


def dms_opened_for(standin, who) -> int:
    """How many times the bot asked Discord to open the DM channel with ``who``."""
    user_id = str(standin.world.user_of(who).id)
    return sum(1 for r in standin.requests_to(*OPEN_DM) if str((r.json or {}).get("recipient_id")) == user_id)


async def click_and_get(standin, scene, post, count: int) -> None:
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_until(lambda: len([m for m in standin.dms_to(scene.member) if m.attachments]) >= count, 20)


async def test_a_repeat_recipient_after_a_restart_costs_no_second_dm_opening(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await click_and_get(standin, scene, post, 1)
    assert dms_opened_for(standin, scene.member) == 1
    dm_channel = standin.world.dm_channel(scene.member).id
    assert value(bot, "SELECT channel_id FROM dm_channels WHERE member_id = ?", scene.member_user.id) == dm_channel
    # A restart forgets everything discord.py knew; the stored channel is enough to send.
    await bot.restart()
    await click_and_get(standin, scene, post, 2)
    [_, again] = [m for m in standin.dms_to(scene.member) if m.attachments]
    assert attachment_bytes(again) == [PDF]
    assert dms_opened_for(standin, scene.member) == 1, "the DM channel was opened a second time"
    assert not standin.unknown_routes


async def test_a_stale_stored_dm_channel_is_forgotten_and_the_dm_opened_again(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await click_and_get(standin, scene, post, 1)
    # An id Discord does not know (a database restored under another bot application, say).
    stale = 123456789012345678
    execute(bot, "UPDATE dm_channels SET channel_id = ? WHERE member_id = ?", stale, scene.member_user.id)
    await bot.restart()
    await click_and_get(standin, scene, post, 2)
    refused = [r for r in standin.requests_to("POST", "/channels/{channel_id}/messages") if str(stale) in r.path]
    assert [(r.status, r.code) for r in refused] == [(404, 10003)], "tried once, then forgotten"
    assert dms_opened_for(standin, scene.member) == 2
    real = standin.world.dm_channel(scene.member).id
    assert value(bot, "SELECT channel_id FROM dm_channels WHERE member_id = ?", scene.member_user.id) == real
    assert value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 2
