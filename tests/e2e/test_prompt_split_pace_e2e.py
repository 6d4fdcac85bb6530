"""A batch of prompts Discord refuses (400) is split and sent again in parts, each a message of its
own: the parts keep to the destination's pace of 3 prompt messages a minute like any message."""

from __future__ import annotations

from tests.e2e.stories import add_resource, fans, value

SEND = "POST /channels/{channel_id}/messages"
QUEUED = "SELECT COUNT(*) FROM prompts WHERE status = 'queued'"


async def test_a_refused_batch_split_into_parts_keeps_to_three_prompt_messages_a_minute(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
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
        texts = [f"thanks, number {i}" for i in range(1, 5)] + ["thanks REFUSE-ME"]
        for i, (writer, text) in enumerate(zip(writers[1:], texts, strict=True), start=2):
            await standin.send_dm(writer, text)
            await standin.wait_until(lambda i=i: value(bot, QUEUED) == i, 20, f"prompt {i} queued")
    finally:
        held.release()
    await standin.wait_until(lambda: value(bot, QUEUED) == 0, 30, "the batch sent, refused or summarised")
    await standin.wait_until(
        lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 30, "summary shown"
    )
    assert [r for r in standin.requests_to("POST", "/channels/{channel_id}/messages") if r.status == 400], "no split"
    prompt_messages = [m for m in standin.dms_to(scene.creator) if m.has_button("Reply personally")]
    assert len(prompt_messages) == 3, f"{len(prompt_messages)} prompt messages to one destination in a minute"
    assert value(bot, "SELECT COUNT(*) FROM prompt_pace") == 0  # every reservation released
    # None lost: those past the pace are counted in the summary, and all wait in /thanks pending.
    summarised = value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'summarised'")
    assert summarised == 2
    [summary] = [m for m in standin.dms_to(scene.creator) if m.has_button("Open them in /thanks pending")]
    assert f"{summarised} new message(s) are waiting" in summary.text
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == len(writers)
