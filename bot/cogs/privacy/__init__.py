from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.privacy.cog import DeleteMyDataButton, Privacy
from bot.cogs.privacy.rights import ExportMyDataButton, NeverDmButton

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    bot.add_dynamic_items(DeleteMyDataButton)
    bot.add_dynamic_items(ExportMyDataButton, NeverDmButton)
    await bot.add_cog(Privacy(bot))
