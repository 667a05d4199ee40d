"""Working days: a reply to a parent is due by the end of the next working day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolehjem_desktop.services.workdays import (
    danish_public_holidays,
    easter_sunday,
    is_working_day,
    next_working_day,
    reply_due,
)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, dt.date(2019, 4, 21)),
        (2023, dt.date(2023, 4, 9)),
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5)),
        (2027, dt.date(2027, 3, 28)),
        (2038, dt.date(2038, 4, 25)),
        (2285, dt.date(2285, 3, 22)),
    ],
)
def test_easter_sunday(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter
    assert easter.weekday() == 6


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Monday 23 November 2026 -> Tuesday
        (dt.date(2026, 11, 23), dt.date(2026, 11, 24)),
        # Thursday -> Friday
        (dt.date(2026, 11, 26), dt.date(2026, 11, 27)),
        # Friday -> Monday
        (dt.date(2026, 11, 27), dt.date(2026, 11, 30)),
        # Saturday and Sunday -> Monday
        (dt.date(2026, 11, 28), dt.date(2026, 11, 30)),
        (dt.date(2026, 11, 29), dt.date(2026, 11, 30)),
        # Wednesday before Easter -> Tuesday after (Thu, Fri, Sat, Sun, Mon off)
        (dt.date(2026, 4, 1), dt.date(2026, 4, 7)),
        # Maundy Thursday -> Tuesday after Easter
        (dt.date(2026, 4, 2), dt.date(2026, 4, 7)),
        # 23 December 2026 (Wednesday): 24-26 off, 27 is Sunday -> Monday 28
        (dt.date(2026, 12, 23), dt.date(2026, 12, 28)),
        # Wednesday 30 December: 31 December and New Year's Day off -> Monday 4 January
        (dt.date(2026, 12, 30), dt.date(2027, 1, 4)),
        # Constitution Day: Thursday 4 June 2026 -> Monday 8 June (5 June off)
        (dt.date(2026, 6, 4), dt.date(2026, 6, 8)),
        # Ascension Day 2026 is Thursday 14 May -> Friday 15 May
        (dt.date(2026, 5, 13), dt.date(2026, 5, 15)),
        # Whit Monday 2026 is 25 May -> Tuesday 26 May
        (dt.date(2026, 5, 22), dt.date(2026, 5, 26)),
    ],
)
def test_reply_due_is_next_working_day(received: dt.date, due: dt.date) -> None:
    assert reply_due(at(received)) == due
    assert reply_due(at(received, 23)) == due
    assert reply_due(at(received, 0)) == due


def test_great_prayer_day_off_in_2023_but_not_in_2024() -> None:
    # Store bededag: the fourth Friday after Easter, abolished from 2024.
    prayer_2023 = dt.date(2023, 5, 5)
    prayer_2024 = dt.date(2024, 4, 26)
    assert prayer_2023 in danish_public_holidays(2023)
    assert not is_working_day(prayer_2023)
    assert prayer_2024 not in danish_public_holidays(2024)
    assert is_working_day(prayer_2024)
    assert reply_due(at(dt.date(2023, 5, 4))) == dt.date(2023, 5, 8)
    assert reply_due(at(dt.date(2024, 4, 25))) == dt.date(2024, 4, 26)


def test_holidays_of_2026() -> None:
    assert danish_public_holidays(2026) == {
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 2),  # Maundy Thursday
        dt.date(2026, 4, 3),  # Good Friday
        dt.date(2026, 4, 5),  # Easter Sunday
        dt.date(2026, 4, 6),  # Easter Monday
        dt.date(2026, 5, 14),  # Ascension Day
        dt.date(2026, 5, 24),  # Whit Sunday
        dt.date(2026, 5, 25),  # Whit Monday
        dt.date(2026, 6, 5),  # Constitution Day
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 26),
        dt.date(2026, 12, 31),
    }


def test_weekdays_are_working_days_unless_holidays() -> None:
    assert is_working_day(dt.date(2026, 11, 23))  # Monday
    assert is_working_day(dt.date(2026, 11, 27))  # Friday
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_working_day(dt.date(2026, 11, 29))  # Sunday
    assert not is_working_day(dt.date(2026, 6, 5))  # Constitution Day, a Friday


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_next_working_day_is_the_first_weekday_after(day: dt.date) -> None:
    due = next_working_day(day)
    assert due > day
    assert due.weekday() < 5
    assert is_working_day(due)
    assert due not in danish_public_holidays(due.year)
    gap = day + dt.timedelta(days=1)
    while gap < due:
        assert not is_working_day(gap), gap
        gap += dt.timedelta(days=1)
    # Never more than a long Easter away.
    assert (due - day).days <= 6


@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2200, 12, 31)))
def test_reply_due_depends_only_on_the_day(received: dt.datetime) -> None:
    assert reply_due(received) == next_working_day(received.date())
