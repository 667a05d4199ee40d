"""Protecting a data folder with a passphrase: turn it on, change it, turn it off.

Each use case changes the database and every backup in ``backups/`` together, and
safely (:mod:`.protection_files` has the steps): every file first gets a new copy
beside it, written with ``sqlcipher_export``, opened with its key and checked
(integrity and the number of rows in every table); then a journal in the data folder
says the change is under way (the commit point); then every copy is renamed over its
file. A process killed at any moment leaves either the old files and copies that the
next look at the folder removes, or a journal whose copies the next look renames in
(:func:`settle`; opening the folder does it, and so does running the command again).
No passphrase is needed for that, and none is ever written to a file.

The database must not be open while this runs: the window closes its engine first
and calls :meth:`Database.reopen` afterwards.

There is no way back without the passphrase: nobody, not even the program, can
read a protected folder without it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.domain import rules
from skolehjem_desktop.errors import UserError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.problems import describe
from skolehjem_desktop.services import protection_files as files
from skolehjem_desktop.services.backups.files import fsync_dir, fsync_file
from skolehjem_desktop.services.protection_files import (
    OLD_SUFFIX,
    TEMP_SUFFIX,
    TEST_PAUSE_ENV,
    FolderBusy,
    Operation,
    Settled,
    Target,
)
from skolehjem_desktop.services.refusals import worded
from skolehjem_desktop.store import crypto

__all__ = [
    "OLD_SUFFIX",
    "TEMP_SUFFIX",
    "TEST_PAUSE_ENV",
    "FolderBusy",
    "Operation",
    "ProtectionError",
    "ProtectionResult",
    "Settled",
    "WeakPassphrase",
    "change_passphrase",
    "check_passphrase",
    "decrypt",
    "encrypt",
    "is_protected",
    "plain_backups",
    "settle",
]


class ProtectionError(UserError):
    """The folder is not in the state the use case needs; nothing was changed."""


@dataclass(frozen=True)
class ProtectionResult:
    """What a use case did: the database and how many backups it converted."""

    database: Path
    backups_converted: int
    finished_earlier: bool = False  # an interrupted run of the same change was finished


def is_protected(data_dir: Path) -> bool:
    """True when the folder's database is encrypted and needs a passphrase."""
    return crypto.is_encrypted(data_dir)


def settle(data_dir: Path) -> Settled | None:
    """Finish or undo a change an interrupted run left (no passphrase needed).

    Raises :class:`FolderBusy` when a change is at work in another process.
    """
    return files.settle(data_dir)


class WeakPassphrase(ValidationError):
    """A new passphrase that breaks the rules; nothing was changed."""


def check_passphrase(passphrase: str) -> None:
    """Raise :class:`WeakPassphrase` unless ``passphrase`` may protect a data folder."""
    try:
        rules.check_passphrase(passphrase)
    except rules.Invalid as error:
        raise WeakPassphrase(describe(error)) from None


def _already_protected() -> ProtectionError:
    return ProtectionError(
        _("The data is already protected with a passphrase. Nothing was changed.")
    )


def _not_protected() -> ProtectionError:
    return ProtectionError(_("The data is not protected. Nothing was changed."))


def _finished(settled: Settled | None, operation: Operation) -> bool:
    return settled is not None and settled.finished and settled.operation is operation


@worded
def encrypt(data_dir: Path, passphrase: str) -> ProtectionResult:
    """Protect a plain data folder (its database and backups) with ``passphrase``."""
    check_passphrase(passphrase)
    path = _existing_database(data_dir)
    with files.exclusive(data_dir):
        settled = files.settle_locked(data_dir)
        if crypto.has_plain_header(path):
            return _change(data_dir, Operation.ENCRYPT, passphrase, (None,), database=(None,))
        if not crypto.opens_with(path, passphrase):
            raise _already_protected()
        if plain_backups(data_dir):  # left plain by an earlier version, or put there
            result = _change(data_dir, Operation.ENCRYPT, passphrase, (None,), database=None)
            return ProtectionResult(path, result.backups_converted, finished_earlier=True)
        if _finished(settled, Operation.ENCRYPT):
            assert settled is not None
            return ProtectionResult(path, settled.backups, finished_earlier=True)
        raise _already_protected()


