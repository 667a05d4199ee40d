"""The sections of the access request, one function each: the pupil's data as plain data.

Each reads one kind of row about the pupil in the session it is given and returns it
as JSON-able plain data with stable field names (see :mod:`.access_request`). Holds the
teacher's private notes: never build anything for the parents from it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.store.models import (
    Agreement,
    ContactEntry,
    Conversation,
    ConversationSection,
    CouncilMember,
    Enrolment,
    EveningPlan,
    EveningPlanAssignment,
    EveningPlanUnavailable,
    FocusPoint,
    FocusPresentation,
    Guardian,
    MessageBookYear,
    SchoolClass,
    Student,
    StudentGuardian,
)

_SECTION_ORDER: Final = {kind: i for i, kind in enumerate(SectionKind)}


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def pupil(student: Student) -> dict[str, Any]:
    """The pupil: name, birth date, when they left and when they were registered."""
    return {
        "id": student.id,
        "first_name": student.first_name,
        "last_name": student.last_name,
        "birth_date": iso(student.birth_date),
        "left_on": iso(student.left_on),
        "created_at": iso(student.created_at),
    }


def enrolments(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The pupil's classes, school year by school year."""
    return [
        {"school_year": year, "class_id": cid, "class": name}
        for year, cid, name in s.execute(
            select(Enrolment.school_year, SchoolClass.id, SchoolClass.name)
            .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
            .where(Enrolment.student_id == student_id)
            .order_by(Enrolment.school_year)
        )
    ]


