from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.thanks.choose import RouteButton
from bot.cogs.thanks.cog import MemberMessages, ThanksCommands
from bot.cogs.thanks.forms import FormSubmits
from bot.cogs.thanks.reply_all import ReplyAllButton, ReplyAllForms
from bot.cogs.thanks.stats_view import StatsButton
from bot.cogs.thanks.summary import SummaryButton
from bot.cogs.thanks.views import AnswerButton, SayButton

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def setup(bot: HandoutBot) -> None:
    bot.add_dynamic_items(SayButton, AnswerButton, RouteButton, StatsButton, SummaryButton, ReplyAllButton)
    await bot.add_cog(MemberMessages(bot))
    await bot.add_cog(ThanksCommands(bot))
    await bot.add_cog(FormSubmits(bot))
    await bot.add_cog(ReplyAllForms(bot))
