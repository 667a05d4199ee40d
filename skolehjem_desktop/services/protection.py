"""Protecting a data folder with a passphrase: turn it on, change it, turn it off.

Each use case re-keys the database safely: the new file is written beside the old
one with ``sqlcipher_export``, opened with the new key and checked (integrity and
the number of rows in every table), a copy of the old file is kept until the swap
is done, and the rename is the commit point: a process killed at any moment leaves
the old file or the new one, never neither. The backups in ``backups/`` follow the
database: encrypted with the same passphrase, re-keyed, or decrypted.

The database must not be open while this runs: the window closes its engine first
and calls :meth:`Database.reopen` afterwards.

There is no way back without the passphrase: nobody, not even the program, can
read a protected folder without it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.domain import rules
from skolehjem_desktop.errors import UserError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.problems import describe
from skolehjem_desktop.services.refusals import worded
from skolehjem_desktop.store import crypto

TEMP_SUFFIX = ".rekey-new"
OLD_SUFFIX = ".rekey-old"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

# For tests/e2e/test_kill_rekey.py only, which kills the process at a known step of a
# re-key: set to a step's name ("copied", "swapped" or "backups"), the re-key says so
# on stderr and waits there. The program never sets it and nothing else reads it;
# unset, as it always is for a teacher, the steps do nothing.
TEST_PAUSE_ENV = "SKOLEHJEM_TEST_ONLY_PAUSE_REKEY_AT"
TEST_PAUSE_SECONDS = 60  # the test kills at once; a run it missed carries on after this


class ProtectionError(UserError):
    """The folder is not in the state the use case needs; nothing was changed."""


@dataclass(frozen=True)
class ProtectionResult:
    """What a use case did: the database and how many backups it converted."""

    database: Path
    backups_converted: int


def is_protected(data_dir: Path) -> bool:
    """True when the folder's database is encrypted and needs a passphrase."""
    return crypto.is_encrypted(data_dir)


class WeakPassphrase(ValidationError):
    """A new passphrase that breaks the rules; nothing was changed."""


def check_passphrase(passphrase: str) -> None:
    """Raise :class:`WeakPassphrase` unless ``passphrase`` may protect a data folder."""
    try:
        rules.check_passphrase(passphrase)
    except rules.Invalid as error:
        raise WeakPassphrase(describe(error)) from None


@worded
def encrypt(data_dir: Path, passphrase: str) -> ProtectionResult:
    """Protect a plain data folder (its database and backups) with ``passphrase``."""
    check_passphrase(passphrase)
    path = _existing_database(data_dir)
    _clean_leftovers(path)
    if crypto.has_plain_header(path):
        crypto.marker_path(data_dir).write_text("", encoding="utf-8")
        _fsync_dir(data_dir)
        _rekey_file(path, None, passphrase)
    elif not crypto.opens_with(path, passphrase):
        # Already protected (with another passphrase), or not ours.
        raise ProtectionError(
            _("The data is already protected with a passphrase. Nothing was changed.")
        )
    # else: an earlier encrypt was interrupted after the swap; finish the backups.
    converted = _convert_backups(data_dir, (None,), passphrase)
    return ProtectionResult(database=path, backups_converted=converted)


@worded
def decrypt(data_dir: Path, passphrase: str) -> ProtectionResult:
    """Remove the protection: the database and backups become plain files again."""
    path = _existing_database(data_dir)
    _clean_leftovers(path)
    was_plain = crypto.has_plain_header(path)
    if not was_plain:
        crypto.check_key(path, passphrase)
        _rekey_file(path, passphrase, None)
    # A plain database: an earlier decrypt may have stopped before the backups.
    converted = _convert_backups(data_dir, (passphrase,), None)
    if was_plain and not converted and not crypto.is_marked(data_dir):
        raise ProtectionError(_("The data is not protected. Nothing was changed."))
    crypto.marker_path(data_dir).unlink(missing_ok=True)
    _fsync_dir(data_dir)
    return ProtectionResult(database=path, backups_converted=converted)


@worded
def change_passphrase(data_dir: Path, old: str, new: str) -> ProtectionResult:
    """Re-key a protected folder (database and backups) from ``old`` to ``new``."""
    check_passphrase(new)
    path = _existing_database(data_dir)
    _clean_leftovers(path)
    if crypto.has_plain_header(path):
        raise ProtectionError(_("The data is not protected. Nothing was changed."))
    if crypto.opens_with(path, new) and not crypto.opens_with(path, old):
        pass  # an earlier change was interrupted after the swap; finish the backups
    else:
        crypto.check_key(path, old)
        if old == new:
            raise ProtectionError(
                _("The new passphrase is the same as the old one. Nothing was changed.")
            )
        _rekey_file(path, old, new)
    converted = _convert_backups(data_dir, (old,), new)
    return ProtectionResult(database=path, backups_converted=converted)


def _test_pause(step: str) -> None:
    """Inert unless :data:`TEST_PAUSE_ENV` names ``step``: then stop here to be killed."""
    if os.environ.get(TEST_PAUSE_ENV) != step:
        return
    print(f"{TEST_PAUSE_ENV}={step}: paused", file=sys.stderr, flush=True)
    time.sleep(TEST_PAUSE_SECONDS)


