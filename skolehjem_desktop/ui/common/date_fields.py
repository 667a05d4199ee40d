"""Date and time fields a teacher types in: ``02.12.2026``, ``i går``, ``14.00``.

A :class:`DateField` is a line edit. What is typed is read when the teacher presses Enter
or leaves the field (:mod:`skolehjem_desktop.i18n.dates` says what it understands); a text
that is no date, or a date outside the field's range, keeps the last good date and says
why beside the field (a red frame and a tooltip), in the UI language. Up and Down step a
day; Alt+Down, F4 or the button at the end open a calendar with ISO week numbers, Monday
first. A :class:`TimeField` reads ``14``, ``14.30`` or ``1430``; Up and Down step a quarter
of an hour. A :class:`DateTimeField` puts the two side by side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _, active
from skolehjem_desktop.i18n.dates import (
    date_pattern,
    format_date_short,
    format_time_short,
    parse_date,
    parse_time,
    time_pattern,
)

Today = Callable[[], dt.date]
INVALID_STYLE = "QLineEdit { border: 2px solid #c0392b; border-radius: 3px; }"
QUARTER = dt.timedelta(minutes=15)


class _TypedField(QLineEdit):
    """A line edit whose text is read on Enter or on leaving; a refusal is shown beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = active().lang
        self.hint = ""  # why the typed text was not taken; empty when it was
        self._tooltip = ""
        self.editingFinished.connect(self.commit)

    def commit(self) -> bool:
        """Read the typed text now; True when it was taken (or nothing was typed)."""
        raise NotImplementedError

    def shown(self) -> str:
        """The text of the value taken last, as the field writes it."""
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter after typing takes the text and stays in the field; Enter on a value
        already taken goes on to the dialog (its OK button)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            typed = self.text().strip() != self.shown()
            super().keyPressEvent(event)
            if typed:
                event.accept()
            return
        super().keyPressEvent(event)

    def _refuse(self, hint: str) -> None:
        self.hint = hint
        self.setStyleSheet(INVALID_STYLE)
        super().setToolTip(hint)
        self.setAccessibleDescription(hint)
        if self.isVisible() and QGuiApplication.platformName() != "offscreen":
            # the offscreen platform (the tests) cannot raise a tooltip: it would warn
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), hint, self)

    def _accept(self) -> None:
        if self.hint:
            self.hint = ""
            self.setStyleSheet("")
            super().setToolTip(self._tooltip)
            self.setAccessibleDescription("")
            QToolTip.hideText()

    def setToolTip(self, text: str) -> None:
        self._tooltip = text
        if not self.hint:
            super().setToolTip(text)

    def _fit(self, sample: str) -> None:
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance(sample) + 3 * metrics.height())


