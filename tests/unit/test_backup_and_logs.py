"""Rolling backups at start-up, and a log that holds no personal data."""

from __future__ import annotations

import datetime as dt
import sqlite3

from skolehjem_desktop.config import backup_dir
from skolehjem_desktop.logs import describe_bug, write_log
from skolehjem_desktop.store.backup import rolling_backup
from skolehjem_desktop.store.database import open_database


def test_every_start_keeps_a_daily_and_a_weekly_copy(services, data_dir) -> None:
    services.school.set_school_name("Skovbakkeskolen")
    services.db.close()
    open_database(data_dir).close()
    names = sorted(p.name for p in backup_dir(data_dir).glob("*.sqlite"))
    assert any(n.startswith("daily-") for n in names)
    assert any(n.startswith("weekly-") for n in names)
    copy = next(backup_dir(data_dir).glob("daily-*.sqlite"))
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT value FROM setting WHERE key='school_name'").fetchone() == (
        "Skovbakkeskolen",
    )
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert (copy.stat().st_mode & 0o777) == 0o600


def test_seven_daily_and_four_weekly_copies_are_kept(db, tmp_path) -> None:
    folder = tmp_path / "backups"
    start = dt.date(2026, 9, 1)
    for offset in range(40):
        rolling_backup(db.path, folder, today=start + dt.timedelta(days=offset))
    daily = sorted(p.name for p in folder.glob("daily-*.sqlite"))
    weekly = sorted(p.name for p in folder.glob("weekly-*.sqlite"))
    assert len(daily) == 7 and daily[-1] == "daily-2026-10-10.sqlite"
    assert len(weekly) == 4
    assert list(folder.glob("*.partial")) == []


def test_every_kind_of_backup_is_pruned_within_four_weeks(db, tmp_path) -> None:
    """A pupil deleted today is in no backup four weeks on: before-restore and
    before-upgrade copies age out too, and a kill's leftovers go."""
    import os
    import time

    folder = tmp_path / "backups"
    folder.mkdir()
    old, recent = "20261001-120000", "20261120-120000"
    for name in (
        f"before-restore-{old}.sqlite",
        f"before-restore-2-{old}.sqlite",
        f"before-upgrade-0007-{old}.sqlite",
        f"before-restore-{recent}.sqlite",
        f"before-upgrade-0007-{recent}.sqlite",
    ):
        (folder / name).write_bytes(b"x")
    gone = _dead_pid()
    # a copy a killed process was writing a moment ago: its writer is gone
    (folder / f"daily-2026-12-01.sqlite.{gone}.partial").write_bytes(b"pupils")
    (folder / "before-restore-x.partial").write_bytes(b"pupils")  # no writer named: by age
    hour_ago = time.time() - 3600
    os.utime(folder / "before-restore-x.partial", (hour_ago, hour_ago))
    (folder / "fresh.partial").write_bytes(b"being written now")
    (folder / f"daily-2026-11-30.sqlite.{os.getpid()}.partial").write_bytes(b"ours, now")
    rolling_backup(db.path, folder, today=dt.date(2026, 12, 1))
    names = sorted(p.name for p in folder.iterdir())
    assert f"before-restore-{recent}.sqlite" in names
    assert f"before-upgrade-0007-{recent}.sqlite" in names
    assert not [n for n in names if old in n]
    assert "fresh.partial" in names  # another process may be writing it
    assert f"daily-2026-11-30.sqlite.{os.getpid()}.partial" in names  # a writer alive
    assert f"daily-2026-12-01.sqlite.{gone}.partial" not in names
    assert "before-restore-x.partial" not in names


def _dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_a_bug_is_logged_without_its_message(tmp_path) -> None:
    try:
        raise ValueError("Søren Ærø told us about his parents' divorce")
    except ValueError as exc:
        text = describe_bug(type(exc), exc.__traceback__)
    path = write_log(tmp_path, text)
    logged = path.read_text(encoding="utf-8")
    assert "builtins.ValueError" in logged
    assert "test_backup_and_logs.py" in logged
    assert "Søren" not in logged and "divorce" not in logged
    assert (path.stat().st_mode & 0o777) == 0o600
