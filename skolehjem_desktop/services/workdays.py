"""Working days: a reply to a parent is due by the end of the next working day (Mon–Fri).

The school's guidelines promise replies "within ordinary working hours Monday to
Friday". Danish public holidays are not working days either.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

SATURDAY = 5


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


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < SATURDAY and day not in danish_public_holidays(day.year)


def next_working_day(after: dt.date) -> dt.date:
    """The first working day strictly after ``after``."""
    day = after + dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def reply_due(received: dt.datetime) -> dt.date:
    """The day by whose end a reply is due: the next working day after the contact."""
    return next_working_day(received.date())
