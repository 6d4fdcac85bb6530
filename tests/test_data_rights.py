"""Members' data rights in the domain: export, never DM me, retention (against real SQLite)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os

import pytest

from bot.core.also_sent import AlsoSent
from bot.core.classifier import Label
from bot.core.deliveries import DeliveredVia, DeliveryService, RequestedVia, where_to_deliver
from bot.core.errors import NotFound
from bot.core.guild_settings import DeliveryMode, GuildSettingsService
from bot.core.member_data import ExportTooLarge, MemberDataService, encode_export
from bot.core.resources import Actor, ResourceService
from bot.core.retention import RetentionService
from bot.core.stats import StatsService
from bot.core.thanks import AnsweredHow, Status, ThanksService
from bot.db.database import Database
from tests.conftest import Clock

GUILD_A = 111111111111111111
GUILD_B = 222222222222222222
MAYA = Actor(user_id=1001)
BOB = Actor(user_id=1002)
ALICE = 2001
BRAM = 2002
DAY = 86400


@pytest.fixture
def deliveries(db: Database, clock: Clock) -> DeliveryService:
    return DeliveryService(db, clock=clock)


@pytest.fixture
def thanks(db: Database, clock: Clock) -> ThanksService:
    return ThanksService(db, clock=clock)


async def deliver(resources: ResourceService, deliveries: DeliveryService, guild: int, owner: Actor, member: int,
                  source: int, name: str = "plan"):  # fmt: skip
    try:
        resource = await resources.get_active(guild, name)
    except NotFound:
        resource = await resources.add(guild, owner, name=name, title=f"{name.title()} of {guild}", url="https://e.com")
    pending = await deliveries.request(resource, member, RequestedVia.BUTTON, source_id=source, channel_id=77)
    return await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=5, message_id=source + 1)


async def say(thanks: ThanksService, member: int, source: int, delivery_id: int, text: str):
    return await thanks.record(
        member_id=member, source_id=source, text=text, label=Label.THANKS, via="modal", locale="nl",
        delivery_id=delivery_id, member_name="Alice",
    )  # fmt: skip


async def test_export_holds_the_members_own_data_in_every_guild_and_nobody_elses(
    db, resources, deliveries, thanks
) -> None:
    in_a = await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    in_b = await deliver(resources, deliveries, GUILD_B, BOB, ALICE, 20, name="guide")
    bram = await deliver(resources, deliveries, GUILD_A, MAYA, BRAM, 30)
    answered = await say(thanks, ALICE, 500, in_a.id, "thank you Maya")
    await thanks.close(answered.id, MAYA, Status.ANSWERED, AnsweredHow.THEMSELVES)
    await say(thanks, ALICE, 501, in_b.id, "does it work in Notion?")
    await say(thanks, BRAM, 502, bram.id, "bram's private words")
    members = MemberDataService(db)
    await members.set_never_dm(ALICE, True)

    data = await members.export(ALICE, {GUILD_A: "Creators"})
    assert data["summary"] == {
        "deliveries": 2, "messages": 2, "messages_answered_by_a_human": 1, "messages_whose_text_was_removed": 0,
        "servers": 2, "resources_you_added": 0, "never_dm": True,
    }  # fmt: skip
    by_server = {s["server_id"]: s for s in data["servers"]}
    assert set(by_server) == {str(GUILD_A), str(GUILD_B)}
    assert by_server[str(GUILD_A)]["server_name"] == "Creators"
    assert [d["title"] for d in by_server[str(GUILD_A)]["deliveries"]] == [f"Plan of {GUILD_A}"]
    [message] = by_server[str(GUILD_A)]["messages"]
    assert (message["text"], message["status"], message["answered_how"]) == ("thank you Maya", "answered", "themselves")
    assert message["answered_at"] is not None
    assert [m["text"] for m in by_server[str(GUILD_B)]["messages"]] == ["does it work in Notion?"]
    encoded = json.dumps(data)
    assert "bram" not in encoded and str(BRAM) not in encoded
    assert str(MAYA.user_id) not in encoded  # who answered is the creator's, not the member's
    # The creator's own export lists what they added, not what members wrote to them.
    maya = await members.export(MAYA.user_id)
    assert [r["resource"] for r in maya["resources_you_added"]] == ["plan"]
    assert "thank you Maya" not in json.dumps(maya)


async def test_export_is_one_file_within_the_limit_gzipped_when_large() -> None:
    small = {"servers": [], "summary": {"messages": 1}}
    name, data = encode_export(small, limit=1024 * 1024)
    assert name == "handout-my-data.json" and json.loads(data) == small
    big = {"messages": [{"text": f"thank you, this is message {i} " * 20} for i in range(5000)]}
    name, data = encode_export(big, limit=1024 * 1024)
    assert name == "handout-my-data.json.gz" and len(data) <= 1024 * 1024
    assert json.loads(gzip.decompress(data)) == big
    with pytest.raises(ExportTooLarge):
        encode_export({"noise": os.urandom(200_000).hex()}, limit=100_000)


async def test_never_dm_is_remembered_and_forgotten(db) -> None:
    members = MemberDataService(db)
    assert await members.never_dm(ALICE) is False
    await members.set_never_dm(ALICE, True)
    assert await MemberDataService(db).never_dm(ALICE) is True  # a new process reads it back
    assert await members.forget(ALICE) is True
    assert await members.never_dm(ALICE) is False
    assert await members.forget(ALICE) is False


@pytest.mark.parametrize(
    ("asked_via", "in_channel", "mode", "dms_closed", "expected"),
    [
        (RequestedVia.BUTTON, True, DeliveryMode.DM, False, DeliveredVia.EPHEMERAL),
        (RequestedVia.SLASH, True, DeliveryMode.DM, True, DeliveredVia.EPHEMERAL),
        (RequestedVia.BUTTON, True, DeliveryMode.HERE, False, DeliveredVia.EPHEMERAL),
        # The answer to a DM is a DM, "never DM me" or not.
        (RequestedVia.DM, True, DeliveryMode.DM, False, DeliveredVia.DM),
        (RequestedVia.SLASH, False, DeliveryMode.DM, False, DeliveredVia.DM),
    ],
)
async def test_never_dm_in_where_a_delivery_goes(
    db, resources, deliveries, asked_via, in_channel, mode, dms_closed, expected
) -> None:
    resource = await resources.add(GUILD_A, MAYA, name="plan", title="Plan", url="https://e.com")
    await MemberDataService(db).set_never_dm(ALICE, True)
    delivery = await deliveries.request(resource, ALICE, asked_via, source_id=9, channel_id=77 if in_channel else None)
    assert delivery.never_dm is True  # read with the request, and with recovery (below)
    assert where_to_deliver(delivery, mode, dms_closed=dms_closed, never_dm=delivery.never_dm) is expected
    [recovered] = await deliveries.claim_left_over()
    assert recovered.never_dm is True


async def test_retention_removes_text_at_the_boundary_and_keeps_the_stats(
    db, resources, deliveries, thanks, clock
) -> None:
    settings = GuildSettingsService(db)
    assert (await settings.get(GUILD_A)).retention_days == 180
    delivery = await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    old = await say(thanks, ALICE, 500, delivery.id, "old words")
    clock.now += 1
    edge = await say(thanks, ALICE, 501, delivery.id, "words on the edge")
    await thanks.close(old.id, MAYA, Status.ANSWERED, AnsweredHow.THEMSELVES)
    other = await deliver(resources, deliveries, GUILD_B, BOB, ALICE, 20)
    await say(thanks, ALICE, 502, other.id, "kept in guild B")
    await settings.set_retention_days(GUILD_A, 30)
    await settings.set_retention_days(GUILD_B, 0)
    stats = StatsService(db, clock=clock)
    before = await stats.for_owner(MAYA.user_id, GUILD_A)
    retention = RetentionService(db, clock=clock)

    clock.now += 30 * DAY  # "edge" is exactly 30 days old: kept; "old" one second older: removed
    assert await retention.sweep() == 1
    assert await retention.sweep() == 0  # idempotent
    removed = await thanks.get(old.id)
    assert (removed.content, removed.member_name, removed.text_removed_at) == ("", None, int(clock.now))
    assert (removed.label, removed.status, removed.received_at) == (old.label, "answered", old.received_at)
    assert (await thanks.get(edge.id)).content == "words on the edge"
    clock.now += 10 * 365 * DAY  # guild B keeps (0)
    assert await retention.sweep() == 1
    assert [m.content for m in (await thanks.pending(BOB.user_id, GUILD_B))[0]] == ["kept in guild B"]

    after = await stats.for_owner(MAYA.user_id, GUILD_A)
    # The same figures. (The weekly chart shows the newest 104 weeks, which the moved clock left.)
    assert (after.overall, after.per_resource, after.people) == (before.overall, before.per_resource, before.people)
    rows = list(csv.reader(io.StringIO(await stats.export_csv(MAYA.user_id, GUILD_A))))
    assert rows[0][-1] == "text_removed_utc"
    messages = [r for r in rows if r[0] == "message"]
    assert [(r[7], bool(r[-1])) for r in messages] == [("", True), ("", True)]
    exported = await MemberDataService(db, clock=clock).export(ALICE)
    assert exported["summary"]["messages_whose_text_was_removed"] == 2
    texts = [m["text"] for s in exported["servers"] for m in s["messages"]]
    assert texts == [None, None, "kept in guild B"]


async def test_retention_setting_range(db) -> None:
    settings = GuildSettingsService(db)
    assert (await settings.set_retention_days(GUILD_A, 0)).retention_days == 0
    with pytest.raises(Exception, match="range"):
        await settings.set_retention_days(GUILD_A, -1)


async def test_stickers_and_file_names_are_exported_and_go_with_the_text(db, resources, deliveries, thanks, clock):
    delivery = await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    sent = AlsoSent.of(["Thank You"], ["my result.jpg"])
    stored = await thanks.record_routed(
        member_id=ALICE, source_id=500, text="", label=Label.THANKS, via="dm", locale=None, also_sent=sent.to_json()
    )
    assert stored is not None and AlsoSent.from_json(stored[0].also_sent) == sent
    assert stored[0].delivery_id == delivery.id
    members = MemberDataService(db, clock=clock)
    [message] = (await members.export(ALICE))["servers"][0]["messages"]
    assert message["also_sent"] == {"stickers": ["Thank You"], "files": ["my result.jpg"]}

    await GuildSettingsService(db).set_retention_days(GUILD_A, 30)
    clock.now += 31 * DAY
    assert await RetentionService(db, clock=clock).sweep() == 1
    assert (await thanks.get(stored[0].id)).also_sent is None  # the names are the member's, like the words
    [message] = (await members.export(ALICE))["servers"][0]["messages"]
    assert message["also_sent"] is None


async def test_a_deleted_dm_loses_its_words_and_keeps_its_figures(db, resources, deliveries, thanks, clock):
    delivery = await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    dm, _ = await thanks.record_routed(
        member_id=ALICE, source_id=500, text="call me on 0612345678", label=Label.THANKS, via="dm", locale=None,
        member_name="Alice", also_sent=AlsoSent.of(["Wave"], []).to_json(),
    )  # fmt: skip
    modal = await say(thanks, ALICE, 501, delivery.id, "from the form")
    clock.now += 60

    assert await thanks.member_deleted(500) is True
    assert await thanks.member_deleted(500) is False  # the same event twice
    assert await thanks.member_deleted(501) is False  # a form's text has no DM to delete
    assert await thanks.member_deleted(999) is False
    gone = await thanks.get(dm.id)
    assert (gone.content, gone.also_sent, gone.member_name) == ("", None, None)
    assert (gone.text_removed_at, gone.text_removed_why) == (int(clock.now), "deleted")
    assert (gone.label, gone.status, gone.received_at) == (dm.label, "waiting", dm.received_at)
    assert (await thanks.get(modal.id)).content == "from the form"

    # Retention later leaves the reason as it was.
    await GuildSettingsService(db).set_retention_days(GUILD_A, 1)
    clock.now += 2 * DAY
    assert await RetentionService(db, clock=clock).sweep() == 1  # the form's message only
    assert (await thanks.get(dm.id)).text_removed_why == "deleted"
    exported = await MemberDataService(db, clock=clock).export(ALICE)
    reasons = sorted(m["text_removed_because"] for s in exported["servers"] for m in s["messages"])
    assert reasons == ["deleted", "retention"]


async def test_an_edited_dm_shows_its_new_words(db, resources, deliveries, thanks, clock):
    delivery = await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    dm, _ = await thanks.record_routed(
        member_id=ALICE, source_id=500, text="thanks!", label=Label.THANKS, via="dm", locale=None
    )
    await say(thanks, ALICE, 501, delivery.id, "from the form")
    assert await thanks.member_edited(500, "thanks! the second page is my favourite") is True
    assert await thanks.member_edited(500, "thanks! the second page is my favourite") is False  # no change
    assert await thanks.member_edited(501, "edited?") is False  # a form's text is not a DM
    edited = await thanks.get(dm.id)
    assert edited.content == "thanks! the second page is my favourite"
    assert (edited.label, edited.status) == ("thanks", "waiting")
    assert await thanks.member_deleted(500) is True
    assert await thanks.member_edited(500, "back again") is False  # deleted words stay deleted
    assert (await thanks.get(dm.id)).content == ""
