"""The pupil search driven from the keyboard, and the pupil highlighted on the overview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from tests.gui.test_main_window import _school


@pytest.fixture
def school(data_dir):
    return _school(data_dir)


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def _find(qtbot, window, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClicks(window.filter_edit, text)


def test_enter_in_the_search_opens_the_first_pupil_found(qtbot, window, school) -> None:
    _find(qtbot, window, "sør")
    assert window.stack.currentIndex() == 0  # nothing opened while typing
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pupil_page
    assert window.pupil_page.student_id == school["soren"]
    assert window.student_list.hasFocus()
    assert window.student_list.currentIndex().data().startswith("Søren")


def test_down_goes_to_the_pupils_found_and_enter_opens_the_one_highlighted(
    qtbot, window, school
) -> None:
    _find(qtbot, window, "sør")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    assert window.student_list.hasFocus()
    assert window.student_list.currentIndex().data().startswith("Søren")
    assert window.stack.currentIndex() == 0  # highlighted, not opened
    qtbot.keyClick(window.student_list, Qt.Key.Key_Return)
    assert window.pupil_page.student_id == school["soren"]
    assert window.stack.currentWidget() is window.pupil_page


def test_down_with_nobody_found_stays_in_the_field(qtbot, window) -> None:
    _find(qtbot, window, "zzz")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert window.filter_edit.hasFocus()
    assert window.stack.currentIndex() == 0


def test_nothing_opens_while_typing_even_with_one_pupil_left(qtbot, window, school) -> None:
    _find(qtbot, window, "luk")
    assert window.student_proxy.rowCount() == 1
    assert window.stack.currentIndex() == 0
    window.filter_edit.clear()
    window.open_student(school["soren"])
    _find(qtbot, window, "luk")  # Søren, open, is filtered away: Łukasz must not open
    assert window.student_proxy.rowCount() == 1
    assert window.pupil_page.student_id == school["soren"]
    assert not window.student_list.currentIndex().isValid()
    window.filter_edit.clear()  # Søren is back in the list, highlighted as the one open
    assert window.student_list.currentIndex().data().startswith("Søren")
    assert window.pupil_page.student_id == school["soren"]


def test_escape_clears_the_search_then_goes_back(qtbot, window) -> None:
    window.table.setFocus()
    assert window.table.hasFocus()
    _find(qtbot, window, "sør")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == ""
    assert window.filter_edit.hasFocus()
    assert window.student_proxy.rowCount() == 2
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.table.hasFocus()


def test_escape_in_the_list_clears_the_search(qtbot, window) -> None:
    _find(qtbot, window, "sør")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    qtbot.keyClick(window.student_list, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == ""
    assert window.filter_edit.hasFocus()


def _highlight_in_overview(qtbot, window, name: str) -> None:
    proxy = window.proxy
    row = next(r for r in range(proxy.rowCount()) if name in proxy.index(r, 0).data())
    rect = window.table.visualRect(proxy.index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentIndex() == 0  # a single click highlights, it opens nothing


def test_a_pupil_highlighted_in_the_overview_is_the_chosen_pupil(
    qtbot, window, school, tmp_path
) -> None:
    window.services.conversations.mark_held(school["conversation"])
    _highlight_in_overview(qtbot, window, "Søren")
    assert window.student_id == school["soren"]
    assert window.conversation_id == school["conversation"]
    target = tmp_path / "referat.pdf"
    window.ctx.dialogs.files.append(target)
    window.actions_by_name["save_summary"].trigger()
    assert "Choose a pupil first." not in window.ctx.dialogs.infos
    assert target.exists() and target.read_bytes().startswith(b"%PDF")


def test_a_highlighted_pupil_without_conversations_says_so(qtbot, window, school) -> None:
    _highlight_in_overview(qtbot, window, "Łukasz")
    window.actions_by_name["save_summary"].trigger()
    assert window.ctx.dialogs.infos == ["Choose one of the pupil's conversations first."]


def test_nothing_highlighted_still_asks_for_a_pupil(qtbot, window) -> None:
    window.table.selectionModel().clear()
    window.actions_by_name["save_summary"].trigger()
    assert window.ctx.dialogs.infos == ["Choose a pupil first."]


def test_a_pupil_highlighted_in_the_list_counts_too(qtbot, window, school) -> None:
    _find(qtbot, window, "luk")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    assert window.student_id == school["lukasz"]
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    window.table.selectionModel().setCurrentIndex(window.proxy.index(0, 0), flags)
    assert window.student_id == school["lukasz"]  # the overview shows Łukasz alone
