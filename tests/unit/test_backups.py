"""Backups to a chosen file, checking a file, restoring it, and refusing what is not ours."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
from pathlib import Path

import pytest

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services import Services, backups
from skolehjem_desktop.services.backups import (
    BackupRefused,
    backup_to,
    default_backup_name,
    describe_backup,
    inspect_backup,
    latest_good_backup,
    offer_latest_backup,
    restore_from,
)
from skolehjem_desktop.store.database import integrity_problems, open_database


def _fill(services: Services, classes: tuple[str, ...] = ("5.A",), pupils: int = 2) -> None:
    year = services.classes.current_year()
    for name in classes:
        klass = services.classes.create(name, year)
        for i in range(pupils):
            services.students.add(f"Søren{i}", f"Ærø {name}", klass.id)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.rglob("*")
        if p.name.endswith((".tmp", ".partial", ".restore-staging")) or ".tmp." in p.name
    )


@pytest.fixture
def backup_file(services: Services, tmp_path: Path) -> Path:
    _fill(services, ("5.A", "6.B"), pupils=3)
    usb = tmp_path / "usb"
    usb.mkdir()
    return backup_to(services, usb / default_backup_name()).path


def test_backup_to_writes_a_checked_copy(services: Services, tmp_path: Path) -> None:
    _fill(services)
    target = tmp_path / "stick" / "b.sqlite"
    target.parent.mkdir()
    info = backup_to(services, target)
    assert info.path == target and target.is_file()
    assert (info.classes, info.pupils) == (1, 2)
    assert info.school_years == (services.classes.current_year(),)
    assert not info.needs_upgrade
    assert "1 class, 2 pupils" in describe_backup(info)
    assert _leftovers(tmp_path) == []
    # a Database works as well as Services, and an existing backup is overwritten
    assert backup_to(services.db, target).pupils == 2


def test_default_name() -> None:
    import datetime as dt

    assert default_backup_name(dt.date(2026, 11, 23)) == "skolehjem-backup-2026-11-23.sqlite"


def test_backup_refuses_the_live_database_and_bad_targets(
    services: Services, tmp_path: Path
) -> None:
    before = _digest(services.db.path)
    with pytest.raises(UserError, match="database in use"):
        backup_to(services, services.db.path)
    with pytest.raises(UserError, match="database in use"):
        backup_to(services, services.db.path.with_name(services.db.path.name + "-wal"))
    with pytest.raises(UserError, match="is a folder"):
        backup_to(services, tmp_path)
    with pytest.raises(UserError, match="does not exist"):
        backup_to(services, tmp_path / "nowhere" / "b.sqlite")
    letter = tmp_path / "letter.txt"
    letter.write_text("Kære forældre", encoding="utf-8")
    with pytest.raises(UserError, match="not a Skolehjem backup"):
        backup_to(services, letter)
    assert letter.read_text(encoding="utf-8") == "Kære forældre"
    assert _digest(services.db.path) == before


def test_backup_disk_full_leaves_no_temp_file_and_old_target(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(services)
    target = tmp_path / "b.sqlite"
    backup_to(services, target)
    old = _digest(target)
    real = backups.writing.backup_database

    def half_then_full(source: Path, dest: Path, passphrase: str | None = None) -> Path:
        real(source, dest, passphrase)
        data = dest.read_bytes()
        dest.write_bytes(data[: len(data) // 2])  # part of it reached the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.writing, "backup_database", half_then_full)
    with pytest.raises(UserError, match="not enough room"):
        backup_to(services, target)
    assert _digest(target) == old
    assert _leftovers(tmp_path) == []


def test_backup_fsync_failure_is_a_clear_message(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.files.os, "fsync", full)
    with pytest.raises(UserError, match="not enough room"):
        backup_to(services, tmp_path / "b.sqlite")
    assert not (tmp_path / "b.sqlite").exists()
    assert _leftovers(tmp_path) == []


# --- refusals -----------------------------------------------------------------------------


def _refused(path: Path, match: str) -> None:
    before = _digest(path) if path.exists() else None
    siblings = sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []
    with pytest.raises(BackupRefused, match=match) as caught:
        inspect_backup(path)
    assert "\n" not in caught.value.message
    if before is not None:
        assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no -wal, no -shm


def test_corrupt_file_is_refused(backup_file: Path) -> None:
    data = bytearray(backup_file.read_bytes())
    for i in range(4096 + 100, len(data), 97):  # everything past the first page
        data[i] = (data[i] * 7 + 13) % 256
    backup_file.write_bytes(bytes(data))
    _refused(backup_file, "damaged")


def test_truncated_file_is_refused(backup_file: Path) -> None:
    data = backup_file.read_bytes()
    backup_file.write_bytes(data[: len(data) // 2])
    _refused(backup_file, "damaged or incomplete")


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "photos.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    _refused(other, "another program")


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("hello", encoding="utf-8")
    _refused(text, "not a Skolehjem backup")
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    _refused(empty, "not a Skolehjem backup")


def test_newer_schema_is_refused(backup_file: Path) -> None:
    conn = sqlite3.connect(backup_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    _refused(backup_file, "newer version")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupRefused, match="does not exist"):
        inspect_backup(tmp_path / "gone.sqlite")


def test_danish_messages(tmp_path: Path) -> None:
    from skolehjem_desktop import i18n

    i18n.activate("da")
    with pytest.raises(BackupRefused) as caught:
        inspect_backup(tmp_path / "gone.sqlite")
    assert "gone.sqlite" in caught.value.message


# --- restore ------------------------------------------------------------------------------


def test_restore_replaces_the_data_and_keeps_a_copy(
    services: Services, backup_file: Path, data_dir: Path
) -> None:
    # after the backup: a new class the restore takes away
    klass = services.classes.create("9.Z", services.classes.current_year())
    services.students.add("Ayşe", "Yılmaz", klass.id)
    closed: list[bool] = []

    def closer() -> None:
        services.db.close()
        closed.append(True)

    result = restore_from(data_dir, backup_file, engine_closer=closer)
    try:
        assert closed == [True]
        restored = Services(result.db)
        assert sorted(c.name for c in restored.classes.all()) == ["5.A", "6.B"]
        assert (result.info.classes, result.info.pupils) == (2, 6)
        assert integrity_problems(result.db) == []
        assert result.replaced_copy is not None
        assert result.replaced_copy.name.startswith("before-restore-")
        assert result.replaced_copy.parent == data_dir / "backups"
        kept = inspect_backup(result.replaced_copy)
        assert (kept.classes, kept.pupils) == (3, 7)
        assert _leftovers(data_dir) == []
    finally:
        result.db.close()


def test_restore_into_an_empty_folder(backup_file: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    result = restore_from(fresh, backup_file, engine_closer=lambda: None)
    try:
        assert result.replaced_copy is None
        assert len(Services(result.db).classes.all()) == 2
    finally:
        result.db.close()


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "foreign", "newer", "missing"])
def test_restore_refuses_and_changes_nothing(
    services: Services, backup_file: Path, data_dir: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / "bad.sqlite"
    if kind == "corrupt":
        data = bytearray(backup_file.read_bytes())
        for i in range(4196, len(data), 61):
            data[i] ^= 0x5A
        bad.write_bytes(bytes(data))
    elif kind == "truncated":
        bad.write_bytes(backup_file.read_bytes()[:5000])
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif kind == "newer":
        bad.write_bytes(backup_file.read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    closed: list[bool] = []
    with pytest.raises(BackupRefused):
        restore_from(data_dir, bad, engine_closer=lambda: closed.append(True))
    assert closed == []  # the open database was never closed
    assert len(services.classes.all()) == 2  # and still answers
    assert not list((data_dir / "backups").glob("before-restore-*"))
    assert _leftovers(data_dir) == []


def test_restore_disk_full_part_way_leaves_the_data(
    services: Services,
    backup_file: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.classes.create("9.Z", services.classes.current_year())
    real = backups.restoring.backup_database

    def half_then_full(source: Path, dest: Path, passphrase: str | None = None) -> Path:
        real(source, dest, passphrase)
        data = dest.read_bytes()
        dest.write_bytes(data[: len(data) // 3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.restoring, "backup_database", half_then_full)
    closed: list[bool] = []
    with pytest.raises(UserError, match="not enough room"):
        restore_from(data_dir, backup_file, engine_closer=lambda: closed.append(True))
    assert closed == []
    assert len(services.classes.all()) == 3
    assert _leftovers(data_dir) == []


def test_restore_after_a_crash_folds_in_the_old_log(
    services: Services, backup_file: Path, data_dir: Path
) -> None:
    """A log left by a crash beside the database is kept in the copy, not replayed on the new."""
    live = services.db.path
    services.classes.create("9.Z", services.classes.current_year())
    # a second connection keeps the log from being folded in when the engine closes
    holder = sqlite3.connect(live)
    holder.execute("SELECT count(*) FROM school_class").fetchone()
    services.db.close()
    holder.close()
    result = restore_from(data_dir, backup_file, engine_closer=lambda: None)
    try:
        assert len(Services(result.db).classes.all()) == 2
        assert integrity_problems(result.db) == []
        assert result.replaced_copy is not None
        assert inspect_backup(result.replaced_copy).classes == 3
    finally:
        result.db.close()


def test_a_stale_staging_file_is_cleared(
    services: Services, backup_file: Path, data_dir: Path
) -> None:
    stale = data_dir / "skolehjem.sqlite.restore-staging"
    stale.write_bytes(b"half a file")
    result = restore_from(data_dir, backup_file, engine_closer=services.db.close)
    result.db.close()
    assert not stale.exists()


def test_restore_an_older_schema_migrates(tmp_path: Path) -> None:
    """A file from an older (released) revision is accepted and flagged for an upgrade."""
    import shutil

    old = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parents[1] / "resources" / "db" / "schema-0001.sqlite", old)
    info = inspect_backup(old)
    assert info.revision == "0001" and info.needs_upgrade


# --- the latest good backup ---------------------------------------------------------------


def test_latest_good_backup_skips_broken_ones(services: Services, data_dir: Path) -> None:
    import os

    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    good = sorted(folder.glob("*.sqlite"))
    assert good == [] or all(p.name.startswith(("daily-", "weekly-")) for p in good)
    _fill(services)
    first = backup_to(services, folder / "a-good.sqlite").path
    os.utime(first, (1_700_000_000, 1_700_000_000))
    broken = folder / "z-broken.sqlite"
    broken.write_bytes(first.read_bytes()[:3000])
    os.utime(broken, (1_800_000_000, 1_800_000_000))
    for other in folder.glob("*ly-*.sqlite"):
        os.utime(other, (1_600_000_000, 1_600_000_000))
    assert latest_good_backup(data_dir) == first
    message = offer_latest_backup(data_dir, "The database is damaged.")
    assert "a-good.sqlite" in message and "restore" in message


def test_no_backup_at_all(tmp_path: Path) -> None:
    assert latest_good_backup(tmp_path) is None
    assert "no good backup" in offer_latest_backup(tmp_path, "Damaged.")


def test_reopened_after_restore_passes_integrity(backup_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "other"
    restore_from(folder, backup_file, engine_closer=lambda: None).db.close()
    db = open_database(folder)
    try:
        assert integrity_problems(db) == []
    finally:
        db.close()


def test_a_killed_check_s_private_copy_is_removed_at_the_next_open(tmp_path: Path) -> None:
    import os
    import tempfile
    import time

    from skolehjem_desktop.services.backups.checking import INSPECT_PREFIX
    from skolehjem_desktop.services.data_folder import DataFolder

    left = Path(tempfile.mkdtemp(prefix=INSPECT_PREFIX))
    (left / "inspect.sqlite").write_bytes(b"a whole copy of a backup")
    fresh = Path(tempfile.mkdtemp(prefix=INSPECT_PREFIX))  # another check, running now
    hour_ago = time.time() - 3600
    os.utime(left, (hour_ago, hour_ago))
    DataFolder(tmp_path / "data").open().db.close()
    assert not left.exists() and fresh.exists()
    fresh.rmdir()


def test_a_killed_backup_s_half_copy_is_removed_at_the_next_backup_there(
    services, tmp_path: Path
) -> None:

    from skolehjem_desktop.services.backups import backup_to

    target = tmp_path / "usb" / "kopi.sqlite"
    target.parent.mkdir()
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    left = target.with_name(f".kopi.sqlite.{int(child.stdout)}.tmp.partial")  # killed now
    left.write_bytes(b"pupils, half written")
    backup_to(services, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["kopi.sqlite"]
