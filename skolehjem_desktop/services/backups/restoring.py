"""Restoring from a checked backup file in place of the data folder's database.

What it replaces is kept in ``backups/before-restore-<time>.sqlite``. The chosen file
is first copied into a staging file in the data folder and flushed; only then is the
database closed, its write-ahead log folded back in, and the staging file renamed over
the database: the rename is the commit point (see :mod:`skolehjem_desktop.services.backups`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skolehjem_desktop.config import backup_dir, database_path, ensure_private_dir
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.backups.checking import BackupInfo, checked_copy
from skolehjem_desktop.services.backups.files import (
    database_errors,
    fsync_dir,
    fsync_file,
    operational_errors,
    plain_file,
    remove_quietly,
    same_file,
    side_files,
    write_errors,
    write_failed,
)
from skolehjem_desktop.services.refusals import worded
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database, partial_of, timestamped_name
from skolehjem_desktop.store.database import Database, PassphraseNeeded, open_database

STAGING_SUFFIX = ".restore-staging"


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    db: Database  # the restored database, open (and migrated if it was older)
    replaced_copy: Path | None  # the copy of what was replaced (None: there was nothing)


def _fold_in_wal(live: Path, key: str | None = None) -> None:
    """Fold a write-ahead log left beside ``live`` into it, so nothing is lost by a rename.

    After the last connection closes cleanly SQLite has already done this and removed
    the log; this is for a log left by a crash. An old log must never sit beside the new
    file (SQLite would replay it onto the wrong database).
    """
    wal = live.with_name(live.name + "-wal")
    if not wal.exists():
        return
    if wal.stat().st_size > 0:
        try:
            conn = crypto.connect(live, key)
            try:
                conn.execute("PRAGMA busy_timeout = 5000")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("PRAGMA journal_mode=DELETE")
            finally:
                conn.close()
        except operational_errors() as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                # Not a Skolehjem process: those are kept out by the folder's lock.
                raise UserError(
                    _(
                        "The database is in use by another program or window. Close it "
                        "and try again; nothing was changed."
                    )
                ) from exc
            raise
        except database_errors():
            # A damaged database: its copy (file copy, log included) is already kept.
            pass
    remove_quietly(wal, live.with_name(live.name + "-shm"))


def _keep_replaced(live: Path, folder: Path, key: str | None = None) -> Path:
    """A copy of the database about to be replaced, in ``backups/`` (with its key)."""
    target = folder / timestamped_name("before-restore")
    n = 1
    while target.exists():
        target = folder / timestamped_name(f"before-restore-{n}")
        n += 1
    try:
        return backup_database(live, target, key)
    except database_errors():
        # Too damaged for the backup API: keep its bytes (and its log) as they are.
        remove_quietly(partial_of(target))
        damaged = target.with_name(target.stem + "-damaged.sqlite")
        shutil.copyfile(live, damaged)
        wal = live.with_name(live.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, damaged.with_name(damaged.name + "-wal"))
        return damaged


def _folder_key(data_dir: Path, passphrase: str | None) -> str | None:
    """The key the restored database gets: the folder's passphrase, None for a plain one."""
    if not crypto.is_encrypted(data_dir):
        return None
    if passphrase is None:
        raise PassphraseNeeded(
            _(
                "The data in {path} is protected with a passphrase. Give the passphrase "
                "to open it (on the command line: set SKOLEHJEM_PASSPHRASE)."
            ).format(path=data_dir)
        )
    return passphrase


def _write_staging(copy: Path, copy_key: str | None, staging: Path, key: str | None) -> None:
    """The checked copy, with the folder's ``key``, in ``staging``; checked again."""
    if copy_key == key:
        backup_database(copy, staging, key)
        return
    crypto.export_copy(copy, copy_key, staging, key)  # encrypt, decrypt or re-key
    expected = _counts(copy, copy_key)
    if _counts(staging, key) != expected:  # pragma: no cover - sqlcipher_export failed
        raise UserError(
            _("The file {path} could not be written ({error}). Nothing was changed.").format(
                path=staging, error="sqlcipher_export"
            )
        )


def _counts(path: Path, key: str | None) -> dict[str, int] | None:
    conn: Any = crypto.connect(path, key, read_only=True)
    try:
        return crypto.table_counts(conn) if crypto.integrity_ok(conn) else None
    finally:
        conn.close()


@worded
def restore_from(
    data_dir: Path,
    path: Path,
    *,
    engine_closer: Callable[[], None],
    passphrase: str | None = None,
    backup_passphrase: str | None = None,
) -> RestoreResult:
    """Replace the database in ``data_dir`` by the backup ``path`` and open it.

    ``engine_closer`` must close every connection to the current database (for the
    window: ``services.db.close``); it is called after the chosen file is checked and
    copied in, just before the swap, and only if the swap goes ahead. If this raises
    after ``engine_closer`` was called, the old database is still in place and the
    caller opens it again. The returned database is open; the caller closes it.

    ``passphrase`` is the data folder's (``db.passphrase``; needed when the folder is
    protected) and opens an encrypted backup too, unless ``backup_passphrase`` (a
    backup made before the passphrase was changed) is given. The restored database
    gets the folder's key: encrypted with ``passphrase`` in a protected folder (a plain
    backup is encrypted on the way in), plain in a plain folder (an encrypted backup is
    decrypted). The copy of what was replaced keeps the folder's key as well.
    """
    data_dir = Path(data_dir)
    ensure_private_dir(data_dir)
    live = database_path(data_dir)
    key = _folder_key(data_dir, passphrase)
    if (
        key is not None
        and (backup_passphrase is not None or plain_file(Path(path).expanduser()))
        and not crypto.opens_with(live, key)
    ):
        # The restored data is locked with the passphrase, so it must be the right one:
        # it opens the folder's database, or (that one damaged) the encrypted backup,
        # which the check below does.
        crypto.check_key(live, key)
    staging = live.with_name(live.name + STAGING_SUFFIX)
    remove_quietly(staging, *side_files(staging), partial_of(staging))
    with checked_copy(path, backup_passphrase or passphrase) as (info, copy, copy_key):
        if live.exists() and same_file(Path(path), live):
            raise UserError(
                _("{path} is the database in use; choose a backup file.").format(path=path)
            )
        try:
            _write_staging(copy, copy_key, staging, key)
            fsync_file(staging)
        except write_errors() as exc:
            remove_quietly(staging, *side_files(staging), partial_of(staging))
            raise write_failed(live, exc) from exc
        except BaseException:
            remove_quietly(staging, *side_files(staging), partial_of(staging))
            raise
    engine_closer()
    replaced: Path | None = None
    try:
        if live.exists():
            replaced = _keep_replaced(live, backup_dir(data_dir), key)
            _fold_in_wal(live, key)
        if os.name == "posix":
            staging.chmod(0o600)
        staging.replace(live)  # the commit point
        fsync_dir(data_dir)
    except write_errors() as exc:
        remove_quietly(staging)
        raise write_failed(live, exc) from exc
    except BaseException:
        remove_quietly(staging)
        raise
    remove_quietly(live.with_name(live.name + "-shm"), live.with_name(live.name + "-journal"))
    return RestoreResult(info=info, db=open_database(data_dir, key), replaced_copy=replaced)
