"""The Help menu: the first steps (F1) and the keyboard shortcuts, written from the menus."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from skolehjem_desktop import i18n
from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.services import Services
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.app import help as help_pages
from skolehjem_desktop.ui.app import menus
from skolehjem_desktop.ui.app.help import GettingStartedDialog, ShortcutsDialog
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


@pytest.fixture
def window(qtbot, data_dir, tmp_path):  # type: ignore[no-untyped-def]
    services = Services(open_database(data_dir))
    services.classes.create("5.A", services.classes.current_year())
    services.db.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def while_open(qtbot, open_it: Callable[[], object], look: Callable[[QDialog], None]) -> None:  # type: ignore[no-untyped-def]
    """Run ``open_it``, which opens a modal dialog; look at it, then close it."""
    seen: list[QDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, run)
            return
        seen.append(dialog)
        try:
            look(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(0, run)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))


def test_the_help_menu_has_the_first_steps_the_shortcuts_and_about(window) -> None:  # type: ignore[no-untyped-def]
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Help" and a.menu()
    )
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["&Getting started", "&Keyboard shortcuts", "&About Skolehjem"]


def test_f1_opens_getting_started(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    found: list[str] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, GettingStartedDialog)
        found.append(dialog.text.toPlainText())

    while_open(qtbot, lambda: qtbot.keyClick(window, Qt.Key.Key_F1), look)
    [text] = found
    for step in (
        "Import your class list",
        "Plan and hold a conversation",
        "Print the summary",
        "Keep the message book",
        "Log a parent's call",
        "See what is still owed",
    ):
        assert step in text
    # Menu entries as the menus show them, with their keys.
    assert "File › Import class list… (Ctrl+I)" in text
    assert "Pupil › New conversation (Ctrl+N)" in text
    assert "Class › Class overview (Ctrl+Home)" in text
    assert "Help › Keyboard shortcuts" in text


def test_getting_started_speaks_danish(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    dialog = GettingStartedDialog(None)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert dialog.windowTitle() == "Kom godt i gang med Skolehjem"
    assert "Importér din klasseliste" in text
    assert "Filer › Importér klasseliste … (Ctrl+I)" in text
    assert "Import your class list" not in text


def test_the_shortcut_list_has_every_action_with_a_key(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    rows: list[tuple[str, str]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        rows.extend(dialog.rows())

    while_open(qtbot, window.actions_by_name["shortcuts"].trigger, look)
    with_keys = [(name, text) for name, text, _slot, keys, _n in menus.ACTIONS if keys is not None]
    assert len(with_keys) >= 10
    for name, text in with_keys:
        action = window.actions_by_name[name]
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:  # a standard key this platform binds to nothing (Quit offscreen) has none
            assert (help_pages.plain(action.text()), keys) in rows, (name, text)
        else:
            assert help_pages.plain(action.text()) not in [w for w, _keys in rows]
    assert ("Getting started", "F1") in rows
    # The keys of the lists and the search field, which no menu shows.
    what = [w for w, _keys in rows]
    assert "In the search field: open the first pupil found." in what
    assert "In the search field or the list of pupils: clear the search." in what
    assert "In the empty search field: go back to where you were." in what


def test_plain_drops_the_mnemonic_only() -> None:
    assert help_pages.plain("&Import class list…") == "Import class list…"
    assert help_pages.plain("Save && close") == "Save & close"
