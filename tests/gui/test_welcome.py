"""The first start of a fresh install: the welcome dialog, driven as a teacher does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from skolehjem_desktop import i18n
from skolehjem_desktop.app import after_ready
from skolehjem_desktop.config import database_path
from skolehjem_desktop.services import Services
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.dialogs.welcome import FirstStart, WelcomeDialog, welcome_if_fresh

SECRET = "en lang hemmelig sætning"


@pytest.fixture(autouse=True)
def _qt_back_in_english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Choosing Danish in the dialog installs Qt's Danish; later tests expect English."""
    yield
    from skolehjem_desktop.ui.app.qt_language import install_qt_translations

    install_qt_translations(qapp, "en")


@pytest.fixture
def dialog(qtbot, data_dir: Path) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    box = WelcomeDialog(data_dir)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


def fill(qtbot, box: WelcomeDialog, school: str = "Skovbakkeskolen") -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(box.name_edit, "Mette Kirk Hansen")
    assert box.initials_edit.text() == "MKH"  # suggested from the name
    qtbot.keyClicks(box.school_edit, school)


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(qtbot, radio) -> None:  # type: ignore[no-untyped-def]
    """Click a radio button or check box on its mark (its middle may be past the text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def stored(data_dir: Path, passphrase: str | None = None) -> dict[str, object]:
    db = open_database(data_dir, passphrase)
    try:
        services = Services(db)
        user = services.school.user()
        return {
            "user": (user.name, user.initials) if user else None,
            "school": services.school.school_name(),
            "language": services.school.language(),
            "teachers": len(services.school.teachers()),
        }
    finally:
        db.close()


def class_count(data_dir: Path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(database_path(data_dir))) as conn:
        return int(conn.execute("SELECT count(*) FROM school_class").fetchone()[0])


def test_start_empty_stores_the_teacher_the_school_and_the_language(
    qtbot, dialog: WelcomeDialog, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    assert not database_path(data_dir).exists()
    fill(qtbot, dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("da"))
    choose(qtbot, dialog.empty_radio)
    click(qtbot, dialog.start_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.outcome == FirstStart(passphrase=None, begin="empty")
    facts = stored(data_dir)
    assert facts["user"] == ("Mette Kirk Hansen", "MKH")
    assert facts["school"] == "Skovbakkeskolen"
    assert facts["language"] == "da"
    assert facts["teachers"] == 1
    assert class_count(data_dir) == 0


def test_choosing_english_speaks_english_at_once_and_is_stored(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    box = WelcomeDialog(data_dir)
    qtbot.addWidget(box)
    assert box.language == "da"
    assert "Keep the passphrase safe" not in box.warning.text()  # Danish
    box.language_combo.setCurrentIndex(box.language_combo.findData("en"))
    assert box.windowTitle() == "Welcome to Skolehjem"
    assert box.warning.text().startswith("Keep the passphrase safe")
    assert box.start_button.text() == "&Start"
    fill(qtbot, box)
    choose(qtbot, box.empty_radio)
    click(qtbot, box.start_button)
    assert stored(data_dir)["language"] == "en"


def test_the_demo_school_keeps_the_teacher_and_school_typed(
    qtbot, dialog: WelcomeDialog, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, dialog, school="Lindeskolen")
    choose(qtbot, dialog.demo_radio)
    click(qtbot, dialog.start_button)

    assert dialog.outcome is not None and dialog.outcome.begin == "demo"
    facts = stored(data_dir)
    assert facts["user"] == ("Mette Kirk Hansen", "MKH")
    assert facts["school"] == "Lindeskolen"
    assert class_count(data_dir) > 0


def test_import_opens_the_import_wizard_once_the_window_holds_the_data(
    qtbot, dialog: WelcomeDialog, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, dialog)
    assert dialog.import_radio.isChecked()  # the usual way to begin
    click(qtbot, dialog.start_button)
    assert dialog.outcome == FirstStart(passphrase=None, begin="import")
    assert class_count(data_dir) == 0

    from skolehjem_desktop.app import create_main_window
    from skolehjem_desktop.ui.app import actions
    from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs

    opened = []
    monkeypatch.setattr(actions, "import_list", opened.append)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(window)
    window.show()
    after_ready(window, dialog.outcome)
    qtbot.waitUntil(lambda: opened == [window])


def test_a_passphrase_protects_the_new_data(qtbot, dialog: WelcomeDialog, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, dialog)
    choose(qtbot, dialog.empty_radio)
    choose(qtbot, dialog.protect_check)
    assert dialog.protect_details.isVisible()
    assert "no way back" in dialog.warning.text()
    qtbot.keyClicks(dialog.passphrase_edit, "kort")
    qtbot.keyClicks(dialog.repeat_edit, "kort")
    click(qtbot, dialog.start_button)
    assert "at least 8" in dialog.error.text()
    assert not database_path(data_dir).exists()

    dialog.passphrase_edit.setText(SECRET)
    dialog.repeat_edit.setText(SECRET + "x")
    click(qtbot, dialog.start_button)
    assert "differ" in dialog.error.text()
    assert not database_path(data_dir).exists()

    dialog.repeat_edit.setText(SECRET)
    click(qtbot, dialog.start_button)
    assert dialog.outcome == FirstStart(passphrase=SECRET, begin="empty")
    assert crypto.is_encrypted(data_dir)
    assert stored(data_dir, SECRET)["user"] == ("Mette Kirk Hansen", "MKH")


def test_a_missing_name_is_said_and_nothing_is_written(
    qtbot, dialog: WelcomeDialog, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.initials_edit, "MKH")
    click(qtbot, dialog.start_button)
    assert dialog.isVisible()
    assert "Name must be filled in" in dialog.error.text()
    assert not database_path(data_dir).exists()


def test_cancel_writes_nothing(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    def cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, WelcomeDialog)
        qtbot.keyClicks(box.name_edit, "Mette")
        box.reject()

    QTimer.singleShot(0, cancel)
    assert welcome_if_fresh(data_dir) == FirstStart(cancelled=True)
    assert not database_path(data_dir).exists()


def test_a_failure_while_writing_leaves_no_half_made_database(
    qtbot, dialog: WelcomeDialog, data_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.errors import ValidationError
    from skolehjem_desktop.services import demo

    def broken(*args: object, **kwargs: object) -> None:
        raise ValidationError("The demo could not be made.")

    monkeypatch.setattr(demo, "generate_demo", broken)
    fill(qtbot, dialog)
    choose(qtbot, dialog.demo_radio)
    click(qtbot, dialog.start_button)
    assert dialog.isVisible()
    assert dialog.error.text() == "The demo could not be made."
    assert not database_path(data_dir).exists()
    assert not (data_dir / "backups").exists()


def test_a_folder_with_data_gets_no_welcome(data_dir: Path) -> None:
    open_database(data_dir).close()
    assert welcome_if_fresh(data_dir) == FirstStart()


def test_enter_starts(qtbot, dialog: WelcomeDialog, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, dialog)
    choose(qtbot, dialog.empty_radio)
    dialog.school_edit.setFocus()
    qtbot.keyClick(dialog.school_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert stored(data_dir)["school"] == "Skovbakkeskolen"


def test_cancel_at_the_first_start_leaves_no_folder_behind(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The program made the data folder to lock it; Cancel in the welcome takes it away again."""
    from skolehjem_desktop.app import run_gui

    folder = tmp_path / "new" / "Skolehjem"

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, WelcomeDialog)
        assert folder.is_dir()  # locked while the welcome is open
        box.reject()

    QTimer.singleShot(0, cancel)
    assert run_gui(folder, "en") == 0
    assert not (tmp_path / "new").exists()


