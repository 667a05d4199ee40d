"""The conversation-evening planner: pure Python, no Qt, no database.

:func:`solve` places every pupil or says why it cannot; :func:`check` lists what a
plan (say, after a move by hand) breaks; :mod:`.ics` writes the plan as iCalendar.
"""

from __future__ import annotations

from skolehjem_desktop.services.planner.explain import check
from skolehjem_desktop.services.planner.problem import Cell
from skolehjem_desktop.services.planner.solver import slots, solve

__all__ = ["Cell", "check", "slots", "solve"]
