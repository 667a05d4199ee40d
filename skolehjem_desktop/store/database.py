"""Opening a data folder: engine, pragmas, sessions, and migrations after a backup.

``open_database`` is the one way in (the services' ``DataFolder`` calls it). It
refuses, without touching the file, a file that is not a SQLite database, a SQLite
database that is not ours, and a database whose schema revision this program does not
know (made by a newer version); :mod:`.refusals` says why, the services word it.
Before any migration it copies the file with SQLite's backup API into ``backups/``.

A data folder protected with a passphrase (see :mod:`skolehjem_desktop.store.crypto`)
is opened through SQLAlchemy's ``sqlite+pysqlcipher`` dialect; without the
passphrase ``open_database`` raises :class:`PassphraseNeeded`, with a wrong one
:class:`WrongPassphrase`, and SQLCipher's own error lines never reach stderr.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from skolehjem_desktop.config import backup_dir, database_path, ensure_private_dir
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import (
    backup_database,
    quick_problems,
    rolling_backup,
    timestamped_name,
)
from skolehjem_desktop.store.crypto import SQLITE_HEADER, register_functions
from skolehjem_desktop.store.refusals import (
    DatabaseRefused,
    DiskFull,
    NewerDatabase,
    PassphraseNeeded,
    Refusal,
    StoreRefusal,
    WrongPassphrase,
    is_disk_full,
)
from skolehjem_desktop.store.schema import HEAD, REVISIONS

__all__ = [
    "SQLITE_HEADER",
    "Database",
    "DatabaseRefused",
    "PassphraseNeeded",
    "WrongPassphrase",
    "integrity_problems",
    "make_engine",
    "open_database",
    "read_revision",
    "upgrade",
]


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    register_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path, passphrase: str | None = None) -> Engine:
    """An engine on ``path``; with ``passphrase``, through SQLCipher with that key."""
    if passphrase is None:
        engine = create_engine(f"sqlite:///{path}")
    else:
        crypto.silence_sqlcipher()
        # The dialect runs "PRAGMA key" first on every new connection; the URL object
        # carries the passphrase as it is (no escaping in a URL string).
        url = URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))
        engine = create_engine(url, poolclass=QueuePool)
    event.listen(engine, "connect", _on_connect)
    return engine


@dataclass
class Database:
    """An open data folder."""

    data_dir: Path
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    passphrase: str | None = field(default=None, repr=False)
    # True while the rolling backup of this open is still to be made (open_database
    # with ``defer_backup``): the window makes it once it shows the data.
    backup_pending: bool = False

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error.

        A write that fails for want of room raises :class:`DiskFull` (rolled back too).
        """
        try:
            with self.session_factory() as session, session.begin():
                yield session
        except (DBAPIError, OSError) as exc:
            if is_disk_full(exc, self.data_dir):
                raise DiskFull(reason=Refusal.DISK_FULL, path=self.data_dir) from exc
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only; nothing is committed."""
        with self.session_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def reopen(self, passphrase: str | None) -> None:
        """Point this object at the file again (after a re-key), with ``passphrase``.

        Sessions made afterwards use the new engine; the old one is disposed.
        """
        self.engine.dispose()
        if passphrase is not None:
            crypto.check_key(self.path, passphrase)
        self.engine = make_engine(self.path, passphrase)
        self.session_factory.configure(bind=self.engine)
        self.passphrase = passphrase

    def keep_rolling_backup(self) -> list[Path]:
        """Make the rolling backup that :func:`open_database` deferred; returns new copies.

        Raises :class:`DatabaseRefused` for a file damaged since: no copy is made of it.
        """
        if not self.backup_pending:
            return []
        self.backup_pending = False
        with room_checked(self.data_dir):
            return rolling_backup(self.path, backup_dir(self.data_dir), passphrase=self.passphrase)

    def backup_to(self, target: Path) -> Path:
        """A consistent copy in ``target``; encrypted with the same passphrase if this is."""
        return backup_database(self.path, target, self.passphrase)


def _marked(path: Path) -> bool:
    """True when the data folder of ``path`` (or of its backups) is marked as protected."""
    return crypto.is_marked(path.parent) or (
        path.parent.name == "backups" and crypto.is_marked(path.parent.parent)
    )


def read_revision(path: Path, passphrase: str | None = None) -> str | None:
    """The schema revision stored in ``path``, or None for an empty new database.

    Raises :class:`DatabaseRefused` for a file that is not ours. An encrypted file is
    read with ``passphrase`` (:class:`WrongPassphrase` when it does not open it).
    """
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        if passphrase is not None:
            crypto.check_key(path, passphrase)
            return _read_revision(path, passphrase)
        reason = Refusal.NOT_OURS_OR_LOCKED if _marked(path) else Refusal.NOT_OURS
        raise DatabaseRefused(reason=reason, path=path)
    if not header:
        # An empty file with backups beside it is data lost (a bad copy, a full disk),
        # not a first start: making it a new database would hide the loss.
        if any(backup_dir(path.parent).glob("*.sqlite")):
            raise DatabaseRefused(reason=Refusal.EMPTY, path=path)
        return None
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    had_side_files = wal.exists() or shm.exists()
    try:
        return _read_revision(path)
    finally:
        # A read-only look at a WAL database leaves an empty journal and its index
        # behind; they hold nothing, so a refused file is left as it was found.
        if not had_side_files and (not wal.exists() or wal.stat().st_size == 0):
            wal.unlink(missing_ok=True)
            shm.unlink(missing_ok=True)


def _read_revision(path: Path, passphrase: str | None = None) -> str | None:
    try:
        conn = crypto.connect(path, passphrase, read_only=True)
        try:
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise DatabaseRefused(reason=Refusal.OTHER_PROGRAM, path=path)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is not None and not _ours(str(row[0]), tables):
                # Another program that uses Alembic too: not "a newer Skolehjem".
                raise DatabaseRefused(reason=Refusal.OTHER_PROGRAM, path=path)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, _cipher_database_error(), UnicodeDecodeError) as exc:
        if is_disk_full(exc, path.parent):  # no room even for the read's journal index
            raise DiskFull(reason=Refusal.DISK_FULL, path=path.parent) from exc
        # A damaged schema page reads back as text that is not UTF-8.
        raise DatabaseRefused(reason=Refusal.DAMAGED, path=path, error=exc) from exc
    return str(row[0]) if row else None


_REVISION = re.compile(r"\d{4}")
# Tables every revision of Skolehjem has had, and a newer one will have too.
_OUR_TABLES = frozenset({"school_class", "student", "teacher"})


def _ours(revision: str, tables: set[str]) -> bool:
    """Whether a database of revision ``revision`` with ``tables`` is one of Skolehjem's."""
    return (
        revision in REVISIONS
        or _REVISION.fullmatch(revision) is not None  # our revisions are numbered 0001…
        or tables >= _OUR_TABLES
    )


