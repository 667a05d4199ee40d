"""Opening a data folder: engine, pragmas, sessions, and migrations after a backup.

``open_database`` is the one way in. It refuses, with a clear message and without
touching the file, a file that is not a SQLite database, a SQLite database that is
not ours, and a database whose schema revision this program does not know (made
by a newer version). Before any migration it copies the file with SQLite's backup
API into the data folder's ``backups/``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from skolehjem_desktop.collation import compare
from skolehjem_desktop.config import backup_dir, database_path, ensure_private_dir
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.store.backup import backup_database, rolling_backup, timestamped_name
from skolehjem_desktop.store.schema import HEAD, REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseRefused(UserError):
    """The data file cannot be used by this program; it was left untouched."""


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's lower() and LIKE fold ASCII only; names here have æ, ø, å, Ł, ş …
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)
    dbapi_connection.create_collation("da", compare)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    return engine


@dataclass
class Database:
    """An open data folder."""

    data_dir: Path
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        with self.session_factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only; nothing is committed."""
        with self.session_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def read_revision(path: Path) -> str | None:
    """The schema revision stored in ``path``, or None for an empty new database.

    Raises :class:`DatabaseRefused` for a file that is not ours.
    """
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise DatabaseRefused(
            _("The file {path} is not a Skolehjem database. It was left untouched.").format(
                path=path
            )
        )
    if not header:
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


def _read_revision(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise DatabaseRefused(
                    _(
                        "The file {path} is a database of another program. It was left untouched."
                    ).format(path=path)
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            _("The database {path} is damaged and cannot be opened ({error}).").format(
                path=path, error=exc
            )
        ) from exc
    return str(row[0]) if row else None


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations up to ``target`` (imported only when needed)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, target)


def open_database(data_dir: Path) -> Database:
    """Open (creating or upgrading as needed) the database in ``data_dir``."""
    ensure_private_dir(data_dir)
    path = database_path(data_dir)
    revision = read_revision(path) if path.exists() else None
    if revision is not None and revision not in REVISIONS:
        raise DatabaseRefused(
            _(
                "The database {path} was made by a newer version of Skolehjem "
                "(schema {revision}). Install the newer version to open it; "
                "the file was left untouched."
            ).format(path=path, revision=revision)
        )
    if revision is not None:
        # Every start keeps a rolling copy; a migration gets one of its own first.
        rolling_backup(path, backup_dir(data_dir))
    if revision is not None and revision != HEAD:
        backup_database(path, backup_dir(data_dir) / timestamped_name(f"before-upgrade-{revision}"))
    engine = make_engine(path)
    if revision != HEAD:
        upgrade(engine)
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
    )


def integrity_problems(db: Database) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` find; empty when all is well."""
    problems: list[str] = []
    with db.engine.connect() as conn:
        for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(str(line))
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {tuple(row)}")
    return problems
