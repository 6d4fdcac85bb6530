"""Interactions through the stand-in: slash commands, autocomplete, buttons, selects, modals."""

from __future__ import annotations

import asyncio
import hashlib
import time

import aiohttp
import pytest

from tests.e2e.standin import DriverError, Perm

pytestmark = pytest.mark.timeout(30)
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


async def test_slash_with_attachment_bot_reads_the_bytes(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(
        scene.creator, scene.general, "resource add", name="checklist", file=("check list.pdf", PDF)
    )
    reply = await inter.response()
    sha = hashlib.sha256(PDF).hexdigest()[:16]
    assert reply.ephemeral and reply.content == f"added checklist: {len(PDF)} bytes sha={sha} title=None"
    assert standin.cdn.fetches[-1][0].startswith(f"/ephemeral-attachments/{standin.world.application_id}/")
    assert standin.cdn.fetches[-1][0].endswith("/check_list.pdf") and standin.cdn.fetches[-1][1] == 200
    assert not standin.messages_in(scene.general)  # ephemeral: nothing visible in the channel


async def test_default_member_permissions_and_guild_only_are_enforced_like_the_client(standin, scene, tinybot):
    await tinybot()
    with pytest.raises(DriverError, match="default_member_permissions"):
        await standin.slash(scene.member, scene.general, "resource add", name="x", file=("a.pdf", b"1"))
    dm = standin.world.dm_channel(scene.member)
    with pytest.raises(DriverError, match="guild-only"):
        await standin.slash(scene.member, dm, "panel", name="x")
    reply = await (await standin.slash(scene.member, dm, "where")).response()
    assert reply.content.startswith("locale=nl guild_locale=None") and "context=dm" in reply.content
    standin.world.set_roles(scene.member, [scene.creator_role])  # promoted: Manage Server
    inter = await standin.slash(scene.member, scene.general, "resource add", name="x", file=("a.pdf", b"1"))
    assert (await inter.response()).content.startswith("added x: 1 bytes")


async def test_interaction_payload_carries_locale_and_real_permissions(standin, scene, tinybot):
    await tinybot()
    reply = await (await standin.slash(scene.member, scene.locked, "where")).response()
    perms = standin.world.permissions_in(scene.locked, scene.member.id)
    app = standin.world.bot_permissions_in(scene.locked)
    assert not app & Perm.SEND_MESSAGES
    assert reply.content == f"locale=nl guild_locale=en-US perms={perms} app={app} context=guild user=alice cached=1"


async def test_deferred_response_edit_original_and_ephemeral_followup(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(scene.member, scene.general, "defer")
    thinking = await inter.response(follow_deferral=False)
    assert thinking.kind == "deferred"
    reply = await inter.response()
    assert reply.content == "done" and not reply.ephemeral
    secret = await inter.wait_followup()
    assert secret.content == "secret" and secret.ephemeral and secret.visible_to == scene.member.id
    assert [m.content for m in standin.messages_in(scene.general)] == ["done"]
    events = [e for _, _, e in standin.gateway.events]
    assert events.count("MESSAGE_CREATE") == 1 and events.count("MESSAGE_UPDATE") == 1  # ephemeral: no events


async def test_deferred_ephemeral_file_and_autocomplete(standin, scene, tinybot):
    await tinybot()
    for name in ("checklist", "cheatsheet", "guide"):
        await (
            await standin.slash(scene.creator, scene.general, "resource add", name=name, file=("f.pdf", PDF))
        ).response()
    choices = await (await standin.autocomplete(scene.creator, scene.general, "resource get", "name", "che")).choices()
    assert [c["name"] for c in choices] == ["cheatsheet", "checklist"]
    reply = await (await standin.slash(scene.creator, scene.general, "resource get", name="checklist")).response()
    assert reply.ephemeral and reply.content == "here: checklist"
    assert reply.attachments[0].filename == "checklist.pdf"
    status, body = await standin.fetch(standin.cdn.url_for(reply.attachments[0]))
    assert status == 200 and body == PDF


async def test_button_click_sends_file_by_dm_from_signed_cdn(standin, scene, tinybot):
    await tinybot()
    await (
        await standin.slash(scene.creator, scene.general, "resource add", name="guide", file=("g.pdf", PDF))
    ).response()
    posted = await (await standin.slash(scene.creator, scene.general, "panel", name="guide")).response()
    assert posted.content == "posted"
    panel = await standin.wait_for_message(lambda m: m.channel_id == scene.general.id and m.has_button("Get it"))
    reply = await (await standin.click(scene.member, panel, label="Get it")).response()
    assert reply.ephemeral and reply.content == "sent to your DMs"
    dm = await standin.wait_for_dm(scene.member)
    assert dm.content == "here is guide" and dm.attachments[0].data == PDF
    url = standin.cdn.url_for(dm.attachments[0])
    assert (await standin.fetch(url)) == (200, PDF)
    assert (await standin.fetch(url.replace("hm=", "hm=0")))[0] == 404  # tampered signature
    standin.expire_attachment(dm.attachments[0])
    assert (await standin.fetch(url))[0] == 404  # "This content is no longer available."
    assert (await standin.fetch(standin.cdn.url_for(dm.attachments[0])))[0] == 200  # re-fetched message: new URL


async def test_button_click_when_dms_are_closed_gets_50007(standin, scene, tinybot):
    await tinybot()
    await (
        await standin.slash(scene.creator, scene.general, "resource add", name="guide", file=("g.pdf", PDF))
    ).response()
    await (await standin.slash(scene.creator, scene.general, "panel", name="guide")).response()
    panel = await standin.wait_for_message(lambda m: m.has_button("Get it"))
    standin.world.set_dms_closed(scene.member)
    reply = await (await standin.click(scene.member, panel, "Get it")).response()
    assert reply.content == "dm failed: 50007"
    assert standin.requests_to("POST", "/users/@me/channels")[-1].status == 200  # opening the DM works
    assert standin.requests_to("POST", "/channels/{channel_id}/messages")[-1].code == 50007


async def test_modal_round_trip_with_label_and_action_row_inputs(standin, scene, tinybot):
    await tinybot()
    modal = await (await standin.slash(scene.member, scene.general, "feedback")).modal()
    assert modal.title == "Feedback" and [c["type"] for c in modal.components] == [18, 1]
    assert [(f.label, f.custom_id) for f in modal.fields] == [("Your feedback", "fb_text"), ("Mood", "fb_mood")]
    with pytest.raises(DriverError, match="required"):
        await standin.submit_modal(scene.member, modal, {"fb_mood": "meh"})
    sub = await standin.submit_modal(scene.member, modal, {"Your feedback": "great bot", "fb_mood": "happy"})
    submitted = sub.payload["data"]["components"]
    assert submitted[0]["type"] == 18 and submitted[0]["component"]["value"] == "great bot"
    assert submitted[1]["type"] == 1 and submitted[1]["components"][0]["value"] == "happy"
    reply = await sub.response()
    assert reply.ephemeral and reply.content == "thanks: great bot / happy"


async def test_select_menu_updates_the_message(standin, scene, tinybot):
    await tinybot()
    msg = (await (await standin.slash(scene.member, scene.general, "choose")).response()).message
    with pytest.raises(DriverError, match="not among the options"):
        await standin.select(scene.member, msg, ["z"])
    reply = await (await standin.select(scene.member, msg, ["b"])).response()
    assert reply.kind == "update" and msg.content == "chose b" and msg.components == []


async def test_late_callback_gets_10062_unknown_interaction(standin, scene, tinybot):
    standin.interaction_timeout = 1.0  # Discord: 3 s; shortened to keep the test fast
    bot = await tinybot()
    inter = await standin.slash(scene.member, scene.general, "slow", seconds=1.3)
    [attempt] = await inter.wait_attempts(1, timeout=5)
    assert (attempt.status, attempt.code) == (404, 10062) and attempt.elapsed > 1.0
    await bot.wait_for_log("slow failed: 10062")


async def test_deadline_is_judged_when_the_answer_was_sent_not_when_the_standin_read_it(standin, scene, tinybot):
    # The bot answers after 0.5 s of a 2 s deadline, but the stand-in (one process with the test
    # driving it) is stalled by a burst of its own work for 2.5 s: first before the interaction's
    # frame has left, then before it reads the answer. Discord would have had it in time.
    standin.interaction_timeout = 2.0
    await tinybot()
    inter = await standin.slash(scene.member, scene.general, "slow", seconds=0.5)
    time.sleep(2.5)  # noqa: ASYNC251 - the stand-in stalls: the frame is queued, not yet sent
    await asyncio.sleep(0.1)  # sent now; the bot answers 0.5 s later
    time.sleep(2.5)  # noqa: ASYNC251 - and it reads that answer two seconds late
    [attempt] = await inter.wait_attempts(1, timeout=5)
    assert attempt.status < 300 and 0.5 <= attempt.elapsed < 2.0


async def test_second_callback_gets_40060_already_acknowledged(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(scene.member, scene.general, "twice")
    assert (await inter.response()).content == "one"
    followup = await inter.wait_followup()
    assert followup.content == "second failed: 40060" and followup.ephemeral
    assert [(a.status, a.code) for a in inter.attempts] == [(200, None), (400, 40060)]


async def test_interaction_token_expires_after_15_minutes(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(scene.member, scene.general, "defer")
    await inter.response()
    standin.advance_clock(15 * 60 + 1)
    url = f"{standin.api_url}/webhooks/{standin.world.application_id}/{inter.token}/messages/@original"
    async with aiohttp.ClientSession() as http, http.patch(url, json={"content": "too late"}) as r:
        assert r.status == 401 and (await r.json())["code"] == 50027
