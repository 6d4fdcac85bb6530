"""Everything that differs between the SQLite and the PostgreSQL dialect, in one place.

The SQL in bot/db is written once, in the subset both databases share, with SQLite's ``?`` and
``:name`` placeholders. For PostgreSQL it is rewritten here, mechanically, so a new statement
ports without a second copy: placeholders become ``$n``, Python booleans become 0/1 (the columns
are integers on both), and the column types of a migration become PostgreSQL's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

_IDENT_START = re.compile(r"[A-Za-z_]")
_IDENT = re.compile(r"[A-Za-z0-9_]*")


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """``sql`` with ``?`` / ``:name`` turned into ``$1, $2 ...``; and the parameter names in order
    (None for positional ``?``). Quoted strings, quoted identifiers, comments and ``::`` casts are
    left alone."""
    out: list[str] = []
    names: list[str] = []
    positional = 0
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:  # a doubled quote inside the literal
                        end += 2
                        continue
                    break
                end += 1
            out.append(sql[i : end + 1])
            i = end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif ch == "?":
            positional += 1
            out.append(f"${positional}")
            i += 1
        elif ch == ":" and sql.startswith("::", i):
            out.append("::")
            i += 2
        elif ch == ":" and i + 1 < n and _IDENT_START.match(sql[i + 1]):
            end = _IDENT.match(sql, i + 1).end()  # type: ignore[union-attr]
            name = sql[i + 1 : end]
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
            i += 1 + len(name)
        else:
            out.append(ch)
            i += 1
    if positional and names:
        raise ValueError("a statement mixes ? and :name placeholders")
    return "".join(out), (tuple(names) if names else None)


def _value(value: Any) -> Any:
    # SQLite stores True as 1; the columns are integers on PostgreSQL too.
    return int(value) if isinstance(value, bool) else value


def arguments(names: tuple[str, ...] | None, params: Sequence[Any] | Mapping[str, Any]) -> list[Any]:
    if names is None:
        return [_value(v) for v in params]
    assert isinstance(params, Mapping), "a statement with :name placeholders takes a dict"
    return [_value(params[name]) for name in names]


# A claim's row-picking SELECT ends with this on PostgreSQL (see bot/db/cluster.skip_locked).
SKIP_LOCKED = " FOR UPDATE SKIP LOCKED"
# A row a statement reads stays as read until COMMIT: an UPDATE of it by another transaction waits
# (see bot/db/cluster.share_lock). SQLite needs none: one writer at a time.
SHARE_LOCK = " FOR SHARE OF {table}"


# The locks of transactions marked ``locks_for_itself`` (bot/db/database.py), taken in the order
# given (sorted: two groups taking overlapping locks cannot deadlock) and held until COMMIT.
def advisory_locks(keys: Sequence[int]) -> str:
    """One statement taking the advisory locks ``keys`` (held to COMMIT), with the keys written in:
    it goes in one simple query with BEGIN, and a simple query takes no parameters. Only integers
    go in (``int()`` refuses anything else)."""
    array = ",".join(str(int(key)) for key in keys)
    return f"SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[{array}]::bigint[]) AS k"


def advisory_key(key: tuple) -> int:
    """A lock's key as PostgreSQL's 64-bit advisory lock id, the same in every process (two keys
    sharing one only wait for each other)."""
    return int.from_bytes(hashlib.blake2b(repr(key).encode(), digest_size=8).digest(), "big", signed=True)


def rowcount(status: str) -> int:
    """Rows changed, from asyncpg's command status: "INSERT 0 1", "UPDATE 3", "DELETE 0", "SELECT 2"."""
    last = status.rsplit(" ", 1)[-1] if status else ""
    return int(last) if last.isdigit() else -1


def numeric(text: str) -> int | float:
    """SUM() of integers is NUMERIC on PostgreSQL (Decimal in Python) but an integer on SQLite."""
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


# Migrations: SQLite's INTEGER holds 64 bits; PostgreSQL's holds 32, too few for a Discord id or a
# time after 2038. A surrogate key ``id INTEGER PRIMARY KEY`` (SQLite's rowid) is an identity.
_ROWID = re.compile(r"\bid(\s+)INTEGER\s+PRIMARY\s+KEY\b", re.IGNORECASE)
_INTEGER = re.compile(r"\bINTEGER\b", re.IGNORECASE)
_BLOB = re.compile(r"\bBLOB\b", re.IGNORECASE)


def migration_sql(sql: str) -> str:
    sql = _ROWID.sub(r"id\1BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    sql = _INTEGER.sub("BIGINT", sql)
    return _BLOB.sub("BYTEA", sql)


# -- the connection URL --

_SCHEMES = ("postgresql", "postgres")


class UrlError(ValueError):
    """The URL is malformed; the message says what to fix and never contains the password."""


def mask_url(url: str) -> str:
    """The URL with its password replaced by ***, for every log line and message."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:
        return "(unreadable URL, not shown)"


def describe_url(url: str) -> str:
    """user@host:port/db, for `check` and logs."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"{user}{parts.hostname}{port}{parts.path}"


def check_url(url: str) -> str:
    """Validate a postgresql:// URL; return it unchanged or raise UrlError."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise UrlError(f"{mask_url(url)!r} is not a valid URL (check the port)") from None
    if parts.scheme not in _SCHEMES:
        raise UrlError(f"{mask_url(url)!r} must start with postgresql:// (or postgres://)")
    if not parts.hostname:
        raise UrlError(f"{mask_url(url)!r} names no host: use postgresql://user:password@host:5432/dbname")
    if not parts.path.strip("/"):
        raise UrlError(f"{mask_url(url)!r} names no database: add /dbname after the host")
    return url
