"""What an evening plan gives out: the schedule for the door and the staff room, the .ics.

Only a plan that is computed and breaks no rule (or was accepted) is printed. The
use cases that write the files are :meth:`EveningPlanService.write_schedule` and
:meth:`EveningPlanService.write_calendar`; this module shapes what they write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.evening_plans.state import EveningPlanState

if TYPE_CHECKING:
    from skolehjem_desktop.reports.data import Letterhead
    from skolehjem_desktop.reports.evening_schedule import ScheduleData


def printable(state: EveningPlanState) -> EveningPlanState:
    """A plan that can go to the door or a calendar: computed, and breaking no rule."""
    if state.plan is None:
        raise ValidationError(_("Compute a plan first."))
    if state.violations and state.accepted_at is None:
        raise ValidationError(
            ngettext(
                "The plan breaks {n} rule ({first}): compute it again or move the pupil "
                "before printing it.",
                "The plan breaks {n} rules ({first} …): compute it again or move the pupils "
                "before printing it.",
                len(state.violations),
            ).format(n=len(state.violations), first=state.violations[0].message)
        )
    return state


def schedule_of(state: EveningPlanState, letterhead: Letterhead, lang: str) -> ScheduleData:
    """The schedule of a printable plan: per evening and room (or teacher), time, pupil, class."""
    from skolehjem_desktop.reports.evening_schedule import (
        ScheduleColumn,
        ScheduleData,
        ScheduleEvening,
        ScheduleSlot,
    )

    assert state.plan is not None
    evenings = []
    for e in state.setup.evenings:
        on_day = [a for a in state.plan.assignments if a.date == e.date]
        keys = list(dict.fromkeys(a.room or ", ".join(a.teachers) for a in on_day))
        columns = []
        for key in keys:
            mine = [a for a in on_day if (a.room or ", ".join(a.teachers)) == key]
            teachers = ", ".join(dict.fromkeys(t for a in mine for t in a.teachers))
            columns.append(
                ScheduleColumn(
                    key,
                    teachers,
                    tuple(
                        ScheduleSlot(
                            a.start, a.end, state.name_of(a.pupil_id), state.class_name, teachers
                        )
                        for a in sorted(mine)
                    ),
                )
            )
        evenings.append(
            ScheduleEvening(
                e.date, e.start, e.end, tuple((b.start, b.end) for b in e.breaks), tuple(columns)
            )
        )
    return ScheduleData(letterhead, state.class_name, lang, tuple(evenings))
