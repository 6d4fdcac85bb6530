from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.delivery.cog import DeliveryCog
from bot.cogs.delivery.views import PickSelect

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    # The "Get it" button needs no registration: HandoutBot.on_interaction handles its clicks.
    bot.add_dynamic_items(PickSelect)
    await bot.add_cog(DeliveryCog(bot))
