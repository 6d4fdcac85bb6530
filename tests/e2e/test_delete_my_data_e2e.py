""" "Delete my data" means deleted, now: in every database file, and for what was still in flight."""

from __future__ import annotations

from tests.e2e.stories import add_resource, rows, share, value

SECRET = "thank you so much, the marmalade plan 7341 saved my week"
NAME = "Quorinda Vexley"


def quorinda_and_readers(standin, scene, readers: int = 0) -> tuple:
    """Quorinda, a member of the scene's guild with a name of her own, and ``readers`` more members."""
    world = standin.world
    quorinda = world.add_member(scene.guild, world.add_user("quorinda", global_name=NAME, locale="en-US"))
    others = [world.add_member(scene.guild, world.add_user(f"reader{i}", locale="en-US")) for i in range(readers)]
    return quorinda, others


async def delete_my_data(standin, her, channel):
    """She opens /privacy in ``channel`` and presses "Delete my data"; returns the answer."""
    shown = await (await standin.slash(her, channel, "privacy")).response(timeout=10)
    return await (await standin.click(her, shown, "Delete my data")).response(timeout=10)


def database_files(bot) -> dict[str, bytes]:
    """The raw bytes of handout.db and its -wal and -shm files, read while the bot runs."""
    return {p.name: p.read_bytes() for p in bot.data_dir.glob("handout.db*")}


async def test_delete_my_data_leaves_no_trace_in_any_database_file(standin, scene, bot_process) -> None:
    quorinda, _ = quorinda_and_readers(standin, scene)
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await (await standin.click(quorinda, post, "Get it")).response(timeout=10)
    first = await standin.wait_for_dm(quorinda, lambda m: bool(m.attachments), timeout=10)
    await standin.send_dm(quorinda, SECRET)
    await standin.wait_for_dm(scene.creator, lambda m: SECRET in m.text, timeout=10)
    dm_channel = standin.dm_channel_of(quorinda)

    # A second delivery is on its way (Discord is slow to take it) when she deletes her data.
    standin.faults.add(method="POST", path=rf"^/channels/{dm_channel.id}/messages$", status=200, delay=5.0)
    await standin.click(quorinda, post, "Get it")
    await standin.wait_until(
        lambda: any(r.path == f"/channels/{dm_channel.id}/messages" and r.status is None for r in standin.requests),
        10,
        "the second delivery in flight",
    )
    gone = await delete_my_data(standin, quorinda, scene.general)
    assert "for good" in gone.text

    # The delivery in flight arrives and is counted, anonymously.
    await standin.wait_for_dm(quorinda, lambda m: bool(m.attachments), timeout=15, after=first)
    await standin.wait_until(
        lambda: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'") == 2, 15, "both counted"
    )
    traces = {
        "her words": SECRET.encode(),
        "her name": NAME.encode(),
        "her id": quorinda.user.id.to_bytes(8, "big"),
        "her DM channel id": dm_channel.id.to_bytes(8, "big"),
    }
    if bot.database_url is None:
        files = database_files(bot)
        assert "handout.db" in files
        found = {(what, name) for what, needle in traces.items() for name, data in files.items() if needle in data}
        assert found == set(), f"left behind: {sorted(found)}"
    else:
        # PostgreSQL's files are the server's, not readable by its clients. What a client can
        # check: her words are gone, and each table that held something of hers was vacuumed
        # (by the bot: last_vacuum; autovacuum would set last_autovacuum) after the deletion.
        # (n_dead_tup cannot tell: the deleting connection reports its dead rows up to a second
        # late, after the VACUUM.)
        assert value(bot, "SELECT COUNT(*) FROM member_messages WHERE content LIKE '%marmalade%'") == 0
        vacuumed = rows(
            bot,
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            " AND relname IN ('member_messages', 'deliveries', 'member_locales', 'guild_members')",
        )
        assert sorted(r[0] for r in vacuumed) == ["deliveries", "guild_members", "member_locales", "member_messages"]
    assert rows(bot, "SELECT member_id, channel_id, message_id FROM deliveries") == [(None, None, None)] * 2


async def a_click_queued_behind_eight_slow_uploads(standin, place, her, others):
    """Private deliveries in the server ("here"), whose uploads Discord is slow to take: eight other
    members' clicks take every upload turn, and hers, recorded and acknowledged, waits for one."""
    await (await standin.slash(place.creator, place.general, "handout delivery", mode="here")).response(timeout=10)
    post = await share(standin, place)
    standin.faults.add(method="POST", path=r"^/webhooks/\d+/[^/]+$", status=200, delay=5.0, times=8)
    for member in others:
        await standin.click(member, post, "Get it")
    await standin.wait_until(lambda: standin.rest.in_flight["POST /webhooks/{webhook_id}/{token}"] == 8, 10)
    hers = await standin.click(her, post, "Get it")
    await hers.wait_callback(timeout=10)  # recorded and acknowledged: queued
    return hers


