"""The one owner of a data folder: what state it is in, and every way to open or change it.

The window, its dialogs, the welcome and every command reach the data through a
:class:`DataFolder`: it creates the database of a fresh folder, opens it (with the
passphrase of a protected one) into :class:`~skolehjem_desktop.services.Services`,
restores a backup in its place, and turns the passphrase protection on, off or over to
a new passphrase. Nothing above the services sees a ``Database``; what the store
refuses reaches them worded in the user's language (:mod:`.refusals`).
"""

from __future__ import annotations

import contextlib
import errno
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from skolehjem_desktop import folder_lock
from skolehjem_desktop.config import backup_dir, database_path, resolve_data_dir
from skolehjem_desktop.services import Clock, Services, system_clock
from skolehjem_desktop.services.refusals import (
    DatabaseRefused,
    NewerDatabase,
    PassphraseNeeded,
    Refusal,
    StoreRefusal,
    WrongPassphrase,
    worded,
)

if TYPE_CHECKING:
    import os

    from skolehjem_desktop.services.backups import BackupInfo
    from skolehjem_desktop.services.protection import ProtectionResult

__all__ = [
    "DataFolder",
    "DatabaseRefused",
    "FolderBusy",
    "FolderState",
    "NewerDatabase",
    "PassphraseNeeded",
    "Profile",
    "Restored",
    "WrongPassphrase",
]

# What a failed first start may leave beside the database; removed again.
_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".rekey-new", ".rekey-old")

FolderBusy = folder_lock.FolderBusy
P = ParamSpec("P")
R = TypeVar("R")


