"""Hand a resource to a member: record the request, acknowledge, send it, record how it went.

Order matters twice. For Discord's 3-second window: acknowledge (defer) before the slow parts
(reading the file, opening a DM). For crashes: record the request, with what it takes to finish
it, *before* acknowledging, so every acknowledged request is either delivered after a restart or
logged as failed with its reason (see ``recover``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.common import DMS_CLOSED, NO_PINGS, send_dm, user_by_id
from bot.cogs.delivery import render
from bot.cogs.errors import explain
from bot.cogs.retry import DiscordUnavailable, describe, with_retries
from bot.cogs.thanks.views import SayButton
from bot.core import safe_text
from bot.core.deliveries import DeliveredVia, Delivery, RequestedVia, where_to_deliver
from bot.core.resources import Resource

if TYPE_CHECKING:
    from bot.app import HandoutBot

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062
_NAME_TTL_SECONDS = 600
# A display name has at most 32 characters; escaped (each may double), it still fits with room.
CREATOR_NAME_ROOM = 100
# Interaction tokens live 15 minutes; leave a margin for the request in flight.
_TOKEN_LIFETIME_SECONDS = 14 * 60
# Private deliveries (followups) are exempt from the rate limit, so nothing else holds a burst
# back: without a bound, 5,000 clicks would read and upload a 10 MiB file 5,000 times at once.
UPLOADS_AT_ONCE = 8
# Left-over deliveries claimed at a time: a process that stops mid-batch leaves only these to the next.
RECOVERY_BATCH = 50


class DeliveryFailed(Exception):
    """Could not be delivered, for a reason worth logging on the delivery row."""


class DeliveryCancelled(Exception):
    """The member deleted their data while this delivery waited for its turn: nothing is sent."""


class Deliverer:
    def __init__(self, bot: HandoutBot) -> None:
        self.bot = bot
        self._names: dict[int, tuple[float, str]] = {}
        # One lookup per creator at a time: in a burst every delivery asks for the same name before
        # the first answer is in, and each asked Discord (100-170 GET /users in a 1,000-click
        # cluster burst, held in one discord.py bucket and released together: global 429s).
        self._looking_up: dict[int, asyncio.Future[str]] = {}
        self._uploads = asyncio.Semaphore(UPLOADS_AT_ONCE)
        # Deliveries acknowledged and under way (see _finish_later): held here so none is dropped.
        self._finishing: set[asyncio.Task[None]] = set()

    async def creator_name(self, user_id: int) -> str:
        cached = self._names.get(user_id)
        if cached and time.monotonic() - cached[0] < _NAME_TTL_SECONDS:
            return cached[1]
        pending = self._looking_up.get(user_id)
        if pending is not None:
            # shield: one waiter cancelled (its delivery) must not cancel everyone's lookup.
            return await asyncio.shield(pending)
        lookup = asyncio.ensure_future(self._look_up_name(user_id))
        self._looking_up[user_id] = lookup
        lookup.add_done_callback(lambda _: self._looking_up.pop(user_id, None))
        return await asyncio.shield(lookup)

    async def shown_creator_name(self, user_id: int) -> str:
        """The creator's display name for a message that renders markdown. A display name is its
        owner's words: "[Handout support](https://…)" must not become a live link, a mention or
        markup inside the bot's message (like ``shown_guild_name``). ``creator_name`` is the name
        as typed, for matching what a member wrote, never for showing."""
        return safe_text.shorten(await self.creator_name(user_id), CREATOR_NAME_ROOM)

    async def _look_up_name(self, user_id: int) -> str:
        try:
            user = await user_by_id(self.bot, user_id)
        except discord.HTTPException:
            return f"<@{user_id}>"
        self._names[user_id] = (time.monotonic(), user.display_name)
        return user.display_name

    async def payload(self, locale: str, resource: Resource, delivery_id: int, creator: str | None = None) -> dict:
        """Everything a delivery message carries; a fresh File each call (a File is single-use).
        ``creator``: ``shown_creator_name`` of the resource's owner, when already looked up."""
        creator = creator or await self.shown_creator_name(resource.owner_id)
        try:
            data = await self.bot.resources.read_file(resource) if resource.file_sha256 else None
        except FileNotFoundError:
            # A pinned delivery keeps its file stored, so only a row from before pins existed can
            # get here: the member is told, privately and in their language, rather than an error code.
            raise DeliveryFailed("the file is no longer stored") from None
        view = discord.ui.View(timeout=None)
        link = render.link_button(locale, resource)
        if link is not None:
            view.add_item(link)
        # Every delivery invites a human reply: thanks or a question go to the creator in person.
        view.add_item(SayButton(delivery_id, i18n.text(locale, "button.say")))
        payload: dict = {
            "content": render.delivery_content(locale, resource, creator),
            "embed": render.delivery_embed(locale, resource),
            "view": view,
            "allowed_mentions": NO_PINGS,
        }
        file = render.delivery_file(resource, data)
        if file is not None:
            payload["file"] = file
        return payload

    # -- entry points --

    async def for_interaction(self, interaction: discord.Interaction, resource: Resource, via: RequestedVia) -> None:
        """Deliver in answer to a button, a select or /get. The caller has not responded yet."""
        if interaction.guild_id != resource.guild_id:
            # Asked in a DM: nothing proves the member is still in the resource's server.
            await self.bot.member_checks.confirm(resource.guild_id, interaction.user.id)
        delivery = await self.bot.deliveries.request(
            resource,
            interaction.user.id,
            via,
            interaction.id,
            channel_id=interaction.channel_id if interaction.guild_id else None,
            locale=interaction.locale.value,
            interaction_token=interaction.token,
        )
        if delivery is None:
            log.info("Interaction %s was already handled; not delivering twice", interaction.id)
            return
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
        except discord.NotFound as exc:
            if exc.code != UNKNOWN_INTERACTION:
                raise
            # Too late to answer (10062), but we know who asked: a DM can still reach them.
            log.warning("Interaction %s expired before it was acknowledged; delivering without it", interaction.id)
            self._finish_later(delivery, resource, interaction.user, followup=None)
            return
        self._finish_later(delivery, resource, interaction.user, followup=interaction.followup)

    def _finish_later(
        self, delivery: Delivery, resource: Resource, user: discord.abc.User, *, followup: discord.Webhook | None
    ) -> None:
        """Deliver in a task of its own, holding only what the delivery needs (the member, the
        followup webhook), and let the click's handler end. Recorded and acknowledged, a click may
        wait long for its turn (N / 22 seconds in a burst of N); awaited here, every waiting click
        kept its whole discord.py interaction alive (its message, embed, rebuilt view, the chain of
        handlers: about 100 objects each), which every garbage collection during the burst walked
        again. Shutting down cancels the task: the delivery stays pending for the next start."""
        task = asyncio.create_task(self._finish(delivery, resource, user, followup), name=f"delivery-{delivery.id}")
        self._finishing.add(task)
        task.add_done_callback(self._finishing.discard)

    async def _finish(
        self, delivery: Delivery, resource: Resource, user: discord.abc.User, followup: discord.Webhook | None
    ) -> None:
        try:
            await self._complete(delivery, resource, user, followup=followup)
        except Exception as error:
            # What the click's handler does with it (bot/cogs/errors.py), without the interaction.
            if self.bot.is_closed():
                log.info("Shutting down; delivery %s left unfinished: %r", delivery.id, error)
                return
            text = explain(delivery.locale or i18n.DEFAULT_LANGUAGE, error, f"delivery {delivery.id}")
            if followup is not None:
                await self._quiet(lambda: followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS))

    async def for_dm_message(self, message: discord.Message, resource: Resource, locale: str) -> None:
        """Deliver in answer to a free-text DM, in that DM."""
        await self.bot.member_checks.confirm(resource.guild_id, message.author.id)
        delivery = await self.bot.deliveries.request(
            resource, message.author.id, RequestedVia.DM, message.id, channel_id=message.channel.id, locale=locale
        )
        if delivery is None:
            log.info("DM %s was already handled; not delivering twice", message.id)
            return
        await self._complete(delivery, resource, message.author, followup=None)

    async def recover(self) -> None:
        """Finish every delivery that was asked for (and maybe acknowledged) by a process that has
        stopped since — this one before a restart, or another of the cluster — or log why it could
        not be. Each is claimed first (a lease), so two processes sweeping never both deliver it;
        the nonce on the DM returns the first message if the stopped process had sent it already.

        Deliveries this process asked for itself are leased to it from the start and left alone:
        discord.py hands us interactions before its READY settles, and those are being delivered.
        """
        while pending := await self.bot.deliveries.claim_left_over(RECOVERY_BATCH):
            log.info("Recovering %d pending deliveries left by a stopped process", len(pending))
            for delivery in pending:
                try:
                    # Delivered even if the resource was removed since: the member asked while it was
                    # offered, and the pinned file was kept for this delivery.
                    resource = await self.bot.resources.get(delivery.resource_id)
                    assert delivery.member_id is not None
                    user = await user_by_id(self.bot, delivery.member_id)
                    await self._complete(delivery, resource, user, followup=self._followup_for(delivery))
                except DeliveryFailed as exc:
                    await self.bot.deliveries.mark_failed(delivery.id, str(exc))
                except Exception as exc:
                    log.exception("Could not recover delivery %s", delivery.id)
                    await self.bot.deliveries.mark_failed(delivery.id, f"recovery failed: {exc!r}"[:300])

    # -- the delivery itself --

    async def _complete(
        self, delivery: Delivery, resource: Resource, user: discord.abc.User, *, followup: discord.Webhook | None
    ) -> None:
        locale = delivery.locale or i18n.DEFAULT_LANGUAGE
        resource = delivery.as_sent(resource)
        try:
            settings = await self.bot.guild_settings.get(delivery.guild_id)
            via = where_to_deliver(
                delivery, settings.delivery_mode, dms_closed=bool(delivery.dms_closed), never_dm=bool(delivery.never_dm)
            )
            if via is not DeliveredVia.DM:
                await self._here(delivery, resource, locale, followup, via)
            elif delivery.asked_in_dm:
                # The file goes to the DM it was asked in; a /get there gets a pointer to it.
                await self._to_dm(delivery, resource, user, locale, followup=None)
                if followup is not None:
                    await self._quiet(lambda: followup.send(i18n.text(locale, "delivery.here_below"), ephemeral=True))
            else:
                await self._to_dm(delivery, resource, user, locale, followup=followup)
        except DeliveryCancelled:
            log.info("Delivery %s cancelled: its member deleted their data", delivery.id)
            if followup is not None:
                text = i18n.text(locale, "delivery.cancelled_by_deletion")
                await self._quiet(lambda: followup.send(text, ephemeral=True))
        except (DeliveryFailed, DiscordUnavailable) as exc:
            await self._failed(delivery, locale, followup, str(exc), "error.delivery_failed")
        except discord.HTTPException as exc:
            # Permanent (a 4xx other than closed DMs): trying again would not help, so say so.
            await self._failed(delivery, locale, followup, describe(exc), "error.delivery_refused")
        finally:
            # This delivery no longer needs its pinned file: if the creator replaced or removed it
            # meanwhile, it is deleted once the last delivery that was asked for it is done.
            try:
                await self.bot.resources.release(delivery.resource_id, delivery.file_sha256)
            except Exception:  # not worth hiding what happened to the delivery: the next start sweeps
                log.exception("Could not release the file of delivery %s", delivery.id)

    async def _failed(
        self, delivery: Delivery, locale: str, followup: discord.Webhook | None, reason: str, key: str
    ) -> None:
        """Record why on the delivery row, and tell the member privately where we still can."""
        await self.bot.deliveries.mark_failed(delivery.id, reason[:300])
        log.warning("Delivery %s failed: %s", delivery.id, reason)
        if followup is not None:
            await self._quiet(lambda: followup.send(i18n.text(locale, key), ephemeral=True))

    async def _to_dm(
        self,
        delivery: Delivery,
        resource: Resource,
        user: discord.abc.User,
        locale: str,
        *,
        followup: discord.Webhook | None,
    ) -> None:
        try:
            # Before our turn: looking the creator up may take a paced request of its own.
            creator = await self.shown_creator_name(resource.owner_id)

            async def message() -> dict:
                await self._ensure_not_cancelled(delivery)
                # The nonce makes Discord return the first message if this one is sent again (a
                # restart between sending and recording it): exactly once, not at least once.
                return {"nonce": f"hd{delivery.id}", **await self.payload(locale, resource, delivery.id, creator)}

            sent = await send_dm(self.bot, user, message, stored=delivery.dm_channel_id)
        except discord.Forbidden as exc:
            if exc.code != DMS_CLOSED:
                raise
            log.info("DMs of member %s are closed (50007); delivering %s privately instead", user.id, resource.name)
            await self.bot.deliveries.remember_dms_closed(user.id)
            if delivery.request_channel_id is None:
                raise DeliveryFailed("member's DMs are closed") from None
            await self._here(delivery, resource, locale, followup, DeliveredVia.FALLBACK)
            return
        await self._done(delivery, DeliveredVia.DM, sent)
        if followup is not None:
            title = safe_text.shorten(resource.title, 200)  # the creator's words in the bot's reply
            text = i18n.text(locale, "delivery.sent_to_dm", title=title, link=sent.jump_url)
            await self._quiet(lambda: followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS))

    async def _here(
        self,
        delivery: Delivery,
        resource: Resource,
        locale: str,
        followup: discord.Webhook | None,
        via: DeliveredVia,
    ) -> None:
        if followup is None:
            raise DeliveryFailed(f"could not deliver {via.value}: the interaction expired")
        # Followups take no nonce: after a lost answer a retry may show a second private copy,
        # which beats a delivery recorded as failed that the member did receive.
        creator = await self.shown_creator_name(resource.owner_id)

        async def attempt() -> discord.WebhookMessage:
            async with self._uploads:
                await self._ensure_not_cancelled(delivery)
                payload = await self.payload(locale, resource, delivery.id, creator)
                return await followup.send(ephemeral=True, wait=True, **payload)

        sent = await with_retries(attempt, what=f"private delivery {delivery.id}")
        await self._done(delivery, via, sent)

    async def _done(self, delivery: Delivery, via: DeliveredVia, message: discord.Message) -> None:
        # A DM channel opened (or first seen) for this delivery is stored with the same write.
        new_dm = via is DeliveredVia.DM and message.channel.id != delivery.dm_channel_id
        await self.bot.deliveries.mark_delivered(
            delivery.id,
            via,
            channel_id=message.channel.id,
            message_id=message.id,
            dm_channel_id=message.channel.id if new_dm else None,
        )
        log.info(
            "Delivered resource %s to member %s via %s (asked by %s%s)",
            delivery.resource_id,
            delivery.member_id,
            via.value,
            delivery.requested_via,
            ", repeat" if delivery.is_repeat else "",
        )

    async def _ensure_not_cancelled(self, delivery: Delivery) -> None:
        """Checked when a delivery's turn comes, not when it was queued: in a burst it may wait
        long enough for its member to press "Delete my data"."""
        if self.bot.privacy.cancelled(delivery.id):
            raise DeliveryCancelled
        # In a cluster the deletion may have gone through another process (a member's DMs reach
        # shard 0's process, their click their server's): only the database can tell. Alone, this
        # process handled every deletion itself, and the hot path keeps its trip fewer.
        if self.bot.cluster.live > 1 and await self.bot.deliveries.member_erased(delivery.id):
            raise DeliveryCancelled

    def _followup_for(self, delivery: Delivery) -> discord.Webhook | None:
        """Rebuild the interaction's followup webhook from the stored token, while it is valid."""
        if not delivery.interaction_token or time.time() - delivery.requested_at > _TOKEN_LIFETIME_SECONDS:
            return None
        data = {"id": self.bot.application_id, "type": 3, "token": delivery.interaction_token}
        # The same construction discord.py uses for Interaction.followup (an application webhook).
        return discord.Webhook.from_state(data=data, state=self.bot._connection)

    @staticmethod
    async def _quiet(send: Callable[[], Awaitable[object]]) -> None:
        """A confirmation, tried again after a transient failure, that may fail (the interaction
        expired) without undoing the delivery."""
        try:
            await with_retries(send, what="confirmation")
        except (discord.HTTPException, DiscordUnavailable) as exc:
            log.info("Confirmation not sent: %s", exc)
