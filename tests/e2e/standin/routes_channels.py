"""REST routes: users, DMs, guilds, channels and channel messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import messages as M
from . import payloads as P
from . import validate
from .model import Channel, Guild, Message, Perm
from .rest import ApiError, Call, field_errors, form_error, route

if TYPE_CHECKING:
    from .server import DiscordStandIn

Result = tuple[int, Any]


def _channel(s: DiscordStandIn, call: Call) -> Channel:
    ch = s.world.channels.get(call.id("channel_id"))
    if ch is None:
        raise ApiError(404, 10003, "Unknown Channel")
    if not ch.is_dm and not s.world.bot_permissions_in(ch) & Perm.VIEW_CHANNEL:
        raise ApiError(403, 50001, "Missing Access")
    if ch.is_dm and not ch.bot_is_recipient:
        raise ApiError(403, 50001, "Missing Access")
    return ch


def _guild(s: DiscordStandIn, call: Call) -> Guild:
    g = s.world.guilds.get(call.id("guild_id"))
    if g is None:
        raise ApiError(404, 10004, "Unknown Guild")
    if s.world.bot.id not in g.members:
        raise ApiError(403, 50001, "Missing Access")
    return g


def _message(s: DiscordStandIn, ch: Channel, call: Call) -> Message:
    msg = s.world.messages.get(call.id("message_id"))
    if msg is None or msg.channel_id != ch.id or msg.deleted or msg.ephemeral:
        raise ApiError(404, 10008, "Unknown Message")
    return msg


def check_can_send(s: DiscordStandIn, ch: Channel, *, files: bool) -> None:
    """Discord's send checks: DM reachability (50007) or channel permissions (50001/50013)."""
    world = s.world
    if ch.is_dm and not ch.bot_is_recipient:  # another application's DM: exists, not ours
        raise ApiError(403, 50001, "Missing Access")
    if ch.is_dm:
        recipient = world.users[ch.recipient_id]  # type: ignore[index]
        if recipient.dms_closed or recipient.bot or not world.mutual_guild(recipient.id):
            raise ApiError(403, 50007, "Cannot send messages to this user")
        return
    perms = world.bot_permissions_in(ch)
    if not perms & Perm.VIEW_CHANNEL:
        raise ApiError(403, 50001, "Missing Access")
    if not perms & Perm.SEND_MESSAGES or (files and not perms & Perm.ATTACH_FILES):
        raise ApiError(403, 50013, "Missing Permissions")


# ------------------------------------------------------------------------- users & DMs
@route("GET", "/users/@me")
async def get_me(s: DiscordStandIn, call: Call) -> Result:
    return 200, P.me(s.world.bot)


@route("GET", "/users/{user_id}")
async def get_user(s: DiscordStandIn, call: Call) -> Result:
    user = s.world.users.get(call.id("user_id"))
    if user is None:
        raise ApiError(404, 10013, "Unknown User")
    return 200, P.user(user)


@route("POST", "/users/@me/channels")
async def create_dm(s: DiscordStandIn, call: Call) -> Result:
    body = call.json or {}
    try:
        uid = int(body.get("recipient_id"))
    except (TypeError, ValueError):
        raise form_error(field_errors(("recipient_id", "NUMBER_TYPE_COERCE", "Value is not snowflake."))) from None
    user = s.world.users.get(uid)
    if user is None:
        raise ApiError(400, 50033, "Invalid Recipient(s)")
    ch = s.world.dm_channel(user)
    return 200, P.channel(ch, s.world)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- guilds
@route("GET", "/guilds/{guild_id}")
async def get_guild(s: DiscordStandIn, call: Call) -> Result:
    g = _guild(s, call)
    return 200, P.guild(g, s.world, counts=call.query.get("with_counts", "").lower() in ("true", "1"))


@route("GET", "/guilds/{guild_id}/channels")
async def get_guild_channels(s: DiscordStandIn, call: Call) -> Result:
    g = _guild(s, call)
    return 200, [P.channel(c, s.world) for c in g.channels.values()]


@route("GET", "/guilds/{guild_id}/roles")
async def get_roles(s: DiscordStandIn, call: Call) -> Result:
    return 200, [P.role(r) for r in _guild(s, call).roles.values()]


@route("GET", "/guilds/{guild_id}/members/{user_id}")
async def get_member(s: DiscordStandIn, call: Call) -> Result:
    g = _guild(s, call)
    m = g.members.get(call.id("user_id"))
    if m is None:
        raise ApiError(404, 10007, "Unknown Member")
    return 200, P.member(m)