async def delete_her_data_and_see_her_click_cancelled(standin, her, channel, hers) -> None:
    """She deletes her data from /privacy in ``channel``; her queued click is answered without the file."""
    await delete_my_data(standin, her, channel)
    answer = await hers.wait_followup(timeout=30)
    assert answer.ephemeral and not answer.attachments, "the file went out after she deleted her data"
    assert "you deleted your data" in answer.content


async def test_a_delivery_still_queued_is_cancelled_by_delete_my_data(standin, scene, bot_process) -> None:
    quorinda, others = quorinda_and_readers(standin, scene, 8)
    bot = await bot_process()
    await add_resource(standin, scene)
    hers = await a_click_queued_behind_eight_slow_uploads(standin, scene, quorinda, others)
    await delete_her_data_and_see_her_click_cancelled(standin, quorinda, scene.general, hers)
    assert rows(bot, "SELECT member_id, status FROM deliveries WHERE id = (SELECT MAX(id) FROM deliveries)") == [
        (None, "failed")
    ]


async def test_a_prompt_read_before_the_deletion_never_reaches_the_creator(standin, scene, bot_process) -> None:
    quorinda, others = quorinda_and_readers(standin, scene, 7)
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    for member in [*others, quorinda]:
        await (await standin.click(member, post, "Get it")).response(timeout=10)
    delivered = "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'"
    await standin.wait_until(lambda: value(bot, delivered) == 8, 30, "eight deliveries")
    creator_dm = standin.world.dm_channel(scene.creator)  # the one the bot will open

    # Discord is slow to take the creator's first two messages: the worker reads a batch of prompts
    # while the first is on its way, and sends that batch in two messages, hers in the second. The
    # three fit the destination's pace (3 a minute), so hers would go out as a prompt, not be
    # counted in a summary, if the worker sent what it had read without looking again.
    start = len(standin.requests)
    standin.faults.add(method="POST", path=rf"^/channels/{creator_dm.id}/messages$", status=200, delay=6.0, times=2)

    def prompt_sends_in_flight() -> int:
        return sum(
            r.method == "POST" and r.path == f"/channels/{creator_dm.id}/messages" and r.status is None
            for r in standin.requests[start:]
        )

    first, queued_behind, late = others[0], others[1:6], others[6]
    await standin.send_dm(first, "thanks, reader one!")
    await standin.wait_until(lambda: prompt_sends_in_flight() == 1, 10, "the first prompt in flight")
    queued = "SELECT COUNT(*) FROM prompts WHERE status = 'queued'"
    for i, member in enumerate(queued_behind, start=2):
        await standin.send_dm(member, f"thanks, reader {i}!")
    await standin.wait_until(lambda: value(bot, queued) == 6, 10, "five more prompts queued")
    await standin.send_dm(quorinda, SECRET)
    await standin.wait_until(lambda: value(bot, queued) == 7, 10, "her prompt queued last")
    await standin.wait_until(lambda: prompt_sends_in_flight() == 1 and value(bot, queued) == 6, 20, "batch read")

    await delete_my_data(standin, quorinda, scene.general)

    # The rest of the batch goes out (as prompts, or counted in the creator's summary once the
    # destination's pace is reached): wait until nothing is queued any more.
    await standin.wait_until(lambda: value(bot, queued) == 0, 60, "the rest of the batch sent")
    # Nothing queued is not yet nothing sent: the worker may still be on its way with what it read.
    # A later thank-you goes through the same worker after that batch, so once it has been shown to
    # the creator (as a prompt, or counted in a summary that was then posted or edited), anything of
    # hers would have reached the creator before it.
    await standin.send_dm(late, "thanks, late reader!")
    late_prompt = (
        "SELECT p.status, s.message_id, s.dirty FROM prompts p JOIN member_messages m ON m.id = p.member_message_id"
        " LEFT JOIN inbox_summaries s ON s.id = p.summary_id WHERE m.content LIKE '%late reader%'"
    )

    def late_one_shown() -> bool:
        found = rows(bot, late_prompt)
        if not found:
            return False
        status, summary_message, dirty = found[0]
        return status == "sent" or (status == "summarised" and summary_message is not None and dirty == 0)

    await standin.wait_until(late_one_shown, 60, "the later thank-you shown to the creator")
    assert not [m.text for m in standin.dms_to(scene.creator) if SECRET in m.text]
