"""Recording clicks from two processes at once (bot/db/deliveries.record_request): the member's
cooldown holds across processes, and on PostgreSQL the click transactions of different members
never make each other fail and rerun (``locks_for_itself``: READ COMMITTED under a per-member
lock instead of SERIALIZABLE). "Two processes" are two Database objects with their own
connections on one database, on both backends."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import pytest

from bot.core.deliveries import COOLDOWN_REQUESTS, DeliveryService, RequestedVia
from bot.core.errors import RateLimited
from bot.core.resources import Actor, FileUpload, ResourceService
from bot.db import deliveries as sql
from bot.db.database import Database, locks_for_itself
from bot.db.postgres import PostgresDatabase
from tests.conftest import Clock

GUILD = 111111111111111111
MAYA = Actor(user_id=1001)
ALICE = 2001


async def other_process(db: Database | PostgresDatabase) -> Database | PostgresDatabase:
    other = PostgresDatabase(db.url) if isinstance(db, PostgresDatabase) else Database(db.path)
    await other.connect()
    return other


def arguments(resource: Any, member: int, source: int, now: int) -> dict[str, Any]:
    return {
        "resource_id": resource.id,
        "guild_id": resource.guild_id,
        "member_id": member,
        "requested_via": RequestedVia.BUTTON.value,
        "source_id": source,
        "now": now,
        "cooldown_since": now - 60,
        "cooldown_limit": COOLDOWN_REQUESTS,
        "request_channel_id": 5,
        "locale": "en-US",
        "interaction_token": None,
    }


async def test_a_request_waits_for_the_same_members_request_at_another_process_and_counts_it(
    db: Database | PostgresDatabase, resources: ResourceService, clock: Clock
) -> None:
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    here = DeliveryService(db, clock=clock)
    for source in range(1, COOLDOWN_REQUESTS):  # one request short of the limit
        await here.request(resource, ALICE, RequestedVia.BUTTON, source_id=source)
    held, release = threading.Event(), threading.Event()

    @locks_for_itself(sql.record_request.lock_key)
    def record_and_hold(conn: Any, **kwargs: Any) -> tuple[str, Any]:
        outcome = sql.record_request(conn, **kwargs)
        held.set()
        release.wait(60)  # not committed yet: the other process's request comes meanwhile
        return outcome

    other = await other_process(db)
    try:
        now = int(clock.now)
        last_allowed = asyncio.create_task(other.transaction(record_and_hold, **arguments(resource, ALICE, 100, now)))
        assert await asyncio.to_thread(held.wait, 30), "the other process recorded its request"
        one_too_many = asyncio.create_task(here.request(resource, ALICE, RequestedVia.BUTTON, source_id=101))
        await asyncio.sleep(0.2)  # give it the chance to run past an uncommitted request (it must not)
        release.set()
        assert (await last_allowed)[0] == "new"
        with pytest.raises(RateLimited):
            await one_too_many
    finally:
        release.set()
        await other.close()
    count = await db.fetchval("SELECT COUNT(*) FROM deliveries WHERE member_id = ?", (ALICE,))
    assert count == COOLDOWN_REQUESTS


async def test_a_flood_from_one_member_at_two_processes_at_once_gets_exactly_the_cooldown(
    db: Database | PostgresDatabase, resources: ResourceService, clock: Clock
) -> None:
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    other = await other_process(db)
    try:
        services = [DeliveryService(db, clock=clock), DeliveryService(other, clock=clock)]
        outcomes = await asyncio.gather(
            *(
                services[source % 2].request(resource, ALICE, RequestedVia.BUTTON, source_id=source)
                for source in range(1, 3 * COOLDOWN_REQUESTS)
            ),
            return_exceptions=True,
        )
    finally:
        await other.close()
    assert sum(not isinstance(o, BaseException) for o in outcomes) == COOLDOWN_REQUESTS
    assert all(isinstance(o, RateLimited) for o in outcomes if isinstance(o, BaseException))


async def test_on_postgresql_clicks_of_neighbouring_members_at_two_processes_never_roll_back(
    db: Database | PostgresDatabase, resources: ResourceService, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """Under SERIALIZABLE, the two processes' click transactions read and wrote the same index
    pages (members with neighbouring ids): PostgreSQL rolled some back, and their groups reran."""
    if not isinstance(db, PostgresDatabase):
        pytest.skip("SQLite has one writer at a time: nothing to roll back")
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    other = await other_process(db)
    caplog.set_level(logging.INFO, logger="bot.db.postgres")
    try:
        services = [DeliveryService(db, clock=clock), DeliveryService(other, clock=clock)]
        for _ in range(3):  # waves, so that each process's queue forms groups
            start = int(await db.fetchval("SELECT COUNT(*) FROM deliveries"))
            recorded = await asyncio.gather(
                *(
                    services[i % 2].request(resource, ALICE + start + i, RequestedVia.BUTTON, source_id=start + i + 1)
                    for i in range(200)
                )
            )
            assert all(d is not None for d in recorded)
    finally:
        await other.close()
    assert await db.fetchval("SELECT COUNT(*) FROM deliveries") == 600
    assert not [r.message for r in caplog.records if r.message.startswith("Rolled back")]


def hold_the_queue(conn: Any, held: threading.Event, release: threading.Event) -> None:
    # Keeps the database busy with one transaction so that the requests made meanwhile queue up
    # behind it and go together (PostgreSQL's group commit).
    conn.execute("INSERT INTO member_locales (user_id, locale, updated_at) VALUES (1, 'nl', 1)")
    held.set()
    release.wait(60)


async def recorded_together(db: Any, calls: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    held, release = threading.Event(), threading.Event()
    first = asyncio.create_task(db.transaction(hold_the_queue, held, release))
    try:
        assert await asyncio.to_thread(held.wait, 30)
        queued = [asyncio.create_task(db.transaction(sql.record_request, **call)) for call in calls]
        await asyncio.sleep(0)  # every one queued before the first finishes
    finally:
        release.set()
    await first
    return await asyncio.gather(*queued)


@pytest.mark.parametrize("same_member_twice", [False, True])
async def test_queued_requests_recorded_together_get_what_one_by_one_would(
    db: Database | PostgresDatabase,
    resources: ResourceService,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    same_member_twice: bool,
) -> None:
    """On PostgreSQL the queued clicks are recorded in one exchange (``runs_in_batches``); each
    caller must get what recording them one after another gives, as SQLite does."""
    batches: list[int] = []
    if isinstance(db, PostgresDatabase):
        from bot.db import pg_thread

        pipelined = pg_thread._DirectConnection.fetchmany

        def counted(conn: Any, statement: str, rows: Any) -> Any:
            rows = list(rows)
            batches.append(len(rows))
            return pipelined(conn, statement, rows)

        monkeypatch.setattr(pg_thread._DirectConnection, "fetchmany", counted)
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    gone = await resources.add(GUILD, MAYA, name="gone", title="Gone", url="https://e.com")
    here = DeliveryService(db, clock=clock)
    flooder, seen_source = ALICE + 100, 7000
    for source in range(COOLDOWN_REQUESTS):
        await here.request(resource, flooder, RequestedVia.BUTTON, source_id=8000 + source)
    await here.request(resource, ALICE + 200, RequestedVia.BUTTON, source_id=seen_source)
    await resources.archive(GUILD, "gone", MAYA)
    now = int(clock.now)
    calls = [arguments(resource, ALICE + i, 100 + i, now) for i in range(5)]
    calls += [
        arguments(resource, flooder, 200, now),  # over the cooldown
        arguments(resource, ALICE + 201, seen_source, now),  # a replayed event
        arguments(gone, ALICE + 202, 201, now),  # removed meanwhile
    ]
    if same_member_twice:
        calls.append(arguments(resource, ALICE, 300, now))
    outcomes = await recorded_together(db, calls)
    assert [o[0] for o in outcomes] == ["new"] * 5 + ["limited", "seen", "archived"] + ["new"] * same_member_twice
    for call, (_, row) in zip(calls, outcomes[:5], strict=False):
        assert (row["member_id"], row["source_id"], row["status"]) == (call["member_id"], call["source_id"], "pending")
        assert row["dms_closed_at"] is None and row["dm_channel_id"] is None
    if isinstance(db, PostgresDatabase):
        # All at once, unless two are the same member's: those go one after the other.
        assert batches == ([] if same_member_twice else [len(calls)])


async def test_an_edit_waits_for_a_click_that_pinned_the_old_file_so_the_file_is_kept(
    db: Database | PostgresDatabase, resources: ResourceService, file_store: Any, clock: Clock
) -> None:
    """A click at one process has read the resource (and pinned its file) but not committed when
    the creator replaces the file at another: the old file must outlive the pending delivery.
    Without the share lock on PostgreSQL the edit committed at once, found the old file unused and
    deleted it, and the click then committed a delivery of a file that no longer existed."""
    old = FileUpload("plan.pdf", b"%PDF-1.4 the old plan")
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", file=old)
    held, release = threading.Event(), threading.Event()

    @locks_for_itself(sql.record_request.lock_key)
    def record_and_hold(conn: Any, **kwargs: Any) -> tuple[str, Any]:
        outcome = sql.record_request(conn, **kwargs)
        held.set()
        release.wait(60)  # recorded, not committed: the edit comes meanwhile
        return outcome

    other = await other_process(db)
    try:
        click = asyncio.create_task(
            other.transaction(record_and_hold, **arguments(resource, ALICE, 300, int(clock.now)))
        )
        assert await asyncio.to_thread(held.wait, 30), "the other process recorded the click"
        edit = asyncio.create_task(
            resources.edit(GUILD, "plan", MAYA, file=FileUpload("plan.pdf", b"%PDF-1.4 the new plan"))
        )
        await asyncio.sleep(0.3)  # the edit's chance to commit and release the old file (it must wait)
        release.set()
        outcome, row = await click
        await edit
    finally:
        release.set()
        await other.close()
    assert outcome == "new"
    assert await file_store.exists(row["file_sha256"]), "the pending delivery's file was deleted"
