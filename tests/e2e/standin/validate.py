"""Discord's body validation for what a bot sends: messages, components, modals,
autocomplete choices and application commands. Violations raise 400/50035 with an
``errors`` object (or the specific code Discord uses, e.g. 50006 for empty messages)."""

from __future__ import annotations

import re
from typing import Any

from . import components as comp
from .model import FLAG_COMPONENTS_V2
from .rest import ApiError, Upload, field_errors, form_error

MAX_CONTENT = 2000
ALLOWED_MESSAGE_FLAGS = (1 << 2) | (1 << 6) | (1 << 12) | (1 << 13) | FLAG_COMPONENTS_V2
_NAME = re.compile(r"^[-_'\w]{1,32}$", re.UNICODE)

Err = tuple[str, str, str]


def _max_len(path: str, value: Any, limit: int, out: list[Err]) -> None:
    if isinstance(value, str) and len(value) > limit:
        out.append((path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length."))


def _raise(errs: list[Err]) -> None:
    if errs:
        raise form_error(field_errors(*errs))


def embeds(items: list[dict[str, Any]], prefix: str, out: list[Err]) -> None:
    if len(items) > 10:
        out.append((f"{prefix}embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."))
    total = 0
    for i, e in enumerate(items):
        p = f"{prefix}embeds.{i}."
        for key, limit in (("title", 256), ("description", 4096)):
            _max_len(p + key, e.get(key), limit, out)
            total += len(e.get(key) or "")
        fields = e.get("fields") or []
        if len(fields) > 25:
            out.append((p + "fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
        for j, f in enumerate(fields):
            for key, limit in (("name", 256), ("value", 1024)):
                if not f.get(key):
                    out.append((f"{p}fields.{j}.{key}", "BASE_TYPE_REQUIRED", "This field is required"))
                _max_len(f"{p}fields.{j}.{key}", f.get(key), limit, out)
                total += len(f.get(key) or "")
        _max_len(p + "footer.text", (e.get("footer") or {}).get("text"), 2048, out)
        _max_len(p + "author.name", (e.get("author") or {}).get("name"), 256, out)
        total += len((e.get("footer") or {}).get("text") or "") + len((e.get("author") or {}).get("name") or "")
    if total > 6000:
        out.append((f"{prefix}embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"))


def _button(c: dict[str, Any], p: str, out: list[Err]) -> None:
    style = c.get("style")
    if style not in (1, 2, 3, 4, 5, 6):
        out.append((p + "style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}."))
    if style == 5:
        if not c.get("url"):
            out.append((p + "url", "BASE_TYPE_REQUIRED", "This field is required"))
        if c.get("custom_id"):
            out.append((p + "custom_id", "COMPONENT_LINK_BUTTON_CUSTOM_ID", "Link buttons cannot have a custom id"))
    elif style != 6 and not c.get("custom_id"):
        out.append((p + "custom_id", "BASE_TYPE_REQUIRED", "A custom id is required"))
    if style != 6 and not c.get("label") and not c.get("emoji"):
        out.append((p + "label", "BASE_TYPE_REQUIRED", "A label or an emoji is required"))
    _max_len(p + "label", c.get("label"), 80, out)


def _select(c: dict[str, Any], p: str, out: list[Err]) -> None:
    _max_len(p + "placeholder", c.get("placeholder"), 150, out)
    if c.get("type") == 3:
        opts = c.get("options") or []
        if not 1 <= len(opts) <= 25:
            out.append((p + "options", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length."))
        for j, o in enumerate(opts):
            _max_len(f"{p}options.{j}.label", o.get("label"), 100, out)
            _max_len(f"{p}options.{j}.value", o.get("value"), 100, out)


def components(items: list[dict[str, Any]], flags: int, prefix: str, out: list[Err]) -> None:
    v2 = bool(flags & FLAG_COMPONENTS_V2)
    if not v2:
        if len(items) > 5:
            out.append((f"{prefix}components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length."))
        for i, row in enumerate(items):
            if row.get("type") != 1:
                out.append((f"{prefix}components.{i}.type", "UNION_TYPE_CHOICES", "Value of field must be 1"))
                continue
            kids = row.get("components") or []
            if not 1 <= len(kids) <= 5:
                out.append(
                    (f"{prefix}components.{i}.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
                )
            if any(k.get("type") in comp.SELECT_TYPES for k in kids) and len(kids) > 1:
                out.append((f"{prefix}components.{i}.components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Too wide"))
    elif sum(1 for _ in comp.walk(items)) > 40:
        out.append((f"{prefix}components", "COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED", "Too many components (40)"))
    seen: set[str] = set()
    for c in comp.walk(items):
        p = f"{prefix}components."
        if c.get("type") == 2:
            _button(c, p, out)
        elif c.get("type") in comp.SELECT_TYPES:
            _select(c, p, out)
        cid = c.get("custom_id")
        if cid is not None:
            _max_len(p + "custom_id", cid, 100, out)
            if cid in seen:
                out.append(
                    (p + "custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
                )
            seen.add(cid)


def message(
    data: dict[str, Any], files: list[Upload], *, prefix: str = "", max_file_size: int, edit: bool = False
) -> None:
    """Validate a message create/edit body (also interaction response ``data``)."""
    out: list[Err] = []
    if not isinstance(data, dict):
        raise form_error(field_errors(("_", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")))
    for f in files:
        if len(f.data) > max_file_size:
            raise ApiError(413, 40005, "Request entity too large")
    if len(files) > 10:
        out.append((f"{prefix}files", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."))
    content = data.get("content")
    if content is not None and not isinstance(content, str):
        out.append((f"{prefix}content", "BASE_TYPE_STRING", "Must be a string."))
    _max_len(f"{prefix}content", content, MAX_CONTENT, out)
    flags = int(data.get("flags") or 0)
    if flags & ~ALLOWED_MESSAGE_FLAGS:
        out.append((f"{prefix}flags", "MESSAGE_FLAGS_INVALID", "Invalid message flags"))
    if flags & FLAG_COMPONENTS_V2 and (content or data.get("embeds")):
        out.append((f"{prefix}content", "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "Cannot use content"))
    embeds(data.get("embeds") or [], prefix, out)
    components(data.get("components") or [], flags, prefix, out)
    indices = {f.index for f in files}
    for i, a in enumerate(data.get("attachments") or []):
        aid = str(a.get("id", ""))
        if aid.isdigit() and int(aid) < 1000 and int(aid) not in indices:
            out.append((f"{prefix}attachments.{i}.id", "ATTACHMENT_NOT_FOUND", f"Attachment {aid} not found"))
    _raise(out)
    empty = not (content or data.get("embeds") or files or data.get("components") or data.get("sticker_ids"))
    empty = empty and not data.get("poll") and not data.get("attachments")
    if empty and not edit:
        raise ApiError(400, 50006, "Cannot send an empty message")


def modal(data: dict[str, Any]) -> None:
    out: list[Err] = []
    title = data.get("title")
    if not title or len(title) > 45:
        out.append(("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length."))
    cid = data.get("custom_id")
    if not cid or len(cid) > 100:
        out.append(("data.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
    items = data.get("components") or []
    if not 1 <= len(items) <= 5:
        out.append(("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."))
    for i, c in enumerate(items):
        if c.get("type") not in (1, 10, 18):
            out.append((f"data.components.{i}.type", "UNION_TYPE_CHOICES", "Value of field must be 1, 10 or 18"))
        if c.get("type") == 18:
            _max_len(f"data.components.{i}.label", c.get("label"), 45, out)
            if not isinstance(c.get("component"), dict):
                out.append((f"data.components.{i}.component", "BASE_TYPE_REQUIRED", "This field is required"))
    for c in comp.walk(items):
        if c.get("type") == 4:
            if c.get("style") not in (1, 2):
                out.append(("data.components.style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2}."))
            _max_len("data.components.label", c.get("label"), 45, out)
            _max_len("data.components.custom_id", c.get("custom_id"), 100, out)
            _max_len("data.components.value", c.get("value"), 4000, out)
    _raise(out)


def choices(data: dict[str, Any]) -> None:
    out: list[Err] = []
    items = data.get("choices")
    if not isinstance(items, list):
        out.append(("data.choices", "BASE_TYPE_REQUIRED", "This field is required"))
        items = []
    if len(items) > 25:
        out.append(("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    for i, ch in enumerate(items):
        name = ch.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            out.append((f"data.choices.{i}.name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
        _max_len(f"data.choices.{i}.value", ch.get("value"), 100, out)
    _raise(out)


def command(data: dict[str, Any], path: str, out: list[Err]) -> None:
    ctype = data.get("type", 1)
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name) or (ctype == 1 and name != name.lower()):
        out.append((path + "name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"))
    desc = data.get("description") or ""
    if ctype == 1 and not 1 <= len(desc) <= 100:
        out.append((path + "description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
    _options(data.get("options") or [], path, out, parent=0)


def _options(options: list[dict[str, Any]], path: str, out: list[Err], parent: int) -> None:
    """``parent``: 0 for the command itself, 1 inside a subcommand, 2 inside a group."""
    if len(options) > 25:
        out.append((path + "options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    names: set[str] = set()
    seen_optional = False
    for i, o in enumerate(options):
        p = f"{path}options.{i}."
        name = o.get("name")
        if not isinstance(name, str) or not _NAME.match(name) or name != name.lower():
            out.append((p + "name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"))
        if name in names:
            out.append((p + "name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique"))
        names.add(name)
        if not 1 <= len(o.get("description") or "") <= 100:
            out.append((p + "description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
        otype = o.get("type")
        bad_nesting = (otype == 2 and parent != 0) or (otype == 1 and parent == 1) or (parent == 2 and otype != 1)
        if bad_nesting:
            out.append((p + "type", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Invalid option nesting"))
        if otype in (1, 2):
            _options(o.get("options") or [], p, out, parent=otype)
            continue
        if o.get("required"):
            if seen_optional:
                out.append(
                    (
                        p + "required",
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    )
                )
        else:
            seen_optional = True
        if len(o.get("choices") or []) > 25:
            out.append((p + "choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
        if o.get("choices") and o.get("autocomplete"):
            out.append(
                (
                    p + "autocomplete",
                    "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
                    "Autocomplete and choices are exclusive",
                )
            )


def commands(items: Any) -> None:
    if not isinstance(items, list):
        raise form_error(field_errors(("_", "BASE_TYPE_ARRAY", "Must be an array")))
    out: list[Err] = []
    seen: set[tuple[str, int]] = set()
    for i, c in enumerate(items):
        command(c, f"{i}.", out)
        key = (c.get("name"), c.get("type", 1))
        if key in seen:
            out.append((f"{i}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"))
        seen.add(key)
    if sum(1 for c in items if c.get("type", 1) == 1) > 100:
        out.append(("_", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."))
    _raise(out)
