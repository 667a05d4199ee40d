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

Accepting a plan that breaks nothing makes one planned ordinary conversation per pupil,
all in one transaction; accepting it again makes nothing new.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
)
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.errors import UserError, ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.base import Service, clean_text, get_or_404
from skolehjem_desktop.services.conversations import (
    ConversationService,
    Planning,
)
from skolehjem_desktop.services.planner import Cell, check, slots, solve
from skolehjem_desktop.services.planner.ics import to_ics
from skolehjem_desktop.services.planner.model import (
    Assignment,
    Evening,
    FixedBooking,
    Period,
    Plan,
    PlanInput,
    PupilSpec,
    Result,
    TeacherSpec,
    Violation,
    evening_from_json,
    evening_to_json,
    from_minutes,
    minutes,
    parse_periods,
    periods_text,
)
from skolehjem_desktop.store.models import (
    ClassTeacher,
    Conversation,
    ConversationTeacher,
    Enrolment,
    EveningPlan,
    EveningPlanAssignment,
    EveningPlanUnavailable,
    SchoolClass,
    Student,
    StudentGuardian,
    Teacher,
)

if TYPE_CHECKING:
    from skolehjem_desktop.reports.evening_schedule import ScheduleData
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.pdfs import PdfWritten

# 1: the families' unavailability and the draft's assignments inside the JSON, keyed by
# pupil id; 2: in rows of their own (migration 0004 moved them), the JSON names no pupil.
SETUP_VERSION = 2
MAX_EVENINGS = 10
MAX_ROOMS = 30
JSON_MAX = 500_000


class PlanRefused(UserError):
    """The plan cannot be accepted (or changed) as it is."""


@dataclass(frozen=True)
class TeacherSetup:
    initials: str
    free: tuple[Period, ...] = ()
    room: str = ""


@dataclass(frozen=True)
class Setup:
    """What the teacher types into the planner."""

    evenings: tuple[Evening, ...] = ()
    teachers: tuple[TeacherSetup, ...] = ()
    rooms: tuple[str, ...] = ()
    unavailable: tuple[tuple[int, tuple[Period, ...]], ...] = ()  # pupil id, periods

    def unavailable_of(self, pupil_id: int) -> tuple[Period, ...]:
        return dict(self.unavailable).get(pupil_id, ())

    def with_unavailable(self, pupil_id: int, periods: tuple[Period, ...]) -> Setup:
        rest = dict(self.unavailable)
        rest[pupil_id] = periods
        return replace(self, unavailable=tuple(sorted((k, v) for k, v in rest.items() if v)))


@dataclass(frozen=True)
class PupilLine:
    id: int
    name: str
    teachers: tuple[str, ...]
    unavailable: tuple[Period, ...]


@dataclass(frozen=True)
class EveningPlanState:
    """One evening plan as the window and the command line see it."""

    id: int
    class_id: int
    class_name: str
    setup: Setup
    plan: Plan | None
    accepted_at: dt.datetime | None
    pupils: tuple[PupilLine, ...]
    violations: tuple[Violation, ...] = ()
    conversations: dict[int, int] = field(default_factory=dict)

    def name_of(self, pupil_id: int) -> str:
        for p in self.pupils:
            if p.id == pupil_id:
                return p.name
        return str(pupil_id)


@dataclass(frozen=True)
class Accepted:
    created: int
    conversation_ids: tuple[int, ...]


# --- JSON of the setup --------------------------------------------------------------------


