"""Plain data model of the Discord stand-in: ids, clock, permission bits and records.

Nothing here talks to the network; the world (world.py) owns these objects and the
serialisers (payloads.py) turn them into the JSON shapes discord.py expects.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field
from typing import Any

from . import components as comp
from . import markdown

DISCORD_EPOCH_MS = 1420070400000

# Gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents)
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# Message flags
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_COMPONENTS_V2 = 1 << 15


class Perm(enum.IntFlag):
    """Discord permission bits (the subset of names is complete as of API v10, 2025)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    PRIORITY_SPEAKER = 1 << 8
    STREAM = 1 << 9
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    SEND_TTS_MESSAGES = 1 << 12
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    VIEW_GUILD_INSIGHTS = 1 << 19
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    MUTE_MEMBERS = 1 << 22
    DEAFEN_MEMBERS = 1 << 23
    MOVE_MEMBERS = 1 << 24
    USE_VAD = 1 << 25
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    MANAGE_GUILD_EXPRESSIONS = 1 << 30
    USE_APPLICATION_COMMANDS = 1 << 31
    REQUEST_TO_SPEAK = 1 << 32
    MANAGE_EVENTS = 1 << 33
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    USE_EXTERNAL_STICKERS = 1 << 37
    SEND_MESSAGES_IN_THREADS = 1 << 38
    USE_EMBEDDED_ACTIVITIES = 1 << 39
    MODERATE_MEMBERS = 1 << 40
    VIEW_CREATOR_MONETIZATION_ANALYTICS = 1 << 41
    USE_SOUNDBOARD = 1 << 42
    CREATE_GUILD_EXPRESSIONS = 1 << 43
    CREATE_EVENTS = 1 << 44
    USE_EXTERNAL_SOUNDS = 1 << 45
    SEND_VOICE_MESSAGES = 1 << 46
    SET_VOICE_CHANNEL_STATUS = 1 << 48
    SEND_POLLS = 1 << 49
    USE_EXTERNAL_APPS = 1 << 50
    PIN_MESSAGES = 1 << 51
    BYPASS_SLOWMODE = 1 << 52


ALL_PERMISSIONS = 0
for _p in Perm:
    ALL_PERMISSIONS |= int(_p)

# What Discord gives @everyone in a new server.
DEFAULT_EVERYONE = int(
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.STREAM
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.MENTION_EVERYONE
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CONNECT
    | Perm.SPEAK
    | Perm.USE_VAD
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.REQUEST_TO_SPEAK
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.USE_EXTERNAL_STICKERS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.USE_EMBEDDED_ACTIVITIES
    | Perm.SEND_VOICE_MESSAGES
    | Perm.SEND_POLLS
    | Perm.USE_EXTERNAL_APPS
)

# What a bot invited with a typical "send messages" invite link gets on its managed role.
DEFAULT_BOT_PERMISSIONS = int(
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.SEND_MESSAGES_IN_THREADS
)