@worded
def decrypt(data_dir: Path, passphrase: str) -> ProtectionResult:
    """Remove the protection: the database and backups become plain files again."""
    path = _existing_database(data_dir)
    with files.exclusive(data_dir):
        settled = files.settle_locked(data_dir)
        if not crypto.has_plain_header(path):
            crypto.check_key(path, passphrase)
            return _change(data_dir, Operation.DECRYPT, None, (passphrase,), database=(passphrase,))
        # A plain database: backups an earlier version left encrypted follow it.
        result = _change(data_dir, Operation.DECRYPT, None, (passphrase,), database=None)
        marked = crypto.is_marked(data_dir)
        crypto.marker_path(data_dir).unlink(missing_ok=True)
        earlier = _finished(settled, Operation.DECRYPT)
        if not (result.backups_converted or marked or earlier):
            raise _not_protected()
        converted = result.backups_converted + (settled.backups if settled and earlier else 0)
        return ProtectionResult(path, converted, finished_earlier=True)


@worded
def change_passphrase(data_dir: Path, old: str, new: str) -> ProtectionResult:
    """Re-key a protected folder (database and backups) from ``old`` to ``new``."""
    check_passphrase(new)
    path = _existing_database(data_dir)
    with files.exclusive(data_dir):
        settled = files.settle_locked(data_dir)
        if crypto.has_plain_header(path):
            raise _not_protected()
        if not crypto.opens_with(path, old):
            if old == new or not crypto.opens_with(path, new):
                crypto.check_key(path, old)  # says the passphrase is wrong
            # Changed already (an interrupted run): backups still on the old key follow.
            result = _change(data_dir, Operation.REKEY, new, (old, None), database=None)
            earlier = settled.backups if settled and _finished(settled, Operation.REKEY) else 0
            return ProtectionResult(path, result.backups_converted + earlier, True)
        if old == new:
            raise ProtectionError(
                _("The new passphrase is the same as the old one. Nothing was changed.")
            )
        return _change(data_dir, Operation.REKEY, new, (old, None), database=(old,))


def _existing_database(data_dir: Path) -> Path:
    path = database_path(data_dir)
    if not path.exists() or path.stat().st_size == 0:
        raise ProtectionError(_("There is no database in {path} to protect.").format(path=data_dir))
    return path


def _change(
    data_dir: Path,
    operation: Operation,
    new_key: str | None,
    sources: tuple[str | None, ...],
    *,
    database: tuple[str | None] | None,
) -> ProtectionResult:
    """Give the database (``database``: its key now; None: leave it) and every backup
    that opens with one of ``sources`` the key ``new_key`` (None: plain).

    Copies, journal, swap (see :mod:`.protection_files`). A failure before the journal
    is written removes every copy and changes nothing; after it, the change is done
    by whoever looks at the folder next.
    """
    path = database_path(data_dir)
    target = Target.PLAIN if new_key is None else Target.ENCRYPTED
    made: list[Path] = []
    try:
        if database is not None:
            _fold_wal(path, database[0])
            made.append(_make_copy(path, database[0], new_key))
            files.test_pause("copied")
        made += _copy_backups(data_dir, sources, new_key)
        if not made:
            return ProtectionResult(path, 0)
        fsync_dir(backup_dir(data_dir))
        if not all(copy.exists() for copy in made):
            raise _in_use()  # someone else removed a copy: do not commit half of it
        if target is Target.ENCRYPTED:
            crypto.marker_path(data_dir).write_text("", encoding="utf-8")
        files.write_journal(data_dir, operation, target)  # the commit point
    except BaseException:
        for copy in made:
            files.remove_copy(copy)
        if crypto.has_plain_header(path):
            crypto.marker_path(data_dir).unlink(missing_ok=True)
        raise
    settled = files.settle_locked(data_dir)  # the swap, as the next look would do it
    if settled is None or not settled.finished:
        raise _in_use()  # the old file was written to meanwhile: the copies are gone again
    return ProtectionResult(path, settled.backups)


