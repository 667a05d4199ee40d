"""Backing up to a file the teacher chooses, checking such a file, and restoring from it.

* :func:`backup_to` copies the open database with SQLite's backup API into a temporary
  file beside the target, flushes it to the disk and renames it into place: a
  half-written backup never carries the chosen name, and a failure (a full USB stick)
  leaves no temporary file behind.
* :func:`inspect_backup` checks a file without touching it: it is a SQLite file, it is
  ours, its schema is one this program knows (or can migrate), and a copy of it passes
  ``PRAGMA integrity_check``. It says what the file holds: classes, pupils, school years
  and the file's date.
* :func:`restore_from` puts a checked file in place of the data folder's database,
  keeping a copy of what it replaces in ``backups/before-restore-<time>.sqlite``.
* :func:`latest_good_backup` finds the newest automatic backup that passes the checks,
  for the message about a corrupt database.

Restoring and a killed process: the chosen file is first copied (backup API) into a
staging file in the data folder and flushed; only then is the database closed (the
caller's ``engine_closer``), its write-ahead log folded back in, and the staging file
renamed over the database. The rename is the commit point: a process killed before it
leaves the old database, killed after it the new one. A staging file left by a killed
restore holds nothing the teacher needs and is removed by the next restore.

Passphrases (see :mod:`skolehjem_desktop.store.crypto`): a backup of a protected
database is encrypted with the same passphrase. :func:`inspect_backup` opens an
encrypted file with the passphrase it is given (none or a wrong one: refused, the file
untouched). A restore writes the data with the key of the *data folder*: a protected
folder gets its passphrase whether the backup was plain or encrypted; a plain folder
gets a plain database, even from an encrypted backup (protect it again afterwards).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skolehjem_desktop.config import backup_dir, database_path, ensure_private_dir
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.refusals import worded
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database, timestamped_name
from skolehjem_desktop.store.database import (
    SQLITE_HEADER,
    Database,
    DatabaseRefused,
    PassphraseNeeded,
    open_database,
)
from skolehjem_desktop.store.schema import HEAD, REVISIONS

STAGING_SUFFIX = ".restore-staging"
MIN_ENCRYPTED_SIZE = 1024  # smaller files without a SQLite header are no database at all
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class BackupRefused(DatabaseRefused):
    """A file that cannot be restored: not SQLite, not ours, damaged, or from a newer version.

    The file was left untouched.
    """


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds."""

    path: Path
    revision: str
    classes: int
    pupils: int
    school_years: tuple[int, ...]
    date: dt.datetime  # when the file was last written
    size: int
    encrypted: bool = False  # protected with a passphrase

    @property
    def needs_upgrade(self) -> bool:
        """The file comes from an older version; restoring it migrates it."""
        return self.revision != HEAD


# --- small file helpers ---------------------------------------------------------------------


