"""Messages, DMs, the CDN, Discord's errors and rate limits, through the real client."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.standin import Perm
from tests.timing import most_in_one_second

pytestmark = pytest.mark.timeout(30)
SEND = "/channels/{channel_id}/messages"


async def test_dm_in_and_out(standin, scene, tinybot):
    await tinybot()
    await standin.send_dm(scene.member, "hi bot")
    assert (await standin.wait_for_dm(scene.member)).content == "echo: hi bot"
    sent = await standin.send_dm(scene.member, "with file", files=[("notes.txt", b"12345")])
    echo = await standin.wait_for_dm(scene.member, after=sent)
    assert echo.content == "echo: with file files=5"
    assert [m.content for m in standin.dms_to(scene.member)] == ["echo: hi bot", "echo: with file files=5"]


async def test_bot_dm_to_user_with_closed_dms_is_50007(standin, scene, tinybot):
    await tinybot()
    standin.world.set_dms_closed(scene.member)
    reply = await (await standin.slash(scene.creator, scene.general, "dm", user=scene.member, text="hey")).response()
    assert reply.content == "dm failed: 50007"
    standin.world.set_dms_closed(scene.member, False)
    reply = await (await standin.slash(scene.creator, scene.general, "dm", user=scene.member, text="hey")).response()
    assert reply.content == "dm sent" and (await standin.wait_for_dm(scene.member)).content == "hey"


async def test_missing_permissions_50013_and_missing_access_50001(standin, scene, tinybot):
    hidden = standin.world.add_channel(scene.guild, "hidden")
    bot_role = next(r for r in scene.guild.roles.values() if r.managed)
    standin.world.overwrite(hidden, bot_role, deny=Perm.VIEW_CHANNEL)
    await tinybot()
    reply = await (await standin.slash(scene.creator, scene.general, "say", channel=scene.locked, text="x")).response()
    assert reply.content == "cannot post: 403/50013"
    reply = await (await standin.slash(scene.creator, scene.general, "say", channel=hidden, text="x")).response()
    assert reply.content == "cannot post: 403/50001"
    standin.world.overwrite(scene.locked, bot_role, allow=Perm.SEND_MESSAGES)  # the admin fixes it
    reply = await (await standin.slash(scene.creator, scene.general, "say", channel=scene.locked, text="x")).response()
    assert reply.content.startswith("posted ")


async def test_bot_upload_is_served_at_an_expiring_signed_url(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(scene.creator, scene.general, "say", channel=scene.general, text="file!", attach=True)
    url = (await inter.response()).content.split()[-1]  # the URL discord.py got back
    parts = urlsplit(url)
    assert re.fullmatch(rf"/attachments/{scene.general.id}/\d+/hello.txt", parts.path)
    assert set(parse_qs(parts.query)) == {"ex", "is", "hm"}
    assert await standin.fetch(url) == (200, b"hello from tinybot\n")
    standin.advance_clock(24 * 3600 + 5)
    assert (await standin.fetch(url))[0] == 404
    [msg] = standin.messages_in(scene.general)
    assert (await standin.fetch(standin.cdn.url_for(msg.attachments[0])))[0] == 200


async def test_body_validation_50035_and_file_too_large_40005(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(scene.creator, scene.general, "say", channel=scene.general, text="x" * 2001)
    assert (await inter.response()).content == "cannot post: 400/50035"
    assert standin.requests_to("POST", SEND)[-1].response["errors"]["content"]["_errors"][0]["code"] == (
        "BASE_TYPE_MAX_LENGTH"
    )
    big = 10 * 1024 * 1024 + 1
    inter = await standin.slash(scene.creator, scene.general, "say", channel=scene.general, text="big", size=big)
    assert (await inter.response(timeout=10)).content == "cannot post: 413/40005"


async def test_injected_429_and_500_are_retried_by_discord_py(standin, scene, tinybot):
    await tinybot()
    # discord.py sleeps 1 + 2*attempt s after a 5xx: a 500 *after* a 429 would push this
    # reply past Discord's 3 s deadline (10062) -- a real trap for bots that don't defer.
    standin.faults.add(method="POST", path=r"^/channels/\d+/messages$", status=500)
    standin.faults.add(method="POST", path=r"^/channels/\d+/messages$", status=429, retry_after=0.2)
    inter = await standin.slash(scene.creator, scene.general, "say", channel=scene.general, text="resilient")
    assert (await inter.response(timeout=10)).content.startswith("posted ")
    assert [r.status for r in standin.requests_to("POST", SEND)] == [500, 429, 200]
    assert standin.stats["429_fault"] == 1 and standin.stats["fault_500"] == 1
    assert [m.content for m in standin.messages_in(scene.general)] == ["resilient"]


async def test_global_rate_limit_50_per_second(standin, scene, tinybot):
    await tinybot()
    inter = await standin.slash(scene.creator, scene.general, "burst", count=30)
    reply = await inter.response(timeout=20)
    assert reply.content == "burst done 90 failed=0"
    assert standin.stats["429_global"] >= 1
    limited = [r for r in standin.requests if r.status == 429]
    assert all(r.response["global"] is True for r in limited)


async def test_global_limit_counts_a_request_when_it_was_sent_not_when_the_standin_read_it(standin, scene, tinybot):
    # Discord counts a request as it arrives; the stand-in shares its event loop with the test that
    # drives it and, stalled by a burst of its own work, reads requests late and together. A bot
    # that spread its requests under the limit must not be refused for that.
    await tinybot()
    standin.rest.default_route_limit = (1000, 1.0)  # only the global limit is under test here
    inter = await standin.slash(scene.creator, scene.general, "paced", count=120, per_second=45)

    def fetches() -> list:
        return [r for r in standin.requests if r.method == "GET" and r.path.startswith("/users/")]

    await standin.wait_until(lambda: len(fetches()) >= 10, 15, "the first requests")
    time.sleep(2.0)  # noqa: ASYNC251 - the stand-in's loop stalls; the bot goes on sending at its pace
    assert (await inter.response(timeout=20)).content == "paced done 120 failed=0"
    assert most_in_one_second([r.at for r in fetches()]) > 50  # read together...
    assert most_in_one_second([r.sent_at for r in fetches()]) <= 50  # ...sent spread out
    assert standin.stats["429_global"] == 0


async def test_guild_message_content_needs_the_privileged_intent(standin, scene, tinybot):
    await tinybot()
    await standin.post(scene.member, scene.general, "hello there")
    assert (await standin.wait_for_message(lambda m: m.author.bot)).content == "seen: ''"
    mention = await standin.post(scene.member, scene.general, f"{standin.world.bot.mention} hello")
    reply = await standin.wait_for_message(lambda m: m.author.bot, after=mention)
    assert reply.content == f"seen: '{standin.world.bot.mention} hello'"


async def test_guild_message_content_with_message_content_intent(standin, scene, tinybot):
    await tinybot(env={"TINYBOT_MESSAGE_CONTENT": "1"})
    await standin.post(scene.member, scene.general, "hello there")
    assert (await standin.wait_for_message(lambda m: m.author.bot)).content == "seen: 'hello there'"


async def test_disallowed_privileged_intent_closes_4014(standin, tinybot):
    standin.gateway.enabled_privileged_intents = 0  # not toggled on in the developer portal
    bot = await tinybot(env={"TINYBOT_MESSAGE_CONTENT": "1"}, wait_ready=False)
    await standin.wait_until(lambda: not bot.running, 15, "the bot to exit")
    assert "PrivilegedIntentsRequired" in bot.log_text()
