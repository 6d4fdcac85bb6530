"""Whether a channel may serve as a guild's inbox for creator prompts.

A prompt carries a member's private words (a thank-you, a question sent by DM). It may appear only
where every reader is allowed to answer it: the resource's owner or a member with Manage Server.
A channel qualifies only if nobody else can view it; this module decides that from plain data
about the guild's roles and the channel's permission overwrites, following Discord's permission
algorithm (https://discord.com/developers/docs/topics/permissions#permission-overwrites).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Discord permission bits this decision needs.
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14

# What the bot itself needs in the inbox: see it, post there, and post the prompts' embeds.
BOT_NEEDS = {VIEW_CHANNEL: "View Channel", SEND_MESSAGES: "Send Messages", EMBED_LINKS: "Embed Links"}


@dataclass(frozen=True)
class RoleFacts:
    id: int
    name: str
    permissions: int
    position: int = 0
    own_bot_role: bool = False  # the managed role of this bot: it writes the prompts


@dataclass(frozen=True)
class OverwriteFacts:
    target_id: int
    is_role: bool  # False: a member overwrite
    allow: int = 0
    deny: int = 0


@dataclass(frozen=True)
class ChannelFacts:
    """What the decision needs to know about one channel of one guild, as plain values."""

    guild_id: int  # also the id of the @everyone role
    owner_id: int  # the guild owner holds every permission
    bot_user_id: int
    bot_permissions: int  # the bot's own resolved permissions in the channel
    roles: tuple[RoleFacts, ...]
    overwrites: tuple[OverwriteFacts, ...]
    resource_owners: frozenset[int] = frozenset()  # creators with a resource offered in the guild
    # The role ids of members who have an overwrite of their own; None when they could not be
    # looked up (the bot has no members intent): then they are treated as not allowed to answer.
    member_roles: dict[int, tuple[int, ...] | None] = field(default_factory=dict)


@dataclass(frozen=True)
class InboxProblem:
    """Why the channel may not be an inbox: ``key`` is an i18n key, ``params`` its values."""

    key: str
    params: dict[str, object]


def _manages(permissions: int) -> bool:
    return bool(permissions & (ADMINISTRATOR | MANAGE_GUILD))


def inbox_problem(facts: ChannelFacts) -> InboxProblem | None:
    """None if the channel may receive prompts; else the first reason it may not.

    Conservative where Discord's answer depends on a combination of roles: a role that lets its
    holders see the channel counts as exposing it even if some holders also have a role that hides
    it again, since a member holding only that role would see it.
    """
    missing = [label for bit, label in BOT_NEEDS.items() if not facts.bot_permissions & bit]
    if missing:
        return InboxProblem("inbox.problem.bot_access", {"permissions": ", ".join(missing)})
    roles = {role.id: role for role in facts.roles}
    everyone = roles.get(facts.guild_id, RoleFacts(facts.guild_id, "@everyone", 0))
    role_overwrites = {o.target_id: o for o in facts.overwrites if o.is_role}

    def visible(permissions: int, own: OverwriteFacts | None) -> bool:
        # Discord's order: base permissions, then the @everyone overwrite, then the role's own.
        if permissions & ADMINISTRATOR:
            return True
        base = role_overwrites.get(facts.guild_id)
        if base is not None:
            permissions = (permissions & ~base.deny) | base.allow
        if own is not None:
            permissions = (permissions & ~own.deny) | own.allow
        return bool(permissions & VIEW_CHANNEL)

    if not _manages(everyone.permissions) and visible(everyone.permissions, None):
        return InboxProblem("inbox.problem.everyone", {})
    for role in sorted(facts.roles, key=lambda r: (-r.position, r.id)):
        if role.id == facts.guild_id or role.own_bot_role:
            continue
        held = everyone.permissions | role.permissions  # every member also holds @everyone
        if not _manages(held) and visible(held, role_overwrites.get(role.id)):
            return InboxProblem("inbox.problem.role", {"role": role.name})
    for overwrite in facts.overwrites:
        if overwrite.is_role or not overwrite.allow & VIEW_CHANNEL:
            continue  # a member overwrite that does not grant View Channel shows nothing new
        if not _may_answer(facts, roles, everyone, overwrite.target_id):
            return InboxProblem("inbox.problem.member", {"user_id": overwrite.target_id})
    return None


def _may_answer(facts: ChannelFacts, roles: dict[int, RoleFacts], everyone: RoleFacts, user_id: int) -> bool:
    if user_id in (facts.bot_user_id, facts.owner_id) or user_id in facts.resource_owners:
        return True
    role_ids = facts.member_roles.get(user_id)
    if role_ids is None:
        return False
    held = everyone.permissions
    for role_id in role_ids:
        role = roles.get(role_id)
        if role is not None:
            held |= role.permissions
    return _manages(held)
