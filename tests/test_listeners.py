"""Every listener of an event costs a task of its own per event (discord.py's dispatch): one per
listener per click, in a burst of clicks. Interactions have one listener, HandoutBot.on_interaction,
which passes form submits on (``form_submit``)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from discord.ext import commands

import bot.cogs


def cog_classes() -> list[type[commands.Cog]]:
    found = []
    for info in pkgutil.walk_packages(bot.cogs.__path__, "bot.cogs."):
        module = importlib.import_module(info.name)
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, commands.Cog) and cls.__module__ == module.__name__
        ]
    return found


def test_no_cog_listens_to_every_interaction() -> None:
    classes = cog_classes()
    assert any(cls.__name__ == "FormSubmits" for cls in classes)  # the walk finds the cogs
    listening = [cls.__name__ for cls in classes for event, _ in cls.__cog_listeners__ if event == "on_interaction"]
    assert listening == []


def test_form_submits_reach_the_forms() -> None:
    by_name = {cls.__name__: cls for cls in cog_classes()}
    for name in ("FormSubmits", "ReplyAllForms"):
        assert ("on_form_submit", "on_form_submit") in by_name[name].__cog_listeners__
