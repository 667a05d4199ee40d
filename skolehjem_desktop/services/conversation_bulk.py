"""Conversations in bulk, inside the caller's transaction: the path the demo school takes.

:meth:`ConversationBulk.add_many_in` writes recorded conversations (planned, held or
cancelled, with their sections and agreements) with the same checks as planning,
writing and holding them one by one; ``ConversationService`` inherits it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _, active
from skolehjem_desktop.i18n.dates import format_date_short
from skolehjem_desktop.services.base import Service
from skolehjem_desktop.services.bulk import (
    Row,
    check_exist,
    clean,
    guardian_pairs,
    insert_returning_ids,
    insert_rows,
)
from skolehjem_desktop.services.conversation_rows import Planning, check_duration, default_shared
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    Agreement,
    ClassTeacher,
    Conversation,
    ConversationGuardian,
    ConversationSection,
    ConversationTeacher,
    Enrolment,
    Student,
    StudentGuardian,
    Teacher,
)


@dataclass(frozen=True, slots=True)
class NewSection:
    """A text section of a recorded conversation; ``shared`` None is :func:`default_shared`."""

    kind: SectionKind
    text: str
    shared: bool | None = None


@dataclass(frozen=True, slots=True)
class NewAgreement:
    """An agreement of a recorded conversation; they keep the order they are given in."""

    text: str
    responsible: Responsible
    due: dt.date | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class RecordedConversation:
    """A conversation as it stands, for :meth:`ConversationService.add_many_in`.

    Planned, held or cancelled, with its text sections and agreements as written, when
    it was made (None: now) and last changed (None: when it was made). ``planning`` is
    what :meth:`~ConversationService.plan` takes; its teachers and guardians default
    the same way.
    """

    student_id: int
    planning: Planning
    status: ConversationStatus = ConversationStatus.PLANNED
    next_conversation: str = ""
    sections: tuple[NewSection, ...] = ()
    agreements: tuple[NewAgreement, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class ConversationBulk(Service):
    """Who takes part by default, and conversations written many at a time."""

    def _contact_teachers(self, s: Session, student_id: int, year: int) -> list[int]:
        return list(
            s.scalars(
                select(ClassTeacher.teacher_id)
                .join(Enrolment, Enrolment.class_id == ClassTeacher.class_id)
                .where(
                    Enrolment.student_id == student_id,
                    Enrolment.school_year == year,
                    ClassTeacher.is_contact_teacher,
                )
            )
        )

    def _custody_guardians(self, s: Session, student_id: int) -> list[int]:
        return list(
            s.scalars(
                select(StudentGuardian.guardian_id)
                .where(StudentGuardian.student_id == student_id, StudentGuardian.has_custody)
                .order_by(StudentGuardian.position)
            )
        )

    # --- in bulk --------------------------------------------------------------------------

    def add_many_in(self, s: Session, conversations: Sequence[RecordedConversation]) -> list[int]:
        """Add recorded conversations inside the caller's transaction; their ids, in order.

        Each is checked as planning, writing and holding one is checked: its planning as
        by :meth:`plan`, a held one not on a day to come and with a teacher, the private
        preparation never shared, agreements with a text. The private preparation and
        the agenda are always there, as :meth:`plan` makes them (empty if not given).
        """
        check_exist(s, Student, {c.student_id for c in conversations}, N_("Pupil"))
        teacher_ids = {
            t for c in conversations if c.planning.teacher_ids for t in c.planning.teacher_ids
        }
        check_exist(s, Teacher, teacher_ids, N_("Teacher"))
        own = guardian_pairs(s, {c.student_id for c in conversations})
        rows: list[Row] = []
        teachers: list[tuple[int, ...]] = []
        guardians: list[tuple[int, ...]] = []
        for c in conversations:
            row, (their_teachers, their_guardians) = self._recorded_row(s, c)
            if any((c.student_id, g) not in own for g in their_guardians):
                raise ValidationError(_("Only the pupil's own guardians can take part."))
            rows.append(row)
            teachers.append(their_teachers)
            guardians.append(their_guardians)
        sections = [self._recorded_sections(c) for c in conversations]
        agreements = [
            [
                {
                    "text": clean(a.text, N_("The agreement"), TEXT_MAX, required=True),
                    "responsible": Responsible(a.responsible),
                    "due": a.due,
                    "done": a.done,
                    "position": position,
                }
                for position, a in enumerate(c.agreements)
            ]
            for c in conversations
        ]
        ids = insert_returning_ids(s, Conversation, rows)
        links = [
            {"conversation_id": cid, "teacher_id": t}
            for cid, ts in zip(ids, teachers, strict=True)
            for t in ts
        ]
        insert_rows(s, ConversationTeacher, links)
        links = [
            {"conversation_id": cid, "guardian_id": g}
            for cid, gs in zip(ids, guardians, strict=True)
            for g in gs
        ]
        insert_rows(s, ConversationGuardian, links)
        for table, children in ((ConversationSection, sections), (Agreement, agreements)):
            rows = []
            for cid, of_one in zip(ids, children, strict=True):
                for row in of_one:
                    row["conversation_id"] = cid
                    rows.append(row)
            insert_rows(s, table, rows)
        return ids

    def _recorded_row(
        self, s: Session, c: RecordedConversation
    ) -> tuple[Row, tuple[tuple[int, ...], tuple[int, ...]]]:
        """The conversation's row, and its teachers and guardians."""
        p = c.planning
        starts = p.starts_at.replace(second=0, microsecond=0)
        year = SchoolYear.of(starts.date()).start_year
        teacher_ids = tuple(
            dict.fromkeys(
                p.teacher_ids
                if p.teacher_ids is not None
                else self._contact_teachers(s, c.student_id, year)
            )
        )
        guardian_ids = tuple(
            dict.fromkeys(
                p.guardian_ids
                if p.guardian_ids is not None
                else self._custody_guardians(s, c.student_id)
            )
        )
        status = ConversationStatus(c.status)
        if status is ConversationStatus.HELD:
            if starts.date() > self.today():
                raise ValidationError(
                    _("The conversation is on {date}; it cannot be held before then.").format(
                        date=format_date_short(starts.date(), active().lang)
                    )
                )
            if not teacher_ids:
                raise ValidationError(
                    _("A school–home conversation needs at least the contact teacher.")
                )
        created = c.created_at or self.clock()
        row = {
            "student_id": c.student_id,
            "kind": ConversationKind(p.kind),
            "requested_by": RequestedBy(p.requested_by),
            "status": status,
            "starts_at": starts,
            "duration_minutes": check_duration(p.duration_minutes),
            "place": clean(p.place, N_("Place"), SHORT_MAX),
            "pupil_attends": p.pupil_attends,
            "pupil_attends_note": clean(p.pupil_attends_note, N_("Note on the pupil"), SHORT_MAX),
            "parents_wishes": clean(p.parents_wishes, N_("The parents' wishes"), TEXT_MAX),
            "next_conversation": clean(c.next_conversation, N_("Next conversation"), TEXT_MAX),
            "created_at": created,
            "updated_at": c.updated_at or created,
        }
        return row, (teacher_ids, guardian_ids)

    def _recorded_sections(self, c: RecordedConversation) -> list[Row]:
        given = {section.kind for section in c.sections}
        if len(given) != len(c.sections):
            raise ValueError("A conversation has each kind of section once.")
        always = [
            NewSection(kind, "")
            for kind in (SectionKind.PRIVATE_PREPARATION, SectionKind.AGENDA)
            if kind not in given
        ]
        rows: list[Row] = []
        for section in (*always, *c.sections):
            kind = SectionKind(section.kind)
            shared = default_shared(kind) if section.shared is None else section.shared
            if kind is SectionKind.PRIVATE_PREPARATION and shared:
                raise ValidationError(
                    _("The private preparation is never shared with the parents.")
                )
            text = clean(section.text, N_("The text"), TEXT_MAX)
            rows.append({"kind": kind, "text": text, "shared": shared})
        return rows
