"""How the planner's messages name pupils and times: short lists, runs of slots.

Shared by :mod:`.explain` (why no plan fits) and :mod:`.violations` (what a plan breaks).
"""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.planner.problem import Cell, Problem

MAX_NAMES = 5


def names_text(labels: list[str]) -> str:
    """``Anna, Bo and Carl``; past :data:`MAX_NAMES` the rest as ``n more``."""
    if len(labels) > MAX_NAMES:
        rest = len(labels) - MAX_NAMES
        labels = [
            *labels[:MAX_NAMES],
            ngettext("{n} more", "{n} more", rest).format(n=rest),
        ]
    if len(labels) == 1:
        return labels[0]
    return _("{first} and {last}").format(first=", ".join(labels[:-1]), last=labels[-1])


def _clock(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def times_text(problem: Problem, cells: list[Cell]) -> str:
    """``17:00`` or ``16:00–17:30, 18:00`` (with the date when there are several evenings)."""
    several = len({e.date for e in problem.inp.evenings}) > 1
    runs: list[tuple[dt.date, int, int, int]] = []  # date, start, end, slots
    for c in sorted(cells, key=lambda c: (c.date, c.start)):
        if runs and runs[-1][0] == c.date and runs[-1][2] == c.start:
            d, s, _e, n = runs[-1]
            runs[-1] = (d, s, c.end, n + 1)
        else:
            runs.append((c.date, c.start, c.end, 1))
    parts = []
    for d, s, e, n in runs:
        span = _clock(s) if n == 1 else f"{_clock(s)}–{_clock(e)}"
        parts.append(f"{d.isoformat()} {span}" if several else span)
    return ", ".join(parts)
