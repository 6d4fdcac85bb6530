"""The inbox at scale, against real SQLite: coalescing, limits, pacing, expiry, acknowledgements."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.classifier import Label
from bot.core.inbox_flow import (
    COALESCE_SECONDS,
    DESTINATION_MESSAGES_PER_MINUTE,
    MEMBER_PROMPTS_PER_DAY,
    SUMMARY_EDIT_SECONDS,
    InboxFlow,
)
from bot.core.stats import StatsService
from bot.core.thanks import AnsweredHow, Status, ThanksService
from bot.db.database import Database
from bot.db.migrate import load_migrations, migrate
from tests.test_thanks import ALICE, BOB, GUILD, MAYA, deliver, record

CHANNEL = 777


@pytest.fixture
def thanks(db: Database, clock) -> ThanksService:
    return ThanksService(db, clock=clock)


@pytest.fixture
def flow(db: Database, clock) -> InboxFlow:
    return InboxFlow(db, clock=clock)


@pytest.fixture
def deliveries(db: Database, clock):
    from bot.core.deliveries import DeliveryService

    return DeliveryService(db, clock=clock)


async def test_a_members_burst_becomes_one_prompt_and_the_next_waits_a_window(resources, deliveries, thanks, clock):
    await deliver(resources, deliveries, ALICE, 10)
    first = [await record(thanks, ALICE, 500 + i, text=f"thanks {i}") for i in range(3)]
    [(prompt_id, _, message)] = await thanks.due_prompts()
    assert [m.id for m in await thanks.prompt_messages(prompt_id, message)] == [m.id for m in first]
    await thanks.prompt_sent(prompt_id, CHANNEL, 9000)
    later = await record(thanks, ALICE, 600, text="and one more")
    assert await thanks.due_prompts() == []  # waits for the window to gather what else she writes
    clock.now += COALESCE_SECONDS
    [(second, _, message)] = await thanks.due_prompts()
    assert [m.id for m in await thanks.prompt_messages(second, message)] == [later.id]


async def test_past_the_per_member_limit_messages_are_stored_and_marked_not_prompted(
    db, resources, deliveries, thanks, clock
):
    await deliver(resources, deliveries, ALICE, 10)
    for i in range(MEMBER_PROMPTS_PER_DAY):
        await record(thanks, ALICE, 500 + i)
        [(prompt_id, _, _)] = await thanks.due_prompts()
        await thanks.prompt_sent(prompt_id, CHANNEL, 9000 + i)
        clock.now += COALESCE_SECONDS
    held = await record(thanks, ALICE, 700, text="still writing")
    clock.now += 3600
    assert await thanks.due_prompts() == []
    assert await db.fetchval("SELECT over_limit FROM member_messages WHERE id = ?", (held.id,)) == 1
    _, total = await thanks.pending(MAYA.user_id, GUILD)
    assert total == MEMBER_PROMPTS_PER_DAY + 1  # every message still waits in /thanks pending
    clock.now += 86400
    await record(thanks, ALICE, 800, text="a day later")
    assert len(await thanks.due_prompts()) == 1


async def test_a_destination_past_its_pace_gets_a_summary_questions_first(resources, deliveries, thanks, flow):
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    places = await flow.reserve_messages(CHANNEL, DESTINATION_MESSAGES_PER_MINUTE + 1)
    assert len(places) == DESTINATION_MESSAGES_PER_MINUTE  # 3 a minute to one destination
    for i in range(DESTINATION_MESSAGES_PER_MINUTE):  # other members' prompts, a message each
        await deliver(resources, deliveries, 3000 + i, 30 + i)
        await thanks.prompt_sent(await db_prompt(thanks, 3000 + i, 500 + i), CHANNEL, 9000 + i)
    await flow.release_messages(places)  # recorded as sent: they count from the prompts now
    assert await flow.reserve_messages(CHANNEL, 1) == []
    await record(thanks, BOB, 600)
    await record(thanks, BOB, 601, label=Label.QUESTION, text="does it work in Sheets?")
    [(prompt_id, _, _)] = await thanks.due_prompts()
    summary = await flow.summarise([prompt_id], CHANNEL, MAYA.user_id, GUILD)
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("question", 1), ("thanks", 1)]
    assert await thanks.due_prompts() == []
    [claimed] = await flow.due_summaries()
    assert claimed["id"] == summary
    await flow.summary_shown(summary, 4242, claimed["version"])
    assert await flow.due_summaries() == []
    assert await flow.summarise([], CHANNEL, MAYA.user_id, GUILD) == summary  # the same one, edited


async def test_a_prompt_counted_while_the_summary_is_being_sent_is_shown_by_the_next_edit(
    db, resources, deliveries, thanks, flow, clock
):
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    await record(thanks, ALICE, 500)
    [(first, _, _)] = await thanks.due_prompts()
    summary = await flow.summarise([first], CHANNEL, MAYA.user_id, GUILD)
    [claimed] = await flow.due_summaries()  # this process reads the counts and starts posting...
    other = InboxFlow(db, clock=clock)  # ...while another process's worker counts one more prompt in it
    await record(thanks, BOB, 600)
    [(second, _, _)] = await thanks.due_prompts()
    assert await other.summarise([second], CHANNEL, MAYA.user_id, GUILD) == summary
    await flow.summary_shown(summary, 4242, claimed["version"])  # the post showed one thank-you
    assert await db.fetchval("SELECT dirty FROM inbox_summaries WHERE id = ?", (summary,)) == 1
    assert await flow.due_summaries() == [], "edited at its pace, not at once"
    clock.now += SUMMARY_EDIT_SECONDS
    [again] = await flow.due_summaries()
    assert (again["id"], again["message_id"]) == (summary, 4242)
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 2)]
    await flow.summary_shown(summary, 4242, again["version"])
    clock.now += SUMMARY_EDIT_SECONDS
    assert await flow.due_summaries() == [], "nothing changed during the edit: clean"


async def db_prompt(thanks: ThanksService, member: int, source: int) -> int:
    message = await record(thanks, member, source)
    return next(p for p, _, m in await thanks.due_prompts() if m.id == message.id)


async def test_waiting_past_expire_days_is_no_answer_given_and_counted_unanswered(
    db, resources, deliveries, thanks, flow, clock
):
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    old = await record(thanks, ALICE, 500)
    clock.now += 29 * 86400
    recent = await record(thanks, BOB, 501)
    clock.now += 2 * 86400  # old: 31 days, recent: 2 days
    assert await flow.expire() == 1
    assert (await thanks.get(old.id)).status == Status.EXPIRED
    assert (await thanks.get(recent.id)).status == Status.WAITING
    _, total = await thanks.pending(MAYA.user_id, GUILD)
    assert total == 1
    stats = await StatsService(db, clock=clock).for_owner(MAYA.user_id, GUILD)
    assert (stats.overall.answered, stats.overall.waiting, stats.overall.expired) == (0, 1, 1)
    await db.execute("INSERT INTO guild_settings (guild_id, expire_days, updated_at) VALUES (?, 1, 0)", (GUILD,))
    assert await flow.expire() == 1


async def test_thanks_for_a_relayed_reply_is_acknowledged_not_waiting(resources, deliveries, thanks):
    await deliver(resources, deliveries, ALICE, 10)
    first = await record(thanks, ALICE, 500)
    await thanks.close(first.id, MAYA, Status.ANSWERED, AnsweredHow.RELAYED, reply_message_id=4321)
    again = await record(thanks, ALICE, 501, text="thank you for answering!")
    assert again.status == Status.ACKNOWLEDGED
    assert [m.id for _, _, m in await thanks.due_prompts()] == [first.id]  # no prompt for the thanks
    also = await record(thanks, ALICE, 502, text="thanks again!")
    assert also.status == Status.ACKNOWLEDGED
    question = await record(thanks, ALICE, 503, label=Label.QUESTION, text="can I share it?")
    assert question.status == Status.WAITING
    answered_myself = await record(thanks, ALICE, 504)  # the newest one is waiting: no reply to thank for
    assert answered_myself.status == Status.WAITING


async def test_the_schema_change_keeps_messages_prompts_and_choices(tmp_path: Path) -> None:
    db = Database(tmp_path / "h.db")
    await db.connect()
    migrations = load_migrations()
    before = next(i for i, m in enumerate(migrations) if m.name == "inbox_scale")
    await migrate(db, migrations[:before])
    await db.execute(
        "INSERT INTO member_messages (id, source_id, member_id, label, via, content, status, received_at)"
        " VALUES (1, 5, 7, 'thanks', 'dm', 'hi', 'waiting', 1)"
    )
    await db.execute("INSERT INTO prompts (member_message_id, next_attempt_at, created_at) VALUES (1, 1, 1)")
    await db.execute("INSERT INTO route_choices (member_message_id, created_at) VALUES (1, 1)")
    await migrate(db, migrations)
    assert tuple(await db.fetchone("SELECT id, prompt_id, over_limit FROM member_messages")) == (1, 1, 0)
    assert await db.fetchval("SELECT COUNT(*) FROM route_choices") == 1
    await db.execute("DELETE FROM member_messages")  # the children still follow their parent
    assert await db.fetchval("SELECT COUNT(*) FROM prompts") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM route_choices") == 0
    await db.close()


async def test_reply_to_all_queues_one_send_per_thanking_member_never_for_questions(
    db, resources, deliveries, thanks, clock
):
    from bot.core.errors import Conflict, Forbidden
    from bot.core.reply_all import ReplyAllService
    from tests.test_thanks import STRANGER

    service = ReplyAllService(db, clock=clock)
    delivery = await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    await record(thanks, ALICE, 500)
    await record(thanks, ALICE, 501, text="really, thanks")
    question = await record(thanks, BOB, 502, label=Label.QUESTION, text="does it work in Sheets?")
    args = {
        "resource_id": delivery.resource_id, "owner_id": MAYA.user_id, "guild_id": GUILD, "resource_title": "Plan",
        "author_name": "Maya", "author_avatar": None, "text": "Thanks, all of you!", "days": 7,
    }  # fmt: skip
    with pytest.raises(Forbidden):
        await service.queue(source_id=1, actor=STRANGER, **args)
    queued = await service.queue(source_id=2, actor=MAYA, **args)
    assert queued is not None and queued.members == 1
    assert await service.queue(source_id=2, actor=MAYA, **args) is None  # the same submit, replayed
    with pytest.raises(Conflict):
        await service.queue(source_id=3, actor=MAYA, **args)  # nobody is waiting with thanks any more
    assert (await thanks.get(question.id)).status == Status.WAITING
    [send] = await service.due_sends()
    assert send.member_id == ALICE
    await service.undeliverable(send, "discord 403 50007")  # DMs closed: back in /thanks pending
    _, total = await thanks.pending(MAYA.user_id, GUILD)
    assert total == 3


async def test_a_prompt_of_a_refused_batch_waits_for_a_place_and_is_remembered_until_sent_or_set_aside(
    resources, deliveries, thanks, clock
):
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    alice, bob = await db_prompt(thanks, ALICE, 500), await db_prompt(thanks, BOB, 501)
    await thanks.prompt_waits_for_place(alice, "discord 400 50035: Invalid Form Body", 60)
    await thanks.prompt_waits_for_place(bob, "discord 400 50035: Invalid Form Body", 60)
    assert await thanks.refused_in_batch([alice, bob]) == {alice, bob}
    assert await thanks.due_prompts() == [], "due once the destination's minute has room"
    clock.now += 60
    assert {p for p, _, _ in await thanks.due_prompts()} == {alice, bob}
    # A passing failure (Discord unavailable) does not tell them apart: still marked.
    await thanks.prompt_failed(alice, 1, "discord 503 0: Service Unavailable")
    await thanks.prompt_failed(bob, 1, "discord 503 0: Service Unavailable")
    assert await thanks.refused_in_batch([alice, bob]) == {alice, bob}
    clock.now += 3600
    assert {p for p, _, _ in await thanks.due_prompts()} == {alice, bob}
    await thanks.prompt_sent(alice, CHANNEL, 9000)
    await thanks.prompt_refused(bob, "discord 400 50035: Invalid Form Body")
    assert await thanks.refused_in_batch([alice, bob]) == set(), "told apart: sent, or set aside"
    assert await thanks.refused_in_batch([]) == set()


DMS = 888  # the creator's DM channel: where prompts go once the inbox channel is dropped


async def summarised(thanks: ThanksService, flow: InboxFlow, member: int, source: int, channel: int) -> tuple[int, int]:
    """A thank-you from ``member`` (who got a resource), its prompt counted in Maya's summary at
    ``channel`` (that destination past its pace): (prompt id, summary id)."""
    await record(thanks, member, source)
    [(prompt_id, _, _)] = await thanks.due_prompts()
    return prompt_id, await flow.summarise([prompt_id], channel, MAYA.user_id, GUILD)


async def test_a_summary_whose_inbox_was_dropped_moves_to_the_new_destination_and_is_posted_afresh(
    db, resources, deliveries, thanks, flow, clock
):
    await deliver(resources, deliveries, ALICE, 10)
    prompt_id, summary = await summarised(thanks, flow, ALICE, 500, CHANNEL)
    [claimed] = await flow.due_summaries()
    await flow.summary_shown(summary, 4242, claimed["version"])
    await flow.summarise([], CHANNEL, MAYA.user_id, GUILD)  # counted again: due for an edit
    clock.now += SUMMARY_EDIT_SECONDS
    [claimed] = await flow.due_summaries()
    assert await flow.move_summary(summary, DMS, MAYA.user_id, GUILD) == summary
    moved = await db.fetchone("SELECT channel_id, message_id, dirty FROM inbox_summaries WHERE id = ?", (summary,))
    assert tuple(moved) == (DMS, None, 1)  # to be posted there, not edited in the old channel
    assert await db.fetchval("SELECT channel_id FROM prompts WHERE id = ?", (prompt_id,)) == DMS
    await flow.summary_shown(summary, 5353, claimed["version"])
    assert await flow.due_summaries() == []
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 1)]  # nothing lost
    # Prompts at the new destination past its pace are counted in the same summary from now on.
    assert await flow.summarise([], DMS, MAYA.user_id, GUILD) == summary


async def test_a_moved_summary_joins_the_one_already_open_at_the_new_destination(
    db, resources, deliveries, thanks, flow, clock
):
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    _, old = await summarised(thanks, flow, ALICE, 500, CHANNEL)
    _, open_there = await summarised(thanks, flow, BOB, 600, DMS)
    for claimed in await flow.due_summaries():
        await flow.summary_shown(claimed["id"], 4000 + claimed["id"], claimed["version"])
    await flow.summarise([], CHANNEL, MAYA.user_id, GUILD)
    clock.now += SUMMARY_EDIT_SECONDS
    [claimed] = await flow.due_summaries()
    assert claimed["id"] == old
    assert await flow.move_summary(old, DMS, MAYA.user_id, GUILD) is None  # merged: nothing to post
    assert await flow.summary_counts(old) == []
    assert [(c.label, c.n) for c in await flow.summary_counts(open_there)] == [("thanks", 2)]
    [due] = await flow.due_summaries()
    assert (due["id"], due["message_id"]) == (open_there, 4000 + open_there)  # edited in place


async def test_a_summary_posted_elsewhere_than_saved_for_is_edited_where_it_was_posted(
    db, resources, deliveries, thanks, flow
):
    await deliver(resources, deliveries, ALICE, 10)
    _, summary = await summarised(thanks, flow, ALICE, 500, CHANNEL)
    [claimed] = await flow.due_summaries()
    await flow.summary_shown(summary, 4242, claimed["version"], channel_id=DMS)  # the inbox refused it
    assert await db.fetchval("SELECT channel_id FROM inbox_summaries WHERE id = ?", (summary,)) == DMS


async def test_answering_a_summarised_message_makes_its_summary_due_for_an_edit_at_its_pace(
    db, resources, deliveries, thanks, flow, clock
):
    from bot.core.reply_all import ReplyAllService

    await deliver(resources, deliveries, ALICE, 10)
    delivery = await deliver(resources, deliveries, BOB, 20)
    _, summary = await summarised(thanks, flow, ALICE, 500, CHANNEL)
    bob_prompt, _ = await summarised(thanks, flow, BOB, 600, CHANNEL)
    [claimed] = await flow.due_summaries()
    await flow.summary_shown(summary, 4242, claimed["version"])
    alice = await db.fetchval("SELECT member_message_id FROM prompts WHERE id <> ?", (bob_prompt,))

    await thanks.close(alice, MAYA, Status.NO_REPLY_NEEDED)  # from /thanks pending
    assert await flow.due_summaries() == [], "edited at its pace, not at once"
    clock.now += SUMMARY_EDIT_SECONDS
    [again] = await flow.due_summaries()
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 1)]
    await flow.summary_shown(summary, 4242, again["version"])

    replies = ReplyAllService(db, clock=clock)
    args = {
        "resource_id": delivery.resource_id, "owner_id": MAYA.user_id, "guild_id": GUILD, "resource_title": "Plan",
        "author_name": "Maya", "author_avatar": None, "text": "Thanks, all of you!", "days": 7,
    }  # fmt: skip
    await replies.queue(source_id=1, actor=MAYA, **args)
    clock.now += SUMMARY_EDIT_SECONDS
    [again] = await flow.due_summaries()
    assert await flow.summary_counts(summary) == []  # "Nothing here is waiting for you any more"
    await flow.summary_shown(summary, 4242, again["version"])

    [send] = await replies.due_sends()
    await replies.undeliverable(send, "discord 403 50007")  # Bob's DMs are closed: waiting again
    clock.now += SUMMARY_EDIT_SECONDS
    [again] = await flow.due_summaries()
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 1)]


async def test_answering_a_message_no_summary_counts_touches_no_summary(db, resources, deliveries, thanks, flow, clock):
    await deliver(resources, deliveries, ALICE, 10)
    await deliver(resources, deliveries, BOB, 20)
    _, summary = await summarised(thanks, flow, ALICE, 500, CHANNEL)
    [claimed] = await flow.due_summaries()
    await flow.summary_shown(summary, 4242, claimed["version"])
    bob = await record(thanks, BOB, 600)
    [(prompt_id, _, _)] = await thanks.due_prompts()
    await thanks.prompt_sent(prompt_id, CHANNEL, 9000)  # prompted on its own, not summarised
    await thanks.close(bob.id, MAYA, Status.NO_REPLY_NEEDED)
    clock.now += SUMMARY_EDIT_SECONDS
    assert await flow.due_summaries() == []


async def test_closing_a_prompts_messages_is_all_or_nothing(db, resources, deliveries, thanks, flow, monkeypatch):
    """Answering from a prompt closes the message, the others it quotes and marks their summary for
    an edit in one transaction: a failure at the last step leaves nothing half done."""
    from bot.db import inbox_flow as flow_sql

    await deliver(resources, deliveries, ALICE, 10)
    first = await record(thanks, ALICE, 500, text="thanks!")
    second = await record(thanks, ALICE, 501, text="really, thanks")  # the same prompt quotes both
    [(prompt_id, _, _)] = await thanks.due_prompts()
    summary = await flow.summarise([prompt_id], CHANNEL, MAYA.user_id, GUILD)
    [claimed] = await flow.due_summaries()
    await flow.summary_shown(summary, 4242, claimed["version"])

    def crash(conn, message_ids):
        raise RuntimeError("the process died here")

    with monkeypatch.context() as patched:
        patched.setattr(flow_sql, "counts_changed", crash)
        with pytest.raises(RuntimeError):
            await thanks.close(first.id, MAYA, Status.ANSWERED, AnsweredHow.THEMSELVES, with_prompt=True)
    assert [(await thanks.get(m.id)).status for m in (first, second)] == [Status.WAITING, Status.WAITING]
    _, total = await thanks.pending(MAYA.user_id, GUILD)
    assert total == 2

    await thanks.close(first.id, MAYA, Status.ANSWERED, AnsweredHow.THEMSELVES, with_prompt=True)
    assert [(await thanks.get(m.id)).status for m in (first, second)] == [Status.ANSWERED, Status.ANSWERED]
    assert await db.fetchval("SELECT dirty FROM inbox_summaries WHERE id = ?", (summary,)) == 1


async def test_messages_expired_or_deleted_make_their_summary_due_for_an_edit(
    db, resources, deliveries, thanks, flow, clock
):
    """A summary must not keep counting messages that expired ("no answer given") or were deleted
    with the member's data: both make it due for an edit, as an answer does."""
    from bot.core.stats import PrivacyService

    await deliver(resources, deliveries, ALICE, 10)
    await record(thanks, ALICE, 500)
    clock.now += 20 * 86400
    for member, source in ((BOB, 20), (2003, 30)):
        await deliver(resources, deliveries, member, source)
        await record(thanks, member, source * 30)
    prompt_ids = [prompt_id for prompt_id, _, _ in await thanks.due_prompts()]
    summary = await flow.summarise(prompt_ids, CHANNEL, MAYA.user_id, GUILD)
    [claimed] = await flow.due_summaries()
    await flow.summary_shown(summary, 4242, claimed["version"])
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 3)]

    clock.now += 11 * 86400  # Alice's thank-you has waited 31 days
    assert await flow.expire() == 1
    clock.now += SUMMARY_EDIT_SECONDS
    [again] = await flow.due_summaries()
    assert again["id"] == summary
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 2)]
    await flow.summary_shown(summary, 4242, again["version"])

    await PrivacyService(db).delete(BOB)  # "Delete my data"
    clock.now += SUMMARY_EDIT_SECONDS
    [again] = await flow.due_summaries()
    assert again["id"] == summary
    assert [(c.label, c.n) for c in await flow.summary_counts(summary)] == [("thanks", 1)]


async def test_messages_expiring_together_mark_every_summary_counting_them_whatever_the_batch(
    db, resources, deliveries, thanks, flow, clock, monkeypatch
):
    """Expiry hands over every expired message at once; they are marked in batches (a statement's
    parameters are bounded). Batches of two over five messages in three summaries: none is missed."""
    from bot.db import inbox_flow as flow_sql

    monkeypatch.setattr(flow_sql, "_IDS_PER_STATEMENT", 2)
    summaries = []
    for n, member in enumerate((ALICE, BOB, 2003, 2004, 2005)):
        await deliver(resources, deliveries, member, 10 + n)
        _, summary = await summarised(thanks, flow, member, 500 + n, CHANNEL + n % 3)
        summaries.append(summary)
    assert len(set(summaries)) == 3
    for claimed in await flow.due_summaries():
        await flow.summary_shown(claimed["id"], 4242, claimed["version"])
    assert await flow.due_summaries() == []

    clock.now += 31 * 86400
    assert await flow.expire() == 5
    clock.now += SUMMARY_EDIT_SECONDS
    assert sorted(row["id"] for row in await flow.due_summaries()) == sorted(set(summaries))
    assert [await flow.summary_counts(summary) for summary in set(summaries)] == [[], [], []]
