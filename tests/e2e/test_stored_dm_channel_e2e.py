"""A member's stored DM channel id, when Discord refuses a send to it.

Missing Access (50001) is Discord's answer for a channel that exists but has the bot as no recipient
(another application's DM with the member, as after a database restored under another bot): stale,
like Unknown Channel (10003, tests/e2e/test_cluster_gaps_e2e.py), so it is forgotten and the DM
opened again once. "Cannot send messages to this user" (50007) is Discord's answer when the member
closed their DMs, blocked the bot or shares no server with it: the channel is right, and the member
gets the file privately, as without a stored channel.
"""

from __future__ import annotations

import pytest

from tests.e2e.stories import PDF, add_resource, attachment_bytes, execute, share, value
from tests.e2e.test_cluster_gaps_e2e import click_and_get, dms_opened_for

pytestmark = pytest.mark.timeout(120)

SEND = ("POST", "/channels/{channel_id}/messages")


def sends_to(standin, channel_id: int) -> list[tuple[int, int | None]]:
    return [
        (r.status, r.code) for r in standin.requests_to(*SEND) if r.path.endswith(f"/channels/{channel_id}/messages")
    ]


async def test_a_stored_dm_channel_of_another_application_is_forgotten_and_the_dm_opened_again(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await click_and_get(standin, scene, post, 1)
    foreign = standin.world.add_foreign_dm(scene.member).id  # exists, but is not this bot's
    execute(bot, "UPDATE dm_channels SET channel_id = ? WHERE member_id = ?", foreign, scene.member_user.id)
    await bot.restart()  # discord.py forgets the DM channel it opened: the stored one is used
    await click_and_get(standin, scene, post, 2)
    assert sends_to(standin, foreign) == [(403, 50001)], "tried once, then forgotten"
    assert dms_opened_for(standin, scene.member) == 2
    real = standin.world.dm_channel(scene.member).id
    assert value(bot, "SELECT channel_id FROM dm_channels WHERE member_id = ?", scene.member_user.id) == real
    [_, again] = [m for m in standin.dms_to(scene.member) if m.attachments]
    assert attachment_bytes(again) == [PDF]
    assert value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 2


async def test_closed_dms_with_a_stored_dm_channel_deliver_privately_and_keep_the_channel(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await click_and_get(standin, scene, post, 1)
    real = standin.world.dm_channel(scene.member).id
    await bot.restart()
    standin.world.set_dms_closed(scene.member)
    reply = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert reply.ephemeral and attachment_bytes(reply) == [PDF]
    assert sends_to(standin, real)[-1] == (403, 50007)
    assert dms_opened_for(standin, scene.member) == 1, "50007 is not a stale channel: no second opening"
    assert value(bot, "SELECT channel_id FROM dm_channels WHERE member_id = ?", scene.member_user.id) == real
    assert value(bot, "SELECT COUNT(*) FROM closed_dms WHERE member_id = ?", scene.member_user.id) == 1
    assert "DMs of member" in bot.log_text() and "50007" in bot.log_text()
    assert not standin.unknown_routes
