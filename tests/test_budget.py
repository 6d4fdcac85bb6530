from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from aiohttp import web

from bot.cogs.budget import RequestBudget, TokenBucket
from tests.timing import most_in_one_second


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


async def test_urgent_requests_go_ahead_of_the_line() -> None:
    """A creator's prompt does not wait behind a burst of members' acknowledgements."""
    budget = RequestBudget(rate=100, burst=1)
    done: list[str] = []

    async def request(name: str, urgent: bool = False) -> None:
        async with budget.slot(urgent=urgent):
            done.append(name)

    line = [asyncio.create_task(request(f"member{i}")) for i in range(10)]
    while len(done) < 2:  # noqa: ASYNC110 - a couple of members are through, the rest wait in line
        await asyncio.sleep(0.001)
    ahead = len(done)
    await asyncio.wait_for(request("prompt", urgent=True), 5)
    await asyncio.wait_for(asyncio.gather(*line), 5)
    assert done.index("prompt") == ahead, done  # the very next request
    assert [d for d in done if d != "prompt"] == [f"member{i}" for i in range(10)]  # the line kept its order


async def test_spare_requests_wait_until_no_member_waits() -> None:
    """A lookup a stranger caused never goes ahead of (or between) members' requests in line."""
    budget = RequestBudget(rate=100, burst=1)
    done: list[str] = []

    async def request(name: str, spare: bool = False) -> None:
        async with budget.slot(spare=spare):
            done.append(name)

    line = [asyncio.create_task(request(f"member{i}")) for i in range(10)]
    while not done:  # noqa: ASYNC110 - the first member is through, the rest wait in line
        await asyncio.sleep(0.001)
    await asyncio.wait_for(asyncio.gather(request("lookup", spare=True), *line), 5)
    assert done == [f"member{i}" for i in range(10)] + ["lookup"]


API = "/api/v10/channels/1/messages"


async def test_requests_that_leave_together_are_paced_again_at_the_wire() -> None:
    """discord.py may hold requests that took their tokens (a bucket's first request goes alone,
    everything waits out a 429) and then send them at once: the wire paces them again, and no new
    token is handed out while any waits there."""
    budget = RequestBudget(rate=0.001, burst=2)  # refills almost never
    sent: list[int] = []

    async def leave(i: int) -> None:
        await budget.on_wire(API)
        sent.append(i)

    held = [asyncio.create_task(leave(i)) for i in range(3)]
    await asyncio.sleep(0.05)
    assert sent == [0, 1], "the third waits for the wire's bucket"
    assert budget.at_wire == 1
    budget._bucket.tokens = budget.burst  # the budget itself has tokens again, but the wire is behind
    taken = asyncio.create_task(_slot(budget))
    await asyncio.sleep(0.05)
    assert not taken.done(), "no token while a request waits at the wire"
    for task in [*held, taken]:
        task.cancel()
    await asyncio.gather(*held, taken, return_exceptions=True)


async def _slot(budget: RequestBudget) -> None:
    async with budget.slot():
        pass


async def test_a_process_of_a_cluster_sends_its_share_in_any_second() -> None:
    """Two processes, each paced at 22.5 a second with a burst of 2, could each send 24 in one
    second: 48 together, a margin of 2 under Discord's 50 for requests that arrive a little
    bunched. Each sends at most its share of the pace plus one burst: 23 (here: 1 of 2)."""
    budget = RequestBudget(rate=0.001, burst=2)  # refills almost never: 2 a second in all
    assert budget.wire_cap == 2
    budget.share(2)
    assert budget.wire_cap == 1
    sent: list[int] = []

    async def leave(i: int) -> None:
        await budget.on_wire(API)
        sent.append(i)

    held = [asyncio.create_task(leave(i)) for i in range(2)]
    await asyncio.sleep(0.05)
    assert sent == [0], "the bucket holds two tokens, but the second would exceed the share"
    for task in held:
        task.cancel()
    await asyncio.gather(*held, return_exceptions=True)
    assert RequestBudget().wire_cap == 47, "one process: what its own bucket allows in a second"
    shared = RequestBudget()
    shared.share(2)
    assert shared.wire_cap == 23


async def test_what_the_global_limit_does_not_count_is_not_held_at_the_wire() -> None:
    budget = RequestBudget(rate=0.001, burst=1)
    await budget.on_wire(API)
    for path in ("/api/v10/interactions/1/tok/callback", "/api/v10/webhooks/1/tok", "/attachments/1/2/f.pdf", "/"):
        await asyncio.wait_for(budget.on_wire(path), 1)
    assert budget.held_at_wire == 0


def test_a_token_bucket_refills_at_its_rate_up_to_its_burst_and_banks_before_a_new_rate() -> None:
    """The bucket of the budget and of the wire, on a clock the test sets."""
    bucket = TokenBucket(rate=2.0, burst=2.0)
    start = bucket._stamp
    assert bucket.take(2, now=start) and not bucket.take(1, now=start)
    assert bucket.wait_for(1) == 0.5
    assert bucket.take(1, now=start + 0.5) and bucket.tokens == 0
    assert not bucket.take(1, now=start + 0.75) and bucket.wait_for(1) == 0.25
    assert bucket.take(0, now=start + 100) and bucket.tokens == 2.0, "never more than the burst"
    bucket.tokens, bucket._stamp = 0.0, time.monotonic() - 1  # empty a second ago
    bucket.set_rate(1.0)  # the second at the old rate (2 a second) is banked first: 2, not 1
    assert bucket.rate == 1.0 and bucket.tokens == 2.0


class ConnectsLate(aiohttp.TCPConnector):
    """Every request on a new connection (``force_close``); the ones opened before ``until`` are
    ready only then, as on a busy event loop whose connects finish together."""

    def __init__(self, until: float) -> None:
        super().__init__(limit=0, force_close=True)
        self.until = until

    async def _create_connection(self, req, traces, timeout):  # type: ignore[no-untyped-def]  # noqa: ASYNC109 - aiohttp's own signature
        proto = await super()._create_connection(req, traces, timeout)
        await asyncio.sleep(max(self.until - time.monotonic(), 0))
        return proto


async def test_requests_whose_connection_was_late_still_leave_at_the_pace() -> None:
    """Through a real aiohttp session: the wire's pace holds for when requests are written, also
    when the ones started first waited for their connections and would leave with later ones."""
    arrived: list[float] = []

    async def handler(request: web.Request) -> web.Response:
        arrived.append(time.monotonic())
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/api/v10/users/{user_id}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    budget = RequestBudget(rate=10, burst=1)  # at most 11 in any second (wire_cap)
    connector = ConnectsLate(until=time.monotonic() + 1.0)
    try:
        async with aiohttp.ClientSession(
            connector=connector, trace_configs=[budget.trace(aiohttp.TraceConfig())]
        ) as http:

            async def get(i: int) -> None:
                async with http.get(f"http://127.0.0.1:{port}/api/v10/users/{i}") as response:
                    assert response.status == 200

            # Started at the pace for two seconds; those of the first second wait for their connections.
            calls = []
            for i in range(20):
                calls.append(asyncio.create_task(get(i)))
                await asyncio.sleep(0.1)
            await asyncio.gather(*calls)
    finally:
        await runner.cleanup()
    assert len(arrived) == 20
    assert most_in_one_second(arrived) <= budget.wire_cap
