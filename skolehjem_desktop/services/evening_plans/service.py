"""The evening-plan use cases: open, save the setup, solve, move, check, accept, print.

Printing is the schedule PDF and the iCalendar file (shaped in :mod:`.outputs`).

Accepting a plan that breaks nothing makes one planned ordinary conversation per pupil,
all in one transaction; accepting it again makes nothing new.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import UserError, ValidationError
from skolehjem_desktop.i18n import _, clock, ngettext, short_date
from skolehjem_desktop.services.base import Service, get_or_404
from skolehjem_desktop.services.conversations import (
    ConversationService,
)
from skolehjem_desktop.services.evening_plans.accepting import make_conversations
from skolehjem_desktop.services.evening_plans.inputs import Owed, input_of, read_plan
from skolehjem_desktop.services.evening_plans.outputs import printable, schedule_of
from skolehjem_desktop.services.evening_plans.setup import (
    JSON_MAX,
    Setup,
    check_setup,
    setup_to_json,
)
from skolehjem_desktop.services.evening_plans.state import (
    Accepted,
    EveningPlanState,
    PlanRefused,
)
from skolehjem_desktop.services.evening_plans.storage import (
    keep_plan,
    keep_unavailable,
    latest_row,
    new_row,
    plan_of,
    setup_of,
    stamp_chosen,
)
from skolehjem_desktop.services.planner import Cell, check, slots, solve
from skolehjem_desktop.services.planner.ics import to_ics
from skolehjem_desktop.services.planner.model import (
    Assignment,
    Plan,
    PlanInput,
    PupilSpec,
    Result,
    Violation,
    from_minutes,
    minutes,
    periods_text,
)
from skolehjem_desktop.store.models import (
    Conversation,
    EveningPlan,
    SchoolClass,
    Teacher,
)

if TYPE_CHECKING:
    from skolehjem_desktop.reports.evening_schedule import ScheduleData
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.pdfs import PdfWritten


class EveningPlanService(Service):
    def open(self, class_id: int) -> EveningPlanState:
        """The class's latest evening plan; a new one (its contact teachers) if none."""
        owed = self._owed(class_id)
        with self.db.transaction() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            row = latest_row(s, class_id)
            if row is None:
                row = new_row(s, class_id, None, self.clock)
            return self._state(s, row, owed)

    def new_plan(self, class_id: int) -> EveningPlanState:
        """A fresh plan for the class, starting from the latest setup (after an accepted one)."""
        owed = self._owed(class_id)
        with self.db.transaction() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            last = latest_row(s, class_id)
            row = new_row(s, class_id, last, self.clock)
            return self._state(s, row, owed)

    def get(self, plan_id: int) -> EveningPlanState:
        owed = self._owed_of_plan(plan_id)
        with self.db.reading() as s:
            return self._state(s, get_or_404(s, EveningPlan, plan_id, _("Evening plan")), owed)

    def save_setup(self, plan_id: int, setup: Setup) -> EveningPlanState:
        """Keep the setup as typed (checked first; nothing is changed when it is wrong)."""
        setup = check_setup(setup)
        text = setup_to_json(setup)
        if len(text) > JSON_MAX or any(
            len(periods_text(p)) > TEXT_MAX for _i, p in setup.unavailable
        ):
            raise ValidationError(_("The evening plan's setup is too long."))
        owed = self._owed_of_plan(plan_id)
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            known = {t.casefold() for t in s.scalars(select(Teacher.initials))}
            for t in setup.teachers:
                if t.initials.casefold() not in known:
                    raise ValidationError(
                        _("There is no teacher with the initials {initials}.").format(
                            initials=t.initials
                        )
                    )
            changed = keep_unavailable(s, row, setup)
            text = setup_to_json(stamp_chosen(s, setup))
            if row.setup != text:
                row.setup = text
                changed = True
            if changed:
                row.updated_at = self.clock()
            return self._state(s, row, owed)

    def planner_input(self, plan_id: int) -> PlanInput:
        owed = self._owed_of_plan(plan_id)
        with self.db.reading() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            return input_of(s, row, setup_of(row), owed)

    def compute(self, plan_id: int) -> tuple[EveningPlanState, Result]:
        """Solve; a plan found replaces the draft, else the draft stays and the reasons say why."""
        owed = self._owed_of_plan(plan_id)
        with self.db.reading() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            self._refuse_accepted(row)
            inp = input_of(s, row, setup_of(row), owed)
        if not inp.evenings:
            raise ValidationError(_("Add an evening first."))
        result = solve(inp)
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            self._refuse_accepted(row)
            if result.plan is not None:
                keep_plan(row, result.plan, {})
                row.updated_at = self.clock()
            return self._state(s, row, owed), result

    def move(self, plan_id: int, pupil_id: int, date: dt.date, start: dt.time) -> EveningPlanState:
        """Move a pupil to the slot at ``start`` on ``date``; the state says what breaks."""
        owed = self._owed_of_plan(plan_id)
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            self._refuse_accepted(row)
            plan, _conversations = plan_of(row)
            if plan is None:
                raise ValidationError(_("Compute a plan first."))
            inp = input_of(s, row, setup_of(row), owed)
            pupil = next((p for p in inp.pupils if p.id == pupil_id), None)
            if pupil is None:
                raise ValidationError(_("That pupil is not in this plan."))
            cell = next(
                (c for c in slots(inp) if c.date == date and c.start == minutes(start)), None
            )
            if cell is None:
                raise ValidationError(
                    _("There is no slot at {time} on {date}.").format(
                        time=clock(start), date=short_date(date)
                    )
                )
            target = Assignment(
                date,
                from_minutes(cell.start),
                from_minutes(cell.end),
                pupil_id,
                _room_for(inp, plan, pupil, cell=cell),
                pupil.teachers,
            )
            keep_plan(row, plan.moved(pupil_id, target), {})
            row.updated_at = self.clock()
            return self._state(s, row, owed)

    def check(self, plan_id: int) -> list[Violation]:
        return list(self.get(plan_id).violations)

    def accept(self, plan_id: int) -> Accepted:
        """One planned ordinary conversation per pupil, in one transaction; never twice."""
        owed = self._owed_of_plan(plan_id)
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            plan, conversations = plan_of(row)
            if plan is None:
                raise PlanRefused(_("There is no plan to accept yet: compute one first."))
            if row.accepted_at is not None:
                return Accepted(0, tuple(conversations.values()))
            inp = input_of(s, row, setup_of(row), owed)
            violations = check(plan, inp)
            if violations:
                raise PlanRefused(
                    ngettext(
                        "The plan breaks {n} rule and cannot be accepted: {first}",
                        "The plan breaks {n} rules and cannot be accepted: {first}",
                        len(violations),
                    ).format(n=len(violations), first=violations[0].message)
                )
            creator = ConversationService(self.db, self.clock)
            made, every, created = make_conversations(s, creator, plan, inp)
            keep_plan(row, plan, made)
            row.accepted_at = self.clock()
            row.updated_at = self.clock()
            return Accepted(created, tuple(every))

    # --- outputs ---------------------------------------------------------------------------

    def schedule_data(self, plan_id: int, lang: str | None = None) -> ScheduleData:
        """The evening's schedule: per evening and room (or teacher), time, pupil and class."""
        from skolehjem_desktop.services.report_data import letterhead

        state = printable(self.get(plan_id))
        return schedule_of(state, letterhead(self._services()), lang or i18n.active().lang)

    def write_schedule(self, plan_id: int, path: Path, lang: str | None = None) -> PdfWritten:
        """The schedule PDF, written safely (see :mod:`skolehjem_desktop.services.pdfs`)."""
        from skolehjem_desktop.reports.evening_schedule import render_schedule
        from skolehjem_desktop.services.pdfs import PdfWritten, check_target, write_atomically

        target = check_target(path)
        data = self.schedule_data(plan_id, lang)
        pdf = render_schedule(data)
        write_atomically(target, pdf.data)
        return PdfWritten(target, pdf.pages, data.lang)

    def write_calendar(self, plan_id: int, path: Path, teacher: str | None = None) -> Path:
        """The plan as an iCalendar file (.ics): one event per teacher and slot."""
        from skolehjem_desktop.services.pdfs import check_target, write_atomically

        target = check_target(path)
        state = printable(self.get(plan_id))
        assert state.plan is not None
        inp = self.planner_input(plan_id)
        data = to_ics(
            state.plan,
            inp,
            now=self.clock(),
            teacher=teacher,
            school=self._services().school.school_name(),
        )
        write_atomically(target, data)
        return target

    # --- helpers ---------------------------------------------------------------------------

    def _services(self) -> Services:
        """The services over the same data and clock, for the letterhead and the school's name."""
        from skolehjem_desktop.services import Services

        return Services(self.db, self.clock)

    def _refuse_accepted(self, row: EveningPlan) -> None:
        if row.accepted_at is not None:
            raise PlanRefused(_("This plan was accepted; start a new plan to change the evening."))

    def _owed(self, class_id: int) -> Owed:
        """Where each pupil's ordinary conversation of the year stands (for the selection)."""
        from skolehjem_desktop.services.owed import OwedService

        try:
            rows = OwedService(self.db, self.clock).for_class(class_id)
        except UserError:
            return {}
        return {r.student_id: (r.ordinary, r.ordinary_at) for r in rows}

    def _owed_of_plan(self, plan_id: int) -> Owed:
        with self.db.reading() as s:
            class_id = s.scalar(
                select(EveningPlan.school_class_id).where(EveningPlan.id == plan_id)
            )
        return self._owed(class_id) if class_id is not None else {}

    def _state(self, s: Session, row: EveningPlan, owed: Owed) -> EveningPlanState:
        setup = setup_of(row)
        plan, conversations = plan_of(row)
        reading = read_plan(s, row, setup, owed)
        inp = reading.inp
        klass = get_or_404(s, SchoolClass, row.school_class_id, _("Class"))
        if conversations:
            known = set(
                s.scalars(
                    select(Conversation.id).where(Conversation.id.in_(conversations.values()))
                )
            )
            conversations = {k: v for k, v in conversations.items() if v in known}
        return EveningPlanState(
            id=row.id,
            class_id=row.school_class_id,
            class_name=klass.name,
            setup=setup,
            plan=plan,
            accepted_at=row.accepted_at,
            pupils=reading.lines,
            violations=tuple(check(plan, inp)) if plan is not None else (),
            conversations=conversations,
            units={p.id: p.name for p in inp.pupils},
        )


def _room_for(inp: PlanInput, plan: Plan, pupil: PupilSpec, *, cell: Cell) -> str:
    """The room for a hand move: the teacher's own, else a shared one free then."""
    owned = {t.initials: t.room for t in inp.teachers if t.room}
    for t in pupil.teachers:
        if t in owned:
            return owned[t]
    pool = [r for r in inp.rooms if r not in owned.values()]
    busy = {
        a.room
        for a in [*plan.assignments, *(f.assignment for f in inp.fixed)]
        if a.pupil_id != pupil.id
        and a.date == cell.date
        and minutes(a.start) < cell.end
        and cell.start < minutes(a.end)
    }
    current = plan.of(pupil.id)
    if current is not None and current.room in pool and current.room not in busy:
        return current.room
    free = [r for r in pool if r not in busy]
    return free[0] if free else (pool[0] if pool else "")
