"""The school year: 1 August – 31 July, labelled "2026/27"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolehjem_desktop.services.schoolyear import SchoolYear


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (dt.date(2026, 7, 31), 2025),
        (dt.date(2026, 8, 1), 2026),
        (dt.date(2026, 11, 23), 2026),
        (dt.date(2026, 12, 31), 2026),
        (dt.date(2027, 1, 1), 2026),
        (dt.date(2027, 7, 31), 2026),
        (dt.date(2027, 8, 1), 2027),
    ],
)
def test_of_uses_1_august_to_31_july(day: dt.date, start_year: int) -> None:
    assert SchoolYear.of(day) == SchoolYear(start_year)


def test_boundaries_of_2026_27() -> None:
    year = SchoolYear(2026)
    assert year.first_day == dt.date(2026, 8, 1)
    assert year.last_day == dt.date(2027, 7, 31)
    assert year.contains(dt.date(2027, 7, 31))
    assert not year.contains(dt.date(2027, 8, 1))
    assert not year.contains(dt.date(2026, 7, 31))
    assert SchoolYear.of(dt.date(2027, 7, 31)).label == "2026/27"
    assert SchoolYear.of(dt.date(2027, 8, 1)).label == "2027/28"


@pytest.mark.parametrize(
    ("start_year", "label"),
    [(2026, "2026/27"), (2099, "2099/00"), (2009, "2009/10"), (2000, "2000/01")],
)
def test_label(start_year: int, label: str) -> None:
    assert SchoolYear(start_year).label == label
    assert str(SchoolYear(start_year)) == label


def test_next_previous_and_order() -> None:
    year = SchoolYear(2026)
    assert year.next() == SchoolYear(2027)
    assert year.previous() == SchoolYear(2025)
    assert year.previous() < year < year.next()
    assert year.next().first_day == year.last_day + dt.timedelta(days=1)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(9998, 12, 31)))
def test_every_day_is_in_exactly_its_own_school_year(day: dt.date) -> None:
    year = SchoolYear.of(day)
    assert year.contains(day)
    assert year.first_day <= day <= year.last_day
    assert not year.previous().contains(day)
    assert not year.next().contains(day)


@given(st.integers(min_value=1901, max_value=9997))
def test_school_years_tile_the_calendar(start_year: int) -> None:
    year = SchoolYear(start_year)
    assert (year.last_day - year.first_day).days in (364, 365)
    assert SchoolYear.of(year.first_day) == year
    assert SchoolYear.of(year.last_day) == year
    assert SchoolYear.of(year.last_day + dt.timedelta(days=1)) == year.next()