class Clock:
    """Discord's idea of "now": wall time plus an offset tests can advance."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class Snowflakes:
    """Time-based, strictly increasing snowflakes (discord.utils.snowflake_time works on them)."""

    def __init__(self, clock: Clock, worker: int = 1, process: int = 1) -> None:
        self._clock = clock
        self._last_ms = 0
        self._inc = 0
        self._prefix = ((worker & 0x1F) << 17) | ((process & 0x1F) << 12)

    def next(self) -> int:
        ms = int(self._clock.now() * 1000) - DISCORD_EPOCH_MS
        if ms <= self._last_ms:
            self._inc += 1
            if self._inc > 0xFFF:
                self._last_ms += 1
                self._inc = 0
            ms = self._last_ms
        else:
            self._inc = 0
        self._last_ms = ms
        return (ms << 22) | self._prefix | self._inc

    @staticmethod
    def time_of(snowflake: int) -> float:
        return ((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000.0


@dataclass(eq=False)
class User:
    id: int
    username: str
    global_name: str | None = None
    locale: str = "en-US"
    bot: bool = False
    dms_closed: bool = False
    avatar: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def __repr__(self) -> str:
        return f"<User {self.username} id={self.id}>"


@dataclass(eq=False)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    bot_id: int | None = None

    def __repr__(self) -> str:
        return f"<Role {self.name} id={self.id}>"


@dataclass(eq=False)
class Overwrite:
    id: int
    type: int  # 0 = role, 1 = member
    allow: int = 0
    deny: int = 0


@dataclass(eq=False)
class Channel:
    id: int
    type: int  # 0 = guild text, 1 = DM, 4 = category
    name: str | None = None
    guild_id: int | None = None
    position: int = 0
    overwrites: dict[int, Overwrite] = field(default_factory=dict)
    topic: str | None = None
    recipient_id: int | None = None
    parent_id: int | None = None
    nsfw: bool = False
    last_message_id: int | None = None
    # False for a DM of the recipient with someone else (another bot application, say): it exists,
    # but this bot is no recipient of it, and Discord answers 50001 Missing Access to anything the bot
    # does with it (as for a DM between two users: discord/discord.js issue 11429).
    bot_is_recipient: bool = True

    @property
    def is_dm(self) -> bool:
        return self.type == 1

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def __repr__(self) -> str:
        return f"<Channel {'DM' if self.is_dm else '#' + str(self.name)} id={self.id}>"


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    preferred_locale: str = "en-US"
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)  # by name
    features: list[str] = field(default_factory=list)
    description: str | None = None

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def channel(self, name_or_id: str | int) -> Channel:
        if isinstance(name_or_id, int):
            return next(c for c in self.channels.values() if c.id == name_or_id)
        return self.channels[name_or_id.lstrip("#")]

    def role(self, name: str) -> Role:
        return next(r for r in self.roles.values() if r.name == name)

    def __repr__(self) -> str:
        return f"<Guild {self.name} id={self.id}>"


@dataclass(eq=False)
class Member:
    user: User
    guild: Guild
    role_ids: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: float = 0.0

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def locale(self) -> str:
        return self.user.locale

    @property
    def mention(self) -> str:
        return f"<@{self.user.id}>"

    def __repr__(self) -> str:
        return f"<Member {self.user.username} of {self.guild.name}>"


@dataclass(eq=False)
class Attachment:
    id: int
    filename: str
    data: bytes
    content_type: str | None
    kind: str  # "attachments" (message files) or "ephemeral-attachments" (command options)
    scope_id: int  # channel id for message files, application id for ephemeral ones
    description: str | None = None
    ephemeral: bool = False
    title: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"<Attachment {self.filename} {self.size}B id={self.id}>"


@dataclass(eq=False)
class Message(comp.ComponentLookup):
    id: int
    channel_id: int
    author: User
    guild_id: int | None = None
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    attachments: list[Attachment] = field(default_factory=list)
    sticker_items: list[dict[str, Any]] = field(default_factory=list)  # a user's message: id, name, format_type
    allowed_mentions: dict[str, Any] | None = None
    mentions: list[int] = field(default_factory=list)
    mention_roles: list[int] = field(default_factory=list)
    mention_everyone: bool = False
    pings: list[int] = field(default_factory=list)  # user ids actually notified (allowed_mentions applied)
    type: int = 0
    tts: bool = False
    created_at: float = 0.0
    edited_at: float | None = None
    deleted: bool = False
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_id: int | None = None
    interaction_meta: dict[str, Any] | None = None
    message_reference: dict[str, Any] | None = None
    nonce: str | None = None
    visible_to: int | None = None  # ephemeral messages: the only user who sees them
    history: list[dict[str, Any]] = field(default_factory=list)  # previous versions (edits)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & FLAG_EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & FLAG_LOADING)

    @property
    def text(self) -> str:
        """Everything a reader sees as text: content, embed texts and text-display components."""
        parts = [self.content or ""]
        for e in self.embeds:
            parts += [str(e.get(k) or "") for k in ("title", "description")]
            parts += [f"{f.get('name', '')} {f.get('value', '')}" for f in e.get("fields", [])]
            parts += [str((e.get(k) or {}).get("text") or "") for k in ("footer",)]
        parts += [c.get("content", "") for c in comp.walk(self.components) if c.get("type") == 10]
        return "\n".join(p for p in parts if p)

    def _rendered(self, *, formatting_only: bool) -> str:
        """The parts where Discord renders markdown (see markdown.py for which renders what): with
        ``formatting_only``, embed titles and field names too, where only text formatting renders;
        never author names and footers, shown as typed."""
        parts = [self.content or ""]
        for e in self.embeds:
            parts.append(str(e.get("description") or ""))
            parts += [str(f.get("value", "")) for f in e.get("fields", [])]
            if formatting_only:
                parts.append(str(e.get("title") or ""))
                parts += [str(f.get("name", "")) for f in e.get("fields", [])]
        parts += [c.get("content", "") for c in comp.walk(self.components) if c.get("type") == 10]
        return "\n".join(p for p in parts if p)

    @property
    def live_masked_links(self) -> list[tuple[str, str]]:
        """Masked links ``[text](url)`` a reader would see live in this message (see markdown.py):
        in content, embed descriptions and field values only."""
        return markdown.masked_links(self._rendered(formatting_only=False))

    @property
    def live_mentions(self) -> list[str]:
        """Mention syntax a reader would see rendered as a mention (pinging or not); in embeds only
        descriptions and field values render them."""
        return markdown.mentions(self._rendered(formatting_only=False))

    @property
    def live_formatting(self) -> list[str]:
        """Spans a reader would see bold, italic, underlined, struck, as a spoiler or as code: also
        in embed titles and field names, never in author names and footers."""
        return markdown.formatting(self._rendered(formatting_only=True))

    def __repr__(self) -> str:
        return f"<Message id={self.id} by {self.author.username}: {self.content[:40]!r} flags={self.flags}>"


@dataclass(eq=False)
class Command:
    id: int
    application_id: int
    guild_id: int | None
    name: str
    type: int = 1
    description: str = ""
    options: list[dict[str, Any]] = field(default_factory=list)
    default_member_permissions: str | None = None
    dm_permission: bool | None = None
    contexts: list[int] | None = None
    integration_types: list[int] | None = None
    nsfw: bool = False
    version: int = 0
    name_localizations: dict[str, str] | None = None
    description_localizations: dict[str, str] | None = None

    def allowed_contexts(self) -> list[int]:
        if self.guild_id is not None:
            return [0]
        if self.contexts is not None:
            return list(self.contexts)
        return [0, 1, 2] if self.dm_permission is not False else [0]

    def __repr__(self) -> str:
        return f"<Command /{self.name} id={self.id} guild={self.guild_id}>"
