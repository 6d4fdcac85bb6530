"""Small steps shared by the user-story tests: a creator adds and shares, we read the bot's DB."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

from tests import backends
from tests.e2e.standin import messages as standin_messages
from tests.e2e.standin.model import Perm

PDF = b"%PDF-1.4\n% the weekly checklist\n" + bytes(range(256)) * 40


def rows(bot: Any, sql: str, *params: Any) -> list[tuple]:
    """Read the bot's own database, as an operator would: its SQLite file (WAL allows a reader
    beside the bot), or its PostgreSQL database. SQLite's ``?`` placeholders on both."""
    url = getattr(bot, "database_url", None)
    if url:
        return backends.query(url, sql, params)
    conn = sqlite3.connect(bot.data_dir / "handout.db", timeout=5)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def stored_files(bot: Any) -> dict[str, bytes]:
    """The resource files the bot keeps, by sha256: on disk (SQLite) or in its database (PostgreSQL)."""
    if getattr(bot, "database_url", None):
        return {sha: bytes(data) for sha, data in rows(bot, "SELECT sha256, data FROM resource_files")}
    stored = {}
    for path in (bot.data_dir / "files").glob("??/*"):
        try:
            if not path.name.startswith("."):
                stored[path.name] = path.read_bytes()
        except FileNotFoundError:
            pass  # the bot deleted it between the listing and the read (seen once in CI): not stored
    return stored


def database_intact(bot: Any) -> bool:
    """SQLite's own check of the file; PostgreSQL's server guarantees it (it answers, and that is all a
    client can ask after a crash of the bot, which is not a crash of the server)."""
    if getattr(bot, "database_url", None):
        return rows(bot, "SELECT 1") == [(1,)]
    return rows(bot, "PRAGMA integrity_check") == [("ok",)]


def value(bot: Any, sql: str, *params: Any) -> Any:
    found = rows(bot, sql, *params)
    return found[0][0] if found else None


async def add_resource(standin, scene, name="checklist", title="The weekly checklist", **options):
    if "file" not in options and "url" not in options:
        options["file"] = ("Weekly Checklist.pdf", PDF)
    inter = await standin.slash(scene.creator, scene.general, "resource add", name=name, title=title, **options)
    reply = await inter.response(timeout=10)
    assert reply.ephemeral, reply
    return reply


async def share(standin, scene, name="checklist", channel=None, **options):
    """/resource share; returns the public post with its Get it button."""
    channel = channel or scene.general
    options["channel"] = channel  # "channel" is also the driver's own parameter: pass it as an option
    inter = await standin.slash(scene.creator, scene.general, "resource share", name=name, options=options)
    reply = await inter.response(timeout=10)
    assert reply.ephemeral, reply
    posts = [m for m in standin.messages_in(channel) if m.author is standin.world.bot and m.buttons]
    assert posts, f"no share post in #{channel.name}: {reply.text}"
    return posts[-1]


def replay_interaction(standin, handle) -> None:
    """The gateway delivers the same INTERACTION_CREATE again, as after a resume."""
    standin.gateway.dispatch("INTERACTION_CREATE", handle.record.payload, guild_id=handle.record.channel.guild_id)


def replay_message(standin, message) -> None:
    standin_messages.announce_create(standin, message)


def attachment_bytes(message) -> list[bytes]:
    return [a.data for a in message.attachments]


async def private_inbox(standin, scene, name="creator-inbox"):
    """A channel @everyone cannot see; the bot's role may post there (as a creator would set it up)."""
    world = standin.world
    channel = world.add_channel(scene.guild, name)
    world.overwrite(channel, scene.guild.everyone, deny=Perm.VIEW_CHANNEL)
    bot_role = next(r for r in scene.guild.roles.values() if r.managed)
    world.overwrite(channel, bot_role, allow=Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.EMBED_LINKS)
    return channel


async def set_inbox(standin, scene, channel):
    return await (
        await standin.slash(scene.creator, scene.general, "handout inbox", options={"channel": channel})
    ).response(timeout=10)


