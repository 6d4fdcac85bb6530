from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.resources.commands import ResourceCommands
from bot.cogs.resources.views import RemoveButton

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    bot.add_dynamic_items(RemoveButton)
    await bot.add_cog(ResourceCommands(bot))