def plain_backups(data_dir: Path) -> list[Path]:
    """The backups in ``backups/`` that are plain SQLite files (read only, no key)."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return [
        p
        for p in sorted(folder.glob("*.sqlite"))
        if p.is_file() and p.stat().st_size > 0 and crypto.has_plain_header(p)
    ]


def _copy_backups(
    data_dir: Path, sources: tuple[str | None, ...], new_key: str | None
) -> list[Path]:
    """A copy with ``new_key`` of each backup that opens with one of ``sources``.

    A backup in the new state already, or that opens with none of them, is left as it
    is; a half-written one (``.partial``) is removed: it was never a backup.
    """
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    for partial in folder.glob("*.partial"):
        partial.unlink(missing_ok=True)
    made: list[Path] = []
    try:
        for backup in sorted(folder.glob("*.sqlite")):
            if not backup.is_file() or backup.stat().st_size == 0:
                continue
            if crypto.has_plain_header(backup):
                if new_key is None or None not in sources:
                    continue  # plain already (or not to be touched)
                keys: tuple[str | None, ...] = (None,)
            else:
                keys = tuple(k for k in sources if k is not None and k != new_key)
            for key in keys:
                try:
                    made.append(_make_copy(backup, key, new_key))
                except crypto.WrongPassphrase:
                    continue  # another key, perhaps; with none, left as it is
                break
    except BaseException:
        for copy in made:
            files.remove_copy(copy)
        raise
    return made


def _make_copy(source: Path, key: str | None, new_key: str | None) -> Path:
    """Write ``source`` with ``new_key`` to its copy beside it, checked and on disk."""
    copy = files.temp_of(source)
    files.remove_copy(copy)
    try:
        expected = crypto.export_copy(source, key, copy, new_key, scratch=True)
        _verify(copy, new_key, expected)
        if os.name == "posix":
            copy.chmod(0o600)
        fsync_file(copy)
    except BaseException:
        files.remove_copy(copy)
        raise
    return copy


def _in_use() -> ProtectionError:
    return ProtectionError(
        _(
            "The database is in use by another program or window. Close it and try "
            "again; nothing was changed."
        )
    )


def _fold_wal(path: Path, key: str | None) -> None:
    """Move everything from the WAL into the file and leave no journal beside it.

    The renamed-in copy must never meet the old file's WAL.
    """
    conn = crypto.connect(path, key)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        conn.close()
    wal = path.with_name(path.name + "-wal")
    if str(mode).lower() != "delete" or (wal.exists() and wal.stat().st_size > 0):
        raise _in_use()


def _verify(path: Path, key: str | None, expected: dict[str, int]) -> None:
    """The new copy opens with its key, is intact and holds every row."""
    if key is None and not crypto.has_plain_header(path):
        raise ProtectionError(_("The decrypted copy could not be checked. Nothing was changed."))
    if key is not None and crypto.has_plain_header(path):
        raise ProtectionError(_("The encrypted copy could not be checked. Nothing was changed."))
    with crypto.quiet_stderr():
        try:
            conn = crypto.connect(path, key, read_only=True)
            try:
                intact = crypto.integrity_ok(conn)
                counts = crypto.table_counts(conn)
            finally:
                conn.close()
        except Exception:
            raise ProtectionError(
                _("The new copy could not be opened. Nothing was changed.")
            ) from None
    if not intact or counts != expected:
        raise ProtectionError(_("The new copy could not be checked. Nothing was changed."))
