"""Running Handout as a service: invite link, settings for logs and metrics, JSON logs, units."""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.config import ConfigError, TokenRedactingFilter, load_settings
from bot.ops.invite import PERMISSIONS, InviteError, application_id, invite_url
from bot.ops.logs import JsonFormatter
from tests.test_config import TOKEN, run_cli

REPO = Path(__file__).resolve().parents[1]
APP_ID = 1098765432109876543  # the id in TOKEN's first part


def _query(url: str) -> dict[str, list[str]]:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "discord.com", "/oauth2/authorize")
    return parse_qs(parts.query)


def test_permissions_are_the_readmes_table() -> None:
    # View Channels, Send Messages, Embed Links, Attach Files; nothing more.
    assert PERMISSIONS == 52224 == 1024 + 2048 + 16384 + 32768
    assert "52224" in (REPO / "README.md").read_text(encoding="utf-8")


def test_application_id_comes_from_the_token() -> None:
    assert application_id(TOKEN) == APP_ID
    other = base64.urlsafe_b64encode(b"123456789012345678").decode().rstrip("=") + ".abcd.efghijklmnopqrstuvwxyz"
    assert application_id(other) == 123456789012345678


@pytest.mark.parametrize("token", ["notbase64!.a.b", base64.b64encode(b"hello world").decode() + ".a.b", ".a.b"])
def test_a_token_without_an_id_is_refused(token: str) -> None:
    with pytest.raises(InviteError):
        application_id(token)


def test_invite_cli_prints_the_install_link(tmp_path: Path) -> None:
    result = run_cli(["invite"], {"DISCORD_TOKEN": TOKEN}, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    query = _query(lines[0])
    assert query == {"client_id": [str(APP_ID)], "scope": ["bot applications.commands"], "permissions": ["52224"]}
    assert TOKEN not in result.stdout + result.stderr
    assert not (tmp_path / "data").exists()  # offline: no data dir, no database, no Discord


def test_invite_cli_preselects_a_guild(tmp_path: Path) -> None:
    result = run_cli(["invite", "--guild", "223456789012345678"], {"DISCORD_TOKEN": TOKEN}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert _query(result.stdout.strip())["guild_id"] == ["223456789012345678"]


@pytest.mark.parametrize(("args", "env"), [(["invite", "--guild", "abc"], {"DISCORD_TOKEN": TOKEN}), (["invite"], {})])
def test_invite_cli_errors_are_one_line(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    result = run_cli(args, env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_invite_url_encodes_the_scopes() -> None:
    url = invite_url(APP_ID)
    assert "scope=bot+applications.commands" in url and "guild_id" not in url


# -- settings --


def test_ops_settings_defaults() -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN})
    assert (settings.log_format, settings.metrics_port, settings.metrics_host) == ("text", None, "127.0.0.1")


def test_ops_settings_values() -> None:
    env = {"DISCORD_TOKEN": TOKEN, "HANDOUT_LOG_FORMAT": "JSON", "HANDOUT_METRICS_PORT": "9464"}
    settings = load_settings({**env, "HANDOUT_METRICS_HOST": "0.0.0.0"})
    assert (settings.log_format, settings.metrics_port, settings.metrics_host) == ("json", 9464, "0.0.0.0")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("HANDOUT_LOG_FORMAT", "xml", "HANDOUT_LOG_FORMAT"),
        ("HANDOUT_METRICS_PORT", "0", "HANDOUT_METRICS_PORT"),
        ("HANDOUT_METRICS_PORT", "70000", "HANDOUT_METRICS_PORT"),
        ("HANDOUT_METRICS_PORT", "http", "HANDOUT_METRICS_PORT"),
        ("HANDOUT_METRICS_HOST", "a b", "HANDOUT_METRICS_HOST"),
    ],
)
def test_bad_ops_settings_say_what_to_fix(key: str, value: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        load_settings({"DISCORD_TOKEN": TOKEN, key: value})


# -- JSON logs --


def _record(msg: str, *args: object, exc: BaseException | None = None, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("bot.test", logging.WARNING, __file__, 1, msg, args, None)
    if exc is not None:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    record.__dict__.update(extra)
    return record


def test_json_lines_carry_time_level_logger_message_and_ids() -> None:
    line = JsonFormatter().format(_record("Delivered %s", "checklist", guild_id=223456789012345678, delivery_id=7))
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "bot.test"
    assert entry["message"] == "Delivered checklist"
    assert entry["guild_id"] == "223456789012345678" and entry["delivery_id"] == "7"
    assert entry["time"].endswith("+00:00")
    assert "\n" not in line


def test_the_token_never_reaches_a_json_line_or_its_traceback() -> None:
    try:
        raise RuntimeError(f"login with {TOKEN} failed")
    except RuntimeError as exc:
        record = _record("token was %s", TOKEN, exc=exc)
    assert TokenRedactingFilter(TOKEN).filter(record)
    line = JsonFormatter().format(record)
    assert TOKEN not in line
    entry = json.loads(line)
    assert "[token]" in entry["message"] and "[token]" in entry["exception"]


def test_json_logs_from_the_cli(tmp_path: Path) -> None:
    # What the entry point installs, in a process of its own: stderr gets one JSON object a line.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HANDOUT_"))}
    code = (
        "import logging, sys; from bot.ops.logs import setup_logging; "
        f"setup_logging('INFO', {TOKEN!r}, 'json'); logging.getLogger('bot.x').info('hello %s', {TOKEN!r}); "
        "logging.getLogger('bot.x').warning('ids', extra={'guild_id': 1})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60
    )
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["message"] for e in lines] == ["hello [token]", "ids"] and lines[1]["guild_id"] == "1"
    assert TOKEN not in result.stderr


# -- systemd units --

UNITS = ("handout.service", "handout@.service")


def _unit(name: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in (REPO / "deploy" / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


@pytest.mark.parametrize("name", UNITS)
def test_units_restart_on_failure_but_not_after_a_configuration_error(name: str) -> None:
    unit = _unit(name)
    assert unit["Restart"] == ["on-failure"]
    assert unit["RestartPreventExitStatus"] == ["2"]  # bot/__main__.py EXIT_CONFIG
    assert unit["KillSignal"] == ["SIGTERM"] and int(unit["TimeoutStopSec"][0]) >= 10
    assert unit["DynamicUser"] == ["yes"] and unit["User"] == ["handout"]
    assert unit["ProtectSystem"] == ["strict"]  # read-only everywhere but the state directory
    assert unit["StateDirectory"][0].startswith("handout")
    assert any(v.startswith("HANDOUT_DATA_DIR=/var/lib/handout") for v in unit["Environment"])


def test_the_template_runs_one_shard_range_per_instance() -> None:
    unit = _unit("handout@.service")
    assert "HANDOUT_SHARD_IDS=%i" in unit["Environment"]
    assert unit["StateDirectory"] == ["handout/%i"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    # The units name /opt/handout; verify checks that ExecStart exists, so point them at this checkout.
    paths = []
    for name in UNITS:
        text = (REPO / "deploy" / name).read_text(encoding="utf-8")
        text = text.replace("/opt/handout/.venv/bin/python", sys.executable).replace("/opt/handout", str(REPO))
        text = text.replace("EnvironmentFile=/etc/", "EnvironmentFile=-/etc/")  # absent here: optional
        target = tmp_path / (name.replace("@.", "@0-1.") if "@" in name else name)
        target.write_text(text, encoding="utf-8")
        paths.append(str(target))
    result = subprocess.run(
        ["systemd-analyze", "verify", *paths], capture_output=True, text=True, timeout=60, check=False
    )
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "handout" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr
