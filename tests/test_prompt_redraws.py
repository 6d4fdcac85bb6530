"""Prompts already sent are drawn again when what they quote changes (against a real database).

The member edits their DM, deletes it, or deletes their data: the change and the mark "redraw
that Discord message" are one transaction, and the layout says what the message shows now."""

from __future__ import annotations

import pytest

from bot.core.classifier import Label
from bot.core.prompt_redraws import PromptRedraws
from bot.core.stats import PrivacyService
from bot.core.thanks import ThanksService
from bot.db import queues
from bot.db.cluster import DEAD_AFTER_SECONDS
from bot.db.database import Database
from tests.conftest import Clock
from tests.test_cluster import beat
from tests.test_data_rights import ALICE, BOB, BRAM, GUILD_A, MAYA, deliver
from tests.test_data_rights import deliveries as deliveries  # a fixture

CHANNEL = 7000  # the creator's DM channel
PROMPT_MESSAGE = 9000


@pytest.fixture
def thanks(db: Database, clock: Clock) -> ThanksService:
    return ThanksService(db, clock=clock)


@pytest.fixture
def redraws(db: Database, clock: Clock) -> PromptRedraws:
    return PromptRedraws(db, clock=clock, process_id="one")


async def dm(thanks: ThanksService, member: int, source: int, text: str):
    """A member's DM, stored for the creator of their latest delivery, with its prompt queued."""
    stored, _ = await thanks.record_routed(
        member_id=member, source_id=source, text=text, label=Label.THANKS, via="dm", locale="en", member_name="Al"
    )
    return stored


async def send_together(thanks: ThanksService, message_id: int = PROMPT_MESSAGE) -> list[int]:
    """The due prompts go out as one Discord message, in the order they were due."""
    due = await thanks.due_prompts()
    for position, (prompt_id, _, _) in enumerate(due):
        await thanks.prompt_sent(prompt_id, CHANNEL, message_id, (position, len(due)))
    return [prompt_id for prompt_id, _, _ in due]


