from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.settings.commands import HandoutSettings

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    await bot.add_cog(HandoutSettings(bot))
