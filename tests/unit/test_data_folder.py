"""The one owner of the data folder: its state, read without changing anything."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from skolehjem_desktop.config import database_path
from skolehjem_desktop.services import protection
from skolehjem_desktop.services.data_folder import DataFolder, FolderState

SECRET = "en lang hemmelig sætning"


def test_a_folder_is_fresh_plain_protected_damaged_or_newer(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "data")
    assert folder.state() is FolderState.FRESH
    folder.open().close()
    assert folder.state() is FolderState.PLAIN
    protection.encrypt(folder.path, SECRET)
    assert folder.state() is FolderState.PROTECTED
    assert folder.is_protected() and not folder.is_fresh()


def test_a_damaged_or_foreign_file_is_damaged_and_left_as_it_was(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "data")
    folder.path.mkdir()
    database_path(folder.path).write_bytes(b"not a database at all" * 100)
    before = database_path(folder.path).read_bytes()
    assert folder.state() is FolderState.DAMAGED
    assert database_path(folder.path).read_bytes() == before
    assert sorted(p.name for p in folder.path.iterdir()) == ["skolehjem.sqlite"]


def test_a_database_of_a_newer_version_is_newer(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "data")
    folder.open().close()
    with closing(sqlite3.connect(folder.database)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
    assert folder.state() is FolderState.NEWER
