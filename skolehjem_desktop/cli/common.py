"""What every command shares: the parser's types, the data folder, the passphrase, output.

Every command module imports its helpers from here (public names, no private imports
across modules); nothing here imports a command module.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import time
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn

from skolehjem_desktop import i18n
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.data_folder import DataFolder

PROG = "skolehjem-desktop"
ENV_PASSPHRASE = "SKOLEHJEM_PASSPHRASE"
ENV_NEW_PASSPHRASE = "SKOLEHJEM_NEW_PASSPHRASE"


class CliError(UserError):
    """A wrong use of the command line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(message)


def school_year(value: str) -> int:
    """``2026`` or ``2026/27`` (the first year names the school year)."""
    text = value.strip()
    head, _sep, tail = text.partition("/")
    wrong = argparse.ArgumentTypeError(
        _("{value} is not a school year (write e.g. 2026 for 2026/27).").format(value=value)
    )
    if not head.isdigit() or len(head) != 4 or not 2000 <= int(head) <= 2100:
        raise wrong
    if tail and tail.zfill(2) != f"{(int(head) + 1) % 100:02d}":
        raise wrong
    return int(head)


def positive_id(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(_("{value} is not an id.").format(value=value))
    return int(value)


def language_hint(argv: Sequence[str]) -> str:
    """The language for messages before the arguments are parsed."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return i18n.system_language()


# --- the data folder and its passphrase ----------------------------------------------------


def data_folder(args: argparse.Namespace) -> DataFolder:
    """The data folder named by ``--data-dir``, ``SKOLEHJEM_DATA_DIR`` or the platform."""
    from skolehjem_desktop.services.data_folder import DataFolder

    return DataFolder.at(getattr(args, "data_dir", None))


def interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def prompt(text: str) -> str | None:
    """What the user types at a hidden prompt; None without a terminal."""
    if not interactive():
        return None
    try:
        return getpass.getpass(text)
    except EOFError:
        return None


def passphrase_for(args: argparse.Namespace) -> str | None:
    """The passphrase for the data folder, or None when it is not protected.

    From ``SKOLEHJEM_PASSPHRASE``, else a prompt when a terminal is attached; None
    without either (opening the data then says a passphrase is needed).
    """
    if not data_folder(args).is_protected():
        return None
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    return prompt(_("Passphrase: "))


def passphrase_needed(name: str) -> UserError:
    return UserError(
        _("A passphrase is needed: set {name} or run the command in a terminal.").format(name=name)
    )


WRONG_PASSPHRASE_PAUSE = 1.0  # seconds before a wrong passphrase is reported


def open_services(args: argparse.Namespace) -> Services:
    """The data, open; a refused file is named with the latest good backup to go back to."""
    from skolehjem_desktop.services.data_folder import (
        DatabaseRefused,
        NewerDatabase,
        WrongPassphrase,
    )

    folder = data_folder(args)
    passphrase = passphrase_for(args)
    try:
        return folder.open(passphrase)
    except WrongPassphrase:
        time.sleep(WRONG_PASSPHRASE_PAUSE)  # guessing in a loop is slow
        raise
    except DatabaseRefused as exc:
        if isinstance(exc, NewerDatabase):
            raise
        raise DatabaseRefused(folder.refusal_with_backup(exc.message, passphrase)) from None


# --- output --------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def print_json(rows: list[dict[str, Any]]) -> None:
    json.dump(
        [{k: jsonable(v) for k, v in row.items()} for row in rows],
        sys.stdout,
        ensure_ascii=False,
        indent=2,
    )
    sys.stdout.write("\n")


def print_json_object(value: dict[str, Any]) -> None:
    json.dump(jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def date_text(value: dt.date | None) -> str:
    """A date in a table, the way the user's language writes it (JSON keeps ISO)."""
    return i18n.active().short_date(value) if value else ""


def when_text(value: dt.datetime | None) -> str:
    return i18n.active().short_when(value) if value else ""


def shorten(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def class_id(services: Services, args: argparse.Namespace) -> int | None:
    if not args.class_name:
        return None
    return required_class_id(services, args)


def required_class_id(services: Services, args: argparse.Namespace) -> int:
    return services.classes.find(args.class_name, args.school_year).id
