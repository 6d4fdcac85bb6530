"""/resource log: a resource's last deliveries, each failure in plain words, for its owner only."""

from __future__ import annotations

import pytest

from bot.cogs.resources.log import entry_line, log_embed, reason_text
from bot.core.deliveries import DeliveredVia, DeliveryService, RequestedVia
from bot.core.delivery_log import UNKNOWN_MAX, DeliveryLog, LogEntry, Reason, explain_failure
from bot.core.errors import Forbidden, NotFound
from bot.core.resources import Actor

GUILD = 111111111111111111
OTHER_GUILD = 222222222222222222
MAYA = Actor(user_id=1001)
ADMIN = Actor(user_id=1002, manages_guild=True)
STRANGER = Actor(user_id=1003)
ALICE = 2001


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        ("discord 403 50007: Cannot send messages to this user", Reason("failure.dms_closed")),
        ("member's DMs are closed", Reason("failure.dms_closed")),
        ("Discord refused (403, code 50007): Cannot send messages to this user", Reason("failure.dms_closed")),
        ("Discord refused (403, code 50013): Missing", Reason("failure.missing_permission", {"code": 50013})),
        ("discord 403 50001: Missing Access", Reason("failure.missing_permission", {"code": 50001})),
        ("Discord refused (404, code 10062): Unknown interaction", Reason("failure.expired")),
        ("Discord refused (400, code 50035): x", Reason("failure.discord_refused", {"status": 400, "code": 50035})),
        ("Discord unavailable (503) after 4 attempts", Reason("failure.discord_unavailable", {"attempts": 4})),
        ("Discord did not answer in time after 4 attempts", Reason("failure.discord_unavailable", {"attempts": 4})),
        ("connection to Discord lost after 3 attempts", Reason("failure.discord_unavailable", {"attempts": 3})),
        ("resource removed before it was delivered", Reason("failure.resource_removed")),
        ("recovery failed: FileNotFoundError(2, 'No such file or directory')", Reason("failure.resource_removed")),
        ("could not deliver fallback: the interaction expired", Reason("failure.expired")),
        ("recovery failed: RuntimeError('boom')", Reason("failure.restart")),
    ],
)  # fmt: skip
def test_known_failures_in_plain_words(failure: str, reason: Reason) -> None:
    assert explain_failure(failure) == reason


def test_an_unknown_failure_is_shortened_and_shown_as_inert_text() -> None:
    raw = "weird `thing` @everyone <@123> **bold** [link](https://x.example)\n" + "x" * 300
    reason = explain_failure(raw)
    assert reason.key == "failure.unknown" and len(reason.params["text"]) == UNKNOWN_MAX
    assert "\n" not in reason.params["text"] and reason.params["text"].endswith("…")
    shown = reason_text("en", reason)
    code = shown[shown.index("`") :]
    # One inline code span (no markdown, mention or link rendered inside), no backtick from the row.
    assert code.startswith("`weird 'thing' @everyone <@123> **bold**") and code.endswith("…`")
    assert code.count("`") == 2


def test_a_line_in_dutch_for_a_fallback_and_for_a_member_who_deleted_their_data() -> None:
    fallback = LogEntry(1, ALICE, "button", "fallback", "delivered", False, 1_800_000_000, None)
    line = entry_line("nl", fallback)
    assert line.startswith("<t:1800000000:f> · <@2001> · drukte op de knop") and "DM's dicht" in line
    gone = LogEntry(2, None, "dm", None, "failed", True, 1_800_000_000, Reason("failure.dms_closed"))
    line = entry_line("en", gone)
    assert "a member who deleted their data" in line and "asked by DM (again)" in line
    assert "not delivered: their DMs are closed" in line


async def test_the_log_fits_an_embed_whatever_the_failures(resources) -> None:
    resource = await resources.add(GUILD, MAYA, name="plan", title="T" * 100, url="https://e.com")
    long = Reason("failure.unknown", {"text": "y" * UNKNOWN_MAX})
    entries = [LogEntry(i, ALICE, "slash", None, "failed", False, 1_800_000_000, long) for i in range(200)]
    embed = log_embed("en", resource, entries)
    assert len(embed.title) <= 256 and len(embed.description) <= 4096 and len(embed) <= 6000
    assert "older not shown" in embed.description


async def test_the_owner_or_a_manager_reads_the_newest_first(db, resources, clock) -> None:
    deliveries = DeliveryService(db, clock=clock)
    resource = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    first = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=10, channel_id=5)
    await deliveries.mark_delivered(first.id, DeliveredVia.FALLBACK, channel_id=5, message_id=11)
    clock.now += 60
    second = await deliveries.request(resource, ALICE, RequestedVia.SLASH, source_id=20, channel_id=5)
    await deliveries.mark_failed(second.id, "Discord refused (403, code 50013): Missing Permissions")
    log = DeliveryLog(db, resources)

    found, entries = await log.recent(GUILD, "plan", MAYA)
    assert found.id == resource.id
    assert [(e.delivery_id, e.status, e.delivered_via, e.is_repeat) for e in entries] == [
        (second.id, "failed", None, True),
        (first.id, "delivered", "fallback", False),
    ]
    assert entries[0].reason == Reason("failure.missing_permission", {"code": 50013}) and entries[1].reason is None
    assert len((await log.recent(GUILD, "plan", ADMIN))[1]) == 2
    assert len((await log.recent(GUILD, "plan", MAYA, limit=1))[1]) == 1
    with pytest.raises(Forbidden):
        await log.recent(GUILD, "plan", STRANGER)
    with pytest.raises(NotFound):  # another guild never sees this one's resources
        await log.recent(OTHER_GUILD, "plan", ADMIN)
