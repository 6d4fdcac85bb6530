"""The "Get it" button is handled by HandoutBot.on_interaction, not by discord.py's view store:
through the store every click rebuilt a View of its whole message around a new DynamicItem, in a
task of its own (bench/README.md, 2026-12-03). These tests catch a return to that path; the
delivery itself is tested end to end (tests/e2e/test_delivery_e2e.py)."""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot.app import HandoutBot
from bot.cogs.delivery import views
from bot.cogs.delivery.views import get_it_view, offer_view, on_get_click
from bot.config import load_settings
from bot.core.resources import Resource

TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789ABC"


@pytest.fixture
async def bot(tmp_path):
    handout = HandoutBot(load_settings({"DISCORD_TOKEN": TOKEN, "HANDOUT_DATA_DIR": str(tmp_path)}))
    await handout.load_extension("bot.cogs.delivery")
    yield handout
    await handout.unload_extension("bot.cogs.delivery")


def click(bot: HandoutBot, custom_id: str, component_type: int = 2) -> discord.Interaction:
    """A component interaction as the gateway delivers it (INTERACTION_CREATE, type 3)."""
    user = {"id": "20", "username": "ana", "discriminator": "0", "global_name": None, "avatar": None}
    data = {
        "id": "30",
        "application_id": "10",
        "type": 3,
        "token": "tok",
        "version": 1,
        "attachment_size_limit": 10485760,
        "channel_id": "40",
        "user": user,
        "locale": "en-US",
        "data": {"custom_id": custom_id, "component_type": component_type},
        "message": {
            "id": "50",
            "channel_id": "40",
            "author": {**user, "id": "10", "username": "handout", "bot": True},
            "content": "",
            "timestamp": "2026-12-03T16:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [
                {"type": 1, "components": [{"type": 2, "style": 1, "label": "Get it", "custom_id": custom_id}]}
            ],
        },
    }
    return discord.Interaction(data=data, state=bot._connection)


async def test_a_get_click_does_not_go_through_the_view_store(bot) -> None:
    store = bot._connection._view_store
    tasks = store._ViewStore__tasks
    # What sending a share post (or a DM's offer) leaves in the store: nothing to dispatch.
    resource = Resource(7, 1, "guide", "Guide", None, None, None, None, None, None, 2, 0, 0, None)
    for view in (get_it_view("en-US", 7), offer_view("en-US", [resource])):
        assert not view.is_dispatchable()
        store.add_view(view, 50)
    store.dispatch_view(2, "handout:get:7", click(bot, "handout:get:7"))
    scheduled = list(tasks)
    for task in scheduled:
        task.cancel()
    await asyncio.gather(*scheduled, return_exceptions=True)
    assert scheduled == []


async def test_only_get_clicks_are_taken(bot, monkeypatch) -> None:
    taken: list[int] = []

    async def deliver(item, interaction) -> None:
        taken.append(item.resource_id)

    monkeypatch.setattr(views._GetClick, "callback", deliver)
    # Not "Get it": left alone (no delivery, no reply), for the view store and the forms.
    for custom_id in ("handout:pick:7", "handout:say:7", "handout:get:", "handout:get:7x", "xhandout:get:7"):
        await on_get_click(click(bot, custom_id))
    assert taken == []
    await on_get_click(click(bot, "handout:get:7"))
    assert taken == [7]
