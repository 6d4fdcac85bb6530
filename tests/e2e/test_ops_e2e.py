"""Operating Handout: /metrics agree with what happened, /healthz follows the gateway."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.stories import add_resource, share, value

DM_MESSAGES = r"^/channels/\d+/messages$"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def one(found: dict, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def watched_bot_and_a_crowd(standin, scene, bot_process, members: int, name: str) -> tuple[int, Any, list]:
    """A bot serving /metrics on a free port, the scene's resource shared in #general, and
    ``members`` more members of the server (``name0``, ``name1``, ...) to click it:
    (the metrics port, the share post, the members)."""
    port = free_port()
    await bot_process(env={"HANDOUT_METRICS_PORT": str(port)})
    await add_resource(standin, scene)
    post = await share(standin, scene)
    world = standin.world
    return port, post, [world.add_member(scene.guild, world.add_user(f"{name}{i}")) for i in range(members)]


async def test_metrics_agree_with_what_happened(standin, scene, bot_process) -> None:
    port = free_port()
    bot = await bot_process(env={"HANDOUT_METRICS_PORT": str(port)})
    await add_resource(standin, scene)
    post = await share(standin, scene)
    members = [scene.member] + [
        standin.world.add_member(scene.guild, standin.world.add_user(f"fan{i}", global_name=f"Fan {i}"))
        for i in range(4)
    ]
    # One 429 on the way (discord.py waits and retries: delivered all the same) and one member whose
    # DMs are closed (delivered privately in the channel instead).
    standin.faults.add(method="POST", path=DM_MESSAGES, status=429, retry_after=0.2, times=1)
    standin.world.set_dms_closed(members[-1])
    for member in members:
        await (await standin.click(member, post, "Get it")).response(timeout=10)
    await standin.wait_until(
        lambda: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == len(members), 20
    )
    for member in members[:3]:
        await standin.send_dm(member, "thank you so much, this is great!")
    await standin.send_dm(members[3], "does this work in Google Sheets?")
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages") == 4, 10)

    status, text = await get(port, "/metrics")
    assert status == 200
    found = samples(text)
    delivered = "handout_deliveries_total"
    assert one(found, delivered, requested_via="button", delivered_via="dm", outcome="delivered") == 4
    assert one(found, delivered, requested_via="button", delivered_via="fallback", outcome="delivered") == 1
    assert standin.rest.stats["429_fault"] == 1
    assert one(found, "handout_discord_errors_total", status="429", code="0") == 1
    # The closed DMs: Discord answered 403 with code 50007 once, before the fallback.
    assert one(found, "handout_discord_errors_total", status="403", code="50007") == 1
    assert one(found, "handout_messages_total", label="thanks") == 3
    assert one(found, "handout_messages_total", label="question") == 1
    # Every click and command was acknowledged, and each acknowledgement was timed once.
    acks = len(standin.requests_to("POST", "/interactions/{interaction_id}/{token}/callback"))
    assert acks >= len(members) + 2 and one(found, "handout_interaction_ack_seconds_count") == acks
    assert one(found, "handout_queue_depth", queue="deliveries") == 0
    assert {"deliveries", "prompts", "digests", "redraws"} <= {
        dict(labels)["queue"] for name, labels in found if name == "handout_queue_oldest_seconds"
    }
    assert ("handout_rate_budget_waiting", ()) in found  # what waits now: prompts may still be in line
    assert ("handout_gateway_latency_seconds", (("shard", "0"),)) in found
    # Nothing in them identifies a member.
    for member in members:
        assert str(standin.world.user_of(member).id) not in text


async def test_queue_metrics_show_what_waits(standin, scene, bot_process) -> None:
    port = free_port()
    bot = await bot_process(env={"HANDOUT_METRICS_PORT": str(port)})
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    # Creator prompts cannot be sent (Discord keeps answering 500): they wait in the outbox.
    creator_dm = standin.world.dm_channel(scene.creator)
    standin.faults.add(method="POST", path=rf"^/channels/{creator_dm.id}/messages$", status=500, times=None)
    await standin.send_dm(scene.member, "thanks!")
    refused = rf"/channels/{creator_dm.id}/messages"
    await standin.wait_until(lambda: any(r.path.endswith(refused) and r.status == 500 for r in standin.requests), 15)
    found = samples((await get(port, "/metrics"))[1])
    assert one(found, "handout_queue_depth", queue="prompts") == 1
    assert one(found, "handout_discord_errors_total", status="500", code="0") >= 1


async def test_healthz_follows_the_gateway(standin, scene, bot_process) -> None:
    port = free_port()
    await bot_process(env={"HANDOUT_METRICS_PORT": str(port)})

    async def healthy() -> None:
        while (await get(port, "/healthz")) != (200, "ok\n"):  # noqa: ASYNC110 - polling an HTTP endpoint
            await asyncio.sleep(0.05)

    # discord.py is ready a moment after the stand-in sent READY and the guilds.
    await asyncio.wait_for(healthy(), 10)

    standin.gateway_outage(True)

    async def unhealthy() -> str:
        while (answer := await get(port, "/healthz"))[0] == 200:  # noqa: ASYNC110 - as above
            await asyncio.sleep(0.05)
        return answer[1]

    reason = await asyncio.wait_for(unhealthy(), 10)
    assert reason.startswith("unhealthy: gateway")
    await standin.wait_until(lambda: standin.gateway.refused >= 1, 30)
    assert (await get(port, "/healthz"))[0] == 503  # still down while Discord refuses

    resumes = len(standin.gateway.resumes)
    standin.gateway_outage(False)
    await standin.wait_until(lambda: len(standin.gateway.resumes) > resumes, 60, "the bot to resume")
    await asyncio.wait_for(healthy(), 10)


async def test_no_metrics_port_unless_asked(standin, scene, bot_process) -> None:
    bot = await bot_process()
    assert "Serving /metrics" not in bot.log_text()
