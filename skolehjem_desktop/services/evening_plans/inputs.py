"""What the solver is given for a plan, read from the database each time.

The pupils, their contact teachers and their guardians (which make siblings, in any
class) come from the class's enrolments. Pupils of other classes already placed in
another plan on the same day are kept where they are: they hold their teachers and
rooms, and a sibling must sit next to them. Conversations already planned on these
evenings with a teacher taking part hold that teacher too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationStatus
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import get_or_404
from skolehjem_desktop.services.evening_plans.families import (
    FamilyWishes,
    Household,
    first_name,
    households_of,
    unavailable_from,
    units_of,
    wishes_of,
)
from skolehjem_desktop.services.evening_plans.setup import Setup
from skolehjem_desktop.services.evening_plans.state import PupilLine
from skolehjem_desktop.services.evening_plans.storage import plan_of, pupil_stamps
from skolehjem_desktop.services.owed import OrdinaryState
from skolehjem_desktop.services.planner.model import (
    Assignment,
    FixedBooking,
    Period,
    PlanInput,
    PupilSpec,
    TeacherSpec,
)
from skolehjem_desktop.store.models import (
    ClassTeacher,
    Conversation,
    ConversationTeacher,
    Enrolment,
    EveningPlan,
    SchoolClass,
    Student,
    StudentGuardian,
    Teacher,
)

Owed = dict[int, tuple[OrdinaryState, dt.datetime | None]]  # pupil -> state, when


@dataclass(frozen=True)
class PlanReading:
    """What the solver is given, and the class's pupils as the families' table shows them."""

    inp: PlanInput
    lines: tuple[PupilLine, ...]


def input_of(s: Session, row: EveningPlan, setup: Setup, owed: Owed) -> PlanInput:
    """What the solver is given for the plan ``row`` with ``setup``."""
    return read_plan(s, row, setup, owed).inp


def _included(line_state: OrdinaryState, at: dt.datetime | None, starts: set[dt.datetime]) -> bool:
    """In the plan by default: still owed the ordinary conversation, or planned by this plan."""
    return line_state is OrdinaryState.MISSING or (
        line_state is OrdinaryState.PLANNED and at is not None and at in starts
    )


def read_plan(s: Session, row: EveningPlan, setup: Setup, owed: Owed) -> PlanReading:
    """The plan's input and the families' lines, from the database and ``owed``."""
    klass = get_or_404(s, SchoolClass, row.school_class_id, _("Class"))
    teachers = tuple(TeacherSpec(t.initials, "", t.free, t.room) for t in setup.teachers)
    everyone = class_pupils(s, klass.id, klass.school_year, [t.initials for t in teachers])
    ids = [p.id for p in everyone]
    stamps = pupil_stamps(s, ids)
    wishes = wishes_of(s, ids, klass.school_year)
    homes = households_of(s, ids)
    try:
        draft, _conversations = plan_of(row)
    except ValidationError:
        draft = None
    starts = {a.starts_at for a in draft.assignments} if draft is not None else set()
    chosen: list[PupilSpec] = []
    derived: dict[int, tuple[Period, ...]] = {}
    for p in everyone:
        wish = wishes.get(p.id)
        if wish is not None and wish.slots:
            derived[p.id] = unavailable_from(wish.slots, setup.evenings)
        state, at = owed.get(p.id, (OrdinaryState.MISSING, None))
        ticked = setup.chosen_of(p.id, stamps.get(p.id, ""))
        if ticked if ticked is not None else _included(state, at, starts):
            periods = setup.unavailable_of(p.id) or derived.get(p.id, ())
            chosen.append(replace(p, unavailable=periods))
    pupils = tuple(units_of(chosen, wishes, homes))
    facts = _Facts(setup, owed, stamps, wishes, homes, derived)
    lines = _lines(everyone, pupils, facts, siblings_elsewhere(s, klass, everyone))
    return PlanReading(_with_fixed(s, row, klass, setup, teachers=teachers, pupils=pupils), lines)


@dataclass(frozen=True)
class _Facts:
    setup: Setup
    owed: Owed
    stamps: dict[int, str]
    wishes: dict[int, FamilyWishes]
    homes: dict[int, tuple[Household, ...]]
    derived: dict[int, tuple[Period, ...]]  # from the parents' sheets


def _lines(
    everyone: list[PupilSpec],
    units: tuple[PupilSpec, ...],
    facts: _Facts,
    elsewhere: dict[int, tuple[str, ...]],
) -> tuple[PupilLine, ...]:
    """Every pupil of the class: in the plan or not, and what the families said."""
    names = {p.id: p.name for p in everyone}
    unit_of = {sid: u for u in units for sid in u.students}
    out: list[PupilLine] = []
    for p in everyone:
        state, _at = facts.owed.get(p.id, (OrdinaryState.MISSING, None))
        unit = unit_of.get(p.id)
        wish = facts.wishes.get(p.id)
        together: tuple[str, ...] = ()
        households: tuple[str, ...] = ()
        if unit is not None:
            together = tuple(first_name(names[i]) for i in unit.students if i != p.id)
            if unit.part and unit.student_id == p.id:
                households = tuple(", ".join(h.names) for h in facts.homes[p.id])
        out.append(
            PupilLine(
                p.id,
                p.name,
                p.teachers,
                facts.setup.unavailable_of(p.id),
                included=unit is not None,
                ordinary=state,
                stamp=facts.stamps.get(p.id, ""),
                sheet_unavailable=facts.derived.get(p.id, ()),
                sheet=wish.text() if wish is not None else "",
                households=households,
                together=together,
                elsewhere=elsewhere.get(p.id, ()),
            )
        )
    return tuple(out)


def siblings_elsewhere(
    s: Session, klass: SchoolClass, pupils: list[PupilSpec]
) -> dict[int, tuple[str, ...]]:
    """Per pupil, the siblings (sharing a guardian) in the year's other classes: "Emil (5.B)"."""
    guardians = {g: p.id for p in pupils for g in p.guardians}
    if not guardians:
        return {}
    ours = {p.id for p in pupils}
    rows = s.execute(
        select(StudentGuardian.guardian_id, Student.id, Student.first_name, SchoolClass.name)
        .join(Student, Student.id == StudentGuardian.student_id)
        .join(Enrolment, Enrolment.student_id == Student.id)
        .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
        .where(
            StudentGuardian.guardian_id.in_(list(guardians)),
            Enrolment.school_year == klass.school_year,
            SchoolClass.id != klass.id,
            Student.left_on.is_(None),
        )
        .order_by(Student.first_name, Student.id)
    ).all()
    out: dict[int, dict[int, str]] = {}
    for p in pupils:
        for gid, sid, first, class_name in rows:
            if gid in p.guardians and sid not in ours:
                out.setdefault(p.id, {})[sid] = f"{first} ({class_name})"
    return {pid: tuple(found.values()) for pid, found in out.items()}