class DateField(_TypedField):
    """A date typed as on paper, or chosen in the calendar; ``date()`` is the last good one."""

    dateChanged = Signal(object)

    def __init__(
        self,
        today: Today = dt.date.today,
        day: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._date: dt.date | None = None
        self._minimum = dt.date(1900, 1, 1)
        self._maximum = dt.date(9999, 12, 31)
        self.calendar: QCalendarWidget | None = None
        self._popup: QFrame | None = None
        self.setPlaceholderText(date_pattern(self.lang))
        self.calendar_action = QAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
            _("Choose in the calendar (Alt+Down)"),
            self,
        )
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._fit("00.00.00000")
        if day is not None:
            self.setDate(day)

    # --- the value ------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        return self._date

    def setDate(self, day: dt.date) -> None:
        """Show ``day`` (kept inside the range); ``dateChanged`` when it is another day."""
        day = min(max(day, self._minimum), self._maximum)
        self._accept()
        self.setText(format_date_short(day, self.lang))
        if day != self._date:
            self._date = day
            self.dateChanged.emit(day)

    def shown(self) -> str:
        return format_date_short(self._date, self.lang) if self._date else ""

    def minimumDate(self) -> dt.date:
        return self._minimum

    def maximumDate(self) -> dt.date:
        return self._maximum

    def setMinimumDate(self, day: dt.date) -> None:
        self.setDateRange(day, max(day, self._maximum))

    def setMaximumDate(self, day: dt.date) -> None:
        self.setDateRange(min(day, self._minimum), day)

    def setDateRange(self, first: dt.date, last: dt.date) -> None:
        self._minimum, self._maximum = first, max(first, last)
        if self._date is not None and not first <= self._date <= self._maximum:
            self.setDate(self._date)

    def commit(self) -> bool:
        text = self.text().strip()
        if not text:
            if self._date is not None:
                self.setText(format_date_short(self._date, self.lang))
            self._accept()
            return True
        day = parse_date(text, self._today(), self.lang)
        if day is None:
            self._refuse(
                _(
                    "“{text}” is not a date. Write it as {pattern}, e.g. {example}, or “today”."
                ).format(
                    text=text,
                    pattern=date_pattern(self.lang),
                    example=format_date_short(self._today(), self.lang),
                )
            )
            return False
        if not self._minimum <= day <= self._maximum:
            self._refuse(self._range_hint())
            return False
        self.setDate(day)
        return True

    def _range_hint(self) -> str:
        first = format_date_short(self._minimum, self.lang)
        last = format_date_short(self._maximum, self.lang)
        if self._maximum.year == 9999:
            return _("Choose a date on {first} or later.").format(first=first)
        if self._minimum.year == 1900:
            return _("Choose a date on {last} or earlier.").format(last=last)
        return _("Choose a date from {first} to {last}.").format(first=first, last=last)

    def step(self, days: int) -> None:
        """Move the date ``days`` on (back when negative), from what is typed if it is good."""
        if not self.commit() and self._date is None:
            return
        self.setDate((self._date or self._today()) + dt.timedelta(days=days))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(1 if key == Qt.Key.Key_Up else -1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.step(7 if key == Qt.Key.Key_PageUp else -7)
        else:
            super().keyPressEvent(event)

    # --- the calendar ---------------------------------------------------------------------

    def open_calendar(self) -> QCalendarWidget:
        """Show the calendar under the field, on the field's date; the chosen day is taken."""
        self.commit()
        if self._popup is None:
            self._popup, self.calendar = self._make_calendar()
        calendar = self.calendar
        assert calendar is not None
        calendar.setDateRange(_qdate(self._minimum), _qdate(self._maximum))
        calendar.setSelectedDate(_qdate(self._date or self._today()))
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        calendar.setFocus()
        return calendar

    def _make_calendar(self) -> tuple[QFrame, QCalendarWidget]:
        popup = QFrame(self, Qt.WindowType.Popup)
        popup.setFrameShape(QFrame.Shape.StyledPanel)
        calendar = QCalendarWidget(popup)
        calendar.setLocale(QLocale(QLocale.Language.Danish if self.lang == "da" else "en_GB"))
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        calendar.setGridVisible(True)
        calendar.setAccessibleName(_("Calendar"))
        locale = calendar.locale()
        metrics = calendar.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(locale.dayName(day, QLocale.FormatType.ShortFormat))
            for day in range(1, 8)
        )
        calendar.setMinimumWidth(8 * (widest + metrics.averageCharWidth() * 3))
        calendar.clicked.connect(self._chosen)
        calendar.activated.connect(self._chosen)
        layout = QVBoxLayout(popup)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(calendar)
        return popup, calendar

    def _chosen(self, day: QDate) -> None:
        if self._popup is not None:
            self._popup.hide()
        self.setFocus()
        self.setDate(dt.date(day.year(), day.month(), day.day()))
        self.editingFinished.emit()


