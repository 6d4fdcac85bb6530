"""Commands typed into a DM as plain text: words for the bot, not for a creator.

Members type "/get planner", "!help", "/krijg checklist" or "/privacy" as a message: the command
picker skipped, a habit from prefix bots, a guess at the command in their own language. The corpus
labels these `other` (tests/data/LABELLING.md), and `other` goes to the creator of the member's
last delivery as something to answer, or, without one, gets "I couldn't link your message". The DM
handler asks ``typed_command`` first and answers these itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.core.classifier import Label, classify


class Kind(StrEnum):
    GET = "get"  # deliver what it names, or show what is on offer
    HELP = "help"  # what the bot does and how to ask
    PRIVACY = "privacy"  # what /privacy shows
    SERVER = "server"  # a creator's command, which runs in a server: say where


@dataclass(frozen=True)
class TypedCommand:
    kind: Kind
    command: str  # what it stands for, as a user would pick it: "get", "resource list"
    wanted: str  # for GET: the words that name what the member wants ("" for none)
    # Not a word of ours ("/krijg planner", "!pdf budget"): a command only when the message has no
    # better reading, so "/thanks so much!" still reaches the creator it thanks.
    guessed: bool = False


# A slash or a bang, one word of letters, then what it is about. Greedy on the stripped text: a lazy
# group before trailing whitespace is quadratic on 4,000 spaces.
_COMMAND_RE = re.compile(r"[/!]([^\W\d_]{2,32})(?:\s+(.*))?", re.DOTALL)
_ARGUMENT_MAX = 100  # /get's own limit for its resource option: longer is a message, not a command

_HELP = frozenset(
    "help hulp hilfe aide ayuda ajuda aiuto pomoc yardim yardım hlp start info menu commands commandos"
    " comandos comandi commandes befehle komendy komutlar".split()
)
_PRIVACY = frozenset("privacy privacidad privacidade datenschutz confidentialité gizlilik prywatność".split())
# The server commands, by group, as the bot registers them (tests/test_typed_commands.py checks this).
SERVER_COMMANDS = {
    "resource": frozenset({"add", "edit", "remove", "share", "list", "log"}),
    "thanks": frozenset({"pending", "stats", "export"}),
    "handout": frozenset({"delivery", "inbox", "reminders", "retention"}),
}
# Tone tags close a sentence ("/s", "/jk"); alone, they are still words for a person.
_TONE_TAGS = frozenset("jk hj srs nsrs lh gen genq pos neg nm nbh lu ly rh rt ij ot sx nsx".split())


def typed_command(text: str) -> TypedCommand | None:
    """The command a DM types as text, or None when it is a message."""
    command = _parse(text)
    if command is not None and command.guessed:
        # Read without its mark: the classifier learnt that a leading "/" or "!" is a typed command.
        if classify(text.strip().strip("`").strip()[1:]) not in (Label.OTHER, Label.REQUEST):
            return None
    return command


def _parse(text: str) -> TypedCommand | None:
    if (found := _COMMAND_RE.fullmatch(text.strip().strip("`").strip())) is None:
        return None
    word, rest = found[1].casefold(), (found[2] or "").strip()
    if len(rest) > _ARGUMENT_MAX or word in _TONE_TAGS:
        return None
    if word == "get":
        return TypedCommand(Kind.GET, "get", rest)
    if word in _PRIVACY:
        return TypedCommand(Kind.PRIVACY, "privacy", "")
    if word in _HELP:
        # "/hilfe dienstplan", "/pomoc planer": help with a named thing is asking for it.
        return TypedCommand(Kind.GET, "get", rest, guessed=True) if rest else TypedCommand(Kind.HELP, "help", "")
    subcommand = rest.split(maxsplit=1)[0].casefold() if rest else ""
    if subcommand in SERVER_COMMANDS.get(word, ()):
        return TypedCommand(Kind.SERVER, f"{word} {subcommand}", "")
    # "/checklist", "/download planner", "/krijg weekplanner": the word may be the name itself.
    return TypedCommand(Kind.GET, "get", f"{word} {rest}".strip(), guessed=True)
