"""Two bot processes on shards 0 and 1 of 2, sharing one database (one SQLite file here): Discord
routes a guild's events to its shard and every DM to shard 0 (standin/shards.py); the processes
share the token's global rate limit and finish each other's work when one of them dies."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from tests.e2e.standin import shard_of
from tests.e2e.stories import PDF, add_deliveries, add_resource, attachment_bytes, rows, share, value

pytestmark = pytest.mark.timeout(180)

DM_MESSAGES = r"^/channels/\d+/messages$"


def shard_env(shard: int) -> dict[str, str]:
    return {"HANDOUT_SHARD_COUNT": "2", "HANDOUT_SHARD_IDS": str(shard)}


def guild_on_shard(standin, shard: int, name: str) -> SimpleNamespace:
    """A guild (owned by its creator) whose events Discord sends to ``shard`` of 2."""
    world = standin.world
    while True:
        world.clock.advance(0.001)  # the next snowflake gets the next millisecond
        owner = world.add_user(f"{name.lower()}_creator{len(world.guilds)}", locale="en-US")
        guild = world.add_guild(name, owner=owner)
        if shard_of(guild.id, 2) == shard:
            return SimpleNamespace(guild=guild, creator=guild.members[owner.id], general=guild.channels["general"])


def members_of(standin, place: SimpleNamespace, count: int, prefix: str) -> list:
    world = standin.world
    return [world.add_member(place.guild, world.add_user(f"{prefix}{i}", locale="en-US")) for i in range(count)]


async def start_cluster(standin, bot_process, tmp_path) -> tuple:
    """Both processes started together on one data dir, as a cluster's would be."""
    data = tmp_path / "cluster-data"
    return await asyncio.gather(
        bot_process(data_dir=data, env=shard_env(0), log_path=tmp_path / "shard0.log"),
        bot_process(data_dir=data, env=shard_env(1), log_path=tmp_path / "shard1.log"),
    )


async def far_cluster(
    standin, bot_process, tmp_path, members: int, prefix: str = "fan", *, delivered: bool = True
) -> SimpleNamespace:
    """The start several cluster stories share: a guild on shard 1 ("Far") with ``members`` members,
    both processes started and connected, the creator's checklist added and (``delivered``) handed
    to every member, as the bot records it after a click. ``processes``: shard 0's, shard 1's."""
    place = guild_on_shard(standin, 1, "Far")
    crowd = members_of(standin, place, members, prefix)
    processes = await start_cluster(standin, bot_process, tmp_path)
    await standin.wait_until(lambda: len(standin.gateway.live_sessions) == 2, 20)
    await add_resource(standin, place)
    resource_id = value(processes[0], "SELECT id FROM resources")
    if delivered:
        add_deliveries(processes[0], resource_id, place.guild.id, crowd)
    return SimpleNamespace(place=place, members=crowd, processes=processes, resource_id=resource_id)


async def shared_on_both_shards(standin, bot_process, tmp_path) -> SimpleNamespace:
    """The start of the burst stories: a guild on each shard ("Near" on 0, "Far" on 1), both
    processes started and connected, the creator's checklist added and shared in each guild.
    ``posts``: the share posts, near's then far's; ``processes``: shard 0's, shard 1's."""
    near, far = guild_on_shard(standin, 0, "Near"), guild_on_shard(standin, 1, "Far")
    processes = await start_cluster(standin, bot_process, tmp_path)
    await standin.wait_until(lambda: len(standin.gateway.live_sessions) == 2, 20)
    posts = []
    for place in (near, far):
        await add_resource(standin, place)
        posts.append(await share(standin, place))
    return SimpleNamespace(near=near, far=far, posts=posts, processes=processes)


def delivered_to(standin, who) -> list:
    return [m for m in standin.dms_to(who) if m.attachments]


async def test_a_dm_at_shard_0_gets_a_resource_of_a_guild_on_shard_1(standin, bot_process, tmp_path) -> None:
    standin.gateway.sharding.enforce_identify_limit = True
    place = guild_on_shard(standin, 1, "Far")
    [member] = members_of(standin, place, 1, "asker")
    shard0, _ = await start_cluster(standin, bot_process, tmp_path)
    await standin.wait_until(lambda: len(standin.gateway.live_sessions) == 2, 20)
    # Each process identified for its own shard, one IDENTIFY per 5 s as Discord allows.
    assert sorted(s.shard for s in standin.gateway.live_sessions) == [(0, 2), (1, 2)]
    assert standin.gateway.sharding.identify_violations == 0
    await add_resource(standin, place, name="far-checklist", title="The far checklist")
    dm = await standin.send_dm(member, "hi! could I get the far checklist?")
    got = await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=20)
    assert attachment_bytes(got) == [PDF]
    assert value(shard0, "SELECT requested_via FROM deliveries WHERE source_id = ?", dm.id) == "dm"
    # Only the process holding shard 0 syncs the commands.
    assert standin.sync_count == 1
    assert not standin.unknown_routes


