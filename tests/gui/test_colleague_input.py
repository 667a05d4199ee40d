"""The colleagues' input in the window: read-only and private on the conversation's
Preparation page, and their suggested focus points on the message book tab, made a focus
point through the new focus point dialog (clicks and keys, then the store read back)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.models import ColleagueInput
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.conversation.editor import ConversationEditor
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import NewFocusPointDialog
from skolehjem_desktop.ui.pupil.message_book.tab import MessageBookTab
from tests.gui.modals import answer_modal

YEAR = 2026  # the test clock: Monday 23 November 2026
PLANNED = dt.datetime(2026, 12, 10, 14, 0)
RECEIVED = dt.datetime(2026, 12, 4, 9, 30)
ACADEMIC = "Łukasz Ćwikła og Søren arbejder godt sammen; Ayşe Yılmaz hjælper Nguyễn Thị Minh."


@pytest.fixture
def pupil(services) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Søren in 5.A with a planned conversation and Bo Lund's input for it."""
    klass = services.classes.create("5.A", YEAR)
    soeren = services.students.add("Søren", "Ærø", klass.id).id
    planned = services.conversations.plan(soeren, Planning(starts_at=PLANNED)).id
    with services.db.transaction() as s:
        s.add(
            ColleagueInput(
                student_id=soeren,
                school_year=YEAR,
                conversation_id=planned,
                colleague="Bo Lund",
                subject="Matematik",
                academic=ACADEMIC,
                wellbeing="Glad i timerne.",
                focus_suggestions="- Brøker og procent\n- Forklare sin tankegang",
                received_at=RECEIVED,
            )
        )
    return soeren, planned


def shown(qtbot, widget):  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def test_the_preparation_page_shows_who_wrote_what_and_when(qtbot, services, pupil) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    _soeren, planned = pupil
    editor = shown(qtbot, ConversationEditor(UiContext(services, ScriptedDialogs())))
    editor.load(planned)
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Forbere&delse
    qtbot.waitUntil(lambda: editor.tabs.currentWidget() is editor.preparation)
    box = editor.preparation.colleague_box
    assert box.isVisible()
    text = box.text()
    assert "Bo Lund, Matematik, 04.12.2026" in text
    assert ACADEMIC in text and "Glad i timerne." in text and "Brøker og procent" in text
    assert box.not_shared.text() == "Deles ikke med forældrene"
    assert box.view.isReadOnly()
    plain = editor.palette().color(QPalette.ColorRole.Window)
    assert box.palette().color(QPalette.ColorRole.Window) != plain  # tinted as private
    # Tab goes from the private preparation to the colleagues' input.
    private = editor.preparation.blocks[next(iter(editor.preparation.blocks))].edit
    private.setFocus()
    qtbot.waitUntil(private.hasFocus)
    qtbot.keyClick(private, Qt.Key.Key_Tab)
    qtbot.waitUntil(box.view.hasFocus)


def test_a_conversation_without_input_shows_no_box(qtbot, services, pupil) -> None:  # type: ignore[no-untyped-def]
    soeren, _planned = pupil
    other = services.conversations.plan(soeren, Planning(starts_at=PLANNED - dt.timedelta(days=30)))
    editor = shown(qtbot, ConversationEditor(UiContext(services, ScriptedDialogs())))
    editor.load(other.id)  # held before the input came: not its input
    editor.tabs.setCurrentWidget(editor.preparation)
    assert not editor.preparation.colleague_box.isVisible()


