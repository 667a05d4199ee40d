"""``encrypt``, ``decrypt``, ``change-passphrase`` and the passphrase of every command.

The passphrase comes from ``SKOLEHJEM_PASSPHRASE``, or from a prompt when a
terminal is attached. ``change-passphrase`` takes the new one from
``SKOLEHJEM_NEW_PASSPHRASE`` or a prompt (asked twice).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

ENV_PASSPHRASE = "SKOLEHJEM_PASSPHRASE"
ENV_NEW_PASSPHRASE = "SKOLEHJEM_NEW_PASSPHRASE"


def no_way_back() -> str:
    """The plain warning every way of turning protection on shows."""
    return _(
        "Keep the passphrase safe. There is no way back without it: if it is forgotten, "
        "nobody can open the data or its backups again, not even with this program."
    )


def add_parsers(sub: Any) -> None:
    """Add ``encrypt``, ``decrypt`` and ``change-passphrase`` to the command parsers."""
    sub.add_parser(
        "encrypt",
        help=_("protect the data folder and its backups with a passphrase"),
        description=no_way_back(),
    )
    sub.add_parser("decrypt", help=_("remove the passphrase protection"))
    sub.add_parser("change-passphrase", help=_("change the passphrase of the data folder"))


def _data_dir(args: argparse.Namespace) -> Path:
    from skolehjem_desktop.config import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _prompt(text: str) -> str | None:
    if not _interactive():
        return None
    try:
        return getpass.getpass(text)
    except EOFError:
        return None


def passphrase_for(args: argparse.Namespace) -> str | None:
    """The passphrase for the data folder, or None when it is not protected.

    From ``SKOLEHJEM_PASSPHRASE``, else a prompt when a terminal is attached; None
    without either (``open_database`` then says a passphrase is needed).
    """
    from skolehjem_desktop.store import crypto

    if not crypto.is_encrypted(_data_dir(args)):
        return None
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    return _prompt(_("Passphrase: "))


def _needed(name: str) -> UserError:
    return UserError(
        _("A passphrase is needed: set {name} or run the command in a terminal.").format(name=name)
    )


def _new_passphrase(env_name: str) -> str:
    env = os.environ.get(env_name)
    if env:
        return env
    first = _prompt(_("New passphrase: "))
    if first is None:
        raise _needed(env_name)
    second = _prompt(_("The new passphrase again: "))
    if first != second:
        raise UserError(_("The two passphrases differ. Nothing was changed."))
    return first


def cmd_encrypt(args: argparse.Namespace) -> int:
    from skolehjem_desktop.config import database_path
    from skolehjem_desktop.services import protection
    from skolehjem_desktop.store import crypto
    from skolehjem_desktop.store.database import open_database

    data_dir = _data_dir(args)
    if crypto.is_encrypted(data_dir):
        raise UserError(_("The data is already protected with a passphrase. Nothing was changed."))
    passphrase = _new_passphrase(ENV_PASSPHRASE)
    protection.check_passphrase(passphrase)
    if not database_path(data_dir).exists():
        open_database(data_dir).close()  # an empty database, protected from the start
    result = protection.encrypt(data_dir, passphrase)
    print(
        _("The data in {path} is now protected with the passphrase ({n} backups too).").format(
            path=data_dir, n=result.backups_converted
        )
    )
    print(no_way_back())
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services import protection

    data_dir = _data_dir(args)
    if not protection.is_protected(data_dir):
        raise UserError(_("The data is not protected. Nothing was changed."))
    passphrase = passphrase_for(args)
    if passphrase is None:
        raise _needed(ENV_PASSPHRASE)
    result = protection.decrypt(data_dir, passphrase)
    print(
        _("The data in {path} is no longer protected ({n} backups too).").format(
            path=data_dir, n=result.backups_converted
        )
    )
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services import protection

    data_dir = _data_dir(args)
    if not protection.is_protected(data_dir):
        raise UserError(_("The data is not protected. Nothing was changed."))
    old = passphrase_for(args)
    if old is None:
        raise _needed(ENV_PASSPHRASE)
    new = _new_passphrase(ENV_NEW_PASSPHRASE)
    result = protection.change_passphrase(data_dir, old, new)
    print(_("The passphrase was changed ({n} backups too).").format(n=result.backups_converted))
    print(no_way_back())
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "change-passphrase": cmd_change_passphrase,
}