@route("GET", "/guilds/{guild_id}/members")
async def list_members(s: DiscordStandIn, call: Call) -> Result:
    g = _guild(s, call)
    limit = min(int(call.query.get("limit", 1)), 1000)
    after = int(call.query.get("after", 0))
    members = sorted((m for m in g.members.values() if m.id > after), key=lambda m: m.id)[:limit]
    return 200, [P.member(m) for m in members]


# ------------------------------------------------------------------------- channels
@route("GET", "/channels/{channel_id}")
async def get_channel(s: DiscordStandIn, call: Call) -> Result:
    return 200, P.channel(_channel(s, call), s.world)


@route("POST", "/channels/{channel_id}/typing")
async def typing(s: DiscordStandIn, call: Call) -> Result:
    ch = _channel(s, call)
    check_can_send(s, ch, files=False)
    return 204, None


@route("POST", "/channels/{channel_id}/messages")
async def create_message(s: DiscordStandIn, call: Call) -> Result:
    ch = s.world.channels.get(call.id("channel_id"))
    if ch is None:
        raise ApiError(404, 10003, "Unknown Channel")
    data = call.json if isinstance(call.json, dict) else {}
    check_can_send(s, ch, files=bool(call.files))
    validate.message(data, call.files, max_file_size=s.rest.max_file_size)
    if data.get("flags", 0) & 64:
        raise form_error(field_errors(("flags", "MESSAGE_FLAGS_INVALID", "Ephemeral is only for interactions")))
    ref = data.get("message_reference")
    if ref and ref.get("fail_if_not_exists", True):
        target = s.world.messages.get(int(ref.get("message_id") or 0))
        if target is None or target.channel_id != ch.id:
            errs = field_errors(("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"))
            raise form_error(errs)
    if data.get("nonce") is not None and data.get("enforce_nonce"):
        dup = next(
            (m for m in s.world.messages_in(ch) if m.nonce == str(data["nonce"]) and m.author is s.world.bot), None
        )
        if dup is not None:
            return 200, P.message(dup, s.world, s.cdn)
    msg = M.new_message(s, ch, s.world.bot, data, call.files)
    M.announce_create(s, msg)
    return 200, P.message(msg, s.world, s.cdn)


@route("GET", "/channels/{channel_id}/messages")
async def list_messages(s: DiscordStandIn, call: Call) -> Result:
    ch = _channel(s, call)
    if not ch.is_dm and not s.world.bot_permissions_in(ch) & Perm.READ_MESSAGE_HISTORY:
        return 200, []
    limit = max(1, min(int(call.query.get("limit", 50)), 100))
    msgs = [m for m in s.world.messages_in(ch) if not m.ephemeral]
    if "before" in call.query:
        msgs = [m for m in msgs if m.id < int(call.query["before"])]
    if "after" in call.query:
        msgs = [m for m in msgs if m.id > int(call.query["after"])][:limit]
    msgs = sorted(msgs, key=lambda m: m.id, reverse=True)[:limit]
    return 200, [P.message(m, s.world, s.cdn) for m in msgs]


@route("GET", "/channels/{channel_id}/messages/{message_id}")
async def get_message(s: DiscordStandIn, call: Call) -> Result:
    ch = _channel(s, call)
    if not ch.is_dm and not s.world.bot_permissions_in(ch) & Perm.READ_MESSAGE_HISTORY:
        raise ApiError(403, 50013, "Missing Permissions")
    return 200, P.message(_message(s, ch, call), s.world, s.cdn)


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
async def edit_message(s: DiscordStandIn, call: Call) -> Result:
    ch = _channel(s, call)
    msg = _message(s, ch, call)
    if msg.author.id != s.world.bot.id:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    data = call.json if isinstance(call.json, dict) else {}
    validate.message(data, call.files, max_file_size=s.rest.max_file_size, edit=True)
    M.apply_edit(s, msg, data, call.files)
    M.announce_update(s, msg)
    return 200, P.message(msg, s.world, s.cdn)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
async def delete_message(s: DiscordStandIn, call: Call) -> Result:
    ch = _channel(s, call)
    msg = _message(s, ch, call)
    if msg.author.id != s.world.bot.id:
        if ch.is_dm:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        if not s.world.bot_permissions_in(ch) & Perm.MANAGE_MESSAGES:
            raise ApiError(403, 50013, "Missing Permissions")
    msg.deleted = True
    M.announce_delete(s, msg)
    return 204, None
