"""Why the store refused a file: a reason and its facts, worded by the services.

The store knows no messages (it imports no translations). When it cannot use a file it
raises one of these with a :class:`Refusal` and the facts a message needs (the path, the
error, the revision); ``skolehjem_desktop.services.refusals`` words it in the user's
language before anyone shows it. The classes are :class:`UserError`\\ s, so a caller that
checks for them (offer a backup, ask for the passphrase again) keeps working.
"""

from __future__ import annotations

from enum import StrEnum

from skolehjem_desktop.errors import UserError


class Refusal(StrEnum):
    NOT_OURS = "not_ours"  # no SQLite file, and not marked as protected
    NOT_OURS_OR_LOCKED = "not_ours_or_locked"  # no SQLite file, or a passphrase not given
    OTHER_PROGRAM = "other_program"  # SQLite, but not a Skolehjem database
    DAMAGED = "damaged"
    EMPTY = "empty"  # zero bytes where the data was, with backups beside it
    NEWER = "newer"  # a schema revision this program does not know
    PASSPHRASE_NEEDED = "passphrase_needed"
    WRONG_PASSPHRASE = "wrong_passphrase"
    # a class file (store/class_file.py)
    NOT_A_CLASS_FILE = "not_a_class_file"
    NEWER_CLASS_FILE = "newer_class_file"  # a format this program does not know
    DAMAGED_CLASS_FILE = "damaged_class_file"  # truncated or changed after it was written
    WRONG_CLASS_PASSPHRASE = "wrong_class_passphrase"


class StoreRefusal(UserError):
    """A file the store would not use; it was left untouched.

    Raised by the store with ``reason`` and facts (its message is technical until the
    services word it), or by a service with a message already in the user's language.
    """

    def __init__(self, message: str = "", *, reason: Refusal | None = None, **facts: object):
        self.reason = reason
        self.facts = facts
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