def test_cancel_keeps_a_folder_that_was_there_before(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.app import run_gui

    folder = tmp_path / "chosen"
    folder.mkdir()
    (folder / "notes.txt").write_text("the teacher's own file")

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, WelcomeDialog)
        box.reject()

    QTimer.singleShot(0, cancel)
    assert run_gui(folder, "en") == 0
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_initials_are_suggested_from_the_name_and_stay_editable(
    qtbot, dialog: WelcomeDialog
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.name_edit, "Mette Kjær Hansen")
    assert dialog.initials_edit.text() == "MKH"
    qtbot.keyClicks(dialog.name_edit, "-Bæk")
    assert dialog.initials_edit.text() == "MKHB"
    dialog.initials_edit.clear()
    qtbot.keyClicks(dialog.initials_edit, "METH")
    qtbot.keyClicks(dialog.name_edit, " Ø")
    assert dialog.initials_edit.text() == "METH"  # the teacher's own initials stay


def test_the_message_goes_once_the_missing_name_is_typed(
    qtbot, dialog: WelcomeDialog, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, dialog.start_button)
    assert dialog.error.isVisible()
    assert "Name must be filled in" in dialog.error.text()
    qtbot.keyClicks(dialog.name_edit, "Mette Kjær Hansen")
    assert not dialog.error.isVisible()
    assert not database_path(data_dir).exists()


def test_the_data_folder_is_shown_the_way_a_teacher_reads_it(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.ui.dialogs.welcome import friendly_path

    home = Path.home()
    assert friendly_path(home / ".local" / "share" / "skolehjem") == "~/.local/share/skolehjem"
    box = WelcomeDialog(home / ".local" / "share" / "skolehjem")
    qtbot.addWidget(box)
    assert box.place.text() == ("Your data is kept in your home folder: ~/.local/share/skolehjem")
    assert str(home) not in box.intro.text() + box.place.text()
