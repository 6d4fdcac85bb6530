"""The creator's inbox summary with two processes' workers (issue 12's loose ends): a thank-you
counted in it while the other process is editing it is shown by the next edit, not lost, and one
server's burst gives its creator one summary message."""

from __future__ import annotations

import time

import pytest

from tests.e2e.stories import execute, value
from tests.e2e.test_cluster_e2e import far_cluster
from tests.e2e.test_inbox_scale_e2e import until

pytestmark = pytest.mark.timeout(240)

EDIT = "PATCH /channels/{channel_id}/messages/{message_id}"
THANKS = "thank you so much, this is great!"


def summaries(standin, place) -> list:
    return [m for m in standin.dms_to(place.creator) if m.has_button("Open them in /thanks pending")]


def summarised(bot) -> int:
    return value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'")


async def test_a_thank_you_counted_while_the_other_process_edits_the_summary_is_shown_next(
    standin, bot_process, tmp_path
) -> None:
    cluster = await far_cluster(standin, bot_process, tmp_path, 24)
    place, fans, (bot, _) = cluster.place, cluster.members, cluster.processes
    burst, late = fans[:20], fans[20:]
    for fan in burst:  # past the creator's 3 prompt messages a minute: the rest go in a summary
        await standin.send_dm(fan, THANKS)
    await until(
        lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')") == len(burst),
        60,
        "the burst prompted or summarised",
    )
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 60, "summary shown")
    [summary] = summaries(standin, place)
    shown = summarised(bot)
    assert f"{shown} new message(s) are waiting" in standin.world.messages[summary.id].text

    # The next edit is held in flight; meanwhile the other process counts more thank-yous in it.
    held = standin.faults.add(method="PATCH", path=rf"^/channels/\d+/messages/{summary.id}$", status=200, hold=True)
    try:
        await standin.send_dm(late[0], THANKS)
        await standin.wait_until(lambda: standin.rest.in_flight[EDIT] == 1, 60)
        # The pace still holds (as if the prompt messages went out just now), so these are summarised.
        execute(bot, "UPDATE prompts SET sent_at = ? WHERE status = 'sent'", int(time.time()))
        for fan in late[1:]:
            await standin.send_dm(fan, THANKS)
        await until(lambda: summarised(bot) == shown + len(late), 60, "the late thank-yous summarised")
        assert standin.rest.in_flight[EDIT] == 1, "counted while the edit was in flight"
    finally:
        held.release()
    await until(
        lambda: f"{shown + len(late)} new message(s) are waiting" in standin.world.messages[summary.id].text,
        60,
        f"the summary showing all {shown + len(late)}",
    )
    assert summaries(standin, place) == [summary], "one summary message for one server's burst"
    assert not standin.unknown_routes
