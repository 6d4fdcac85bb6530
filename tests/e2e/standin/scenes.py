"""Ready-made worlds for tests."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Channel, Guild, Member, Perm, Role, User
from .world import World


@dataclass
class DefaultScene:
    """Two guilds. In "Creators": an owner-creator with Manage Server, a plain member,
    #general (bot can post) and #locked (bot can read but not send). "Second Guild" has
    its own #general and a member who is only there."""

    guild: Guild
    creator: Member  # owner of guild, also has the "Creator" role with MANAGE_GUILD
    member: Member  # plain member, locale nl
    general: Channel
    locked: Channel
    creator_role: Role
    guild2: Guild
    general2: Channel
    outsider: Member  # member of guild2 only

    @property
    def creator_user(self) -> User:
        return self.creator.user

    @property
    def member_user(self) -> User:
        return self.member.user


def default_scene(world: World) -> DefaultScene:
    maya = world.add_user("maya", global_name="Maya", locale="en-US")
    alice = world.add_user("alice", global_name="Alice", locale="nl")
    bob = world.add_user("bob", global_name="Bob", locale="fr")
    guild = world.add_guild("Creators", preferred_locale="en-US", owner=maya)
    creator_role = world.add_role(guild, "Creator", Perm.MANAGE_GUILD)
    creator = world.add_member(guild, maya, roles=[creator_role], owner=True)
    member = world.add_member(guild, alice)
    locked = world.add_channel(guild, "locked")
    bot_role = next(r for r in guild.roles.values() if r.managed)
    world.overwrite(locked, bot_role, deny=Perm.SEND_MESSAGES)
    guild2 = world.add_guild("Second Guild", preferred_locale="fr", owner=bob)
    outsider = world.add_member(guild2, bob, owner=True)
    return DefaultScene(
        guild=guild,
        creator=creator,
        member=member,
        general=guild.channels["general"],
        locked=locked,
        creator_role=creator_role,
        guild2=guild2,
        general2=guild2.channels["general"],
        outsider=outsider,
    )
