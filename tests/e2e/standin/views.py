"""What a user sees: a Reply to an interaction, a Modal the bot opened, and the handle
to wait on an interaction's answers."""

# The public API takes explicit ``timeout=`` seconds on purpose (tests read better).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import components as comp
from .model import Attachment, Message

if TYPE_CHECKING:
    from .interactions import CallbackRecord, InteractionRecord
    from .server import DiscordStandIn

KINDS = {
    1: "pong",
    4: "message",
    5: "deferred",
    6: "deferred_update",
    7: "update",
    8: "autocomplete",
    9: "modal",
    12: "activity",
}
INPUT_TYPES = (3, 4, 5, 6, 7, 8, 19, 21, 22, 23)


@dataclass
class ModalField:
    custom_id: str
    label: str | None
    component: dict[str, Any]  # the input component as the bot sent it (with its id)

    @property
    def type(self) -> int:
        return int(self.component["type"])

    @property
    def required(self) -> bool:
        return bool(self.component.get("required", self.type == 4))


@dataclass
class ModalView:
    """A modal the bot opened (callback type 9). Fields are found by custom_id or label."""

    custom_id: str
    title: str
    components: list[dict[str, Any]]
    source: InteractionRecord
    fields: list[ModalField] = field(default_factory=list)

    @classmethod
    def from_record(cls, rec: InteractionRecord) -> ModalView:
        data = rec.modal or {}
        view = cls(data.get("custom_id", ""), data.get("title", ""), data.get("components", []), rec)
        for top in view.components:
            if top.get("type") == 18:
                inner = top.get("component") or {}
                view.fields.append(ModalField(inner.get("custom_id", ""), top.get("label"), inner))
            elif top.get("type") == 1:
                for inner in top.get("components", []):
                    if inner.get("type") in INPUT_TYPES:
                        view.fields.append(ModalField(inner.get("custom_id", ""), inner.get("label"), inner))
        return view

    def field(self, key: str) -> ModalField:
        for f in self.fields:
            if key in (f.custom_id, f.label):
                return f
        raise LookupError(
            f"modal {self.title!r} has no field {key!r}; fields: {[(f.label, f.custom_id) for f in self.fields]}"
        )

    @property
    def text(self) -> str:
        texts = [c.get("content", "") for c in comp.walk(self.components) if c.get("type") == 10]
        return "\n".join([self.title, *[f.label or "" for f in self.fields], *texts])


class Reply(comp.ComponentLookup):
    """The first accepted response to an interaction, resolved to what the user sees.

    ``kind``: message | deferred | deferred_update | update | autocomplete | modal | pong.
    For message-ish kinds ``message`` is the live stored Message (content, embeds, ...)."""

    def __init__(self, rec: InteractionRecord, cb: CallbackRecord, message: Message | None) -> None:
        self.record = rec
        self.callback = cb
        self.type = int(cb.type or 0)
        self.kind = KINDS.get(self.type, str(self.type))
        self.message = message
        self.modal = ModalView.from_record(rec) if self.type == 9 else None
        self.choices: list[dict[str, Any]] | None = rec.choices if self.type == 8 else None

    @property
    def components(self) -> list[dict[str, Any]]:  # type: ignore[override]
        return self.message.components if self.message else []

    @property
    def content(self) -> str:
        return self.message.content if self.message else ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.message.embeds if self.message else []

    @property
    def attachments(self) -> list[Attachment]:
        return self.message.attachments if self.message else []

    @property
    def flags(self) -> int:
        return self.message.flags if self.message else 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.message and self.message.ephemeral)

    @property
    def deferred(self) -> bool:
        return self.type in (5, 6)

    @property
    def text(self) -> str:
        if self.modal is not None:
            return self.modal.text
        if self.choices is not None:
            return "\n".join(str(c.get("name")) for c in self.choices)
        return self.message.text if self.message else ""

    def choice_names(self) -> list[str]:
        return [str(c.get("name")) for c in self.choices or []]

    def __repr__(self) -> str:
        return f"<Reply {self.kind} {self.message!r}>"


class InteractionHandle:
    """One interaction a user triggered; wait for and inspect the bot's answers."""

    def __init__(self, s: DiscordStandIn, rec: InteractionRecord) -> None:
        self.s = s
        self.record = rec

    id = property(lambda self: self.record.id)
    token = property(lambda self: self.record.token)
    payload = property(lambda self: self.record.payload)
    callbacks = property(lambda self: self.record.callbacks)
    attempts = property(lambda self: self.record.attempts)
    followups = property(lambda self: [m for m in self.record.followups if not m.deleted])

    @property
    def original(self) -> Message | None:
        return self.record.original

    async def wait_callback(self, timeout: float = 5.0) -> CallbackRecord:
        """The first accepted callback (POST /interactions/{id}/{token}/callback)."""
        return await self.s.wait_until(
            lambda: self.record.callbacks[0] if self.record.callbacks else None, timeout, f"a callback to {self.record}"
        )

    async def wait_attempts(self, n: int = 1, timeout: float = 5.0) -> list[CallbackRecord]:
        """At least ``n`` callback attempts, accepted or rejected (e.g. 10062, 40060)."""
        await self.s.wait_until(lambda: len(self.record.attempts) >= n, timeout, f"{n} callback attempt(s)")
        return list(self.record.attempts)

    async def response(self, timeout: float = 5.0, *, follow_deferral: bool = True) -> Reply:
        """What the user saw. A deferred reply (type 5) is followed to the edited original
        (or first followup) unless ``follow_deferral=False``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cb = await self.wait_callback(timeout)
        rec = self.record
        if cb.type == 5 and follow_deferral:
            await self.s.wait_until(
                lambda: rec.original is not None and not rec.original.loading,
                max(deadline - loop.time(), 0.01),
                "the deferred response to be completed (edit_original_response / followup)",
            )
        return Reply(rec, cb, rec.original if cb.type in (4, 5, 6, 7) else None)

    async def modal(self, timeout: float = 5.0) -> ModalView:
        reply = await self.response(timeout)
        if reply.modal is None:
            raise AssertionError(f"expected a modal, the bot answered {reply!r}")
        return reply.modal

    async def choices(self, timeout: float = 5.0) -> list[dict[str, Any]]:
        reply = await self.response(timeout)
        if reply.choices is None:
            raise AssertionError(f"expected autocomplete choices, the bot answered {reply!r}")
        return reply.choices

    async def wait_followup(self, n: int = 1, timeout: float = 5.0) -> Message:
        """The n-th followup message (1-based)."""
        await self.s.wait_until(lambda: len(self.record.followups) >= n, timeout, f"followup #{n}")
        return self.record.followups[n - 1]

    async def wait_original_edit(self, timeout: float = 5.0, *, edits: int = 1) -> Message:
        """Until the original response (or the component's message) has been edited ``edits`` times."""

        def edited() -> Message | None:
            o = self.record.original
            return o if o is not None and len(o.history) >= edits and not o.loading else None

        return await self.s.wait_until(edited, timeout, "an edit of the original response")

    def __repr__(self) -> str:
        return f"<InteractionHandle {self.record!r}>"
