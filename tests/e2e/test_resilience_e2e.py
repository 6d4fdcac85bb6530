"""Discord misbehaves and the bot crashes: nothing acknowledged is lost, nothing is sent twice."""

from __future__ import annotations

import asyncio

from tests.e2e.stories import PDF, add_resource, attachment_bytes, database_intact, share, value

DM_MESSAGES = r"^/channels/\d+/messages$"


def delivered_to(standin, who) -> list:
    return [m for m in standin.dms_to(who) if m.attachments]


async def new_members(standin, scene, count: int) -> list:
    return [
        standin.world.add_member(scene.guild, standin.world.add_user(f"member{i}", locale="en-US"))
        for i in range(count)
    ]


async def test_429_and_5xx_on_the_way_are_retried_and_deliver_once(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    standin.faults.add(method="POST", path=DM_MESSAGES, status=429, retry_after=0.2, times=1)
    standin.faults.add(method="POST", path=DM_MESSAGES, status=429, retry_after=0.2, times=1, is_global=True)
    standin.faults.add(method="POST", path=DM_MESSAGES, status=502, times=1)
    standin.faults.add(method="POST", path=r"^/users/@me/channels$", status=500, times=1)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=20)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=20)
    assert attachment_bytes(dm) == [PDF]
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    assert len(delivered_to(standin, scene.member)) == 1
    assert standin.rest.stats["429_fault"] == 2 and standin.rest.stats["fault_502"] == 1


async def test_interaction_expired_before_ack_still_delivers_by_dm(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    standin.faults.add(method="POST", path=r"/callback$", status=404, code=10062, message="Unknown interaction")
    await standin.click(scene.member, post, "Get it")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    assert attachment_bytes(dm) == [PDF]
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    assert "expired before it was acknowledged" in bot.log_text()


async def test_dropped_gateway_resumes_and_replays_a_missed_dm(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    assert standin.drop_gateway() == 1
    # Sent while the bot is disconnected: Discord keeps it and replays it on RESUME.
    await standin.send_dm(scene.member, "could I get the checklist?")
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=20)
    assert attachment_bytes(dm) == [PDF]
    resume = standin.gateway.resumes[-1]
    assert resume["ok"] and resume["replayed"]
    await asyncio.sleep(0.3)
    assert len(delivered_to(standin, scene.member)) == 1
    assert value(bot, "SELECT COUNT(*) FROM deliveries") == 1


async def test_sigkill_mid_burst_every_acknowledged_request_is_delivered_once(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    members = await new_members(standin, scene, 8)
    # Discord has an outage on sending messages: the bot acknowledges, then keeps retrying.
    outage = standin.faults.add(method="POST", path=DM_MESSAGES, status=500, times=None)
    clicks = [await standin.click(m, post, "Get it") for m in members]
    for click in clicks:
        callback = await click.wait_callback(timeout=10)
        assert callback.type == 5  # deferred: acknowledged within the 3 seconds
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'") == 8, 10)
    await bot.kill()  # SIGKILL: no clean shutdown
    standin.faults.rules.remove(outage)
    await bot.start()
    for member in members:
        await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=20)
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 8, 10)
    await asyncio.sleep(0.3)
    assert [len(delivered_to(standin, m)) for m in members] == [1] * 8
    # The members' "thinking…" answers were completed from the stored interaction tokens.
    for click in clicks:
        assert click.followups or (click.original and not click.original.loading)
    assert database_intact(bot)
    assert value(bot, "SELECT COUNT(*) FROM deliveries WHERE interaction_token IS NOT NULL") == 0


async def test_prompt_queued_before_a_crash_is_sent_after_it(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    creator_dm = standin.world.dm_channel(scene.creator)
    outage = standin.faults.add(method="POST", path=rf"^/channels/{creator_dm.id}/messages$", status=503, times=None)
    await standin.send_dm(scene.member, "thank you!")
    await standin.wait_until(lambda: value(bot, "SELECT attempts FROM prompts") or outage.hits, 20)
    await bot.kill()
    assert value(bot, "SELECT status FROM prompts") == "queued"
    standin.faults.rules.remove(outage)
    await bot.start()
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=20)
    assert "thank you!" in prompt.text
    await standin.wait_until(lambda: value(bot, "SELECT status FROM prompts") == "sent", 10)
    assert len([m for m in standin.dms_to(scene.creator) if m.has_button("Reply personally")]) == 1
    assert database_intact(bot)


async def test_a_slow_delivery_right_after_start_is_not_recovered_twice(standin, scene, bot_process) -> None:
    # discord.py passes interactions on before its READY settles (about 2 s after the guilds
    # arrive); start-up recovery of pending deliveries must not pick up this process's own.
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    # Discord asks the bot to wait 2.5 s: the delivery is still pending when READY settles.
    standin.faults.add(method="POST", path=DM_MESSAGES, status=429, retry_after=2.5, times=1)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=20)
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=20)
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    await asyncio.sleep(1.5)  # long enough for a second copy to arrive, had one been sent
    assert len(delivered_to(standin, scene.member)) == 1
    assert value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 1


async def test_in_a_burst_each_file_follows_its_own_dm_opening(standin, scene, bot_process) -> None:
    """A new DM costs two requests (open, send). Paced one by one, 30 clicks opened all 30 DM
    channels before the first file went out; at 5,000 clicks that put the first file minutes away."""
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    members = await new_members(standin, scene, 30)
    before = len(standin.requests)
    for member in members:
        await standin.click(member, post, "Get it")
    for member in members:
        await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=20)
    sequence = [r.route for r in standin.requests[before:] if r.ok]
    first_send = sequence.index("POST /channels/{channel_id}/messages")
    assert sequence[:first_send].count("POST /users/@me/channels") <= 3, sequence[: first_send + 1]
    assert [len(delivered_to(standin, m)) for m in members] == [1] * 30
    # The member may see the file a moment before the bot has written it down.
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 30, 10)


async def test_a_clean_shutdown_mid_delivery_leaves_the_rest_for_the_next_start(standin, scene, bot_process) -> None:
    """SIGTERM (a deploy) while deliveries wait their turn, first from clicks, then in start-up
    recovery: what was not sent stays pending, not failed, and is delivered once after the next start."""
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    members = await new_members(standin, scene, 100)  # about 4 s of paced DMs
    clicks = [await standin.click(member, post, "Get it") for member in members]
    for click in clicks:
        assert (await click.wait_callback(timeout=10)).type == 5

    def count(status: str) -> int:
        return value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = ?", status)

    await bot.stop()
    assert (count("failed"), "Unexpected error" in bot.log_text()) == (0, False)  # shutting down is no error
    assert count("pending") > 50
    done = count("delivered")
    await bot.start()  # recovery takes up the rest; stop it halfway
    await standin.wait_until(lambda: count("delivered") > done + 10, 20)
    await bot.stop()
    assert (count("failed"), count("pending") > 0) == (0, True)
    await bot.start()
    for member in members:
        await standin.wait_for_dm(member, lambda m: bool(m.attachments), timeout=30)
    await standin.wait_until(lambda: count("delivered") == 100, 10)
    assert [len(delivered_to(standin, m)) for m in members] == [1] * 100
