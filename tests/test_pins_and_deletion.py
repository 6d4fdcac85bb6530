"""A pending delivery pins its file; "Delete my data" cancels and leaves nothing behind."""

from __future__ import annotations

import hashlib

import pytest

from bot.core.classifier import Label
from bot.core.deliveries import DeliveredVia, DeliveryService, RequestedVia
from bot.core.errors import NotFound
from bot.core.files import FileStore
from bot.core.resources import Actor, FileUpload, ResourceService
from bot.core.stats import PrivacyService
from bot.core.thanks import ThanksService
from bot.db.database import Database
from bot.db.postgres import PostgresDatabase
from tests.conftest import Clock

GUILD = 111111111111111111
MAYA = Actor(user_id=1001)
ALICE = 2001
V1 = b"%PDF version one"
V2 = b"%PDF version two"
SHA1 = hashlib.sha256(V1).hexdigest()
SHA2 = hashlib.sha256(V2).hexdigest()


@pytest.fixture
def deliveries(db: Database, clock: Clock) -> DeliveryService:
    return DeliveryService(db, clock=clock)


async def checklist(resources: ResourceService):
    return await resources.add(GUILD, MAYA, name="checklist", title="Checklist", file=FileUpload("v1.pdf", V1))


async def test_a_replaced_file_stays_until_the_last_delivery_asked_for_it_is_done(
    resources: ResourceService, deliveries: DeliveryService, file_store: FileStore
) -> None:
    resource = await checklist(resources)
    first = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)
    second = await deliveries.request(resource, ALICE + 1, RequestedVia.BUTTON, source_id=2)
    assert (first.file_sha256, first.file_name) == (SHA1, "v1.pdf")

    edited = await resources.edit(GUILD, "checklist", MAYA, file=FileUpload("v2.pdf", V2))
    assert await file_store.stored() == {SHA1, SHA2}, "two deliveries still need version one"
    sent = first.as_sent(edited)
    assert (sent.file_sha256, sent.file_name, sent.title) == (SHA1, "v1.pdf", "Checklist")
    assert await resources.read_file(sent) == V1

    await deliveries.mark_delivered(first.id, DeliveredVia.DM, channel_id=5, message_id=6)
    await resources.release(resource.id, first.file_sha256)
    assert await file_store.stored() == {SHA1, SHA2}
    await deliveries.mark_failed(second.id, "discord 500")
    await resources.release(resource.id, second.file_sha256)
    assert await file_store.stored() == {SHA2}
    later = await deliveries.request(edited, ALICE, RequestedVia.BUTTON, source_id=3)
    assert later.file_sha256 == SHA2


async def test_a_removed_resource_keeps_its_file_for_pending_deliveries_and_sweeps(
    resources: ResourceService, deliveries: DeliveryService, file_store: FileStore
) -> None:
    resource = await checklist(resources)
    pending = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)
    await resources.archive(GUILD, "checklist", MAYA)
    assert await resources.sweep_files() == [] and await file_store.stored() == {SHA1}
    await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=5, message_id=6)
    await resources.release(resource.id, pending.file_sha256)
    assert await file_store.stored() == set()


async def test_a_click_that_races_a_removal_is_refused(resources: ResourceService, deliveries: DeliveryService) -> None:
    stale = await checklist(resources)  # read before the removal, as a click does
    await resources.archive(GUILD, "checklist", MAYA)
    with pytest.raises(NotFound) as caught:
        await deliveries.request(stale, ALICE, RequestedVia.BUTTON, source_id=1)
    assert caught.value.key == "error.resource_archived"


async def test_delete_my_data_cancels_pending_and_nothing_is_written_back(
    db: Database, resources: ResourceService, deliveries: DeliveryService
) -> None:
    resource = await checklist(resources)
    pending = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=1, channel_id=77)
    privacy = PrivacyService(db)
    assert await privacy.delete(ALICE) == {"messages": 0, "deliveries": 1}
    assert privacy.cancelled(pending.id)
    if isinstance(db, PostgresDatabase):
        vacuumed = "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'deliveries'"
        assert await db.fetchval(vacuumed), "the tables were vacuumed after the deletion"
    else:
        assert db.path.with_name("handout.db-wal").stat().st_size == 0, "the WAL was checkpointed and truncated"
    assert await deliveries.claim_left_over() == [], "nothing left to recover"
    # The send was already on its way: it is counted, but where it went is not written back.
    done = await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=555, message_id=666)
    assert (done.member_id, done.channel_id, done.message_id, done.status) == (None, None, None, "delivered")


async def test_a_prompt_read_before_the_deletion_is_no_longer_queued_even_if_its_ids_are_reused(
    db: Database, resources: ResourceService, deliveries: DeliveryService, clock: Clock
) -> None:
    thanks = ThanksService(db, clock=clock)
    resource = await checklist(resources)
    for member, source in ((ALICE, 1), (ALICE + 1, 2)):
        pending = await deliveries.request(resource, member, RequestedVia.BUTTON, source_id=source)
        await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=5, message_id=source)
    await thanks.record(member_id=ALICE, source_id=500, text="my words", label=Label.THANKS, via="dm", locale="en")
    batch = [(prompt_id, message) for prompt_id, _, message in await thanks.due_prompts()]
    assert await thanks.still_queued(batch) == {batch[0][0]}
    await PrivacyService(db).delete(ALICE)
    bob = ALICE + 1
    newer = await thanks.record(member_id=bob, source_id=501, text="hi", label=Label.THANKS, via="dm", locale="en")
    if isinstance(db, Database):  # PostgreSQL's identity never hands out an id twice
        assert newer.id == batch[0][1].id, "SQLite gave the newer message the deleted one's id"
    assert await thanks.still_queued(batch) == set()
