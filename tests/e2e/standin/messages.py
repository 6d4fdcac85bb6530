"""Creating, editing and announcing messages (shared by channel routes, interaction
responses, webhooks and the driver)."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from . import components as comp
from . import payloads as P
from .cdn import sanitize_filename
from .model import (
    FLAG_EPHEMERAL,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    Attachment,
    Channel,
    Message,
    Perm,
    User,
)
from .rest import Upload

if TYPE_CHECKING:
    from .server import DiscordStandIn

_USER = re.compile(r"<@!?(\d+)>")
_ROLE = re.compile(r"<@&(\d+)>")
_EDITABLE_FLAGS = 1 << 2  # SUPPRESS_EMBEDS is the only flag an edit may toggle (plus loading cleared)


def make_attachments(s: DiscordStandIn, channel_id: int, data: dict[str, Any], files: list[Upload]) -> list[Attachment]:
    """Turn ``files[n]`` uploads (+ their ``attachments`` metadata entries) into stored attachments."""
    meta = {str(a.get("id")): a for a in data.get("attachments") or []}
    out: list[Attachment] = []
    for f in sorted(files, key=lambda f: f.index):
        m = meta.get(str(f.index), {})
        att = Attachment(
            id=s.world.ids.next(),
            filename=sanitize_filename(m.get("filename") or f.filename),
            data=f.data,
            content_type=_content_type(f),
            kind="attachments",
            scope_id=channel_id,
            description=m.get("description"),
            title=m.get("title"),
        )
        out.append(s.cdn.store(att))
    return out


def _content_type(f: Upload) -> str | None:
    if f.content_type and f.content_type != "application/octet-stream":
        return f.content_type
    ext = f.filename.rsplit(".", 1)[-1].lower() if "." in f.filename else ""
    return {
        "pdf": "application/pdf",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "zip": "application/zip",
        "json": "application/json; charset=utf-8",
    }.get(ext, f.content_type)


def compute_mentions(s: DiscordStandIn, msg: Message, author_can_everyone: bool) -> None:
    """Fill mentions / mention_roles / mention_everyone / pings from content + allowed_mentions."""
    content = msg.content or ""
    users = [int(u) for u in _USER.findall(content) if int(u) in s.world.users]
    roles = [int(r) for r in _ROLE.findall(content)]
    everyone = ("@everyone" in content or "@here" in content) and author_can_everyone
    msg.mentions = list(dict.fromkeys(users))
    msg.mention_roles = list(dict.fromkeys(roles))
    am = msg.allowed_mentions
    if am is None:
        msg.pings, msg.mention_everyone = list(msg.mentions), everyone
        return
    parse = am.get("parse") or []
    allowed_users = {int(u) for u in am.get("users") or []}
    msg.pings = [u for u in msg.mentions if "users" in parse or u in allowed_users]
    if msg.message_reference and am.get("replied_user"):
        ref = s.world.messages.get(int(msg.message_reference.get("message_id") or 0))
        if ref is not None and ref.author.id not in msg.pings:
            msg.pings.append(ref.author.id)
    msg.mention_everyone = everyone and "everyone" in parse


def new_message(
    s: DiscordStandIn,
    channel: Channel,
    author: User,
    data: dict[str, Any],
    files: list[Upload],
    **extra: Any,
) -> Message:
    world = s.world
    msg = Message(
        id=world.ids.next(),
        channel_id=channel.id,
        author=author,
        guild_id=channel.guild_id,
        content=data.get("content") or "",
        embeds=copy.deepcopy(data.get("embeds") or []),
        components=comp.assign_ids(copy.deepcopy(data.get("components") or [])),
        flags=int(data.get("flags") or 0),
        allowed_mentions=data.get("allowed_mentions"),
        tts=bool(data.get("tts")),
        created_at=world.clock.now(),
        nonce=str(data["nonce"]) if data.get("nonce") is not None else None,
        message_reference=data.get("message_reference"),
        **extra,
    )
    if msg.message_reference:
        msg.type = 19
        msg.message_reference = {
            "type": 0,
            "channel_id": str(channel.id),
            "message_id": str(msg.message_reference.get("message_id")),
            **({"guild_id": str(channel.guild_id)} if channel.guild_id else {}),
        }
    msg.attachments = make_attachments(s, channel.id, data, files)
    can_everyone = channel.is_dm or world.has(channel, author.id, Perm.MENTION_EVERYONE)
    compute_mentions(s, msg, can_everyone)
    world.add_message(msg)
    if not msg.ephemeral:
        channel.last_message_id = msg.id
    return msg


def apply_edit(s: DiscordStandIn, msg: Message, data: dict[str, Any], files: list[Upload]) -> Message:
    """PATCH semantics: only the fields present change; ``attachments`` lists what is kept."""
    msg.history.append(snapshot(s, msg))
    if "content" in data:
        msg.content = data["content"] or ""
    if "embeds" in data:
        msg.embeds = copy.deepcopy(data["embeds"] or [])
    if "components" in data:
        msg.components = comp.assign_ids(copy.deepcopy(data["components"] or []))
    if "allowed_mentions" in data:
        msg.allowed_mentions = data["allowed_mentions"]
    if "flags" in data and data["flags"] is not None:
        msg.flags = (msg.flags & ~_EDITABLE_FLAGS) | (int(data["flags"]) & _EDITABLE_FLAGS)
    if "attachments" in data or files:
        keep_ids = {str(a.get("id")) for a in data.get("attachments") or []}
        kept = [a for a in msg.attachments if str(a.id) in keep_ids] if "attachments" in data else msg.attachments
        msg.attachments = kept + make_attachments(s, msg.channel_id, data, files)
    msg.edited_at = s.world.clock.now()
    channel = s.world.channels.get(msg.channel_id)
    compute_mentions(
        s, msg, channel is None or channel.is_dm or s.world.has(channel, msg.author.id, Perm.MENTION_EVERYONE)
    )
    return msg


def snapshot(s: DiscordStandIn, msg: Message) -> dict[str, Any]:
    return {"content": msg.content, "embeds": msg.embeds, "components": msg.components, "flags": msg.flags}


def _route(s: DiscordStandIn, msg: Message) -> dict[str, Any]:
    """Which intent gates this message's events and whether its content is privileged."""
    if msg.guild_id is None:
        return {"intent": INTENT_DIRECT_MESSAGES, "gate_content": False}
    bot_id = s.world.bot.id
    privileged = msg.author.id != bot_id and bot_id not in msg.mentions
    return {"intent": INTENT_GUILD_MESSAGES, "guild_id": msg.guild_id, "gate_content": privileged}


def announce_create(s: DiscordStandIn, msg: Message) -> None:
    if msg.flags & FLAG_EPHEMERAL:
        return  # Discord never sends gateway events for ephemeral messages
    s.gateway.dispatch("MESSAGE_CREATE", P.message(msg, s.world, s.cdn), **_route(s, msg))
    s.notify()


def announce_update(s: DiscordStandIn, msg: Message) -> None:
    if not msg.flags & FLAG_EPHEMERAL:
        s.gateway.dispatch("MESSAGE_UPDATE", P.message(msg, s.world, s.cdn), **_route(s, msg))
    s.notify()


def announce_delete(s: DiscordStandIn, msg: Message) -> None:
    if not msg.flags & FLAG_EPHEMERAL:
        data = {"id": str(msg.id), "channel_id": str(msg.channel_id)}
        if msg.guild_id:
            data["guild_id"] = str(msg.guild_id)
        route = _route(s, msg)
        route["gate_content"] = False
        s.gateway.dispatch("MESSAGE_DELETE", data, **route)
    s.notify()
