"""Interactions as Discord builds them: records, INTERACTION_CREATE payloads, and the
mapping from a user's "/resource add name:x file:..." to the registered command's options."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import payloads as P
from .model import ALL_PERMISSIONS, Attachment, Channel, Command, Guild, Member, Message, Perm, Role, User

if TYPE_CHECKING:
    from .server import DiscordStandIn

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class DriverError(AssertionError):
    """The user could not do that in a real Discord client (command hidden, bad option...)."""


@dataclass(eq=False)
class CallbackRecord:
    type: int | None
    data: dict[str, Any] | None
    files: list[tuple[str, int]]
    status: int
    code: int | None
    at: float
    elapsed: float  # seconds after the interaction was dispatched

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300


@dataclass(eq=False)
class InteractionRecord:
    id: int
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete, 5 modal submit
    user: User
    channel: Channel
    guild: Guild | None
    member: Member | None
    payload: dict[str, Any] = field(default_factory=dict)
    dispatched_at: float = 0.0  # when it was queued, then when its frame first left (gateway.py)
    written: bool = False
    delivered: int = 0
    command: Command | None = None
    message: Message | None = None  # the message a component / modal-from-component belongs to
    parent: InteractionRecord | None = None
    callbacks: list[CallbackRecord] = field(default_factory=list)  # accepted ones
    attempts: list[CallbackRecord] = field(default_factory=list)  # every POST .../callback
    original: Message | None = None
    followups: list[Message] = field(default_factory=list)
    modal: dict[str, Any] | None = None
    choices: list[dict[str, Any]] | None = None

    @property
    def acknowledged(self) -> bool:
        return bool(self.callbacks)

    @property
    def callback_type(self) -> int | None:
        return self.callbacks[0].type if self.callbacks else None

    def __repr__(self) -> str:
        return f"<Interaction {self.id} type={self.type} by {self.user.username} cb={self.callback_type}>"


def new_record(
    s: DiscordStandIn, itype: int, who: User | Member, channel: Channel, data: dict[str, Any], **extra: Any
) -> InteractionRecord:
    """Build the full INTERACTION_CREATE payload for ``who`` acting in ``channel``."""
    world = s.world
    user = world.user_of(who)
    guild = world.guild_of(channel)
    member = world.member(guild, user) if guild else None
    if guild is not None and member is None:
        raise DriverError(f"{user.username} is not a member of {guild.name}")
    rec = InteractionRecord(world.ids.next(), _token(), itype, user, channel, guild, member, **extra)
    payload: dict[str, Any] = {
        "id": str(rec.id),
        "application_id": str(world.application_id),
        "type": itype,
        "data": data,
        "channel_id": str(channel.id),
        "channel": P.channel(channel, world),
        "token": rec.token,
        "version": 1,
        "app_permissions": str(world.bot_permissions_in(channel)),
        "locale": user.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild is not None and member is not None:
        payload["guild_id"] = str(guild.id)
        payload["guild"] = {"id": str(guild.id), "locale": guild.preferred_locale, "features": list(guild.features)}
        payload["guild_locale"] = guild.preferred_locale
        payload["member"] = P.member(member, permissions=world.permissions_in(channel, user.id))
        payload["authorizing_integration_owners"] = {"0": str(guild.id)}
        payload["context"] = 0
    else:
        payload["user"] = P.user(user)
        payload["authorizing_integration_owners"] = {"0": "0"}
        payload["context"] = 1
    if rec.message is not None:
        payload["message"] = P.message(rec.message, world, s.cdn)
    rec.payload = payload
    return rec


def _token() -> str:
    return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)


# ------------------------------------------------------------------------- commands
def find_command(s: DiscordStandIn, name: str, channel: Channel) -> Command | None:
    guild_cmds = [c for c in s.world.commands.values() if c.guild_id == channel.guild_id and c.guild_id]
    global_cmds = [c for c in s.world.commands.values() if c.guild_id is None]
    for c in guild_cmds + global_cmds:
        if c.name == name and c.type == 1:
            return c
    return None


def check_visible(s: DiscordStandIn, cmd: Command, user: User, channel: Channel) -> None:
    """What the Discord client enforces before a user can even pick the command."""
    world = s.world
    if channel.is_dm:
        if 1 not in cmd.allowed_contexts():
            raise DriverError(f"/{cmd.name} is guild-only: it is not offered in DMs")
        return
    if 0 not in cmd.allowed_contexts():
        raise DriverError(f"/{cmd.name} is not offered in servers")
    guild = world.guild_of(channel)
    assert guild is not None
    if not world.has(channel, user.id, Perm.USE_APPLICATION_COMMANDS):
        raise DriverError(f"{user.username} lacks USE_APPLICATION_COMMANDS in #{channel.name}")
    needed = cmd.default_member_permissions
    if needed is None:
        return
    have = world.base_permissions(guild, user.id)
    if have == ALL_PERMISSIONS:
        return  # owner / administrator
    needed_bits = int(needed)
    if needed_bits == 0 or have & needed_bits != needed_bits:
        raise DriverError(
            f"/{cmd.name} needs default_member_permissions={needed}; {user.username} has {have}: hidden for them"
        )


def build_command_data(
    s: DiscordStandIn,
    cmd: Command,
    path: list[str],
    values: dict[str, Any],
    channel: Channel,
    user: User,
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """data for a type 2 (or 4 with ``focused``) interaction from ``/cmd sub opt:value``."""
    resolved: dict[str, dict[str, Any]] = {}
    options_def = cmd.options
    chain: list[dict[str, Any]] = []
    for word in path:
        sub = next((o for o in options_def if o.get("name") == word and o.get("type") in (1, 2)), None)
        if sub is None:
            have = [o["name"] for o in options_def if o.get("type") in (1, 2)]
            raise DriverError(f"/{cmd.name}: no subcommand (group) {word!r}; have {have}")
        chain.append({"name": word, "type": sub["type"], "options": []})
        options_def = sub.get("options") or []
    if any(o.get("type") in (1, 2) for o in options_def):
        raise DriverError(f"/{' '.join([cmd.name, *path])} needs a subcommand")
    leaf = _leaf_options(s, options_def, values, (channel, user), resolved, focused)
    data: dict[str, Any] = {"id": str(cmd.id), "name": cmd.name, "type": 1}
    if chain:
        chain[-1]["options"] = leaf
        for i in range(len(chain) - 2, -1, -1):
            chain[i]["options"] = [chain[i + 1]]
        data["options"] = [chain[0]]
    elif leaf:
        data["options"] = leaf
    if resolved:
        data["resolved"] = resolved
    if cmd.guild_id is not None:
        data["guild_id"] = str(cmd.guild_id)
    return data


def _leaf_options(
    s: DiscordStandIn,
    defs: list[dict[str, Any]],
    values: dict[str, Any],
    where: tuple[Channel, User],
    resolved: dict[str, dict[str, Any]],
    focused: str | None,
) -> list[dict[str, Any]]:
    by_name = {o["name"]: o for o in defs}
    unknown = set(values) - set(by_name)
    if unknown:
        raise DriverError(f"unknown option(s) {sorted(unknown)}; the command has {sorted(by_name)}")
    out = []
    for o in defs:
        name = o["name"]
        if name not in values:
            if o.get("required") and focused is None:
                raise DriverError(f"option {name!r} is required")
            continue
        if name == focused:
            out.append({"name": name, "type": o["type"], "value": str(values[name]), "focused": True})
            continue
        out.append({"name": name, "type": o["type"], "value": _option_value(s, o, values[name], where, resolved)})
    return out


def _option_value(
    s: DiscordStandIn, o: dict[str, Any], value: Any, where: tuple[Channel, User], resolved: dict[str, dict[str, Any]]
) -> Any:
    t, name = o["type"], o["name"]
    channel, actor = where
    world = s.world
    if t in (3, 4, 10):
        value = {3: str, 4: int, 10: float}[t](value)
        choices = o.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise DriverError(f"{name}={value!r} is not one of the choices {[c['value'] for c in choices]}")
        if t == 3 and not o.get("min_length", 0) <= len(value) <= o.get("max_length", 6000):
            raise DriverError(f"{name}: length {len(value)} outside the allowed range")
        if t in (4, 10) and not o.get("min_value", -(2**53)) <= value <= o.get("max_value", 2**53):
            raise DriverError(f"{name}={value} outside [{o.get('min_value')}, {o.get('max_value')}]")
        return value
    if t == 5:
        return bool(value)
    if t in (6, 9) and isinstance(value, User | Member):
        user = world.user_of(value)
        resolved.setdefault("users", {})[str(user.id)] = P.user(user)
        guild = world.guild_of(channel)
        m = world.member(guild, user) if guild else None
        if m is not None:
            perms = world.permissions_in(channel, user.id)
            resolved.setdefault("members", {})[str(user.id)] = P.member(m, with_user=False, permissions=perms)
        return str(user.id)
    if t in (8, 9) and isinstance(value, Role):
        resolved.setdefault("roles", {})[str(value.id)] = P.role(value)
        return str(value.id)
    if t == 7 and isinstance(value, Channel):
        perms = world.permissions_in(value, actor.id)
        data = {"id": str(value.id), "name": value.name, "type": value.type, "permissions": str(perms)}
        if value.guild_id:
            data["guild_id"] = str(value.guild_id)
        resolved.setdefault("channels", {})[str(value.id)] = data
        return str(value.id)
    if t == 11:
        att = upload_attachment(s, value)
        resolved.setdefault("attachments", {})[str(att.id)] = P.attachment(att, s.cdn)
        return str(att.id)
    raise DriverError(f"option {name!r} (type {t}) cannot take {value!r}")


def upload_attachment(s: DiscordStandIn, value: Any) -> Attachment:
    """A user's upload for an attachment option: (filename, bytes[, content_type])."""
    from .cdn import sanitize_filename

    if isinstance(value, Attachment):
        return value
    filename, data, *rest = value
    if len(data) > ATTACHMENT_SIZE_LIMIT:
        raise DriverError(f"{filename}: {len(data)} bytes is over the upload limit")
    att = Attachment(
        id=s.world.ids.next(),
        filename=sanitize_filename(filename),
        data=bytes(data),
        content_type=rest[0] if rest else _guess_type(filename),
        kind="ephemeral-attachments",
        scope_id=s.world.application_id,
        ephemeral=True,
    )
    return s.cdn.store(att)


def _guess_type(filename: str) -> str | None:
    import mimetypes

    return mimetypes.guess_type(filename)[0]
