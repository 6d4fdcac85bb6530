"""Tests for bot.core.typed_commands: a command typed into a DM as text is for the bot to answer."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.cogs.resources.commands import ResourceCommands
from bot.cogs.settings.commands import HandoutSettings
from bot.cogs.thanks.cog import ThanksCommands
from bot.core.classifier import Label, classify
from bot.core.typed_commands import SERVER_COMMANDS, Kind, TypedCommand, typed_command

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("/get planner", "planner"),
        ("  /GET  Weekly Planner \n", "Weekly Planner"),
        ("!get werkblad", "werkblad"),
        ("`/get checklist`", "checklist"),
        ("`/get`", ""),
        ("/get\nchecklist", "checklist"),
        ("/get", ""),
        ("/get   ", ""),
        ("/get " + "x" * 100, "x" * 100),
        ("/get the spaceship manual <@&1> @everyone", "the spaceship manual <@&1> @everyone"),
    ],
)
def test_a_get_command_typed_as_text_names_what_it_wants(text: str, wanted: str):
    assert typed_command(text) == TypedCommand(Kind.GET, "get", wanted)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("/krijg planner", "krijg planner"),
        ("!hol Planer", "hol Planer"),
        ("/télécharger planning", "télécharger planning"),
        ("/weź checklista", "weź checklista"),
        ("/indir planlayıcı", "indir planlayıcı"),
        ("/checklist", "checklist"),
        ("!download planner stp", "download planner stp"),
        ("/gte", "gte"),
        ("/handout lista equipaje", "handout lista equipaje"),  # the bot's name, not a creator's command
        ("/resource get planner", "resource get planner"),
        ("/hilfe dienstplan", "dienstplan"),  # help with a named thing is asking for it
        ("/pomoc planer", "planer"),
    ],
)
def test_a_guessed_command_asks_for_what_it_names(text: str, wanted: str):
    assert typed_command(text) == TypedCommand(Kind.GET, "get", wanted, guessed=True)


@pytest.mark.parametrize(
    ("text", "kind", "command"),
    [
        ("/help", Kind.HELP, "help"),
        ("!HELP", Kind.HELP, "help"),
        ("/hulp", Kind.HELP, "help"),
        ("/start", Kind.HELP, "help"),
        ("!comandos", Kind.HELP, "help"),
        ("/privacy", Kind.PRIVACY, "privacy"),
        ("/privacy delete my data", Kind.PRIVACY, "privacy"),
        ("`/Datenschutz`", Kind.PRIVACY, "privacy"),
        ("/resource list", Kind.SERVER, "resource list"),
        ("/thanks pending", Kind.SERVER, "thanks pending"),
        ("/Handout Reminders 48", Kind.SERVER, "handout reminders"),
        ("/resource list <@&1> @everyone [x](https://evil.example)", Kind.SERVER, "resource list"),
    ],
)
def test_the_bots_other_commands_are_recognised(text: str, kind: Kind, command: str):
    found = typed_command(text)
    assert found is not None and (found.kind, found.command, found.guessed) == (kind, command, False)


@pytest.mark.parametrize(
    "text",
    [
        "get planner",
        "can I /get planner?",
        "please /get the checklist",
        "",
        "/",
        "!!!",
        "/s",  # tone tags are words for a person
        "/jk",
        "/home/user/planner.pdf",
        "/r/productivity",
        "/2024 planner",
        "/get " + "x" * 101,  # longer than /get's option takes: a message, not the command
        "/get x" + " " * 3990 + "y",  # and in linear time (a lazy pattern took 0.1 s on this one)
    ],
)
def test_anything_else_is_a_message(text: str):
    assert typed_command(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "/thanks so much, this helped a lot!",
        "!thank you Cora",
        "/getting started?",
        "!wait, how do I open the zip file?",
    ],
)
def test_a_guessed_command_that_reads_as_thanks_or_a_question_goes_to_the_creator(text: str):
    assert classify(text[1:]) in (Label.THANKS, Label.QUESTION)
    assert typed_command(text) is None


def test_an_explicit_command_is_the_bots_however_its_words_read():
    for text in ("/get thanks so much", "/help", "/privacy thanks", "/thanks stats"):
        assert typed_command(text) is not None


def test_the_server_commands_are_the_ones_the_bot_registers():
    registered = {
        cog.__cog_group_name__: frozenset(c.name for c in cog.__cog_app_commands__)
        for cog in (ResourceCommands, ThanksCommands, HandoutSettings)
    }
    assert registered == SERVER_COMMANDS


def test_every_typed_command_in_the_labelled_data_is_answered_by_the_bot():
    # The corpus labels a typed command `other` (LABELLING.md): each of these would have waited for a
    # creator to answer it, or been told the bot could not link it.
    texts = []
    for path in sorted(DATA.glob("classifier_*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            others = [row["text"] for row in csv.DictReader(f, delimiter="\t") if row["label"] == "other"]
            texts += [text for text in others if text.lstrip(" `").startswith(("/", "!"))]
    assert len(texts) > 100
    missed = [t for t in texts if typed_command(t) is None]
    # The model reads a lone "stickers" as thanks (p=0.66, over the rule): it goes to the creator.
    assert missed == ["!stickers"]