def test_a_suggestion_becomes_a_focus_point(qtbot, services, pupil) -> None:  # type: ignore[no-untyped-def]
    soeren, _planned = pupil
    tab = shown(qtbot, MessageBookTab(UiContext(services, ScriptedDialogs())))
    tab.set_student(soeren, YEAR)
    box = tab.suggestions
    assert box.isVisible() and box.list_view.count() == 2
    assert box.list_view.item(0).text().startswith("Brøker og procent")
    assert "Bo Lund, Matematik" in box.list_view.item(0).text()
    assert not box.use_button.isEnabled()
    rect = box.list_view.visualItemRect(box.list_view.item(0))
    qtbot.mouseClick(box.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert box.use_button.isEnabled()

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, NewFocusPointDialog)
        assert dialog.area_combo.currentData() == FocusArea.MATHS  # Matematik's area
        assert dialog.goal_edit.toPlainText() == "Brøker og procent"
        qtbot.keyClicks(dialog.goal_edit, " i hverdagen")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = answer_modal(accept)
    with qtbot.waitSignal(tab.changed, timeout=3000):
        qtbot.mouseClick(box.use_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    [point] = services.focus.all(soeren, YEAR)
    assert (point.area, point.goal) == (FocusArea.MATHS, "Brøker og procent i hverdagen")


def test_the_keyboard_reaches_a_suggestion(qtbot, services, pupil) -> None:  # type: ignore[no-untyped-def]
    soeren, _planned = pupil
    tab = shown(qtbot, MessageBookTab(UiContext(services, ScriptedDialogs())))
    tab.set_student(soeren, YEAR)
    tab.remove_button.setEnabled(True)
    tab.remove_button.setFocus()
    qtbot.waitUntil(tab.remove_button.hasFocus)
    qtbot.keyClick(tab.remove_button, Qt.Key.Key_Tab)
    view = tab.suggestions.list_view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentRow() == 1

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, NewFocusPointDialog)
        assert dialog.goal_edit.toPlainText() == "Forklare sin tankegang"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = answer_modal(accept)
    with qtbot.waitSignal(tab.changed, timeout=3000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert seen
    assert [p.goal for p in services.focus.all(soeren, YEAR)] == ["Forklare sin tankegang"]


def test_print_menu_saves_the_sheet_for_the_pupil_or_the_class(  # type: ignore[no-untyped-def]
    qtbot, data_dir, tmp_path
) -> None:
    from PySide6.QtCore import QSettings

    from skolehjem_desktop.app import create_main_window
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database

    services = Services(open_database(data_dir))
    klass = services.classes.create("5.A")
    soeren = services.students.add("Søren", "Ærø", klass.id).id
    services.students.add("Ayşe", "Yılmaz", klass.id)
    services.db.close()
    dialogs = ScriptedDialogs(choices=[0, 1], files=[tmp_path / "one", tmp_path / "all.pdf"])
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, "en", dialogs=dialogs, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_student(soeren)
    action = window.actions_by_name["print_colleague_sheet"]
    assert action.text() == "Sheet for the subject &teachers…"
    action.trigger()
    action.trigger()
    from pypdf import PdfReader

    assert len(PdfReader(str(tmp_path / "one.pdf")).pages) == 1
    assert len(PdfReader(str(tmp_path / "all.pdf")).pages) == 2
    assert "A page for Søren Ærø only" in dialogs.asked[0]


def test_an_input_read_for_the_wrong_pupil_can_be_removed(qtbot, services, pupil) -> None:  # type: ignore[no-untyped-def]
    """Two colleagues wrote; the teacher removes Karen's (asked which, then whether)."""
    soeren, planned = pupil
    with services.db.transaction() as s:
        s.add(
            ColleagueInput(
                student_id=soeren,
                school_year=YEAR,
                conversation_id=planned,
                colleague="Karen Nørby",
                subject="Dansk",
                academic="Om en anden elev",
                received_at=RECEIVED + dt.timedelta(hours=1),
            )
        )
    dialogs = ScriptedDialogs()
    editor = shown(qtbot, ConversationEditor(UiContext(services, dialogs)))
    editor.load(planned)
    editor.tabs.setCurrentWidget(editor.preparation)
    box = editor.preparation.colleague_box
    assert "Karen Nørby" in box.text()
    karen = next(i for i, item in enumerate(box.items) if item.colleague == "Karen Nørby")
    dialogs.choices.append(karen)
    dialogs.confirms.append(False)  # first: no, nothing happens
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert len(services.colleague_inputs.for_conversation(planned)) == 2
    dialogs.choices.append(karen)
    dialogs.confirms.append(True)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    [left] = services.colleague_inputs.for_conversation(planned)
    assert left.colleague == "Bo Lund"
    assert "Karen Nørby" not in box.text() and "Bo Lund" in box.text()
    assert any("Karen Nørby, Dansk" in asked for asked in dialogs.asked)