class TimeField(_TypedField):
    """A time typed as ``14``, ``14.30`` or ``1430``; ``time()`` is the last good one."""

    timeChanged = Signal(object)

    def __init__(self, moment: dt.time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time: dt.time | None = None
        self.setPlaceholderText(time_pattern(self.lang))
        self._fit("00:000")
        if moment is not None:
            self.setTime(moment)

    def time(self) -> dt.time | None:
        return self._time

    def setTime(self, moment: dt.time) -> None:
        moment = moment.replace(second=0, microsecond=0)
        self._accept()
        self.setText(format_time_short(moment, self.lang))
        if moment != self._time:
            self._time = moment
            self.timeChanged.emit(moment)

    def shown(self) -> str:
        return format_time_short(self._time, self.lang) if self._time else ""

    def commit(self) -> bool:
        text = self.text().strip()
        if not text:
            if self._time is not None:
                self.setText(format_time_short(self._time, self.lang))
            self._accept()
            return True
        moment = parse_time(text)
        if moment is None:
            self._refuse(
                _("“{text}” is not a time. Write it as {pattern}, e.g. {example}.").format(
                    text=text,
                    pattern=time_pattern(self.lang),
                    example=format_time_short(dt.time(14, 30), self.lang),
                )
            )
            return False
        self.setTime(moment)
        return True

    def step(self, quarters: int) -> None:
        """Move to the next (or previous) quarter of an hour, within the day."""
        if not self.commit() and self._time is None:
            return
        base = dt.datetime.combine(dt.date(2000, 1, 1), self._time or dt.time(15))
        minutes = base.minute % 15
        if minutes and quarters > 0:
            base -= dt.timedelta(minutes=minutes)
        elif minutes:
            base += dt.timedelta(minutes=15 - minutes)
        moved = base + quarters * QUARTER
        if moved.date() == base.date():
            self.setTime(moved.time())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(1 if event.key() == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)


class DateTimeField(QWidget):
    """A date field and a time field side by side; ``dateTime()`` puts them together."""

    dateTimeChanged = Signal(object)
    editingFinished = Signal()

    def __init__(
        self,
        today: Today = dt.date.today,
        moment: dt.datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.date_field = DateField(today)
        self.time_field = TimeField()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_field, 3)
        layout.addWidget(self.time_field, 2)
        self.setFocusProxy(self.date_field)
        self._quiet = False
        if moment is not None:
            self.setDateTime(moment)
        self.date_field.dateChanged.connect(self._changed)
        self.time_field.timeChanged.connect(self._changed)
        self.date_field.editingFinished.connect(self.editingFinished)
        self.time_field.editingFinished.connect(self.editingFinished)

    def dateTime(self) -> dt.datetime | None:
        day, moment = self.date_field.date(), self.time_field.time()
        if day is None or moment is None:
            return None
        return dt.datetime.combine(day, moment)

    def setDateTime(self, moment: dt.datetime) -> None:
        before = self.dateTime()
        self._quiet = True
        try:
            self.date_field.setDate(moment.date())
            self.time_field.setTime(moment.time())
        finally:
            self._quiet = False
        if self.dateTime() != before:
            self._changed()

    def setMaximumDate(self, day: dt.date) -> None:
        self.date_field.setMaximumDate(day)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.date_field.setAccessibleName(_("{what}: date").format(what=name))
        self.time_field.setAccessibleName(_("{what}: time").format(what=name))

    def commit(self) -> bool:
        """Read both typed texts now; True when both were taken."""
        return self.date_field.commit() & self.time_field.commit()

    def tab_chain(self) -> list[QWidget]:
        return [self.date_field, self.time_field]

    def _changed(self, *_args: object) -> None:
        moment = self.dateTime()
        if not self._quiet and moment is not None:
            self.dateTimeChanged.emit(moment)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def commit_all(*fields: DateField | TimeField | DateTimeField) -> bool:
    """Read what is typed in every field; False, with the first refused one focused, when a
    text is no date or time (for a dialog's OK: nothing is saved then)."""
    refused = [f for f in fields if f.isEnabled() and not f.commit()]
    if refused:
        refused[0].setFocus()
    return not refused
