"""Persistent components that hand out resources: the "Get it" button and the pick-one menu.

Their custom_ids carry ids only (STYLE: load the rest when clicked), so share posts made long ago
and menus sent before a restart keep working.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot import i18n
from bot.cogs.delivery.render import GET_IT_PREFIX, get_button_id
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


class GetButton(discord.ui.Button):
    """The "Get it" button of a share post (and of a DM offering several resources).

    Not a ``DynamicItem``, and kept out of discord.py's view store: a click is parsed from its
    custom_id by ``HandoutBot.on_interaction`` (``on_get_click``), in the one task discord.py
    already runs for that listener. Through the view store every click matched the template,
    rebuilt a View of the whole message (``View.from_message``: every row, button and emoji
    parsed again) around a new item and ran it in a task of its own: about 0.1 ms of CPU per
    click, for nothing the button needs (bench/README.md, 2026-12-03). The custom_id is unchanged, so
    share posts made by earlier versions keep working."""

    def __init__(self, resource_id: int, label: str = "Get it") -> None:
        super().__init__(label=label[:80], style=discord.ButtonStyle.primary, custom_id=get_button_id(resource_id))

    def is_dispatchable(self) -> bool:
        # Sent with a view of its own, a dispatchable item would be stored for its message, and
        # each click then run through that view instead (ViewStore.dispatch_view).
        return False


class _GetClick(ReportsErrors):
    """One click of a "Get it" button: errors reach the member as from any other component."""

    def __init__(self, resource_id: int) -> None:
        self.resource_id = resource_id

    async def pressed(self, interaction: discord.Interaction[HandoutBot]) -> None:
        resource = await load_offered(interaction.client, self.resource_id)
        await interaction.client.deliverer.for_interaction(interaction, resource, RequestedVia.BUTTON)


_GET_CLICK = re.compile(re.escape(GET_IT_PREFIX) + r"(\d+)")


async def on_get_click(interaction: discord.Interaction[HandoutBot]) -> None:
    """Deliver if ``interaction`` is a click of a "Get it" button; leave anything else alone."""
    if interaction.type is not discord.InteractionType.component:
        return
    match = _GET_CLICK.fullmatch(str((interaction.data or {}).get("custom_id", "")))
    if match is None:
        return
    await _GetClick(int(match[1])).callback(interaction)


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
