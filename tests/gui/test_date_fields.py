"""The date and time fields, typed in as a teacher types."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCalendarWidget, QTableView
from pytestqt.qtbot import QtBot

from skolehjem_desktop.ui.common.date_fields import DateField, DateTimeField, TimeField

TODAY = dt.date(2026, 12, 3)


def type_in(qtbot: QtBot, field: object, text: str) -> None:
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_typed_date_is_taken(qtbot: QtBot) -> None:
    field = DateField(lambda: TODAY, TODAY)
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitSignal(field.dateChanged) as changed:
        type_in(qtbot, field, "01.02.2027")
    assert changed.args == [dt.date(2027, 2, 1)]
    assert field.date() == dt.date(2027, 2, 1)
    assert field.text() == "01/02/2027"  # the tests' UI is English
    type_in(qtbot, field, "i går")
    assert field.date() == dt.date(2026, 12, 2)
    type_in(qtbot, field, "today")
    assert field.date() == TODAY
    assert not field.hint


def test_an_impossible_date_says_so_and_keeps_the_last(qtbot: QtBot) -> None:
    field = DateField(lambda: TODAY, TODAY)
    qtbot.addWidget(field)
    field.show()
    type_in(qtbot, field, "31.02.2027")
    assert field.date() == TODAY
    assert "is not a date" in field.hint and "31.02.2027" in field.toolTip()
    assert field.styleSheet()
    type_in(qtbot, field, "2.12")
    assert field.date() == dt.date(2026, 12, 2)
    assert not field.hint and not field.styleSheet()


def test_a_date_out_of_range_is_refused(qtbot: QtBot) -> None:
    field = DateField(lambda: TODAY, TODAY)
    qtbot.addWidget(field)
    field.setMaximumDate(TODAY)
    type_in(qtbot, field, "i morgen")
    assert field.date() == TODAY
    assert "03/12/2026 or earlier" in field.hint


def test_up_and_down_step_a_day(qtbot: QtBot) -> None:
    field = DateField(lambda: TODAY, TODAY)
    qtbot.addWidget(field)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == dt.date(2026, 12, 2)


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")
def test_the_calendar_shows_week_numbers_from_monday(qtbot: QtBot) -> None:
    field = DateField(lambda: TODAY, TODAY)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.horizontalHeaderFormat() == QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
    assert calendar.selectedDate().toPython() == TODAY
    days = calendar.findChild(QTableView)
    qtbot.keyClick(days, Qt.Key.Key_Right)
    with qtbot.waitSignal(field.editingFinished):
        qtbot.keyClick(days, Qt.Key.Key_Return)
    assert field.date() == dt.date(2026, 12, 4)
    assert not calendar.isVisible()


def test_times(qtbot: QtBot) -> None:
    field = TimeField(dt.time(15))
    qtbot.addWidget(field)
    type_in(qtbot, field, "14")
    assert field.time() == dt.time(14)
    assert field.text() == "14:00"
    type_in(qtbot, field, "1430")
    assert field.time() == dt.time(14, 30)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.time() == dt.time(14, 45)
    type_in(qtbot, field, "25.00")
    assert field.time() == dt.time(14, 45) and "is not a time" in field.hint


def test_date_and_time_together(qtbot: QtBot) -> None:
    field = DateTimeField(lambda: TODAY, dt.datetime(2026, 12, 4, 15))
    qtbot.addWidget(field)
    seen: list[dt.datetime] = []
    field.dateTimeChanged.connect(seen.append)
    type_in(qtbot, field.date_field, "02.12.2026")
    type_in(qtbot, field.time_field, "14.00")
    assert field.dateTime() == dt.datetime(2026, 12, 2, 14)
    assert seen == [dt.datetime(2026, 12, 2, 15), dt.datetime(2026, 12, 2, 14)]
