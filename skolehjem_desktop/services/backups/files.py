"""Small file helpers of the backups: the drivers' errors, flushing, removing, messages."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.store import crypto

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def db_errors() -> tuple[type[Exception], ...]:
    """The errors of both drivers (sqlite3 and SQLCipher's), and damaged text.

    A damaged page of the schema reads back as bytes that are not UTF-8: the driver
    raises :class:`UnicodeDecodeError`, which means damage as much as its own errors do.
    """
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.Error, UnicodeDecodeError)
    return (sqlite3.Error, dbapi2.Error, UnicodeDecodeError)


def write_errors() -> tuple[type[Exception], ...]:
    return (OSError, *db_errors())


def operational_errors() -> tuple[type[Exception], ...]:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, dbapi2.OperationalError)


def database_errors() -> tuple[type[Exception], ...]:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Sync a folder after a rename in it; some file systems cannot, the rename stands."""
    if os.name != "posix" or not path.is_dir():
        return
    with contextlib.suppress(OSError):
        fsync_file(path)


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def write_failed(target: Path, exc: BaseException) -> UserError:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return UserError(
            _(
                "There is not enough room to write {path}. Nothing was changed; "
                "free some space or choose another place."
            ).format(path=target)
        )
    if isinstance(exc, db_errors()) and "full" in str(exc).lower():
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


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def plain_file(path: Path) -> bool:
    try:
        return crypto.has_plain_header(path)
    except OSError:
        return False