def _db_errors() -> tuple[type[Exception], ...]:
    """The errors of both drivers (sqlite3 and SQLCipher's)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi2.Error)


def _write_errors() -> tuple[type[Exception], ...]:
    return (OSError, *_db_errors())


def _operational_errors() -> tuple[type[Exception], ...]:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, dbapi2.OperationalError)


def _database_errors() -> tuple[type[Exception], ...]:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename still stands
        pass
    finally:
        os.close(fd)


def _remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def _write_failed(target: Path, exc: BaseException) -> UserError:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return UserError(
            _(
                "There is not enough room to write {path}. Nothing was changed; "
                "free some space or choose another place."
            ).format(path=target)
        )
    if isinstance(exc, _db_errors()) and "full" in str(exc).lower():
        return UserError(
            _(
                "There is not enough room to write {path}. Nothing was changed; "
                "free some space or choose another place."
            ).format(path=target)
        )
    if isinstance(exc, PermissionError):
        return UserError(
            _("You may not write to {path}. Nothing was changed; choose another place.").format(
                path=target
            )
        )
    return UserError(
        _("The file {path} could not be written ({error}). Nothing was changed.").format(
            path=target, error=getattr(exc, "strerror", None) or exc
        )
    )


def _database_of(services_or_db: Services | Database) -> Database:
    return services_or_db.db if isinstance(services_or_db, Services) else services_or_db


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


# --- backup to a chosen file ----------------------------------------------------------------


def default_backup_name(today: dt.date | None = None) -> str:
    return f"skolehjem-backup-{(today or dt.date.today()).isoformat()}.sqlite"


@worded
def backup_to(services_or_db: Services | Database, target: Path) -> BackupInfo:
    """Write a consistent copy of the open database to ``target`` and return what it holds.

    Refuses the live database itself (and its journal files) as a target, a folder, a
    missing folder, and an existing file that is not a SQLite database. On any failure
    the target is as it was and no temporary file is left.
    """
    db = _database_of(services_or_db)
    target = Path(target).expanduser()
    live = db.path
    for forbidden in (live, *_side_files(live)):
        if _same_file(target, forbidden):
            raise UserError(
                _(
                    "{path} is the database in use; a backup must be written somewhere else, "
                    "e.g. on a USB stick."
                ).format(path=target)
            )
    if target.is_dir():
        raise UserError(_("{path} is a folder; choose a file name.").format(path=target))
    if not target.parent.is_dir():
        raise UserError(_("The folder {path} does not exist.").format(path=target.parent))
    if target.exists() and target.stat().st_size > 0:
        with target.open("rb") as fh:
            plain = fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        # An encrypted backup of this database (same passphrase) may be overwritten.
        if not plain and not (
            db.passphrase is not None and crypto.opens_with(target, db.passphrase)
        ):
            raise UserError(
                _(
                    "{path} already exists and is not a Skolehjem backup; "
                    "it was not overwritten. Choose another name."
                ).format(path=target)
            )
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial = temp.with_name(temp.name + ".partial")  # what backup_database writes first
    try:
        backup_database(live, temp, db.passphrase)
        _fsync_file(temp)
        temp.replace(target)
        _fsync_dir(target.parent)
    except _write_errors() as exc:
        _remove_quietly(temp, partial, *_side_files(temp), *_side_files(partial))
        raise _write_failed(target, exc) from exc
    except BaseException:
        _remove_quietly(temp, partial, *_side_files(temp), *_side_files(partial))
        raise
    return inspect_backup(target, db.passphrase)


# --- checking a file -------------------------------------------------------------------------


def _truncated(path: Path) -> bool:
    """The header says the database is longer than the file (a cut-off copy)."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100:
        return True
    page_size = int(struct.unpack(">H", header[16:18])[0])
    page_size = 65536 if page_size == 1 else page_size
    change_counter = header[24:28]
    page_count = int(struct.unpack(">I", header[28:32])[0])
    valid_for = header[92:96]
    if page_size < 512 or page_count == 0 or change_counter != valid_for:
        return False  # the size field is not in use; integrity_check decides
    return path.stat().st_size < page_size * page_count


