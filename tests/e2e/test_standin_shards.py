"""Sharding on the stand-in, as Discord does it (see standin/shards.py for the sources): events
routed by ``(guild_id >> 22) % num_shards``, DMs to shard 0, READY split per shard, 4010/4011,
GET /gateway/bot, identify concurrency per rate-limit key, the daily session start limit, and
the global REST limit per token across clients. Raw clients for the protocol; the real
discord.py AutoShardedBot (tinybot) for what a cluster of processes would see."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.e2e.standin import BotProcess, Sharding, shard_of

pytestmark = pytest.mark.timeout(60)

GUILDS, GUILD_MESSAGES, DMS = 1, 1 << 9, 1 << 12
INTENTS = GUILDS | GUILD_MESSAGES | DMS
ADMIN = {"name": "ping", "description": "Ping", "contexts": [0, 1]}


class Raw:
    """A minimal gateway + REST client with the bot's token (one per 'process')."""

    def __init__(self, standin) -> None:
        self.s = standin
        self.http = aiohttp.ClientSession(headers={"Authorization": f"Bot {standin.token}"})
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def connect(self) -> None:
        self.ws = await self.http.ws_connect(f"{self.s.ws_url}?v=10&encoding=json")
        assert (await self.ws.receive_json(timeout=5))["op"] == 10

    async def send_identify(self, shard: list[int] | None, token: str | None = None) -> None:
        await self.connect()
        d = {"token": token or self.s.token, "intents": INTENTS, "properties": {}}
        if shard is not None:
            d["shard"] = shard
        await self.ws.send_json({"op": 2, "d": d})

    async def identify(self, shard: list[int] | None):
        """IDENTIFY and return the new session once READY + its GUILD_CREATEs were sent."""
        known = set(self.s.gateway.sessions)
        await self.send_identify(shard)
        return await self.s.wait_until(
            lambda: next((x for x in self.s.gateway.live_sessions if x.id not in known), None), 5
        )

    async def next_frame(self) -> dict:
        """The next non-dispatch frame (op 9 ...), or the close code as {"close": code}."""
        while True:
            msg = await self.ws.receive(timeout=5)
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                return {"close": self.ws.close_code}
            frame = msg.json()
            if frame["op"] != 0:
                return frame

    async def call(self, method: str, path: str, **kw):
        async with self.http.request(method, self.s.api_url + path, **kw) as r:
            return r.status, (await r.json() if r.content_type == "application/json" else None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        await self.http.close()


@pytest.fixture
async def raws(standin):
    made: list[Raw] = []

    def make(s=None) -> Raw:
        made.append(Raw(s or standin))
        return made[-1]

    yield make
    for raw in made:
        await raw.close()


def guilds_on_both_shards(standin, count: int = 2) -> dict[int, list]:
    """Add guilds until every shard of ``count`` owns one (snowflakes of the same millisecond
    share a shard); returns the bot's guilds by shard."""
    world = standin.world
    while len({shard_of(g.id, count) for g in world.bot_guilds()}) < count:
        world.clock.advance(0.001)  # the next snowflake gets the next millisecond
        world.add_guild(f"Extra {len(world.guilds)}")
    by_shard: dict[int, list] = {i: [] for i in range(count)}
    for g in world.bot_guilds():
        by_shard[shard_of(g.id, count)].append(g)
    return by_shard


def dispatched(session, event: str) -> list[dict]:
    return [p["d"] for p in session.buffer if p["t"] == event]


async def test_events_reach_only_the_owning_shard_and_dms_only_shard_0(standin, scene, raws):
    by_shard = guilds_on_both_shards(standin)
    app = standin.world.application_id
    status, _ = await raws().call("PUT", f"/applications/{app}/commands", json=[ADMIN])
    assert status == 200
    s0 = await raws().identify([0, 2])
    s1 = await raws().identify([1, 2])
    for session, sid in ((s0, 0), (s1, 1)):
        [ready] = dispatched(session, "READY")
        owned = {str(g.id) for g in by_shard[sid]}
        assert {g["id"] for g in ready["guilds"]} == owned and ready["shard"] == [sid, 2]
        assert all(g["unavailable"] for g in ready["guilds"])
        assert {g["id"] for g in dispatched(session, "GUILD_CREATE")} == owned

    g1 = by_shard[1][0]
    member = standin.world.add_member(g1, standin.world.add_user("sharded_member"))
    post = await standin.post(member, g1.channels["general"], "on shard one")
    dm = await standin.send_dm(member, "a dm")
    inter = await standin.slash(member, g1.channels["general"], "ping")
    dm_inter = await standin.slash(member, standin.world.dm_channel(member.user), "ping")

    def messages(session) -> list[str]:
        return [m["id"] for m in dispatched(session, "MESSAGE_CREATE")]

    assert messages(s1) == [str(post.id)] and messages(s0) == [str(dm.id)]
    assert [i["id"] for i in dispatched(s1, "INTERACTION_CREATE")] == [str(inter.record.id)]
    assert [i["id"] for i in dispatched(s0, "INTERACTION_CREATE")] == [str(dm_inter.record.id)]
    assert inter.record.delivered == 1 and dm_inter.record.delivered == 1
    assert [e["user"]["username"] for e in dispatched(s1, "GUILD_MEMBER_ADD")] == []  # no GUILD_MEMBERS intent


async def test_invalid_shard_closes_4010_and_too_many_guilds_closes_4011(standin_factory, raws):
    standin = await standin_factory(sharding=Sharding(max_guilds_per_shard=1))  # scene: 2 guilds
    bad = raws(standin)
    await bad.send_identify([2, 2])
    assert await bad.next_frame() == {"close": 4010}
    unsharded = raws(standin)
    await unsharded.send_identify(None)
    assert await unsharded.next_frame() == {"close": 4011}
    by_shard = guilds_on_both_shards(standin)
    # A shard with few enough guilds is accepted. Which shard that is depends on the snowflakes'
    # milliseconds (guilds made in the same one share a shard of every count), so pick it from
    # where the guilds fell: guilds_on_both_shards stops at the first guild on the second shard,
    # so one of the two holds exactly one.
    shard = min(by_shard, key=lambda s: len(by_shard[s]))
    assert len(by_shard[shard]) == 1
    session = await raws(standin).identify([shard, 2])
    assert session.shard == (shard, 2)


async def test_gateway_bot_recommends_shards_and_counts_session_starts(standin_factory, raws):
    standin = await standin_factory(sharding=Sharding(guilds_per_shard=1, max_concurrency=2, total=50))
    raw = raws(standin)
    status, body = await raw.call("GET", "/gateway/bot")
    assert status == 200 and body["shards"] == len(standin.world.bot_guilds()) == 2
    assert body["session_start_limit"]["max_concurrency"] == 2
    assert body["session_start_limit"]["total"] == body["session_start_limit"]["remaining"] == 50
    await raw.identify([0, 2])
    _, body = await raw.call("GET", "/gateway/bot")
    assert body["session_start_limit"]["remaining"] == 49
    assert 0 < body["session_start_limit"]["reset_after"] <= 24 * 3600 * 1000
    standin.gateway.sharding.recommended_shards = 8
    _, body = await raw.call("GET", "/gateway/bot")
    assert body["shards"] == 8


async def test_identify_concurrency_is_per_rate_limit_key_across_connections(standin_factory, raws):
    standin = await standin_factory(sharding=Sharding(max_concurrency=2, enforce_identify_limit=True))
    await raws(standin).identify([0, 4])  # key 0
    await raws(standin).identify([1, 4])  # key 1: a different bucket, allowed at once
    assert standin.gateway.identify_violations == 0
    third = raws(standin)
    await third.send_identify([2, 4])  # key 0 again within 5 s: Invalid Session, not READY
    assert (await third.next_frame())["op"] == 9
    assert standin.gateway.identify_violations == 1
    assert not any(s.shard == (2, 4) for s in standin.gateway.sessions.values())
    standin.advance_clock(5.0)
    session = await raws(standin).identify([2, 4])
    assert session.shard == (2, 4) and standin.gateway.identify_violations == 1


async def test_identify_over_the_limit_is_counted_even_when_not_enforced(standin, raws):
    await raws().identify(None)
    await raws().identify(None)  # max_concurrency 1: the same bucket within 5 s
    assert standin.gateway.identify_violations == 1 and len(standin.gateway.live_sessions) == 2


async def test_spent_session_start_limit_terminates_sessions_and_resets_the_token(standin_factory, raws):
    standin = await standin_factory(sharding=Sharding(total=1))
    old_token = standin.token
    first = raws(standin)
    await first.identify(None)
    standin.advance_clock(5.0)
    second = raws(standin)
    await second.send_identify(None)
    closes = await asyncio.gather(second.next_frame(), first.next_frame())
    assert closes == [{"close": 4004}] * 2
    assert standin.token != old_token and standin.gateway.live_sessions == []
    status, _ = await first.call("GET", "/users/@me")
    assert status == 401


async def test_global_rest_limit_is_shared_by_clients_with_the_same_token(standin, raws):
    # Only the count matters here: a long window keeps a loaded machine from splitting the burst.
    standin.rest.global_limit = (50, 60.0)
    a, b = raws(), raws()
    me = standin.world.bot.id
    statuses = []
    for i in range(50):
        status, _ = await (a if i % 2 else b).call("GET", f"/users/{me}")
        statuses.append(status)
    assert statuses == [200] * 50
    status, body = await a.call("GET", "/gateway/bot")  # another route, another client
    assert status == 429 and body["global"] is True
    status, body = await b.call("GET", f"/users/{me}")
    assert status == 429 and body["global"] is True
    assert standin.stats["429_global"] == 2


async def test_auto_sharded_tinybot_gets_each_guild_on_its_shard(standin, scene, tinybot):
    by_shard = guilds_on_both_shards(standin)
    bot = await tinybot(env={"TINYBOT_SHARD_COUNT": "2", "TINYBOT_SYNC": "0", "TINYBOT_MESSAGE_CONTENT": "1"})
    await bot.wait_for_log(r"tinybot shard 1 ready", timeout=30)
    sessions = {s.shard: s for s in standin.gateway.live_sessions}
    assert set(sessions) == {(0, 2), (1, 2)} and standin.gateway.identify_violations == 0
    g1 = by_shard[1][0]
    member = standin.world.add_member(g1, standin.world.add_user("sharded_member"))
    post = await standin.post(member, g1.channels["general"], "hello shard one")
    await standin.wait_for_message(lambda m: m.content == "seen: 'hello shard one'", after=post, timeout=10)
    await standin.send_dm(member, "hi")
    await standin.wait_for_dm(member, lambda m: m.content == "echo: hi", timeout=10)
    assert [m["content"] for m in dispatched(sessions[(1, 2)], "MESSAGE_CREATE")][:1] == ["hello shard one"]
    assert "hi" in [m["content"] for m in dispatched(sessions[(0, 2)], "MESSAGE_CREATE")]
    assert "hi" not in [m["content"] for m in dispatched(sessions[(1, 2)], "MESSAGE_CREATE")]


@pytest.mark.parametrize("max_concurrency", [2, 1])
async def test_shard_processes_started_together_and_max_concurrency(
    standin_factory, tinybot_dir, tmp_path, max_concurrency
):
    """One process per shard, started at once (each IDENTIFY is its process's first, so discord.py
    does not wait): fine with max_concurrency 2; with 1 Discord refuses one (op 9) and discord.py
    identifies again 5 s later. A 60 s window keeps a slow start from spacing the two IDENTIFYs
    out by chance; the clock then jumps past it so the retry gets through."""
    sharding = Sharding(max_concurrency=max_concurrency, enforce_identify_limit=True, identify_window=60.0)
    standin = await standin_factory(sharding=sharding)
    procs = [
        BotProcess(
            standin,
            data_dir=tmp_path / f"shard{i}",
            log_path=tmp_path / f"shard{i}.log",
            cwd=tinybot_dir,
            pythonpath=[tinybot_dir],
            env={"TINYBOT_SHARD_COUNT": "2", "TINYBOT_SHARD_IDS": str(i), "TINYBOT_SYNC": "0"},
        )
        for i in range(2)
    ]
    try:
        await asyncio.gather(*(p.start(wait_ready=False) for p in procs))
        if max_concurrency == 1:
            await standin.wait_until(lambda: standin.gateway.identify_violations, 30, "the refused IDENTIFY")
            standin.advance_clock(60.0)
        await standin.wait_until(
            lambda: {s.shard for s in standin.gateway.live_sessions} == {(0, 2), (1, 2)}, 40, "both shards READY"
        )
        if max_concurrency == 2:
            assert standin.gateway.identify_violations == 0
        else:  # a retry that raced the clock jump is refused again; at least one was
            assert standin.gateway.identify_violations >= 1
    finally:
        for p in procs:
            await p.stop(timeout=5.0)
