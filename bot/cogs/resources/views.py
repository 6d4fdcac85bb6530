"""The confirm step of /resource remove, as a persistent button.

The custom_id carries the resource id only; everything else is loaded when it is pressed, so the
button still works after a restart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot.cogs.common import actor_of, tr
from bot.cogs.errors import ReportsErrors
from bot.core.errors import HandoutError

if TYPE_CHECKING:
    from bot.app import HandoutBot


class RemoveButton(
    ReportsErrors,
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"handout:remove:(?P<action>confirm|cancel):(?P<resource_id>\d+)",
):
    def __init__(self, action: str, resource_id: int, label: str = "") -> None:
        style = discord.ButtonStyle.danger if action == "confirm" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(label=label or action, style=style, custom_id=f"handout:remove:{action}:{resource_id}")
        )
        self.action = action
        self.resource_id = resource_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> RemoveButton:
        return cls(match["action"], int(match["resource_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        if self.action == "cancel":
            await interaction.response.edit_message(content=tr(interaction, "resource.remove.cancelled"), view=None)
            return
        service = interaction.client.resources
        resource = await service.get(self.resource_id)
        if resource.guild_id != interaction.guild_id:
            raise HandoutError("error.not_allowed")
        if resource.archived:
            await interaction.response.edit_message(
                content=tr(interaction, "resource.remove.already", title=resource.title), view=None
            )
            return
        await service.archive(resource.guild_id, resource.name, actor_of(interaction))
        await interaction.response.edit_message(
            content=tr(interaction, "resource.remove.done", title=resource.title, name=resource.name), view=None
        )


def confirm_view(interaction: discord.Interaction, resource_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(RemoveButton("confirm", resource_id, tr(interaction, "resource.remove.confirm_button")))
    view.add_item(RemoveButton("cancel", resource_id, tr(interaction, "resource.remove.cancel_button")))
    return view
