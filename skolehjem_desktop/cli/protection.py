"""``encrypt``, ``decrypt`` and ``change-passphrase``: the passphrase protection.

The passphrase of every command comes from ``SKOLEHJEM_PASSPHRASE``, or from a prompt
when a terminal is attached (:func:`skolehjem_desktop.cli.common.passphrase_for`).
``change-passphrase`` takes the new one from ``SKOLEHJEM_NEW_PASSPHRASE`` or a prompt
(asked twice).

Each first finishes or undoes what an interrupted run of any of them left (killed, or
the machine switched off): run again, an interrupted ``encrypt`` finishes the
protection instead of saying it is there already, and so on.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from skolehjem_desktop.cli.common import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    data_folder,
    interactive,
    passphrase_for,
    passphrase_needed,
    prompt,
)
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from skolehjem_desktop.services.data_folder import DataFolder
    from skolehjem_desktop.services.protection import Settled


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


def _new_passphrase(env_name: str) -> str:
    env = os.environ.get(env_name)
    if env:
        return env
    first = prompt(_("New passphrase: "))
    if first is None:
        raise passphrase_needed(env_name)
    second = prompt(_("The new passphrase again: "))
    if first != second:
        raise UserError(_("The two passphrases differ. Nothing was changed."))
    return first


def _finished(folder: DataFolder, operation: str) -> Settled | None:
    """Finish or undo what an interrupted run left; the settling when it finished ``operation``."""
    from skolehjem_desktop.services import protection

    settled = protection.settle(folder.path)
    if settled is not None and settled.finished and settled.operation == operation:
        return settled
    return None


def _plain_backups(folder: DataFolder) -> bool:
    """Plain backups in a protected folder (an earlier version was interrupted): encrypt
    with the folder's passphrase encrypts them."""
    from skolehjem_desktop.services import protection

    return bool(protection.plain_backups(folder.path))


def cmd_encrypt(args: argparse.Namespace) -> int:
    folder = data_folder(args)
    done = _finished(folder, "encrypt")
    if done is not None:
        print(
            _(
                "The protection that was interrupted is finished now: the data in {path} is "
                "protected with the passphrase chosen then ({n} backups too)."
            ).format(path=folder.path, n=done.backups)
        )
        print(no_way_back())
        return 0
    if folder.is_protected() and not _plain_backups(folder):
        raise UserError(_("The data is already protected with a passphrase. Nothing was changed."))
    passphrase = _new_passphrase(ENV_PASSPHRASE)
    result = folder.protect(passphrase)
    print(
        _("The data in {path} is now protected with the passphrase ({n} backups too).").format(
            path=folder.path, n=result.backups_converted
        )
    )
    print(no_way_back())
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    folder = data_folder(args)
    done = _finished(folder, "decrypt")
    if done is not None:
        print(
            _(
                "The removal of the protection that was interrupted is finished now: the "
                "data in {path} is no longer protected ({n} backups too)."
            ).format(path=folder.path, n=done.backups)
        )
        return 0
    if not folder.is_protected():
        raise UserError(_("The data is not protected. Nothing was changed."))
    passphrase = passphrase_for(args)
    if passphrase is None:
        raise passphrase_needed(ENV_PASSPHRASE)
    result = folder.unprotect(passphrase)
    print(
        _("The data in {path} is no longer protected ({n} backups too).").format(
            path=folder.path, n=result.backups_converted
        )
    )
    return 0


def _both_needed() -> UserError:
    return UserError(
        _(
            "Changing the passphrase needs both: the current passphrase in {old} and the "
            "new one in {new}, or run the command in a terminal. Nothing was changed."
        ).format(old=ENV_PASSPHRASE, new=ENV_NEW_PASSPHRASE)
    )


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    folder = data_folder(args)
    done = _finished(folder, "rekey")
    if done is not None:
        print(
            _(
                "The change of the passphrase that was interrupted is finished now: the "
                "passphrase is the new one chosen then ({n} backups too)."
            ).format(n=done.backups)
        )
        print(no_way_back())
        return 0
    if not folder.is_protected():
        raise UserError(_("The data is not protected. Nothing was changed."))
    old = passphrase_for(args)
    if old is None:
        raise _both_needed()
    if not os.environ.get(ENV_NEW_PASSPHRASE) and not interactive():
        raise _both_needed()
    new = _new_passphrase(ENV_NEW_PASSPHRASE)
    result = folder.change_passphrase(old, new)
    print(_("The passphrase was changed ({n} backups too).").format(n=result.backups_converted))
    print(no_way_back())
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "change-passphrase": cmd_change_passphrase,
}
