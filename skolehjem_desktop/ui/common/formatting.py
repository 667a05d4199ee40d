"""Dates and times for the window, written the way the UI language writes them (Babel),
and the conversions between Python's and Qt's dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime

from skolehjem_desktop.i18n import active


def date_text(value: dt.date | None, fmt: str = "medium") -> str:
    """``22. nov. 2026`` / ``22 Nov 2026``; empty for None."""
    return active().format_date(value, fmt) if value else ""


def datetime_text(value: dt.datetime | None) -> str:
    """``22. nov. 2026 14.30`` / ``22 Nov 2026 14:30``."""
    if value is None:
        return ""
    return f"{active().format_date(value.date(), 'medium')} {active().format_time(value)}"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))


def pydatetime(moment: QDateTime) -> dt.datetime:
    time = moment.time()
    return dt.datetime.combine(
        pydate(moment.date()), dt.time(time.hour(), time.minute(), time.second())
    )