async def test_a_burst_across_both_shards_delivers_each_once_with_no_429(standin, bot_process, tmp_path) -> None:
    start = await shared_on_both_shards(standin, bot_process, tmp_path)
    shard0, posts = start.processes[0], start.posts
    crowd = [(m, posts[0]) for m in members_of(standin, start.near, 40, "near")]
    crowd += [(m, posts[1]) for m in members_of(standin, start.far, 40, "far")]
    clicks = await asyncio.gather(*(standin.click(m, post, "Get it") for m, post in crowd))
    for click in clicks:
        assert (await click.wait_callback(timeout=20)).type == 5
    for member, _ in crowd:
        await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=60)
    await standin.wait_until(
        lambda: value(shard0, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 80, 20
    )
    assert [len(delivered_to(standin, m)) for m, _ in crowd] == [1] * 80
    # Together the two processes stayed under the token's 50 requests a second.
    assert standin.stats["429_global"] == 0


async def test_sigkill_one_process_mid_burst_and_the_survivor_delivers_once(standin, bot_process, tmp_path) -> None:
    far = guild_on_shard(standin, 1, "Far")
    shard0, shard1 = await start_cluster(standin, bot_process, tmp_path)
    await standin.wait_until(lambda: len(standin.gateway.live_sessions) == 2, 20)
    await add_resource(standin, far)
    post = await share(standin, far)
    members = members_of(standin, far, 8, "far")
    # Discord fails sending messages: shard 1's process acknowledges the clicks, then keeps retrying.
    outage = standin.faults.add(method="POST", path=DM_MESSAGES, status=500, times=None)
    clicks = [await standin.click(m, post, "Get it") for m in members]
    for click in clicks:
        assert (await click.wait_callback(timeout=10)).type == 5  # acknowledged by shard 1's process
    await standin.wait_until(lambda: value(shard0, "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'") == 8, 10)
    await shard1.kill()  # SIGKILL, mid-burst: nothing of shard 1's process runs any more
    standin.faults.rules.remove(outage)
    for member in members:
        await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=120)
    await standin.wait_until(
        lambda: value(shard0, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 8, 20
    )
    assert "Recovering 8 pending deliveries" in shard0.log_text()
    # The restarted process finds nothing left to do: no member gets a second copy.
    await shard1.start()
    await shard1.wait_for_log(r"Handout process\(es\) share this database", timeout=20)
    await asyncio.sleep(1.0)
    assert [len(delivered_to(standin, m)) for m in members] == [1] * 8
    for click in clicks:  # the "thinking…" answers were completed from the stored tokens
        assert click.followups or (click.original and not click.original.loading)
    # All eight by one process, the survivor (the lease names who delivered).
    assert rows(shard0, "SELECT COUNT(DISTINCT lease_owner) FROM deliveries WHERE status = 'delivered'") == [(1,)]
    assert str(shard0.proc.pid) in value(shard0, "SELECT lease_owner FROM deliveries")


async def test_thanks_give_one_prompt_each_with_both_workers_running(standin, bot_process, tmp_path) -> None:
    # Thanks arrive at both processes at once: DMs at shard 0's, the "Say thanks" modal under a
    # private delivery in a guild of shard 1 at shard 1's. Both workers look at the shared outbox.
    near, far = guild_on_shard(standin, 0, "Near"), guild_on_shard(standin, 1, "Far")
    shard0, _ = await start_cluster(standin, bot_process, tmp_path)
    await standin.wait_until(lambda: len(standin.gateway.live_sessions) == 2, 20)
    await add_resource(standin, near)
    await add_resource(standin, far)
    handout = await standin.slash(far.creator, far.general, "handout delivery", mode="here")
    await handout.response(timeout=10)
    near_post, far_post = await share(standin, near), await share(standin, far)
    in_dms, in_far = members_of(standin, near, 4, "near_fan"), members_of(standin, far, 4, "far_fan")
    for member in in_dms:
        await (await standin.click(member, near_post, "Get it")).response(timeout=20)
        await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=20)
    deliveries = []
    for member in in_far:
        deliveries.append(await (await standin.click(member, far_post, "Get it")).response(timeout=20))
    says = [await standin.click(m, d, "Say thanks / ask something") for m, d in zip(in_far, deliveries, strict=True)]
    sent = await asyncio.gather(
        *(standin.send_dm(member, "thank you so much!") for member in in_dms),
        *(
            standin.submit_modal(m, say, {"text": "thank you, this is gold"})
            for m, say in zip(in_far, says, strict=True)
        ),
    )
    for submitted in sent[4:]:
        assert (await submitted.response(timeout=20)).ephemeral
    await standin.wait_until(lambda: value(shard0, "SELECT COUNT(*) FROM prompts WHERE status = 'sent'") == 8, 60)
    await asyncio.sleep(2.5)  # a heartbeat: time enough for a second copy, had one been sent
    for place in (near, far):
        prompts = [m for m in standin.dms_to(place.creator) if m.has_button("Reply personally")]
        assert sum(len(m.embeds) for m in prompts) == 4, [m.text for m in prompts]