def setup_to_json(setup: Setup) -> str:
    """The part of the setup kept as JSON: all but the families' unavailability (rows)."""
    return json.dumps(
        {
            "version": SETUP_VERSION,
            "evenings": [evening_to_json(e) for e in setup.evenings],
            "teachers": [
                {"initials": t.initials, "free": periods_text(t.free), "room": t.room}
                for t in setup.teachers
            ],
            "rooms": list(setup.rooms),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def setup_from_json(text: str) -> Setup:
    """The JSON part of a setup kept in the database; a newer or broken one is refused plainly.

    The families' unavailability is not in it (see :meth:`EveningPlanService.get`).
    """
    try:
        data = json.loads(text or "{}")
        if not isinstance(data, dict):
            raise TypeError
        version = int(data.get("version", SETUP_VERSION))
        if version > SETUP_VERSION:
            raise ValidationError(
                _("This evening plan was made by a newer version of the program.")
            )
        return check_setup(
            Setup(
                evenings=tuple(evening_from_json(e) for e in data.get("evenings", [])),
                teachers=tuple(
                    TeacherSetup(
                        str(t["initials"]),
                        parse_periods(str(t.get("free", ""))),
                        str(t.get("room", "")),
                    )
                    for t in data.get("teachers", [])
                ),
                rooms=tuple(str(r) for r in data.get("rooms", [])),
            )
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ValidationError(_("The evening plan's setup is damaged.")) from None


def _marker_version(text: str) -> int:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise TypeError
    return int(data.get("version", SETUP_VERSION))


def _plan_of(row: EveningPlan) -> tuple[Plan | None, dict[int, int]]:
    """The draft plan and its pupils' conversations (once accepted), from the rows."""
    if not row.plan:
        return None, {}
    try:
        version = _marker_version(row.plan)
        assignments = [
            Assignment(
                a.starts_at.date(),
                a.starts_at.time(),
                a.ends_at.time(),
                a.student_id,
                a.room,
                tuple(str(t) for t in json.loads(a.teachers)),
            )
            for a in row.assignments
        ]
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(_("The evening plan's draft is damaged.")) from None
    if version > SETUP_VERSION:
        raise ValidationError(_("This evening plan was made by a newer version of the program."))
    conversations = {
        a.student_id: a.conversation_id
        for a in sorted(row.assignments, key=lambda a: a.student_id)
        if a.conversation_id is not None
    }
    return Plan(tuple(sorted(assignments))), conversations


def _keep_plan(row: EveningPlan, plan: Plan, conversations: dict[int, int]) -> None:
    """Make ``plan`` the row's draft: its assignment rows changed in place, one per pupil."""
    row.plan = json.dumps({"version": SETUP_VERSION})
    wanted = {a.pupil_id: a for a in plan.assignments}
    current = {a.student_id: a for a in row.assignments}
    for pupil_id, gone in current.items():
        if pupil_id not in wanted:
            row.assignments.remove(gone)
    for pupil_id, a in wanted.items():
        kept = current.get(pupil_id)
        if kept is None:
            kept = EveningPlanAssignment(student_id=pupil_id)
            row.assignments.append(kept)
        kept.starts_at = a.starts_at
        kept.ends_at = dt.datetime.combine(a.date, a.end)
        kept.room = a.room
        kept.teachers = json.dumps(list(a.teachers), ensure_ascii=False)
        kept.conversation_id = conversations.get(pupil_id)


def _unavailable_of(row: EveningPlan) -> tuple[tuple[int, tuple[Period, ...]], ...]:
    return tuple(sorted((u.student_id, parse_periods(u.periods)) for u in row.unavailable))


def _keep_unavailable(s: Session, row: EveningPlan, setup: Setup) -> bool:
    """The families' unavailability of ``setup`` as the row's; True when it changed.

    Only pupils that exist are kept: an entry for a deleted pupil means nothing.
    """
    wanted = {pid: periods_text(p) for pid, p in setup.unavailable if p}
    if wanted:
        existing = set(s.scalars(select(Student.id).where(Student.id.in_(wanted))))
        wanted = {pid: text for pid, text in wanted.items() if pid in existing}
    current = {u.student_id: u for u in row.unavailable}
    changed = False
    for pupil_id, gone in current.items():
        if pupil_id not in wanted:
            row.unavailable.remove(gone)
            changed = True
    for pupil_id, text in wanted.items():
        kept = current.get(pupil_id)
        if kept is None:
            row.unavailable.append(EveningPlanUnavailable(student_id=pupil_id, periods=text))
            changed = True
        elif kept.periods != text:
            kept.periods = text
            changed = True
    return changed


def check_setup(setup: Setup) -> Setup:
    """The setup, checked: distinct evenings, known rooms, no initials twice."""
    if len(setup.evenings) > MAX_EVENINGS:
        raise ValidationError(
            _("At most {n} evenings can be planned at once.").format(n=MAX_EVENINGS)
        )
    seen: set[tuple[dt.date, int, int]] = set()
    for e in setup.evenings:
        key = (e.date, minutes(e.start), minutes(e.end))
        if any(d == e.date and s < key[2] and key[1] < t for d, s, t in seen):
            raise ValidationError(
                _("Two evenings on {date} overlap.").format(date=e.date.isoformat())
            )
        seen.add(key)
    rooms = tuple(
        clean_text(r, _("Room"), SHORT_MAX, required=True) for r in dict.fromkeys(setup.rooms)
    )
    if len(rooms) > MAX_ROOMS:
        raise ValidationError(_("At most {n} rooms.").format(n=MAX_ROOMS))
    initials: set[str] = set()
    teachers = []
    for t in setup.teachers:
        code = clean_text(t.initials, _("Initials"), 8, required=True)
        if code.casefold() in initials:
            raise ValidationError(_("The teacher {initials} is named twice.").format(initials=code))
        initials.add(code.casefold())
        teachers.append(TeacherSetup(code, t.free, clean_text(t.room, _("Room"), SHORT_MAX)))
    return Setup(setup.evenings, tuple(teachers), rooms, setup.unavailable)


# --- the service --------------------------------------------------------------------------


class EveningPlanService(Service):
    def open(self, class_id: int) -> EveningPlanState:
        """The class's latest evening plan; a new one (its contact teachers) if none."""
        with self.db.transaction() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            row = s.scalars(
                select(EveningPlan)
                .where(EveningPlan.school_class_id == class_id)
                .order_by(EveningPlan.id.desc())
            ).first()
            if row is None:
                row = self._new_row(s, class_id, None)
            return self._state(s, row)

    def new_plan(self, class_id: int) -> EveningPlanState:
        """A fresh plan for the class, starting from the latest setup (after an accepted one)."""
        with self.db.transaction() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            last = s.scalars(
                select(EveningPlan)
                .where(EveningPlan.school_class_id == class_id)
                .order_by(EveningPlan.id.desc())
            ).first()
            row = self._new_row(s, class_id, last)
            return self._state(s, row)

    def get(self, plan_id: int) -> EveningPlanState:
        with self.db.reading() as s:
            return self._state(s, get_or_404(s, EveningPlan, plan_id, _("Evening plan")))

    def save_setup(self, plan_id: int, setup: Setup) -> EveningPlanState:
        """Keep the setup as typed (checked first; nothing is changed when it is wrong)."""
        setup = check_setup(setup)
        text = setup_to_json(setup)
        if len(text) > JSON_MAX or any(
            len(periods_text(p)) > TEXT_MAX for _i, p in setup.unavailable
        ):
            raise ValidationError(_("The evening plan's setup is too long."))
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
            changed = _keep_unavailable(s, row, setup)
            if row.setup != text:
                row.setup = text
                changed = True
            if changed:
                row.updated_at = self.clock()
            return self._state(s, row)

    def planner_input(self, plan_id: int) -> PlanInput:
        with self.db.reading() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            return self._input(s, row, self._setup(row))

    def compute(self, plan_id: int) -> tuple[EveningPlanState, Result]:
        """Solve; a plan found replaces the draft, else the draft stays and the reasons say why."""
        with self.db.reading() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            self._refuse_accepted(row)
            inp = self._input(s, row, self._setup(row))
        if not inp.evenings:
            raise ValidationError(_("Add an evening first."))
        result = solve(inp)
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            self._refuse_accepted(row)
            if result.plan is not None:
                _keep_plan(row, result.plan, {})
                row.updated_at = self.clock()
            return self._state(s, row), result

    def move(self, plan_id: int, pupil_id: int, date: dt.date, start: dt.time) -> EveningPlanState:
        """Move a pupil to the slot at ``start`` on ``date``; the state says what breaks."""
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            self._refuse_accepted(row)
            plan, _conversations = _plan_of(row)
            if plan is None:
                raise ValidationError(_("Compute a plan first."))
            inp = self._input(s, row, self._setup(row))
            pupil = next((p for p in inp.pupils if p.id == pupil_id), None)
            if pupil is None:
                raise ValidationError(_("That pupil is not in this plan."))
            cell = next(
                (c for c in slots(inp) if c.date == date and c.start == minutes(start)), None
            )
            if cell is None:
                raise ValidationError(
                    _("There is no slot at {time} on {date}.").format(
                        time=start.strftime("%H:%M"), date=date.isoformat()
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
            _keep_plan(row, plan.moved(pupil_id, target), {})
            row.updated_at = self.clock()
            return self._state(s, row)

    def check(self, plan_id: int) -> list[Violation]:
        return list(self.get(plan_id).violations)

    def accept(self, plan_id: int) -> Accepted:
        """One planned ordinary conversation per pupil, in one transaction; never twice."""
        with self.db.transaction() as s:
            row = get_or_404(s, EveningPlan, plan_id, _("Evening plan"))
            plan, conversations = _plan_of(row)
            if plan is None:
                raise PlanRefused(_("There is no plan to accept yet: compute one first."))
            if row.accepted_at is not None:
                return Accepted(0, tuple(conversations.values()))
            inp = self._input(s, row, self._setup(row))
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
            teacher_ids: dict[str, int] = dict(
                s.execute(select(Teacher.initials, Teacher.id)).all()
            )
            made: dict[int, int] = {}
            created = 0
            for a in plan.assignments:
                existing = s.scalars(
                    select(Conversation.id).where(
                        Conversation.student_id == a.pupil_id,
                        Conversation.kind == ConversationKind.ORDINARY,
                        Conversation.starts_at == a.starts_at,
                        Conversation.status == ConversationStatus.PLANNED,
                    )
                ).first()
                if existing is not None:
                    made[a.pupil_id] = existing
                    continue
                planning = Planning(
                    starts_at=a.starts_at,
                    kind=ConversationKind.ORDINARY,
                    requested_by=RequestedBy.SCHOOL,
                    duration_minutes=a.duration_minutes,
                    place=a.room,
                    teacher_ids=tuple(teacher_ids[t] for t in a.teachers if t in teacher_ids),
                )
                made[a.pupil_id] = creator.plan_in(s, a.pupil_id, planning)
                created += 1
            _keep_plan(row, plan, made)
            row.accepted_at = self.clock()
            row.updated_at = self.clock()
            return Accepted(created, tuple(made[a.pupil_id] for a in plan.assignments))

    # --- helpers ---------------------------------------------------------------------------

    def _refuse_accepted(self, row: EveningPlan) -> None:
        if row.accepted_at is not None:
            raise PlanRefused(_("This plan was accepted; start a new plan to change the evening."))

    def _new_row(self, s: Session, class_id: int, last: EveningPlan | None) -> EveningPlan:
        """A new plan for the class: the setup of ``last`` (if any), else its contact teachers."""
        if last is None:
            contact = s.scalars(
                select(Teacher.initials)
                .join(ClassTeacher, ClassTeacher.teacher_id == Teacher.id)
                .where(ClassTeacher.class_id == class_id, ClassTeacher.is_contact_teacher)
                .order_by(Teacher.initials)
            ).all()
            setup_text = setup_to_json(Setup(teachers=tuple(TeacherSetup(i) for i in contact)))
        else:
            setup_text = last.setup
        row = EveningPlan(
            school_class_id=class_id,
            setup=setup_text,
            created_at=self.clock(),
            updated_at=self.clock(),
        )
        if last is not None:
            row.unavailable = [
                EveningPlanUnavailable(student_id=u.student_id, periods=u.periods)
                for u in last.unavailable
            ]
        s.add(row)
        s.flush()
        return row

    def _setup(self, row: EveningPlan) -> Setup:
        """The whole setup: the JSON part and the families' unavailability from the rows."""
        return replace(setup_from_json(row.setup), unavailable=_unavailable_of(row))

    def _state(self, s: Session, row: EveningPlan) -> EveningPlanState:
        setup = self._setup(row)
        plan, conversations = _plan_of(row)
        inp = self._input(s, row, setup)
        klass = get_or_404(s, SchoolClass, row.school_class_id, _("Class"))
        return EveningPlanState(
            id=row.id,
            class_id=row.school_class_id,
            class_name=klass.name,
            setup=setup,
            plan=plan,
            accepted_at=row.accepted_at,
            pupils=tuple(PupilLine(p.id, p.name, p.teachers, p.unavailable) for p in inp.pupils),
            violations=tuple(check(plan, inp)) if plan is not None else (),
            conversations=conversations,
        )

    def _input(self, s: Session, row: EveningPlan, setup: Setup) -> PlanInput:
        klass = get_or_404(s, SchoolClass, row.school_class_id, _("Class"))
        teachers = tuple(TeacherSpec(t.initials, "", t.free, t.room) for t in setup.teachers)
        pupils = tuple(
            replace(p, unavailable=setup.unavailable_of(p.id))
            for p in self._pupils(s, klass.id, klass.school_year, [t.initials for t in teachers])
        )
        days = {e.date for e in setup.evenings}
        our_guardians = {g for p in pupils for g in p.guardians}
        fixed: list[FixedBooking] = []
        others = s.scalars(
            select(EveningPlan)
            .where(
                EveningPlan.id != row.id,
                EveningPlan.school_class_id != row.school_class_id,
                EveningPlan.plan.is_not(None),
            )
            .order_by(EveningPlan.id.desc())
        ).all()
        seen: set[int] = set()
        for other in others:
            if other.school_class_id in seen:
                continue  # only each other class's latest plan counts
            seen.add(other.school_class_id)
            other_class = s.get(SchoolClass, other.school_class_id)
            if other_class is None or other_class.school_year != klass.school_year:
                continue
            try:
                other_plan, _c = _plan_of(other)
            except ValidationError:
                continue
            if other_plan is None:
                continue
            specs = {p.id: p for p in self._pupils(s, other_class.id, other_class.school_year, [])}
            for a in other_plan.assignments:
                spec = specs.get(a.pupil_id)
                # Bookings on these evenings hold their teachers and rooms; a sibling's
                # booking counts on any evening, since siblings must come the same evening.
                if spec is not None and (a.date in days or set(spec.guardians) & our_guardians):
                    fixed.append(FixedBooking(spec, a))
        fixed += self._other_conversations(s, pupils, teachers, days, fixed)
        return PlanInput(setup.evenings, teachers, pupils, setup.rooms, tuple(fixed))

    def _other_conversations(
        self,
        s: Session,
        pupils: tuple[PupilSpec, ...],
        teachers: tuple[TeacherSpec, ...],
        days: set[dt.date],
        fixed: list[FixedBooking],
    ) -> list[FixedBooking]:
        """Conversations already planned on these evenings with a teacher taking part
        (planned by hand, or by another class's plan): they hold that teacher then."""
        if not days or not teachers:
            return []
        ours = {p.id for p in pupils}
        known = {(f.assignment.pupil_id, f.assignment.starts_at) for f in fixed}
        first, last = min(days), max(days)
        rows = s.execute(
            select(
                Conversation.id,
                Conversation.student_id,
                Conversation.starts_at,
                Conversation.duration_minutes,
            )
            .where(
                Conversation.status == ConversationStatus.PLANNED,
                Conversation.starts_at >= dt.datetime.combine(first, dt.time.min),
                Conversation.starts_at <= dt.datetime.combine(last, dt.time.max),
            )
            .order_by(Conversation.starts_at, Conversation.id)
        ).all()
        rows = [r for r in rows if r.starts_at.date() in days and r.student_id not in ours]
        if not rows:
            return []
        initials = {t.initials for t in teachers}
        with_teachers: dict[int, list[str]] = {}
        for conversation_id, teacher in s.execute(
            select(ConversationTeacher.conversation_id, Teacher.initials)
            .join(Teacher, Teacher.id == ConversationTeacher.teacher_id)
            .where(ConversationTeacher.conversation_id.in_([r.id for r in rows]))
        ):
            if teacher in initials:
                with_teachers.setdefault(conversation_id, []).append(teacher)
        names = {
            sid: f"{first_name} {last_name}".strip()
            for sid, first_name, last_name in s.execute(
                select(Student.id, Student.first_name, Student.last_name).where(
                    Student.id.in_([r.student_id for r in rows])
                )
            )
        }
        extra: list[FixedBooking] = []
        for r in rows:
            if r.id not in with_teachers or (r.student_id, r.starts_at) in known:
                continue
            ends = r.starts_at + dt.timedelta(minutes=int(r.duration_minutes))
            if ends.date() != r.starts_at.date():
                ends = dt.datetime.combine(r.starts_at.date(), dt.time(23, 59))
            spec = PupilSpec(r.student_id, names.get(r.student_id, ""), "", ())
            assignment = Assignment(
                r.starts_at.date(),
                r.starts_at.time(),
                ends.time(),
                r.student_id,
                "",
                tuple(sorted(with_teachers[r.id])),
            )
            extra.append(FixedBooking(spec, assignment))
        return extra

    def _pupils(self, s: Session, class_id: int, year: int, fallback: list[str]) -> list[PupilSpec]:
        klass = s.get(SchoolClass, class_id)
        class_name = klass.name if klass is not None else ""
        contact = tuple(
            s.scalars(
                select(Teacher.initials)
                .join(ClassTeacher, ClassTeacher.teacher_id == Teacher.id)
                .where(ClassTeacher.class_id == class_id, ClassTeacher.is_contact_teacher)
                .order_by(Teacher.initials)
            )
        ) or tuple(fallback)
        students = s.execute(
            select(Student.id, Student.first_name, Student.last_name)
            .join(Enrolment, Enrolment.student_id == Student.id)
            .where(
                Enrolment.class_id == class_id,
                Enrolment.school_year == year,
                Student.left_on.is_(None),
            )
            .order_by(Student.first_name, Student.last_name, Student.id)
        ).all()
        guardians: dict[int, list[int]] = {}
        for sid, gid in s.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id).where(
                StudentGuardian.student_id.in_([row[0] for row in students])
            )
        ):
            guardians.setdefault(sid, []).append(gid)
        return [
            PupilSpec(
                sid,
                f"{first} {last}".strip(),
                class_name,
                contact,
                (),
                tuple(sorted(guardians.get(sid, []))),
            )
            for sid, first, last in students
        ]


# --- outputs ------------------------------------------------------------------------------


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
