"""Protocol details checked with a raw gateway/HTTP client (no discord.py): intents, option
building for subcommand groups, callback validation, injected connection resets."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.e2e.standin import DriverError

pytestmark = pytest.mark.timeout(30)

GUILDS, MEMBERS, GUILD_MESSAGES, DMS = 1, 1 << 1, 1 << 9, 1 << 12


class Raw:
    """A minimal gateway client: identify and keep the connection (events land in the session)."""

    def __init__(self, standin) -> None:
        self.s = standin
        self.http = aiohttp.ClientSession(headers={"Authorization": f"Bot {standin.token}"})
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def identify(self, intents: int):
        self.ws = await self.http.ws_connect(f"{self.s.ws_url}?v=10&encoding=json")
        assert (await self.ws.receive_json(timeout=5))["op"] == 10
        known = set(self.s.gateway.sessions)
        await self.ws.send_json({"op": 2, "d": {"token": self.s.token, "intents": intents, "properties": {}}})
        return await self.s.wait_until(
            lambda: next((x for x in self.s.gateway.live_sessions if x.id not in known), None), 5
        )

    async def call(self, method: str, path: str, **kw):
        async with self.http.request(method, self.s.api_url + path, **kw) as r:
            return r.status, (await r.json() if r.content_type == "application/json" else None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        await self.http.close()


def events(session) -> list[dict]:
    return [p for p in session.buffer if p["t"] not in ("READY", "GUILD_CREATE")]


async def test_intents_decide_what_each_session_receives(standin, scene):
    raw = Raw(standin)
    try:
        bare = await raw.identify(GUILDS)
        raw2 = Raw(standin)
        full = await raw2.identify(GUILDS | MEMBERS | GUILD_MESSAGES | DMS)
        await standin.send_dm(scene.member, "psst")
        await standin.post(scene.member, scene.general, "public words")
        standin.world.add_member(scene.guild, standin.world.add_user("newbie"))
        assert events(bare) == []
        got = {p["t"]: p["d"] for p in events(full)}
        assert set(got) == {"MESSAGE_CREATE", "GUILD_MEMBER_ADD"} and len(events(full)) == 3
        dm, guild_msg = [p["d"] for p in events(full) if p["t"] == "MESSAGE_CREATE"]
        assert dm["content"] == "psst" and "guild_id" not in dm
        assert guild_msg["content"] == "" and guild_msg["guild_id"] == str(scene.guild.id)  # no MESSAGE_CONTENT
        assert [p["s"] for p in full.buffer] == list(range(1, len(full.buffer) + 1))
        await raw2.close()
    finally:
        await raw.close()


COMMAND = {
    "name": "admin",
    "description": "Admin tools",
    "default_member_permissions": "8",
    "options": [
        {
            "type": 2,
            "name": "users",
            "description": "User tools",
            "options": [
                {
                    "type": 1,
                    "name": "ban",
                    "description": "Ban someone",
                    "options": [
                        {"type": 6, "name": "user", "description": "who", "required": True},
                        {
                            "type": 3,
                            "name": "reason",
                            "description": "why",
                            "choices": [{"name": "Spam", "value": "spam"}],
                        },
                        {"type": 4, "name": "days", "description": "how long", "min_value": 1, "max_value": 7},
                    ],
                }
            ],
        }
    ],
}


async def test_subcommand_groups_typed_options_and_resolved_data(standin, scene):
    raw = Raw(standin)
    try:
        app = standin.world.application_id
        status, body = await raw.call("PUT", f"/applications/{app}/guilds/{scene.guild.id}/commands", json=[COMMAND])
        assert status == 200 and body[0]["default_member_permissions"] == "8" and body[0]["guild_id"]
        status, body = await raw.call("PUT", f"/applications/{app}/commands", json=[{"name": "Bad Name"}])
        assert status == 400 and body["code"] == 50035
        session = await raw.identify(GUILDS)
        with pytest.raises(DriverError, match="hidden"):
            await standin.slash(scene.member, scene.general, "admin users ban", user=scene.creator)
        with pytest.raises(DriverError, match="choices"):
            await standin.slash(scene.creator, scene.general, "admin users ban", user=scene.member, reason="rude")
        with pytest.raises(DriverError, match="outside"):
            await standin.slash(scene.creator, scene.general, "admin users ban", user=scene.member, days=9)
        inter = await standin.slash(scene.creator, scene.general, "admin users ban", user=scene.member, days=3)
        assert inter.record.delivered == 1 and events(session)[-1]["d"] == inter.payload
        data = inter.payload["data"]
        assert data["guild_id"] == str(scene.guild.id)
        [group] = data["options"]
        [sub] = group["options"]
        assert (group["type"], group["name"], sub["type"], sub["name"]) == (2, "users", 1, "ban")
        assert sub["options"] == [
            {"name": "user", "type": 6, "value": str(scene.member.id)},
            {"name": "days", "type": 4, "value": 3},
        ]
        member = data["resolved"]["members"][str(scene.member.id)]
        assert "user" not in member and member["permissions"] == str(
            standin.world.permissions_in(scene.general, scene.member.id)
        )
    finally:
        await raw.close()


async def test_callback_validation_and_acknowledgement_rules(standin, scene):
    raw = Raw(standin)
    try:
        app = standin.world.application_id
        cmd = {"name": "pick", "description": "Pick", "options": [
            {"type": 3, "name": "q", "description": "q", "autocomplete": True}
        ]}  # fmt: skip
        await raw.call("PUT", f"/applications/{app}/commands", json=[cmd])
        await raw.identify(GUILDS)
        auto = await standin.autocomplete(scene.member, scene.general, "pick", "q", "a")
        url = f"/interactions/{auto.id}/{auto.token}/callback"
        too_many = {"type": 8, "data": {"choices": [{"name": f"c{i}", "value": f"c{i}"} for i in range(26)]}}
        status, body = await raw.call("POST", url, json=too_many)
        assert (status, body["code"]) == (400, 50035) and "choices" in body["errors"]["data"]
        status, body = await raw.call("POST", url, json={"type": 4, "data": {"content": "no"}})
        assert (status, body["code"]) == (400, 50035)  # autocomplete only takes type 8
        assert (await raw.call("POST", url, json={"type": 8, "data": {"choices": []}}))[0] == 204
        status, body = await raw.call("POST", url, json={"type": 8, "data": {"choices": []}})
        assert (status, body["code"]) == (400, 40060)
        slash = await standin.slash(scene.member, scene.general, "pick", q="x")
        url = f"/interactions/{slash.id}/{slash.token}/callback?with_response=true"
        status, body = await raw.call("POST", url, json={"type": 4, "data": {"content": "x" * 2001}})
        assert (status, body["code"]) == (400, 50035) and "content" in body["errors"]["data"]
        status, body = await raw.call("POST", url, json={"type": 5, "data": {"flags": 64}})
        assert status == 200 and body["interaction"]["response_message_loading"] is True
        assert body["resource"]["message"]["flags"] == 64 | 128
        status, body = await raw.call("POST", f"/interactions/{slash.id}/wrong-token/callback", json={"type": 5})
        assert (status, body["code"]) == (404, 10062)
        assert [a.code for a in slash.attempts] == [50035, None]
    finally:
        await raw.close()


async def test_injected_connection_reset_and_5xx(standin, scene):
    raw = Raw(standin)
    try:
        dm = {"json": {"recipient_id": str(scene.member.id)}}
        standin.faults.add(method="POST", path=r"^/users/@me/channels$", reset=True)
        standin.faults.add(method="POST", path=r"^/users/@me/channels$", status=502)
        with pytest.raises(aiohttp.ClientError):  # aiohttp itself retries idempotent methods once
            await raw.call("POST", "/users/@me/channels", **dm)
        assert (await raw.call("POST", "/users/@me/channels", **dm))[0] == 502
        status, body = await raw.call("POST", "/users/@me/channels", **dm)
        assert status == 200 and body["type"] == 1 and body["recipients"][0]["username"] == "alice"
        assert [r.status for r in standin.requests] == [0, 502, 200]
        assert all(f.exhausted for f in standin.faults.rules)
    finally:
        await raw.close()


async def test_a_deleted_channel_is_announced_and_gone(standin, scene):
    raw = Raw(standin)
    try:
        session = await raw.identify(GUILDS)
        doomed = standin.world.add_channel(scene.guild, "doomed")
        standin.world.remove_channel(doomed)
        assert [p["t"] for p in events(session)] == ["CHANNEL_CREATE", "CHANNEL_DELETE"]
        assert events(session)[-1]["d"]["id"] == str(doomed.id)
        assert doomed.id not in standin.world.channels and "doomed" not in scene.guild.channels
    finally:
        await raw.close()


async def test_another_applications_dm_exists_but_is_missing_access(standin, scene):
    """A DM channel of the member with someone else: the bot is no recipient, so Discord answers
    50001 Missing Access (not 10003: the channel exists; not 50007: the member's DMs are not at
    issue). Our own DM with the member works."""
    raw = Raw(standin)
    try:
        foreign = standin.world.add_foreign_dm(scene.member)
        status, body = await raw.call("POST", f"/channels/{foreign.id}/messages", json={"content": "hi"})
        assert (status, body["code"]) == (403, 50001)
        status, body = await raw.call("GET", f"/channels/{foreign.id}")
        assert (status, body["code"]) == (403, 50001)
        ours = standin.world.dm_channel(scene.member)
        status, _ = await raw.call("POST", f"/channels/{ours.id}/messages", json={"content": "hi"})
        assert status == 200
    finally:
        await raw.close()


async def test_a_held_request_is_answered_only_once_released(standin, scene):
    raw = Raw(standin)
    try:
        held = standin.faults.add(method="GET", path=r"^/users/@me$", status=200, hold=True)
        call = asyncio.ensure_future(raw.call("GET", "/users/@me"))
        await standin.wait_until(lambda: standin.rest.in_flight["GET /users/@me"] == 1, 5)
        assert not call.done()
        held.release()
        status, body = await asyncio.wait_for(call, 5)
        assert status == 200 and body["id"] == str(standin.world.bot.id)
    finally:
        await raw.close()
