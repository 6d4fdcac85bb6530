"""Retry the bot's own sends when Discord fails in a way that trying again can fix.

discord.py retries some failures itself, inside one request: 500, 502, 504 and 524 (five tries),
429 (after ``retry_after``), and a connection reset only by its Windows and macOS error numbers.
It does not retry a 503, a reset on Linux (ECONNRESET is 104, not 54 or 10054), a connection
closed before the answer (aiohttp's ``ServerDisconnectedError``) or a timeout. A storm of 503s
lost every delivery in it. So each send Handout makes is one *attempt* here, tried again after a
transient failure, a bounded number of times with a growing pause; a 4xx is permanent and raised
at once.

Trying again is safe: a message send carries an enforced nonce, so when Discord accepted the first
attempt but the answer was lost, the next one gets the first message back, not a second one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 4
# Pauses before the 2nd, 3rd and 4th attempt. Short: a member is waiting for the answer, and
# discord.py has already spent up to 16 s on its own retries of a 500 or 502 inside one attempt.
BACKOFF_SECONDS = (0.5, 1.5, 3.0)


class DiscordUnavailable(Exception):
    """Discord kept failing transiently; ``reason`` says how, in plain words, for logs and rows."""

    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(f"{reason} after {attempts} attempts")
        self.reason = reason
        self.attempts = attempts


def transient_reason(exc: BaseException) -> str | None:
    """How Discord failed, if trying again can help; None for a permanent failure (a 4xx)."""
    if isinstance(exc, discord.HTTPException):
        return f"Discord unavailable ({exc.status})" if exc.status >= 500 else None
    # Before ClientConnectionError: aiohttp's ServerTimeoutError is both.
    if isinstance(exc, TimeoutError):
        return "Discord did not answer in time"
    if isinstance(exc, aiohttp.ClientConnectionError):
        return "connection to Discord lost"
    return None


def describe(exc: BaseException) -> str:
    """A failure in plain words, for a delivery row or a log line."""
    if isinstance(exc, DiscordUnavailable):
        return str(exc)
    if isinstance(exc, discord.HTTPException):
        return f"Discord refused ({exc.status}, code {exc.code}): {exc.text}"
    return repr(exc)


async def with_retries(attempt: Callable[[], Awaitable[T]], *, what: str) -> T:
    """``attempt()`` until it succeeds, fails permanently (raised as is) or fails transiently
    ``ATTEMPTS`` times (raised as DiscordUnavailable). ``attempt`` builds its request afresh each
    time (a discord.File is read once) and takes its own turn in the request budget."""
    for number in range(1, ATTEMPTS + 1):
        try:
            return await attempt()
        except Exception as exc:
            reason = transient_reason(exc)
            if reason is None:
                raise
            if number == ATTEMPTS:
                raise DiscordUnavailable(reason, number) from exc
            pause = BACKOFF_SECONDS[number - 1]
            log.warning("%s failed (%s: %r); attempt %d of %d in %.1fs", what, reason, exc, number + 1, ATTEMPTS, pause)
            await asyncio.sleep(pause)
    raise AssertionError("unreachable")
