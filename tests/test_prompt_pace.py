"""The per-destination pace of prompt messages across processes, against the real database (SQLite,
and PostgreSQL when HANDOUT_TEST_DATABASE_URL is set): check and reserve are one transaction."""

from __future__ import annotations

import asyncio

from bot.core.inbox_flow import DESTINATION_MESSAGES_PER_MINUTE, RESERVATION_SECONDS, InboxFlow
from bot.core.thanks import ThanksService
from bot.db.database import Database
from bot.db.postgres import PostgresDatabase
from tests.test_inbox_flow import CHANNEL, db_prompt, deliveries, thanks  # noqa: F401
from tests.test_thanks import deliver


def processes(db, clock, n: int) -> list[InboxFlow]:
    return [InboxFlow(db, clock=clock, process_id=f"process-{i}") for i in range(n)]


async def a_prompt_message_sent(resources, delivery_service, thanks_service: ThanksService) -> None:
    """A member's prompt went out to CHANNEL and is recorded: it counts towards the minute's pace."""
    await deliver(resources, delivery_service, 3000, 30)
    await thanks_service.prompt_sent(await db_prompt(thanks_service, 3000, 500), CHANNEL, 9000)


async def test_workers_of_several_processes_reserving_at_once_get_three_places_in_all(
    db, clock, tmp_path, database_url
) -> None:
    # Each process has its own connections (its own pool on PostgreSQL), as in a cluster.
    connections = [PostgresDatabase(database_url) if database_url else Database(tmp_path / "handout.db") for _ in "ab"]
    for other in connections:
        await other.connect()
    try:
        flows = [InboxFlow(d, clock=clock, process_id=f"process-{i}") for i, d in enumerate([db, *connections])]
        taken = await asyncio.gather(*(flow.reserve_messages(CHANNEL, 10) for flow in flows for _ in range(4)))
    finally:
        for other in connections:
            await other.close()
    assert sum(len(ids) for ids in taken) == DESTINATION_MESSAGES_PER_MINUTE
    assert await flows[0].reserve_messages(CHANNEL + 1, 10) != []  # another destination has its own pace


async def test_a_released_place_is_free_again_and_a_sent_message_holds_it(
    db,
    clock,
    resources,
    deliveries,  # noqa: F811
    thanks: ThanksService,  # noqa: F811
) -> None:
    first, second = processes(db, clock, 2)
    held = await first.reserve_messages(CHANNEL, 2)
    assert len(held) == 2 and len(await second.reserve_messages(CHANNEL, 5)) == 1
    await a_prompt_message_sent(resources, deliveries, thanks)  # one of the first's; the other was not sent
    await first.release_messages(held)
    assert len(await second.reserve_messages(CHANNEL, 5)) == 1  # the unsent one's place only
    assert await first.reserve_messages(CHANNEL, 5) == []


async def test_a_crashed_processs_reservations_stop_holding_the_places_after_the_lease(db, clock) -> None:
    crashed, survivor = processes(db, clock, 2)
    assert len(await crashed.reserve_messages(CHANNEL, 5)) == DESTINATION_MESSAGES_PER_MINUTE
    clock.now += 60  # a minute on, the places are still held: the crashed process may be sending
    assert await survivor.reserve_messages(CHANNEL, 5) == []
    clock.now += RESERVATION_SECONDS - 60
    assert len(await survivor.reserve_messages(CHANNEL, 5)) == DESTINATION_MESSAGES_PER_MINUTE


async def test_places_taken_past_those_reserved_at_first_keep_to_the_pace(
    db,
    clock,
    resources,
    deliveries,  # noqa: F811
    thanks: ThanksService,  # noqa: F811
) -> None:
    """A batch Discord refused goes out again in parts: each part a message, taking a place."""
    flow, other = processes(db, clock, 2)
    places = await flow.places(CHANNEL, 1)
    first = await places.take()
    assert first is not None
    await a_prompt_message_sent(resources, deliveries, thanks)
    places.used(first)  # its message is sent and recorded: counted once, not with its reservation too
    second = await places.take()
    assert second is not None
    places.give_back(second)  # refused by Discord: no message, the place is free again
    assert await places.take() == second
    assert await places.take() is not None  # one sent, two held: the minute's three
    assert await places.take() is None
    assert await other.reserve_messages(CHANNEL, 1) == []
    await places.release()
    assert len(await other.reserve_messages(CHANNEL, 5)) == DESTINATION_MESSAGES_PER_MINUTE - 1


async def test_places_moved_to_another_destination_keep_to_that_ones_pace(db, clock) -> None:
    """The inbox refused a prompt for good: it goes to the DMs, taking a place there."""
    flow, other = processes(db, clock, 2)
    dms = CHANNEL + 1
    assert len(await other.reserve_messages(dms, 2)) == 2  # the DMs have one place left this minute
    places = await flow.places(CHANNEL, 2)
    assert await places.take() is not None
    moved = await places.move_to(dms)
    assert moved is not None and places.channel_id == dms
    assert len(await other.reserve_messages(CHANNEL, 5)) == DESTINATION_MESSAGES_PER_MINUTE  # all let go
    assert await places.take() is None, "the DMs are at their pace"
    assert await places.move_to(dms + 1) is not None
    await places.release()
    assert len(await other.reserve_messages(dms, 5)) == 1
