"""tinybot: exercises the discord.py surface a Handout-like bot uses (see package docstring).

Env: DISCORD_TOKEN, HANDOUT_DATA_DIR, HANDOUT_LOG_LEVEL, HANDOUT_DEV_GUILD,
TINYBOT_MESSAGE_CONTENT=1 / TINYBOT_MEMBERS=1 (privileged intents), TINYBOT_SYNC=0 (skip sync),
TINYBOT_SHARD_COUNT=N|auto (an AutoShardedBot; auto asks GET /gateway/bot) with optional
TINYBOT_SHARD_IDS=0,2 (only these shards, as one process of a cluster would).
"""

# ruff: noqa: ASYNC240  (a throwaway test bot may touch small files from coroutines)

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import os
import re
import sys
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

log = logging.getLogger("tinybot")
DATA = Path(os.environ.get("HANDOUT_DATA_DIR", "."))


def store_path(name: str) -> Path:
    return DATA / f"{name}.bin"


class GetButton(discord.ui.DynamicItem[discord.ui.Button], template=r"tinybot:get:(?P<name>[a-z0-9_-]+)"):
    def __init__(self, name: str) -> None:
        super().__init__(
            discord.ui.Button(label="Get it", style=discord.ButtonStyle.primary, custom_id=f"tinybot:get:{name}")
        )
        self.name = name

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):  # type: ignore[override]
        return cls(match["name"])

    async def callback(self, interaction: discord.Interaction) -> None:
        path = store_path(self.name)
        if not path.exists():
            await interaction.response.send_message(f"unknown resource {self.name}", ephemeral=True)
            return
        try:
            await interaction.user.send(f"here is {self.name}", file=discord.File(path, filename=f"{self.name}.pdf"))
        except discord.Forbidden as e:
            await interaction.response.send_message(f"dm failed: {e.code}", ephemeral=True)
            return
        await interaction.response.send_message("sent to your DMs", ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text = discord.ui.Label(text="Your feedback", component=discord.ui.TextInput(custom_id="fb_text", max_length=200))
    mood = discord.ui.TextInput(label="Mood", custom_id="fb_mood", required=False)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        value = self.text.component.value  # type: ignore[attr-defined]
        await interaction.response.send_message(f"thanks: {value} / {self.mood.value or '-'}", ephemeral=True)


class Chooser(discord.ui.View):
    @discord.ui.select(custom_id="tinybot:choose", options=[discord.SelectOption(label=x, value=x) for x in "abc"])
    async def choose(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.edit_message(content=f"chose {','.join(select.values)}", view=None)


resource = app_commands.Group(
    name="resource",
    description="Manage resources",
    guild_only=True,
    default_permissions=discord.Permissions(manage_guild=True),
)


@resource.command(name="add", description="Add a resource")
async def resource_add(
    interaction: discord.Interaction, name: str, file: discord.Attachment, title: str | None = None
) -> None:
    data = await file.read()
    store_path(name).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()[:16]
    await interaction.response.send_message(
        f"added {name}: {len(data)} bytes sha={digest} title={title}", ephemeral=True
    )


@resource.command(name="get", description="Get a resource as a file")
async def resource_get(interaction: discord.Interaction, name: str) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    path = store_path(name)
    if not path.exists():
        await interaction.edit_original_response(content=f"unknown resource {name}")
        return
    await interaction.edit_original_response(content=f"here: {name}", attachments=[discord.File(path, f"{name}.pdf")])


@resource_get.autocomplete("name")
async def resource_get_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    names = sorted(p.stem for p in DATA.glob("*.bin"))
    return [app_commands.Choice(name=n, value=n) for n in names if n.startswith(current)][:25]


@app_commands.command(name="panel", description="Post a Get-it panel here")
@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
async def panel(interaction: discord.Interaction, name: str) -> None:
    view = discord.ui.View(timeout=None)
    view.add_item(GetButton(name))
    try:
        await interaction.channel.send(f"Free resource: {name}", view=view)  # type: ignore[union-attr]
    except discord.Forbidden as e:
        await interaction.response.send_message(f"cannot post: {e.code}", ephemeral=True)
        return
    await interaction.response.send_message("posted", ephemeral=True)


@app_commands.command(name="feedback", description="Send feedback")
async def feedback(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(FeedbackModal())


@app_commands.command(name="slow", description="Answer late")
async def slow(interaction: discord.Interaction, seconds: float) -> None:
    await asyncio.sleep(seconds)
    try:
        await interaction.response.send_message("late")
    except discord.NotFound as e:
        log.warning("slow failed: %s", e.code)


@app_commands.command(name="twice", description="Respond twice")
async def twice(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("one")
    interaction.response._response_type = None  # bypass discord.py's guard to hit the API twice
    try:
        await interaction.response.send_message("two")
    except discord.HTTPException as e:
        await interaction.followup.send(f"second failed: {e.code}", ephemeral=True)


@app_commands.command(name="defer", description="Defer, edit, follow up")
async def defer(interaction: discord.Interaction) -> None:
    await interaction.response.defer(thinking=True)
    await interaction.edit_original_response(content="done")
    await interaction.followup.send("secret", ephemeral=True)


@app_commands.command(name="dm", description="DM a user")
async def dm(interaction: discord.Interaction, user: discord.User, text: str) -> None:
    try:
        await user.send(text)
    except discord.Forbidden as e:
        await interaction.response.send_message(f"dm failed: {e.code}", ephemeral=True)
        return
    await interaction.response.send_message("dm sent", ephemeral=True)


@app_commands.command(name="say", description="Post in a channel")
async def say(
    interaction: discord.Interaction, channel: discord.TextChannel, text: str, attach: bool = False, size: int = 0
) -> None:
    payload = b"x" * size if size else b"hello from tinybot\n"
    file = discord.File(io.BytesIO(payload), filename="hello.txt") if attach or size else None
    try:
        msg = await channel.send(text, file=file) if file else await channel.send(text)
    except discord.HTTPException as e:
        await interaction.response.send_message(f"cannot post: {e.status}/{e.code}", ephemeral=True)
        return
    urls = " ".join(a.url for a in msg.attachments)
    await interaction.response.send_message(f"posted {msg.id} {urls}".strip(), ephemeral=True)


@app_commands.command(name="burst", description="Many REST calls at once")
async def burst(interaction: discord.Interaction, count: int) -> None:
    await interaction.response.defer(ephemeral=True)
    client, me = interaction.client, interaction.client.user.id  # type: ignore[union-attr]
    calls = [client.fetch_user(me) for _ in range(count)]
    calls += [client.fetch_channel(interaction.channel_id) for _ in range(count)]  # type: ignore[arg-type]
    calls += [client.fetch_guild(interaction.guild_id) for _ in range(count)]  # type: ignore[arg-type]
    results = await asyncio.gather(*calls, return_exceptions=True)
    errors = [r for r in results if isinstance(r, Exception)]
    # The first error's type and text, so a failed run says why (it once failed 1 of 90 in CI).
    why = f" {type(errors[0]).__name__}: {errors[0]}" if errors else ""
    await interaction.edit_original_response(content=f"burst done {len(calls)} failed={len(errors)}{why}"[:2000])


@app_commands.command(name="paced", description="REST calls at a steady pace, none awaited before the next")
async def paced(interaction: discord.Interaction, count: int, per_second: float) -> None:
    await interaction.response.defer(ephemeral=True)
    client, me = interaction.client, interaction.client.user.id  # type: ignore[union-attr]
    calls = []
    for _ in range(count):
        calls.append(asyncio.create_task(client.fetch_user(me)))
        await asyncio.sleep(1 / per_second)
    results = await asyncio.gather(*calls, return_exceptions=True)
    failed = sum(isinstance(r, Exception) for r in results)
    await interaction.edit_original_response(content=f"paced done {len(calls)} failed={failed}")


@app_commands.command(name="where", description="Show what Discord told us")
async def where(interaction: discord.Interaction) -> None:
    await interaction.response.send_message(
        f"locale={interaction.locale.value} guild_locale={getattr(interaction.guild_locale, 'value', None)} "
        f"perms={interaction.permissions.value} app={interaction.app_permissions.value} "
        f"context={'dm' if interaction.guild_id is None else 'guild'} user={interaction.user.name} "
        f"cached={len(interaction.guild.members) if interaction.guild else 0}",
        ephemeral=True,
    )


@app_commands.command(name="choose", description="Pick from a select")
async def choose(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("choose one", view=Chooser())


@app_commands.command(name="devping", description="Dev guild only")
async def devping(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("devpong", ephemeral=True)


class TinyMixin:
    async def setup_hook(self) -> None:
        self.add_dynamic_items(GetButton)
        for cmd in (resource, panel, feedback, slow, twice, defer, dm, say, burst, paced, where, choose):
            self.tree.add_command(cmd)
        dev = os.environ.get("HANDOUT_DEV_GUILD")
        if dev:
            self.tree.add_command(devping, guild=discord.Object(int(dev)))
        if os.environ.get("TINYBOT_SYNC", "1") == "1":
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))
            if dev:
                synced = await self.tree.sync(guild=discord.Object(int(dev)))
                log.info("synced %d guild commands", len(synced))

    async def on_ready(self) -> None:
        log.info("tinybot ready as %s in %d guilds", self.user, len(self.guilds))

    async def on_resumed(self) -> None:
        log.info("tinybot resumed")

    async def on_shard_ready(self, shard_id: int) -> None:
        log.info("tinybot shard %s ready", shard_id)

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        if message.guild is None:
            sizes = ",".join(str(a.size) for a in message.attachments)
            await message.channel.send(f"echo: {message.content}" + (f" files={sizes}" if sizes else ""))
        elif getattr(message.channel, "name", None) == "general":
            await message.channel.send(f"seen: {message.content!r}")


class TinyBot(TinyMixin, commands.Bot):
    pass


class TinyShardedBot(TinyMixin, commands.AutoShardedBot):
    pass


def main() -> None:
    level = os.environ.get("HANDOUT_LOG_LEVEL", "INFO").upper()
    logging.basicConfig(level=level, stream=sys.stdout, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    intents = discord.Intents.default()
    intents.message_content = os.environ.get("TINYBOT_MESSAGE_CONTENT") == "1"
    intents.members = os.environ.get("TINYBOT_MEMBERS") == "1"
    options: dict[str, object] = {"command_prefix": commands.when_mentioned, "intents": intents, "help_command": None}
    count = os.environ.get("TINYBOT_SHARD_COUNT")
    if count:
        if count != "auto":
            options["shard_count"] = int(count)
        if os.environ.get("TINYBOT_SHARD_IDS"):
            options["shard_ids"] = [int(x) for x in os.environ["TINYBOT_SHARD_IDS"].split(",")]
        bot: commands.Bot = TinyShardedBot(**options)  # type: ignore[arg-type]
    else:
        bot = TinyBot(**options)  # type: ignore[arg-type]
    bot.run(os.environ["DISCORD_TOKEN"], log_handler=None)


if __name__ == "__main__":
    main()
