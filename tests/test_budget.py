from __future__ import annotations

import asyncio

from bot.cogs.budget import RequestBudget


async def test_tokens_are_spent_one_per_request_in_order() -> None:
    budget = RequestBudget(rate=0.001, burst=2)  # refills almost never
    done: list[int] = []

    async def request(i: int) -> None:
        async with budget.slot():
            done.append(i)

    tasks = [asyncio.create_task(request(i)) for i in range(3)]
    await asyncio.sleep(0.05)
    assert done == [0, 1], "the third request waits for a token"
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_waiting_requests_go_first_come_first_served() -> None:
    budget = RequestBudget(rate=200, burst=1)
    done: list[int] = []

    async def request(i: int) -> None:
        async with budget.slot():
            done.append(i)

    await asyncio.wait_for(asyncio.gather(*(request(i) for i in range(6))), 5)
    assert done == list(range(6))
