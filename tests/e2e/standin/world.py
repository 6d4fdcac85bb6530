"""The stand-in's world: users, guilds, roles, members, channels, messages, commands.

Mutations made after the bot connected are announced to listeners (the gateway turns
them into GUILD_CREATE / GUILD_MEMBER_ADD / CHANNEL_CREATE ... as Discord would).
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from .model import (
    ALL_PERMISSIONS,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE,
    Channel,
    Clock,
    Command,
    Guild,
    Member,
    Message,
    Overwrite,
    Perm,
    Role,
    Snowflakes,
    User,
)

# What Discord reports as app_permissions / member permissions in a DM.
DM_PERMISSIONS = int(
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.ADD_REACTIONS
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.USE_EXTERNAL_STICKERS
    | Perm.SEND_VOICE_MESSAGES
    | Perm.SEND_POLLS
    | Perm.USE_EXTERNAL_APPS
)

Target = Role | Member | User


class World:
    def __init__(self, clock: Clock | None = None, *, bot_name: str = "Handout", token: str | None = None):
        self.clock = clock or Clock()
        self.ids = Snowflakes(self.clock)
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.commands: dict[int, Command] = {}
        self._dm_by_user: dict[int, Channel] = {}
        # Messages by channel, in order: a per-send scan of every message (O(M)) made a
        # 5,000-delivery burst quadratic in the stand-in, which shares a process with the driver.
        self._by_channel: dict[int, list[Message]] = {}
        self.listeners: list[Callable[..., None]] = []
        self.bot = self.add_user(bot_name, bot=True)
        self.application_id = self.bot.id  # modern apps: application id == bot user id
        self.application_flags = (1 << 13) | (1 << 15) | (1 << 19)  # *_LIMITED intent flags
        self.token = token or self._make_token(self.bot.id)

    @staticmethod
    def _make_token(bot_id: int) -> str:
        head = base64.urlsafe_b64encode(str(bot_id).encode()).decode().rstrip("=")
        return f"{head}.{secrets.token_urlsafe(4)[:6]}.{secrets.token_urlsafe(29)[:38]}"

    def _emit(self, kind: str, **kw: Any) -> None:
        for fn in list(self.listeners):
            fn(kind, **kw)

    # ----------------------------------------------------------------- creation
    def add_user(
        self,
        username: str,
        *,
        locale: str = "en-US",
        global_name: str | None = None,
        bot: bool = False,
        dms_closed: bool = False,
    ) -> User:
        user = User(self.ids.next(), username, global_name, locale, bot, dms_closed)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        preferred_locale: str = "en-US",
        owner: User | None = None,
        channels: Iterable[str] = ("general",),
        with_bot: bool = True,
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        everyone_permissions: int = DEFAULT_EVERYONE,
    ) -> Guild:
        """A guild with @everyone, an owner, the bot (with its managed role) and text channels."""
        gid = self.ids.next()
        owner = owner or self.add_user(f"{name.lower().replace(' ', '_')}_owner")
        guild = Guild(gid, name, owner.id, preferred_locale)
        guild.roles[gid] = Role(gid, gid, "@everyone", everyone_permissions, position=0)
        self.guilds[gid] = guild
        self._add_member(guild, owner, [])
        if with_bot:
            role = self.add_role(guild, self.bot.username, bot_permissions, managed=True, _announce=False)
            role.bot_id = self.bot.id
            self._add_member(guild, self.bot, [role.id])
        for ch in channels:
            self.add_channel(guild, ch, _announce=False)
        if with_bot:
            self._emit("guild_create", guild=guild)
        return guild

    def add_role(
        self, guild: Guild, name: str, permissions: int = 0, *, managed: bool = False, _announce: bool = True
    ) -> Role:
        role = Role(self.ids.next(), guild.id, name, int(permissions), position=len(guild.roles), managed=managed)
        guild.roles[role.id] = role
        if _announce:
            self._emit("role_create", guild=guild, role=role)
        return role

    def set_role_permissions(self, role: Role, permissions: int) -> None:
        role.permissions = int(permissions)
        self._emit("role_update", guild=self.guilds[role.guild_id], role=role)

    def _add_member(self, guild: Guild, user: User, role_ids: list[int]) -> Member:
        member = Member(user, guild, role_ids, joined_at=self.clock.now())
        guild.members[user.id] = member
        return member

    def add_member(
        self,
        guild: Guild,
        user: User,
        *,
        roles: Iterable[Role] = (),
        owner: bool = False,
        nick: str | None = None,
    ) -> Member:
        if user.id in guild.members:
            member = guild.members[user.id]
            member.role_ids = [r.id for r in roles] or member.role_ids
        else:
            member = self._add_member(guild, user, [r.id for r in roles])
            self._emit("member_add", guild=guild, member=member)
        member.nick = nick
        if owner:
            guild.owner_id = user.id
            self._emit("guild_update", guild=guild)
        return member

    def set_roles(self, member: Member, roles: Iterable[Role]) -> None:
        member.role_ids = [r.id for r in roles]
        self._emit("member_update", guild=member.guild, member=member)

    def remove_member(self, guild: Guild, user: User | Member) -> None:
        uid = user.id
        member = guild.members.pop(uid, None)
        if member is not None:
            self._emit("member_remove", guild=guild, member=member)

    def add_channel(
        self,
        guild: Guild,
        name: str,
        *,
        overwrites: Iterable[Overwrite] = (),
        topic: str | None = None,
        _announce: bool = True,
    ) -> Channel:
        ch = Channel(self.ids.next(), 0, name, guild.id, position=len(guild.channels), topic=topic)
        ch.overwrites = {o.id: o for o in overwrites}
        guild.channels[name] = ch
        self.channels[ch.id] = ch
        if _announce:
            self._emit("channel_create", channel=ch)
        return ch

    def remove_channel(self, channel: Channel) -> None:
        """Delete a guild channel (CHANNEL_DELETE); its messages stay in the record for tests."""
        guild = self.guild_of(channel)
        if guild is not None:
            guild.channels.pop(channel.name or "", None)
        self.channels.pop(channel.id, None)
        self._emit("channel_delete", channel=channel)

    def overwrite(self, channel: Channel, target: Target, *, allow: int = 0, deny: int = 0) -> Overwrite:
        """Set a permission overwrite on a guild channel (for a role, a member or a user)."""
        kind = 0 if isinstance(target, Role) else 1
        ow = Overwrite(target.id, kind, int(allow), int(deny))
        channel.overwrites[target.id] = ow
        self._emit("channel_update", channel=channel)
        return ow

    def set_dms_closed(self, user: User | Member, closed: bool = True) -> None:
        self.user_of(user).dms_closed = closed

    # ----------------------------------------------------------------- lookups
    @staticmethod
    def user_of(who: User | Member) -> User:
        return who.user if isinstance(who, Member) else who

    def member(self, guild: Guild, who: User | Member | int) -> Member | None:
        uid = who if isinstance(who, int) else who.id
        return guild.members.get(uid)

    def bot_member(self, guild: Guild) -> Member | None:
        return guild.members.get(self.bot.id)

    def bot_guilds(self) -> list[Guild]:
        return [g for g in self.guilds.values() if self.bot.id in g.members]

    def guild_of(self, channel: Channel) -> Guild | None:
        return self.guilds.get(channel.guild_id) if channel.guild_id else None

    def mutual_guild(self, user_id: int) -> bool:
        return any(user_id in g.members for g in self.bot_guilds())

    def dm_channel(self, who: User | Member, *, create: bool = True) -> Channel | None:
        user = self.user_of(who)
        ch = self._dm_by_user.get(user.id)
        if ch is None and create:
            ch = Channel(self.ids.next(), 1, None, None, recipient_id=user.id)
            self._dm_by_user[user.id] = ch
            self.channels[ch.id] = ch
        return ch

    def add_foreign_dm(self, who: User | Member) -> Channel:
        """A DM channel of ``who`` with another application: a real channel id, not this bot's."""
        ch = Channel(self.ids.next(), 1, None, None, recipient_id=self.user_of(who).id, bot_is_recipient=False)
        self.channels[ch.id] = ch
        return ch

    def add_message(self, message: Message) -> None:
        self.messages[message.id] = message
        self._by_channel.setdefault(message.channel_id, []).append(message)

    def messages_in(self, channel: Channel | int, *, include_deleted: bool = False) -> list[Message]:
        cid = channel if isinstance(channel, int) else channel.id
        return [m for m in self._by_channel.get(cid, ()) if include_deleted or not m.deleted]

    def find_user(self, name: str) -> User:
        return next(u for u in self.users.values() if u.username == name)

    # ----------------------------------------------------------------- permissions
    def base_permissions(self, guild: Guild, user_id: int) -> int:
        """Discord's guild-level permission computation (owner, @everyone, roles, admin)."""
        if guild.owner_id == user_id:
            return ALL_PERMISSIONS
        member = guild.members.get(user_id)
        if member is None:
            return 0
        perms = guild.everyone.permissions
        for rid in member.role_ids:
            role = guild.roles.get(rid)
            if role is not None:
                perms |= role.permissions
        if perms & Perm.ADMINISTRATOR:
            return ALL_PERMISSIONS
        return perms

    def permissions_in(self, channel: Channel, user_id: int) -> int:
        """Discord's channel permission algorithm: base, @everyone/role/member overwrites, implicit denies."""
        if channel.is_dm:
            return DM_PERMISSIONS
        guild = self.guilds[channel.guild_id]  # type: ignore[index]
        perms = self.base_permissions(guild, user_id)
        if perms & Perm.ADMINISTRATOR:
            return ALL_PERMISSIONS
        ows = channel.overwrites
        everyone = ows.get(guild.id)
        if everyone is not None:
            perms = (perms & ~everyone.deny) | everyone.allow
        member = guild.members.get(user_id)
        allow = deny = 0
        for rid in member.role_ids if member else []:
            ow = ows.get(rid)
            if ow is not None and ow.type == 0:
                allow |= ow.allow
                deny |= ow.deny
        perms = (perms & ~deny) | allow
        own = ows.get(user_id)
        if own is not None and own.type == 1:
            perms = (perms & ~own.deny) | own.allow
        if not perms & Perm.VIEW_CHANNEL:
            return 0
        if not perms & Perm.SEND_MESSAGES:
            perms &= ~int(Perm.MENTION_EVERYONE | Perm.SEND_TTS_MESSAGES | Perm.ATTACH_FILES | Perm.EMBED_LINKS)
        return perms

    def has(self, channel: Channel, user_id: int, perms: int) -> bool:
        return self.permissions_in(channel, user_id) & perms == perms

    def bot_permissions_in(self, channel: Channel) -> int:
        return self.permissions_in(channel, self.bot.id)