def _cipher_database_error() -> type[Exception]:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return sqlite3.DatabaseError
    error: type[Exception] = dbapi2.DatabaseError
    return error


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations up to ``target`` (imported only when needed)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        # sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so without this
        # BEGIN each CREATE/ALTER would commit on its own and a crash half way would leave
        # a schema that is neither the old one nor the new one. SQLite rolls DDL back.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, target)


def _key_for(data_dir: Path, path: Path, passphrase: str | None) -> str | None:
    """The key to open ``path`` with (None: a plain file); checks it first.

    The file's header decides: a plain SQLite file opens without a key (and a marker
    left by an interrupted decrypt is removed); a headerless one needs the passphrase.
    """
    if not path.exists() or path.stat().st_size == 0:
        if crypto.is_marked(data_dir) and not path.exists():
            # The marker of a folder whose database was removed: start plain again.
            crypto.marker_path(data_dir).unlink(missing_ok=True)
        return None
    if crypto.has_plain_header(path):
        crypto.marker_path(data_dir).unlink(missing_ok=True)
        return None
    marked = crypto.is_marked(data_dir)
    if passphrase is None:
        if marked:
            raise PassphraseNeeded(reason=Refusal.PASSPHRASE_NEEDED, path=data_dir)
        return None  # read_revision refuses it as not ours
    if not crypto.opens_with(path, passphrase):
        if marked:
            crypto.check_key(path, passphrase)
        raise DatabaseRefused(reason=Refusal.NOT_OURS_OR_LOCKED, path=path)
    if not marked:
        # An interrupted encrypt may have swapped the file in before the marker.
        crypto.marker_path(data_dir).write_text("", encoding="utf-8")
    return passphrase