def _existing_database(data_dir: Path) -> Path:
    path = database_path(data_dir)
    if not path.exists() or path.stat().st_size == 0:
        raise ProtectionError(_("There is no database in {path} to protect.").format(path=data_dir))
    return path


def _clean_leftovers(path: Path) -> None:
    """Files left by an interrupted re-key: a half-made new copy, a kept old one."""
    for leftover in (_temp(path), _old(path)):
        _remove(leftover)


def _temp(path: Path) -> Path:
    return path.with_name(path.name + TEMP_SUFFIX)


def _old(path: Path) -> Path:
    return path.with_name(path.name + OLD_SUFFIX)


def _remove(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
        candidate.unlink(missing_ok=True)


def _rekey_file(path: Path, old_key: str | None, new_key: str | None) -> None:
    """Replace ``path`` by a copy with ``new_key``; the rename is the commit point."""
    _fold_journal(path, old_key)
    expected = _counts(path, old_key)
    temp = _temp(path)
    _remove(temp)
    try:
        crypto.export_copy(path, old_key, temp, new_key)
        _verify(temp, new_key, expected)
        if os.name == "posix":
            temp.chmod(0o600)
        _fsync(temp)
    except BaseException:
        _remove(temp)
        raise
    _test_pause("copied")
    old_copy = _old(path)
    _remove(old_copy)
    try:
        os.link(path, old_copy)
    except OSError:
        import shutil

        shutil.copy2(path, old_copy)
    for suffix in SIDE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_size == 0:
            side.unlink()
    temp.replace(path)  # the commit point
    _fsync_dir(path.parent)
    _test_pause("swapped")
    _remove(old_copy)
    _fsync_dir(path.parent)


def _fold_journal(path: Path, key: str | None) -> None:
    """Move everything from the WAL into the file and leave no journal beside it.

    The renamed-in file must never meet the old file's WAL.
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
        raise ProtectionError(
            _(
                "The database is in use by another program or window. Close it and try "
                "again; nothing was changed."
            )
        )


def _counts(path: Path, key: str | None) -> dict[str, int]:
    conn = crypto.connect(path, key, read_only=True)
    try:
        return crypto.table_counts(conn)
    finally:
        conn.close()


def _verify(path: Path, key: str | None, expected: dict[str, int]) -> None:
    """The new copy opens with its key, is intact and holds every row."""
    if key is None and not crypto.has_plain_header(path):
        raise ProtectionError(_("The decrypted copy could not be checked. Nothing was changed."))
    if key is not None and crypto.has_plain_header(path):
        raise ProtectionError(_("The encrypted copy could not be checked. Nothing was changed."))
    if not crypto.opens_with(path, key):
        raise ProtectionError(_("The new copy could not be opened. Nothing was changed."))
    conn = crypto.connect(path, key, read_only=True)
    try:
        intact = crypto.integrity_ok(conn)
        counts = crypto.table_counts(conn)
    finally:
        conn.close()
    if not intact or counts != expected:
        raise ProtectionError(_("The new copy could not be checked. Nothing was changed."))


def _convert_backups(data_dir: Path, old_keys: tuple[str | None, ...], new_key: str | None) -> int:
    """Give every backup in ``backups/`` the key ``new_key``; returns how many changed.

    A backup that already opens with ``new_key`` is left alone (so an interrupted run
    can be repeated); one that opens with none of the keys is left as it is.
    """
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return 0
    for stale in folder.glob(f"*{TEMP_SUFFIX}*"):
        stale.unlink(missing_ok=True)
    converted = 0
    for backup in sorted(folder.iterdir()):
        if not backup.is_file() or backup.suffix not in {".sqlite", ".partial"}:
            continue
        if backup.suffix == ".partial":
            backup.unlink(missing_ok=True)  # a half-written copy: never a backup
            continue
        if backup.stat().st_size == 0 or _is_in_state(backup, new_key):
            continue
        source_key = next((k for k in old_keys if _is_in_state(backup, k)), _NOT_FOUND)
        if source_key is _NOT_FOUND:
            continue
        assert not isinstance(source_key, _Missing)
        _convert_file(backup, source_key, new_key)
        converted += 1
        _test_pause("backups")
    _fsync_dir(folder)
    return converted


class _Missing:
    pass


_NOT_FOUND = _Missing()


def _is_in_state(path: Path, key: str | None) -> bool:
    if key is None:
        return crypto.has_plain_header(path) and crypto.opens_with(path, None)
    return not crypto.has_plain_header(path) and crypto.opens_with(path, key)


def _convert_file(path: Path, old_key: str | None, new_key: str | None) -> None:
    temp = path.with_name(path.name + TEMP_SUFFIX)
    _remove(temp)
    try:
        expected = _counts(path, old_key)
        crypto.export_copy(path, old_key, temp, new_key)
        _verify(temp, new_key, expected)
        if os.name == "posix":
            temp.chmod(0o600)
        _fsync(temp)
    except BaseException:
        _remove(temp)
        raise
    temp.replace(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        _fsync(path)
