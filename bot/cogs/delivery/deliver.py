"""Hand a resource to a member: record the request, send it, record how it went.

The order matters for Discord's 3-second window: defer first, then do the slow parts (reading the
file, opening a DM), then follow up.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import NO_PINGS
from bot.cogs.delivery import render
from bot.cogs.thanks.views import SayButton
from bot.core.deliveries import DeliveredVia, Delivery, RequestedVia
from bot.core.guild_settings import DeliveryMode
from bot.core.resources import Resource

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

DMS_CLOSED = 50007
_NAME_TTL_SECONDS = 600


class Deliverer:
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._names: dict[int, tuple[float, str]] = {}

    async def creator_name(self, user_id: int) -> str:
        cached = self._names.get(user_id)
        if cached and time.monotonic() - cached[0] < _NAME_TTL_SECONDS:
            return cached[1]
        user = self.bot.get_user(user_id)
        if user is None:
            try:
                user = await self.bot.fetch_user(user_id)
            except discord.HTTPException:
                return f"<@{user_id}>"
        self._names[user_id] = (time.monotonic(), user.display_name)
        return user.display_name

    async def payload(self, locale: str, resource: Resource, delivery_id: int) -> dict:
        """Everything a delivery message carries; a fresh File each call (a File is single-use)."""
        creator = await self.creator_name(resource.owner_id)
        data = await self.bot.resources.read_file(resource) if resource.file_sha256 else None
        view = discord.ui.View(timeout=None)
        link = render.link_button(locale, resource)
        if link is not None:
            view.add_item(link)
        # Every delivery invites a human reply: thanks or a question go to the creator in person.
        view.add_item(SayButton(delivery_id, i18n.text(locale, "button.say")))
        payload: dict = {
            "content": render.delivery_content(locale, resource, creator),
            "embed": render.delivery_embed(locale, resource),
            "allowed_mentions": NO_PINGS,
        }
        if view.children:
            payload["view"] = view
        file = render.delivery_file(resource, data)
        if file is not None:
            payload["file"] = file
        return payload

    async def for_interaction(self, interaction: discord.Interaction, resource: Resource, via: RequestedVia) -> None:
        """Deliver in answer to a button, a select or /get. The caller has not responded yet."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        delivery = await self.bot.deliveries.request(resource, interaction.user.id, via, interaction.id)
        if delivery is None:
            log.info("Interaction %s was already handled; not delivering twice", interaction.id)
            return
        locale = interaction.locale.value
        try:
            if interaction.guild_id is None:
                # Asked in our DM: the DM is the place, answer right here.
                message = await interaction.followup.send(
                    wait=True, **await self.payload(locale, resource, delivery.id)
                )
                await self._done(delivery, DeliveredVia.DM, message)
                return
            settings = await self.bot.guild_settings.get(interaction.guild_id)
            if settings.delivery_mode is DeliveryMode.HERE:
                await self._here(interaction, delivery, resource, DeliveredVia.EPHEMERAL)
                return
            if await self.bot.deliveries.dms_known_closed(interaction.user.id):
                await self._here(interaction, delivery, resource, DeliveredVia.FALLBACK)
                return
            try:
                dm = await self._send_dm(interaction.user, locale, resource, delivery.id)
            except discord.Forbidden as exc:
                if exc.code != DMS_CLOSED:
                    raise
                log.info(
                    "DMs of member %s are closed (50007); delivering %s in the channel instead",
                    interaction.user.id,
                    resource.name,
                )
                await self.bot.deliveries.remember_dms_closed(interaction.user.id)
                await self._here(interaction, delivery, resource, DeliveredVia.FALLBACK)
                return
            await self._done(delivery, DeliveredVia.DM, dm)
            await interaction.followup.send(
                i18n.text(locale, "delivery.sent_to_dm", title=resource.title, link=dm.jump_url),
                ephemeral=True,
                allowed_mentions=NO_PINGS,
            )
        except discord.HTTPException as exc:
            await self.bot.deliveries.mark_failed(delivery.id, f"discord {exc.status} {exc.code}: {exc.text}"[:300])
            raise

    async def for_dm_message(self, message: discord.Message, resource: Resource, locale: str) -> None:
        """Deliver in answer to a free-text DM, in that DM."""
        delivery = await self.bot.deliveries.request(resource, message.author.id, RequestedVia.DM, message.id)
        if delivery is None:
            log.info("DM %s was already handled; not delivering twice", message.id)
            return
        try:
            sent = await message.channel.send(**await self.payload(locale, resource, delivery.id))
        except discord.HTTPException as exc:
            await self.bot.deliveries.mark_failed(delivery.id, f"discord {exc.status} {exc.code}: {exc.text}"[:300])
            raise
        await self._done(delivery, DeliveredVia.DM, sent)

    async def _send_dm(
        self, user: discord.abc.User, locale: str, resource: Resource, delivery_id: int
    ) -> discord.Message:
        channel = user.dm_channel or await user.create_dm()
        return await channel.send(**await self.payload(locale, resource, delivery_id))

    async def _here(
        self, interaction: discord.Interaction, delivery: Delivery, resource: Resource, via: DeliveredVia
    ) -> None:
        locale = interaction.locale.value
        message = await interaction.followup.send(
            ephemeral=True, wait=True, **await self.payload(locale, resource, delivery.id)
        )
        await self._done(delivery, via, message)

    async def _done(self, delivery: Delivery, via: DeliveredVia, message: discord.Message) -> None:
        await self.bot.deliveries.mark_delivered(delivery.id, via, channel_id=message.channel.id, message_id=message.id)
        log.info(
            "Delivered resource %s to member %s via %s (asked by %s%s)",
            delivery.resource_id,
            delivery.member_id,
            via.value,
            delivery.requested_via,
            ", repeat" if delivery.is_repeat else "",
        )
