"""REST routes authenticated by an interaction token: the callback and the interaction
webhook (original response, followups). Exempt from the global rate limit, no bot auth."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from . import components as comp
from . import messages as M
from . import payloads as P
from . import validate
from .interactions import CallbackRecord, InteractionRecord
from .model import FLAG_EPHEMERAL, FLAG_LOADING, Message
from .rest import ApiError, Call, field_errors, form_error, route

if TYPE_CHECKING:
    from .server import DiscordStandIn

Result = tuple[int, Any]

# interaction type -> callback types Discord accepts for it
ALLOWED = {1: {1}, 2: {4, 5, 9, 12}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}


def _truthy(v: str | None) -> bool:
    return str(v).lower() in ("1", "true")


def _reply(s: DiscordStandIn, rec: InteractionRecord, data: dict[str, Any], call: Call, *, loading: bool) -> Message:
    flags = int(data.get("flags") or 0) & (FLAG_EPHEMERAL | (1 << 2) | (1 << 12) | (1 << 15))
    if loading:
        data = {"content": "", "flags": flags | FLAG_LOADING}
    extra: dict[str, Any] = {
        "webhook_id": s.world.application_id,
        "application_id": s.world.application_id,
        "interaction_id": rec.id,
        "interaction_meta": _meta(rec),
        "type": 20 if rec.type == 2 else 0,
    }
    if flags & FLAG_EPHEMERAL:
        extra["visible_to"] = rec.user.id
    msg = M.new_message(s, rec.channel, s.world.bot, {**data, "flags": data.get("flags", flags)}, call.files, **extra)
    return msg


def _meta(rec: InteractionRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "id": str(rec.id),
        "type": rec.type,
        "user": P.user(rec.user),
        "authorizing_integration_owners": rec.payload.get("authorizing_integration_owners", {}),
    }
    if rec.command is not None:
        meta["name"] = rec.command.name
    if rec.message is not None:
        meta["interacted_message_id"] = str(rec.message.id)
    return meta


@route("POST", "/interactions/{interaction_id}/{token}/callback", auth=False, interaction=True)
async def callback(s: DiscordStandIn, call: Call) -> Result:
    rec = s.interactions.get(call.id("interaction_id"))
    if rec is None or rec.token != call.params["token"]:
        raise ApiError(404, 10062, "Unknown interaction")
    body = call.json if isinstance(call.json, dict) else {}
    # Discord's three seconds end when the answer arrives, not when this busy stand-in reads it.
    now = s.world.clock.now() - call.read_lag
    attempt = CallbackRecord(
        body.get("type"), body.get("data"), [(f.filename, len(f.data)) for f in call.files], 0, None, now,
        now - rec.dispatched_at,
    )  # fmt: skip
    rec.attempts.append(attempt)
    try:
        status, resp = _callback(s, rec, body, call, attempt)
    except ApiError as e:
        attempt.status, attempt.code = e.status, e.code
        raise
    attempt.status = status
    rec.callbacks.append(attempt)
    s.notify()
    if not _truthy(call.query.get("with_response")):
        return 204, None
    return 200, resp


def _callback(
    s: DiscordStandIn, rec: InteractionRecord, body: dict[str, Any], call: Call, attempt: CallbackRecord
) -> Result:
    if rec.callbacks:
        raise ApiError(400, 40060, "Interaction has already been acknowledged.")
    if attempt.elapsed > s.interaction_timeout:
        raise ApiError(404, 10062, "Unknown interaction")
    ctype = body.get("type")
    allowed = ALLOWED.get(rec.type, set())
    if rec.type == 5 and rec.message is None:
        allowed = allowed - {6, 7}
    if ctype not in allowed:
        choices = ", ".join(str(a) for a in sorted(allowed))
        raise form_error(field_errors(("type", "BASE_TYPE_CHOICES", f"Value must be one of {{{choices}}}.")))
    data = body.get("data") or {}
    inter = {"id": str(rec.id), "type": rec.type}
    resource: dict[str, Any] = {"type": ctype}
    if ctype in (4, 5):
        if ctype == 4:
            validate.message(data, call.files, prefix="data.", max_file_size=s.rest.max_file_size)
        elif call.files:
            raise form_error(field_errors(("data", "BASE_TYPE_INVALID", "Deferred responses cannot carry files")))
        msg = _reply(s, rec, data, call, loading=ctype == 5)
        rec.original = msg
        M.announce_create(s, msg)
        inter.update(
            response_message_id=str(msg.id),
            response_message_loading=ctype == 5,
            response_message_ephemeral=msg.ephemeral,
        )
        resource["message"] = P.message(msg, s.world, s.cdn)
    elif ctype in (6, 7):
        target = rec.message
        assert target is not None
        rec.original = target
        if ctype == 7:
            validate.message(data, call.files, prefix="data.", max_file_size=s.rest.max_file_size, edit=True)
            M.apply_edit(s, target, data, call.files)
            M.announce_update(s, target)
            resource["message"] = P.message(target, s.world, s.cdn)
        inter.update(response_message_id=str(target.id), response_message_ephemeral=target.ephemeral)
    elif ctype == 8:
        validate.choices(data)
        rec.choices = data["choices"]
    elif ctype == 9:
        validate.modal(data)
        rec.modal = {**data, "components": comp.assign_ids(copy.deepcopy(data.get("components") or []))}
    return 200, {"interaction": inter, "resource": resource}


# ------------------------------------------------------------------------- webhook side
def _by_token(s: DiscordStandIn, call: Call) -> InteractionRecord:
    if call.id("webhook_id") != s.world.application_id:
        raise ApiError(404, 10015, "Unknown Webhook")
    rec = s.interactions_by_token.get(call.params["token"])
    if rec is None:
        raise ApiError(404, 10015, "Unknown Webhook")
    if s.world.clock.now() - rec.dispatched_at > s.interaction_token_ttl:
        raise ApiError(401, 50027, "Invalid Webhook Token")
    return rec


def _target(s: DiscordStandIn, rec: InteractionRecord, call: Call) -> Message:
    mid = call.params.get("message_id")
    if mid is None:
        msg = rec.original
    else:
        msg = next((m for m in [rec.original, *rec.followups] if m is not None and m.id == int(mid)), None)
    if msg is None or msg.deleted:
        raise ApiError(404, 10008, "Unknown Message")
    return msg


@route("GET", "/webhooks/{webhook_id}/{token}/messages/@original", auth=False, interaction=True)
@route("GET", "/webhooks/{webhook_id}/{token}/messages/{message_id}", auth=False, interaction=True)
async def get_webhook_message(s: DiscordStandIn, call: Call) -> Result:
    rec = _by_token(s, call)
    return 200, P.message(_target(s, rec, call), s.world, s.cdn)


@route("PATCH", "/webhooks/{webhook_id}/{token}/messages/@original", auth=False, interaction=True)
@route("PATCH", "/webhooks/{webhook_id}/{token}/messages/{message_id}", auth=False, interaction=True)
async def edit_webhook_message(s: DiscordStandIn, call: Call) -> Result:
    rec = _by_token(s, call)
    msg = _target(s, rec, call)
    data = call.json if isinstance(call.json, dict) else {}
    validate.message(data, call.files, max_file_size=s.rest.max_file_size, edit=True)
    M.apply_edit(s, msg, data, call.files)
    msg.flags &= ~FLAG_LOADING
    M.announce_update(s, msg)
    return 200, P.message(msg, s.world, s.cdn)


@route("DELETE", "/webhooks/{webhook_id}/{token}/messages/@original", auth=False, interaction=True)
@route("DELETE", "/webhooks/{webhook_id}/{token}/messages/{message_id}", auth=False, interaction=True)
async def delete_webhook_message(s: DiscordStandIn, call: Call) -> Result:
    rec = _by_token(s, call)
    msg = _target(s, rec, call)
    msg.deleted = True
    M.announce_delete(s, msg)
    return 204, None


@route("POST", "/webhooks/{webhook_id}/{token}", auth=False, interaction=True)
async def followup(s: DiscordStandIn, call: Call) -> Result:
    rec = _by_token(s, call)
    if not rec.acknowledged:
        raise ApiError(404, 10015, "Unknown Webhook")
    data = call.json if isinstance(call.json, dict) else {}
    validate.message(data, call.files, max_file_size=s.rest.max_file_size)
    original = rec.original
    if original is not None and original.loading and not rec.followups and rec.callback_type == 5:
        # Discord: the first followup after a deferred response completes the loading message
        # (keeping the deferral's ephemerality).
        M.apply_edit(s, original, data, call.files)
        original.flags &= ~FLAG_LOADING
        rec.followups.append(original)
        M.announce_update(s, original)
        msg = original
    else:
        msg = _reply(s, rec, data, call, loading=False)
        msg.type = 0 if rec.type != 2 else 20
        rec.followups.append(msg)
        M.announce_create(s, msg)
    s.notify()
    if not _truthy(call.query.get("wait", "0")):
        return 204, None
    return 200, P.message(msg, s.world, s.cdn)
