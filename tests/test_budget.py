from __future__ import annotations

import asyncio

from bot.cogs.budget import RequestBudget


async def test_no_more_than_in_flight_at_once_and_first_come_first_served() -> None:
    budget = RequestBudget(rate=1_000_000, burst=1_000, in_flight=3)
    release = asyncio.Event()
    active = 0
    peak = 0
    order: list[int] = []

    async def request(i: int) -> None:
        nonlocal active, peak
        async with budget.slot():
            order.append(i)
            active += 1
            peak = max(peak, active)
            await release.wait()
            active -= 1

    tasks = [asyncio.create_task(request(i)) for i in range(10)]
    await asyncio.sleep(0.05)
    assert (active, order) == (3, [0, 1, 2])
    release.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert peak == 3
    assert order == list(range(10))


async def test_tokens_are_spent_one_per_request() -> None:
    budget = RequestBudget(rate=0.001, burst=2, in_flight=10)  # refills almost never
    done = []

    async def request(i: int) -> None:
        async with budget.slot():
            done.append(i)

    tasks = [asyncio.create_task(request(i)) for i in range(3)]
    await asyncio.sleep(0.05)
    assert done == [0, 1], "the third request waits for a token"
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
