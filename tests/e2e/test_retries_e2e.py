"""Discord fails on the way: what trying again can fix is retried, the rest is said plainly."""

from __future__ import annotations

import asyncio

from bot import i18n
from tests.e2e.stories import PDF, add_resource, attachment_bytes, rows, share, value

DM_MESSAGES = r"^/channels/\d+/messages$"


def delivered_to(standin, who) -> list:
    return [m for m in standin.dms_to(who) if m.attachments]


def statuses(bot) -> list[str]:
    return [row[0] for row in rows(bot, "SELECT status FROM deliveries ORDER BY id")]


async def test_a_storm_of_503s_delivers_everything_once(standin, scene, bot_process) -> None:
    """discord.py does not retry a 503 itself: every delivery in the storm used to be lost."""
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    members = [
        standin.world.add_member(scene.guild, standin.world.add_user(f"reader{i}", locale="en-US")) for i in range(4)
    ]
    standin.faults.add(method="POST", path=DM_MESSAGES, status=503, times=6)
    clicks = [await standin.click(member, post, "Get it") for member in members]
    for click in clicks:
        assert (await click.wait_callback(timeout=10)).type == 5  # acknowledged at once
    await standin.wait_until(lambda: statuses(bot) == ["delivered"] * 4, 30, "all four delivered")
    for member in members:
        assert [attachment_bytes(m) for m in delivered_to(standin, member)] == [[PDF]]
    assert standin.rest.stats["fault_503"] == 6


async def test_an_answer_lost_after_discord_sent_the_dm_delivers_once(standin, scene, bot_process) -> None:
    """The connection drops after Discord created the message: the retry carries the same nonce
    and gets that message back, so the member has one copy and the row says delivered."""
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    lost = standin.faults.add(method="POST", path=DM_MESSAGES, status=200, lost_answer=True)
    click = await standin.click(scene.member, post, "Get it")
    confirm = await click.response(timeout=20)
    assert lost.exhausted
    await standin.wait_until(lambda: statuses(bot) == ["delivered"], 10, "delivered")
    dms = delivered_to(standin, scene.member)
    assert len(dms) == 1 and attachment_bytes(dms[0]) == [PDF]
    assert confirm.ephemeral and str(dms[0].id) in confirm.content
    assert value(bot, "SELECT message_id FROM deliveries") == dms[0].id
    await asyncio.sleep(0.3)  # give a duplicate time to show up
    assert len(delivered_to(standin, scene.member)) == 1


async def test_a_permanent_refusal_is_said_privately_and_recorded(standin, scene, bot_process) -> None:
    """A 403 other than closed DMs will not pass on a retry: one attempt, a clear private answer
    in the member's language (never an error code), and the row says why."""
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    refusal = standin.faults.add(method="POST", path=DM_MESSAGES, status=403, code=50013, times=None)
    click = await standin.click(scene.member, post, "Get it")
    reply = await click.response(timeout=10)  # the "thinking" message, completed by the answer
    assert reply.ephemeral and reply.content == i18n.text("nl", "error.delivery_refused")
    assert len(refusal.hits) == 1, "a permanent failure is not retried"
    await standin.wait_until(lambda: statuses(bot) == ["failed"], 10, "failed")
    failure = value(bot, "SELECT failure FROM deliveries")
    assert "refused" in failure and "403" in failure and "50013" in failure
    assert delivered_to(standin, scene.member) == []


async def test_a_flood_of_dm_requests_gets_one_answer_and_no_429(standin, scene, bot_process) -> None:
    """40 requests in a few seconds: five deliveries, one "wait a moment", and no reply spam that
    runs into the DM channel's limit of 5 messages per 5 seconds."""
    bot = await bot_process()
    await add_resource(standin, scene)
    for _ in range(40):
        await standin.send_dm(scene.member, "mag ik de checklist?")
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM deliveries") == 5, 20, "five requests recorded")
    await standin.wait_until(lambda: len(delivered_to(standin, scene.member)) == 5, 30, "five deliveries")
    wait = i18n.text("nl", "error.cooldown", seconds=0).split("(")[0]  # "wait a moment", in Alice's Dutch
    await standin.wait_until(
        lambda: any(m.content.startswith(wait) for m in standin.dms_to(scene.member)), 20, "wait a moment"
    )
    await asyncio.sleep(1.0)  # give further replies time to show up
    assert len([m for m in standin.dms_to(scene.member) if m.content.startswith(wait)]) == 1
    # A delivery is recorded right after Discord confirmed it: the last row may lag the DM a moment.
    await standin.wait_until(lambda: statuses(bot) == ["delivered"] * 5, 10, "five deliveries recorded")
    assert len(delivered_to(standin, scene.member)) == 5
    assert not [key for key, count in standin.rest.stats.items() if key.startswith("429") and count]
