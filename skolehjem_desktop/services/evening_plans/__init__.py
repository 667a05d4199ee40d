"""Plan a class's conversation evening: keep the setup and the draft, solve, move, accept.

The teacher's setup is saved as typed: what names no pupil (the evenings, the teachers
taking part and when they are free, the rooms) as versioned JSON in ``evening_plan``,
and per family the times that do not suit as rows of ``evening_plan_unavailable``; the
draft plan's assignments are rows of ``evening_plan_assignment``. Those rows go with
the pupil when the pupil is deleted, so a pupil added later (SQLite may hand them the
same id) inherits nothing. The pupils, their contact teachers and their guardians
(which make siblings, in any class) come from the database each time.
Pupils of other classes already placed in another plan on the same day are kept where
they are: they hold their teachers and rooms, and a sibling must sit next to them.

By default the plan holds the pupils still owed their ordinary conversation this school
year (the teacher ticks others in or out); the families' sheets give their times, a
conversation per home for parents who live apart, one slot for siblings who come
together (:mod:`.families`). Accepting a plan that breaks nothing makes the planned
ordinary conversations (:mod:`.accepting`), all in one transaction; accepting it again
makes nothing new.

The modules, by job: :mod:`.setup` (what the teacher types, its checks, its JSON),
:mod:`.state` (what the service hands out), :mod:`.storage` (the plan's rows),
:mod:`.inputs` (what the solver is given, from the database), :mod:`.service` (the use
cases) and :mod:`.outputs` (the schedule PDF and the .ics).
"""

from skolehjem_desktop.services.evening_plans.service import EveningPlanService
from skolehjem_desktop.services.evening_plans.setup import (
    JSON_MAX,
    MAX_EVENINGS,
    MAX_ROOMS,
    SETUP_VERSION,
    Setup,
    TeacherSetup,
    check_setup,
    setup_from_json,
    setup_to_json,
)
from skolehjem_desktop.services.evening_plans.state import (
    Accepted,
    EveningPlanState,
    PlanRefused,
    PupilLine,
)

__all__ = [
    "JSON_MAX",
    "MAX_EVENINGS",
    "MAX_ROOMS",
    "SETUP_VERSION",
    "Accepted",
    "EveningPlanService",
    "EveningPlanState",
    "PlanRefused",
    "PupilLine",
    "Setup",
    "TeacherSetup",
    "check_setup",
    "setup_from_json",
    "setup_to_json",
]
