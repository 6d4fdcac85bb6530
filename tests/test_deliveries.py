from __future__ import annotations

import pytest

from bot.core.deliveries import (
    CLOSED_DMS_TTL_SECONDS,
    COOLDOWN_REQUESTS,
    COOLDOWN_SECONDS,
    DeliveredVia,
    DeliveryService,
    RequestedVia,
    where_to_deliver,
)
from bot.core.errors import NotFound, RateLimited
from bot.core.guild_settings import DeliveryMode, GuildSettingsService
from bot.core.locales import LocaleService
from bot.core.resources import Actor, ResourceService
from bot.db.database import Database
from tests.conftest import Clock

GUILD = 111111111111111111
OTHER_GUILD = 222222222222222222
MAYA = Actor(user_id=1001)
ALICE = 2001
BOB = 2002


@pytest.fixture
def deliveries(db: Database, clock: Clock) -> DeliveryService:
    return DeliveryService(db, clock=clock)


async def add(resources: ResourceService, name: str = "checklist", guild: int = GUILD):
    return await resources.add(guild, MAYA, name=name, title=name.title(), url=f"https://e.com/{name}")


async def test_request_then_delivered_is_logged(resources: ResourceService, deliveries: DeliveryService) -> None:
    resource = await add(resources)
    pending = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=9001)
    assert pending is not None
    assert (pending.status, pending.requested_via, pending.is_repeat) == ("pending", "button", False)
    done = await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=77, message_id=88)
    assert (done.status, done.delivered_via, done.channel_id, done.message_id) == ("delivered", "dm", 77, 88)
    assert done.delivered_at is not None
    assert await deliveries.counts_by_resource(GUILD) == {resource.id: 1}
    assert await deliveries.counts_by_resource(OTHER_GUILD) == {}


async def test_same_source_twice_delivers_once(resources: ResourceService, deliveries: DeliveryService) -> None:
    resource = await add(resources)
    first = await deliveries.request(resource, ALICE, RequestedVia.DM, source_id=42)
    again = await deliveries.request(resource, ALICE, RequestedVia.DM, source_id=42)
    assert first is not None
    assert again is None
    assert (await deliveries.by_source(42)).id == first.id


async def test_asking_again_is_a_repeat(resources: ResourceService, deliveries: DeliveryService) -> None:
    resource = await add(resources)
    first = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)
    await deliveries.mark_delivered(first.id, DeliveredVia.DM)
    second = await deliveries.request(resource, ALICE, RequestedVia.SLASH, source_id=2)
    assert second.is_repeat


async def test_archived_resource_is_not_delivered(resources: ResourceService, deliveries: DeliveryService) -> None:
    await add(resources)
    archived = await resources.archive(GUILD, "checklist", MAYA)
    with pytest.raises(NotFound) as caught:
        await deliveries.request(archived, ALICE, RequestedVia.BUTTON, source_id=1)
    assert caught.value.key == "error.resource_archived"


async def test_cooldown_per_member_per_guild(
    resources: ResourceService, deliveries: DeliveryService, clock: Clock
) -> None:
    resource = await add(resources)
    elsewhere = await add(resources, guild=OTHER_GUILD)
    for source in range(COOLDOWN_REQUESTS):
        assert await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=source)
    with pytest.raises(RateLimited) as caught:
        await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=100)
    assert 1 <= caught.value.params["seconds"] <= COOLDOWN_SECONDS
    # Another member, and the same member in another guild, are not held back.
    assert await deliveries.request(resource, ALICE + 1, RequestedVia.BUTTON, source_id=101)
    assert await deliveries.request(elsewhere, ALICE, RequestedVia.BUTTON, source_id=102)
    clock.now += COOLDOWN_SECONDS + 1
    assert await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=103)


async def test_a_flood_is_told_to_wait_once(
    resources: ResourceService, deliveries: DeliveryService, clock: Clock
) -> None:
    resource = await add(resources)
    elsewhere = await add(resources, guild=OTHER_GUILD)
    for source in range(COOLDOWN_REQUESTS):
        await deliveries.request(resource, ALICE, RequestedVia.DM, source_id=source)
    told = []
    for source in range(100, 104):
        with pytest.raises(RateLimited) as caught:
            await deliveries.request(resource, ALICE, RequestedVia.DM, source_id=source)
        told.append(caught.value.already_told)
    assert told == [False, True, True, True]  # answered once, then silence for this flood
    # Another member, and the same member in another guild, are told for themselves.
    for source in range(200, 200 + COOLDOWN_REQUESTS):
        await deliveries.request(resource, BOB, RequestedVia.DM, source_id=source)
    with pytest.raises(RateLimited) as caught:
        await deliveries.request(resource, BOB, RequestedVia.DM, source_id=300)
    assert caught.value.already_told is False
    assert await deliveries.request(elsewhere, ALICE, RequestedVia.DM, source_id=301)
    # The next flood, after the window, is answered again (once).
    clock.now += COOLDOWN_SECONDS + 1
    for source in range(400, 400 + COOLDOWN_REQUESTS):
        await deliveries.request(resource, ALICE, RequestedVia.DM, source_id=source)
    told = []
    for source in range(500, 502):
        with pytest.raises(RateLimited) as caught:
            await deliveries.request(resource, ALICE, RequestedVia.DM, source_id=source)
        told.append(caught.value.already_told)
    assert told == [False, True]


