"""A burst of clicks and the garbage collector (bot/ops/memory.py; bench/README.md, "CPU per click").

Each click leaves about 125 container objects alive for a while (discord.py's interaction, its
message and components, the rebuilt view, the handlers' coroutines). At CPython's default threshold
(700) that woke the collector every 5-6 clicks, and its older generations walked every object of
the process again: 0.2-0.27 ms of CPU per click, in a burst the bot needs all of.
"""

from __future__ import annotations

import asyncio

from tests.e2e.test_ops_e2e import free_port, get, one, samples, watched_bot_and_a_crowd

CLICKS = 200


async def test_start_up_objects_are_frozen(standin, scene, bot_process) -> None:
    port = free_port()
    await bot_process(env={"HANDOUT_METRICS_PORT": str(port)})
    found = samples((await get(port, "/metrics"))[1])
    # About 60,000: the services, the extensions, discord.py's machinery.
    assert one(found, "handout_gc_frozen_objects") > 30_000


async def test_a_burst_of_clicks_seldom_wakes_the_collector(standin, scene, bot_process) -> None:
    port, post, members = await watched_bot_and_a_crowd(standin, scene, bot_process, CLICKS, "clicker")

    async def young_collections() -> float:
        found = samples((await get(port, "/metrics"))[1])
        return one(found, "python_gc_collections_total", generation="0")

    before = await young_collections()
    assert before > 0  # start-up collected: the figure is there
    clicks = [await standin.click(member, post, "Get it", timeout=30) for member in members]
    responses = await asyncio.gather(*(click.response(timeout=30) for click in clicks))
    assert all(response.ephemeral for response in responses)
    # About 25,000 objects for 200 clicks: one or two young collections at a threshold of 20,000
    # (35-40 at CPython's 700, whatever the machine's speed: it counts allocations, not time).
    assert await young_collections() - before <= 5
