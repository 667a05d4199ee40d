"""Printing never fails silently, and the parents' documents are in the language chosen.

A computer without a PDF viewer is played by a launcher on the context that opens
nothing; the teacher is told and offered Save as or the folder. The document's
language is the guardians' unless the teacher picks one in Print › Document language,
and the file's name follows it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import Language, SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import Dialogs, ScriptedDialogs
from skolehjem_desktop.ui.common.viewer import documents_folder
from tests.pdf_text import pdf_text

DANISH = "Referat af skole/hjemsamtale"
ENGLISH = "Summary of the school–home conversation"


@pytest.fixture
def school(data_dir):
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    school_class = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    ids = {}
    for first, last, lang in (("Søren", "Ærø", Language.DA), ("Ayşe", "Yılmaz", Language.EN)):
        pupil = services.students.add(first, last, school_class.id)
        services.students.add_guardian(pupil.id, f"Mor {last}", preferred_language=lang)
        held = services.conversations.plan(
            pupil.id, Planning(starts_at=dt.datetime.combine(services.today(), dt.time(8)))
        )
        services.conversations.set_section(held.id, SectionKind.SUMMARY, f"{first} læser.")
        services.conversations.mark_held(held.id)
        ids[first] = (pupil.id, held.id)
    services.db.close()
    return ids


class Launcher:
    """Opens nothing (no viewer on this computer) and remembers what it was asked."""

    def __init__(self, opens: bool = False) -> None:
        self.asked: list[Path] = []
        self.opens = opens

    def __call__(self, path: Path) -> bool:
        self.asked.append(path)
        return self.opens


def _window(qtbot, data_dir, tmp_path, lang: str):
    settings = QSettings(str(tmp_path / f"{lang}.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, lang, dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # the keys go to it
    return win


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):
    return _window(qtbot, data_dir, tmp_path, "en")


def _ctrl_p(qtbot, win, school, first: str = "Søren") -> None:
    student_id, conversation_id = school[first]
    win.open_student(student_id)
    win.pupil_page.conversations.select(conversation_id)
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def test_no_viewer_says_so_and_save_as_keeps_the_danish_file(
    qtbot, window, school, tmp_path
) -> None:
    launcher = Launcher()
    window.ctx.launcher = launcher
    dialogs = window.ctx.dialogs
    dialogs.choices.append(0)  # "Save as…"
    dialogs.files.append(tmp_path / "referat til mor")
    _ctrl_p(qtbot, window, school)
    (preview,) = launcher.asked
    assert preview.parent.name == "previews"
    assert "no PDF viewer" in dialogs.asked[-1]
    assert "Referat Søren Ærø" in dialogs.asked[-1]
    suggested = Path(dialogs.suggested[-1])
    assert suggested.parent == documents_folder()
    assert suggested.name.startswith("Referat Søren Ærø ") and suggested.suffix == ".pdf"
    saved = tmp_path / "referat til mor.pdf"
    assert saved.exists()
    text = pdf_text(saved)
    assert DANISH in text and "Søren læser." in text
    assert "Saved as" in window.statusBar().currentMessage()
    assert dialogs.errors == []


def test_the_message_is_in_the_teachers_language(qtbot, data_dir, school, tmp_path) -> None:
    win = _window(qtbot, data_dir, tmp_path, "da")
    win.ctx.launcher = Launcher()
    win.ctx.dialogs.choices.append(None)  # the teacher closes the message
    _ctrl_p(qtbot, win, school)
    assert "intet program på computeren" in win.ctx.dialogs.asked[-1].lower()
    assert "Ingen PDF-fremviser åbnede" in win.statusBar().currentMessage()


def test_open_the_folder_and_when_that_fails_too_the_path_to_copy(qtbot, window, school) -> None:
    launcher = Launcher()
    window.ctx.launcher = launcher
    dialogs = window.ctx.dialogs
    dialogs.choices.append(1)  # "Open the folder"
    _ctrl_p(qtbot, window, school)
    preview, folder = launcher.asked
    assert folder == preview.parent
    assert dialogs.paths == [preview]
    assert "select it and copy it" in dialogs.infos[-1]


def test_open_the_folder_when_a_file_manager_opens_it(qtbot, window, school) -> None:
    calls: list[Path] = []
    window.ctx.launcher = lambda p: calls.append(p) or p.is_dir()
    window.ctx.dialogs.choices.append(1)
    _ctrl_p(qtbot, window, school)
    assert calls[-1].is_dir()
    assert window.ctx.dialogs.paths == []


def test_a_full_disk_gives_a_message_and_leaves_nothing(
    qtbot, window, school, tmp_path, monkeypatch
) -> None:
    window.ctx.launcher = Launcher()
    dialogs = window.ctx.dialogs
    out = tmp_path / "usb"
    out.mkdir()
    dialogs.choices.append(0)
    dialogs.files.append(out / "referat.pdf")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    _ctrl_p(qtbot, window, school)
    monkeypatch.undo()
    (error,) = dialogs.errors
    assert "could not be written" in error and os.strerror(errno.ENOSPC) in error
    assert list(out.iterdir()) == []


def test_save_as_into_a_missing_folder_is_refused_clearly(qtbot, window, school, tmp_path) -> None:
    window.ctx.launcher = Launcher()
    window.ctx.dialogs.choices.append(0)
    window.ctx.dialogs.files.append(tmp_path / "gone" / "referat.pdf")
    _ctrl_p(qtbot, window, school)
    (error,) = window.ctx.dialogs.errors
    assert "does not exist" in error
    assert not (tmp_path / "gone").exists()


def _choose_language(qtbot, win, key: Qt.Key) -> None:
    """Print menu (Alt+R), Document language (L), then the language's letter."""
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    print_menu = QApplication.activePopupWidget()
    qtbot.keyClick(print_menu, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not print_menu)
    qtbot.keyClick(QApplication.activePopupWidget(), key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


MENU_KEYS = pytest.mark.qt_log_ignore(  # a menu opened offscreen
    "does not support raise", "does not support grabbing the keyboard"
)


@MENU_KEYS
def test_english_window_danish_guardians_danish_by_default_then_english(
    qtbot, window, school
) -> None:
    opened = window.ctx.dialogs.opened
    _ctrl_p(qtbot, window, school)
    assert opened[-1].name.startswith("Referat Søren Ærø ")
    assert DANISH in pdf_text(opened[-1])
    _choose_language(qtbot, window, Qt.Key.Key_E)
    assert window.actions_by_name["document_language_en"].isChecked()
    assert window.statusBar().currentMessage().endswith("written in English.")
    _ctrl_p(qtbot, window, school)
    assert opened[-1].name.startswith("Summary Søren Ærø ")
    assert ENGLISH in pdf_text(opened[-1])
    # remembered: the message book and Save as follow the choice too
    window.actions_by_name["print_focus"].trigger()
    assert opened[-1].name.startswith("Message book Søren Ærø ")
    window.ctx.dialogs.files.append(None)
    window.actions_by_name["save_summary"].trigger()
    assert Path(window.ctx.dialogs.suggested[-1]).name.startswith("Summary Søren Ærø ")


@MENU_KEYS
def test_danish_window_english_guardians_then_danish_chosen(
    qtbot, data_dir, school, tmp_path
) -> None:
    win = _window(qtbot, data_dir, tmp_path, "da")
    opened = win.ctx.dialogs.opened
    _ctrl_p(qtbot, win, school, "Ayşe")
    assert opened[-1].name.startswith("Summary Ayşe Yılmaz ")
    assert ENGLISH in pdf_text(opened[-1])
    # in the Danish menus: Udskriv (Alt+U), Dokumentets sprog (S), Dansk (D)
    qtbot.keyClick(win, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    print_menu = QApplication.activePopupWidget()
    qtbot.keyClick(print_menu, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not print_menu)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_D)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    _ctrl_p(qtbot, win, school, "Ayşe")
    assert opened[-1].name.startswith("Referat Ayşe Yılmaz ")
    assert DANISH in pdf_text(opened[-1])
    win.actions_by_name["document_language_guardians"].trigger()
    _ctrl_p(qtbot, win, school, "Ayşe")
    assert opened[-1].name.startswith("Summary Ayşe Yılmaz ")


def test_the_real_path_message_can_be_selected(qtbot, tmp_path) -> None:
    seen: list[tuple[str, bool]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        flags = box.textInteractionFlags()
        seen.append((box.text(), bool(flags & Qt.TextInteractionFlag.TextSelectableByKeyboard)))
        box.accept()

    QTimer.singleShot(0, look)
    Dialogs().show_path(None, "Here is the path:", tmp_path / "a.pdf")
    assert seen == [(f"Here is the path:\n\n{tmp_path / 'a.pdf'}", True)]