def _with_fixed(
    s: Session,
    row: EveningPlan,
    klass: SchoolClass,
    setup: Setup,
    *,
    teachers: tuple[TeacherSpec, ...],
    pupils: tuple[PupilSpec, ...],
) -> PlanInput:
    """The input with the bookings of other plans and conversations that hold our teachers."""
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
            other_plan, _c = plan_of(other)
        except ValidationError:
            continue
        if other_plan is None:
            continue
        specs = {p.id: p for p in class_pupils(s, other_class.id, other_class.school_year, [])}
        for a in other_plan.assignments:
            spec = specs.get(abs(a.pupil_id))
            # Bookings on these evenings hold their teachers and rooms; a sibling's
            # booking counts on any evening, since siblings must come the same evening.
            if spec is not None and (a.date in days or set(spec.guardians) & our_guardians):
                fixed.append(FixedBooking(replace(spec, id=a.pupil_id), a))
    fixed += other_conversations(s, pupils, teachers, days, fixed)
    return PlanInput(setup.evenings, teachers, pupils, setup.rooms, tuple(fixed))


def other_conversations(
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
    ours = {sid for p in pupils for sid in p.students}
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


def class_pupils(s: Session, class_id: int, year: int, fallback: list[str]) -> list[PupilSpec]:
    """The class's pupils that year, with its contact teachers (else ``fallback``)."""
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
