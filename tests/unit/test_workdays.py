"""Working days and hours: when a reply to a parent is due (pure, by the principles' rules)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolehjem_desktop.services.workdays import (
    add_working_days,
    danish_public_holidays,
    easter_sunday,
    is_working_day,
    next_working_day,
    outside_hours,
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
def test_the_next_working_day(received: dt.date, due: dt.date) -> None:
    assert next_working_day(received) == due
    if is_working_day(received):
        # Inside working hours (and before them: it counts from that morning).
        assert reply_due(at(received)) == due
        assert reply_due(at(received, 7)) == due
        assert reply_due(at(received, 15)) == due
    # After working hours, or on a day off: the next working day all the same.
    assert reply_due(at(received, 23)) == due


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
def test_the_reply_is_due_the_next_working_day_whatever_the_hour(received: dt.datetime) -> None:
    due = reply_due(received)
    assert due == next_working_day(received.date())
    assert is_working_day(due)
    assert due > received.date()


# --- the school's own working days and hours ----------------------------------------------

FRIDAY_NIGHT = dt.datetime(2026, 11, 20, 21, 30)  # Friday 20 November 2026
NO_FRIDAY = frozenset(range(4))  # Monday to Thursday


def test_friday_night_with_one_working_day_is_due_monday() -> None:
    """The guide promises "senest næste arbejdsdag": Friday evening's message by Monday."""
    assert outside_hours(FRIDAY_NIGHT)
    assert reply_due(FRIDAY_NIGHT, 1) == dt.date(2026, 11, 23)  # Monday, not Tuesday
    assert reply_due(dt.datetime(2026, 11, 21, 11), 1) == dt.date(2026, 11, 23)  # Saturday too


def test_three_working_days_as_at_den_lille_skole() -> None:
    # Monday 23 November at 10:00 -> Thursday 26; Friday night -> Wednesday 25.
    assert reply_due(dt.datetime(2026, 11, 23, 10), 3) == dt.date(2026, 11, 26)
    assert reply_due(dt.datetime(2026, 11, 25, 10), 3) == dt.date(2026, 11, 30)  # over a weekend
    assert reply_due(FRIDAY_NIGHT, 3) == dt.date(2026, 11, 25)
    assert reply_due(dt.datetime(2026, 11, 21, 11), 3) == dt.date(2026, 11, 25)  # Saturday


def test_holidays_are_skipped_with_several_days() -> None:
    # Tuesday 31 March 2026 at 12:00 + 3 working days: Wed 1, (Easter) Tue 7, Wed 8 April.
    assert reply_due(dt.datetime(2026, 3, 31, 12), 3) == dt.date(2026, 4, 8)
    # On Maundy Thursday itself (a holiday): the next working day is Tuesday 7 April.
    assert reply_due(dt.datetime(2026, 4, 2, 10), 1) == dt.date(2026, 4, 7)
    # 23 December 2026 in the evening: 24-27 off -> due Monday 28.
    assert reply_due(dt.datetime(2026, 12, 23, 18), 1) == dt.date(2026, 12, 28)


def test_a_week_without_friday() -> None:
    thursday = dt.datetime(2026, 11, 19, 10)
    assert not is_working_day(dt.date(2026, 11, 20), NO_FRIDAY)
    assert next_working_day(thursday.date(), NO_FRIDAY) == dt.date(2026, 11, 23)
    assert reply_due(thursday, 1, NO_FRIDAY) == dt.date(2026, 11, 23)
    assert outside_hours(dt.datetime(2026, 11, 20, 10), NO_FRIDAY)  # Friday is a day off
    assert reply_due(dt.datetime(2026, 11, 20, 10), 1, NO_FRIDAY) == dt.date(2026, 11, 23)


def test_working_hours_are_from_start_to_end() -> None:
    monday = dt.date(2026, 11, 23)
    start, end = dt.time(7, 30), dt.time(15, 0)
    assert outside_hours(dt.datetime.combine(monday, dt.time(7, 29)), start=start, end=end)
    assert not outside_hours(dt.datetime.combine(monday, dt.time(7, 30)), start=start, end=end)
    assert not outside_hours(dt.datetime.combine(monday, dt.time(14, 59)), start=start, end=end)
    assert outside_hours(dt.datetime.combine(monday, dt.time(15, 0)), start=start, end=end)
    # The defaults: 08:00-16:00.
    assert outside_hours(dt.datetime.combine(monday, dt.time(7, 59)))
    assert not outside_hours(dt.datetime.combine(monday, dt.time(8, 0)))
    assert outside_hours(dt.datetime.combine(monday, dt.time(16, 0)))


def test_bad_weekdays_and_days_are_refused() -> None:
    with pytest.raises(ValueError, match="weekdays"):
        next_working_day(dt.date(2026, 11, 23), frozenset())
    with pytest.raises(ValueError, match="at least one"):
        reply_due(FRIDAY_NIGHT, 0)


weekday_sets = st.frozensets(st.integers(0, 6), min_size=1)
moments = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 12, 31))


@given(moments, st.integers(1, 20), weekday_sets)
def test_the_reply_is_due_on_the_working_day_so_many_days_after(
    received: dt.datetime, days: int, weekdays: frozenset[int]
) -> None:
    due = reply_due(received, days, weekdays)
    start = received.date()
    assert is_working_day(due, weekdays)
    # Exactly ``days`` working days after the day it came.
    between = [
        start + dt.timedelta(days=n)
        for n in range(1, (due - start).days + 1)
        if is_working_day(start + dt.timedelta(days=n), weekdays)
    ]
    assert len(between) == days
    assert between[-1] == due
    # More days never give an earlier date.
    assert reply_due(received, days + 1, weekdays) > due


@given(moments, st.integers(1, 5), weekday_sets)
def test_a_later_contact_is_never_due_earlier(
    received: dt.datetime, days: int, weekdays: frozenset[int]
) -> None:
    later = received + dt.timedelta(hours=5)
    assert reply_due(later, days, weekdays) >= reply_due(received, days, weekdays)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(0, 30))
def test_adding_working_days_step_by_step(day: dt.date, n: int) -> None:
    assert add_working_days(day, n + 1) == next_working_day(add_working_days(day, n))
