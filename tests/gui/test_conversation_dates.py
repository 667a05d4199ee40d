"""The date of a conversation, as a teacher who has just held one types it.

The clock of the tests is Monday 23 November 2026, 10:00; a new conversation is put on the
next working day (Tuesday 24 November, 15:00).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCalendarWidget

from skolehjem_desktop.domain.enums import ConversationStatus
from skolehjem_desktop.services import Services
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.conversations_tab import ConversationsTab

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def pupil(services) -> int:  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil_id = int(services.students.add("Søren", "Østergaard", klass.id).id)
    services.students.add_guardian(pupil_id, "Lene Østergaard")
    return pupil_id


@pytest.fixture
def tab(qtbot, services, dialogs, pupil) -> ConversationsTab:  # type: ignore[no-untyped-def]
    widget = ConversationsTab(UiContext(services, dialogs))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.set_student(pupil, 2026)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def stored(data_dir, conversation_id: int):  # type: ignore[no-untyped-def]
    database = open_database(data_dir)
    try:
        return Services(database).conversations.get(conversation_id)
    finally:
        database.close()


def new_conversation(qtbot, tab: ConversationsTab) -> int:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    conversation_id = tab.editor.conversation_id
    assert conversation_id is not None
    return conversation_id


def test_typing_yesterday_then_marking_held(qtbot, tab, data_dir, type_in) -> None:  # type: ignore[no-untyped-def]
    conversation = new_conversation(qtbot, tab)
    date_field = tab.editor.planning.starts_edit.date_field
    assert date_field.hasFocus() and date_field.selectedText() == "24/11/2026"
    qtbot.keyClicks(date_field, "i går")  # the date is chosen: typing replaces it
    qtbot.keyClick(date_field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: stored(data_dir, conversation).starts_at == dt.datetime(2026, 11, 22, 15, 0)
    )
    assert tab.editor.planning.weekday_label.text() == "Sunday, 22 November 2026"
    qtbot.mouseClick(tab.editor.held_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir, conversation).status is ConversationStatus.HELD


def test_a_typed_date_and_time_are_stored(qtbot, tab, data_dir, type_in) -> None:  # type: ignore[no-untyped-def]
    conversation = new_conversation(qtbot, tab)
    type_in(tab.editor.planning.starts_edit.date_field, "02.12.2026")
    type_in(tab.editor.planning.starts_edit.time_field, "14.00")
    qtbot.waitUntil(
        lambda: stored(data_dir, conversation).starts_at == dt.datetime(2026, 12, 2, 14, 0)
    )
    # "i dag" and a time typed as four digits; leaving the field saves too.
    type_in(tab.editor.planning.starts_edit.date_field, "i dag")
    type_in(tab.editor.planning.starts_edit.time_field, "1345", enter=False)
    tab.editor.planning.duration_spin.setFocus()
    qtbot.waitUntil(
        lambda: stored(data_dir, conversation).starts_at == dt.datetime(2026, 11, 23, 13, 45)
    )


def test_an_impossible_date_is_said_and_nothing_is_stored(qtbot, tab, data_dir, type_in) -> None:  # type: ignore[no-untyped-def]
    conversation = new_conversation(qtbot, tab)
    date_field = tab.editor.planning.starts_edit.date_field
    type_in(date_field, "31.02.2027")
    assert "“31.02.2027” is not a date" in date_field.hint
    assert date_field.toolTip() == date_field.hint and date_field.styleSheet()
    assert date_field.text() == "31.02.2027"  # kept, to be corrected
    assert tab.flush() is True
    assert stored(data_dir, conversation).starts_at == dt.datetime(2026, 11, 24, 15, 0)
    assert tab.editor.planning.starts_edit.dateTime() == dt.datetime(2026, 11, 24, 15, 0)


def test_held_today_is_one_click(qtbot, tab, data_dir) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.held_button, Qt.MouseButton.LeftButton)
    conversation = tab.editor.conversation_id
    detail = stored(data_dir, conversation)
    assert detail.status is ConversationStatus.HELD
    assert detail.starts_at == dt.datetime(2026, 11, 23, 10, 0)
    assert tab.editor.tabs.currentWidget() is tab.editor.record
    assert tab.editor.status_label.text() == "✓ Held"


def test_the_refusal_offers_today_and_stores_held(qtbot, tab, dialogs, data_dir) -> None:  # type: ignore[no-untyped-def]
    conversation = new_conversation(qtbot, tab)
    dialogs.confirms = [True]
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.held_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked == [
        "The conversation is set for 24/11/2026. Set the date to today and mark it as held?"
    ]
    assert dialogs.errors == []
    detail = stored(data_dir, conversation)
    assert detail.status is ConversationStatus.HELD
    # 15:00 has not come yet today: it is put at now.
    assert detail.starts_at == dt.datetime(2026, 11, 23, 10, 0)
    assert tab.editor.planning.starts_edit.date_field.text() == "23/11/2026"
    assert tab.editor.status_label.text() == "✓ Held"
    assert not tab.editor.dirty


def test_an_agreements_due_date_is_typed(qtbot, tab, data_dir, type_in) -> None:  # type: ignore[no-untyped-def]
    conversation = new_conversation(qtbot, tab)
    tab.editor.tabs.setCurrentWidget(tab.editor.record)
    panel = tab.editor.agreements_panel
    qtbot.keyClicks(panel.new_agreement_edit, "Read 15 minutes a day")
    check = panel.new_due_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))
    assert panel.new_due_edit.isEnabled()
    type_in(panel.new_due_edit, "01.02.2027")  # Enter adds the agreement
    [agreement] = stored(data_dir, conversation).agreements
    assert (agreement.text, agreement.due) == ("Read 15 minutes a day", dt.date(2027, 2, 1))
    assert panel.new_agreement_edit.text() == "" and not check.isChecked()


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")
def test_the_calendar_has_week_numbers(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    new_conversation(qtbot, tab)
    date_field = tab.editor.planning.starts_edit.date_field
    qtbot.keyClick(date_field, Qt.Key.Key_F4)
    calendar = date_field.calendar
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.selectedDate().toPython() == dt.date(2026, 11, 24)
    assert calendar.width() >= 8 * calendar.fontMetrics().horizontalAdvance("Wed")


@pytest.mark.autosave_held
def test_a_date_typed_without_enter_is_saved_by_a_flush(qtbot, tab, data_dir, type_in) -> None:  # type: ignore[no-untyped-def]
    conversation = new_conversation(qtbot, tab)
    type_in(tab.editor.planning.starts_edit.date_field, "20.11.2026", enter=False)
    assert tab.flush() is True  # what the window does before Ctrl+N, a print or closing
    assert stored(data_dir, conversation).starts_at == dt.datetime(2026, 11, 20, 15, 0)
