"""``backup --out FILE`` and ``restore FILE [--yes]`` on the command line.

Wired into :mod:`skolehjem_desktop.cli` by ``add_parsers(sub)`` and :data:`COMMANDS`.
Errors are :class:`UserError`\\s: ``cli.run`` prints them as one line and exits 1.

A protected data folder's passphrase comes from ``SKOLEHJEM_PASSPHRASE`` or a prompt
(:func:`skolehjem_desktop.cli.common.passphrase_for`); so does the passphrase of an
encrypted backup restored into a plain folder (which then gets plain data).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skolehjem_desktop.cli.common import ENV_PASSPHRASE, data_folder, passphrase_for
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _


def add_parsers(sub: Any) -> None:
    """Add ``backup`` and ``restore`` to the command line's sub-parsers."""
    backup = sub.add_parser("backup", help=_("write a backup of the data to a file"))
    backup.add_argument("--out", metavar="FILE", required=True, help=_("the backup file"))
    restore = sub.add_parser("restore", help=_("replace the data by a backup file"))
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help=_("do not ask before replacing"))


def cmd_backup(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.backups import backup_to, describe_backup

    folder = data_folder(args)
    if not folder.database.is_file():
        raise UserError(_("There is no database in {path} to back up.").format(path=folder.path))
    services = folder.open(passphrase_for(args))
    try:
        info = backup_to(services, Path(args.out))
    finally:
        services.close()
    print(_("Backup written: {what}").format(what=describe_backup(info)))
    return 0


def _ask(question: str) -> bool:
    print(question, end=" ", flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().casefold() in {"y", "yes", "j", "ja"}


def _backup_passphrase(path: Path) -> str | None:
    """The passphrase of an encrypted backup when the data folder has none of its own."""
    from skolehjem_desktop.services.backups import is_encrypted_file

    if not is_encrypted_file(path):
        return None  # plain, or unreadable: inspect_backup says why
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    try:
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(_("Passphrase: "))
    except (AttributeError, ValueError, EOFError):
        return None


def cmd_restore(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.backups import describe_backup

    folder = data_folder(args)
    data_dir = folder.path
    path = Path(args.file)
    passphrase = passphrase_for(args)  # the data folder's (None: it is not protected)
    backup_passphrase = None if passphrase is not None else _backup_passphrase(path)
    info = folder.inspect(path, passphrase or backup_passphrase)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                _(
                    "Restoring replaces all data in {path}. Add --yes to do it without "
                    "being asked; nothing was changed."
                ).format(path=data_dir)
            )
        print(describe_backup(info))
        if folder.database.exists():
            print(_("The data now in {path} is kept as a backup first.").format(path=data_dir))
        if not _ask(_("Replace the data in {path} by this backup? [y/N]").format(path=data_dir)):
            print(_("Nothing was changed."))
            return 1
    result = folder.restore(path, passphrase=passphrase, backup_passphrase=backup_passphrase)
    result.services.close()
    print(_("Restored: {what}").format(what=describe_backup(result.info)))
    if result.replaced_copy is not None:
        print(_("The data it replaced was kept in {path}.").format(path=result.replaced_copy))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
}
