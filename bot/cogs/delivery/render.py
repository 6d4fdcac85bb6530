"""What members see: the share post and the delivery itself. Pure rendering, no I/O."""

from __future__ import annotations

import io

import discord

from bot import i18n
from bot.core import limits, safe_text
from bot.core.resources import Resource

GET_IT_PREFIX = "handout:get:"


def get_button_id(resource_id: int) -> str:
    return f"{GET_IT_PREFIX}{resource_id}"


def shown_title(resource: Resource) -> str:
    """The resource's title as an embed title: Discord renders text formatting there (not links or
    mentions), and "**FREE** ||click||" is the creator's text, not the bot's emphasis."""
    return safe_text.title(resource.title, limits.EMBED_TITLE)


def share_embed(locale: str, resource: Resource, creator_name: str) -> discord.Embed:
    """``creator_name`` as typed: a footer renders no markdown, so an escape would show."""
    embed = discord.Embed(title=shown_title(resource), description=resource.description or None)
    embed.set_footer(text=i18n.text(locale, "share.footer", creator=creator_name))
    return embed


def delivery_content(locale: str, resource: Resource, creator: str) -> str:
    """The honest line that goes with every delivery, plus the creator's own note. ``creator``:
    ``Deliverer.shown_creator_name``, already neutralised."""
    # The note is the creator's words inside the bot's message: neutralised, so a note cannot carry
    # a masked link or a mention that reads as Handout's own (notes are at most 1,000 characters, so
    # the content stays under 2,000 even with every character escaped).
    lines = []
    if resource.note:
        note = safe_text.shorten(resource.note, 1200)
        lines.append(i18n.text(locale, "delivery.note", creator=creator, note=note))
    lines.append(i18n.text(locale, "delivery.honest", creator=creator))
    return "\n\n".join(lines)


def delivery_embed(locale: str, resource: Resource) -> discord.Embed:
    embed = discord.Embed(title=shown_title(resource), description=resource.description or None)
    if resource.url:
        embed.url = resource.url
    return embed


def delivery_file(resource: Resource, data: bytes | None) -> discord.File | None:
    if data is None or resource.file_name is None:
        return None
    return discord.File(io.BytesIO(data), filename=resource.file_name)


def link_button(locale: str, resource: Resource) -> discord.ui.Button | None:
    if not resource.url:
        return None
    return discord.ui.Button(
        style=discord.ButtonStyle.link, url=resource.url, label=i18n.text(locale, "delivery.open_link")
    )
