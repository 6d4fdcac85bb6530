from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, TokenRedactingFilter, load_settings, prepare_data_dir
from bot.db.migrate import load_migrations

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz012345"
LATEST = load_migrations()[-1].version
REPO = Path(__file__).resolve().parents[1]


def test_defaults() -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN})
    assert settings.token == TOKEN
    assert settings.data_dir == Path("data")
    assert settings.database_path == Path("data/handout.db")
    assert settings.log_level == "INFO"
    assert settings.dev_guild_id is None


def test_all_values() -> None:
    settings = load_settings(
        {
            "DISCORD_TOKEN": f"  {TOKEN}\n",
            "HANDOUT_DATA_DIR": "/srv/handout",
            "HANDOUT_LOG_LEVEL": "debug",
            "HANDOUT_DEV_GUILD": "123456789012345678",
        }
    )
    assert settings.token == TOKEN
    assert settings.data_dir == Path("/srv/handout")
    assert settings.log_level == "DEBUG"
    assert settings.dev_guild_id == 123456789012345678


def test_token_never_in_repr() -> None:
    assert TOKEN not in repr(load_settings({"DISCORD_TOKEN": TOKEN}))


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "DISCORD_TOKEN is not set"),
        ({"DISCORD_TOKEN": "   "}, "DISCORD_TOKEN is not set"),
        ({"DISCORD_TOKEN": f"Bot {TOKEN}"}, 'starts with "Bot "'),
        ({"DISCORD_TOKEN": f'"{TOKEN}"'}, "quotes"),
        ({"DISCORD_TOKEN": "a1b2c3d4e5f6"}, "does not look like a bot token"),
        ({"DISCORD_TOKEN": TOKEN, "HANDOUT_LOG_LEVEL": "loud"}, "HANDOUT_LOG_LEVEL='loud'"),
        ({"DISCORD_TOKEN": TOKEN, "HANDOUT_DEV_GUILD": "my-server"}, "HANDOUT_DEV_GUILD='my-server'"),
        ({"DISCORD_TOKEN": TOKEN, "HANDOUT_DEV_GUILD": "12"}, "is not a guild id"),
    ],
)
def test_bad_values_say_what_to_fix(env: dict[str, str], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message
    assert TOKEN not in message


def test_unwritable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = load_settings({"DISCORD_TOKEN": TOKEN, "HANDOUT_DATA_DIR": str(blocker / "data")})
    with pytest.raises(ConfigError, match="HANDOUT_DATA_DIR=.* is not writable"):
        prepare_data_dir(settings)


def test_prepare_creates_files_dir(tmp_path: Path) -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN, "HANDOUT_DATA_DIR": str(tmp_path / "new")})
    prepare_data_dir(settings)
    assert settings.files_dir.is_dir()


def test_log_filter_redacts_token() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "connecting with %s", (TOKEN,), None)
    TokenRedactingFilter(TOKEN).filter(record)
    assert TOKEN not in record.getMessage()
    assert "[token]" in record.getMessage()


def run_cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HANDOUT_"))}
    clean["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_bad_token_one_line_no_traceback(tmp_path: Path) -> None:
    result = run_cli([], {"DISCORD_TOKEN": "Bot abc.def.ghi"}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert "abc.def.ghi" not in result.stderr + result.stdout


def test_cli_reads_dotenv_and_check_migrates(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\nHANDOUT_DATA_DIR=./store\n")
    first = run_cli(["check"], {}, tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"migrated 0 -> {LATEST}" in first.stdout
    assert TOKEN not in first.stdout + first.stderr
    assert (tmp_path / "store" / "handout.db").is_file()
    second = run_cli(["check"], {}, tmp_path)
    assert second.returncode == 0
    assert f"version {LATEST} (up to date" in second.stdout


def test_cli_check_unwritable_dir(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("")
    result = run_cli(["check"], {"DISCORD_TOKEN": TOKEN, "HANDOUT_DATA_DIR": str(tmp_path / "blocker" / "d")}, tmp_path)
    assert result.returncode == 2
    assert "is not writable" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_refuses_a_database_newer_than_the_code(tmp_path: Path) -> None:
    env = {"DISCORD_TOKEN": TOKEN, "HANDOUT_DATA_DIR": str(tmp_path / "data")}
    assert run_cli(["check"], env, tmp_path).returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "data" / "handout.db") as conn:
        conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 0)")
    for args in (["check"], []):
        result = run_cli(args, env, tmp_path)
        assert result.returncode == 2
        assert "schema version 999, newer than this Handout" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("count", "ids", "expected"),
    [
        ("", "", (None, None)),
        ("4", "", (4, None)),
        ("2", "1", (2, (1,))),
        ("4", "0-3", (4, (0, 1, 2, 3))),
        ("4", "0,2", (4, (0, 2))),
        ("6", " 4-5, 0 ", (6, (0, 4, 5))),
    ],
)
def test_shards(count: str, ids: str, expected: tuple) -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN, "HANDOUT_SHARD_COUNT": count, "HANDOUT_SHARD_IDS": ids})
    assert (settings.shard_count, settings.shard_ids) == expected
    assert settings.holds_shard_0 == (expected[1] is None or 0 in expected[1])


@pytest.mark.parametrize(
    ("count", "ids", "expected"),
    [
        ("0", "", "HANDOUT_SHARD_COUNT='0'"),
        ("two", "", "HANDOUT_SHARD_COUNT='two'"),
        ("", "0", "needs HANDOUT_SHARD_COUNT"),
        ("2", "2", "numbered 0 to 1"),
        ("4", "3-1", "0-3 or 0,2"),
        ("4", "a", "0-3 or 0,2"),
        ("4", "0-1-2", "0-3 or 0,2"),
    ],
)
def test_bad_shards_say_what_to_fix(count: str, ids: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(expected)):
        load_settings({"DISCORD_TOKEN": TOKEN, "HANDOUT_SHARD_COUNT": count, "HANDOUT_SHARD_IDS": ids})
