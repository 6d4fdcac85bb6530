"""Several processes on one database (real SQLite): leases, heartbeats, IDENTIFY slots, and the
request budget shared by the live processes."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from bot.cogs.budget import DEFAULT_RATE, RequestBudget
from bot.core.classifier import Label
from bot.core.cluster import Cluster
from bot.core.deliveries import DeliveredVia, DeliveryService, RequestedVia
from bot.core.dm_channels import DmChannels
from bot.core.inbox_flow import InboxFlow
from bot.core.member_data import MemberDataService
from bot.core.reply_all import ReplyAllService
from bot.core.resources import Actor, ResourceService
from bot.core.stats import PrivacyService
from bot.core.thanks import ThanksService
from bot.db import cluster as sql
from bot.db import deliveries as deliveries_sql
from bot.db.database import Database
from bot.db.postgres import PostgresDatabase
from tests.conftest import Clock

GUILD = 111111111111111111
MAYA = Actor(user_id=1001)
ALICE, BOB = 2001, 2002


async def beat(db: Database, process_id: str, clock: Clock) -> int:
    return await db.transaction(sql.heartbeat, process_id, int(clock.now))


async def test_a_live_process_keeps_its_deliveries_and_a_survivor_takes_a_stopped_ones(
    db: Database, resources: ResourceService, clock: Clock
) -> None:
    one = DeliveryService(db, clock=clock, process_id="one")
    two = DeliveryService(db, clock=clock, process_id="two")
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    await beat(db, "one", clock)
    assert await beat(db, "two", clock) == 2
    asked = await one.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)
    assert await two.claim_left_over() == [], "leased to a live process in the request's own transaction"
    # "one" stops heartbeating (SIGKILL); "two" goes on.
    clock.now += sql.DEAD_AFTER_SECONDS + 1
    assert await beat(db, "two", clock) == 1
    [taken] = await two.claim_left_over()
    assert (taken.id, taken.attempts) == (asked.id, 2)
    assert await two.claim_left_over() == [], "claimed once"
    restarted = DeliveryService(db, clock=clock, process_id="one-again")
    assert await restarted.claim_left_over() == [], "the restarted process does not repeat it"
    await two.mark_delivered(taken.id, DeliveredVia.DM, channel_id=5, message_id=6)
    # The stopped process comes back to life and records late: the survivor's record stands.
    await one.mark_delivered(asked.id, DeliveredVia.DM, channel_id=7, message_id=8)
    assert (await two.get(asked.id)).message_id == 6


async def test_two_processes_claiming_at_once_never_share_a_prompt(db: Database, resources, clock: Clock) -> None:
    deliveries = DeliveryService(db, clock=clock)
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    for member, source in ((ALICE, 1), (BOB, 2)):
        pending = await deliveries.request(resource, member, RequestedVia.BUTTON, source_id=source)
        await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=5, message_id=source + 10)
    one, two = ThanksService(db, clock=clock, process_id="one"), ThanksService(db, clock=clock, process_id="two")
    for member, source in ((ALICE, 100), (BOB, 101)):
        await one.record(member_id=member, source_id=source, text="thanks!", label=Label.THANKS, via="dm", locale="en")
    await beat(db, "one", clock)
    await beat(db, "two", clock)
    first, second = await asyncio.gather(one.due_prompts(1), two.due_prompts(1))
    assert len(first) == len(second) == 1 and first[0][0] != second[0][0]
    assert await two.due_prompts() == second, "its own lease: the same prompt again, nobody else's"
    await one.prompt_sent(first[0][0], channel_id=1, message_id=2)
    await two.prompt_sent(first[0][0], channel_id=3, message_id=4)  # not its lease: nothing recorded
    assert await db.fetchval("SELECT message_id FROM prompts WHERE id = ?", (first[0][0],)) == 2
    clock.now += sql.DEAD_AFTER_SECONDS + 1
    await beat(db, "one", clock)  # "two" stopped with its prompt unsent: "one" takes it
    assert [p[0] for p in await one.due_prompts()] == [second[0][0]]


async def test_identify_slots_are_spaced_per_rate_key(db: Database) -> None:
    assert await sql.take_identify_slot(db, 0, now_ms=100_000, spacing_ms=5_000)
    assert not await sql.take_identify_slot(db, 0, now_ms=104_999, spacing_ms=5_000)
    assert await sql.take_identify_slot(db, 1, now_ms=104_999, spacing_ms=5_000), "another key is free"
    assert await sql.take_identify_slot(db, 0, now_ms=105_000, spacing_ms=5_000)


async def test_the_request_budget_is_shared_by_the_live_processes(db: Database) -> None:
    budgets = [RequestBudget(), RequestBudget()]
    first = Cluster(db, process_id="a", on_live_count=budgets[0].share)
    second = Cluster(db, process_id="b", on_live_count=budgets[1].share)
    await first.join()
    assert budgets[0].rate == DEFAULT_RATE, "one process: today's rate"
    await second.join()
    await first.beat()
    assert [b.rate for b in budgets] == [DEFAULT_RATE / 2] * 2
    await second.leave()
    await first.beat()
    assert budgets[0].rate == DEFAULT_RATE
    await first.leave()


async def test_a_joining_process_sends_nothing_until_the_others_count_it(db: Database, clock: Clock) -> None:
    """A process restarted mid-burst joins one that runs alone at the whole budget: until that one
    heartbeats again, this one's share on top would pass Discord's global limit."""
    budgets = [RequestBudget(), RequestBudget()]
    first = Cluster(db, process_id="a", on_live_count=budgets[0].share, clock=clock)
    second = Cluster(db, process_id="b", on_live_count=budgets[1].share, clock=clock)
    await first.beat()  # alone (beats by hand here: no heartbeat task)
    assert budgets[0].rate == DEFAULT_RATE
    clock.now += 1
    await second.join()
    introduced = asyncio.create_task(second.introduced(poll=0.01))
    await asyncio.sleep(0.2)  # many polls; nothing changes until the first process beats
    assert not introduced.done(), "the first process still sends at the whole budget"
    clock.now += 1
    await first.beat()
    await asyncio.wait_for(introduced, 5)
    assert budgets[0].rate == DEFAULT_RATE / 2
    await second.leave()


async def test_a_silent_process_holds_a_joining_one_only_until_it_counts_as_gone(db: Database, clock: Clock) -> None:
    first = Cluster(db, process_id="a", on_live_count=RequestBudget().share, clock=clock)
    second = Cluster(db, process_id="b", on_live_count=RequestBudget().share, clock=clock)
    await first.beat()
    clock.now += 1
    await second.join()
    introduced = asyncio.create_task(second.introduced(poll=0.01))
    await asyncio.sleep(0.2)
    assert not introduced.done()
    clock.now += sql.DEAD_AFTER_SECONDS + 1  # the first process never beat again: it stopped
    await asyncio.wait_for(introduced, 5)
    await second.leave()
    # A row silent for less than that (this process's own killed run) holds a restart only briefly.
    restarted = Cluster(db, process_id="c", on_live_count=RequestBudget().share, clock=clock)
    await first.beat()
    await restarted.join()
    assert await sql.not_yet_seen_by(db, "c", int(clock.now), int(clock.now)) == 1
    await asyncio.wait_for(restarted.introduced(poll=0.01, at_most=0.1), 5)
    await restarted.leave()


async def test_on_postgresql_a_claim_skips_the_rows_an_open_claim_holds_without_waiting(
    db: Database | PostgresDatabase, resources: ResourceService, clock: Clock
) -> None:
    """Two processes claim at once: the first claim's transaction is still open (its rows locked)
    when the second runs. The second gets other rows at once (FOR UPDATE SKIP LOCKED) instead of
    waiting on the first's row locks and then failing to serialise with it."""
    if not isinstance(db, PostgresDatabase):
        pytest.skip("SQLite has one writer at a time: a claim cannot overlap another")
    gone = DeliveryService(db, clock=clock, process_id="gone")  # never heartbeats: its rows are claimable
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    for member, source in ((ALICE, 1), (BOB, 2), (ALICE + 1, 3)):
        await gone.request(resource, member, RequestedVia.BUTTON, source_id=source)
    await beat(db, "one", clock)
    await beat(db, "two", clock)
    alive_since = int(clock.now) - sql.DEAD_AFTER_SECONDS
    held, release = threading.Event(), threading.Event()

    def claim_and_hold(conn: Any) -> list[int]:
        rows = deliveries_sql.claim_pending(conn, me="one", alive_since=alive_since, limit=1, mine_too=True)
        held.set()
        release.wait(60)
        return [row["id"] for row in rows]

    other = PostgresDatabase(db.url)  # another process: its own connections
    await other.connect()
    try:
        first = asyncio.create_task(other.transaction(claim_and_hold))
        assert await asyncio.to_thread(held.wait, 30), "the first claim ran"
        second = asyncio.create_task(
            db.transaction(deliveries_sql.claim_pending, me="two", alive_since=alive_since, limit=1, mine_too=True)
        )
        done, _ = await asyncio.wait({second}, timeout=15)
        release.set()
        first_ids = await first
        second_ids = [row["id"] for row in await second]
        assert done, "the second claim waited for the first one's transaction"
        assert len(first_ids) == len(second_ids) == 1 and first_ids != second_ids
    finally:
        release.set()
        await other.close()
    leases = await db.fetchall("SELECT id, lease_owner FROM deliveries ORDER BY id")
    assert {row[1] for row in leases if row[0] in first_ids + second_ids} == {"one", "two"}


