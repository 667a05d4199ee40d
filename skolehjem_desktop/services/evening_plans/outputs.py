"""What an evening plan gives out: the schedule for the door and the staff room, the .ics.

Only a plan that is computed and breaks no rule (or was accepted) is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from skolehjem_desktop import i18n
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.evening_plans.state import EveningPlanState
from skolehjem_desktop.services.planner.ics import to_ics

if TYPE_CHECKING:
    from skolehjem_desktop.reports.evening_schedule import ScheduleData
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.pdfs import PdfWritten


def schedule_data(services: Services, plan_id: int, lang: str | None = None) -> ScheduleData:
    """The evening's schedule: per evening and room (or teacher), time, pupil and class."""
    from skolehjem_desktop.reports.evening_schedule import (
        ScheduleColumn,
        ScheduleData,
        ScheduleEvening,
        ScheduleSlot,
    )
    from skolehjem_desktop.services.report_data import letterhead

    state = _printable(services.evening_plans.get(plan_id))
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
    return ScheduleData(
        letterhead(services),
        state.class_name,
        lang or i18n.active().lang,
        tuple(evenings),
    )


def write_schedule(
    services: Services, plan_id: int, path: Path, lang: str | None = None
) -> PdfWritten:
    """The schedule PDF, written safely (see :mod:`skolehjem_desktop.services.pdfs`)."""
    from skolehjem_desktop.reports.evening_schedule import render_schedule
    from skolehjem_desktop.services.pdfs import PdfWritten, check_target, write_atomically

    target = check_target(path)
    data = schedule_data(services, plan_id, lang)
    pdf = render_schedule(data)
    write_atomically(target, pdf.data)
    return PdfWritten(target, pdf.pages, data.lang)


def write_calendar(
    services: Services, plan_id: int, path: Path, teacher: str | None = None
) -> Path:
    """The plan as an iCalendar file (.ics): one event per teacher and slot."""
    from skolehjem_desktop.services.pdfs import check_target, write_atomically

    target = check_target(path)
    plan_id_state = _printable(services.evening_plans.get(plan_id))
    assert plan_id_state.plan is not None
    inp = services.evening_plans.planner_input(plan_id)
    data = to_ics(
        plan_id_state.plan,
        inp,
        now=services.clock(),
        teacher=teacher,
        school=services.school.school_name(),
    )
    write_atomically(target, data)
    return target


def _printable(state: EveningPlanState) -> EveningPlanState:
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
