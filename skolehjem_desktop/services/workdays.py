"""Working days and working hours: when a reply to a parent is due.

The school's principles say which weekdays are working days and when the working day
starts and ends (by default Monday to Friday, 08:00–16:00); Danish public holidays are
never working days. A parent's written contact gets a reply within a number of working
days (by default one), counted from the day it came: with one working day, a message on
Friday at 21:30 or on Saturday is due by the end of Monday, as the guide for the parents
promises ("senest næste arbejdsdag"). A contact outside working hours (before the day
starts, after it ends, or on a day that is not a working day) is marked as such.

Everything here is pure: the weekdays and hours are parameters with those defaults.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Final

MONDAY_TO_FRIDAY: Final = frozenset(range(5))
DAY_START: Final = dt.time(8, 0)
DAY_END: Final = dt.time(16, 0)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=64)
def danish_public_holidays(year: int) -> frozenset[dt.date]:
    """Days off at a Danish school besides weekends: the public holidays and Constitution Day."""
    easter = easter_sunday(year)
    offsets = [-3, -2, 0, 1, 39, 49, 50]  # Maundy Thursday .. Whit Monday
    if year < 2024:
        offsets.append(26)  # Great Prayer Day, abolished from 2024
    days = {easter + dt.timedelta(days=n) for n in offsets}
    days |= {
        dt.date(year, 1, 1),
        dt.date(year, 6, 5),
        dt.date(year, 12, 24),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
        dt.date(year, 12, 31),
    }
    return frozenset(days)


def _check(weekdays: frozenset[int]) -> None:
    if not weekdays or not weekdays <= frozenset(range(7)):
        raise ValueError(f"working weekdays must be some of 0..6, not {sorted(weekdays)}")


def is_working_day(day: dt.date, weekdays: frozenset[int] = MONDAY_TO_FRIDAY) -> bool:
    """A day of ``weekdays`` (0 = Monday) that is not a Danish public holiday."""
    return day.weekday() in weekdays and day not in danish_public_holidays(day.year)


def next_working_day(after: dt.date, weekdays: frozenset[int] = MONDAY_TO_FRIDAY) -> dt.date:
    """The first working day strictly after ``after``."""
    _check(weekdays)
    day = after + dt.timedelta(days=1)
    while not is_working_day(day, weekdays):
        day += dt.timedelta(days=1)
    return day


def add_working_days(
    start: dt.date, days: int, weekdays: frozenset[int] = MONDAY_TO_FRIDAY
) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself for 0)."""
    day = start
    for _n in range(days):
        day = next_working_day(day, weekdays)
    return day


def outside_hours(
    moment: dt.datetime,
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY,
    start: dt.time = DAY_START,
    end: dt.time = DAY_END,
) -> bool:
    """Whether ``moment`` is outside working hours: before ``start``, at or after ``end``,
    or on a day that is not a working day."""
    clock = moment.time().replace(second=0, microsecond=0)
    return not is_working_day(moment.date(), weekdays) or clock < start or clock >= end


def reply_due(
    received: dt.datetime, days: int = 1, weekdays: frozenset[int] = MONDAY_TO_FRIDAY
) -> dt.date:
    """The day by whose end a reply is due: the ``days``-th working day after the day the
    contact came ("du får svar senest næste arbejdsdag": a message on Friday evening or on
    Saturday is answered by the end of Monday). Replies are written in working hours;
    when in the day the message came does not move the day."""
    if days < 1:
        raise ValueError(f"a reply is due within at least one working day, not {days}")
    return add_working_days(received.date(), days, weekdays)
