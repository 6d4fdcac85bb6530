"""Requests paced by Handout's budget must reach Discord paced, even when discord.py held them.

discord.py sends the first request to a rate-limit bucket alone and holds the others until its
answer is in (and holds everything after a 429). Held requests left together: more than Discord's
50 a second, global 429s (bench/README.md, "Run as a cluster": 4-19 per 1,000-click cluster burst).
"""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stories import add_resource, share
from tests.e2e.test_ops_e2e import free_port, get, one, samples

pytestmark = pytest.mark.timeout(120)

MEMBERS = 60
# Deliveries that took their turn in the budget while the first DM opening hangs: more than the
# 50 a second Discord allows, counting each one's two requests (open the DM, send).
PILED = 40


async def budget_waiting(port: int) -> float:
    return one(samples((await get(port, "/metrics"))[1]), "handout_rate_budget_waiting")


async def test_requests_held_by_discord_py_leave_at_the_pace_not_together(standin, scene, bot_process) -> None:
    port = free_port()
    await bot_process(env={"HANDOUT_METRICS_PORT": str(port)})
    await add_resource(standin, scene)
    post = await share(standin, scene)
    world = standin.world
    crowd = [world.add_member(scene.guild, world.add_user(f"crowd{i}")) for i in range(MEMBERS)]
    # Discord is slow to answer the first DM opening: every delivery after it waits in discord.py
    # (one bucket for every DM opening) with its budget token already spent.
    slow = standin.faults.add(method="POST", path=r"^/users/@me/channels$", status=200, hold=True)
    clicks = await asyncio.gather(*(standin.click(member, post, "Get it") for member in crowd))
    for click in clicks:
        await click.wait_callback(timeout=30)
    await standin.wait_until(lambda: slow.hits, 30, "the first DM opening")
    for _ in range(300):  # polled: the budget's line is seen only through /metrics
        if await budget_waiting(port) <= MEMBERS - PILED:
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail("the deliveries never took their turns")
    slow.release()

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
