"""A batch of prompts Discord refuses (400) is split and sent again in parts, each a message of its
own: the parts keep to the destination's pace of 3 prompt messages a minute like any message. A part
left without a place holds the prompt Discord refuses: it is not counted in the summary (which says
its messages wait to be shown) but waits for room, until the refused one is alone and set aside."""

from __future__ import annotations

from bot.cogs import retry
from tests.e2e.stories import add_resource, execute, fans, value
from tests.e2e.test_inbox_scale_e2e import until

SEND = "POST /channels/{channel_id}/messages"
QUEUED = "SELECT COUNT(*) FROM prompts WHERE status = 'queued'"
PROMPT_OF = "SELECT p.status FROM prompts p JOIN member_messages m ON m.id = p.member_message_id WHERE m.content = ?"
REFUSED_TEXT = "thanks REFUSE-ME"


async def reservations_released(standin, bot) -> None:
    """Every place the worker reserved is given back. Released once the sends are recorded, so a
    moment after the last prompt reads sent: waited for, not read at once."""
    pace = "SELECT COUNT(*) FROM prompt_pace"
    await standin.wait_until(lambda: value(bot, pace) == 0, 10, "every reservation released")


def prompt_messages(standin, scene) -> list:
    return [m for m in standin.dms_to(scene.creator) if m.has_button("Reply personally")]


async def refused_batch_at_the_pace(standin, scene, bot) -> list:
    """Six fans write; the first prompt goes out alone, the other five as one batch Discord refuses
    for the last one's words. Halving it sends [1, 2] and [3] (the minute's three places are then
    used) and leaves [4, REFUSE-ME] without a place. Returns the fans."""
    await add_resource(standin, scene)
    writers = fans(standin, scene, bot, 6)  # one prompt each (a member's burst would be one prompt)
    creator_dm = standin.world.dm_channel(scene.creator)
    to_creator = rf"^/channels/{creator_dm.id}/messages$"
    # Discord refuses every message carrying these words (its content, not the destination).
    standin.faults.add(
        method="POST", path=to_creator, status=400, code=50035, message="Invalid Form Body", when_body="REFUSE-ME",
        times=None,
    )  # fmt: skip
    # The first prompt message is held in flight: the next five queue meanwhile and are read as one
    # batch, one message (the first prompt message took one of the minute's three places).
    held = standin.faults.add(method="POST", path=to_creator, status=200, hold=True)
    try:
        await standin.send_dm(writers[0], "thanks, first!")
        await standin.wait_until(lambda: standin.rest.in_flight[SEND] == 1, 20, "the first prompt in flight")
        # Each stored before the next is sent, so the batch is in this order. The refused one last:
        # halving the batch sends [1, 2], then [3], then [4] before it is alone.
        texts = [f"thanks, number {i}" for i in range(1, 5)] + [REFUSED_TEXT]
        for i, (writer, text) in enumerate(zip(writers[1:], texts, strict=True), start=2):
            await standin.send_dm(writer, text)
            await standin.wait_until(lambda i=i: value(bot, QUEUED) == i, 20, f"prompt {i} queued")
    finally:
        held.release()
    # Four prompts in three messages; the last two either wait (queued, with the refusal noted) or,
    # as before, were counted in the summary.
    await standin.wait_until(
        lambda: (
            value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'sent'") == 4
            and value(
                bot,
                "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'"
                " OR (status = 'queued' AND last_error IS NOT NULL AND lease_owner IS NULL)",
            )
            == 2
        ),
        30,
        "the batch sent, refused or set to wait",
    )
    assert [r for r in standin.requests_to("POST", "/channels/{channel_id}/messages") if r.status == 400], "no split"
    assert len(prompt_messages(standin, scene)) == 3, "prompt messages to one destination in a minute"
    await reservations_released(standin, bot)
    return writers