@contextlib.contextmanager
def _checked_copy(
    path: Path, passphrase: str | None = None
) -> Iterator[tuple[BackupInfo, Path, str | None]]:
    """Check ``path`` through a private copy; yield what it holds, the copy, and its key.

    A plain file is read without a key (``passphrase`` is not needed); any other file
    only with ``passphrase``: none gives :class:`BackupRefused`, one that does not
    open the file :class:`~skolehjem_desktop.store.crypto.WrongPassphrase`.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise BackupRefused(_("The file {path} does not exist.").format(path=path))
    if not path.is_file():
        raise BackupRefused(_("{path} is not a file.").format(path=path))
    try:
        stat = path.stat()
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupRefused(
            _("The file {path} cannot be read ({error}).").format(
                path=path, error=exc.strerror or exc
            )
        ) from exc
    key: str | None = None
    if header != SQLITE_HEADER:
        if passphrase is None or stat.st_size < MIN_ENCRYPTED_SIZE:
            if stat.st_size >= MIN_ENCRYPTED_SIZE:  # it may be an encrypted backup
                message = _(
                    "The file {path} is not a Skolehjem database, or it is protected with a "
                    "passphrase that was not given. It was left untouched."
                )
            else:
                message = _(
                    "The file {path} is not a Skolehjem backup (not a database). "
                    "It was left untouched."
                )
            raise BackupRefused(message.format(path=path))
        key = passphrase
    damaged = BackupRefused(
        _(
            "The backup {path} is damaged or incomplete and cannot be restored. "
            "It was left untouched."
        ).format(path=path)
    )
    with tempfile.TemporaryDirectory(prefix="skolehjem-inspect-") as folder:
        copy = Path(folder) / "inspect.sqlite"
        # A plain copy of a file nobody writes to; the original is never opened by SQLite.
        shutil.copyfile(path, copy)
        if key is None and _truncated(copy):
            raise damaged
        if key is not None:
            # Wrong passphrase, or not a database at all: SQLCipher cannot tell them apart.
            crypto.check_key(copy, key)
        foreign = BackupRefused(
            _(
                "The file {path} is a database of another program, not a Skolehjem "
                "backup. It was left untouched."
            ).format(path=path)
        )
        try:
            conn: Any = crypto.connect(copy, key)
            try:
                tables = {
                    str(row[0])
                    for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                if not tables:
                    raise BackupRefused(
                        _("The file {path} holds no Skolehjem data. It was left untouched.").format(
                            path=path
                        )
                    )
                if not {"alembic_version", "school_class", "student"} <= tables:
                    raise foreign
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else ""
                if revision not in REVISIONS:
                    raise BackupRefused(
                        _(
                            "The backup {path} was made by a newer version of Skolehjem "
                            "(schema {revision}). Install the newer version to restore it; "
                            "the file was left untouched."
                        ).format(path=path, revision=revision or "?")
                    )
                if any(row[0] != "ok" for row in conn.execute("PRAGMA integrity_check")):
                    raise damaged
                classes = int(conn.execute("SELECT count(*) FROM school_class").fetchone()[0])
                pupils = int(conn.execute("SELECT count(*) FROM student").fetchone()[0])
                years = tuple(
                    int(row[0])
                    for row in conn.execute(
                        "SELECT DISTINCT school_year FROM school_class ORDER BY school_year"
                    )
                )
            finally:
                conn.close()
        except _db_errors() as exc:
            raise damaged from exc
        info = BackupInfo(
            path=path,
            revision=revision,
            classes=classes,
            pupils=pupils,
            school_years=years,
            date=dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0),
            size=stat.st_size,
            encrypted=key is not None,
        )
        yield info, copy, key


@worded
def inspect_backup(path: Path, passphrase: str | None = None) -> BackupInfo:
    """Check a backup file without changing it; raise :class:`BackupRefused` if unusable.

    An encrypted backup is opened with ``passphrase``; without one it is refused, with a
    wrong one :class:`~skolehjem_desktop.store.crypto.WrongPassphrase` is raised.
    """
    with _checked_copy(path, passphrase) as (info, _copy, _key):
        return info


def describe_backup(info: BackupInfo) -> str:
    """One paragraph for the teacher: what the file holds and from when."""
    years = ", ".join(SchoolYear(y).label for y in info.school_years) or "–"
    classes = ngettext("{n} class", "{n} classes", info.classes).format(n=info.classes)
    pupils = ngettext("{n} pupil", "{n} pupils", info.pupils).format(n=info.pupils)
    return _("{path}: {classes}, {pupils} (school years {years}), saved {date}.").format(
        path=info.path.name,
        classes=classes,
        pupils=pupils,
        years=years,
        date=info.date.strftime("%Y-%m-%d %H:%M"),
    )


# --- restoring -------------------------------------------------------------------------------


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
        except _operational_errors() as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise UserError(
                    _(
                        "The database is in use by another Skolehjem window. Close it "
                        "and try again; nothing was changed."
                    )
                ) from exc
            raise
        except _database_errors():
            # A damaged database: its copy (file copy, log included) is already kept.
            pass
    _remove_quietly(wal, live.with_name(live.name + "-shm"))


def _keep_replaced(live: Path, folder: Path, key: str | None = None) -> Path:
    """A copy of the database about to be replaced, in ``backups/`` (with its key)."""
    target = folder / timestamped_name("before-restore")
    n = 1
    while target.exists():
        target = folder / timestamped_name(f"before-restore-{n}")
        n += 1
    try:
        return backup_database(live, target, key)
    except _database_errors():
        # Too damaged for the backup API: keep its bytes (and its log) as they are.
        _remove_quietly(target.with_name(target.name + ".partial"))
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
        and (backup_passphrase is not None or _plain_file(Path(path).expanduser()))
        and not crypto.opens_with(live, key)
    ):
        # The restored data is locked with the passphrase, so it must be the right one:
        # it opens the folder's database, or (that one damaged) the encrypted backup,
        # which the check below does.
        crypto.check_key(live, key)
    staging = live.with_name(live.name + STAGING_SUFFIX)
    _remove_quietly(staging, *_side_files(staging), staging.with_name(staging.name + ".partial"))
    with _checked_copy(path, backup_passphrase or passphrase) as (info, copy, copy_key):
        if live.exists() and _same_file(Path(path), live):
            raise UserError(
                _("{path} is the database in use; choose a backup file.").format(path=path)
            )
        try:
            _write_staging(copy, copy_key, staging, key)
            _fsync_file(staging)
        except _write_errors() as exc:
            _remove_quietly(
                staging, *_side_files(staging), staging.with_name(staging.name + ".partial")
            )
            raise _write_failed(live, exc) from exc
        except BaseException:
            _remove_quietly(
                staging, *_side_files(staging), staging.with_name(staging.name + ".partial")
            )
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
        _fsync_dir(data_dir)
    except _write_errors() as exc:
        _remove_quietly(staging)
        raise _write_failed(live, exc) from exc
    except BaseException:
        _remove_quietly(staging)
        raise
    _remove_quietly(live.with_name(live.name + "-shm"), live.with_name(live.name + "-journal"))
    return RestoreResult(info=info, db=open_database(data_dir, key), replaced_copy=replaced)


def is_encrypted_file(path: Path) -> bool:
    """True for a readable file without SQLite's header (an encrypted backup, or no database)."""
    try:
        return path.is_file() and not crypto.has_plain_header(path)
    except OSError:
        return False


