"""What creators and members see in the thanks loop. Pure rendering, no I/O."""

from __future__ import annotations

import time

import discord

from bot import i18n
from bot.core import limits, safe_text
from bot.core.also_sent import AlsoSent
from bot.core.thanks import MemberMessage

_SNIPPET = 180
# A member's words in a prompt: five prompts of this size still fit one message's 6,000 characters
# of embeds (the worker packs by size, so a batch of longer ones only takes more messages).
PROMPT_TEXT_MAX = 1000
NAME_MAX = 100  # display names are at most 32 characters; escapes can double them


def label_text(locale: str, label: str) -> str:
    return i18n.text(locale, f"label.{label}")


def ago(locale: str, seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 3600:
        return i18n.text(locale, "time.minutes", n=max(1, seconds // 60))
    if seconds < 2 * 86400:
        return i18n.text(locale, "time.hours", n=seconds // 3600)
    return i18n.text(locale, "time.days", n=seconds // 86400)


def prompt_embed(locale: str, message: MemberMessage, member_name: str, resource_title: str) -> discord.Embed:
    """A member's words for the creator. In an embed, and sent with no allowed mentions, so an
    @everyone or role mention in the member's text pings nobody."""
    # Everything the member (or a creator) chose is neutralised: it must not read as the bot's
    # own words, e.g. a masked link "[Handout: verify your payout](…)" in the text or the name.
    name = safe_text.shorten(member_name, NAME_MAX)
    pointer = i18n.text(locale, "prompt.shortened")
    embed = discord.Embed(
        title=i18n.text(locale, "prompt.title", label=label_text(locale, message.label), member=name)[
            : limits.EMBED_TITLE
        ],
        description=removed_note(locale, message)
        or with_also_sent(locale, message, safe_text.shorten(message.content, PROMPT_TEXT_MAX, pointer))
        or "—",
    )
    embed.add_field(name=i18n.text(locale, "prompt.member"), value=f"<@{message.member_id}> ({name})")
    embed.add_field(
        name=i18n.text(locale, "prompt.resource"), value=safe_text.shorten(resource_title, limits.FIELD_VALUE) or "—"
    )
    embed.set_footer(text=i18n.text(locale, "prompt.footer", id=message.id))
    embed.timestamp = discord.utils.snowflake_time(message.source_id) if message.source_id > 1 << 22 else None
    return embed


def prompt_embed_many(
    locale: str, messages: list[MemberMessage], member_name: str, resource_title: str
) -> discord.Embed:
    """One prompt for a member's burst: every message quoted (neutralised), oldest first, within
    the size of one prompt; /thanks pending has each in full."""
    embed = prompt_embed(locale, messages[0], member_name, resource_title)
    if len(messages) == 1:
        return embed
    name = safe_text.shorten(member_name, NAME_MAX)
    labels = {m.label for m in messages}
    label = "question" if "question" in labels else messages[0].label  # questions first: they need an answer
    embed.title = i18n.text(locale, "prompt.title_many", n=len(messages), label=label_text(locale, label), member=name)[
        : limits.EMBED_TITLE
    ]
    pointer = i18n.text(locale, "prompt.shortened")
    lines, room = [], PROMPT_TEXT_MAX
    for index, message in enumerate(messages):
        line = "• " + words(locale, message, 300)
        if len(line) + 1 > room - len(pointer) - 10:
            lines.append(i18n.text(locale, "digest.more", n=len(messages) - index) + " " + pointer)
            break
        lines.append(line)
        room -= len(line) + 1
    embed.description = "\n".join(lines)
    return embed


def digest_embed(
    locale: str, items: list[MemberMessage | None], listed: int, guild_name: str, now: float
) -> tuple[discord.Embed, int]:
    """A reminder of ``listed`` waiting messages, a line for each of ``items`` that fits (None: a
    message its member deleted with their data since), "…and n more" for the rest; and how many
    lines it shows. Whole lines only: a line cut in the middle could end inside an escape and pass
    4,096 characters with the rest."""
    lines: list[str] = []
    room = limits.EMBED_DESCRIPTION - 100
    for m in items:
        if m is None:
            line = i18n.text(locale, "digest.line_removed")
        else:
            line = i18n.text(
                locale,
                "digest.line",
                label=label_text(locale, m.label),
                member=f"<@{m.member_id}>",
                ago=ago(locale, now - m.received_at),
                text=words(locale, m),
            )
        if len(line) + 1 > room:
            break
        lines.append(line)
        room -= len(line) + 1
    shown = len(lines)
    if listed > shown:
        lines.append(i18n.text(locale, "digest.more", n=listed - shown))
    embed = discord.Embed(
        title=i18n.text(locale, "digest.title", n=listed, guild=guild_name)[: limits.EMBED_TITLE],
        description="\n".join(lines),
    )
    embed.set_footer(text=i18n.text(locale, "digest.footer"))
    return embed, shown


def closed_line(locale: str, message: MemberMessage) -> str:
    if message.status == "expired":
        return i18n.text(locale, "prompt.closed_expired")
    if message.status == "answered":
        how = i18n.text(locale, f"answered.{message.answered_how}")
        took = ago(locale, (message.answered_at or 0) - message.received_at)
        return i18n.text(locale, "prompt.closed_answered", by=f"<@{message.answered_by}>", how=how, took=took)
    return i18n.text(locale, "prompt.closed_no_reply", by=f"<@{message.answered_by}>")


def relayed_reply_embed(locale: str, creator_name: str, avatar_url: str | None, text: str) -> discord.Embed:
    """The creator's own words, under their name, labelled as written by them in person."""
    embed = discord.Embed(description=text)
    embed.set_author(name=i18n.text(locale, "reply.author", creator=creator_name), icon_url=avatar_url)
    embed.set_footer(text=i18n.text(locale, "reply.footer", creator=creator_name))
    return embed


def words(locale: str, message: MemberMessage, limit: int = _SNIPPET, pointer: str = "") -> str:
    """``snippet`` of a member's message, with the stickers and files it carried; where its words
    went, when they are gone."""
    return removed_note(locale, message) or with_also_sent(locale, message, snippet(message.content, limit, pointer))


def removed_note(locale: str, message: MemberMessage) -> str:
    """Why and when a message's words were removed ("" while it has them)."""
    if message.text_removed_at is None:
        return ""
    date = time.strftime("%Y-%m-%d", time.gmtime(message.text_removed_at))
    key = "pending.text_deleted" if message.text_removed_why == "deleted" else "pending.text_removed"
    return i18n.text(locale, key, date=date)


def with_also_sent(locale: str, message: MemberMessage | str | None, text: str) -> str:
    """``text`` (the member's words, made safe), then in the bot's italics what else the message
    (or its stored ``also_sent``) carried: "*(sticker: Thank You)*". The names are neutralised like
    the words, so a member's text cannot draw the same italics."""
    raw = message.also_sent if isinstance(message, MemberMessage) else message
    sent = AlsoSent.from_json(raw)
    parts = [i18n.text(locale, "also_sent.sticker", name=safe_text.snippet(name, 60)) for name in sent.stickers]
    parts += [i18n.text(locale, "also_sent.file", name=safe_text.snippet(name, 60)) for name in sent.files]
    if not parts:
        return text
    return f"{text} *({' · '.join(parts)})*".strip()


def snippet(text: str, limit: int = _SNIPPET, pointer: str = "") -> str:
    """One line of a member's text, neutralised, for lists (digests, /thanks pending)."""
    return safe_text.snippet(text, limit, pointer)


def plain_snippet(text: str, limit: int) -> str:
    """For places that show text as typed, without markdown (a text input's placeholder)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