async def test_closed_dms_are_remembered_for_a_while(
    resources: ResourceService, deliveries: DeliveryService, clock: Clock
) -> None:
    resource = await add(resources)
    assert (await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=1)).dms_closed is False
    await deliveries.remember_dms_closed(ALICE)
    assert (await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=2)).dms_closed is True
    assert (await deliveries.request(resource, BOB, RequestedVia.BUTTON, source_id=3)).dms_closed is False
    clock.now += CLOSED_DMS_TTL_SECONDS + 1
    assert (await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=4)).dms_closed is False
    # Recovery after a restart reads it with the pending rows; a plain read leaves it unknown.
    await deliveries.remember_dms_closed(BOB)
    recovered = await deliveries.claim_left_over()
    assert {d.source_id: d.dms_closed for d in recovered} == {1: False, 2: False, 3: True, 4: False}
    assert (await deliveries.get(1)).dms_closed is None


async def test_failed_delivery_keeps_its_reason(resources: ResourceService, deliveries: DeliveryService) -> None:
    resource = await add(resources)
    pending = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=5)
    await deliveries.mark_failed(pending.id, "discord 500 0: boom")
    failed = await deliveries.get(pending.id)
    assert (failed.status, failed.failure) == ("failed", "discord 500 0: boom")


async def test_guild_settings_defaults_and_changes(db: Database) -> None:
    settings = GuildSettingsService(db)
    assert (await settings.get(GUILD)).delivery_mode is DeliveryMode.DM
    assert (await settings.set_delivery_mode(GUILD, "here")).delivery_mode is DeliveryMode.HERE
    assert (await settings.get(OTHER_GUILD)).delivery_mode is DeliveryMode.DM
    # Served from memory between changes, and every change is seen at once.
    assert (await settings.set_inbox_channel(GUILD, 42)).inbox_channel_id == 42
    assert (await settings.get(GUILD)).delivery_mode is DeliveryMode.HERE
    assert (await GuildSettingsService(db).get(GUILD)).inbox_channel_id == 42
    with pytest.raises(Exception, match="choice"):
        await settings.set_delivery_mode(GUILD, "carrier-pigeon")


async def test_locale_order(db: Database) -> None:
    locales = LocaleService(db)
    assert await locales.for_member(ALICE, "mag ik de checklist?") == "nl"
    assert await locales.for_member(ALICE, "🙏", guild_locale="nl") == "nl"
    assert await locales.for_member(ALICE, "") == "en-US"
    await locales.remember(ALICE, "en-GB")
    assert await locales.for_member(ALICE, "mag ik de checklist?") == "en-GB"
    # Written in a batch; after the flush it survives a restart (a new service reads the database).
    await locales.flush()
    assert await LocaleService(db).last_known(ALICE) == "en-GB"


@pytest.mark.parametrize(
    ("asked_via", "in_channel", "mode", "dms_closed", "expected"),
    [
        # Asked in a guild channel: the guild's choice, then what we know of the member's DMs.
        (RequestedVia.BUTTON, True, DeliveryMode.DM, False, DeliveredVia.DM),
        (RequestedVia.SLASH, True, DeliveryMode.DM, True, DeliveredVia.FALLBACK),
        (RequestedVia.BUTTON, True, DeliveryMode.HERE, False, DeliveredVia.EPHEMERAL),
        (RequestedVia.BUTTON, True, DeliveryMode.HERE, True, DeliveredVia.EPHEMERAL),
        # Asked in our DM (text, or /get there): the answer goes where the question was.
        (RequestedVia.DM, True, DeliveryMode.HERE, True, DeliveredVia.DM),
        (RequestedVia.SLASH, False, DeliveryMode.HERE, False, DeliveredVia.DM),
    ],
)
async def test_where_a_delivery_goes(
    resources: ResourceService, deliveries: DeliveryService, asked_via, in_channel, mode, dms_closed, expected
) -> None:
    resource = await add(resources)
    delivery = await deliveries.request(resource, ALICE, asked_via, source_id=9, channel_id=77 if in_channel else None)
    assert where_to_deliver(delivery, mode, dms_closed=dms_closed) is expected