def _plain_file(path: Path) -> bool:
    try:
        return crypto.has_plain_header(path)
    except OSError:
        return False


# --- the latest good backup -------------------------------------------------------------------


@worded
def latest_good_backup(data_dir: Path, passphrase: str | None = None) -> Path | None:
    """The newest file in ``backups/`` that passes :func:`inspect_backup`, or None.

    Encrypted backups are checked with ``passphrase`` (without it they are skipped).
    """
    folder = backup_dir(Path(data_dir))
    if not folder.is_dir():
        return None
    candidates = sorted(
        (p for p in folder.glob("*.sqlite") if p.is_file()),
        key=lambda p: (p.stat().st_mtime, p.name),
        reverse=True,
    )
    for candidate in candidates:
        try:
            inspect_backup(candidate, passphrase)
        except (UserError, OSError):
            continue
        return candidate
    return None


def offer_latest_backup(data_dir: Path, message: str, passphrase: str | None = None) -> str:
    """``message`` (why the database was refused) followed by the latest good backup, if any."""
    good = latest_good_backup(data_dir, passphrase)
    if good is None:
        return message + " " + _("There is no good backup in the data folder.")
    return (
        message
        + " "
        + _(
            "The latest good backup is {path}. To go back to it, choose File → Restore "
            "from a backup, or run: skolehjem-desktop restore {path}"
        ).format(path=good)
    )
