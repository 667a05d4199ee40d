"""The school year: 1 August – 31 July, shown as "2026/27", identified by its first year."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

FIRST_MONTH = 8


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int

    @classmethod
    def of(cls, day: dt.date) -> SchoolYear:
        """The school year that ``day`` falls in."""
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start_year, FIRST_MONTH, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start_year + 1, FIRST_MONTH - 1, 31)

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def next(self) -> SchoolYear:
        return SchoolYear(self.start_year + 1)

    def previous(self) -> SchoolYear:
        return SchoolYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day if it has fewer)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
