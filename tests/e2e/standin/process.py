"""BotProcess: the real bot (``python -m bot``) as a subprocess pointed at the stand-in."""

# The public API takes explicit ``timeout=`` seconds on purpose (tests read better).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import DiscordStandIn

REPO_ROOT = Path(__file__).resolve().parents[3]
LAUNCHER = REPO_ROOT / "tests" / "e2e" / "launch_bot.py"


class BotExited(RuntimeError):
    pass


class BotProcess:
    """Start/stop/kill/restart the bot. Output (stdout+stderr) goes to ``log_path``.

    Environment: the inherited one minus any HANDOUT_* / DISCORD_TOKEN, plus
    DISCORD_TOKEN (the stand-in's), HANDOUT_DATA_DIR, HANDOUT_LOG_LEVEL,
    HANDOUT_DEV_GUILD (if ``dev_guild``), HANDOUT_TEST_STANDIN and ``env``."""

    def __init__(
        self,
        standin: DiscordStandIn,
        *,
        data_dir: Path,
        log_path: Path,
        env: dict[str, str] | None = None,
        token: str | None = None,
        argv: Iterable[str] = (),
        cwd: Path | str | None = None,
        pythonpath: Iterable[Path | str] = (),
        dev_guild: Any = None,
        log_level: str = "DEBUG",
        compression: str | None = None,
        python: str = sys.executable,
    ) -> None:
        self.standin = standin
        self.data_dir = Path(data_dir)
        self.log_path = Path(log_path)
        self.extra_env = dict(env or {})
        self.token = token
        self.argv = list(argv)
        self.cwd = Path(cwd) if cwd else REPO_ROOT
        self.pythonpath = [str(p) for p in pythonpath]
        self.dev_guild = getattr(dev_guild, "id", dev_guild)
        self.log_level = log_level
        self.compression = compression
        self.python = python
        self.proc: asyncio.subprocess.Process | None = None
        self.starts = 0
        self.session_id: str | None = None  # the gateway session this process was counted ready with
        self._watch: asyncio.Task[None] | None = None
        self._log_file: Any = None

    # ----------------------------------------------------------------- env
    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOUT_") and k != "DISCORD_TOKEN"}
        env.update(self.standin.env())
        env.update(
            DISCORD_TOKEN=self.token if self.token is not None else self.standin.token,
            HANDOUT_DATA_DIR=str(self.data_dir),
            HANDOUT_LOG_LEVEL=self.log_level,
            PYTHONUNBUFFERED="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        if self.dev_guild is not None:
            env["HANDOUT_DEV_GUILD"] = str(self.dev_guild)
        if self.compression:
            env["HANDOUT_TEST_GATEWAY_COMPRESSION"] = self.compression
        paths = [*self.pythonpath, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])]
        if paths:
            env["PYTHONPATH"] = os.pathsep.join(paths)
        env.update(self.extra_env)
        return env

    # ----------------------------------------------------------------- lifecycle
    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode if self.proc else None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    async def start(self, *, wait_ready: bool = True, timeout: float = 20.0) -> BotProcess:
        if self.running:
            raise RuntimeError("bot already running")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log_path, "ab")  # noqa: ASYNC230 - closed when the process exits
        self._log_file.write(f"----- start #{self.starts + 1}\n".encode())
        self._log_file.flush()
        since = asyncio.get_running_loop().time()
        self.proc = await asyncio.create_subprocess_exec(
            self.python,
            str(LAUNCHER),
            *self.argv,
            cwd=str(self.cwd),
            env=self.environment(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=asyncio.subprocess.STDOUT,
        )
        self.starts += 1
        self._watch = asyncio.create_task(self._reap(self.proc))
        if wait_ready:
            await self.wait_ready(timeout, since=since)
        return self

    async def _reap(self, proc: asyncio.subprocess.Process) -> None:
        await proc.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        self.standin.notify()

    async def wait_ready(self, timeout: float = 20.0, *, since: float | None = None) -> None:
        """Until the bot identified and got READY + GUILD_CREATEs (fails fast if it exits)."""

        claimed = self.standin.claimed_sessions

        def ready_or_dead() -> Any:
            if not self.running:
                return True
            for sess in self.standin.gateway.live_sessions:
                # Sessions are claimed one per process so that concurrent starts each wait for their own.
                if (since is None or (sess.ready_at or 0) >= since) and sess.id not in claimed:
                    return sess
            return None

        try:
            found = await self.standin.wait_until(ready_or_dead, timeout, "the bot process to be ready")
        except TimeoutError as e:
            raise TimeoutError(f"{e}\n--- bot log tail ---\n{self.log_tail()}") from None
        if not self.running:
            raise BotExited(f"bot exited with {self.returncode} before ready\n--- bot log tail ---\n{self.log_tail()}")
        claimed.add(found.id)
        self.session_id = found.id

    async def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, then SIGKILL after ``timeout``. Returns the exit code."""
        if self.proc is None:
            return None
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(asyncio.shield(self._watch), timeout)  # type: ignore[arg-type]
            except TimeoutError:
                return await self.kill()
        await self._finish()
        return self.returncode

    async def kill(self) -> int | None:
        if self.proc is None:
            return None
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
        await self._finish()
        return self.returncode

    async def _finish(self) -> None:
        if self._watch is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._watch), 10.0)

    async def restart(self, *, wait_ready: bool = True, timeout: float = 20.0, kill: bool = False) -> BotProcess:
        await (self.kill() if kill else self.stop())
        return await self.start(wait_ready=wait_ready, timeout=timeout)

    async def __aenter__(self) -> BotProcess:
        return await self.start() if not self.running else self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ----------------------------------------------------------------- logs
    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    async def wait_for_log(self, pattern: str, timeout: float = 10.0) -> re.Match[str]:
        """Until the log matches ``pattern`` (checks the file every 50 ms)."""
        rx = re.compile(pattern)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            m = rx.search(self.log_text())
            if m:
                return m
            if loop.time() > deadline:
                raise TimeoutError(f"log never matched {pattern!r}\n--- bot log tail ---\n{self.log_tail()}")
            await asyncio.sleep(0.05)
