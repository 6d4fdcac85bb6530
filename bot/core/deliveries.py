"""Deliveries: who got which resource, how they asked, and how it reached them.

A request is recorded (as pending) before anything is sent, keyed by the Discord id of the
interaction or DM that asked: the same event seen twice — a gateway resume replays events — finds
its row already there and delivers nothing the second time.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot.core.errors import NotFound, RateLimited
from bot.core.guild_settings import DeliveryMode
from bot.core.resources import Resource
from bot.db import cluster
from bot.db import deliveries as sql
from bot.db.database import Database

# A member may ask this many times per window in one guild; a flood gets "wait a moment".
COOLDOWN_REQUESTS = 5
COOLDOWN_SECONDS = 60
# After Discord answered 50007 (DMs closed), deliver in the channel instead for this long rather
# than hitting the 403 again on every click: 10,000 invalid requests in 10 minutes gets a bot banned.
CLOSED_DMS_TTL_SECONDS = 6 * 3600


class RequestedVia(StrEnum):
    BUTTON = "button"
    SLASH = "slash"
    DM = "dm"


class DeliveredVia(StrEnum):
    DM = "dm"  # to the member's DMs, as asked
    EPHEMERAL = "ephemeral"  # privately in the channel: the guild chose "here", or the member "never DM"
    FALLBACK = "fallback"  # privately in the channel, because the member's DMs are closed


def where_to_deliver(
    delivery: Delivery, mode: DeliveryMode, *, dms_closed: bool, never_dm: bool = False
) -> DeliveredVia:
    """Where a delivery goes. Asked in our DM (by text, a button or /get there): that DM. Asked
    in a guild: privately in the channel when the guild chose "here" or the member chose never
    to be DMed (``/privacy``), or when the member's DMs were found closed lately, else to the
    member's DMs."""
    if delivery.asked_in_dm:
        return DeliveredVia.DM
    if mode is DeliveryMode.HERE or never_dm:
        return DeliveredVia.EPHEMERAL
    return DeliveredVia.FALLBACK if dms_closed else DeliveredVia.DM


@dataclass(frozen=True)
class Delivery:
    id: int
    resource_id: int
    guild_id: int
    member_id: int | None
    requested_via: str
    delivered_via: str | None
    status: str
    failure: str | None
    source_id: int
    channel_id: int | None
    message_id: int | None
    is_repeat: bool
    requested_at: int
    delivered_at: int | None
    request_channel_id: int | None = None
    locale: str | None = None
    interaction_token: str | None = field(default=None, repr=False)
    attempts: int = 0
    # The file pinned when the member asked (see ``as_sent``); NULL for a link-only resource and
    # for rows recorded before the pin existed.
    file_sha256: str | None = None
    file_name: str | None = None
    # Not a column: the member's DMs were found closed lately. Known for what is to be delivered
    # (a new request, recovery); None where it was not looked up (``get``).
    dms_closed: bool | None = None
    # Not a column either: the member chose never to receive a resource by DM (read with
    # ``dms_closed``, in the same query, so recovery after a restart honours it too).
    never_dm: bool | None = None
    # Not a column: the member's DM channel as stored (bot/core/dm_channels.py), read in the same
    # query; None when not known (or not looked up).
    dm_channel_id: int | None = None

    @property
    def asked_in_dm(self) -> bool:
        """Asked in our DM (by text, or a button or /get there) rather than in a guild channel."""
        return self.request_channel_id is None or self.requested_via == RequestedVia.DM.value

    def as_sent(self, resource: Resource) -> Resource:
        """What this delivery sends: the resource as it is now (title, note, link), with the file
        as it was when the member asked. A creator who replaces the file mid-burst changes what
        later requests get, not what was already asked for; the pinned file stays stored until
        this delivery is finished (``ResourceService.release``)."""
        if self.file_sha256 is None:
            return resource
        return replace(resource, file_sha256=self.file_sha256, file_name=self.file_name)

    @classmethod
    def from_row(cls, row: Any) -> Delivery:
        values = {key: row[key] for key in row.keys()}
        values["is_repeat"] = bool(values["is_repeat"])
        return cls(**values)


# Told of every finished delivery: (requested_via, delivered_via or None, "delivered" | "failed").
OutcomeObserver = Callable[[str, str | None, str], None]


