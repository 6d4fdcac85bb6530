"""Log output: plain text for people (the default), or one JSON object a line for machines.

JSON lines carry the time, level, logger and message, plus the ids a line is about when the
code passes them as ``extra`` (``log.info("...", extra={"guild_id": ...})``) or when they are
arguments named in the message. The token never reaches either format: the redacting filter sits
on the handler, before any formatter.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from bot.config import TokenRedactingFilter

TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# Keys a log call may pass in ``extra`` that are worth a field of their own.
ID_FIELDS = ("guild_id", "member_id", "user_id", "resource_id", "delivery_id", "message_id", "channel_id", "shard_id")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ID_FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = str(value)  # ids as strings: they exceed JavaScript's safe integers
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str, token: str = "", fmt: str = "text", database_password: str = "") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(TokenRedactingFilter(token))
    # The password of HANDOUT_DATABASE_URL, in case a driver error ever quotes it.
    handler.addFilter(TokenRedactingFilter(database_password, "[password]"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # discord.py's DEBUG output is every gateway event; keep it at INFO unless asked explicitly.
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))
    # aiosqlite logs every statement with its parameters at DEBUG, interaction tokens included.
    logging.getLogger("aiosqlite").setLevel(max(logging.getLevelName(level), logging.INFO))
