"""What is due soon shows beside what is overdue, and "Waiting for me" opens it at the pupil."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import ContactChannel, Responsible, StartedBy
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.classes.owed_model import DUE_SOON, OWED, REPLIES
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.waiting_dialog import WaitingDialog, WaitingModel


@pytest.fixture
def school(data_dir):  # type: ignore[no-untyped-def]
    """5.A: Søren with a reply due tomorrow; 6.B: Ayşe with an agreement two days overdue."""
    services = Services(open_database(data_dir))
    today = services.today()
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    five = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    six = services.classes.create("6.B", year, contact_teacher_ids=(me.id,))
    soren = services.students.add("Søren", "Ærø", five.id)
    services.students.add("Bo", "Andersen", five.id)
    ayse = services.students.add("Ayşe", "Yılmaz", six.id)
    reply = services.contacts.add(
        soren.id,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        summary="Mor spørger til lejrturen",
        reply_due_on=today + dt.timedelta(days=1),
    )
    conversation = services.conversations.plan(
        ayse.id, Planning(starts_at=dt.datetime.combine(today, dt.time(8)))
    )
    services.conversations.add_agreement(
        conversation.id, "Ringe til PPR", Responsible.SCHOOL, today - dt.timedelta(days=2)
    )
    agreement = services.conversations.add_agreement(
        conversation.id, "Læse hver dag", Responsible.HOME, today - dt.timedelta(days=2)
    )
    services.db.close()
    return {
        "five": five.id,
        "six": six.id,
        "soren": soren.id,
        "ayse": ayse.id,
        "reply": reply.id,
        "conversation": conversation.id,
        "agreement": agreement.id,
    }


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _overview_row(window, student_id: int) -> int:  # type: ignore[no-untyped-def]
    return next(
        r for r in range(window.model.rowCount()) if window.model.row_at(r).student_id == student_id
    )


def test_the_overview_shows_a_reply_due_tomorrow_as_due_soon(window, school) -> None:  # type: ignore[no-untyped-def]
    assert window.class_id == school["five"]
    row = _overview_row(window, school["soren"])
    index = window.model.index(row, REPLIES)
    assert window.model.data(index) == "◷ 1 due soon"
    assert window.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == DUE_SOON
    tooltip = window.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "1 reply to the parents is due by the end of the next working day." in tooltip
    bo = next(r for r in range(window.model.rowCount()) if r != row)
    other = window.model.index(bo, REPLIES)
    assert window.model.data(other) == "✓ 0"
    assert window.model.data(other, Qt.ItemDataRole.BackgroundRole) is None
    assert window.model.headerData(REPLIES, Qt.Orientation.Horizontal) == "Replies to parents"


def test_overdue_stays_red_and_the_pupil_page_shows_both_signs(window, school) -> None:  # type: ignore[no-untyped-def]
    window.open_student(school["soren"])
    page = window.pupil_page
    assert page.signs.isVisible()
    signs = QTextDocumentFragment.fromHtml(page.signs.text()).toPlainText()
    assert signs == "Replies to parents: ◷ 1 due soon"
    assert "#a35a00" in page.signs.text()  # the sign in amber
    assert "next working day" in page.signs.toolTip()
    overview = page.overview.text.text()
    assert "1 reply to the parents is due by the end of the next working day." in overview
    assert "Reply due soon" in overview

    window.class_list.setCurrentRow(1)  # 6.B
    index = window.model.index(0, REPLIES - 1)
    assert window.model.data(index) == "✗ 2 overdue"
    assert window.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == OWED


def _in_the_waiting_list(qtbot, window, act) -> None:  # type: ignore[no-untyped-def]
    """Press Ctrl+Shift+W and let ``act`` work in the list that opens."""
    seen: list[WaitingDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WaitingDialog):
            QTimer.singleShot(20, run)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, run)
    qtbot.keyClick(
        window,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen, "the waiting list did not open"


def test_the_waiting_list_lists_the_reply_and_enter_opens_the_contact(
    qtbot, window, school
) -> None:  # type: ignore[no-untyped-def]
    listed: list[list[str]] = []

    def act(dialog: WaitingDialog) -> None:
        model = dialog.model
        listed.extend(
            [model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        )
        assert dialog.table.hasFocus() or dialog.table.currentIndex().row() == 0
        qtbot.keyClick(dialog.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    _in_the_waiting_list(qtbot, window, act)
    # The most pressing first: the overdue agreements of 6.B, then the reply due tomorrow.
    assert [row[WaitingModel.STATE] for row in listed] == [
        "✗ Overdue",
        "✗ Overdue",
        "◷ Due tomorrow",
    ]
    reply = listed[-1]
    assert reply[WaitingModel.PUPIL] == "Søren Ærø" and reply[WaitingModel.CLASS] == "5.A"
    assert (
        reply[WaitingModel.WHAT]
        == "Reply to the parents (Aula message, Wellbeing): Mor spørger til lejrturen"
    )
    page = window.pupil_page
    qtbot.waitUntil(lambda: window.student_id == school["soren"])
    assert page.tabs.currentWidget() is page.contacts
    current = page.contacts.table.currentIndex()
    assert page.contacts.model.row_at(current.row()).id == school["reply"]


def test_enter_on_an_agreement_opens_its_conversation_in_the_other_class(
    qtbot, window, school
) -> None:  # type: ignore[no-untyped-def]
    def act(dialog: WaitingDialog) -> None:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)  # the second overdue agreement
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    _in_the_waiting_list(qtbot, window, act)
    qtbot.waitUntil(lambda: window.student_id == school["ayse"])
    assert window.class_id == school["six"]
    page = window.pupil_page
    assert page.tabs.currentWidget() is page.conversations
    editor = page.conversations.editor
    assert editor.conversation_id == school["conversation"]
    assert editor.tabs.currentWidget() is editor.record
    row = editor.agreements_view.currentIndex().row()
    assert editor.agreements.row_at(row).id == school["agreement"]


def test_escape_closes_the_list_and_nothing_changes(qtbot, window, school) -> None:  # type: ignore[no-untyped-def]
    def act(dialog: WaitingDialog) -> None:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)

    _in_the_waiting_list(qtbot, window, act)
    assert window.student_id is None
    assert window.class_id == school["five"]
