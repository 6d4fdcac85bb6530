"""Injected REST faults: make the next N matching requests fail the way Discord can fail.

    standin.faults.add(method="POST", path=r"^/channels/\\d+/messages$", status=429, retry_after=0.3)
    standin.faults.add(path=r"^/users/@me/channels$", status=500, times=2)
    standin.faults.add(path=r"/callback$", status=403, code=50013)
    standin.faults.add(path=r"^/webhooks/", status=200, delay=0.3, times=None)  # slow, then answered
    standin.faults.add(method="POST", path=r"^/channels/\\d+/messages$", status=503, times=6)  # an outage
    standin.faults.add(method="POST", path=r"^/channels/\\d+/messages$", status=200, lost_answer=True)
    standin.faults.add(path=r"^/channels/\\d+/messages$", status=400, code=50035, when_body="LONG", times=None)
    held = standin.faults.add(method="PATCH", path=r"^/channels/\\d+/messages/\\d+$", status=200, hold=True)
    ...; held.release()  # answered only now: the test decides what happens while it is in flight

Paths are matched (re.search) against the path below ``/api/v10``. A fault answers before
the route runs, after authentication. ``times=None`` keeps the fault forever. ``when_body`` (a
regex searched in the request's JSON body) limits a fault to requests carrying that content, as
Discord refuses one message for what it contains while the next one goes through.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MESSAGES = {
    400: "400: Bad Request",
    401: "401: Unauthorized",
    403: "Missing Permissions",
    404: "404: Not Found",
    429: "You are being rate limited.",
    500: "500: Internal Server Error",
    502: "502: Bad Gateway",
    503: "503: Service Unavailable",
    504: "504: Gateway Timeout",
}
DEFAULT_CODES = {403: 50013}


@dataclass(eq=False)
class Fault:
    method: str | None
    path: re.Pattern[str]
    status: int
    code: int
    message: str
    retry_after: float = 1.0
    times: int | None = 1
    is_global: bool = False
    delay: float = 0.0
    reset: bool = False
    lost_answer: bool = False
    body: dict[str, Any] | None = None
    hits: list[str] = field(default_factory=list)
    when_body: re.Pattern[str] | None = None
    # Set: the matching request waits (after ``delay``) until ``release()``, then is answered.
    held: asyncio.Event | None = None

    def release(self) -> None:
        if self.held is not None:
            self.held.set()

    def matches(self, method: str, path: str, body_text: str = "") -> bool:
        if self.times is not None and len(self.hits) >= self.times:
            return False
        if self.when_body is not None and not self.when_body.search(body_text):
            return False
        return (self.method is None or self.method == method) and bool(self.path.search(path))

    @property
    def exhausted(self) -> bool:
        return self.times is not None and len(self.hits) >= self.times

    def json(self) -> dict[str, Any]:
        if self.body is not None:
            return self.body
        if self.status == 429:
            return {"message": self.message, "retry_after": self.retry_after, "global": self.is_global}
        return {"message": self.message, "code": self.code}


class Faults:
    def __init__(self) -> None:
        self.rules: list[Fault] = []

    def add(
        self,
        *,
        method: str | None = None,
        path: str = ".*",
        status: int = 500,
        code: int | None = None,
        message: str | None = None,
        retry_after: float = 1.0,
        times: int | None = 1,
        is_global: bool = False,
        delay: float = 0.0,
        reset: bool = False,
        lost_answer: bool = False,
        body: dict[str, Any] | None = None,
        when_body: str | None = None,
        hold: bool = False,
    ) -> Fault:
        """Add a fault. ``reset=True`` drops the TCP connection instead of answering;
        ``delay`` seconds are waited before answering (slow Discord; longer than the client's
        timeout, a timeout: Discord still carries the request out). ``lost_answer=True`` (with a
        status below 300): Discord carries the request out, then the connection drops before the
        answer arrives, so the client cannot tell whether it happened. ``hold=True``: a matching
        request waits until ``fault.release()`` (an order of events a test sets, not a race)."""
        fault = Fault(
            method=method.upper() if method else None,
            path=re.compile(path),
            status=status,
            code=DEFAULT_CODES.get(status, 0) if code is None else code,
            message=message or DEFAULT_MESSAGES.get(status, f"{status}"),
            retry_after=retry_after,
            times=times,
            is_global=is_global,
            delay=delay,
            reset=reset,
            lost_answer=lost_answer,
            body=body,
            when_body=re.compile(when_body) if when_body is not None else None,
            held=asyncio.Event() if hold else None,
        )
        self.rules.append(fault)
        return fault

    def take(self, method: str, path: str, body_text: str = "") -> Fault | None:
        for fault in self.rules:
            if fault.matches(method, path, body_text):
                fault.hits.append(f"{method} {path}")
                return fault
        return None

    def clear(self) -> None:
        self.rules.clear()
