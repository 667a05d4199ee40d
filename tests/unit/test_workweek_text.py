"""The school's working week in words, in Danish and English."""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.i18n import translator
from skolehjem_desktop.i18n.workweek import hours_text, weekdays_text, working_time_text

DA, EN = translator("da"), translator("en")


def test_runs_of_days_are_ranges_and_the_rest_are_listed() -> None:
    assert weekdays_text(range(5), DA) == "man–fre"
    assert weekdays_text(range(5), EN) == "Mon–Fri"
    assert weekdays_text({0, 1, 2, 3}, DA) == "man–tor"
    assert weekdays_text({0, 2, 4}, DA) == "man, ons, fre"
    assert weekdays_text({0, 1, 3, 4, 5}, EN) == "Mon, Tue, Thu–Sat"
    assert weekdays_text({6}, DA) == "søn"


def test_hours_the_danish_way_and_the_english_way() -> None:
    start, end = dt.time(8, 0), dt.time(15, 30)
    assert hours_text(start, end, DA) == "kl. 8.00–15.30"
    assert hours_text(start, end, EN) == "08:00–15:30"
    assert working_time_text(range(5), dt.time(8), dt.time(16), DA) == "man–fre kl. 8.00–16.00"
    assert working_time_text(range(5), dt.time(8), dt.time(16), EN) == "Mon–Fri 08:00–16:00"
