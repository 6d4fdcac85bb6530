"""Settings: read once from the environment into one validated, frozen object.

Nothing here runs at import time; ``load_settings`` is called by ``bot.__main__`` and the
result is passed to everything that needs it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot.db.dialect import UrlError, check_url, describe_url, mask_url

# A bot token is three base64url parts joined by dots (user id, timestamp, HMAC).
# Checking the shape catches the common mistakes (a client secret, a pasted "Bot " prefix,
# quotes, a trailing newline) before Discord answers 401.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_LOG_FORMATS = ("text", "json")


class ConfigError(Exception):
    """A setting is missing or wrong. The message is one line a person can act on."""


class DatabaseUrl:
    """HANDOUT_DATABASE_URL. Shown everywhere (repr, str, logs) with its password masked; only
    ``secret`` is the URL itself, for the driver."""

    def __init__(self, url: str) -> None:
        self.secret = url

    def __repr__(self) -> str:
        return f"DatabaseUrl({mask_url(self.secret)!r})"

    def __str__(self) -> str:
        return mask_url(self.secret)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DatabaseUrl) and other.secret == self.secret

    def __hash__(self) -> int:
        return hash(self.secret)

    @property
    def password(self) -> str:
        return urlsplit(self.secret).password or ""

    @property
    def described(self) -> str:
        """user@host:port/db"""
        return describe_url(self.secret)


@dataclass(frozen=True)
class Settings:
    # repr=False: the token must never end up in a log line or a traceback.
    token: str = field(repr=False)
    data_dir: Path
    log_level: str = "INFO"
    dev_guild_id: int | None = None
    log_format: str = "text"
    # /metrics and /healthz; None = off (the default: an operator opts in to an open port).
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    # PostgreSQL instead of SQLite under data_dir; None = SQLite.
    database_url: DatabaseUrl | None = None
    # Sharding across processes: None = one process holds Discord's recommended number of shards.
    shard_count: int | None = None
    # This process's shards (a tuple of ids); None = all of ``shard_count``.
    shard_ids: tuple[int, ...] | None = None

    @property
    def in_cluster(self) -> bool:
        """Other processes hold some of the shards: what they see is shared through the database."""
        return self.shard_count is not None and self.shard_ids is not None and len(self.shard_ids) < self.shard_count

    @property
    def holds_shard_0(self) -> bool:
        """Discord sends every DM to shard 0 only: its process answers DMs and syncs commands."""
        return self.shard_ids is None or 0 in self.shard_ids

    @property
    def database_path(self) -> Path:
        return self.data_dir / "handout.db"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"


def _read_token(env: Mapping[str, str]) -> str:
    raw = env.get("DISCORD_TOKEN", "")
    token = raw.strip()
    if not token:
        raise ConfigError(
            "DISCORD_TOKEN is not set: copy .env.example to .env and paste the bot token from "
            "the Discord Developer Portal (Bot > Reset Token)."
        )
    if token.lower().startswith("bot "):
        raise ConfigError('DISCORD_TOKEN starts with "Bot ": paste the token alone, without the prefix.')
    if token[0] in "\"'" or token[-1] in "\"'":
        raise ConfigError("DISCORD_TOKEN is wrapped in quotes: remove them.")
    if not _TOKEN_SHAPE.match(token):
        raise ConfigError(
            "DISCORD_TOKEN does not look like a bot token (three parts separated by dots): copy it "
            "again from the Developer Portal, Bot page; the client secret and public key are not the token."
        )
    return token


def _read_data_dir(env: Mapping[str, str]) -> Path:
    raw = env.get("HANDOUT_DATA_DIR", "").strip() or "./data"
    return Path(raw).expanduser()


def _read_log_level(env: Mapping[str, str]) -> str:
    raw = env.get("HANDOUT_LOG_LEVEL", "").strip() or "INFO"
    level = raw.upper()
    if level == "WARN":
        level = "WARNING"
    if level not in _LOG_LEVELS:
        raise ConfigError(f"HANDOUT_LOG_LEVEL={raw!r} is not a log level: use one of {', '.join(_LOG_LEVELS)}.")
    return level


def _read_dev_guild(env: Mapping[str, str]) -> int | None:
    raw = env.get("HANDOUT_DEV_GUILD", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 15 <= len(raw) <= 21:
        raise ConfigError(
            f"HANDOUT_DEV_GUILD={raw!r} is not a guild id: right-click the server in Discord "
            "(Developer Mode on) > Copy Server ID, or leave it empty to sync commands globally."
        )
    return int(raw)


def _read_log_format(env: Mapping[str, str]) -> str:
    raw = env.get("HANDOUT_LOG_FORMAT", "").strip() or "text"
    if raw.lower() not in _LOG_FORMATS:
        raise ConfigError(f"HANDOUT_LOG_FORMAT={raw!r} is not a log format: use text (the default) or json.")
    return raw.lower()


def _read_metrics_port(env: Mapping[str, str]) -> int | None:
    raw = env.get("HANDOUT_METRICS_PORT", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ConfigError(
            f"HANDOUT_METRICS_PORT={raw!r} is not a TCP port: use a number from 1 to 65535, "
            "or leave it empty to serve no metrics."
        )
    return int(raw)


def _read_metrics_host(env: Mapping[str, str]) -> str:
    raw = env.get("HANDOUT_METRICS_HOST", "").strip() or "127.0.0.1"
    if not re.fullmatch(r"[A-Za-z0-9.:_-]+", raw):
        raise ConfigError(
            f"HANDOUT_METRICS_HOST={raw!r} is not a host or address: use e.g. 127.0.0.1 (the default) or 0.0.0.0."
        )
    return raw


def _read_shards(env: Mapping[str, str]) -> tuple[int | None, tuple[int, ...] | None]:
    raw_count = env.get("HANDOUT_SHARD_COUNT", "").strip()
    raw_ids = env.get("HANDOUT_SHARD_IDS", "").strip()
    if not raw_count:
        if raw_ids:
            raise ConfigError(
                f"HANDOUT_SHARD_IDS={raw_ids!r} needs HANDOUT_SHARD_COUNT, the total number of shards of all processes."
            )
        return None, None
    if not raw_count.isdigit() or not 1 <= int(raw_count) <= 10000:
        raise ConfigError(f"HANDOUT_SHARD_COUNT={raw_count!r} is not a shard count: use a whole number of 1 or more.")
    count = int(raw_count)
    if not raw_ids:
        return count, None
    ids: set[int] = set()
    for part in raw_ids.split(","):
        bounds = part.strip().split("-")
        if len(bounds) > 2 or not all(b.strip().isdigit() for b in bounds) or int(bounds[0]) > int(bounds[-1]):
            raise ConfigError(
                f"HANDOUT_SHARD_IDS={raw_ids!r} is not a list of shards: use e.g. 1, 0-3 or 0,2"
                " (or leave it empty for all)."
            )
        ids.update(range(int(bounds[0]), int(bounds[-1]) + 1))
    if max(ids) >= count:
        raise ConfigError(
            f"HANDOUT_SHARD_IDS={raw_ids!r} names shard {max(ids)}, but shards are numbered 0 to {count - 1} "
            f"(HANDOUT_SHARD_COUNT={count})."
        )
    return count, tuple(sorted(ids))


def _read_database_url(env: Mapping[str, str]) -> DatabaseUrl | None:
    raw = env.get("HANDOUT_DATABASE_URL", "").strip()
    if not raw:
        return None
    try:
        return DatabaseUrl(check_url(raw))
    except UrlError as exc:
        raise ConfigError(
            f"HANDOUT_DATABASE_URL {exc}; the form is postgresql://user:password@host:5432/dbname, "
            "or leave it empty for SQLite under HANDOUT_DATA_DIR."
        ) from None


def load_settings(env: Mapping[str, str] | None = None, *, require_token: bool = True) -> Settings:
    """Build Settings from ``env`` (default: the process environment, after .env was loaded)."""
    env = os.environ if env is None else env
    token = _read_token(env) if require_token else env.get("DISCORD_TOKEN", "").strip()
    shard_count, shard_ids = _read_shards(env)
    return Settings(
        token=token,
        data_dir=_read_data_dir(env),
        log_level=_read_log_level(env),
        dev_guild_id=_read_dev_guild(env),
        log_format=_read_log_format(env),
        metrics_port=_read_metrics_port(env),
        metrics_host=_read_metrics_host(env),
        shard_count=shard_count,
        shard_ids=shard_ids,
        database_url=_read_database_url(env),
    )


def prepare_data_dir(settings: Settings) -> None:
    """Create the data dir and its files dir, and prove we can write there."""
    try:
        settings.files_dir.mkdir(parents=True, exist_ok=True)
        # One probe per process: processes of a cluster share the data dir and start together.
        probe = settings.data_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"HANDOUT_DATA_DIR={str(settings.data_dir)!r} is not writable ({exc.strerror or exc}): "
            "point it at a folder this user can write to."
        ) from None


class TokenRedactingFilter(logging.Filter):
    """Last line of defence: replace the token in any log record that somehow contains it."""

    def __init__(self, token: str, label: str = "[token]") -> None:
        super().__init__()
        self._token = token
        self._label = label

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._token:
            return True
        if self._token in record.getMessage():
            record.msg = record.getMessage().replace(self._token, self._label)
            record.args = None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text once set: the traceback is redacted for every format.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self._token in record.exc_text:
            record.exc_text = record.exc_text.replace(self._token, self._label)
        return True
