"""The driver: what users do (slash commands, clicks, selects, modals, DMs, posts) and
handles to wait on what they then see. Mixed into DiscordStandIn."""

# The public API takes explicit ``timeout=`` seconds on purpose (tests read better).
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from . import components as comp
from . import interactions as I
from . import messages as M
from . import payloads as P
from .interactions import DriverError, InteractionRecord
from .model import Channel, Member, Message, Perm, User
from .rest import Upload
from .views import InteractionHandle, ModalView, Reply

if TYPE_CHECKING:
    from .server import DiscordStandIn

Who = User | Member
FileSpec = tuple[str, bytes] | tuple[str, bytes, str]


class Driver:
    """User actions. ``who`` is a User or a Member; channels are world Channels."""

    # ----------------------------------------------------------------- helpers
    async def _dispatch(self: DiscordStandIn, rec: InteractionRecord, timeout: float) -> InteractionHandle:
        await self.wait_until(lambda: self.gateway.live_sessions, timeout, "a connected bot (READY)")
        self.interactions[rec.id] = rec
        self.interactions_by_token[rec.token] = rec
        rec.dispatched_at = self.world.clock.now()
        rec.delivered = self.gateway.dispatch("INTERACTION_CREATE", rec.payload, guild_id=rec.channel.guild_id)
        self.notify()
        return InteractionHandle(self, rec)

    def _channel_of(self: DiscordStandIn, msg: Message | Reply) -> tuple[Message, Channel]:
        message = msg.message if isinstance(msg, Reply) else msg
        if message is None:
            raise DriverError(f"{msg!r} has no message to interact with")
        if message.deleted:
            raise DriverError(f"{message!r} was deleted")
        return message, self.world.channels[message.channel_id]

    # ----------------------------------------------------------------- application commands
    async def slash(
        self: DiscordStandIn,
        who: Who,
        channel: Channel,
        command: str,
        /,
        *,
        options: dict[str, Any] | None = None,
        timeout: float = 5.0,
        **kwargs: Any,
    ) -> InteractionHandle:
        """Run ``/command [group] [sub]`` with options (kwargs or ``options=`` for odd names).
        Attachment options take ``(filename, bytes[, content_type])``; user/role/channel
        options take world objects; options named ``options``/``timeout`` go in ``options=``.
        Waits up to ``timeout`` for the command to be registered."""
        rec = await self._command_record(who, channel, command, {**(options or {}), **kwargs}, None, timeout)
        return await self._dispatch(rec, timeout)

    async def autocomplete(
        self: DiscordStandIn,
        who: Who,
        channel: Channel,
        command: str,
        focused: str,
        value: str = "",
        /,
        *,
        options: dict[str, Any] | None = None,
        timeout: float = 5.0,
        **kwargs: Any,
    ) -> InteractionHandle:
        """The user is typing ``value`` into option ``focused``; ``await handle.choices()``."""
        values = {**(options or {}), **kwargs, focused: value}
        rec = await self._command_record(who, channel, command, values, focused, timeout)
        return await self._dispatch(rec, timeout)

    async def _command_record(
        self: DiscordStandIn,
        who: Who,
        channel: Channel,
        command: str,
        values: dict[str, Any],
        focused: str | None,
        timeout: float,
    ) -> InteractionRecord:
        top, *path = command.lstrip("/").split()
        try:
            cmd = await self.wait_until(lambda: I.find_command(self, top, channel), timeout, f"/{top}")
        except TimeoutError:
            scope = "global" if channel.is_dm else f"global or guild {channel.guild_id}"
            have = sorted(c.name for c in self.world.commands.values() if c.guild_id in (None, channel.guild_id))
            raise DriverError(f"/{top} is not registered ({scope}) after {timeout}s; registered: {have}") from None
        user = self.world.user_of(who)
        I.check_visible(self, cmd, user, channel)
        data = I.build_command_data(self, cmd, path, values, channel, user, focused=focused)
        return I.new_record(self, 4 if focused else 2, who, channel, data, command=cmd)

    # ----------------------------------------------------------------- components
    async def click(
        self: DiscordStandIn,
        who: Who,
        message: Message | Reply,
        label: str | None = None,
        *,
        custom_id: str | None = None,
        timeout: float = 5.0,
    ) -> InteractionHandle:
        """Click a button (by label or custom_id) on a message the user can see."""
        msg, channel = self._channel_of(message)
        self._check_sees(who, msg, channel)
        button = comp.find_button(msg.components, label=label, custom_id=custom_id)
        if button is None:
            raise DriverError(f"no button label={label!r} custom_id={custom_id!r} on {msg!r}")
        if button.get("disabled"):
            raise DriverError(f"button {button.get('label')!r} is disabled")
        if button.get("style") in (5, 6):
            raise DriverError(f"button {button.get('label')!r} is a link/premium button: no interaction")
        data = {"custom_id": button["custom_id"], "component_type": 2, "id": button.get("id")}
        rec = I.new_record(self, 3, who, channel, data, message=msg)
        return await self._dispatch(rec, timeout)

    async def select(
        self: DiscordStandIn,
        who: Who,
        message: Message | Reply,
        values: Iterable[Any],
        *,
        custom_id: str | None = None,
        placeholder: str | None = None,
        timeout: float = 5.0,
    ) -> InteractionHandle:
        """Pick ``values`` in a select menu (string values, or world objects for user/role/channel selects)."""
        msg, channel = self._channel_of(message)
        self._check_sees(who, msg, channel)
        sel = msg.select(custom_id, placeholder=placeholder)
        data: dict[str, Any] = {"custom_id": sel["custom_id"], "component_type": sel["type"], "id": sel.get("id")}
        data.update(self._select_values(sel, list(values), channel, who))
        rec = I.new_record(self, 3, who, channel, data, message=msg)
        return await self._dispatch(rec, timeout)

    def _select_values(
        self: DiscordStandIn, sel: dict[str, Any], values: list[Any], channel: Channel, who: Who
    ) -> dict[str, Any]:
        lo, hi = sel.get("min_values", 1), sel.get("max_values", 1)
        if not lo <= len(values) <= hi:
            raise DriverError(f"select {sel.get('custom_id')!r} takes {lo}..{hi} values, got {len(values)}")
        if sel["type"] == 3:
            allowed = [o["value"] for o in sel.get("options", [])]
            bad = [v for v in values if v not in allowed]
            if bad:
                raise DriverError(f"{bad} not among the options {allowed}")
            return {"values": [str(v) for v in values]}
        resolved: dict[str, Any] = {}
        ids = []
        for v in values:
            otype = {5: 6, 6: 8, 7: 7, 8: 9}[sel["type"]]
            ids.append(
                I._option_value(
                    self, {"type": otype, "name": "select"}, v, (channel, self.world.user_of(who)), resolved
                )
            )
        return {"values": ids, "resolved": resolved}

    def _check_sees(self: DiscordStandIn, who: Who, msg: Message, channel: Channel) -> None:
        user = self.world.user_of(who)
        if msg.visible_to is not None and msg.visible_to != user.id:
            raise DriverError(f"{user.username} cannot see ephemeral {msg!r}")
        if channel.is_dm and channel.recipient_id != user.id:
            raise DriverError(f"{user.username} is not in that DM")
        if not channel.is_dm and not self.world.has(channel, user.id, Perm.VIEW_CHANNEL):
            raise DriverError(f"{user.username} cannot see #{channel.name}")

    # ----------------------------------------------------------------- modals
    async def submit_modal(
        self: DiscordStandIn,
        who: Who,
        modal: ModalView | Reply | InteractionHandle,
        values: dict[str, Any],
        *,
        timeout: float = 5.0,
    ) -> InteractionHandle:
        """Fill and submit a modal; ``values`` keys are field custom_ids or labels."""
        if isinstance(modal, InteractionHandle):
            modal = await modal.modal(timeout)
        if isinstance(modal, Reply):
            if modal.modal is None:
                raise DriverError(f"{modal!r} is not a modal")
            modal = modal.modal
        keys = set(values)
        resolved: dict[str, Any] = {}
        source = modal.source

        def submit(c: dict[str, Any], label: str | None) -> dict[str, Any]:
            f = next(f for f in modal.fields if f.component is c)
            key = next((k for k in (f.custom_id, label) if k in values), None)
            keys.discard(key)  # type: ignore[arg-type]
            value = values.get(key) if key is not None else None
            return self._modal_value(f, value, resolved, source)

        out = []
        for top in modal.components:
            if top.get("type") == 18:
                out.append({"type": 18, "id": top["id"], "component": submit(top["component"], top.get("label"))})
            elif top.get("type") == 1:
                kids = [submit(k, k.get("label")) for k in top.get("components", []) if k.get("type") in (3, 4)]
                out.append({"type": 1, "id": top["id"], "components": kids})
            elif top.get("type") == 10:
                out.append({"type": 10, "id": top["id"]})
        if keys:
            raise DriverError(f"modal has no field(s) {sorted(keys)}: {[(f.label, f.custom_id) for f in modal.fields]}")
        data: dict[str, Any] = {"custom_id": modal.custom_id, "components": out}
        if resolved:
            data["resolved"] = resolved
        rec = I.new_record(self, 5, who, source.channel, data, message=source.message, parent=source)
        return await self._dispatch(rec, timeout)

    def _modal_value(
        self: DiscordStandIn, f: Any, value: Any, resolved: dict[str, Any], source: InteractionRecord
    ) -> dict[str, Any]:
        c = f.component
        base = {"type": c["type"], "id": c["id"], "custom_id": c.get("custom_id")}
        if value is None and f.required and c["type"] in (3, 4, 5, 6, 7, 8, 19, 21):
            raise DriverError(f"modal field {f.label or f.custom_id!r} is required")
        if c["type"] == 4:
            text = "" if value is None else str(value)
            if text and not c.get("min_length", 0) <= len(text) <= c.get("max_length", 4000):
                raise DriverError(
                    f"{f.label!r}: length {len(text)} outside [{c.get('min_length')}, {c.get('max_length')}]"
                )
            return {**base, "value": text}
        if c["type"] == 19:
            atts = [I.upload_attachment(self, v) for v in value or []]
            resolved.setdefault("attachments", {}).update({str(a.id): P.attachment(a, self.cdn) for a in atts})
            return {**base, "values": [str(a.id) for a in atts]}
        if c["type"] in comp.SELECT_TYPES:
            picked = self._select_values(c, list(value or []), source.channel, source.user) if value else {"values": []}
            for k, v in picked.get("resolved", {}).items():
                resolved.setdefault(k, {}).update(v)
            return {**base, "values": picked["values"]}
        if c["type"] == 23:
            return {**base, "value": bool(value)}
        if c["type"] == 22:
            return {**base, "values": [str(v) for v in value or []]}
        return {**base, "value": None if value is None else str(value)}

    # ----------------------------------------------------------------- messages from users
    async def send_dm(
        self: DiscordStandIn,
        who: Who,
        content: str = "",
        *,
        files: Iterable[FileSpec] = (),
        stickers: Iterable[str] = (),
    ) -> Message:
        """The user writes the bot a DM (MESSAGE_CREATE with DIRECT_MESSAGES intent). ``stickers``: names
        of stickers sent with it (Discord sends each as a sticker item: id, name, format)."""
        user = self.world.user_of(who)
        channel = self.world.dm_channel(user)
        assert channel is not None
        return self._user_message(user, channel, content, files, None, stickers)

    async def delete_own(self: DiscordStandIn, who: Who, message: Message) -> None:
        """The user deletes a message of their own (MESSAGE_DELETE: ids only, as Discord sends it)."""
        user = self.world.user_of(who)
        if message.author is not user:
            raise DriverError(f"{user.username} can only delete their own messages here")
        message.deleted = True
        M.announce_delete(self, message)

    async def edit_own(self: DiscordStandIn, who: Who, message: Message, content: str) -> None:
        """The user edits a message of their own (MESSAGE_UPDATE with the whole message)."""
        user = self.world.user_of(who)
        if message.author is not user:
            raise DriverError(f"{user.username} can only edit their own messages")
        M.apply_edit(self, message, {"content": content}, [])
        M.announce_update(self, message)

    async def post(
        self: DiscordStandIn,
        who: Who,
        channel: Channel,
        content: str = "",
        *,
        files: Iterable[FileSpec] = (),
        reply_to: Message | None = None,
    ) -> Message:
        """The user posts in a guild channel (content reaches the bot only with MESSAGE_CONTENT
        or when the bot is mentioned)."""
        user = self.world.user_of(who)
        if not self.world.has(channel, user.id, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES):
            raise DriverError(f"{user.username} cannot post in #{channel.name}")
        return self._user_message(user, channel, content, files, reply_to)

    def _user_message(
        self: DiscordStandIn,
        user: User,
        channel: Channel,
        content: str,
        files: Iterable[FileSpec],
        reply_to: Message | None,
        stickers: Iterable[str] = (),
    ) -> Message:
        uploads = [Upload(i, f[0], bytes(f[1]), f[2] if len(f) > 2 else None) for i, f in enumerate(files)]  # type: ignore[misc]
        data: dict[str, Any] = {"content": content}
        if reply_to is not None:
            data["message_reference"] = {"message_id": str(reply_to.id)}
        items = [{"id": str(self.world.ids.next()), "name": name, "format_type": 1} for name in stickers]
        msg = M.new_message(self, channel, user, data, uploads, sticker_items=items)
        M.announce_create(self, msg)
        return msg

    # ----------------------------------------------------------------- queries & waits
    def messages_in(self: DiscordStandIn, channel: Channel, *, include_ephemeral: bool = False) -> list[Message]:
        return [m for m in self.world.messages_in(channel) if include_ephemeral or not m.ephemeral]

    def dm_channel_of(self: DiscordStandIn, who: Who) -> Channel | None:
        return self.world.dm_channel(who, create=False)

    def dms_to(self: DiscordStandIn, who: Who) -> list[Message]:
        """Messages the bot sent to this user in their DM."""
        ch = self.dm_channel_of(who)
        return [m for m in self.world.messages_in(ch) if m.author is self.world.bot] if ch else []

    async def wait_for_message(
        self: DiscordStandIn,
        predicate: Callable[[Message], bool],
        timeout: float = 5.0,
        *,
        after: Message | int | None = None,
    ) -> Message:
        """The first (live) message matching ``predicate``, existing or future; ``after``
        limits to messages newer than that message/id."""
        floor = after.id if isinstance(after, Message) else (after or 0)

        def find() -> Message | None:
            return next(
                (m for m in self.world.messages.values() if m.id > floor and not m.deleted and predicate(m)), None
            )

        return await self.wait_until(find, timeout, "a matching message")

    async def wait_for_dm(
        self: DiscordStandIn,
        who: Who,
        predicate: Callable[[Message], bool] | None = None,
        timeout: float = 5.0,
        *,
        after: Message | int | None = None,
    ) -> Message:
        """A DM from the bot to ``who``."""
        user = self.world.user_of(who)

        def match(m: Message) -> bool:
            ch = self.world.channels.get(m.channel_id)
            ok = ch is not None and ch.is_dm and ch.recipient_id == user.id and m.author is self.world.bot
            return ok and (predicate is None or predicate(m))

        return await self.wait_for_message(match, timeout, after=after)

    async def download(self: DiscordStandIn, attachment: Any) -> bytes:
        """An attachment's bytes fetched over HTTP from a freshly signed CDN URL (as a user would)."""
        status, body = await self.fetch(self.cdn.url_for(attachment))
        if status != 200:
            raise AssertionError(f"CDN answered {status} for {attachment!r}")
        return body

    async def fetch(self: DiscordStandIn, url: str) -> tuple[int, bytes]:
        """GET a URL (e.g. an attachment's CDN url) as a user's client would."""
        import aiohttp

        async with aiohttp.ClientSession() as session, session.get(url, timeout=aiohttp.ClientTimeout(total=5)) as r:
            return r.status, await r.read()
