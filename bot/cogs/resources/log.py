"""What /resource log shows: a resource's last deliveries, one line each. Pure rendering."""

from __future__ import annotations

import discord

from bot import i18n
from bot.core import safe_text
from bot.core.delivery_log import LogEntry, Reason
from bot.core.resources import Resource

# An embed description holds 4096 characters; leave room for the "more not shown" line.
_DESCRIPTION_CHARS = 3800


def reason_text(locale: str, reason: Reason) -> str:
    params = dict(reason.params)
    if "text" in params:
        # Text we did not write (an exception's words may quote anything): inline code, so no
        # markdown, mention or link in it is rendered. A backtick would end the span: drop it.
        params["text"] = "`" + str(params["text"]).replace("`", "'") + "`"
    return i18n.text(locale, reason.key, **params)


def entry_line(locale: str, entry: LogEntry) -> str:
    if entry.status == "failed" and entry.reason is not None:
        outcome = i18n.text(locale, "resource.log.failed", reason=reason_text(locale, entry.reason))
    elif entry.status == "delivered" and entry.delivered_via:
        outcome = i18n.text(locale, f"resource.log.via.{entry.delivered_via}")
    else:
        outcome = i18n.text(locale, "resource.log.pending")
    asked = i18n.text(locale, f"resource.log.asked.{entry.requested_via}")
    if entry.is_repeat:
        asked += f" ({i18n.text(locale, 'resource.log.repeat')})"
    # A mention in an embed shows the member's name to the creator and pings nobody.
    member = f"<@{entry.member_id}>" if entry.member_id else i18n.text(locale, "resource.log.member_gone")
    return i18n.text(
        locale, "resource.log.line", when=f"<t:{entry.requested_at}:f>", member=member, asked=asked, outcome=outcome
    )


def log_embed(locale: str, resource: Resource, entries: list[LogEntry]) -> discord.Embed:
    shown = safe_text.title(resource.title, 200)  # an embed title renders formatting
    title = i18n.text(locale, "resource.log.title", title=shown, count=len(entries))
    embed = discord.Embed(title=title[:256])
    lines: list[str] = []
    size = 0
    for number, entry in enumerate(entries):
        line = entry_line(locale, entry)
        if size + len(line) + 1 > _DESCRIPTION_CHARS:
            lines.append(i18n.text(locale, "resource.log.cut", count=len(entries) - number))
            break
        lines.append(line)
        size += len(line) + 1
    embed.description = "\n".join(lines)
    embed.set_footer(text=i18n.text(locale, "resource.log.footer"))
    return embed
