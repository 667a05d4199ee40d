"""Accepting a plan: the planned ordinary conversations it makes, in the caller's transaction.

One conversation per pupil and slot: a pupil whose parents live apart gets one per
household, each with that household's guardians; siblings who come together each get
a conversation of their own at the same time and in the same room. A conversation
already planned for the pupil at that time is used instead of making another.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationKind, ConversationStatus, RequestedBy
from skolehjem_desktop.services.conversations import ConversationService, Planning
from skolehjem_desktop.services.planner.model import Assignment, Plan, PlanInput, PupilSpec
from skolehjem_desktop.store.models import Conversation, StudentGuardian, Teacher


def _guardians_of(s: Session, student_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for sid, gid in s.execute(
        select(StudentGuardian.student_id, StudentGuardian.guardian_id).where(
            StudentGuardian.student_id.in_(student_ids)
        )
    ):
        out.setdefault(sid, set()).add(gid)
    return out


def make_conversations(
    s: Session, creator: ConversationService, plan: Plan, inp: PlanInput
) -> tuple[dict[int, int], list[int], int]:
    """The plan's conversations: per plan entry the first pupil's; all of them; how many new."""
    teacher_ids: dict[str, int] = dict(s.execute(select(Teacher.initials, Teacher.id)).all())
    units = {p.id: p for p in inp.pupils}
    everyone = [sid for a in plan.assignments for sid in _unit(units, a).students]
    guardians = _guardians_of(s, everyone)
    made: dict[int, int] = {}
    every: list[int] = []
    created = 0
    for a in plan.assignments:
        unit = _unit(units, a)
        for sid in unit.students:
            existing = s.scalars(
                select(Conversation.id).where(
                    Conversation.student_id == sid,
                    Conversation.kind == ConversationKind.ORDINARY,
                    Conversation.starts_at == a.starts_at,
                    Conversation.status == ConversationStatus.PLANNED,
                )
            ).first()
            if existing is None:
                household = None
                if unit.part:
                    own = tuple(g for g in unit.guardians if g in guardians.get(sid, set()))
                    household = own or None
                planning = Planning(
                    starts_at=a.starts_at,
                    kind=ConversationKind.ORDINARY,
                    requested_by=RequestedBy.SCHOOL,
                    duration_minutes=a.duration_minutes,
                    place=a.room,
                    teacher_ids=tuple(teacher_ids[t] for t in a.teachers if t in teacher_ids),
                    guardian_ids=household,
                )
                existing = creator.plan_in(s, sid, planning)
                created += 1
            every.append(existing)
            if sid == unit.student_id:
                made[a.pupil_id] = existing
    return made, every, created


def _unit(units: dict[int, PupilSpec], a: Assignment) -> PupilSpec:
    """The plan entry's conversation; a pupil on their own when the input lost it."""
    return units.get(a.pupil_id) or PupilSpec(abs(a.pupil_id), "", "", a.teachers)
