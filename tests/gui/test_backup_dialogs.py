"""Back up to a file and restore from one, through the real main window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.backups import backup_to, inspect_backup
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs import backup_dialogs


@pytest.fixture
def backup_file(tmp_path: Path) -> Path:
    """A backup from another data folder: classes 7.A and 7.B, three pupils."""
    other = open_database(tmp_path / "other")
    try:
        services = Services(other)
        year = services.classes.current_year()
        a = services.classes.create("7.A", year)
        b = services.classes.create("7.B", year)
        services.students.add("Søren", "Ærø", a.id)
        services.students.add("Łukasz", "Ćwikła", a.id)
        services.students.add("Ayşe", "Yılmaz", b.id)
        return backup_to(services, tmp_path / "usb.sqlite").path
    finally:
        other.close()


@pytest.fixture
def window(qtbot, data_dir: Path, tmp_path: Path):
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    klass = services.classes.create("5.A", year)
    services.students.add("Mette", "Hansen", klass.id)
    services.db.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _classes(win) -> list[str]:
    return [win.class_list.item(i).text() for i in range(win.class_list.count())]


def test_actions_are_named_and_translated(window) -> None:
    actions = backup_dialogs.add_actions(window)
    assert [a.text() for a in actions] == ["Back up to a file…", "Restore from a backup…"]
    assert [a.objectName() for a in actions] == ["backup", "restore"]


def test_backup_writes_a_file(window, tmp_path: Path) -> None:
    dialogs: ScriptedDialogs = window.ctx.dialogs
    target = tmp_path / "stick" / "backup"
    target.parent.mkdir()
    dialogs.files = [target]
    actions = backup_dialogs.add_actions(window)
    actions[0].trigger()
    written = target.with_suffix(".sqlite")
    assert dialogs.errors == []
    info = inspect_backup(written)
    assert (info.classes, info.pupils) == (1, 1)
    assert dialogs.infos and "1 class, 1 pupil" in dialogs.infos[-1]
    assert "Backup written" in window.statusBar().currentMessage()


def test_backup_cancelled_and_refused(window, tmp_path: Path) -> None:
    dialogs: ScriptedDialogs = window.ctx.dialogs
    dialogs.files = [None]
    assert not backup_dialogs.backup_now(window.ctx, window)
    dialogs.files = [window.services.db.path]
    assert not backup_dialogs.backup_now(window.ctx, window)
    assert "database in use" in dialogs.errors[-1]


def test_restore_shows_counts_and_replaces_the_data(
    window, backup_file: Path, data_dir: Path
) -> None:
    dialogs: ScriptedDialogs = window.ctx.dialogs
    old_services = window.services
    assert [t.split()[0] for t in _classes(window)] == ["5.A"]
    dialogs.files = [backup_file]
    dialogs.confirms = [True]
    backup_dialogs.add_actions(window)[1].trigger()
    assert dialogs.errors == []
    assert "2 classes, 3 pupils" in dialogs.asked[-1]
    assert [t.split()[0] for t in _classes(window)] == ["7.A", "7.B"]
    assert window.services is window.ctx.services is not old_services
    assert window.pupil_page.ctx.services is window.services
    assert {r.full_name for r in window.services.students.all()} == {
        "Ayşe Yılmaz",
        "Łukasz Ćwikła",
        "Søren Ærø",
    }
    kept = list((data_dir / "backups").glob("before-restore-*.sqlite"))
    assert len(kept) == 1 and inspect_backup(kept[0]).classes == 1
    assert "Restored" in dialogs.infos[-1]
    # the window goes on writing to the restored data
    window.services.classes.create("8.C", window.services.classes.current_year())
    window.reload()
    assert [t.split()[0] for t in _classes(window)] == ["7.A", "7.B", "8.C"]


def test_restore_declined_changes_nothing(window, backup_file: Path) -> None:
    dialogs: ScriptedDialogs = window.ctx.dialogs
    before = window.services
    dialogs.files = [backup_file]
    dialogs.confirms = [False]
    assert not backup_dialogs.restore_in_window(window)
    assert window.services is before
    assert [t.split()[0] for t in _classes(window)] == ["5.A"]


def test_restore_of_a_foreign_file_is_refused(window, tmp_path: Path) -> None:
    dialogs: ScriptedDialogs = window.ctx.dialogs
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    dialogs.files = [foreign]
    assert not backup_dialogs.restore_in_window(window)
    assert "another program" in dialogs.errors[-1]
    assert dialogs.asked == []
    assert [t.split()[0] for t in _classes(window)] == ["5.A"]


def test_a_failing_restore_reopens_the_old_data(
    window, backup_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from skolehjem_desktop.services import backups

    dialogs: ScriptedDialogs = window.ctx.dialogs
    real_replace = Path.replace

    def full(self: Path, target: Path) -> Path:
        if str(self).endswith(".restore-staging"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(backups.restoring.Path, "replace", full)
    dialogs.files = [backup_file]
    dialogs.confirms = [True]
    assert not backup_dialogs.restore_in_window(window)
    assert "not enough room" in dialogs.errors[-1]
    assert [t.split()[0] for t in _classes(window)] == ["5.A"]
    assert [c.name for c in window.services.classes.all()] == ["5.A"]
