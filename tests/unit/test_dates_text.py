"""The dates and times a teacher types, and how they are shown (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolehjem_desktop.i18n.dates import (
    format_clock,
    format_date_short,
    format_time_short,
    parse_date,
    parse_time,
)

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02.12.2026", dt.date(2026, 12, 2)),
        ("2.12.2026", dt.date(2026, 12, 2)),
        ("01.02.2027", dt.date(2027, 2, 1)),
        ("1.2.27", dt.date(2027, 2, 1)),
        ("1.2", dt.date(2026, 2, 1)),
        ("1.2.", dt.date(2026, 2, 1)),
        ("24/12", dt.date(2026, 12, 24)),
        ("24/12/2027", dt.date(2027, 12, 24)),
        ("24-12-2027", dt.date(2027, 12, 24)),
        ("2027-02-01", dt.date(2027, 2, 1)),
        ("  01.02.2027  ", dt.date(2027, 2, 1)),
        ("01022027", dt.date(2027, 2, 1)),
        ("i dag", TODAY),
        ("I DAG", TODAY),
        ("  i  morgen ", dt.date(2026, 12, 4)),
        ("i går", dt.date(2026, 12, 2)),
        ("today", TODAY),
        ("Tomorrow", dt.date(2026, 12, 4)),
        ("yesterday", dt.date(2026, 12, 2)),
    ],
)
def test_dates_as_a_teacher_writes_them(text: str, expected: dt.date) -> None:
    assert parse_date(text, TODAY, "da") == expected
    assert parse_date(text, TODAY, "en") == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "31.02.2027", "32.1.2027", "1.13.2027", "abc", "1.2-2027", "2027-13-01", "1"],
)
def test_no_date(text: str) -> None:
    assert parse_date(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14", dt.time(14)),
        ("9", dt.time(9)),
        ("14.00", dt.time(14)),
        ("14:30", dt.time(14, 30)),
        ("9.05", dt.time(9, 5)),
        ("1430", dt.time(14, 30)),
        ("930", dt.time(9, 30)),
        ("kl. 14.15", dt.time(14, 15)),
        (" 08:00 ", dt.time(8)),
    ],
)
def test_times(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "24", "14.60", "14.5", "abc", "12345", "-1"])
def test_no_time(text: str) -> None:
    assert parse_time(text) is None


def test_shown_short() -> None:
    day = dt.date(2026, 12, 3)
    assert format_date_short(day, "da") == "03.12.2026"
    assert format_date_short(day, "en") == "03/12/2026"
    assert format_time_short(dt.time(14), "da") == "14.00"
    assert format_time_short(dt.time(9, 5), "en") == "09:05"
    assert format_clock(dt.time(14), "da") == "kl. 14.00"
    assert format_clock(dt.time(14), "en") == "14:00"


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["da", "en"]))
def test_a_shown_date_reads_back(day: dt.date, lang: str) -> None:
    assert parse_date(format_date_short(day, lang), TODAY, lang) == day


@given(st.times(), st.sampled_from(["da", "en"]))
def test_a_shown_time_reads_back(moment: dt.time, lang: str) -> None:
    assert parse_time(format_time_short(moment, lang)) == moment.replace(second=0, microsecond=0)
    assert parse_time(format_clock(moment, lang)) == moment.replace(second=0, microsecond=0)
