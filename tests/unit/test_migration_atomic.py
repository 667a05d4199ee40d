"""A migration that stops half way (an error, or the process killed) leaves the file as it was.

SQLite can roll back DDL, but Python's sqlite3 module only opens a transaction before
INSERT/UPDATE/DELETE: without an explicit BEGIN every CREATE TABLE of a migration is
committed on its own, and a crash between two of them leaves a database that is neither
the old schema nor the new one (the next upgrade then stops at "table already exists").
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.operations import Operations

from skolehjem_desktop.config import DB_FILENAME
from skolehjem_desktop.store import schema
from skolehjem_desktop.store.database import integrity_problems, open_database

RESOURCES = Path(__file__).parent.parent / "resources" / "db"


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@pytest.mark.skipif(len(schema.REVISIONS) < 2, reason="needs a revision to upgrade to")
def test_a_migration_that_fails_half_way_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / DB_FILENAME
    shutil.copy(RESOURCES / f"schema-{schema.REVISIONS[0]}.sqlite", path)
    before = _tables(path)

    real_create_table = Operations.create_table
    calls = {"n": 0}

    def create_then_fail(self: Operations, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real_create_table(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Operations, "create_table", create_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        open_database(data_dir)
    assert calls["n"] == 2, "the first revision after the oldest creates tables"
    assert _tables(path) == before
    assert _revision(path) == schema.REVISIONS[0]

    monkeypatch.setattr(Operations, "create_table", real_create_table)
    db = open_database(data_dir)
    try:
        assert integrity_problems(db) == []
        assert _revision(path) == schema.HEAD
    finally:
        db.close()
