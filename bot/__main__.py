"""Entry point: ``python -m bot`` runs the bot; ``check``, ``invite`` and ``classify`` are offline helpers.

Configuration is read here, once, and passed in. A wrong setting ends the process with one line
that says what to fix (exit status 2), never a traceback and never the token.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence

from dotenv import find_dotenv, load_dotenv

from bot.config import ConfigError, Settings, load_settings, prepare_data_dir
from bot.db.migrate import MigrationError
from bot.db.postgres import DatabaseUnavailable
from bot.ops.logs import setup_logging

log = logging.getLogger("bot")

EXIT_CONFIG = 2
EXIT_RUNTIME = 1


class UnreachableError(Exception):
    """Discord could not be reached: not a setting to fix, so exit 1 rather than 2."""


async def run_bot(settings: Settings) -> None:
    import aiohttp
    import discord

    from bot.app import HandoutBot

    bot = HandoutBot(settings)
    await bot.prepare()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with bot:
        runner = asyncio.create_task(bot.start(settings.token), name="handout-bot")
        stopper = asyncio.create_task(stop.wait(), name="handout-stop")
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("Signal received; shutting down")
            await bot.close()
        else:
            stopper.cancel()
        try:
            await runner
        except discord.LoginFailure:
            raise ConfigError(
                "Discord rejected DISCORD_TOKEN (401): reset the token on the Developer Portal's Bot page "
                "and paste the new one into .env."
            ) from None
        except discord.PrivilegedIntentsRequired:  # pragma: no cover - we request none
            raise ConfigError("Discord refused a privileged intent; Handout needs none.") from None
        except aiohttp.ClientConnectionError as exc:
            raise UnreachableError(f"cannot reach Discord ({exc}); check the network and try again.") from None


async def check(settings: Settings) -> int:
    """Validate the setup offline: data dir, database, migrations. Never contacts Discord."""
    from bot.db.backends import file_store, open_database
    from bot.db.migrate import current_version, load_migrations, migrate

    prepare_data_dir(settings)
    db = open_database(settings)
    await db.connect()
    try:
        before = await current_version(db)
        applied = await migrate(db)
        version = await current_version(db)
        resources = await db.fetchval("SELECT COUNT(*) FROM resources WHERE archived_at IS NULL")
        guilds = await db.fetchval("SELECT COUNT(DISTINCT guild_id) FROM resources WHERE archived_at IS NULL")
        stored = await file_store(settings, db).stored()
    finally:
        await db.close()
    print("Handout configuration is valid.")
    print(
        f"  token:        set ({len(settings.token)} characters, not shown)" if settings.token else "  token: not set"
    )
    print(f"  data dir:     {settings.data_dir.resolve()}")
    if settings.database_url is not None:
        print(f"  database:     PostgreSQL at {settings.database_url.described}")
    else:
        print(f"  database:     SQLite {settings.database_path.resolve()}")
    latest = load_migrations(backend=db.backend)[-1].version
    if applied:
        names = ", ".join(f"{m.version:04d}_{m.name}" for m in applied)
        print(f"  schema:       migrated {before} -> {version} ({names})")
    else:
        print(f"  schema:       version {version} (up to date; this Handout knows up to {latest})")
    print(f"  resources:    {resources} offered in {guilds} guild(s); {len(stored)} stored file(s)")
    print(f"  log level:    {settings.log_level}")
    dev = settings.dev_guild_id
    print(f"  command sync: {'guild ' + str(dev) + ' only (instant)' if dev else 'global (may take up to an hour)'}")
    return 0


def classify_stdin(explain: bool = False) -> int:
    """One label per line; with ``explain``, the label, a tab, and the rule that decided it."""
    from bot.core.classifier import classify_with_reason

    for line in sys.stdin:
        label, reason = classify_with_reason(line.rstrip("\n"))
        print(f"{label.value}\t{reason}" if explain else label.value, flush=True)
    return 0


def classify_eval(path: str, misses: bool = False) -> int:
    """Accuracy of the classifier on a labelled TSV (label, lang, text): overall, per label, per language,
    and the misses. Not a judging set's misses unless asked: whoever reads them starts tuning on them."""
    from pathlib import Path

    from bot.core.classifier_eval import EvalFileError, evaluate, format_report, load_tsv
    from bot.core.classifier_train import JUDGING_SETS

    try:
        rows = load_tsv(Path(path))
    except (OSError, UnicodeDecodeError, EvalFileError) as exc:
        print(f"handout: cannot read {path}: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    judging = Path(path).name in JUDGING_SETS
    print(format_report(evaluate(rows), path, show_misses=misses or not judging))
    if judging and not misses:
        print(f"  misses not shown: {Path(path).name} is kept for judging (--misses shows them)")
    return 0


def invite(settings: Settings, guild: str | None) -> int:
    from bot.ops.invite import InviteError, application_id, invite_url

    if guild is not None and (not guild.isdigit() or not 15 <= len(guild) <= 21):
        raise ConfigError(
            f"--guild {guild!r} is not a server id: right-click the server (Developer Mode on) > Copy Server ID."
        )
    try:
        client_id = application_id(settings.token)
    except InviteError as exc:
        raise ConfigError(str(exc)) from None
    print(invite_url(client_id, int(guild) if guild else None))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Handout, a Discord bot for creators.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="connect to Discord and serve (the default)")
    sub.add_parser("check", help="validate the configuration and database without connecting to Discord")
    classify = sub.add_parser("classify", help="read messages from stdin, print one label per line")
    classify.add_argument("--explain", action="store_true", help="also print the rule that decided each label")
    classify.add_argument("--eval", metavar="FILE.tsv", help="print accuracy on a labelled TSV (label, lang, text)")
    classify.add_argument("--misses", action="store_true", help="with --eval: list the misses of a judging set too")
    invite_parser = sub.add_parser("invite", help="print the link that installs Handout in a server (offline)")
    invite_parser.add_argument("--guild", metavar="ID", help="preselect this server in Discord's install dialog")
    args = parser.parse_args(argv)

    if args.command == "classify":
        return classify_eval(args.eval, args.misses) if args.eval else classify_stdin(explain=args.explain)

    # .env in the working directory (not next to this file); real environment variables win.
    load_dotenv(find_dotenv(usecwd=True))
    try:
        settings = load_settings()
        password = settings.database_url.password if settings.database_url else ""
        setup_logging(settings.log_level, settings.token, settings.log_format, password)
        if args.command == "invite":
            return invite(settings, args.guild)
        if args.command == "check":
            return asyncio.run(check(settings))
        prepare_data_dir(settings)
        asyncio.run(run_bot(settings))
        return 0
    except (ConfigError, MigrationError, DatabaseUnavailable) as exc:
        print(f"handout: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except UnreachableError as exc:
        print(f"handout: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
