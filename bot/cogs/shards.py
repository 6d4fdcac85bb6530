"""discord.py's shards, made to RESUME after an outage as its single-shard Client does.

An ``AutoShardedClient`` shard whose RESUME attempt fails to connect (Discord unreachable for a
while) reconnects with a fresh IDENTIFY once Discord is back: a new session, and every event
sent during the outage — a member's DM asking for a resource — is lost. discord.py's ``Client``
tries RESUME instead, and Discord replays what was missed. This shard does the same: while it has
a session it resumes; an expired session is answered INVALID_SESSION, which discord.py already
turns into a fresh IDENTIFY.
"""

from __future__ import annotations

import discord.shard
from discord.gateway import ReconnectWebSocket


class ResumingShard(discord.shard.Shard):
    async def reconnect(self) -> None:
        if self.ws is not None and self.ws.session_id is not None:
            await self.reidentify(ReconnectWebSocket(self.id, resume=True))
            return
        await super().reconnect()


def install() -> None:
    """AutoShardedClient builds its shards from ``discord.shard.Shard``; Handout is the only
    client in its process."""
    discord.shard.Shard = ResumingShard  # type: ignore[misc]
