"""A prompt the inbox channel refuses for good goes to the creator's DMs instead: the pace of 3
prompt messages a minute is per destination, so it takes a place at the DMs, not the channel's."""

from __future__ import annotations

from tests.e2e.stories import add_resource, fans, private_inbox, set_inbox, value

SENT = "SELECT COUNT(*) FROM prompts WHERE status = 'sent'"


def prompt_messages(standin, scene) -> list:
    return [m for m in standin.dms_to(scene.creator) if m.has_button("Reply personally")]


async def test_a_prompt_falling_back_to_dms_keeps_to_the_dms_pace(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    writers = fans(standin, scene, bot, 4)
    # No inbox yet: three prompt messages to the creator's DMs, one after another, in one minute.
    for i, writer in enumerate(writers[:3], start=1):
        await standin.send_dm(writer, f"thanks, number {i}")
        await standin.wait_until(lambda i=i: value(bot, SENT) == i, 20, f"prompt {i} sent")
    assert len(prompt_messages(standin, scene)) == 3
    # Now an inbox channel, which has room; Discord refuses every post there (access lost).
    inbox = await private_inbox(standin, scene)
    await set_inbox(standin, scene, inbox)
    standin.faults.add(method="POST", path=rf"^/channels/{inbox.id}/messages$", status=403, code=50013, times=None)

    await standin.send_dm(writers[3], "thanks, number 4")
    await standin.wait_until(
        lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status != 'queued'") == 4, 20, "the fourth handled"
    )
    assert value(bot, "SELECT inbox_channel_id FROM guild_settings") is None  # turned off
    # The DMs are at their pace: the fourth is counted in the summary there, not a fourth message.
    assert len(prompt_messages(standin, scene)) == 3, "a fourth prompt message to the DMs in a minute"
    creator_dm = standin.world.dm_channel(scene.creator)
    assert value(bot, "SELECT status FROM prompts ORDER BY id DESC LIMIT 1") == "summarised"
    assert value(bot, "SELECT channel_id FROM inbox_summaries") == creator_dm.id
    summary = await standin.wait_for_dm(
        scene.creator, lambda m: m.has_button("Open them in /thanks pending"), timeout=20
    )
    assert "1 new message(s) are waiting" in summary.text
    assert value(bot, "SELECT COUNT(*) FROM prompt_pace") == 0  # every reservation released
    assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") == len(writers)
