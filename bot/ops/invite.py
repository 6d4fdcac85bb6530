"""The OAuth2 install link, built offline from the token.

A bot token's first part is the bot user's id in base64; for every application made since 2019
(and every one the Developer Portal makes today) that is also the application's id, the
``client_id`` of the install link. So ``python -m bot invite`` needs no request to Discord.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

# The README's permission table, bit by bit (Discord's permission flags).
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES  # 52224
SCOPES = ("bot", "applications.commands")
AUTHORIZE_URL = "https://discord.com/oauth2/authorize"


class InviteError(ValueError):
    """The token does not carry an application id; the message says what to do."""


def application_id(token: str) -> int:
    first = token.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    if not decoded.isdigit() or not 15 <= len(decoded) <= 21:
        raise InviteError(
            "DISCORD_TOKEN does not start with an application id: copy the token again from the "
            "Developer Portal's Bot page."
        )
    return int(decoded)


def invite_url(client_id: int, guild_id: int | None = None) -> str:
    params: dict[str, str | int] = {"client_id": client_id, "scope": " ".join(SCOPES), "permissions": PERMISSIONS}
    if guild_id is not None:
        # Preselects the server in Discord's dialog; the person may still pick another.
        params["guild_id"] = guild_id
    return f"{AUTHORIZE_URL}?{urlencode(params)}"
