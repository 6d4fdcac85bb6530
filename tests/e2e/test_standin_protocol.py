"""The stand-in speaks Discord's gateway and REST protocol to the real discord.py client."""

from __future__ import annotations

import json
import zlib

import aiohttp
import pytest

pytestmark = pytest.mark.timeout(30)


async def test_login_ready_and_guilds(standin, scene, tinybot):
    bot = await tinybot()
    assert [r.route for r in standin.requests[:2]] == ["GET /users/@me", "GET /oauth2/applications/@me"]
    assert standin.gateway.identifies[0]["intents"] == 53575421  # Intents.default(): no privileged intents
    sess = standin.gateway.live_sessions[0]
    created = [e for sid, _, e in standin.gateway.events if sid == sess.id]
    assert created[:3] == ["READY", "GUILD_CREATE", "GUILD_CREATE"]
    await bot.wait_for_log(r"tinybot ready as Handout.* in 2 guilds", timeout=10)  # on_ready: +2 s guild_ready_timeout
    assert not standin.unknown_routes


async def test_wrong_token_is_refused_at_login(standin, tinybot):
    bot = await tinybot(token="not-the-token", wait_ready=False)
    await standin.wait_until(lambda: not bot.running, 15, "the bot to exit")
    assert bot.returncode != 0
    assert standin.requests[0].status == 401
    assert "Improper token" in bot.log_text()


async def _raw_gateway(standin, **query):
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(
        f"{standin.ws_url}?v=10&encoding=json" + "".join(f"&{k}={v}" for k, v in query.items())
    )
    return session, ws


async def test_gateway_identify_with_wrong_token_closes_4004(standin):
    session, ws = await _raw_gateway(standin)
    async with session:
        hello = await ws.receive_json(timeout=5)
        assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] == 5000
        await ws.send_json({"op": 1, "d": None})
        assert (await ws.receive_json(timeout=5))["op"] == 11
        await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 513, "properties": {}}})
        msg = await ws.receive(timeout=5)
        assert msg.type == aiohttp.WSMsgType.CLOSE and msg.data == 4004


async def test_gateway_zlib_stream_and_unknown_session_resume(standin):
    session, ws = await _raw_gateway(standin, compress="zlib-stream")
    async with session:
        inflate = zlib.decompressobj()

        async def receive():
            msg = await ws.receive(timeout=5)
            assert msg.type == aiohttp.WSMsgType.BINARY and msg.data.endswith(b"\x00\x00\xff\xff")
            return json.loads(inflate.decompress(msg.data))

        assert (await receive())["op"] == 10
        await ws.send_json({"op": 6, "d": {"token": standin.token, "session_id": "nope", "seq": 3}})
        assert await receive() == {"op": 9, "d": False, "s": None, "t": None}
        await ws.send_json({"op": 2, "d": {"token": standin.token, "intents": 1 | 512, "properties": {}}})
        ready = await receive()
        assert ready["t"] == "READY" and ready["s"] == 1
        assert ready["d"]["resume_gateway_url"].endswith("/gw-resume")
        guild = await receive()
        assert guild["t"] == "GUILD_CREATE" and guild["s"] == 2
        assert [m["user"]["username"] for m in guild["d"]["members"]] == ["Handout"]  # no presences intent


async def test_rest_auth_unknown_routes_and_rate_limit_headers(standin):
    auth = {"Authorization": f"Bot {standin.token}"}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{standin.api_url}/users/@me") as r:
            assert r.status == 401
        async with http.get(f"{standin.api_url}/users/@me", headers=auth) as r:
            assert r.status == 200 and r.headers["Content-Type"] == "application/json"
            assert {
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Reset-After",
                "X-RateLimit-Bucket",
            } <= set(r.headers)
        async with http.post(f"{standin.api_url}/channels/1/pins/2", headers=auth) as r:
            assert r.status == 404 and await r.json() == {"message": "404: Not Found", "code": 0}
    assert standin.unknown_routes == [("POST", "/channels/1/pins/2")]


async def test_command_sync_global_and_guild_without_resync_changes(standin, scene, tinybot):
    bot = await tinybot(dev_guild=scene.guild)
    first = list(standin.command_syncs)
    assert [s.guild_id for s in first] == [None, scene.guild.id]
    assert all(s.changed for s in first)
    reply = await (await standin.slash(scene.member, scene.general, "devping")).response()
    assert reply.content == "devpong" and reply.ephemeral
    with pytest.raises(AssertionError, match="devping"):
        await standin.slash(scene.outsider, scene.general2, "devping", timeout=0.2)
    ids = {c.name: c.id for c in standin.world.commands.values()}
    await bot.restart()
    again = standin.command_syncs[len(first) :]
    assert len(again) == 2 and not any(s.changed for s in again)  # same payload: nothing created/updated
    assert {c.name: c.id for c in standin.world.commands.values()} == ids


async def test_dropped_gateway_resumes_and_replays_missed_event(standin, scene, tinybot):
    await tinybot()
    session = standin.gateway.live_sessions[0]
    assert standin.drop_gateway() == 1
    await standin.send_dm(scene.member, "while you were away")  # sent into the dead connection
    echo = await standin.wait_for_dm(scene.member, timeout=10)
    assert echo.content == "echo: while you were away"
    resume = standin.gateway.resumes[-1]
    assert resume["ok"] and resume["session_id"] == session.id and resume["path"] == "/gw-resume"
    assert "MESSAGE_CREATE" in resume["replayed"]
    assert len(standin.gateway.identifies) == 1


async def test_reconnect_opcode_and_invalid_session(standin, scene, tinybot):
    await tinybot()
    assert standin.send_reconnect() == 1
    await standin.wait_until(lambda: standin.gateway.resumes and standin.gateway.live_sessions, 10, "resume")
    assert (await (await standin.slash(scene.member, scene.general, "where")).response()).content
    standin.invalidate_session(resumable=False)
    await standin.wait_until(lambda: len(standin.gateway.identifies) == 2 and standin.gateway.live_sessions, 15)
    reply = await (await standin.slash(scene.member, scene.general, "where")).response()
    assert "user=alice" in reply.content


async def test_members_intent_chunks_guilds_at_startup(standin, scene, tinybot):
    await tinybot(env={"TINYBOT_MEMBERS": "1"})
    await standin.wait_until(lambda: [e for *_, e in standin.gateway.events].count("GUILD_MEMBERS_CHUNK") == 2, 5)
    reply = await (await standin.slash(scene.member, scene.general, "where")).response()
    assert reply.content.endswith("cached=3")  # without the intent only the bot itself is cached
    standin.world.add_member(scene.guild, standin.world.add_user("newcomer"))
    assert [e for *_, e in standin.gateway.events][-1] == "GUILD_MEMBER_ADD"


async def test_zlib_stream_when_zstandard_is_absent(standin, scene, tinybot):
    await tinybot(compression="zlib-stream")
    assert standin.gateway.compressions == ["zlib-stream"]
    reply = await (await standin.slash(scene.member, scene.general, "where")).response()
    assert "locale=nl" in reply.content


async def test_zstd_stream_when_zstandard_is_installed(standin, scene, tinybot):
    pytest.importorskip("zstandard")
    await tinybot()
    assert standin.gateway.compressions == ["zstd-stream"]
    reply = await (await standin.slash(scene.creator, scene.general, "where")).response()
    assert "user=maya" in reply.content
