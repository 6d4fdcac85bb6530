"""Members' data rights, end to end: see it, take it (export), limit it (never DM me, retention),
and a creator sees only what is theirs."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import time

from tests.e2e.stories import PDF, add_resource, attachment_bytes, execute, insert_rows, rows, share, value

DAY = 86400
FOLLOWUPS = r"^/webhooks/\d+/[^/]+$"


async def get_it(standin, member, post):
    """Click Get it; the resource arrives by DM (returned)."""
    before = standin.world.ids.next()  # every message from now on has a larger id
    await (await standin.click(member, post, "Get it")).response(timeout=10)
    return await standin.wait_for_dm(member, lambda m: len(m.buttons) > 0, timeout=10, after=before)


async def bobs_guide(standin, scene):
    """Bob, owner of the Second Guild, offers a guide there and shares it."""
    add = await standin.slash(
        scene.outsider, scene.general2, "resource add", name="guide", title="Bob's guide", url="https://e.com/g"
    )
    await add.response(timeout=10)
    shared = await standin.slash(
        scene.outsider, scene.general2, "resource share", name="guide", options={"channel": scene.general2}
    )
    await shared.response(timeout=10)
    return next(m for m in standin.messages_in(scene.general2) if m.has_button("Get it"))


async def say_thanks(standin, member, dm, text: str, button: str = "Bedank / vraag iets") -> None:
    click = await standin.click(member, dm, button)
    await (await standin.submit_modal(member, click, {"text": text})).response(timeout=10)


async def export_of(standin, who, channel, button: str = "Exporteer mijn gegevens", wait: float = 10):
    shown = await (await standin.slash(who, channel, "privacy")).response(timeout=10)
    reply = await (await standin.click(who, shown, button)).response(timeout=wait)
    assert reply.ephemeral
    [file] = reply.attachments
    data = gzip.decompress(file.data) if file.filename.endswith(".gz") else file.data
    return reply, file, json.loads(data)


def settled(bot, count: int) -> bool:
    return value(bot, "SELECT COUNT(*) FROM deliveries WHERE status != 'pending'") >= count


async def test_export_contains_what_was_done_in_two_guilds_and_nobody_else(standin, scene, bot_process) -> None:
    bot = await bot_process()
    world = standin.world
    world.add_member(scene.guild2, scene.member_user)
    bram = world.add_member(scene.guild, world.add_user("bram", locale="en-US"))
    await add_resource(standin, scene)
    post = await share(standin, scene)
    guide = await bobs_guide(standin, scene)
    checklist_dm = await get_it(standin, scene.member, post)
    await get_it(standin, scene.member, guide)
    await standin.wait_until(lambda: settled(bot, 2), 10)
    await say_thanks(standin, scene.member, checklist_dm, "Thank you Maya, this is gold")
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("I replied myself"), timeout=10)
    await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)
    bram_dm = await get_it(standin, bram, post)
    await say_thanks(standin, bram, bram_dm, "bram's own private words", button="Say thanks / ask something")

    reply, file, data = await export_of(standin, scene.member, scene.general)
    assert file.filename == "handout-my-data.json"
    assert data["summary"] == {
        "deliveries": 2, "messages": 1, "messages_answered_by_a_human": 1, "messages_whose_text_was_removed": 0,
        "servers": 2, "resources_you_added": 0, "never_dm": False,
    }  # fmt: skip
    servers = {s["server_name"]: s for s in data["servers"]}
    assert set(servers) == {"Creators", "Second Guild"}
    assert [(d["title"], d["status"], d["delivered_via"]) for d in servers["Creators"]["deliveries"]] == [
        ("The weekly checklist", "delivered", "dm")
    ]
    assert [d["title"] for d in servers["Second Guild"]["deliveries"]] == ["Bob's guide"]
    assert all(d["asked_at"] and d["delivered_at"] for s in data["servers"] for d in s["deliveries"])
    [message] = servers["Creators"]["messages"]
    assert (message["text"], message["sent_via"], message["status"], message["answered_how"]) == (
        "Thank you Maya, this is gold", "modal", "answered", "themselves",
    )  # fmt: skip
    assert message["title"] == "The weekly checklist" and message["answered_at"]
    assert data["settings"]["language"] == "nl" and data["settings"]["never_dm"] is False
    assert data["member_id"] == str(scene.member_user.id)
    # Nothing about anyone else: not Bram's words or id, not who answered.
    raw = file.data.decode()
    for other in ("bram", str(bram.user.id), str(scene.creator_user.id), str(scene.outsider.user.id)):
        assert other not in raw
    # A short readable summary, in Alice's language.
    assert "2 levering(en) in 2 server(s)" in reply.content and "1 bericht(en)" in reply.content
    assert not standin.unknown_routes


async def test_a_long_history_is_one_file_within_discords_upload_limit(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    await get_it(standin, scene.member, post)
    await standin.wait_until(lambda: settled(bot, 1), 10)
    alice = scene.member_user.id
    resource_id, guild_id = rows(bot, "SELECT id, guild_id FROM resources")[0]
    now = int(time.time())
    words = "thank you so much for the checklist it helps me plan my week and my team loves it too".split()
    rng = random.Random(16)
    insert_rows(bot, "deliveries", [
        {"resource_id": resource_id, "guild_id": guild_id, "member_id": alice, "requested_via": "button",
         "delivered_via": "dm", "status": "delivered", "source_id": 10**15 + i, "requested_at": now - i,
         "delivered_at": now - i}
        for i in range(5000)
    ])  # fmt: skip
    insert_rows(bot, "member_messages", [
        {"source_id": 2 * 10**15 + i, "member_id": alice, "guild_id": guild_id, "resource_id": resource_id,
         "owner_id": scene.creator_user.id, "label": "thanks", "via": "dm", "status": "no_reply_needed",
         "content": " ".join(rng.choice(words) for _ in range(380))[:1900], "received_at": now - i}
        for i in range(6000)
    ])  # fmt: skip

    reply, file, data = await export_of(standin, scene.member, scene.general, wait=60)
    # As JSON it would be over 11 MiB: it came as one gzipped file that Discord accepted.
    assert file.filename == "handout-my-data.json.gz" and len(file.data) <= 10 * 1024 * 1024
    assert (data["summary"]["deliveries"], data["summary"]["messages"]) == (5001, 6000)
    [creators] = data["servers"]
    assert len(creators["deliveries"]) == 5001 and len(creators["messages"]) == 6000
    assert ".json.gz" in reply.content


async def test_never_dm_is_honoured_for_button_get_and_recovery_after_a_restart(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    assert "In je DM's" in shown.text
    chosen = await (await standin.click(scene.member, shown, "Stuur me nooit een DM")).response(timeout=10)
    assert chosen.ephemeral and "nooit per DM" in chosen.text

    def files_by_dm() -> list:
        return [m for m in standin.dms_to(scene.member) if m.attachments]

    button = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert button.ephemeral and attachment_bytes(button) == [PDF]
    got = await (await standin.slash(scene.member, scene.general, "get", resource="checklist")).response(timeout=10)
    assert got.ephemeral and attachment_bytes(got) == [PDF]
    await standin.wait_until(lambda: settled(bot, 2), 10)
    assert files_by_dm() == []
    # The answer to a DM is a DM.
    asked = await standin.send_dm(scene.member, "mag ik de checklist?")
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    await standin.wait_until(lambda: settled(bot, 3), 10)

    # Remembered across a restart, and honoured by start-up recovery: the private answer fails
    # (Discord is down), the bot is killed, and the next process finishes it privately, not by DM.
    await bot.restart()
    outage = standin.faults.add(method="POST", path=FOLLOWUPS, status=500, times=None)
    click = await standin.click(scene.member, post, "Get it")
    assert (await click.wait_callback(timeout=10)).type == 5
    await standin.wait_until(lambda: len(outage.hits) >= 1, 20)
    await bot.kill()
    assert value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'") == 1
    standin.faults.rules.remove(outage)
    await bot.start()
    recovered = await click.response(timeout=20)
    assert recovered.ephemeral and attachment_bytes(recovered) == [PDF]
    await standin.wait_until(lambda: settled(bot, 4), 10)
    assert len(files_by_dm()) == 1  # only the one asked for in a DM
    assert [r[0] for r in rows(bot, "SELECT delivered_via FROM deliveries ORDER BY id")] == [
        "ephemeral", "ephemeral", "dm", "ephemeral",
    ]  # fmt: skip

    # Shown and reversible in /privacy.
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    assert "Nooit per DM" in shown.text
    await (await standin.click(scene.member, shown, "DM's mogen weer")).response(timeout=10)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_until(lambda: len(files_by_dm()) == 2, 10)


async def test_deleting_my_data_resets_never_dm_and_says_so(standin, scene, bot_process) -> None:
    bot = await bot_process()
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    await (await standin.click(scene.member, shown, "Stuur me nooit een DM")).response(timeout=10)
    assert value(bot, "SELECT never_dm FROM member_preferences") == 1
    shown = await (await standin.slash(scene.member, scene.general, "privacy")).response(timeout=10)
    gone = await (await standin.click(scene.member, shown, "Verwijder mijn gegevens")).response(timeout=10)
    assert "nooit per DM te ontvangen is ook verwijderd" in gone.text
    assert value(bot, "SELECT COUNT(*) FROM member_preferences") == 0


def message_rows(bot) -> list[tuple]:
    return rows(bot, "SELECT label, status, received_at, content, text_removed_at FROM member_messages ORDER BY id")


async def test_retention_removes_text_at_the_boundary_and_stats_stay(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    dm = await get_it(standin, scene.member, post)
    await say_thanks(standin, scene.member, dm, "older words, thank you")
    await say_thanks(standin, scene.member, dm, "newer words, a question?")
    # Both stored, and prompted (one member's burst is gathered into one prompt): nothing queued.
    await standin.wait_until(
        lambda: (
            value(bot, "SELECT COUNT(*) FROM member_messages") == 2
            and value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'queued'") == 0
            and value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'sent'") >= 1
        ),
        40,
    )
    set_to = await (await standin.slash(scene.creator, scene.general, "handout retention", days=30)).response(10)
    assert set_to.ephemeral and "after 30 days" in set_to.text
    stats_before = (await (await standin.slash(scene.creator, scene.general, "thanks stats")).response(10)).text

    # One message is an hour past 30 days, the other an hour short of it; the restart runs the job.
    await bot.stop()
    now = int(time.time())
    first, second = [r[0] for r in rows(bot, "SELECT id FROM member_messages ORDER BY id")]
    execute(bot, "UPDATE member_messages SET received_at = ? WHERE id = ?", now - 30 * DAY - 3600, first)
    execute(bot, "UPDATE member_messages SET received_at = ? WHERE id = ?", now - 30 * DAY + 3600, second)
    before = message_rows(bot)
    await bot.start()
    await standin.wait_until(lambda: message_rows(bot)[0][3] == "", 15)
    after = message_rows(bot)
    assert [r[:3] for r in after] == [r[:3] for r in before]  # label, status, timings stay
    assert after[0][4] is not None and after[1][3:] == ("newer words, a question?", None)
    stats_after = (await (await standin.slash(scene.creator, scene.general, "thanks stats")).response(10)).text
    assert stats_after == stats_before

    pending = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(10)
    assert "text removed" in pending.text and "older words" not in pending.text
    assert "newer words, a question?" in pending.text
    export = await (await standin.slash(scene.creator, scene.general, "thanks export")).response(10)
    table = list(csv.DictReader(io.StringIO(export.attachments[0].data.decode())))
    messages = [r for r in table if r["kind"] == "message"]
    assert [(r["detail"], bool(r["text_removed_utc"])) for r in messages] == [
        ("", True), ("newer words, a question?", False),
    ]  # fmt: skip

    # A shorter period takes effect at once, without waiting for the next hourly run.
    await (await standin.slash(scene.creator, scene.general, "handout retention", days=20)).response(10)
    await standin.wait_until(lambda: message_rows(bot)[1][3] == "", 10)
    # 0 keeps: nothing of a new message goes, however old.
    await (await standin.slash(scene.creator, scene.general, "handout retention", days=0)).response(10)
    assert value(bot, "SELECT retention_days FROM guild_settings") == 0


async def test_a_creator_of_guild_b_sees_nothing_of_guild_a(standin, scene, bot_process) -> None:
    bot = await bot_process()
    world = standin.world
    await add_resource(standin, scene)
    post = await share(standin, scene)
    dm = await get_it(standin, scene.member, post)
    await say_thanks(standin, scene.member, dm, "alice's words for Maya")
    guide = await bobs_guide(standin, scene)
    carla = world.add_member(scene.guild2, world.add_user("carla", locale="en-US"))
    carla_dm = await get_it(standin, carla, guide)
    await say_thanks(standin, carla, carla_dm, "carla's words for Bob", button="Say thanks / ask something")
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'sent'") == 2, 30)
    bob = scene.outsider

    pending = await (await standin.slash(bob, scene.general2, "thanks pending")).response(10)
    assert "carla's words for Bob" in pending.text and "alice" not in pending.text.lower()
    export = await (await standin.slash(bob, scene.general2, "thanks export")).response(10)
    table = export.attachments[0].data.decode()
    assert "guide" in table and "checklist" not in table and "alice" not in table
    assert str(scene.member_user.id) not in table
    # Bob's own export: his resource, nothing of guild A.
    _, file, data = await export_of(standin, bob, scene.general2, button="Export my data")
    raw = file.data.decode()
    assert [r["resource"] for r in data["resources_you_added"]] == ["guide"]
    for of_a in ("checklist", "alice", str(scene.guild.id), "Creators"):
        assert of_a not in raw, of_a

    # Bob's retention setting is his guild's alone.
    await (await standin.slash(bob, scene.general2, "handout retention", days=1)).response(10)
    await bot.stop()
    execute(bot, "UPDATE member_messages SET received_at = received_at - 2 * ?", DAY)
    await bot.start()
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM member_messages WHERE content = ''") == 1, 15)
    assert value(bot, "SELECT content FROM member_messages WHERE guild_id = ?", scene.guild.id) == (
        "alice's words for Maya"
    )
    assert value(bot, "SELECT retention_days FROM guild_settings WHERE guild_id = ?", scene.guild.id) is None