def open_database(
    data_dir: Path, passphrase: str | None = None, *, defer_backup: bool = False
) -> Database:
    """Open (creating or upgrading as needed) the database in ``data_dir``.

    ``passphrase`` opens a protected folder and is ignored for a plain one. Every open
    keeps a rolling backup (see :func:`rolling_backup`); with ``defer_backup`` the copy
    is left to the caller (:meth:`Database.keep_rolling_backup`, which the window calls
    once its lists are filled), except before a migration, which always has it first.
    """
    path = database_path(data_dir)
    _check_writable(data_dir, path)
    ensure_private_dir(data_dir)
    key = _key_for(data_dir, path, passphrase)
    revision = read_revision(path, key) if path.exists() else None
    if revision is not None and revision not in REVISIONS:
        raise NewerDatabase(reason=Refusal.NEWER, path=path, revision=revision)
    backup_pending = False
    if revision is not None:
        # A damaged file is refused before anything reads it (the window shows its frame
        # first) or copies it; every start keeps a rolling copy; a migration gets one of
        # its own first.
        check_quickly(path, key)
        if defer_backup and revision == HEAD:
            backup_pending = True
        else:
            with room_checked(data_dir):
                rolling_backup(path, backup_dir(data_dir), passphrase=key, checked=True)
    if revision is not None and revision != HEAD:
        backup_database(
            path, backup_dir(data_dir) / timestamped_name(f"before-upgrade-{revision}"), key
        )
    engine = make_engine(path, key)
    if revision != HEAD:
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()  # a failed migration leaves no connection open on the file
            raise
    if os.name == "posix":
        for candidate in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            if candidate.exists():
                candidate.chmod(0o600)
    return Database(
        data_dir=data_dir,
        path=path,
        engine=engine,
        session_factory=sessionmaker(engine, expire_on_commit=False),
        passphrase=key,
        backup_pending=backup_pending,
    )


def _check_writable(data_dir: Path, path: Path) -> None:
    """Refuse a data folder, or a database, this user cannot write (nothing is changed)."""
    if path.is_dir():
        raise DatabaseRefused(reason=Refusal.NOT_OURS, path=path)
    folder = next((p for p in (data_dir, *data_dir.parents) if p.exists()), None)
    if folder is None:
        return
    cannot = not os.access(folder, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.R_OK | os.W_OK)
    )
    if cannot:
        raise StoreRefusal(reason=Refusal.READ_ONLY, path=data_dir)


def check_quickly(path: Path, passphrase: str | None = None) -> None:
    """Raise :class:`DatabaseRefused` (damaged) when SQLite's quick check finds a problem."""
    problems = quick_problems(path, passphrase)
    if problems:
        raise DatabaseRefused(reason=Refusal.DAMAGED, path=path, error=problems[0])


@contextmanager
def room_checked(folder: Path) -> Iterator[None]:
    """Name a failure for want of room as :class:`DiskFull` (the open's backups)."""
    try:
        yield
    except (sqlite3.Error, OSError, DBAPIError) as exc:
        if is_disk_full(exc, folder):
            raise DiskFull(reason=Refusal.DISK_FULL, path=folder) from exc
        raise


def integrity_problems(db: Database) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` find; empty when all is well.

    A file too damaged for the checks to finish is one problem, not an error.
    """
    problems: list[str] = []
    try:
        with db.engine.connect() as conn:
            for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
                if line != "ok":
                    problems.append(str(line))
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {tuple(row)}")
    except (DBAPIError, UnicodeDecodeError) as exc:
        problems.append(str(getattr(exc, "orig", None) or exc))
    return problems