async def test_a_refused_batch_split_into_parts_keeps_to_three_prompt_messages_a_minute(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    writers = await refused_batch_at_the_pace(standin, scene, bot)
    # None lost, none counted in a summary: the part left without a place holds the refused prompt.
    assert value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'") == 0
    assert value(bot, PROMPT_OF, REFUSED_TEXT) == "queued"
    assert value(bot, PROMPT_OF, "thanks, number 4") == "queued"
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == len(writers)


async def test_the_refused_prompt_of_a_split_batch_is_never_counted_in_the_summary(standin, scene, bot_process) -> None:
    bot = await bot_process()
    writers = await refused_batch_at_the_pace(standin, scene, bot)
    # Still within the minute, the two are due again with a new fan's prompt: the new one is past
    # the pace and counted in the summary; the two that may be refused are not, they wait again.
    execute(bot, "UPDATE prompts SET next_attempt_at = next_attempt_at - 60 WHERE status = 'queued'")
    [seventh, eighth] = fans(standin, scene, bot, 2)
    await standin.send_dm(seventh, "thanks, seventh")
    await standin.wait_until(
        lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 0 AND message_id IS NOT NULL") == 1,
        30,
        "summary shown",
    )
    [summary] = [m for m in standin.dms_to(scene.creator) if m.has_button("Open them in /thanks pending")]
    assert "1 new message(s) are waiting" in summary.text
    assert value(bot, PROMPT_OF, "thanks, seventh") == "summarised"
    assert value(bot, PROMPT_OF, REFUSED_TEXT) == "queued"
    # A minute later there is room: the batch is refused again and split until the refused prompt
    # is alone, set aside with Discord's reason; the others reach the creator.
    execute(bot, "UPDATE prompts SET sent_at = sent_at - 60, next_attempt_at = next_attempt_at - 60")
    await standin.send_dm(eighth, "thanks, eighth")
    await standin.wait_until(lambda: value(bot, PROMPT_OF, REFUSED_TEXT) == "refused", 30, "the refused one set aside")
    await standin.wait_until(lambda: value(bot, QUEUED) == 0, 30, "the others sent")
    assert value(bot, PROMPT_OF, "thanks, number 4") == "sent"
    assert value(bot, PROMPT_OF, "thanks, eighth") == "sent"
    assert "50035" in value(bot, "SELECT last_error FROM prompts WHERE status = 'refused'")
    assert len(prompt_messages(standin, scene)) == 5
    assert value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'") == 1
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == len(writers) + 2
    await reservations_released(standin, bot)


async def test_a_passing_failure_does_not_make_a_refused_batchs_prompt_countable(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await refused_batch_at_the_pace(standin, scene, bot)
    creator_dm = standin.world.dm_channel(scene.creator)
    # A minute later there is room, but Discord is unavailable for the next message (503, through
    # every attempt of bot/cogs/retry.py): the two still not told apart are retried later with that
    # error, and must stay marked as a refused batch's.
    execute(bot, "UPDATE prompts SET sent_at = sent_at - 60, next_attempt_at = next_attempt_at - 60")
    to_creator = rf"^/channels/{creator_dm.id}/messages$"
    unavailable = standin.faults.add(method="POST", path=to_creator, status=503, times=retry.ATTEMPTS)
    standin.faults.rules.remove(unavailable)
    standin.faults.rules.insert(0, unavailable)  # before the refusal: a Discord that is down judges nothing
    [seventh] = fans(standin, scene, bot, 1)
    await standin.send_dm(seventh, "thanks, seventh")
    failed = "SELECT COUNT(*) FROM prompts WHERE status = 'queued' AND lease_owner IS NULL AND last_error LIKE '%503%'"
    await until(lambda: value(bot, failed) == 3, 30, "the batch failed")
    # Before they are due again (10 s later), the minute is full again, as if the three prompt
    # messages had just gone out: past the pace, the new one is counted in the summary; the two
    # that may be refused are not, they wait for room.
    execute(bot, "UPDATE prompts SET sent_at = sent_at + 60 WHERE status = 'sent'")
    # Each handled once more when due (the new one first: one failed attempt, a shorter delay).
    still_failed = "SELECT COUNT(*) FROM prompts WHERE status = 'queued' AND last_error LIKE '%503%'"
    await until(lambda: value(bot, still_failed) == 0, 60, "the three handled again")
    await until(
        lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 0 AND message_id IS NOT NULL") == 1,
        60,
        "summary shown",
    )
    assert value(bot, PROMPT_OF, "thanks, seventh") == "summarised"
    assert value(bot, PROMPT_OF, REFUSED_TEXT) == "queued", "the prompt Discord refuses counted as waiting to be shown"
    assert value(bot, PROMPT_OF, "thanks, number 4") == "queued"
    [summary] = [m for m in standin.dms_to(scene.creator) if m.has_button("Open them in /thanks pending")]
    assert "1 new message(s) are waiting" in summary.text
