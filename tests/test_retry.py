"""What counts as transient, and how often a send is tried (bot/cogs/retry.py)."""

from __future__ import annotations

from types import SimpleNamespace

import aiohttp
import discord
import pytest

from bot.cogs import retry
from bot.cogs.retry import DiscordUnavailable, describe, transient_reason, with_retries


def http_error(status: int, code: int = 0, cls: type[discord.HTTPException] = discord.HTTPException):
    response = SimpleNamespace(status=status, reason="reason")
    return cls(response, {"code": code, "message": f"{status} from Discord"})


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (http_error(503, cls=discord.DiscordServerError), "Discord unavailable (503)"),
        (http_error(500, cls=discord.DiscordServerError), "Discord unavailable (500)"),
        (TimeoutError(), "Discord did not answer in time"),
        (aiohttp.ServerTimeoutError(), "Discord did not answer in time"),
        (aiohttp.ServerDisconnectedError(), "connection to Discord lost"),
        (aiohttp.ClientOSError(104, "Connection reset by peer"), "connection to Discord lost"),
        (http_error(403, 50013, discord.Forbidden), None),
        (http_error(404, 10062, discord.NotFound), None),
        (http_error(400, 50035), None),
        (ValueError("a bug"), None),
    ],
)
def test_transient_or_permanent(error: Exception, reason: str | None) -> None:
    assert transient_reason(error) == reason


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "BACKOFF_SECONDS", (0.0,) * retry.ATTEMPTS)


async def test_transient_failures_are_tried_again_until_it_works() -> None:
    failures = [http_error(503, cls=discord.DiscordServerError), aiohttp.ServerDisconnectedError()]
    calls = []

    async def attempt() -> str:
        calls.append(1)
        if failures:
            raise failures.pop(0)
        return "sent"

    assert await with_retries(attempt, what="test") == "sent"
    assert len(calls) == 3


async def test_retries_are_bounded_and_say_why() -> None:
    calls = []

    async def attempt() -> None:
        calls.append(1)
        raise http_error(503, cls=discord.DiscordServerError)

    with pytest.raises(DiscordUnavailable) as caught:
        await with_retries(attempt, what="test")
    assert len(calls) == retry.ATTEMPTS
    assert describe(caught.value) == f"Discord unavailable (503) after {retry.ATTEMPTS} attempts"


async def test_a_permanent_failure_is_raised_at_once() -> None:
    calls = []

    async def attempt() -> None:
        calls.append(1)
        raise http_error(403, 50013, discord.Forbidden)

    with pytest.raises(discord.Forbidden) as caught:
        await with_retries(attempt, what="test")
    assert len(calls) == 1
    assert describe(caught.value) == "Discord refused (403, code 50013): 403 from Discord"
