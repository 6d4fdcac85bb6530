from __future__ import annotations

import asyncio

import pytest

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


async def test_requests_that_belong_together_are_paced_as_one_unit() -> None:
    """Two members each need two requests (open the DM, send). Taken together, the first member's
    send goes out before the second member's DM is opened, not after everyone's."""
    budget = RequestBudget(rate=100, burst=2)
    order: list[str] = []

    async def deliver(member: str) -> None:
        async with budget.slot(2):
            order.append(f"open {member}")
            await asyncio.sleep(0)  # the open's round trip: others may run meanwhile
            order.append(f"send {member}")

    await asyncio.wait_for(asyncio.gather(*(deliver(m) for m in "abc")), 5)
    assert order == ["open a", "send a", "open b", "send b", "open c", "send c"]


async def test_a_unit_never_costs_more_than_the_bucket_holds() -> None:
    budget = RequestBudget(rate=100, burst=2)
    with pytest.raises(ValueError, match="burst"):  # it would wait forever
        async with budget.slot(3):
            pass
