"""Which channels may hold creator prompts (bot.core.inbox), and turning an inbox off once."""

from __future__ import annotations

import pytest

from bot.core.guild_settings import GuildSettingsService
from bot.core.inbox import (
    ADMINISTRATOR,
    EMBED_LINKS,
    MANAGE_GUILD,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    ChannelFacts,
    OverwriteFacts,
    RoleFacts,
    inbox_problem,
)
from bot.db.database import Database

GUILD = 100  # also the @everyone role's id
OWNER = 1
BOT = 2
CREATOR = 3  # owns a resource in the guild
ALICE = 4  # a plain member
MOD = 5  # a member holding the Mods role
BOT_ROLE = 200
MODS = 201  # Manage Server
FANS = 202  # nothing special
ADMINS = 203

EVERYONE_DEFAULT = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS
BOT_OK = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS
HIDE = OverwriteFacts(GUILD, True, deny=VIEW_CHANNEL)  # @everyone may not view: a private channel


def facts(*overwrites: OverwriteFacts, everyone: int = EVERYONE_DEFAULT, bot: int = BOT_OK, **kw) -> ChannelFacts:
    roles = (
        RoleFacts(GUILD, "@everyone", everyone, 0),
        RoleFacts(BOT_ROLE, "Handout", VIEW_CHANNEL | SEND_MESSAGES, 1, own_bot_role=True),
        RoleFacts(MODS, "Mods", MANAGE_GUILD, 2),
        RoleFacts(FANS, "Fans", VIEW_CHANNEL, 3),
        RoleFacts(ADMINS, "Admins", ADMINISTRATOR, 4),
    )
    return ChannelFacts(
        guild_id=GUILD,
        owner_id=OWNER,
        bot_user_id=BOT,
        bot_permissions=bot,
        roles=roles,
        overwrites=overwrites,
        resource_owners=frozenset({CREATOR}),
        **kw,
    )


def role(target: int, *, allow: int = 0, deny: int = 0) -> OverwriteFacts:
    return OverwriteFacts(target, True, allow, deny)


def member(target: int, *, allow: int = 0, deny: int = 0) -> OverwriteFacts:
    return OverwriteFacts(target, False, allow, deny)


CASES = [
    # (why, facts, expected key or None, expected params)
    ("a plain channel: @everyone reads it", facts(), "inbox.problem.everyone", {}),
    ("everyone hidden: only admins, owner and bot", facts(HIDE), None, {}),
    ("Mods may answer", facts(HIDE, role(MODS, allow=VIEW_CHANNEL)), None, {}),
    ("Fans may not", facts(HIDE, role(FANS, allow=VIEW_CHANNEL)), "inbox.problem.role", {"role": "Fans"}),
    (
        "@everyone lacks View Channel but Fans has it in the role itself",
        facts(everyone=SEND_MESSAGES),
        "inbox.problem.role",
        {"role": "Fans"},
    ),
    ("... unless Fans is denied here", facts(role(FANS, deny=VIEW_CHANNEL), everyone=SEND_MESSAGES), None, {}),
    (
        "the @everyone overwrite allows it",
        facts(role(GUILD, allow=VIEW_CHANNEL), everyone=0),
        "inbox.problem.everyone",
        {},
    ),
    ("the owner's own overwrite", facts(HIDE, member(OWNER, allow=VIEW_CHANNEL)), None, {}),
    ("a resource owner's own overwrite", facts(HIDE, member(CREATOR, allow=VIEW_CHANNEL)), None, {}),
    (
        "a plain member's own overwrite",
        facts(HIDE, member(ALICE, allow=VIEW_CHANNEL), member_roles={ALICE: ()}),
        "inbox.problem.member",
        {"user_id": ALICE},
    ),
    (
        "a member whose roles we could not look up counts as one who may not answer",
        facts(HIDE, member(MOD, allow=VIEW_CHANNEL), member_roles={MOD: None}),
        "inbox.problem.member",
        {"user_id": MOD},
    ),
    ("a member holding Mods", facts(HIDE, member(MOD, allow=VIEW_CHANNEL), member_roles={MOD: (MODS,)}), None, {}),
    (
        "a member overwrite that hides",
        facts(HIDE, member(ALICE, deny=VIEW_CHANNEL), member_roles={ALICE: ()}),
        None,
        {},
    ),
    ("the bot's own role overwrite", facts(HIDE, role(BOT_ROLE, allow=VIEW_CHANNEL)), None, {}),
    (
        "the bot cannot send or embed",
        facts(HIDE, bot=VIEW_CHANNEL),
        "inbox.problem.bot_access",
        {"permissions": "Send Messages, Embed Links"},
    ),
    ("the bot cannot even see it", facts(HIDE, bot=0), "inbox.problem.bot_access", None),
]


@pytest.mark.parametrize(("why", "given", "key", "params"), CASES, ids=[c[0] for c in CASES])
def test_inbox_problem(why: str, given: ChannelFacts, key: str | None, params: dict | None) -> None:
    problem = inbox_problem(given)
    assert (problem.key if problem else None) == key, why
    if problem is not None and params is not None:
        assert problem.params == params


async def test_inbox_remembers_who_set_it_and_is_dropped_once(db: Database) -> None:
    settings = GuildSettingsService(db)
    chosen = await settings.set_inbox_channel(GUILD, 42, set_by=OWNER)
    assert (chosen.inbox_channel_id, chosen.inbox_set_by) == (42, OWNER)
    assert await settings.drop_inbox_channel(GUILD, 42) is True
    assert await settings.drop_inbox_channel(GUILD, 42) is False  # already off: nobody is told twice
    fresh = await GuildSettingsService(db).get(GUILD)
    assert fresh.inbox_channel_id is None
    # A newer choice is not undone by a late report about the old channel.
    await settings.set_inbox_channel(GUILD, 43, set_by=MOD)
    assert await settings.drop_inbox_channel(GUILD, 42) is False
    assert (await settings.get(GUILD)).inbox_channel_id == 43
