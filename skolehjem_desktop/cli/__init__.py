"""The command line: the same services as the window, headless.

One module per group of commands (``records``, ``documents``, ``messages``, ``backup``,
``privacy``, ``protection``, ``plan``, ``principles``, ``sheets``, ``class_files``), each with
``add_parsers`` and its
``COMMANDS``; what they share is public in ``common``. Errors the user can act on are
printed as one line on stderr with exit status 1; a bug prints an apology (and the
traceback only with ``SKOLEHJEM_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from skolehjem_desktop import __version__, i18n
from skolehjem_desktop.cli import (
    backup,
    class_files,
    documents,
    messages,
    plan,
    principles,
    privacy,
    protection,
    records,
    sheets,
)
from skolehjem_desktop.cli.common import PROG, CliError, Parser, language_hint
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

__all__ = ["PROG", "CliError", "build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description=_("School–home cooperation for contact teachers."),
    )
    parser.add_argument("--version", action="version", version=f"Skolehjem {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("the data folder to use"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("the language of this run"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    groups = (records, documents, messages, backup, privacy, protection, plan, principles)
    for group in (*groups, sheets, class_files):
        group.add_parsers(sub)
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    **records.COMMANDS,
    **documents.COMMANDS,
    **messages.COMMANDS,
    **backup.COMMANDS,
    **privacy.COMMANDS,
    **protection.COMMANDS,
    **plan.COMMANDS,
    **principles.COMMANDS,
    **sheets.COMMANDS,
    **class_files.COMMANDS,
}


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _data_folder_of(argv: Sequence[str]) -> Path | None:
    """The data folder of this run, for naming a full disk (None if it cannot be told)."""
    from skolehjem_desktop.config import resolve_data_dir

    args = list(argv)
    given = next(
        (args[i + 1] for i, a in enumerate(args[:-1]) if a == "--data-dir"),
        next((a.split("=", 1)[1] for a in args if a.startswith("--data-dir=")), None),
    )
    try:
        return resolve_data_dir(given)
    except Exception:
        return None


def _disk_full(exc: BaseException, folder: Path) -> bool:
    from skolehjem_desktop.services.refusals import is_disk_full

    return is_disk_full(exc, folder)


def _no_room(folder: Path) -> str:
    from skolehjem_desktop.services.refusals import Refusal, describe

    return describe(Refusal.DISK_FULL, path=folder)


# Everything the program makes (the data, its backups, the lock, the settings, a PDF or
# a class file, a folder for them, a temporary copy) is the user's alone.
PRIVATE_UMASK = 0o077


def run(argv: Sequence[str]) -> int:
    """Run the command line; returns the exit status."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)
    i18n.activate(language_hint(argv))
    from skolehjem_desktop.i18n import argparse_messages

    argparse_messages.install()
    try:
        args = build_parser().parse_args(list(argv))
        if args.lang:
            i18n.activate(args.lang)
        if args.command is None:
            from skolehjem_desktop.app import run_gui

            return run_gui(args.data_dir, args.lang)
        command = COMMANDS[args.command]
        from skolehjem_desktop import folder_lock

        folder_lock.set_role(args.command)  # who has the data, if a restore must ask
        return command(args)
    except BrokenPipeError:
        # The reader stopped reading (``list students | head -1``): it had what it wanted.
        _quiet_stdout()
        return 0
    except UserError as exc:
        print(f"{PROG}: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        folder = _data_folder_of(argv)
        if folder is not None and _disk_full(exc, folder):
            print(f"{PROG}: {_no_room(folder)}", file=sys.stderr)
            return 1
        if os.environ.get("SKOLEHJEM_DEBUG"):
            traceback.print_exc()
        print(
            f"{PROG}: "
            + _(
                "Sorry, something went wrong inside the program. Nothing more was changed. "
                "Run again with SKOLEHJEM_DEBUG=1 to see the details."
            ),
            file=sys.stderr,
        )
        return 70
