"""The benchmark's baseline: a bare discord.py bot that answers every button click with one static
ephemeral message. Same library, same stand-in, same bursts: Handout's figures are read as ratios
to this one, so they hold on a noisy machine."""

from __future__ import annotations

import asyncio
import logging
import os
import signal

import discord


class Baseline(discord.Client):
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.component:
            await interaction.response.send_message("Here you go.", ephemeral=True)


async def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    intents = discord.Intents.none()
    intents.guilds = True
    client = Baseline(intents=intents)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with client:
        runner = asyncio.create_task(client.start(os.environ["DISCORD_TOKEN"]))
        await asyncio.wait({runner, asyncio.create_task(stop.wait())}, return_when=asyncio.FIRST_COMPLETED)
        await client.close()


asyncio.run(main())
