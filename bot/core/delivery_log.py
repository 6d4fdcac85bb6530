"""Why did a member not get it? A resource's last deliveries, with each failure in plain words.

The ``failure`` column holds what the delivery code wrote: older rows "discord 403 50007: ...",
newer ones "Discord unavailable (503) after 4 attempts", "Discord refused (403, code 50013): ...",
"member's DMs are closed", and a few more. Known shapes become a catalogue key (the creator reads
them in their language); anything else is kept as text, shortened, for the Discord layer to show
as inert text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.core.resources import Actor, Resource, ResourceService
from bot.db import delivery_log as sql
from bot.db.database import Database

LOG_SIZE = 20
UNKNOWN_MAX = 120
# Discord's codes for "cannot send to this user" and for a missing permission or access.
_DMS_CLOSED = 50007
_NO_PERMISSION = (50001, 50013)
_EXPIRED = (10062, 10015, 50027)  # unknown interaction, unknown webhook, invalid webhook token

_REFUSED = re.compile(r"^Discord refused \((?P<status>\d{3}), code (?P<code>\d+)\)")
_LEGACY = re.compile(r"^discord (?P<status>\d{3}) (?P<code>\d+)\b")
_UNAVAILABLE = re.compile(
    r"^(Discord unavailable \(\d{3}\)|Discord did not answer in time|connection to Discord lost)"
    r" after (?P<attempts>\d+) attempts"
)


@dataclass(frozen=True)
class Reason:
    key: str  # a catalogue key under "failure."
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LogEntry:
    delivery_id: int
    member_id: int | None  # None: the member deleted their data
    requested_via: str
    delivered_via: str | None
    status: str  # pending, delivered, failed
    is_repeat: bool
    requested_at: int
    reason: Reason | None  # why it failed; None unless failed


def explain_failure(failure: str | None) -> Reason:
    """A stored failure text as a reason in plain words."""
    text = (failure or "").strip()
    if match := _UNAVAILABLE.match(text):
        return Reason("failure.discord_unavailable", {"attempts": int(match["attempts"])})
    if match := _REFUSED.match(text) or _LEGACY.match(text):
        status, code = int(match["status"]), int(match["code"])
        if code == _DMS_CLOSED:
            return Reason("failure.dms_closed")
        if code in _NO_PERMISSION:
            return Reason("failure.missing_permission", {"code": code})
        if code in _EXPIRED:
            return Reason("failure.expired")
        return Reason("failure.discord_refused", {"status": status, "code": code})
    if text == "member's DMs are closed":
        return Reason("failure.dms_closed")
    if text.startswith("resource removed") or "FileNotFoundError" in text:
        return Reason("failure.resource_removed")
    if text.endswith("the interaction expired"):
        return Reason("failure.expired")
    if text.startswith("recovery failed"):
        return Reason("failure.restart")
    flat = " ".join(text.split()) or "?"
    return Reason("failure.unknown", {"text": flat if len(flat) <= UNKNOWN_MAX else flat[: UNKNOWN_MAX - 1] + "…"})


class DeliveryLog:
    def __init__(self, db: Database, resources: ResourceService) -> None:
        self._db = db
        self._resources = resources

    async def recent(
        self, guild_id: int, name: str, actor: Actor, limit: int = LOG_SIZE
    ) -> tuple[Resource, list[LogEntry]]:
        """The resource ``name`` of this guild and its newest deliveries. Only its owner or someone
        with Manage Server may read them (as for /resource edit): they name members."""
        resource = await self._resources.get_active(guild_id, name)
        self._resources.ensure_can_manage(resource, actor)
        rows = await sql.recent(self._db, resource.id, limit)
        return resource, [
            LogEntry(
                delivery_id=row["id"],
                member_id=row["member_id"],
                requested_via=row["requested_via"],
                delivered_via=row["delivered_via"],
                status=row["status"],
                is_repeat=bool(row["is_repeat"]),
                requested_at=row["requested_at"],
                reason=explain_failure(row["failure"]) if row["status"] == "failed" else None,
            )
            for row in rows
        ]
