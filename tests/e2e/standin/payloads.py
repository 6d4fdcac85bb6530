"""Serialisers: world objects -> the JSON payloads Discord (API v10) sends.

Field sets follow what discord.py 2.7 reads (types/*.py and the model constructors);
ids are strings, permissions are strings, timestamps ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .model import Attachment, Channel, Command, Guild, Member, Message, Role, Snowflakes, User

if TYPE_CHECKING:
    from .cdn import Cdn
    from .world import World


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="microseconds")


def user(u: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(u.id),
        "username": u.username,
        "discriminator": "0",
        "global_name": u.global_name,
        "avatar": u.avatar,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
        "collectibles": None,
    }
    if u.bot:
        data["bot"] = True
    return data


def me(u: User) -> dict[str, Any]:
    """GET /users/@me for a bot: the user plus account fields."""
    return {**user(u), "verified": True, "mfa_enabled": False, "locale": u.locale, "email": None, "bio": ""}


def role(r: Role) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(r.id),
        "name": r.name,
        "permissions": str(r.permissions),
        "position": r.position,
        "color": r.color,
        "colors": {"primary_color": r.color, "secondary_color": None, "tertiary_color": None},
        "hoist": r.hoist,
        "managed": r.managed,
        "mentionable": r.mentionable,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }
    if r.bot_id:
        data["tags"] = {"bot_id": str(r.bot_id)}
    return data


def member(m: Member, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "roles": [str(r) for r in m.role_ids],
        "nick": m.nick,
        "avatar": None,
        "banner": None,
        "joined_at": iso(m.joined_at),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user(m.user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def channel(c: Channel, world: World) -> dict[str, Any]:
    if c.is_dm:
        recipient = world.users[c.recipient_id]  # type: ignore[index]
        return {
            "id": str(c.id),
            "type": 1,
            "last_message_id": str(c.last_message_id) if c.last_message_id else None,
            "flags": 0,
            "recipients": [user(recipient)],
        }
    return {
        "id": str(c.id),
        "type": c.type,
        "guild_id": str(c.guild_id),
        "name": c.name,
        "position": c.position,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)} for o in c.overwrites.values()
        ],
        "parent_id": str(c.parent_id) if c.parent_id else None,
        "topic": c.topic,
        "nsfw": c.nsfw,
        "last_message_id": str(c.last_message_id) if c.last_message_id else None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def guild(g: Guild, world: World, *, counts: bool = False) -> dict[str, Any]:
    """GET /guilds/{id} shape (no channels/members)."""
    data: dict[str, Any] = {
        "id": str(g.id),
        "name": g.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": g.description,
        "owner_id": str(g.owner_id),
        "region": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [role(r) for r in g.roles.values()],
        "emojis": [],
        "stickers": [],
        "features": list(g.features),
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": g.preferred_locale,
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "max_members": 500000,
    }
    if counts:
        data["approximate_member_count"] = len(g.members)
        data["approximate_presence_count"] = 0
    return data


def guild_create(g: Guild, world: World, *, all_members: bool) -> dict[str, Any]:
    """GUILD_CREATE: full guild, channels, and members (only the bot's own unless presences+small)."""
    members = [m for m in g.members.values() if all_members or m.user.id == world.bot.id]
    return {
        **guild(g, world),
        "joined_at": iso(world.clock.now()),
        "large": len(g.members) > 250,
        "unavailable": False,
        "member_count": len(g.members),
        "voice_states": [],
        "members": [member(m) for m in members],
        "channels": [channel(c, world) for c in g.channels.values()],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def attachment(a: Attachment, cdn: Cdn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(a.id),
        "filename": a.filename,
        "size": a.size,
        "url": cdn.url_for(a),
        "proxy_url": cdn.url_for(a, proxy=True),
        "content_type": a.content_type,
        "flags": 0,
    }
    if a.description:
        data["description"] = a.description
    if a.title:
        data["title"] = a.title
    if a.ephemeral:
        data["ephemeral"] = True
    return data


def message(m: Message, world: World, cdn: Cdn, *, with_member: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(m.id),
        "channel_id": str(m.channel_id),
        "type": m.type,
        "content": m.content,
        "author": user(m.author),
        "timestamp": iso(Snowflakes.time_of(m.id)),
        "edited_timestamp": iso(m.edited_at),
        "tts": m.tts,
        "mention_everyone": m.mention_everyone,
        "mentions": [user(world.users[u]) for u in m.mentions if u in world.users],
        "mention_roles": [str(r) for r in m.mention_roles],
        "attachments": [attachment(a, cdn) for a in m.attachments],
        "embeds": m.embeds,
        "components": m.components,
        "pinned": False,
        "flags": m.flags,
    }
    if m.sticker_items:
        data["sticker_items"] = m.sticker_items
    if m.guild_id is not None:
        data["guild_id"] = str(m.guild_id)
        g = world.guilds.get(m.guild_id)
        mem = g.members.get(m.author.id) if g else None
        if with_member and mem is not None and m.webhook_id is None:
            data["member"] = member(mem, with_user=False)
    if m.webhook_id is not None:
        data["webhook_id"] = str(m.webhook_id)
    if m.application_id is not None:
        data["application_id"] = str(m.application_id)
    if m.interaction_meta is not None:
        data["interaction_metadata"] = m.interaction_meta
        data["interaction"] = {
            "id": m.interaction_meta["id"],
            "type": m.interaction_meta["type"],
            "name": m.interaction_meta.get("name", ""),
            "user": m.interaction_meta["user"],
        }
    if m.message_reference is not None:
        data["message_reference"] = m.message_reference
        ref = world.messages.get(int(m.message_reference.get("message_id", 0) or 0))
        data["referenced_message"] = message(ref, world, cdn) if ref is not None else None
    if m.nonce is not None:
        data["nonce"] = m.nonce
    return data


def command(c: Command) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(c.id),
        "application_id": str(c.application_id),
        "version": str(c.version),
        "default_member_permissions": c.default_member_permissions,
        "type": c.type,
        "name": c.name,
        "name_localizations": c.name_localizations,
        "description": c.description,
        "description_localizations": c.description_localizations,
        "dm_permission": c.dm_permission if c.dm_permission is not None else True,
        "contexts": c.contexts,
        "integration_types": c.integration_types if c.integration_types is not None else [0],
        "nsfw": c.nsfw,
    }
    if c.options:
        data["options"] = c.options
    if c.guild_id is not None:
        data["guild_id"] = str(c.guild_id)
    return data


def application(world: World, owner: User) -> dict[str, Any]:
    """GET /applications/@me."""
    bot = world.bot
    return {
        "id": str(world.application_id),
        "name": bot.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": world.application_flags,
        "owner": user(owner),
        "team": None,
        "bot": user(bot),
        "hook": True,
        "is_monetized": False,
        "interactions_endpoint_url": None,
        "redirect_uris": [],
        "tags": [],
        "approximate_guild_count": len(world.bot_guilds()),
        "install_params": {"scopes": ["bot", "applications.commands"], "permissions": "0"},
        "integration_types_config": {"0": {}},
    }
