"""Persistent components that hand out resources: the "Get it" button and the pick-one menu.

Their custom_ids carry ids only (STYLE: load the rest when clicked), so share posts made long ago
and menus sent before a restart keep working.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.errors import ReportsErrors
from bot.core.deliveries import RequestedVia
from bot.core.errors import NotFound
from bot.core.resources import Resource

if TYPE_CHECKING:
    from bot.app import HandoutBot


async def load_offered(bot: HandoutBot, resource_id: int) -> Resource:
    try:
        resource = await bot.resources.get(resource_id)
    except NotFound:
        raise NotFound("error.resource_gone") from None
    if resource.archived:
        raise NotFound("error.resource_archived", title=resource.title)
    return resource


class GetButton(ReportsErrors, discord.ui.DynamicItem[discord.ui.Button], template=r"handout:get:(?P<resource_id>\d+)"):
    def __init__(self, resource_id: int, label: str = "Get it") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.primary, custom_id=f"handout:get:{resource_id}"
            )
        )
        self.resource_id = resource_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> GetButton:
        return cls(int(match["resource_id"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        resource = await load_offered(interaction.client, self.resource_id)
        await interaction.client.deliverer.for_interaction(interaction, resource, RequestedVia.BUTTON)


class PickSelect(ReportsErrors, discord.ui.DynamicItem[discord.ui.Select], template=r"handout:pick:(?P<nonce>\d+)"):
    """Several resources matched a DM: the member picks one. Option values are resource ids."""

    def __init__(self, nonce: int, options: list[discord.SelectOption] | None = None, placeholder: str = "") -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"handout:pick:{nonce}",
                options=options or [discord.SelectOption(label="-", value="0")],
                placeholder=placeholder or None,
                min_values=1,
                max_values=1,
            )
        )
        self.nonce = nonce

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Select, match: re.Match[str], /
    ) -> PickSelect:
        return cls(int(match["nonce"]))

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        values = (interaction.data or {}).get("values") or []
        if not values or not str(values[0]).isdigit():
            raise NotFound("error.resource_gone")
        resource = await load_offered(interaction.client, int(values[0]))
        await interaction.client.deliverer.for_interaction(interaction, resource, RequestedVia.DM)


def get_it_view(locale: str, resource_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(GetButton(resource_id, i18n.text(locale, "share.get_it")))
    return view


def offer_view(locale: str, resources: list[Resource]) -> discord.ui.View:
    """One "Get it" button per offered resource (at most 25, Discord's limit per message)."""
    view = discord.ui.View(timeout=None)
    for resource in resources[:25]:
        view.add_item(GetButton(resource.id, resource.title))
    return view


def pick_view(locale: str, nonce: int, resources: list[Resource], guild_names: dict[int, str]) -> discord.ui.View:
    options = [
        discord.SelectOption(
            label=resource.title[:100],
            value=str(resource.id),
            description=(f"{resource.name} · {guild_names.get(resource.guild_id, '')}")[:100],
        )
        for resource in resources[:25]
    ]
    view = discord.ui.View(timeout=None)
    view.add_item(PickSelect(nonce, options, i18n.text(locale, "dm.pick_placeholder")))
    return view
