"""The times a family ticked on its sheet, as the slots :class:`FamilyAvailability` keeps.

Each ticked cell (a weekday and a part of the day) is a slot
``{"weekday": 0-6, "start": "HH:MM", "end": "HH:MM"}``; parts of one day that follow each
other become one slot (afternoon and early evening: 12:00-19:00).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from skolehjem_desktop.i18n import active
from skolehjem_desktop.reports.preparation_form import PERIODS, WEEKDAYS, time_field, weekday_name


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def ticked_slots(ticks: Mapping[str, bool]) -> tuple[dict[str, Any], ...]:
    slots: list[dict[str, Any]] = []
    for day in WEEKDAYS:
        run: list[int] = []
        for period in range(len(PERIODS)):
            if ticks.get(time_field(day, period), False):
                run.append(period)
                continue
            if run:
                slots.append(_slot(day, run))
                run = []
        if run:
            slots.append(_slot(day, run))
    return tuple(slots)


def _slot(day: int, run: list[int]) -> dict[str, Any]:
    return {
        "weekday": day,
        "start": _hhmm(PERIODS[run[0]][0]),
        "end": _hhmm(PERIODS[run[-1]][1]),
    }


def slots_text(slots: Iterable[Mapping[str, Any]]) -> str:
    """``Mandag 12.00–19.00, onsdag 8.00–12.00`` in the program's language."""
    tr = active()
    parts = []
    for slot in slots:
        start = dt.time.fromisoformat(str(slot["start"]))
        end = dt.time.fromisoformat(str(slot["end"]))
        day = weekday_name(int(slot["weekday"]), tr)
        parts.append(f"{day} {tr.clock(start)}–{tr.clock(end)}")
    return ", ".join(parts)
