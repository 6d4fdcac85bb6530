"""What running as a cluster still needed (issue 12): a member's DM channel remembered across
processes and restarts, reply-to-all sends and inbox summaries leased like prompts, and a deletion
on one process honoured by deliveries another process already holds."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stories import PDF, add_resource, attachment_bytes, execute, insert_rows, share, value
from tests.e2e.test_cluster_e2e import far_cluster
from tests.e2e.test_delete_my_data_e2e import (
    a_click_queued_behind_eight_slow_uploads,
    delete_her_data_and_see_her_click_cancelled,
)

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


def posts_with_nonce(standin, prefix: str) -> list:
    return [
        r
        for r in standin.requests_to("POST", "/channels/{channel_id}/messages")
        if str((r.json or {}).get("nonce", "")).startswith(prefix)
    ]


async def test_two_processes_send_each_reply_to_all_dm_and_the_summary_once(standin, bot_process, tmp_path) -> None:
    """Both processes' workers find the same outbox at start: a creator's reply to everyone who
    thanked, queued for twenty members, and a summary to post. Each goes out once."""
    cluster = await far_cluster(standin, bot_process, tmp_path, 20, delivered=False)
    place, fans, (first, second), resource_id = cluster.place, cluster.members, cluster.processes, cluster.resource_id
    await asyncio.gather(first.stop(), second.stop())
    owner = place.creator.user.id
    insert_rows(first, "reply_alls", [
        {"id": 1, "source_id": 999, "owner_id": owner, "guild_id": place.guild.id, "resource_id": resource_id,
         "author_id": owner, "author_name": "Maya", "author_avatar": None, "content": "Thank you all!",
         "since": 0, "created_at": 0},
    ])  # fmt: skip
    insert_rows(first, "reply_all_sends", [
        {"reply_all_id": 1, "member_id": standin.world.user_of(fan).id, "next_attempt_at": 0} for fan in fans
    ])  # fmt: skip
    insert_rows(first, "inbox_summaries", [
        {"channel_id": standin.world.dm_channel(place.creator).id, "owner_id": owner, "guild_id": place.guild.id,
         "next_edit_at": 0, "created_at": 0, "updated_at": 0},
    ])  # fmt: skip
    # Slow sends (Discord answers, late): whichever process starts first is still sending when the
    # other one's worker looks at the same rows.
    standin.faults.add(
        method="POST", path=r"^/channels/\d+/messages$", status=200, delay=8, when_body='"nonce": "hs', times=None
    )
    standin.faults.add(
        method="POST", path=r"^/channels/\d+/messages$", status=200, delay=0.5, when_body='"nonce": "ha', times=None
    )
    await asyncio.gather(first.start(), second.start())
    await standin.wait_until(
        lambda: (
            value(first, "SELECT COUNT(*) FROM reply_all_sends WHERE status = 'sent'") == len(fans)
            and value(first, "SELECT dirty FROM inbox_summaries") == 0
        ),
        90,
    )
    assert len(posts_with_nonce(standin, "hs")) == 1, "the summary was posted more than once"
    replies = posts_with_nonce(standin, "ha")
    assert sorted(r.json["nonce"] for r in replies) == sorted(f"ha{i}" for i in range(1, len(fans) + 1)), (
        "a reply-to-all DM was sent more than once"
    )
    for fan in fans:
        assert len([m for m in standin.dms_to(fan) if m.embeds]) == 1
    assert value(first, "SELECT COUNT(*) FROM reply_all_sends WHERE lease_owner IS NOT NULL") == 0


async def test_delete_my_data_on_one_process_cancels_a_delivery_the_other_one_holds(
    standin, bot_process, tmp_path
) -> None:
    """Her click reached the process holding the server's shard and waits there for its turn; she
    deletes her data in her DMs, which Discord sends to the other process. Nothing is sent."""
    cluster = await far_cluster(standin, bot_process, tmp_path, 9, "reader", delivered=False)
    *others, quorinda = cluster.members
    hers = await a_click_queued_behind_eight_slow_uploads(standin, cluster.place, quorinda, others)
    # She deletes her data in her DMs, which Discord sends to the other process.
    await delete_her_data_and_see_her_click_cancelled(standin, quorinda, standin.world.dm_channel(quorinda), hers)
