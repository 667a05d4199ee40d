"""The store's refusals (:mod:`skolehjem_desktop.store.refusals`) in the user's language.

Every service that opens, checks or copies a database file lets the store's refusal pass
through :func:`worded_refusals`, which gives it its message; the exception keeps its
class, so the window and the command line can still tell a newer database from a
damaged one, or a missing passphrase from a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.store import refusals as _store
from skolehjem_desktop.store.refusals import (
    ClassFileRefused,
    DatabaseRefused,
    DiskFull,
    NewerDatabase,
    PassphraseNeeded,
    Refusal,
    StoreRefusal,
    WrongPassphrase,
    is_disk_full,
)

__all__ = [
    "ClassFileRefused",
    "DatabaseRefused",
    "DiskFull",
    "NewerDatabase",
    "PassphraseNeeded",
    "Refusal",
    "StoreRefusal",
    "WrongPassphrase",
    "describe",
    "is_disk_full",
    "worded_refusals",
]

P = ParamSpec("P")
R = TypeVar("R")

MESSAGES: dict[Refusal, str] = {
    Refusal.NOT_OURS: N_("The file {path} is not a Skolehjem database. It was left untouched."),
    Refusal.NOT_OURS_OR_LOCKED: N_(
        "The file {path} is not a Skolehjem database, or it is protected with a "
        "passphrase that was not given. It was left untouched."
    ),
    Refusal.OTHER_PROGRAM: N_(
        "The file {path} is a database of another program. It was left untouched."
    ),
    Refusal.DAMAGED: N_("The database {path} is damaged and cannot be opened ({error})."),
    Refusal.READ_ONLY: N_(
        "The data folder {path} cannot be written (it is read-only, or it belongs to "
        "another user), and Skolehjem must write what you type. Nothing was changed. "
        "Make the folder writable, or copy it to a folder of your own."
    ),
    Refusal.DISK_FULL: N_(
        "There is no room left on the disk that holds {path}. Nothing was changed, and "
        "your data is as it was. Make room on the disk (delete or move large files), "
        "then try again."
    ),
    Refusal.EMPTY: N_(
        "The database {path} is empty (0 bytes), but there are backups beside it: the data "
        "was lost from the file. It was left untouched; restore the latest good backup."
    ),
    Refusal.NEWER: N_(
        "The database {path} was made by a newer version of Skolehjem "
        "(schema {revision}). Install the newer version to open it; "
        "the file was left untouched."
    ),
    Refusal.PASSPHRASE_NEEDED: N_(
        "The data in {path} is protected with a passphrase. Give the passphrase "
        "to open it (on the command line: set SKOLEHJEM_PASSPHRASE)."
    ),
    Refusal.WRONG_PASSPHRASE: N_(
        "The passphrase is wrong. Nothing was opened or changed; try again."
    ),
    Refusal.NOT_A_CLASS_FILE: N_(
        "The file {path} is not a Skolehjem class file. Nothing was read or changed."
    ),
    Refusal.NEWER_CLASS_FILE: N_(
        "The class file {path} was made by a newer version of Skolehjem (format {format}). "
        "Install the newer version to read it; nothing was changed."
    ),
    Refusal.DAMAGED_CLASS_FILE: N_(
        "The class file {path} is damaged or incomplete (perhaps it was not copied to the "
        "end). Nothing was read or changed; ask your colleague for the file again."
    ),
    Refusal.WRONG_CLASS_PASSPHRASE: N_(
        "The passphrase does not open the class file {path}. Nothing was read or changed; "
        "try again."
    ),
}


def describe(reason: Refusal, **facts: object) -> str:
    return _(MESSAGES[reason]).format(**facts)


_store.wording = lambda reason, facts: describe(reason, **facts)


@contextmanager
def worded_refusals() -> Iterator[None]:
    """Give a refusal of the store that passes through here its message."""
    try:
        yield
    except StoreRefusal as refusal:
        if refusal.reason is not None:
            refusal.reword(describe(refusal.reason, **refusal.facts))
        raise


def worded(function: Callable[P, R]) -> Callable[P, R]:
    """The decorator form of :func:`worded_refusals`."""

    @wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        with worded_refusals():
            return function(*args, **kwargs)

    return call
