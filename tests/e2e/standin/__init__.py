"""A local stand-in for Discord (gateway + REST + CDN) that the real discord.py client
talks to, with a driver to write user-story tests. See tests/e2e/README.md."""

from .components import find_button, walk
from .faults import Fault, Faults
from .interactions import CallbackRecord, DriverError, InteractionRecord
from .model import (
    ALL_PERMISSIONS,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE,
    Attachment,
    Channel,
    Command,
    Guild,
    Member,
    Message,
    Perm,
    Role,
    User,
)
from .process import BotExited, BotProcess
from .rest import ApiError, RequestRecord
from .scenes import DefaultScene, default_scene
from .server import ENV_VAR, DiscordStandIn
from .shards import Sharding, shard_of
from .views import InteractionHandle, ModalView, Reply
from .world import World

__all__ = [
    "ALL_PERMISSIONS",
    "DEFAULT_BOT_PERMISSIONS",
    "DEFAULT_EVERYONE",
    "ENV_VAR",
    "ApiError",
    "Attachment",
    "BotExited",
    "BotProcess",
    "CallbackRecord",
    "Channel",
    "Command",
    "DefaultScene",
    "DiscordStandIn",
    "DriverError",
    "Fault",
    "Faults",
    "Guild",
    "InteractionHandle",
    "InteractionRecord",
    "Member",
    "Message",
    "ModalView",
    "Perm",
    "Reply",
    "RequestRecord",
    "Role",
    "Sharding",
    "User",
    "World",
    "default_scene",
    "find_button",
    "shard_of",
    "walk",
]
