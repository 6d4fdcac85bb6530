from __future__ import annotations

import csv
import io

import pytest

from bot.core.classifier import Label
from bot.core.deliveries import DeliveredVia, DeliveryService, RequestedVia
from bot.core.errors import Conflict, Forbidden, NotFound
from bot.core.guild_settings import GuildSettingsService
from bot.core.resources import Actor, ResourceService
from bot.core.stats import PrivacyService, StatsService
from bot.core.thanks import LINK_WINDOW_SECONDS, AnsweredHow, Status, ThanksService, retry_delay
from bot.db.database import Database
from tests.conftest import Clock

GUILD = 111111111111111111
MAYA = Actor(user_id=1001)
ADMIN = Actor(user_id=1002, manages_guild=True)
STRANGER = Actor(user_id=1003)
ALICE = 2001
BOB = 2002


@pytest.fixture
def thanks(db: Database, clock: Clock) -> ThanksService:
    return ThanksService(db, clock=clock)


@pytest.fixture
def deliveries(db: Database, clock: Clock) -> DeliveryService:
    return DeliveryService(db, clock=clock)


async def deliver(resources: ResourceService, deliveries: DeliveryService, member: int, source: int, name="plan"):
    try:
        resource = await resources.get_active(GUILD, name)
    except NotFound:
        resource = await resources.add(GUILD, MAYA, name=name, title=name.title(), url="https://e.com")
    pending = await deliveries.request(resource, member, RequestedVia.BUTTON, source_id=source)
    return await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=5, message_id=source + 1)


async def record(thanks: ThanksService, member: int, source: int, label=Label.THANKS, text="thanks!", **kw):
    return await thanks.record(
        member_id=member, source_id=source, text=text, label=label, via="dm", locale="en-US", **kw
    )


async def test_dm_links_to_latest_delivery_and_queues_a_prompt(resources, deliveries, thanks) -> None:
    delivery = await deliver(resources, deliveries, ALICE, 10)
    message = await record(thanks, ALICE, 500)
    assert (message.status, message.delivery_id, message.owner_id) == ("waiting", delivery.id, MAYA.user_id)
    due = await thanks.due_prompts()
    assert [(prompt_message.id, attempts) for _, attempts, prompt_message in due] == [(message.id, 0)]


async def test_the_members_name_is_kept_with_the_message_for_the_prompt(resources, deliveries, thanks) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    message = await record(thanks, ALICE, 500, member_name="Alice")
    [(_, _, prompted)] = await thanks.due_prompts()
    assert message.member_name == prompted.member_name == "Alice"
    assert (await record(thanks, ALICE, 501)).member_name is None  # unknown: looked up when prompting


async def test_same_message_twice_is_stored_once(resources, deliveries, thanks) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    assert await record(thanks, ALICE, 500) is not None
    assert await record(thanks, ALICE, 500) is None
    assert len(await thanks.due_prompts()) == 1


async def test_message_without_recent_delivery_is_unrouted(resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    clock.now += LINK_WINDOW_SECONDS + 1
    message = await record(thanks, ALICE, 500)
    assert message.status == "unrouted"
    assert message.owner_id is None
    assert await thanks.due_prompts() == []


async def test_dm_request_needs_no_human(resources, deliveries, thanks) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    message = await record(thanks, ALICE, 500, label=Label.REQUEST, text="can I get the plan?")
    assert message.status == "no_reply_needed"
    assert await thanks.due_prompts() == []


async def test_a_command_typed_for_the_bot_is_kept_for_no_creator(resources, deliveries, thanks) -> None:
    # "/privacy" typed into a DM: the bot answers it; linked to her delivery, it would wait for Maya.
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, ALICE, 20, name="budget")  # two resources: no "which one?" either
    message, choices = await thanks.record_routed(
        member_id=ALICE, source_id=500, text="/privacy", label=Label.OTHER, via="dm", locale=None, to_bot=True
    )
    assert (message.status, message.owner_id, message.guild_id, message.delivery_id) == ("unrouted", None, None, None)
    assert choices == ()
    assert await thanks.due_prompts() == []