async def test_a_known_dm_channel_comes_with_the_delivery_and_a_stale_one_is_forgotten(
    db: Database, resources: ResourceService, clock: Clock
) -> None:
    channels = DmChannels(db, clock=clock)
    deliveries = DeliveryService(db, clock=clock)
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    first = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)
    assert first.dm_channel_id is None, "not known yet: the DM is opened"
    await channels.remember(ALICE, 555)
    await channels.remember(ALICE, 556)  # seen anew: the newest wins
    second = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=2)
    assert second.dm_channel_id == 556 == await channels.stored(ALICE)
    assert (await MemberDataService(db).export(ALICE))["settings"]["your_dm_channel_with_handout"] == "556"
    await channels.forget(556)
    assert await channels.stored(ALICE) is None
    # Learnt by a delivery: stored with the same write that records it delivered.
    await deliveries.mark_delivered(second.id, DeliveredVia.DM, channel_id=777, message_id=1, dm_channel_id=777)
    assert await channels.stored(ALICE) == 777
    # Not for a member who deleted their data while the delivery was in flight.
    bobs = await deliveries.request(resource, BOB, RequestedVia.BUTTON, source_id=3)
    await PrivacyService(db).delete(BOB)
    await deliveries.mark_delivered(bobs.id, DeliveredVia.DM, channel_id=888, message_id=2, dm_channel_id=888)
    assert await channels.stored(BOB) is None


