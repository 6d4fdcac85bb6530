"""Run the bot exactly like ``python -m bot``, but talking to the Discord stand-in.

    HANDOUT_TEST_STANDIN=http://127.0.0.1:PORT python tests/e2e/launch_bot.py [args...]

Points discord.py's REST base (``discord.http.Route.BASE``), gateway
(``DiscordWebSocket.DEFAULT_GATEWAY``) and CDN asset base at the stand-in, then runs
the ``bot`` package's ``__main__`` with the given argv. Nothing in bot/ knows about this.

Each HTTP request is stamped with the moment it is written (``X-Testbed-Sent``, the machine's
monotonic clock), the arrival time the stand-in counts Discord's global limit by
(tests/e2e/standin/rest.py, SENT_HEADER).

Optional: HANDOUT_TEST_GATEWAY_COMPRESSION=zlib-stream hides ``zstandard`` so discord.py
falls back to zlib-stream (what an install without the ``speed`` extra uses).
The launcher exits by itself if the test process that started it goes away.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


def _stamp_sends() -> None:
    """Stamp every request of this process as aiohttp writes it: after discord.py's and Handout's
    waits and after the connection is open, so the stamp is when the bytes leave."""
    from aiohttp import client_reqrep

    send = client_reqrep.ClientRequest.send

    async def stamped(self, conn):  # type: ignore[no-untyped-def]
        self.headers["X-Testbed-Sent"] = repr(time.monotonic())
        return await send(self, conn)

    client_reqrep.ClientRequest.send = stamped  # type: ignore[method-assign]


def main() -> None:
    base = os.environ.get("HANDOUT_TEST_STANDIN")
    if not base:
        sys.exit("launch_bot.py: set HANDOUT_TEST_STANDIN=http://127.0.0.1:PORT (the stand-in's base URL)")
    base = base.rstrip("/")
    # Like ``python -m``: the working directory, not this script's directory, is sys.path[0].
    sys.path[0] = os.getcwd()
    if os.environ.get("HANDOUT_TEST_GATEWAY_COMPRESSION") == "zlib-stream":
        sys.modules["zstandard"] = None  # type: ignore[assignment]
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()

    _stamp_sends()
    import discord
    import discord.asset
    import discord.gateway
    import discord.http
    import yarl

    discord.http.Route.BASE = f"{base}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(base.replace("http", "ws", 1) + "/")
    discord.asset.Asset.BASE = base
    sys.argv = ["bot", *sys.argv[1:]]
    runpy.run_module("bot", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
