from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.delivery.cog import DeliveryCog
from bot.cogs.delivery.views import GetButton, PickSelect

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    bot.add_dynamic_items(GetButton, PickSelect)
    await bot.add_cog(DeliveryCog(bot))