async def test_two_processes_never_share_a_reply_to_all_send_or_a_summary(
    db: Database, resources: ResourceService, clock: Clock
) -> None:
    first = (ReplyAllService(db, clock=clock, process_id="one"), InboxFlow(db, clock=clock, process_id="one"))
    second = (ReplyAllService(db, clock=clock, process_id="two"), InboxFlow(db, clock=clock, process_id="two"))
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    await db.execute(
        "INSERT INTO reply_alls (id, source_id, owner_id, guild_id, resource_id, author_id, author_name, content,"
        " since, created_at) VALUES (1, 9, ?, ?, ?, ?, 'Maya', 'Thanks all', 0, 0)",
        (MAYA.user_id, GUILD, resource.id, MAYA.user_id),
    )
    for member in (ALICE, BOB):
        await db.execute(
            "INSERT INTO reply_all_sends (reply_all_id, member_id, next_attempt_at) VALUES (1, ?, 0)", (member,)
        )
    for channel in (5, 6):
        await db.execute(
            "INSERT INTO inbox_summaries (channel_id, owner_id, guild_id, next_edit_at, created_at, updated_at)"
            " VALUES (?, ?, ?, 0, 0, 0)",
            (channel, MAYA.user_id, GUILD),
        )
    await beat(db, "one", clock)
    await beat(db, "two", clock)
    mine, theirs = await asyncio.gather(first[0].due_sends(1), second[0].due_sends(1))
    assert len(mine) == len(theirs) == 1 and mine[0].id != theirs[0].id
    assert await first[0].due_sends() == mine, "its own lease again, nobody else's"
    await second[0].sent(mine[0], 42)  # not its lease: nothing recorded
    await first[0].sent(mine[0], 43)
    assert await db.fetchval("SELECT message_id FROM reply_all_sends WHERE id = ?", (mine[0].id,)) == 43
    assert await first[0].seconds_until_next_send() == sql.HEARTBEAT_SECONDS, "the other's: looked at later"
    one, two = await asyncio.gather(first[1].due_summaries(1), second[1].due_summaries(1))
    assert len(one) == len(two) == 1 and one[0]["id"] != two[0]["id"]
    await first[1].summary_shown(two[0]["id"], 7, two[0]["version"])  # not its lease
    await second[1].summary_shown(two[0]["id"], 8, two[0]["version"])
    assert await db.fetchval("SELECT message_id FROM inbox_summaries WHERE id = ?", (two[0]["id"],)) == 8
    clock.now += sql.DEAD_AFTER_SECONDS + 1
    await beat(db, "one", clock)  # "two" stopped with its send unsent: "one" takes it
    assert [send.id for send in await first[0].due_sends()] == [theirs[0].id]


async def test_a_deletion_by_another_process_shows_on_the_delivery_row(
    db: Database, resources: ResourceService, clock: Clock
) -> None:
    here, there = DeliveryService(db, clock=clock), PrivacyService(db)
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    hers = await here.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)
    his = await here.request(resource, BOB, RequestedVia.BUTTON, source_id=2)
    await there.delete(ALICE)  # "Delete my data", handled by the other process
    assert await here.member_erased(hers.id)
    assert not await here.member_erased(his.id)
