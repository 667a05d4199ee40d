"""The rolling backup of an open can wait until the window shows the data, never be skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

from skolehjem_desktop.store.database import open_database

RESOURCES = Path(__file__).parents[1] / "resources" / "db"


def _dailies(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "backups").glob("daily-*.sqlite"))


def test_a_deferred_backup_is_made_when_asked_and_once(data_dir: Path) -> None:
    open_database(data_dir).close()  # a new database: nothing to back up yet
    assert _dailies(data_dir) == []
    db = open_database(data_dir, defer_backup=True)
    try:
        assert db.backup_pending
        assert _dailies(data_dir) == []
        made = db.keep_rolling_backup()
        assert [p.name for p in made if p.name.startswith("daily-")] == [
            p.name for p in _dailies(data_dir)
        ]
        assert len(_dailies(data_dir)) == 1
        assert not db.backup_pending
        assert db.keep_rolling_backup() == []
    finally:
        db.close()


def test_without_deferring_every_open_keeps_its_backup_at_once(data_dir: Path) -> None:
    open_database(data_dir).close()
    db = open_database(data_dir)
    try:
        assert not db.backup_pending
        assert len(_dailies(data_dir)) == 1
    finally:
        db.close()


def test_an_upgrade_is_never_deferred(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    shutil.copy(RESOURCES / "schema-0001.sqlite", data_dir / "skolehjem.sqlite")
    db = open_database(data_dir, defer_backup=True)
    try:
        # the old file was copied before it was changed: the rolling copy and its own
        assert not db.backup_pending
        assert len(_dailies(data_dir)) == 1
        assert list((data_dir / "backups").glob("before-upgrade-0001-*.sqlite"))
    finally:
        db.close()
