"""A burst of clicks at two processes sharing one PostgreSQL database: each click is recorded
before it is acknowledged, in a transaction of its own process. Those transactions must not get
in each other's way: rolled back and rerun, they held up the acknowledgements of a whole group
(bench/README.md, "Run as a cluster"). PostgreSQL only: SQLite has one writer at a time."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stories import add_resource, rows, share, value
from tests.e2e.test_cluster_e2e import guild_on_shard, start_cluster

pytestmark = pytest.mark.timeout(180)

PER_GUILD = 100


def rollbacks(bot) -> int:
    return value(bot, "SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")


async def test_clicks_at_two_processes_for_neighbouring_members_roll_nothing_back(
    standin, bot_process, tmp_path
) -> None:
    near, far = guild_on_shard(standin, 0, "Near"), guild_on_shard(standin, 1, "Far")
    shard0, shard1 = await start_cluster(standin, bot_process, tmp_path)
    if not shard0.database_url:
        pytest.skip("SQLite: one writer at a time, nothing to conflict")
    await standin.wait_until(lambda: len(standin.gateway.live_sessions) == 2, 20)
    posts = []
    for place in (near, far):
        await add_resource(standin, place)
        posts.append(await share(standin, place))
    # Members made one after another, alternating between the guilds: neighbouring ids, so each
    # process's clicks land on the same index pages as the other's.
    world = standin.world
    crowd = []
    for i in range(PER_GUILD):
        for place, post in zip((near, far), posts, strict=True):
            crowd.append((world.add_member(place.guild, world.add_user(f"fan{place.guild.id}_{i}")), post))
    before = rollbacks(shard0)
    clicks = await asyncio.gather(*(standin.click(member, post, "Get it") for member, post in crowd))
    for click in clicks:
        assert (await click.wait_callback(timeout=30)).type == 5
    assert value(shard0, "SELECT COUNT(*) FROM deliveries") == 2 * PER_GUILD
    # Both processes stopped: their connections' statistics are written when they close.
    await shard0.stop(timeout=30)
    await shard1.stop(timeout=30)
    others = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    for _ in range(100):  # until their server processes have exited (polled: no stand-in event says so)
        if rows(shard0, others) == [(0,)]:
            break
        await asyncio.sleep(0.2)
    assert rollbacks(shard0) - before == 0