class DeliveryService:
    def __init__(
        self,
        db: Database,
        *,
        clock: Any = time.time,
        on_outcome: OutcomeObserver | None = None,
        process_id: str | None = None,
    ) -> None:
        self._db = db
        # Who holds the lease of the deliveries this service records or claims (see bot/db/cluster.py).
        self.process_id = process_id or uuid.uuid4().hex
        self._clock = clock
        self._on_outcome = on_outcome

    def _now(self) -> int:
        return int(self._clock())

    async def request(
        self,
        resource: Resource,
        member_id: int,
        via: RequestedVia,
        source_id: int,
        *,
        channel_id: int | None = None,
        locale: str | None = None,
        interaction_token: str | None = None,
    ) -> Delivery | None:
        """Record that ``member_id`` asked for ``resource``. None: this source was handled before.

        Recorded before anything is sent or acknowledged, with what it takes to finish the delivery
        after a crash. Raises NotFound for an archived resource and RateLimited for a flood.
        """
        if resource.archived:
            raise NotFound("error.resource_archived", title=resource.title)
        now = self._now()
        outcome, value = await self._db.transaction(
            sql.record_request,
            resource_id=resource.id,
            guild_id=resource.guild_id,
            member_id=member_id,
            requested_via=via.value,
            source_id=source_id,
            now=now,
            cooldown_since=now - COOLDOWN_SECONDS,
            cooldown_limit=COOLDOWN_REQUESTS,
            request_channel_id=channel_id,
            locale=locale,
            interaction_token=interaction_token,
            # Leased in the request's own transaction: the click's process delivers it, no extra trip.
            lease_owner=self.process_id,
        )
        if outcome == "limited":
            oldest, already_told = value
            raise RateLimited(
                "error.cooldown", already_told=already_told, seconds=max(1, (oldest or now) + COOLDOWN_SECONDS - now)
            )
        if outcome == "seen":
            return None
        if outcome == "archived":  # removed between the click and now
            raise NotFound("error.resource_archived", title=resource.title)
        return self._for_delivering(value)

    async def mark_delivered(
        self,
        delivery_id: int,
        via: DeliveredVia,
        *,
        channel_id: int | None = None,
        message_id: int | None = None,
        dm_channel_id: int | None = None,
    ) -> Delivery:
        """``dm_channel_id``: the member's DM channel, when this delivery learnt it (stored too)."""
        await sql.mark_delivered(
            self._db,
            delivery_id,
            delivered_via=via.value,
            channel_id=channel_id,
            message_id=message_id,
            now=self._now(),
            lease_owner=self.process_id,
            dm_channel_id=dm_channel_id,
        )
        delivery = await self.get(delivery_id)
        if self._on_outcome is not None:
            self._on_outcome(delivery.requested_via, delivery.delivered_via, "delivered")
        return delivery

    async def mark_failed(self, delivery_id: int, reason: str) -> None:
        requested_via = await sql.mark_failed(self._db, delivery_id, reason)
        # None: it was no longer pending (finished meanwhile); nothing new to count.
        if requested_via is not None and self._on_outcome is not None:
            self._on_outcome(requested_via, None, "failed")

    async def get(self, delivery_id: int) -> Delivery:
        row = await sql.get(self._db, delivery_id)
        if row is None:
            raise NotFound("error.delivery_not_found", id=delivery_id)
        return Delivery.from_row(row)

    async def member_erased(self, delivery_id: int) -> bool:
        """Whether the delivery's member deleted their data since it was asked for (the row was
        anonymised and its delivery cancelled, maybe by another process)."""
        return await sql.member_erased(self._db, delivery_id)

    async def by_source(self, source_id: int) -> Delivery | None:
        row = await sql.by_source(self._db, source_id)
        return None if row is None else Delivery.from_row(row)

    async def claim_left_over(self, limit: int = 100, *, mine_too: bool = False) -> list[Delivery]:
        """Deliveries asked for but not finished whose process stopped (or that predate leases),
        now leased to this one, an attempt counted each: these are completed or failed. Two
        processes sweeping at once never get the same delivery."""
        rows = await self._db.transaction(
            sql.claim_pending,
            me=self.process_id,
            alive_since=self._now() - cluster.DEAD_AFTER_SECONDS,
            limit=limit,
            mine_too=mine_too,
        )
        return [self._for_delivering(row) for row in rows]

    async def counts_by_resource(self, guild_id: int) -> dict[int, int]:
        """How many times each resource of the guild was delivered."""
        return await sql.delivered_counts(self._db, guild_id)

    # -- closed DMs --

    def _for_delivering(self, row: Any) -> Delivery:
        """A row read with ``dms_closed_at`` (a request, or recovery): the delivery knows its DMs."""
        values = {key: row[key] for key in row.keys()}
        closed_at = values.pop("dms_closed_at")
        never_dm = bool(values.pop("never_dm"))
        dm_channel_id = values.pop("dm_channel_id")
        return replace(
            Delivery.from_row(values),
            dms_closed=self._still_closed(closed_at),
            never_dm=never_dm,
            dm_channel_id=dm_channel_id,
        )

    def _still_closed(self, closed_at: int | None) -> bool:
        return closed_at is not None and self._now() - closed_at < CLOSED_DMS_TTL_SECONDS

    async def remember_dms_closed(self, member_id: int) -> None:
        await sql.remember_dms_closed(self._db, member_id, self._now())
