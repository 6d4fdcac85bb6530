"""A process that joins the cluster while the other is delivering a burst alone, at the whole
budget of the bot token (45 requests a second), sends nothing until the other has heartbeaten since
it joined (``Cluster.introduced``): until then the other does not count it and keeps its whole
budget, and the joiner's share on top of it (22.5 a second) passes Discord's global 50."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.e2e.stories import value
from tests.e2e.test_cluster_e2e import delivered_to, members_of, shared_on_both_shards

pytestmark = pytest.mark.timeout(240)

NEAR_MEMBERS = 300  # shard 0's burst: 600 requests, over 10 s at the whole budget
FAR_MEMBERS = 60  # the restarted process's own burst, as soon as it is connected
IDENTIFY_SPACING_MS = 5500  # bot/app.py: one IDENTIFY per 5.5 s across the cluster


async def test_a_process_restarted_mid_burst_adds_no_429_and_loses_nothing(standin, bot_process, tmp_path) -> None:
    start = await shared_on_both_shards(standin, bot_process, tmp_path)
    (shard0, shard1), posts = start.processes, start.posts
    near_crowd = members_of(standin, start.near, NEAR_MEMBERS, "near")
    far_crowd = members_of(standin, start.far, FAR_MEMBERS, "far")

    # Shard 1's process stops (as for an upgrade): shard 0's counts itself alone again, at the
    # whole budget, from its next heartbeat, and delivers a burst.
    await shard1.stop()
    await shard0.wait_for_log(r"1 Handout process\(es\) share this database", timeout=20)
    clicks = list(await asyncio.gather(*(standin.click(m, posts[0], "Get it") for m in near_crowd)))
    await standin.wait_until(lambda: sum(1 for m in near_crowd if delivered_to(standin, m)) >= 20, 60, "burst going")

    # The restart at the worst moment: right after shard 0's heartbeat (it counts processes only
    # then, up to 2 s later), with the IDENTIFY slot free so it connects at once.
    def identify_slot_free() -> bool:
        last = value(shard0, "SELECT MAX(last_identify_ms) FROM identify_slots") or 0
        return time.time() * 1000 - last > IDENTIFY_SPACING_MS + 100

    await standin.wait_until(identify_slot_free, 20, "the IDENTIFY slot free")
    seen = value(shard0, "SELECT last_seen FROM cluster_processes")
    await standin.wait_until(lambda: value(shard0, "SELECT last_seen FROM cluster_processes") != seen, 10, "a beat")
    await shard1.start()
    clicks += await asyncio.gather(*(standin.click(m, posts[1], "Get it") for m in far_crowd))
    for click in clicks:
        assert (await click.wait_callback(timeout=60)).type == 5
    assert sum(1 for m in near_crowd if not delivered_to(standin, m)) > 0, "shard 0 was still bursting"
    everyone = near_crowd + far_crowd
    await standin.wait_until(lambda: all(delivered_to(standin, m) for m in everyone), 120, "every delivery")
    await standin.wait_until(
        lambda: value(shard0, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == len(everyone),
        20,
        "every delivery recorded",
    )
    assert [len(delivered_to(standin, m)) for m in everyone] == [1] * len(everyone)  # none lost or twice
    assert standin.stats["429_global"] == 0
    assert not standin.unknown_routes
