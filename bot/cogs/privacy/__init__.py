from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.privacy.cog import DeleteMyDataButton, Privacy

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    bot.add_dynamic_items(DeleteMyDataButton)
    await bot.add_cog(Privacy(bot))