async def test_an_edit_after_the_prompt_went_out_redraws_it_with_the_new_words(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    message = await dm(thanks, ALICE, 500, "thanks! the link works")
    assert await redraws.due() == []  # a prompt still to come is drawn fresh when it goes
    await send_together(thanks)
    assert await redraws.due() == []  # nothing changed

    marked_at = clock.now
    assert await thanks.member_edited(500, "thanks! oh wait, page 3 is missing")
    clock.now += 30
    await thanks.member_edited(500, "thanks! oh wait, page 3 is missing!")  # marked again: as old as the first
    assert (await queues.waiting(db))["redraws"] == (1, int(marked_at))  # what an operator sees
    (redraw,) = await redraws.due()
    assert (redraw.message_id, redraw.channel_id, redraw.owner_id, redraw.guild_id) == (
        PROMPT_MESSAGE,
        CHANNEL,
        MAYA.user_id,
        GUILD_A,
    )
    (shown,) = await redraws.layout(redraw)
    assert [m.content for m in shown.quoted] == ["thanks! oh wait, page 3 is missing!"]
    assert shown.first.id == message.id and shown.open
    await redraws.done(redraw)
    assert await redraws.due() == []  # drawn: forgotten


async def test_a_change_during_a_redraw_is_drawn_again(db, resources, deliveries, thanks, redraws, clock):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await send_together(thanks)
    await thanks.member_edited(500, "thanks! page 3?")
    await beat(db, "one", clock)
    (first,) = await redraws.due()
    await thanks.member_deleted(500)  # while the first redraw is drawn from the edited words
    other = PromptRedraws(db, clock=clock, process_id="two")
    assert await other.due() == []  # still this process's: no other draws the older and newer at once
    await redraws.done(first)
    assert await other.due() == []
    (again,) = await redraws.due()  # this process draws it again
    assert again.version == first.version + 1
    (shown,) = await redraws.layout(again)
    assert shown.quoted[0].content == "" and shown.quoted[0].text_removed_why == "deleted"


async def test_a_burst_message_edited_later_redraws_the_prompt_that_quotes_it(
    resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await dm(thanks, ALICE, 501, "one more thing: is there a Dutch version?")  # joins the queued prompt
    await send_together(thanks)
    await thanks.member_edited(501, "one more thing: is there a German version?")
    (redraw,) = await redraws.due()
    (shown,) = await redraws.layout(redraw)
    assert [m.content for m in shown.quoted] == ["thanks!", "one more thing: is there a German version?"]


async def test_delete_my_data_leaves_a_gap_where_her_prompt_was_and_keeps_the_others(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await deliver(resources, deliveries, GUILD_A, MAYA, BRAM, 20)
    await dm(thanks, ALICE, 500, "thanks, call me on 0612345678")
    bram = await dm(thanks, BRAM, 501, "thank you!")
    assert len(await send_together(thanks)) == 2  # one Discord message, two prompts

    await PrivacyService(db, clock=clock).delete(ALICE)
    (redraw,) = await redraws.due()
    assert redraw.embeds == 2
    layout = await redraws.layout(redraw)
    assert layout[0] is None  # her prompt: neither her words nor her name
    assert layout[1] is not None and layout[1].first.id == bram.id and layout[1].open
    # The mark holds nothing of hers: where the message is, and whose it is.
    stored = await db.fetchall("SELECT * FROM prompt_redraws")
    assert ALICE not in [value for row in stored for value in row]


async def test_a_message_sent_before_prompts_kept_their_place_is_not_redrawn(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await send_together(thanks)
    await db.execute("UPDATE prompts SET position = NULL, message_embeds = NULL")  # as migration 0023 left them
    await thanks.member_deleted(500)
    (redraw,) = await redraws.due()
    assert await redraws.layout(redraw) is None


async def test_a_form_message_and_an_unknown_dm_mark_nothing(resources, deliveries, thanks, redraws, clock):
    delivery = await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await thanks.record(
        member_id=ALICE, source_id=600, text="from the form", label=Label.THANKS, via="modal", locale="en",
        delivery_id=delivery.id,
    )  # fmt: skip
    await send_together(thanks)
    assert await thanks.member_edited(600, "edited?") is False
    assert await thanks.member_deleted(600) is False
    assert await thanks.member_deleted(999) is False
    assert await redraws.due() == []


async def test_a_redraw_discord_fails_is_tried_again_later_and_never_dropped(
    resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await send_together(thanks)
    await thanks.member_deleted(500)
    delays = []
    for _ in range(12):
        (redraw,) = await redraws.due()
        delays.append(await redraws.failed(redraw))
        assert await redraws.due() == []  # not before its time
        clock.now += delays[-1] + 1
    assert delays == sorted(delays) and delays[0] > 0 and delays[-1] == 3600  # growing, up to an hour
    assert len(await redraws.due()) == 1  # still there
    assert await thanks.member_edited(500, "x") is False  # deleted words stay deleted: nothing to mark


async def test_a_redraw_taken_by_a_process_that_died_is_due_again(resources, deliveries, thanks, db, clock):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await send_together(thanks)
    await thanks.member_deleted(500)
    one, two = PromptRedraws(db, clock=clock, process_id="one"), PromptRedraws(db, clock=clock, process_id="two")
    await beat(db, "one", clock)
    await beat(db, "two", clock)
    assert len(await one.due()) == 1
    assert await two.due() == []  # the other process does not draw it at the same time
    assert await two.seconds_until_next() > 0  # nor spins on it
    clock.now += DEAD_AFTER_SECONDS + 1  # the first stopped heartbeating: it died without a word
    await beat(db, "two", clock)
    assert await two.seconds_until_next() == 0
    assert len(await two.due()) == 1


async def send_as_the_worker(thanks: ThanksService, change=None) -> None:
    """The worker's send: the prompts' versions read, then their words; ``change`` happens while the
    message is on its way to Discord; then the send is recorded."""
    due = await thanks.due_prompts()
    read = await thanks.quoted_versions([prompt_id for prompt_id, _, _ in due])
    for prompt_id, _, first in due:
        await thanks.prompt_messages(prompt_id, first)  # the words drawn into the embed
    if change is not None:
        await change()
    for position, (prompt_id, _, first) in enumerate(due):
        await thanks.prompt_sent(
            prompt_id, CHANNEL, PROMPT_MESSAGE, (position, len(due)), first=first, read_version=read[prompt_id]
        )


async def test_a_prompt_sent_with_nothing_changed_on_the_way_is_not_redrawn(
    resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await dm(thanks, ALICE, 501, "and one more thing")  # a burst, joined before the prompt was read
    await send_as_the_worker(thanks)
    assert await redraws.due() == []  # no second request for what the creator already reads


async def test_an_edit_while_the_prompt_is_on_its_way_redraws_it_once_sent(
    resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks! the link works")
    await send_as_the_worker(thanks, lambda: thanks.member_edited(500, "thanks! page 3 is missing"))
    (redraw,) = await redraws.due()
    (shown,) = await redraws.layout(redraw)
    assert shown.quoted[0].content == "thanks! page 3 is missing"


async def test_a_burst_message_joining_a_prompt_on_its_way_is_shown_once_it_is_sent(
    resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks!")
    await send_as_the_worker(thanks, lambda: dm(thanks, ALICE, 501, "is there a Dutch version?"))
    (redraw,) = await redraws.due()
    (shown,) = await redraws.layout(redraw)
    assert [m.content for m in shown.quoted] == ["thanks!", "is there a Dutch version?"]


async def test_delete_my_data_while_her_prompt_is_on_its_way_redraws_it_once_sent(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks, call me on 0612345678")
    await send_as_the_worker(thanks, lambda: PrivacyService(db, clock=clock).delete(ALICE))
    (redraw,) = await redraws.due()
    assert (redraw.message_id, redraw.channel_id, redraw.owner_id, redraw.embeds) == (
        PROMPT_MESSAGE,
        CHANNEL,
        MAYA.user_id,
        1,
    )
    assert await redraws.layout(redraw) == [None]  # drawn as "removed at the member's request"


async def digest_sent_as_the_worker(thanks: ThanksService, change=None, message_id: int = 9500) -> int:
    """A day later, the reminder digest: its messages read, ``change`` while it is on its way, sent."""
    assert await thanks.queue_due_digests() == 1
    [(digest_id, owner, guild, _)] = await thanks.due_digests()
    items = await thanks.digest_items(owner, guild)
    if change is not None:
        await change()
    await thanks.digest_sent(digest_id, CHANNEL, message_id, len(items), items)
    return digest_id


async def test_a_digest_that_listed_a_dm_is_redrawn_when_it_is_edited_or_deleted(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await deliver(resources, deliveries, GUILD_A, MAYA, BRAM, 20)
    await dm(thanks, ALICE, 500, "thanks, call me on 0612345678")
    await dm(thanks, BRAM, 501, "thank you!")
    await send_together(thanks)
    clock.now += 2 * 86400
    digest_id = await digest_sent_as_the_worker(thanks)
    assert await redraws.due() == []  # nothing changed on its way

    await thanks.member_deleted(500)
    due = await redraws.due()
    assert sorted((r.message_id, r.digest_id) for r in due) == [(PROMPT_MESSAGE, None), (9500, digest_id)]
    digest = await redraws.digest_layout(next(r for r in due if r.digest_id))
    assert [m.content for m in digest.items] == ["", "thank you!"] and digest.listed == 2
    assert digest.items[0].text_removed_why == "deleted"

    # Delete my data: her line goes, his stays.
    for redraw in due:
        await redraws.done(redraw)
    await PrivacyService(db, clock=clock).delete(ALICE)
    (redraw,) = [r for r in await redraws.due() if r.digest_id]
    digest = await redraws.digest_layout(redraw)
    assert digest.items[0] is None and digest.items[1].content == "thank you!"


async def test_a_dm_deleted_while_the_digest_is_on_its_way_redraws_it_once_sent(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks, call me on 0612345678")
    await send_together(thanks)
    clock.now += 2 * 86400
    digest_id = await digest_sent_as_the_worker(thanks, lambda: thanks.member_deleted(500))
    due = [r for r in await redraws.due() if r.digest_id]
    assert [r.digest_id for r in due] == [digest_id]


async def test_delete_my_data_while_the_digest_is_on_its_way_redraws_it_once_sent(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await dm(thanks, ALICE, 500, "thanks, call me on 0612345678")
    await send_together(thanks)
    clock.now += 2 * 86400
    await digest_sent_as_the_worker(thanks, lambda: PrivacyService(db, clock=clock).delete(ALICE))
    (redraw,) = [r for r in await redraws.due() if r.digest_id]
    assert (await redraws.digest_layout(redraw)).items == [None]


async def test_a_digest_never_lists_a_message_that_took_a_deleted_ones_id(
    db, resources, deliveries, thanks, redraws, clock
):
    await deliver(resources, deliveries, GUILD_A, MAYA, ALICE, 10)
    await deliver(resources, deliveries, GUILD_A, BOB, BRAM, 20, name="other")  # another creator's
    await dm(thanks, ALICE, 500, "thanks, call me on 0612345678")
    await send_together(thanks)
    clock.now += 2 * 86400

    async def she_deletes_her_data_and_he_writes_his_creator():
        await PrivacyService(db, clock=clock).delete(ALICE)
        # On SQLite his message may take her message's id (the highest rowid, freed).
        await dm(thanks, BRAM, 501, "thank you Bob, private words for Bob")

    await digest_sent_as_the_worker(thanks, she_deletes_her_data_and_he_writes_his_creator)
    (redraw,) = [r for r in await redraws.due() if r.digest_id]
    assert redraw.owner_id == MAYA.user_id
    assert (await redraws.digest_layout(redraw)).items == [None]  # never his words, in her creator's digest
