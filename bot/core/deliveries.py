"""Deliveries: who got which resource, how they asked, and how it reached them."""

from __future__ import annotations

from bot.db import deliveries as sql
from bot.db.database import Database


class DeliveryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def counts_by_resource(self, guild_id: int) -> dict[int, int]:
        """How many times each resource of the guild was delivered."""
        return await sql.delivered_counts(self._db, guild_id)
