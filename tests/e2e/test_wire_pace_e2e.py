"""Requests paced by Handout's budget must reach Discord paced, even when discord.py held them.

discord.py sends the first request to a rate-limit bucket alone and holds the others until its
answer is in (and holds everything after a 429). Held requests left together: more than Discord's
50 a second, global 429s (bench/README.md, "Run as a cluster": 4-19 per 1,000-click cluster burst).
"""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stories import add_resource, share

pytestmark = pytest.mark.timeout(120)


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
