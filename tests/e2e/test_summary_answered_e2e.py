"""A summary counts the messages still waiting for the creator ("12 new thank-you(s) about The
checklist"), rebuilt from the database at each edit. When the creator answers some of them, from
/thanks pending or with one reply to all who thanked, the summary counts down at its next edit, paced
like every other edit, down to "Nothing here is waiting for you any more"."""

from __future__ import annotations

import asyncio

from tests.e2e.stories import add_deliveries, add_resource, value
from tests.e2e.test_inbox_scale_e2e import until

THANKS = "thank you so much, this is great!"
BUTTON = "Open them in /thanks pending"
SUMMARISED_WAITING = (
    "SELECT COUNT(*) FROM member_messages m JOIN prompts p ON p.id = m.prompt_id"
    " WHERE p.status = 'summarised' AND m.status = 'waiting'"
)


async def summarised_burst(standin, scene, bot_process):
    """A burst of thank-yous past the creator's pace, the rest counted in a summary that is shown:
    (bot, fans, the summary message, how many it counts)."""
    world = standin.world
    bot = await bot_process()
    await add_resource(standin, scene)
    fans = [world.add_member(scene.guild, world.add_user(f"fan{i}", locale="en-US")) for i in range(19)]
    add_deliveries(bot, value(bot, "SELECT id FROM resources"), scene.guild.id, fans)
    for fan in fans:
        await standin.send_dm(fan, THANKS)
        await asyncio.sleep(0.02)
    handled = "SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'summarised')"
    await until(lambda: value(bot, handled) == len(fans), 60, "the burst prompted or summarised")
    await until(lambda: value(bot, "SELECT COUNT(*) FROM inbox_summaries WHERE dirty = 1") == 0, 60, "summary shown")
    [summary] = [m for m in standin.dms_to(scene.creator) if m.has_button(BUTTON)]
    counted = value(bot, SUMMARISED_WAITING)
    assert counted >= 2 and f"{counted} new thank-you(s)" in summary.text
    return bot, fans, summary, counted


async def test_the_summary_counts_down_as_the_creator_answers(standin, scene, bot_process) -> None:
    world = standin.world
    bot, _, summary, counted = await summarised_burst(standin, scene, bot_process)

    # The creator answers the newest one (counted in the summary) from the last page of /thanks pending.
    newest = value(bot, "SELECT id FROM member_messages ORDER BY received_at DESC, id DESC LIMIT 1")
    pages = -(-value(bot, "SELECT COUNT(*) FROM member_messages WHERE status = 'waiting'") // 4)
    page = await (await standin.slash(scene.creator, scene.general, "thanks pending", page=pages)).response(timeout=10)
    done = await standin.click(scene.creator, page, custom_id=f"handout:answer:none:{newest}")
    assert (await done.response(timeout=10)).ephemeral
    assert value(bot, SUMMARISED_WAITING) == counted - 1
    await standin.wait_until(
        lambda: f"{counted - 1} new thank-you(s)" in world.messages[summary.id].text, 30, "the summary counted down"
    )

    # Then everyone who thanked, with one reply from the summary itself.
    shown = world.messages[summary.id]
    click = await standin.click(scene.creator, shown, "Reply to all who thanked: The weekly checklist")
    words = "Thank you all, so glad it helps!"
    sent = await (await standin.submit_modal(scene.creator, click, {"text": words, "days": "7"})).response(timeout=10)
    assert sent.ephemeral
    await standin.wait_until(
        lambda: "Nothing here is waiting for you any more" in world.messages[summary.id].text,
        30,
        "the summary all answered",
    )
    final = world.messages[summary.id]
    assert "new thank-you(s)" not in final.text and final.pings == []
    # Edited in place: still one summary in the creator's DMs.
    assert [m.id for m in standin.dms_to(scene.creator) if m.has_button(BUTTON)] == [summary.id]
    assert "Thanks worker pass failed" not in bot.log_text()
    assert not standin.unknown_routes
