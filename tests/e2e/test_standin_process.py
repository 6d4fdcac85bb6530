"""The launcher and BotProcess: start, stop, kill, restart, env plumbing, nothing left behind."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from tests.e2e.standin.process import LAUNCHER

pytestmark = pytest.mark.timeout(30)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_launcher_refuses_to_run_without_the_standin_url():
    env = {k: v for k, v in os.environ.items() if k != "HANDOUT_TEST_STANDIN"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(LAUNCHER), env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 10)
    assert proc.returncode == 1 and b"HANDOUT_TEST_STANDIN" in out


async def test_start_stop_kill_restart_leave_nothing_behind(standin, scene, tinybot, tmp_path):
    bot = await tinybot()
    env_seen = bot.environment()
    assert env_seen["HANDOUT_DATA_DIR"] == str(bot.data_dir) and env_seen["HANDOUT_LOG_LEVEL"] == "DEBUG"
    first = bot.pid
    assert await bot.stop() == -15 and not alive(first)  # SIGTERM (discord.py installs no handler)
    await bot.start()
    assert len(standin.gateway.identifies) == 2
    second = bot.pid
    assert await bot.kill() == -9 and not alive(second)
    await bot.restart()
    reply = await (await standin.slash(scene.member, scene.general, "where")).response()
    assert "user=alice" in reply.content
    assert bot.log_text().count("----- start #") == 3


async def test_data_dir_survives_restart(standin, scene, tinybot):
    bot = await tinybot()
    await (
        await standin.slash(scene.creator, scene.general, "resource add", name="kept", file=("k.pdf", b"KEEP"))
    ).response()
    assert (bot.data_dir / "kept.bin").read_bytes() == b"KEEP"
    await bot.restart(kill=True)  # crash, then start again: the resumable session is simply abandoned
    reply = await (await standin.slash(scene.creator, scene.general, "resource get", name="kept")).response()
    assert reply.content == "here: kept" and reply.attachments[0].data == b"KEEP"


async def test_two_instances_with_one_token_both_answer_and_one_loses(standin, scene, tinybot):
    """A classic deploy mistake: two processes on one token. Discord delivers the interaction to
    both sessions; the slower one's callback is rejected with 40060."""
    await asyncio.gather(tinybot(), tinybot())
    assert len(standin.gateway.live_sessions) == 2
    inter = await standin.slash(scene.member, scene.general, "where")
    attempts = await inter.wait_attempts(2)
    assert sorted((a.status, a.code) for a in attempts) == [(200, None), (400, 40060)]
