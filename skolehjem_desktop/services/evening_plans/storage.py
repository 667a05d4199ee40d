"""Reading and writing an evening plan's rows.

``evening_plan`` keeps the setup's JSON (see
:mod:`skolehjem_desktop.services.evening_plans.setup`) and a version marker for the
draft; per family the times that do not suit are rows of ``evening_plan_unavailable``,
and the draft's assignments rows of ``evening_plan_assignment``. Those rows go with the
pupil when the pupil is deleted. Each function works inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.evening_plans.setup import (
    SETUP_VERSION,
    Setup,
    TeacherSetup,
    setup_from_json,
    setup_to_json,
)
from skolehjem_desktop.services.planner.model import (
    Assignment,
    Period,
    Plan,
    parse_periods,
    periods_text,
)
from skolehjem_desktop.store.models import (
    ClassTeacher,
    EveningPlan,
    EveningPlanAssignment,
    EveningPlanUnavailable,
    Student,
    Teacher,
)


def latest_row(s: Session, class_id: int) -> EveningPlan | None:
    """The class's latest evening plan, if it has one."""
    return s.scalars(
        select(EveningPlan)
        .where(EveningPlan.school_class_id == class_id)
        .order_by(EveningPlan.id.desc())
    ).first()


def new_row(
    s: Session, class_id: int, last: EveningPlan | None, clock: Callable[[], dt.datetime]
) -> EveningPlan:
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
        created_at=clock(),
        updated_at=clock(),
    )
    if last is not None:
        row.unavailable = [
            EveningPlanUnavailable(student_id=u.student_id, periods=u.periods)
            for u in last.unavailable
        ]
    s.add(row)
    s.flush()
    return row


# --- the setup ----------------------------------------------------------------------------


def setup_of(row: EveningPlan) -> Setup:
    """The whole setup: the JSON part and the families' unavailability from the rows."""
    return replace(setup_from_json(row.setup), unavailable=unavailable_of(row))


def unavailable_of(row: EveningPlan) -> tuple[tuple[int, tuple[Period, ...]], ...]:
    return tuple(sorted((u.student_id, parse_periods(u.periods)) for u in row.unavailable))


def keep_unavailable(s: Session, row: EveningPlan, setup: Setup) -> bool:
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


# --- the draft ----------------------------------------------------------------------------


def _marker_version(text: str) -> int:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise TypeError
    return int(data.get("version", SETUP_VERSION))


def plan_of(row: EveningPlan) -> tuple[Plan | None, dict[int, int]]:
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


def keep_plan(row: EveningPlan, plan: Plan, conversations: dict[int, int]) -> None:
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
