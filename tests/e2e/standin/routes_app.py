"""REST routes: gateway discovery, application info and application command sync."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import payloads as P
from . import validate
from .model import Command
from .rest import ApiError, Call, route

if TYPE_CHECKING:
    from .server import DiscordStandIn

Result = tuple[int, Any]


@dataclass
class SyncRecord:
    """One bulk overwrite (PUT) of a command scope: what changed."""

    guild_id: int | None
    at: float
    names: list[str]
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@route("GET", "/gateway")
async def get_gateway(s: DiscordStandIn, call: Call) -> Result:
    return 200, {"url": s.ws_url.rstrip("/")}


@route("GET", "/gateway/bot")
async def get_gateway_bot(s: DiscordStandIn, call: Call) -> Result:
    sharding = s.gateway.sharding  # recommended shards and the session start limit: shards.py
    shards = sharding.recommend(len(s.world.bot_guilds()))
    return 200, {"url": s.ws_url.rstrip("/"), "shards": shards, "session_start_limit": sharding.session_start_limit()}


@route("GET", "/applications/@me")
async def get_application(s: DiscordStandIn, call: Call) -> Result:
    return 200, P.application(s.world, s.app_owner)


@route("GET", "/oauth2/applications/@me")
async def get_oauth_application(s: DiscordStandIn, call: Call) -> Result:
    return 200, P.application(s.world, s.app_owner)


# ------------------------------------------------------------------------- commands
def _scope(s: DiscordStandIn, call: Call) -> int | None:
    if call.id("application_id") != s.world.application_id:
        raise ApiError(403, 50001, "Missing Access")
    if "guild_id" not in call.params:
        return None
    gid = call.id("guild_id")
    guild = s.world.guilds.get(gid)
    if guild is None:
        raise ApiError(404, 10004, "Unknown Guild")
    if s.world.bot.id not in guild.members:
        raise ApiError(403, 50001, "Missing Access")
    return gid


def _in_scope(s: DiscordStandIn, gid: int | None) -> list[Command]:
    return [c for c in s.world.commands.values() if c.guild_id == gid]


_FIELDS = (
    "description",
    "options",
    "default_member_permissions",
    "dm_permission",
    "contexts",
    "integration_types",
    "nsfw",
    "name_localizations",
    "description_localizations",
)


def _fields(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: item.get(k) for k in _FIELDS}
    dmp = out["default_member_permissions"]
    out["default_member_permissions"] = None if dmp is None else str(dmp)
    out["options"] = _strip(item.get("options") or [])
    out["nsfw"] = bool(out["nsfw"])
    return out


def _strip(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discord drops ``required: false`` and empty option lists from what it stores."""
    out = []
    for o in options:
        o = {k: v for k, v in o.items() if v is not None and not (k == "required" and v is False)}
        if "options" in o:
            o["options"] = _strip(o["options"])
            if not o["options"]:
                del o["options"]
        out.append(o)
    return out


def _upsert(s: DiscordStandIn, gid: int | None, item: dict[str, Any], rec: SyncRecord | None) -> tuple[Command, bool]:
    name, ctype = item["name"], item.get("type", 1)
    existing = next((c for c in _in_scope(s, gid) if c.name == name and c.type == ctype), None)
    fields = _fields(item)
    if existing is None:
        cmd = Command(s.world.ids.next(), s.world.application_id, gid, name, ctype, **fields)
        cmd.version = s.world.ids.next()
        s.world.commands[cmd.id] = cmd
        if rec:
            rec.created.append(name)
        return cmd, True
    current = {k: getattr(existing, k) for k in _FIELDS}
    if json.dumps(current, sort_keys=True) != json.dumps(fields, sort_keys=True):
        for k, v in fields.items():
            setattr(existing, k, v)
        existing.version = s.world.ids.next()
        if rec:
            rec.updated.append(name)
    return existing, False


@route("GET", "/applications/{application_id}/commands")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
async def list_commands(s: DiscordStandIn, call: Call) -> Result:
    return 200, [P.command(c) for c in _in_scope(s, _scope(s, call))]


@route("PUT", "/applications/{application_id}/commands")
@route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
async def bulk_overwrite(s: DiscordStandIn, call: Call) -> Result:
    gid = _scope(s, call)
    validate.commands(call.json)
    rec = SyncRecord(gid, s.world.clock.now(), [c["name"] for c in call.json])
    keep = {_upsert(s, gid, item, rec)[0].id for item in call.json}
    for cmd in _in_scope(s, gid):
        if cmd.id not in keep:
            del s.world.commands[cmd.id]
            rec.deleted.append(cmd.name)
    s.command_syncs.append(rec)
    return 200, [P.command(c) for c in _in_scope(s, gid)]


@route("POST", "/applications/{application_id}/commands")
@route("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
async def upsert_command(s: DiscordStandIn, call: Call) -> Result:
    gid = _scope(s, call)
    validate.commands([call.json])
    cmd, created = _upsert(s, gid, call.json, None)
    return (201 if created else 200), P.command(cmd)


def _command(s: DiscordStandIn, call: Call) -> Command:
    gid = _scope(s, call)
    cmd = s.world.commands.get(call.id("command_id"))
    if cmd is None or cmd.guild_id != gid:
        raise ApiError(404, 10063, "Unknown application command")
    return cmd


@route("GET", "/applications/{application_id}/commands/{command_id}")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def get_command(s: DiscordStandIn, call: Call) -> Result:
    return 200, P.command(_command(s, call))


@route("PATCH", "/applications/{application_id}/commands/{command_id}")
@route("PATCH", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def edit_command(s: DiscordStandIn, call: Call) -> Result:
    cmd = _command(s, call)
    merged = {**P.command(cmd), **(call.json or {})}
    validate.commands([merged])
    cmd, _ = _upsert(s, cmd.guild_id, merged, None)
    return 200, P.command(cmd)


@route("DELETE", "/applications/{application_id}/commands/{command_id}")
@route("DELETE", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def delete_command(s: DiscordStandIn, call: Call) -> Result:
    cmd = _command(s, call)
    del s.world.commands[cmd.id]
    return 204, None


@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/permissions")
async def command_permissions(s: DiscordStandIn, call: Call) -> Result:
    _scope(s, call)
    return 200, []
