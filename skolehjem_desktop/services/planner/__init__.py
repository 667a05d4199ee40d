"""The conversation-evening planner: pure Python, no Qt, no database.

:func:`solve` places every pupil or says why it cannot; :func:`check` lists what a
plan (say, after a move by hand) breaks; :mod:`.ics` writes the plan as iCalendar.

The modules, each importing only those below it: :mod:`.solver` (the search) over
:mod:`.explain` (why no plan fits) and :mod:`.violations` (what a plan breaks), over
:mod:`.wording` (names and times in messages), over :mod:`.problem` (the input compiled:
slots, sibling blocks, what each pupil may have), over :mod:`.model` (the data).
"""

from __future__ import annotations

from skolehjem_desktop.services.planner.problem import Cell
from skolehjem_desktop.services.planner.solver import slots, solve
from skolehjem_desktop.services.planner.violations import check

__all__ = ["Cell", "check", "slots", "solve"]
