"""Why the store refused a file: a reason and its facts, worded by the services.

The store knows no messages (it imports no translations). When it cannot use a file it
raises one of these with a :class:`Refusal` and the facts a message needs (the path, the
error, the revision); ``skolehjem_desktop.services.refusals`` words it in the user's
language before anyone shows it. The classes are :class:`UserError`\\ s, so a caller that
checks for them (offer a backup, ask for the passphrase again) keeps working.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path

from skolehjem_desktop.errors import UserError


class Refusal(StrEnum):
    NOT_OURS = "not_ours"  # no SQLite file, and not marked as protected
    NOT_OURS_OR_LOCKED = "not_ours_or_locked"  # no SQLite file, or a passphrase not given
    OTHER_PROGRAM = "other_program"  # SQLite, but not a Skolehjem database
    DAMAGED = "damaged"
    EMPTY = "empty"  # zero bytes where the data was, with backups beside it
    DISK_FULL = "disk_full"  # no room left on the disk that holds the data
    READ_ONLY = "read_only"  # a data folder (or file) this user cannot write
    NEWER = "newer"  # a schema revision this program does not know
    PASSPHRASE_NEEDED = "passphrase_needed"
    WRONG_PASSPHRASE = "wrong_passphrase"
    # a class file (store/class_file.py)
    NOT_A_CLASS_FILE = "not_a_class_file"
    NEWER_CLASS_FILE = "newer_class_file"  # a format this program does not know
    DAMAGED_CLASS_FILE = "damaged_class_file"  # truncated or changed after it was written
    WRONG_CLASS_PASSPHRASE = "wrong_class_passphrase"


# The services give a refusal its words when it is made (the store knows no messages):
# ``skolehjem_desktop.services.refusals`` sets this when it is imported.
wording: Callable[[Refusal, Mapping[str, object]], str] | None = None


class StoreRefusal(UserError):
    """A file the store would not use; it was left untouched.

    Raised by the store with ``reason`` and facts (its message is technical until the
    services word it), or by a service with a message already in the user's language.
    """

    def __init__(self, message: str = "", *, reason: Refusal | None = None, **facts: object):
        self.reason = reason
        self.facts = facts
        if not message and reason is not None and wording is not None:
            try:
                message = wording(reason, facts)
            except (KeyError, IndexError, ValueError):
                message = ""
        super().__init__(message or f"{reason}: {facts}")

    def reword(self, message: str) -> None:
        self.message = message
        self.args = (message,)


class DatabaseRefused(StoreRefusal):
    """The data file cannot be used by this program; it was left untouched."""


class NewerDatabase(DatabaseRefused):
    """The data was written by a newer version of the program; only that one may open it."""


class PassphraseNeeded(StoreRefusal):
    """The data folder is protected and no passphrase was given."""


class WrongPassphrase(StoreRefusal):
    """The passphrase does not open the database."""


class ClassFileRefused(StoreRefusal):
    """A class file that cannot be read: not one, newer, damaged, or a wrong passphrase."""


class DiskFull(StoreRefusal):
    """No room left on the disk that holds the data; nothing was changed."""


# Less free room than this, with a failed write, is a full disk.
NO_ROOM_BYTES = 1024 * 1024


def _free(folder: Path) -> int | None:
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def is_disk_full(exc: BaseException, folder: Path) -> bool:
    """Whether ``exc`` (or what caused it) is a write that failed for want of room."""
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        text = str(error).lower()
        if "database or disk is full" in text:
            return True
        if "disk i/o error" in text or isinstance(error, OSError):
            free = _free(folder)
            if free is not None and free < NO_ROOM_BYTES:
                return True
        error = error.__cause__ or error.__context__ or getattr(error, "orig", None)
    return False