def guardians(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The pupil's parents and guardians, in the pupil's order."""
    found = []
    for link in s.scalars(
        select(StudentGuardian)
        .where(StudentGuardian.student_id == student_id)
        .order_by(StudentGuardian.position, StudentGuardian.guardian_id)
    ):
        g = link.guardian
        found.append(
            {
                "id": g.id,
                "name": g.name,
                "relation": link.relation.value,
                "has_custody": link.has_custody,
                "email": g.email,
                "phone": g.phone,
                "preferred_language": g.preferred_language.value,
            }
        )
    return found


def _section(sec: ConversationSection) -> dict[str, Any]:
    """A section of a conversation, marked private when the parents do not see it."""
    return {
        "kind": sec.kind.value,
        "private": sec.kind is SectionKind.PRIVATE_PREPARATION or not sec.shared,
        "shared": bool(sec.shared),
        "text": sec.text,
    }


def _agreement(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.id,
        "text": a.text,
        "responsible": a.responsible.value,
        "due": iso(a.due),
        "done": a.done,
    }


def _conversation(c: Conversation) -> dict[str, Any]:
    """One conversation with its participants, every section and its agreements."""
    sections = sorted(c.sections, key=lambda sec: _SECTION_ORDER[sec.kind])
    return {
        "id": c.id,
        "kind": c.kind.value,
        "requested_by": c.requested_by.value,
        "status": c.status.value,
        "starts_at": iso(c.starts_at),
        "duration_minutes": c.duration_minutes,
        "place": c.place,
        "pupil_attends": c.pupil_attends,
        "pupil_attends_note": c.pupil_attends_note,
        "parents_wishes": c.parents_wishes,
        "next_conversation": c.next_conversation,
        "created_at": iso(c.created_at),
        "updated_at": iso(c.updated_at),
        "participants": {
            "teachers": sorted(link.teacher.name for link in c.teacher_links),
            "guardians": sorted(link.guardian.name for link in c.guardian_links),
        },
        "sections": [_section(sec) for sec in sections],
        "agreements": [_agreement(a) for a in c.agreements],
    }


def conversations(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The pupil's conversations, oldest first, the teacher's own notes included."""
    return [
        _conversation(c)
        for c in s.scalars(
            select(Conversation)
            .where(Conversation.student_id == student_id)
            .order_by(Conversation.starts_at, Conversation.id)
        )
    ]


def focus_points(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The pupil's focus points, school year by school year and area by area."""
    return [
        {
            "id": p.id,
            "school_year": p.school_year,
            "area": p.area.value,
            "subject": p.subject,
            "goal": p.goal,
            "actions": p.actions,
            "status": p.status.value,
            "evaluation": p.evaluation,
            "carried_from_id": p.carried_from_id,
        }
        for p in s.scalars(
            select(FocusPoint)
            .where(FocusPoint.student_id == student_id)
            .order_by(FocusPoint.school_year, FocusPoint.area, FocusPoint.position)
        )
    ]


def focus_presentations(s: Session, student_id: int) -> list[dict[str, Any]]:
    """When and how the pupil's focus points were presented to the parents."""
    return [
        {
            "id": p.id,
            "school_year": p.school_year,
            "presented_on": iso(p.presented_on),
            "via": p.via.value,
            "conversation_id": p.conversation_id,
            "note": p.note,
        }
        for p in s.scalars(
            select(FocusPresentation)
            .where(FocusPresentation.student_id == student_id)
            .order_by(FocusPresentation.presented_on, FocusPresentation.id)
        )
    ]


def message_book_years(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The message book's school years: interventions, follow-up, thoughts on education."""
    return [
        {
            "school_year": y.school_year,
            "needs_support": bool(y.needs_support),
            "interventions": y.interventions,
            "follow_up": y.follow_up,
            "further_education": y.further_education,
        }
        for y in s.scalars(
            select(MessageBookYear)
            .where(MessageBookYear.student_id == student_id)
            .order_by(MessageBookYear.school_year)
        )
    ]


def _guardian_name(s: Session, guardian_id: int | None, names: Mapping[int, str]) -> str | None:
    """The name of the parent a contact was with: one of the pupil's, else as stored."""
    if guardian_id is None:
        return None
    name = names.get(guardian_id)
    if name is None:
        other = s.get(Guardian, guardian_id)
        name = other.name if other else None
    return name


def contacts(
    s: Session, student_id: int, guardian_names: Mapping[int, str]
) -> list[dict[str, Any]]:
    """The contacts with the home about the pupil, oldest first."""
    return [
        {
            "id": e.id,
            "occurred_at": iso(e.occurred_at),
            "channel": e.channel.value,
            "started_by": e.started_by.value,
            "topic": e.topic.value,
            "guardian": _guardian_name(s, e.guardian_id, guardian_names),
            "summary": e.summary,
            "reply_due": iso(e.reply_due),
            "done": e.done,
        }
        for e in s.scalars(
            select(ContactEntry)
            .where(ContactEntry.student_id == student_id)
            .order_by(ContactEntry.occurred_at, ContactEntry.id)
        )
    ]


def parent_councils(s: Session, guardian_names: Mapping[int, str]) -> list[dict[str, Any]]:
    """The class parent councils the pupil's guardians sit on."""
    rows = s.execute(
        select(
            CouncilMember.school_class_id,
            SchoolClass.name,
            SchoolClass.school_year,
            CouncilMember.guardian_id,
            CouncilMember.is_contact_parent,
        )
        .join(SchoolClass, SchoolClass.id == CouncilMember.school_class_id)
        .where(CouncilMember.guardian_id.in_(list(guardian_names)))
        .order_by(SchoolClass.school_year, SchoolClass.name, CouncilMember.guardian_id)
    )
    return [
        {
            "class_id": class_id,
            "class": name,
            "school_year": year,
            "guardian_id": guardian_id,
            "guardian": guardian_names[guardian_id],
            "is_contact_parent": bool(contact),
        }
        for class_id, name, year, guardian_id, contact in rows
    ]


def _initials(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return [text]
    return [str(t) for t in value] if isinstance(value, list) else [text]


def _assignment(a: EveningPlanAssignment | None) -> dict[str, Any] | None:
    """The pupil's place in a conversation evening plan, if the plan has one."""
    if a is None:
        return None
    return {
        "starts_at": iso(a.starts_at),
        "ends_at": iso(a.ends_at),
        "room": a.room,
        "teachers": _initials(a.teachers),
        "conversation_id": a.conversation_id,
    }


def evening_plans(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The conversation evenings planned with the pupil: when the family cannot come, and
    the pupil's place in the plan."""
    unavailable = dict(
        s.execute(
            select(EveningPlanUnavailable.plan_id, EveningPlanUnavailable.periods).where(
                EveningPlanUnavailable.student_id == student_id
            )
        ).all()
    )
    placed = {
        a.plan_id: a
        for a in s.scalars(
            select(EveningPlanAssignment).where(EveningPlanAssignment.student_id == student_id)
        )
    }
    return [
        {
            "id": plan.id,
            "class_id": plan.school_class_id,
            "class": name,
            "school_year": year,
            "accepted_at": iso(plan.accepted_at),
            "unavailable": unavailable.get(plan.id),
            "assignment": _assignment(placed.get(plan.id)),
        }
        for plan, name, year in s.execute(
            select(EveningPlan, SchoolClass.name, SchoolClass.school_year)
            .join(SchoolClass, SchoolClass.id == EveningPlan.school_class_id)
            .where(EveningPlan.id.in_(set(unavailable) | set(placed)))
            .order_by(EveningPlan.id)
        )
    ]
