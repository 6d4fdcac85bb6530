"""The pace of prompt messages to one destination (3 a minute) holds with two processes' workers
sending to it at once: what the one has reserved, the other does not take again."""

from __future__ import annotations

import pytest

from tests.e2e.stories import value
from tests.e2e.test_cluster_e2e import far_cluster
from tests.e2e.test_inbox_scale_e2e import until

pytestmark = pytest.mark.timeout(300)

SEND = "POST /channels/{channel_id}/messages"
THANKS = "thank you so much, this is great!"


async def test_two_processes_sending_prompts_to_one_destination_at_once_send_three_messages_in_all(
    standin, bot_process, tmp_path
) -> None:
    cluster = await far_cluster(standin, bot_process, tmp_path, 60)
    place, fans, (bot, _) = cluster.place, cluster.members, cluster.processes
    inbox = standin.world.dm_channel(place.creator)  # the creator's DMs: the destination
    # Every message to it waits in flight until released: each process's worker gets as far as
    # sending its first prompt message while the other's is not yet recorded.
    held = standin.faults.add(
        method="POST", path=rf"^/channels/{inbox.id}/messages$", status=200, hold=True, times=None
    )
    try:
        for fan in fans:
            await standin.send_dm(fan, THANKS)
        await until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == len(fans), 60, "all stored")
        # The one process claimed the first prompts; the other claims the rest at its next look.
        await standin.wait_until(lambda: standin.rest.in_flight[SEND] == 2, 120)
    finally:
        held.release()
    standin.faults.rules.remove(held)
    await until(
        lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')") == len(fans),
        90,
        "every thank-you prompted or summarised",
    )
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 60, "summary shown")
    prompt_messages = [m for m in standin.dms_to(place.creator) if m.has_button("Reply personally")]
    assert len(prompt_messages) <= 3, f"{len(prompt_messages)} prompt messages to one destination in a minute"
    assert value(bot, "SELECT COUNT(*) FROM prompt_pace") == 0  # every reservation released
    # None lost: the rest are counted in the summary, and all wait in /thanks pending.
    summarised = value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'")
    [summary] = [m for m in standin.dms_to(place.creator) if m.has_button("Open them in /thanks pending")]
    assert f"{summarised} new message(s) are waiting" in summary.text
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == len(fans)
    assert not standin.unknown_routes