def _alone(
    method: Callable[Concatenate[DataFolder, P], R],
) -> Callable[Concatenate[DataFolder, P], R]:
    """Run ``method`` with the data folder's lock for this process alone.

    A restore or a re-key replaces the database file, so no other process may have it
    open meanwhile: :class:`FolderBusy` (nothing done) names who has it.
    """

    @wraps(method)
    def call(self: DataFolder, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with folder_lock.alone(self.path):
            return method(self, *args, **kwargs)

    return call


class FolderState(StrEnum):
    FRESH = "fresh"  # no database yet: the welcome's case
    PLAIN = "plain"
    PROTECTED = "protected"  # encrypted with a passphrase (what is inside needs it to tell)
    DAMAGED = "damaged"  # a file this program cannot read: damaged, foreign or not a database
    NEWER = "newer"  # made by a newer version of the program


@dataclass(frozen=True)
class Profile:
    """What the welcome asks at the first start."""

    name: str
    initials: str
    school: str
    language: str
    demo: bool = False  # fill the new folder with the small demo school
    principles: str | None = None  # the preset of the school's principles (None: the law's)


@dataclass(frozen=True)
class Restored:
    services: Services  # the restored data, open
    info: BackupInfo  # what the backup held
    replaced_copy: Path | None  # the copy of what was replaced (None: there was nothing)


@dataclass(frozen=True)
class DataFolder:
    path: Path

    @classmethod
    def at(cls, where: str | os.PathLike[str] | None = None) -> DataFolder:
        """The folder named on the command line, by ``SKOLEHJEM_DATA_DIR``, or the user's."""
        return cls(resolve_data_dir(where))

    @property
    def database(self) -> Path:
        return database_path(self.path)

    @property
    def backups(self) -> Path:
        return backup_dir(self.path)

    def state(self) -> FolderState:
        """What the folder holds, read without changing anything (nothing is opened)."""
        from skolehjem_desktop.store.database import read_revision
        from skolehjem_desktop.store.schema import REVISIONS

        if self.is_fresh():
            return FolderState.FRESH
        if self.is_protected():
            return FolderState.PROTECTED
        try:
            revision = read_revision(self.database)
        except (DatabaseRefused, OSError):
            return FolderState.DAMAGED
        if revision is not None and revision not in REVISIONS:
            return FolderState.NEWER
        return FolderState.PLAIN

    def is_fresh(self) -> bool:
        return not self.database.exists()

    def is_protected(self) -> bool:
        """True when the data needs a passphrase (once an interrupted change is settled)."""
        from skolehjem_desktop.services import protection
        from skolehjem_desktop.store import crypto

        with contextlib.suppress(protection.FolderBusy):  # open() says so
            protection.settle(self.path)
        return crypto.is_encrypted(self.path)

    # --- opening ---------------------------------------------------------------------------

    @worded
    def open(
        self,
        passphrase: str | None = None,
        *,
        defer_backup: bool = False,
        clock: Clock = system_clock,
    ) -> Services:
        """The data, open (created, or upgraded after a backup, as needed).

        ``defer_backup`` leaves the day's rolling backup to :meth:`Services.keep_rolling_backup`
        (the window makes it once its lists are filled). Raises :class:`PassphraseNeeded`,
        :class:`WrongPassphrase`, :class:`NewerDatabase` or :class:`DatabaseRefused`;
        :class:`FolderBusy` while another process restores or re-keys the data.
        """
        from skolehjem_desktop.services import protection
        from skolehjem_desktop.services.backups.checking import remove_stale_copies
        from skolehjem_desktop.store.database import open_database

        remove_stale_copies()  # what a killed restore's check left in the temporary folder
        protection.settle(self.path)  # what an interrupted protection change left
        had_lock_file = folder_lock.lock_path(self.path).exists()
        try:
            hold = folder_lock.hold_shared(self.path)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                # not even the lock can be written: a read-only folder, said as such
                raise StoreRefusal(reason=Refusal.READ_ONLY, path=self.path) from exc
            raise
        try:
            db = open_database(self.path, passphrase, defer_backup=defer_backup)
        except BaseException:
            hold.release()
            if not had_lock_file:  # a refused folder is left as it was found
                folder_lock.remove_if_unused(self.path)
            raise
        return Services(db, clock, hold)

    @worded
    def check_passphrase(self, passphrase: str) -> None:
        """Raise :class:`WrongPassphrase` unless ``passphrase`` opens this folder's data."""
        from skolehjem_desktop.store import crypto

        crypto.check_key(self.database, passphrase)

    def opens_with(self, passphrase: str) -> bool:
        from skolehjem_desktop.store import crypto

        return crypto.opens_with(self.database, passphrase)

    @_alone
    def create(self, profile: Profile, passphrase: str | None = None) -> None:
        """Make the database of a fresh folder with the welcome's answers; all or nothing.

        On any failure the new database (and whatever was made beside it) is removed
        again, so the next start is a fresh start once more.
        """
        from skolehjem_desktop.services import protection
        from skolehjem_desktop.store import crypto

        had_backups = self.backups.exists()
        try:
            services = self.open()
            try:
                services.school.save_user(profile.name, profile.initials)
                if profile.school:
                    services.school.set_school_name(profile.school)
                services.school.set_language(profile.language)
                if profile.principles is not None:
                    services.principles.use(profile.principles)
                if profile.demo:
                    services.generate_demo(size="small")
            finally:
                services.close()
            if passphrase is not None:
                protection.encrypt(self.path, passphrase)
        except BaseException:
            for suffix in _SIDE_SUFFIXES:
                self.database.with_name(self.database.name + suffix).unlink(missing_ok=True)
            crypto.marker_path(self.path).unlink(missing_ok=True)
            if not had_backups:
                shutil.rmtree(self.backups, ignore_errors=True)
            raise

    # --- backups ---------------------------------------------------------------------------

    def latest_good_backup(self, passphrase: str | None = None) -> Path | None:
        from skolehjem_desktop.services.backups import latest_good_backup

        return latest_good_backup(self.path, passphrase)

    def refusal_with_backup(self, message: str, passphrase: str | None = None) -> str:
        """Why the data was refused, and which good backup the teacher can go back to."""
        from skolehjem_desktop.services.backups import offer_latest_backup

        return offer_latest_backup(self.path, message, passphrase)

    def inspect(self, backup: Path, passphrase: str | None = None) -> BackupInfo:
        from skolehjem_desktop.services.backups import inspect_backup

        return inspect_backup(backup, passphrase)

    @_alone
    def restore(
        self,
        backup: Path,
        *,
        current: Services | None = None,
        passphrase: str | None = None,
        backup_passphrase: str | None = None,
    ) -> Restored:
        """Put ``backup`` in place of the data and open it.

        ``current`` (the data open now, if any) is closed just before the swap; if the
        restore fails after that, it is opened again before the error is raised. The
        folder's ``passphrase`` (``current``'s when not given) opens an encrypted backup
        too, unless ``backup_passphrase`` is given, and locks the restored data.
        """
        from skolehjem_desktop.services.backups import restore_from

        key = passphrase if passphrase is not None or current is None else current.passphrase
        closed: list[bool] = []

        def close_current() -> None:
            if current is not None:
                current.close()
            closed.append(True)

        try:
            result = restore_from(
                self.path,
                Path(backup),
                engine_closer=close_current,
                passphrase=key,
                backup_passphrase=backup_passphrase,
            )
        except BaseException:
            if closed and current is not None:
                current.reopen(key)
            raise
        clock = current.clock if current is not None else system_clock
        hold = folder_lock.hold_shared(self.path)  # shared once the restore lets go
        return Restored(Services(result.db, clock, hold), result.info, result.replaced_copy)

    # --- protection ------------------------------------------------------------------------

    @_alone
    def protect(self, passphrase: str) -> ProtectionResult:
        """Protect the data and its backups with ``passphrase`` (an empty folder too)."""
        from skolehjem_desktop.services import protection

        protection.check_passphrase(passphrase)
        if self.is_fresh():
            self.open().close()  # an empty database, protected from the start
        return protection.encrypt(self.path, passphrase)

    @_alone
    def unprotect(self, passphrase: str) -> ProtectionResult:
        from skolehjem_desktop.services import protection

        return protection.decrypt(self.path, passphrase)

    @_alone
    def change_passphrase(self, old: str, new: str) -> ProtectionResult:
        from skolehjem_desktop.services import protection

        return protection.change_passphrase(self.path, old, new)
