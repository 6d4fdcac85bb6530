"""User stories for the creator's resource library, through the real bot and discord.py."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import pytest

from tests.e2e.standin import interactions as standin_interactions
from tests.e2e.standin.interactions import DriverError
from tests.e2e.stories import PDF, add_resource, rows, stored_files, value


async def test_creator_adds_a_resource_with_a_file(standin, scene, bot_process) -> None:
    bot = await bot_process()
    reply = await add_resource(standin, scene, note="Made this for you!")
    assert "The weekly checklist" in reply.content
    assert "Weekly_Checklist.pdf" in reply.content
    [(name, owner, file_name, size, sha)] = rows(
        bot, "SELECT name, owner_id, file_name, file_size, file_sha256 FROM resources"
    )
    assert (name, owner, file_name, size) == ("checklist", scene.creator_user.id, "Weekly_Checklist.pdf", len(PDF))
    assert stored_files(bot)[sha] == PDF
    assert sha == hashlib.sha256(PDF).hexdigest()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"name": "Weekly Checklist", "url": "https://e.com/x"}, "`name` may contain only lowercase letters"),
        ({"name": "ok", "url": "http://e.com/x"}, "`url` must be a full https:// link"),
        ({"name": "ok"}, "Give a `file`, a `url` or both"),
        ({"name": "ok", "url": "https://e.com", "file": ("empty.pdf", b"")}, "`file` is empty"),
    ],
)
async def test_bad_input_gets_a_private_error_naming_the_field(standin, scene, bot_process, options, expected) -> None:
    bot = await bot_process()
    inter = await standin.slash(scene.creator, scene.general, "resource add", title="T", **options)
    reply = await inter.response(timeout=10)
    assert reply.ephemeral
    assert expected in reply.content
    assert value(bot, "SELECT COUNT(*) FROM resources") == 0
    assert not stored_files(bot)


async def test_file_over_ten_mib_is_refused_without_storing(standin, scene, bot_process, monkeypatch) -> None:
    # In a boosted server a member may upload 50 MiB; the bot can still only send 10 MiB in a DM.
    monkeypatch.setattr(standin_interactions, "ATTACHMENT_SIZE_LIMIT", 50 * 1024 * 1024)
    bot = await bot_process()
    big = b"x" * (10 * 1024 * 1024 + 1)
    inter = await standin.slash(
        scene.creator, scene.general, "resource add", name="big", title="Big", file=("b.pdf", big)
    )
    reply = await inter.response(timeout=15)
    assert "larger than 10 MiB" in reply.content and "`url`" in reply.content
    assert value(bot, "SELECT COUNT(*) FROM resources") == 0
    # Refused on the size Discord reports: the bot never downloaded it.
    assert not [r for r in standin.requests if "/attachments/" in r.path]


async def test_name_taken_in_guild(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    inter = await standin.slash(
        scene.creator, scene.general, "resource add", name="checklist", title="Again", url="https://e.com"
    )
    assert "already offers a resource named `checklist`" in (await inter.response(timeout=10)).content


async def test_member_without_manage_server_cannot_see_creator_commands(standin, scene, bot_process) -> None:
    await bot_process()
    await standin.wait_commands("resource")
    [resource_cmd] = [c for c in standin.world.commands.values() if c.name == "resource"]
    assert resource_cmd.default_member_permissions == str(1 << 5)  # Manage Server
    with pytest.raises(DriverError):
        await standin.slash(scene.member, scene.general, "resource add", name="x", title="x", url="https://e.com")


async def test_edit_replaces_the_file_and_drops_the_old_one(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    old_sha = value(bot, "SELECT file_sha256 FROM resources")
    new = b"%PDF-1.4 version two"
    inter = await standin.slash(
        scene.creator, scene.general, "resource edit", name="checklist", file=("v2.pdf", new), title="Checklist v2"
    )
    reply = await inter.response(timeout=10)
    assert "Checklist v2" in reply.content and "v2.pdf" in reply.content
    new_sha = value(bot, "SELECT file_sha256 FROM resources WHERE name = 'checklist'")
    assert new_sha == hashlib.sha256(new).hexdigest()
    assert old_sha not in stored_files(bot)


async def test_edit_with_nothing_to_change(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    inter = await standin.slash(scene.creator, scene.general, "resource edit", name="checklist")
    assert "Nothing to change" in (await inter.response(timeout=10)).content


async def test_remove_asks_then_archives_keeping_history(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    ask = await (await standin.slash(scene.creator, scene.general, "resource remove", name="checklist")).response()
    assert ask.ephemeral and "Stop offering" in ask.content
    cancel = await (await standin.click(scene.creator, ask, "Cancel")).response()
    assert "Nothing was removed" in cancel.content
    assert value(bot, "SELECT archived_at FROM resources") is None

    ask = await (await standin.slash(scene.creator, scene.general, "resource remove", name="checklist")).response()
    done = await (await standin.click(scene.creator, ask, "Remove")).response()
    assert "Removed **The weekly checklist**" in done.content
    assert value(bot, "SELECT archived_at FROM resources") is not None
    listing = await (await standin.slash(scene.creator, scene.general, "resource list")).response()
    assert "no resources yet" in listing.text


async def test_list_shows_owner_file_and_pings_nobody(standin, scene, bot_process) -> None:
    await bot_process()
    await add_resource(standin, scene)
    await add_resource(standin, scene, name="guide", title="The guide", url="https://example.com/guide")
    inter = await standin.slash(scene.creator, scene.general, "resource list")
    reply = await inter.response(timeout=10)
    assert reply.ephemeral
    text = reply.text
    assert "Weekly_Checklist.pdf" in text and "10.0 KiB" in text
    assert "https://example.com/guide" in text
    assert f"<@{scene.creator_user.id}>" in text
    assert "delivered 0×" in text
    assert reply.message.pings == []


async def test_restart_does_not_resync_unchanged_commands(standin, scene, bot_process) -> None:
    bot = await bot_process()
    syncs = len(standin.requests_to("PUT"))
    assert syncs == 1
    await bot.restart()
    await add_resource(standin, scene)  # the restarted bot still answers
    assert len(standin.requests_to("PUT")) == syncs


async def test_sigterm_shuts_down_cleanly(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    assert await bot.stop() == 0
    log = bot.log_text()
    assert "Shutting down: closing the gateway, then the database" in log
    assert "Traceback" not in log
    if bot.database_url is None:  # SQLite: the file is whole and the WAL folded back into it
        assert rows(bot, "PRAGMA integrity_check") == [("ok",)]
        assert not (bot.data_dir / "handout.db-wal").exists() or (bot.data_dir / "handout.db-wal").stat().st_size == 0
    else:  # PostgreSQL: the bot closed its connections, and named the database without its password
        assert rows(bot, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()") == [(1,)]
        password = urlsplit(bot.database_url).password
        assert password and password not in log
        assert f"Database: PostgreSQL {urlsplit(bot.database_url).username}@127.0.0.1" in log
    assert standin.token not in log


def test_unreachable_discord_is_one_clear_line(tmp_path) -> None:
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HANDOUT_"))}
    env |= {
        "HANDOUT_TEST_STANDIN": f"http://127.0.0.1:{port}",
        "DISCORD_TOKEN": "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz012345",
        "HANDOUT_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, str(repo / "tests/e2e/launch_bot.py")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("handout: cannot reach Discord")
    assert "Traceback" not in result.stderr