def insert_rows(bot: Any, table: str, rows_: list[dict[str, Any]]) -> None:
    """Write rows straight into the bot's SQLite file (a long history, made in a second), in one
    transaction beside the running bot (WAL; it waits for the bot's lock)."""
    if not rows_:
        return
    columns = list(rows_[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    url = getattr(bot, "database_url", None)
    if url:
        backends.query(url, sql, many=[tuple(row[c] for c in columns) for row in rows_])
        return
    conn = sqlite3.connect(bot.data_dir / "handout.db", timeout=30)
    try:
        with conn:
            conn.executemany(sql, [tuple(row[c] for c in columns) for row in rows_])
    finally:
        conn.close()


def execute(bot: Any, sql: str, *params: Any) -> None:
    """One write to the bot's database (e.g. to age rows while the bot is stopped)."""
    url = getattr(bot, "database_url", None)
    if url:
        backends.query(url, sql, params)
        return
    conn = sqlite3.connect(bot.data_dir / "handout.db", timeout=30)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def add_deliveries(bot: Any, resource_id: int, guild_id: int, members: list) -> None:
    """Deliveries as the bot records them after a click, for many members at once (clicking is the
    delivery tests' business; here only what members write afterwards matters)."""
    now = int(time.time())
    first = value(bot, "SELECT COALESCE(MAX(id), 0) FROM deliveries")
    insert_rows(
        bot,
        "deliveries",
        [
            {
                "resource_id": resource_id,
                "guild_id": guild_id,
                "member_id": m.id,
                "requested_via": "button",
                "delivered_via": "dm",
                "status": "delivered",
                "source_id": 9_000_000 + first + i,
                "requested_at": now,
                "delivered_at": now,
            }
            for i, m in enumerate(members)
        ],
    )


def fans(standin, scene, bot: Any, n: int) -> list:
    """``n`` more members of the scene's guild who each got its first resource."""
    world = standin.world
    found = [world.add_member(scene.guild, world.add_user(f"fan{len(world.users)}-{i}")) for i in range(n)]
    add_deliveries(bot, value(bot, "SELECT MIN(id) FROM resources"), scene.guild.id, found)
    return found


async def a_minute_later(bot: Any) -> None:
    """As if the last prompts went out a minute ago: what a member writes next is not gathered into
    the short window after them (bot/core/inbox_flow.py) and is prompted at once. Waits first for
    the bot to record the prompts it sent (the creator may see one before it is recorded)."""
    for _ in range(100):
        if not value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'queued'"):
            break
        await asyncio.sleep(0.1)
    execute(
        bot,
        "UPDATE prompts SET created_at = created_at - 60, sent_at = sent_at - 60,"
        " next_attempt_at = next_attempt_at - 60",
    )


async def nothing_else_sent(standin, bot: Any, member, after, ask: str = "can I have the checklist?") -> None:
    """Asserts that the bot sent ``member`` no file and no buttons since ``after``, beyond the answer to
    a request sent now as a barrier: a wrong reply to what came before (an offer list, a file) would
    have to come later than a whole delivery of the checklist, recorded, to slip past it."""
    asked = await standin.send_dm(member, ask)
    status = "SELECT status FROM deliveries WHERE source_id = ?"
    await standin.wait_until(lambda: value(bot, status, asked.id) == "delivered", 10)
    sent = [m for m in standin.dms_to(member) if m.id > after.id and (m.attachments or m.components)]
    assert len(sent) == 1 and sent[0].id > asked.id and sent[0].attachments, sent


async def with_a_delivery(standin, scene, bot_process) -> Any:
    """The bot started, the scene's checklist added, and the member given it by DM: from now on a
    DM the bot does not answer itself goes to the creator. Returns the bot."""
    bot = await bot_process()
    await add_resource(standin, scene)
    asked = await standin.send_dm(scene.member, "/get checklist")
    await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10, after=asked)
    return bot
