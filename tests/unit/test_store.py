"""Opening a data folder: pragmas, private files, and refusing files that are not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.services.data_folder import DataFolder
from skolehjem_desktop.store.database import (
    DatabaseRefused,
    integrity_problems,
    open_database,
    read_revision,
)
from skolehjem_desktop.store.refusals import Refusal
from skolehjem_desktop.store.schema import HEAD, REVISIONS

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_new_database_is_at_head(db) -> None:  # type: ignore[no-untyped-def]
    assert db.path == database_path(db.data_dir)
    assert db.path.exists()
    assert read_revision(db.path) == HEAD
    assert REVISIONS[-1] == HEAD


def test_open_twice_reopens_without_migrating(data_dir: Path) -> None:
    first = open_database(data_dir)
    with first.transaction() as s:
        s.execute(
            text("INSERT INTO setting (key, value) VALUES ('school_name', 'Den lille Skole')")
        )
    first.close()

    second = open_database(data_dir)
    try:
        with second.reading() as s:
            assert s.execute(text("SELECT value FROM setting")).scalar_one() == "Den lille Skole"
        assert read_revision(second.path) == HEAD
        # No upgrade ran, so no pre-upgrade backup was taken.
        assert not list(backup_dir(data_dir).glob("before-upgrade-*"))
    finally:
        second.close()


def test_session_connection_pragmas(db) -> None:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar_one() == 5000
    with db.transaction() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_integrity_problems_empty_on_a_fresh_database(db) -> None:  # type: ignore[no-untyped-def]
    assert integrity_problems(db) == []


def test_integrity_problems_reports_a_broken_foreign_key(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql(
            "INSERT INTO contact_entry (student_id, occurred_at, channel, started_by, topic,"
            " summary, done) VALUES (999, '2026-11-23 10:00:00', 'aula', 'parent', 'wellbeing',"
            " '', 0)"
        )
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    problems = integrity_problems(db)
    assert problems
    assert any("foreign key" in p and "contact_entry" in p for p in problems)


@posix_only
def test_file_and_folder_are_private(db) -> None:  # type: ignore[no-untyped-def]
    assert stat.S_IMODE(db.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        side = db.path.with_name(db.path.name + suffix)
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) == 0o600


@posix_only
def test_reopen_keeps_modes_private(data_dir: Path) -> None:
    open_database(data_dir).close()
    data_dir.chmod(0o755)
    database_path(data_dir).chmod(0o644)
    database = open_database(data_dir)
    try:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(database.path.stat().st_mode) == 0o600
    finally:
        database.close()


def _refused_untouched(data_dir: Path, match: str) -> None:
    path = database_path(data_dir)
    before = path.read_bytes()
    listing = sorted(p.name for p in data_dir.iterdir())
    # The store says why (a reason); the data folder (services) words it for the teacher.
    with pytest.raises(DatabaseRefused, match=match) as info:
        DataFolder(data_dir).open()
    assert info.value.reason is not None
    assert "untouched" in info.value.message or "damaged" in info.value.message
    assert path.read_bytes() == before
    # No journal, WAL or backup was left beside it.
    assert sorted(p.name for p in data_dir.iterdir()) == listing


def test_random_bytes_are_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(bytes(range(256)) * 20 + b"\x00\xff" * 100)
    _refused_untouched(data_dir, "not a Skolehjem database")


def test_text_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_text("Elev;Klasse\nSøren;5.A\n", encoding="utf-8")
    _refused_untouched(data_dir, "not a Skolehjem database")


def test_damaged_sqlite_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 1000)
    _refused_untouched(data_dir, "damaged")


def test_database_of_another_program_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('æbleskiver')")
    conn.commit()
    conn.close()
    _refused_untouched(data_dir, "another program")


def test_newer_schema_is_refused_and_untouched(data_dir: Path) -> None:
    # A real database of ours, then stamped with a revision this program does not know.
    open_database(data_dir).close()
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    assert read_revision(path) == "9999"
    _refused_untouched(data_dir, "newer version")
    assert read_revision(path) == "9999"


def test_newer_database_in_wal_mode_is_refused_and_its_bytes_kept(data_dir: Path) -> None:
    # What a newer Skolehjem leaves behind: a WAL-mode file, closed cleanly.
    open_database(data_dir).close()
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused) as refused:
        open_database(data_dir)
    assert refused.value.reason is Refusal.NEWER
    with pytest.raises(DatabaseRefused, match="newer version"):
        DataFolder(data_dir).open()
    assert path.read_bytes() == before


def test_minimal_newer_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO alembic_version VALUES ('9999')")
    conn.commit()
    conn.close()
    _refused_untouched(data_dir, "9999")


def test_empty_file_becomes_a_new_database(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"")
    database = open_database(data_dir)
    try:
        assert read_revision(database.path) == HEAD
        assert integrity_problems(database) == []
    finally:
        database.close()


def test_foreign_keys_enforced(db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.transaction() as s:
        s.execute(
            text(
                "INSERT INTO enrolment (student_id, school_year, class_id)"
                " VALUES (12345, 2026, 6789)"
            )
        )


def test_an_emptied_database_beside_backups_is_refused_not_made_new(data_dir: Path) -> None:
    """A zero-byte file where the data was (a bad copy, a full disk) is not a fresh start."""
    db = open_database(data_dir)
    with db.transaction() as s:
        s.execute(text("INSERT INTO school_class (name, school_year) VALUES ('5.A', 2026)"))
    db.close()
    open_database(data_dir).close()  # the open keeps a rolling backup
    assert list(backup_dir(data_dir).glob("*.sqlite"))
    path = database_path(data_dir)
    path.write_bytes(b"")
    with pytest.raises(DatabaseRefused) as refused:
        open_database(data_dir)
    assert refused.value.reason is Refusal.EMPTY
    assert path.read_bytes() == b""
    assert DataFolder(data_dir).state().value == "damaged"


def test_an_empty_file_without_backups_is_a_first_start_that_failed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"")
    open_database(data_dir).close()
    assert database_path(data_dir).stat().st_size > 0
