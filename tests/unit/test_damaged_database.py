"""A damaged database is found at open, refused, and never copied over a good backup."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.services.demo import generate_demo
from skolehjem_desktop.store.database import DatabaseRefused, open_database
from skolehjem_desktop.store.refusals import Refusal

TODAY = dt.date(2026, 11, 20)


def damage(path: Path, size: int = 8192, seed: int = 3) -> None:
    """Random bytes in the middle of the file, as a failing disk leaves them."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + size] = random.Random(seed).randbytes(size)
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(data_dir: Path) -> dict[Path, bytes]:
    db = open_database(data_dir)
    generate_demo(db, today=TODAY)
    db.close()
    open_database(data_dir).close()  # today's rolling backups, of the good file
    damage(database_path(data_dir))
    return {p: p.read_bytes() for p in backup_dir(data_dir).iterdir()}


def test_a_damaged_file_is_refused_at_open(data_dir: Path, damaged: dict[Path, bytes]) -> None:
    with pytest.raises(DatabaseRefused) as refused:
        open_database(data_dir)
    assert refused.value.reason is Refusal.DAMAGED


def test_the_window_s_open_refuses_it_too(data_dir: Path, damaged: dict[Path, bytes]) -> None:
    """The window defers its backup, not the check: the file is refused before it is read."""
    with pytest.raises(DatabaseRefused):
        open_database(data_dir, defer_backup=True)


def test_a_damaged_file_is_never_copied_over_the_good_backups(
    data_dir: Path, damaged: dict[Path, bytes]
) -> None:
    """A week later the dailies roll over: not with copies of the damaged file."""
    from skolehjem_desktop.store.backup import rolling_backup

    folder = backup_dir(data_dir)
    with pytest.raises(DatabaseRefused):
        rolling_backup(database_path(data_dir), folder, today=TODAY + dt.timedelta(days=8))
    assert {p: p.read_bytes() for p in folder.iterdir()} == damaged
