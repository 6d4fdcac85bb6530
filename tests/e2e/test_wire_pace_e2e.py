"""Requests paced by Handout's budget must reach Discord paced, even when discord.py held them.

discord.py sends the first request to a rate-limit bucket alone and holds the others until its
answer is in (and holds everything after a 429). Held requests left together: more than Discord's
50 a second, global 429s (bench/README.md, "Run as a cluster": 4-19 per 1,000-click cluster burst).
"""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stories import add_resource, share
from tests.e2e.test_cluster_e2e import guild_on_shard, members_of, shard_env
from tests.e2e.test_ops_e2e import free_port, get, one, samples, watched_bot_and_a_crowd

pytestmark = pytest.mark.timeout(120)

MEMBERS = 60
# Deliveries that took their turn in the budget while the first DM opening hangs: more than the
# 50 a second Discord allows, counting each one's two requests (open the DM, send).
PILED = 40
# Per process of a cluster, each at half the pace.
CLUSTER_MEMBERS = 30
CLUSTER_PILED = 20


async def budget_waiting(port: int) -> float:
    return one(samples((await get(port, "/metrics"))[1]), "handout_rate_budget_waiting")


async def pile_up_behind_held_dm_openings(standin, clicks: list[tuple], ports: list[int], left_in_line: int) -> None:
    """Discord is slow to answer each process's first DM opening (held): every delivery after it
    waits in discord.py (one bucket for every DM opening) with its budget token already spent,
    until at most ``left_in_line`` wait in each process's budget. Then the openings are answered.
    ``clicks``: (member, post) pairs; ``ports``: each process's metrics port."""
    slow = standin.faults.add(method="POST", path=r"^/users/@me/channels$", status=200, hold=True, times=len(ports))
    for click in await asyncio.gather(*(standin.click(member, post, "Get it") for member, post in clicks)):
        await click.wait_callback(timeout=30)
    await standin.wait_until(lambda: len(slow.hits) == len(ports), 30, "each process's first DM opening")
    for port in ports:
        for _ in range(300):  # polled: the budget's line is seen only through /metrics
            if await budget_waiting(port) <= left_in_line:
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the deliveries never took their turns")
    slow.release()


async def test_requests_held_by_discord_py_leave_at_the_pace_not_together(standin, scene, bot_process) -> None:
    port, post, crowd = await watched_bot_and_a_crowd(standin, scene, bot_process, MEMBERS, "crowd")
    await pile_up_behind_held_dm_openings(standin, [(member, post) for member in crowd], [port], MEMBERS - PILED)

    def delivered() -> int:
        return sum(1 for member in crowd if standin.dms_to(member))

    await standin.wait_until(lambda: delivered() == MEMBERS, 60, "every delivery")
    assert standin.rest.stats["429_global"] == 0
    assert not standin.unknown_routes


async def test_a_burst_looks_the_creator_up_once(standin, scene, bot_process) -> None:
    """Every delivery names the creator. Each one that started before the first lookup was answered
    asked Discord again: 100-170 extra requests at the start of a 1,000-click cluster burst."""
    await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    world = standin.world
    crowd = [world.add_member(scene.guild, world.add_user(f"crowd{i}")) for i in range(20)]
    slow = standin.faults.add(method="GET", path=rf"^/users/{scene.creator.user.id}$", status=200, hold=True)
    clicks = await asyncio.gather(*(standin.click(member, post, "Get it") for member in crowd))
    for click in clicks:
        await click.wait_callback(timeout=30)
    await standin.wait_until(lambda: slow.hits, 30, "the creator's lookup")
    slow.release()
    await standin.wait_until(lambda: all(standin.dms_to(member) for member in crowd), 60, "every delivery")
    assert len(standin.requests_to("GET", "/users/{user_id}")) == 1


async def test_two_processes_whose_requests_were_held_meet_no_429(standin, bot_process, tmp_path) -> None:
    """The cluster: each process paces itself at its half of the token's budget, and Discord counts
    both together. Held requests released at once in both went far beyond the 50."""
    places = [guild_on_shard(standin, shard, f"Shard{shard}") for shard in (0, 1)]
    ports = [free_port(), free_port()]
    data = tmp_path / "cluster-data"
    bots = await asyncio.gather(
        *(bot_process(data_dir=data, env={**shard_env(i), "HANDOUT_METRICS_PORT": str(ports[i])}) for i in (0, 1))
    )
    for bot in bots:  # each paces itself at its share from here on
        await bot.wait_for_log(r"2 Handout process\(es\) share", timeout=20)
    crowds = []
    for place in places:
        await add_resource(standin, place)
        post = await share(standin, place)
        crowds.append((members_of(standin, place, CLUSTER_MEMBERS, f"c{place.guild.id}_"), post))
    # Each process's first DM opening hangs, and its deliveries pile up behind it in discord.py.
    clicks = [(m, post) for crowd, post in crowds for m in crowd]
    await pile_up_behind_held_dm_openings(standin, clicks, ports, CLUSTER_MEMBERS - CLUSTER_PILED)
    everyone = [member for crowd, _ in crowds for member in crowd]
    await standin.wait_until(lambda: all(standin.dms_to(m) for m in everyone), 90, "every delivery")
    assert standin.rest.stats["429_global"] == 0
