"""Checking a backup file through a private copy, without touching the file itself.

A file passes when it is a SQLite file (or, given the passphrase, an encrypted one), it
is ours, its schema is one this program knows (or can migrate), and the copy passes
``PRAGMA integrity_check``. :class:`BackupInfo` says what it holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.leftovers import is_stale, pid_tag, writer_gone
from skolehjem_desktop.services.backups.files import db_errors
from skolehjem_desktop.services.refusals import worded
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.database import SQLITE_HEADER, DatabaseRefused
from skolehjem_desktop.store.schema import HEAD, REVISIONS

MIN_ENCRYPTED_SIZE = 1024  # smaller files without a SQLite header are no database at all


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


@dataclass(frozen=True)
class _Contents:
    """What the tables of a checked copy hold."""

    revision: str
    classes: int
    pupils: int
    school_years: tuple[int, ...]


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


def _start_of(path: Path) -> tuple[os.stat_result, bytes]:
    """The file's status and its first bytes; refused when it is no file one can read."""
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
    return stat, header


def _key_for(path: Path, header: bytes, size: int, passphrase: str | None) -> str | None:
    """None for a plain file; else ``passphrase``, refused without one (or when small)."""
    if header == SQLITE_HEADER:
        return None
    if passphrase is None or size < MIN_ENCRYPTED_SIZE:
        if size >= MIN_ENCRYPTED_SIZE:  # it may be an encrypted backup
            message = _(
                "The file {path} is not a Skolehjem database, or it is protected with a "
                "passphrase that was not given. It was left untouched."
            )
        else:
            message = _(
                "The file {path} is not a Skolehjem backup (not a database). It was left untouched."
            )
        raise BackupRefused(message.format(path=path))
    return passphrase


INSPECT_PREFIX = "skolehjem-inspect-"


def remove_stale_copies() -> None:
    """Remove the private copies a killed inspection left in the temporary folder."""
    for folder in Path(tempfile.gettempdir()).glob(f"{INSPECT_PREFIX}*"):
        try:
            info = folder.lstat()
            mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
            # named skolehjem-inspect-PID-xxxx: stale once that process is gone
            pid = folder.name[len(INSPECT_PREFIX) :].split("-", 1)[0]
            stale = writer_gone(int(pid)) if pid.isdigit() else is_stale(folder)
            if mine and folder.is_dir() and stale:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _damaged(path: Path) -> BackupRefused:
    return BackupRefused(
        _(
            "The backup {path} is damaged or incomplete and cannot be restored. "
            "It was left untouched."
        ).format(path=path)
    )


def _read_contents(conn: Any, path: Path, damaged: BackupRefused) -> _Contents:
    """Ours, of a known schema, whole: what the open copy ``conn`` holds."""
    tables = {
        str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if not tables:
        raise BackupRefused(
            _("The file {path} holds no Skolehjem data. It was left untouched.").format(path=path)
        )
    if not {"alembic_version", "school_class", "student"} <= tables:
        raise BackupRefused(
            _(
                "The file {path} is a database of another program, not a Skolehjem "
                "backup. It was left untouched."
            ).format(path=path)
        )
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
    return _Contents(revision, classes, pupils, years)


def _contents(copy: Path, key: str | None, path: Path, damaged: BackupRefused) -> _Contents:
    """What the copy of ``path`` holds; ``damaged`` when the driver cannot read it."""
    try:
        conn: Any = crypto.connect(copy, key)
        try:
            return _read_contents(conn, path, damaged)
        finally:
            conn.close()
    except db_errors() as exc:
        raise damaged from exc


@contextlib.contextmanager
def checked_copy(
    path: Path, passphrase: str | None = None
) -> Iterator[tuple[BackupInfo, Path, str | None]]:
    """Check ``path`` through a private copy; yield what it holds, the copy, and its key.

    A plain file is read without a key (``passphrase`` is not needed); any other file
    only with ``passphrase``: none gives :class:`BackupRefused`, one that does not
    open the file :class:`~skolehjem_desktop.store.crypto.WrongPassphrase`.
    """
    path = Path(path).expanduser()
    remove_stale_copies()
    stat, header = _start_of(path)
    key = _key_for(path, header, stat.st_size, passphrase)
    damaged = _damaged(path)
    with tempfile.TemporaryDirectory(prefix=f"{INSPECT_PREFIX}{pid_tag()}-") as folder:
        copy = Path(folder) / "inspect.sqlite"
        # A plain copy of a file nobody writes to; the original is never opened by SQLite.
        shutil.copyfile(path, copy)
        if key is None and _truncated(copy):
            raise damaged
        if key is not None:
            # Wrong passphrase, or not a database at all: SQLCipher cannot tell them apart.
            crypto.check_key(copy, key)
        contents = _contents(copy, key, path, damaged)
        info = BackupInfo(
            path=path,
            revision=contents.revision,
            classes=contents.classes,
            pupils=contents.pupils,
            school_years=contents.school_years,
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
    with checked_copy(path, passphrase) as (info, _copy, _key):
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


def is_encrypted_file(path: Path) -> bool:
    """True for a readable file without SQLite's header (an encrypted backup, or no database)."""
    try:
        return path.is_file() and not crypto.has_plain_header(path)
    except OSError:
        return False
