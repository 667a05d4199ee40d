"""The school's working week in words: ``man–fre kl. 8.00–16.00`` / ``Mon–Fri 08:00–16:00``.

Weekdays are 0 (Monday) to 6 (Sunday), as in the principles. A run of three or more
days in a row is written as a range (``man–fre``); two in a row or days apart are
listed (``man, ons, fre``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from skolehjem_desktop.i18n import N_, Translator, active

WEEKDAY_ABBREVIATIONS: Final = (
    N_("Mon"),
    N_("Tue"),
    N_("Wed"),
    N_("Thu"),
    N_("Fri"),
    N_("Sat"),
    N_("Sun"),
)


def _runs(days: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def weekdays_text(weekdays: Iterable[int], tr: Translator | None = None) -> str:
    """``man–fre``, ``man–tor``, ``man, ons, fre`` (in ``tr``'s language, the UI's by default)."""
    tr = tr or active()
    parts: list[str] = []
    for run in _runs(sorted(set(weekdays))):
        names = [tr.gettext(WEEKDAY_ABBREVIATIONS[d]) for d in run]
        parts.append(f"{names[0]}–{names[-1]}" if len(names) >= 3 else ", ".join(names))
    return ", ".join(parts)


def _hour(moment: dt.time, lang: str) -> str:
    if lang == "da":  # "kl. 8.00" in a Danish sentence
        return f"{moment.hour}.{moment.minute:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def hours_text(start: dt.time, end: dt.time, tr: Translator | None = None) -> str:
    """``kl. 8.00–16.00`` in Danish, ``08:00–16:00`` in English."""
    tr = tr or active()
    span = f"{_hour(start, tr.lang)}–{_hour(end, tr.lang)}"
    return f"kl. {span}" if tr.lang == "da" else span


def working_time_text(
    weekdays: Iterable[int], start: dt.time, end: dt.time, tr: Translator | None = None
) -> str:
    """``man–fre kl. 8.00–16.00`` / ``Mon–Fri 08:00–16:00``."""
    return f"{weekdays_text(weekdays, tr)} {hours_text(start, end, tr)}"