async def test_modal_message_must_be_on_own_delivery(resources, deliveries, thanks) -> None:
    delivery = await deliver(resources, deliveries, ALICE, 10)
    with pytest.raises(NotFound):
        await thanks.record(
            member_id=BOB, source_id=7, text="hi", label=Label.THANKS, via="modal", locale=None, delivery_id=delivery.id
        )
    ok = await thanks.record(
        member_id=ALICE, source_id=7, text="q?", label=Label.QUESTION, via="modal", locale=None, delivery_id=delivery.id
    )
    assert ok.status == "waiting"


async def test_only_owner_or_manager_can_answer_and_only_once(resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    message = await record(thanks, ALICE, 500)
    with pytest.raises(Forbidden):
        await thanks.close(message.id, STRANGER, Status.ANSWERED, AnsweredHow.THEMSELVES)
    clock.now += 3600
    closed = await thanks.close(message.id, MAYA, Status.ANSWERED, AnsweredHow.RELAYED, reply_message_id=99)
    assert (closed.status, closed.answered_by, closed.answered_how) == ("answered", MAYA.user_id, "relayed")
    assert closed.answered_at - closed.received_at == 3600
    with pytest.raises(Conflict):
        await thanks.close(message.id, ADMIN, Status.NO_REPLY_NEEDED)


async def test_pending_is_oldest_first_and_paginated(resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    ids = []
    for i in range(6):
        clock.now += 60
        ids.append((await record(thanks, ALICE, 600 + i, text=f"thanks {i}")).id)
    first, total = await thanks.pending(MAYA.user_id, GUILD, 0)
    second, _ = await thanks.pending(MAYA.user_id, GUILD, 1)
    assert total == 6
    assert [m.id for m in first + second] == ids
    assert (await thanks.pending(STRANGER.user_id, GUILD, 0)) == ([], 0)


async def test_failed_prompt_is_retried_later_never_dropped(resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    await record(thanks, ALICE, 500)
    [(prompt_id, attempts, _)] = await thanks.due_prompts()
    delay = await thanks.prompt_failed(prompt_id, attempts, "discord 503")
    assert delay == retry_delay(0)
    assert await thanks.due_prompts() == []
    clock.now += delay
    [(again, attempts_now, _)] = await thanks.due_prompts()
    assert (again, attempts_now) == (prompt_id, 1)
    await thanks.prompt_sent(prompt_id, channel_id=1, message_id=2)
    assert await thanks.due_prompts() == []
    assert retry_delay(50) == 3600


async def test_digest_once_per_period(db, resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    await record(thanks, ALICE, 500)
    assert await thanks.queue_due_digests() == 0, "not waiting long enough yet"
    clock.now += 24 * 3600 + 1
    assert await thanks.queue_due_digests() == 1
    assert await thanks.queue_due_digests() == 0, "one digest per period"
    [(digest_id, owner, guild, _)] = await thanks.due_digests()
    assert (owner, guild) == (MAYA.user_id, GUILD)
    assert [m.content for m in await thanks.digest_items(owner, guild)] == ["thanks!"]
    await thanks.digest_sent(digest_id)
    assert await thanks.due_digests() == []
    clock.now += 24 * 3600 + 1
    assert await thanks.queue_due_digests() == 1, "next period, still waiting: remind again"
    await GuildSettingsService(db).set_reminder_hours(GUILD, 0)
    clock.now += 48 * 3600
    assert await thanks.queue_due_digests() == 0, "0 turns reminders off"


async def test_acknowledge_once_a_day(thanks, clock) -> None:
    assert await thanks.should_acknowledge(ALICE)
    await thanks.acknowledged(ALICE)
    assert not await thanks.should_acknowledge(ALICE)
    clock.now += 24 * 3600
    assert await thanks.should_acknowledge(ALICE)


async def test_stats_are_honest(db, resources, deliveries, thanks, clock) -> None:
    d1 = await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    await deliver(resources, deliveries, BOB, 30, name="other")
    m1 = await record(thanks, ALICE, 500)
    m2 = await record(thanks, BOB, 501, label=Label.QUESTION, text="does it work in Sheets?")
    await record(thanks, BOB, 502, text="thx")
    clock.now += 120
    await thanks.close(m1.id, MAYA, Status.ANSWERED, AnsweredHow.THEMSELVES)
    clock.now += 120
    await thanks.close(m2.id, MAYA, Status.NO_REPLY_NEEDED)
    stats = await StatsService(db, clock=clock).for_owner(MAYA.user_id, GUILD)
    overall = stats.overall
    assert (overall.deliveries, overall.unique_members, overall.thanks) == (3, 2, 2)
    assert overall.thanked_deliveries == 2  # ALICE's d1 and BOB's latest delivery ("other")
    assert (overall.answered, overall.waiting) == (1, 1)
    assert overall.answered_share == 0.5
    assert overall.median_answer_seconds == 120
    assert set(stats.per_resource) == {"Plan (plan)", "Other (other)"}
    assert stats.per_resource["Plan (plan)"].deliveries == 2
    assert d1.member_id == ALICE
    none = await StatsService(db, clock=clock).for_owner(STRANGER.user_id, GUILD)
    assert none.overall.deliveries == 0 and none.overall.answered_share is None


async def test_export_csv_neutralises_formulas(db, resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    await record(thanks, ALICE, 500, text='=HYPERLINK("http://evil")')
    rows = list(csv.reader(io.StringIO(await StatsService(db, clock=clock).export_csv(MAYA.user_id, GUILD))))
    assert rows[0][0] == "kind"
    kinds = [r[0] for r in rows[1:]]
    assert kinds == ["delivery", "message"]
    assert rows[2][7].startswith("'=")


async def test_privacy_delete_removes_messages_and_anonymises(db, resources, deliveries, thanks) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    await record(thanks, ALICE, 500, text="my secret words")
    privacy = PrivacyService(db)
    summary = await privacy.summary(ALICE)
    assert (summary["deliveries"], summary["messages"]) == (1, 1)
    assert summary["recent"][0][1] == "my secret words"
    assert await privacy.delete(ALICE) == {"messages": 1, "deliveries": 1}
    after = await privacy.summary(ALICE)
    assert (after["deliveries"], after["messages"], after["recent"]) == (0, 0, [])
    assert await db.fetchval("SELECT COUNT(*) FROM deliveries WHERE member_id IS NULL") == 1
    assert await db.fetchval("SELECT COUNT(*) FROM deliveries WHERE member_id = ?", (BOB,)) == 1
    assert await db.fetchval("SELECT COUNT(*) FROM prompts") == 0, "prompts of deleted messages go too"


async def test_refused_prompt_is_set_aside_with_its_reason_and_the_message_stays_pending(
    db, resources, deliveries, thanks, clock
) -> None:
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    refused = await record(thanks, ALICE, 500, text="a long one")
    kept = await record(thanks, BOB, 501, text="a short one")  # another member: its own prompt
    (refused_prompt, _, _), (kept_prompt, _, _) = await thanks.due_prompts()
    await thanks.prompt_refused(refused_prompt, "discord 400 50035: Invalid Form Body")
    clock.now += 10 * 3600  # long after any retry delay: it never comes back unchanged
    assert [(p, m.id) for p, _, m in await thanks.due_prompts()] == [(kept_prompt, kept.id)]
    assert await thanks.seconds_until_next_prompt() == 0.0
    row = await db.fetchone("SELECT status, last_error FROM prompts WHERE id = ?", (refused_prompt,))
    assert (row["status"], row["last_error"]) == ("refused", "discord 400 50035: Invalid Form Body")
    pending, total = await thanks.pending(MAYA.user_id, GUILD)
    assert total == 2 and refused.id in [m.id for m in pending]
