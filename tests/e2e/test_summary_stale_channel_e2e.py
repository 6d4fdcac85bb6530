"""A summary posted in the creator's inbox channel keeps counting the thank-yous that came while the
inbox was at its pace. If the inbox is dropped (the channel deleted, or the setting cleared) before
the next edit of that summary, nothing may be lost: the creator learns of every one of them from a
fresh summary where they now get their prompts (their DMs), with no retry loop and no 429."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stories import add_deliveries, add_resource, execute, private_inbox, rows, set_inbox, value
from tests.e2e.test_inbox_scale_e2e import until

THANKS = "thank you so much, this is great!"
BUTTON = "Open them in /thanks pending"


def summaries_in(standin, channel) -> list:
    return [m for m in standin.messages_in(channel) if m.author is standin.world.bot and m.has_button(BUTTON)]


@pytest.mark.parametrize("drop", ["deleted", "cleared"])
async def test_a_summary_whose_inbox_was_dropped_is_shown_afresh_in_the_creators_dms(
    standin, scene, bot_process, drop
) -> None:
    world = standin.world
    bot = await bot_process()
    await add_resource(standin, scene)
    inbox = await private_inbox(standin, scene)
    await set_inbox(standin, scene, inbox)
    fans = [world.add_member(scene.guild, world.add_user(f"fan{i}", locale="en-US")) for i in range(34)]
    add_deliveries(bot, value(bot, "SELECT id FROM resources"), scene.guild.id, fans)

    # A burst: past 3 prompt messages a minute in the inbox, the rest is counted in one summary there.
    for fan in fans[:30]:
        await standin.send_dm(fan, THANKS)
        await asyncio.sleep(0.02)
    handled = "SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')"
    await until(lambda: value(bot, handled) == 30, 60, "the burst prompted or summarised")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 60, "summary shown")
    [summary] = summaries_in(standin, inbox)
    # Its next edit is held back (as if within its 10 s between edits) while more thank-yous are
    # counted in it: the inbox is still at its pace.
    execute(bot, "UPDATE inbox_summaries SET next_edit_at = next_edit_at + 3600")
    for fan in fans[30:33]:
        await standin.send_dm(fan, THANKS)
    await until(lambda: value(bot, handled) == 33, 60, "three more counted in the summary")
    counted = value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'")
    assert rows(bot, "SELECT dirty FROM inbox_summaries") == [(1,)]

    # The inbox is dropped before that edit.
    if drop == "deleted":
        world.remove_channel(inbox)
    else:
        cleared = await (await standin.slash(scene.creator, scene.general, "handout inbox")).response(timeout=10)
        assert cleared.ephemeral
    start = len(standin.requests)
    execute(bot, "UPDATE inbox_summaries SET next_edit_at = 0")
    await standin.send_dm(fans[33], THANKS)  # wakes the worker; prompted in the DMs now

    dms = standin.dm_channel_of(scene.creator) or world.dm_channel(scene.creator)
    fresh = await standin.wait_until(
        lambda: next((m for m in summaries_in(standin, dms) if f"{counted} new thank-you(s)" in m.text), None),
        60,
        "a fresh summary in the creator's DMs",
    )
    assert "The weekly checklist" in fresh.text
    await standin.wait_for_dm(scene.creator, lambda m: "fan33" in m.text, timeout=30)
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 30, "summary done")
    # Nothing more went to the dropped inbox: no edit of a message there, no retry loop.
    later = standin.requests[start:]
    assert [r.path for r in later if f"/channels/{inbox.id}/" in r.path] == []
    if drop == "cleared":
        assert world.messages[summary.id].edited_at is None  # the old one is left as it was
    assert len(summaries_in(standin, dms)) == 1
    assert standin.stats["429_global"] == 0 and standin.stats["429_route"] == 0
    assert "Thanks worker pass failed" not in bot.log_text()
    assert not standin.unknown_routes
