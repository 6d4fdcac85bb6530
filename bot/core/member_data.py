"""A member's data rights beyond "see a summary" and "delete": take it with you (export) and
limit it (never DM me).

The export holds everything Handout stores about one person, in every server, and nothing about
anyone else: their deliveries, their own messages (and whether and how each was answered; a
creator's identity is not theirs to take), their remembered language and DM state, the servers
they were seen in, and the resources they added as a creator. Built here as plain dicts and
encoded to JSON; when that would not fit Discord's upload limit it is gzipped, still one file.
"""

from __future__ import annotations

import gzip
import io
import json
import time
from collections.abc import Mapping
from typing import Any

from bot.core.also_sent import AlsoSent
from bot.core.errors import HandoutError
from bot.db import member_data as sql
from bot.db.database import Database

EXPORT_FORMAT = "handout-member-export/1"
# A bot's upload limit (an unboosted server, a DM); the interaction tells the real one.
UPLOAD_LIMIT = 10 * 1024 * 1024
# Leave room for the multipart envelope around the file.
_ENVELOPE = 64 * 1024


def utc(timestamp: int | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp)) if timestamp else None


class MemberDataService:
    def __init__(self, db: Database, *, clock: Any = time.time) -> None:
        self._db = db
        self._clock = clock

    # -- never DM me --

    async def never_dm(self, member_id: int) -> bool:
        return await sql.never_dm(self._db, member_id)

    async def set_never_dm(self, member_id: int, value: bool) -> bool:
        await sql.set_never_dm(self._db, member_id, value, int(self._clock()))
        return value

    async def forget(self, member_id: int) -> bool:
        """Part of "Delete my data": the preference goes too (deleted means deleted). True when
        the member had chosen never to be DMed, so the confirmation can say it was reset."""
        had = await sql.never_dm(self._db, member_id)
        await sql.delete_preferences(self._db, member_id)
        return had

    # -- export --

    async def export(self, member_id: int, guild_names: Mapping[int, str] | None = None) -> dict[str, Any]:
        """Everything stored about ``member_id``, grouped by server. ``guild_names``: what the
        Discord layer knows of server names, to make the file readable (ids are always there)."""
        names = guild_names or {}
        servers: dict[str, dict[str, Any]] = {}

        def server(guild_id: int | None) -> dict[str, Any]:
            key = str(guild_id) if guild_id is not None else "none"
            if key not in servers:
                servers[key] = {
                    "server_id": None if guild_id is None else str(guild_id),
                    "server_name": names.get(guild_id) if guild_id is not None else None,
                    "deliveries": [],
                    "messages": [],
                }
            return servers[key]

        deliveries = messages = answered = removed = 0
        after = 0
        while rows := await sql.deliveries_page(self._db, member_id, after):
            for d in rows:
                server(d["guild_id"])["deliveries"].append(
                    {
                        "id": d["id"],
                        "resource": d["name"],
                        "title": d["title"],
                        "asked_via": d["requested_via"],
                        "delivered_via": d["delivered_via"],
                        "status": d["status"],
                        "repeat": bool(d["is_repeat"]),
                        "asked_at": utc(d["requested_at"]),
                        "delivered_at": utc(d["delivered_at"]),
                    }
                )
            deliveries += len(rows)
            after = rows[-1]["id"]
        after = 0
        while rows := await sql.messages_page(self._db, member_id, after):
            for m in rows:
                server(m["guild_id"])["messages"].append(
                    {
                        "id": m["id"],
                        "about_delivery": m["delivery_id"],
                        "resource": m["name"],
                        "title": m["title"],
                        "kind": m["label"],
                        "sent_via": m["via"],
                        "text": None if m["text_removed_at"] else m["content"],
                        "also_sent": sent.as_dict() if (sent := AlsoSent.from_json(m["also_sent"])) else None,
                        "text_removed_at": utc(m["text_removed_at"]),
                        "text_removed_because": m["text_removed_why"],
                        "your_name_then": m["member_name"],
                        "language": m["locale"],
                        "status": m["status"],
                        "answered_how": m["answered_how"],
                        "answered_at": utc(m["answered_at"]),
                        "received_at": utc(m["received_at"]),
                    }
                )
                answered += m["status"] == "answered"
                removed += m["text_removed_at"] is not None
            messages += len(rows)
            after = rows[-1]["id"]
        state = await sql.member_state(self._db, member_id)
        locale, closed, prefs, ack = (state[k] for k in ("locale", "closed_dms", "preferences", "acknowledged"))
        dm = state["dm_channel"]
        for row in state["servers"]:  # type: ignore[union-attr]
            server(row["guild_id"])["seen_here_at"] = utc(row["seen_at"])
        for row in state["cooldowns"]:  # type: ignore[union-attr]
            server(row["guild_id"])["last_told_to_wait_at"] = utc(row["told_at"])
        owned = [
            {
                "server_id": str(r["guild_id"]),
                "resource": r["name"],
                "title": r["title"],
                "added_at": utc(r["created_at"]),
                "removed_at": utc(r["archived_at"]),
            }
            for r in await sql.owned_resources(self._db, member_id)
        ]
        return {
            "format": EXPORT_FORMAT,
            "member_id": str(member_id),
            "generated_at": utc(int(self._clock())),
            "summary": {
                "deliveries": deliveries,
                "messages": messages,
                "messages_answered_by_a_human": answered,
                "messages_whose_text_was_removed": removed,
                "servers": len([s for s in servers if s != "none"]),
                "resources_you_added": len(owned),
                "never_dm": bool(prefs and prefs["never_dm"]),
            },
            "settings": {
                "never_dm": bool(prefs and prefs["never_dm"]),
                "never_dm_since": utc(prefs["updated_at"]) if prefs and prefs["never_dm"] else None,
                "language": locale["locale"] if locale else None,
                "dms_found_closed_at": utc(closed["closed_at"]) if closed else None,
                "your_dm_channel_with_handout": str(dm["channel_id"]) if dm else None,
                "last_told_handout_is_a_bot_at": utc(ack["sent_at"]) if ack else None,
            },
            "servers": list(servers.values()),
            "resources_you_added": owned,
        }


class ExportTooLarge(HandoutError):
    pass


def encode_export(data: dict[str, Any], limit: int = UPLOAD_LIMIT) -> tuple[str, bytes]:
    """One file that fits ``limit``: JSON, or gzipped JSON when the plain one would not fit.

    Encoded piece by piece straight into the buffer (or the gzip stream), not first as one
    string: a history of thousands of rows is not held twice."""
    room = max(1, limit - _ENVELOPE)
    plain = io.BytesIO()
    _write(data, plain)
    if plain.tell() <= room:
        return "handout-my-data.json", plain.getvalue()
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=9, mtime=0) as stream:
        stream.write(plain.getbuffer())
    plain.close()
    if packed.tell() <= room:
        return "handout-my-data.json.gz", packed.getvalue()
    raise ExportTooLarge("error.export_too_large")


def _write(data: dict[str, Any], out: io.BytesIO) -> None:
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(data):
        out.write(chunk.encode("utf-8"))
