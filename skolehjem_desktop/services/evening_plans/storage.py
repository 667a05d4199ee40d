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
from typing import Any

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


def pupil_stamps(s: Session, student_ids: list[int]) -> dict[int, str]:
    """What tells a pupil from one added later under the same id: when it was created.

    No name: the setup's JSON stays when a pupil is deleted, and must not name them.
    """
    return {
        sid: at.isoformat() if at else ""
        for sid, at in s.execute(
            select(Student.id, Student.created_at).where(Student.id.in_(student_ids))
        )
    }


def stamp_chosen(s: Session, setup: Setup) -> Setup:
    """The setup with each pupil ticked in or out stamped (see :func:`pupil_stamps`).

    A pupil that does not exist is dropped; a stamp already given is kept as it is.
    """
    if not setup.chosen:
        return setup
    created = pupil_stamps(s, [c[0] for c in setup.chosen])
    chosen = tuple(
        sorted(
            (pid, included, since or created[pid])
            for pid, included, since in setup.chosen
            if pid in created
        )
    )
    return replace(setup, chosen=chosen)


# --- the draft ----------------------------------------------------------------------------


def _second_homes(
    marker: dict[str, Any], placed: set[int]
) -> tuple[list[Assignment], dict[int, int]]:
    """The second households' conversations kept in the marker (see :func:`keep_plan`)."""
    out: list[Assignment] = []
    conversations: dict[int, int] = {}
    for h in marker.get("households", []):
        pupil = int(h["pupil"])
        if pupil not in placed:
            continue  # the pupil's own row went with the pupil: nothing of it is left
        starts, ends = dt.datetime.fromisoformat(h["start"]), dt.datetime.fromisoformat(h["end"])
        out.append(
            Assignment(
                starts.date(),
                starts.time(),
                ends.time(),
                -pupil,
                str(h.get("room", "")),
                tuple(str(t) for t in h.get("teachers", [])),
            )
        )
        if h.get("conversation") is not None:
            conversations[-pupil] = int(h["conversation"])
    return out, conversations


def plan_of(row: EveningPlan) -> tuple[Plan | None, dict[int, int]]:
    """The draft plan and its conversations (once accepted), from the rows and the marker.

    A conversation of the plan is keyed by the pupil's id; the second household of a
    pupil whose parents live apart by the negative id (see :mod:`.families`).
    """
    if not row.plan:
        return None, {}
    try:
        marker = json.loads(row.plan)
        if not isinstance(marker, dict):
            raise TypeError
        version = int(marker.get("version", SETUP_VERSION))
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
        seconds, second_conversations = _second_homes(marker, {a.pupil_id for a in assignments})
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ValidationError(_("The evening plan's draft is damaged.")) from None
    if version > SETUP_VERSION:
        raise ValidationError(_("This evening plan was made by a newer version of the program."))
    conversations = {
        a.student_id: a.conversation_id
        for a in sorted(row.assignments, key=lambda a: a.student_id)
        if a.conversation_id is not None
    }
    conversations.update(second_conversations)
    return Plan(tuple(sorted([*assignments, *seconds]))), conversations


def keep_plan(row: EveningPlan, plan: Plan, conversations: dict[int, int]) -> None:
    """Make ``plan`` the row's draft: its assignment rows changed in place, one per pupil.

    The second household's conversation of a pupil (a negative id) has no row of its
    own (a row is one per pupil): it is kept in the marker, and means something only
    while the pupil's own row is there (that row goes with the pupil).
    """
    seconds = [a for a in plan.assignments if a.pupil_id < 0]
    row.plan = json.dumps(
        {
            "version": SETUP_VERSION,
            "households": [
                {
                    "pupil": -a.pupil_id,
                    "start": a.starts_at.isoformat(),
                    "end": dt.datetime.combine(a.date, a.end).isoformat(),
                    "room": a.room,
                    "teachers": list(a.teachers),
                    "conversation": conversations.get(a.pupil_id),
                }
                for a in seconds
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    wanted = {a.pupil_id: a for a in plan.assignments if a.pupil_id > 0}
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
