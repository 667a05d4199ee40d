"""School–home conversations: plan, reschedule, record, hold or cancel; their agreements.

A conversation is an individual dialogue between the pupil's parents and at least
the contact teacher (the school's principles); the contact teacher decides whether
the pupil attends and which teachers join, with the parents' wishes in mind.
The teacher's private preparation is a section that can never be shared.

The rows it hands out are in :mod:`.conversation_rows`, the text sections in
:mod:`.conversation_sections` and the agreements in :mod:`.conversation_agreements`;
:class:`ConversationService` brings them together, and the rows are re-exported here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    SectionKind,
)
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.services.base import clean_text, get_or_404
from skolehjem_desktop.services.conversation_agreements import (
    ConversationAgreements,
    agreement_info,
)
from skolehjem_desktop.services.conversation_bulk import (
    ConversationBulk,
    NewAgreement,
    NewSection,
    RecordedConversation,
)
from skolehjem_desktop.services.conversation_held import (
    HeldWithoutParticipants,
    missing_participants,
)
from skolehjem_desktop.services.conversation_rows import (
    MAX_DURATION,
    MIN_DURATION,
    PLACE_MAX,
    AgreementInfo,
    ConversationDetail,
    ConversationRow,
    Planning,
    SectionInfo,
    check_duration,
    default_shared,
)
from skolehjem_desktop.services.conversation_sections import ConversationSections
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.workdays import next_working_day
from skolehjem_desktop.store.models import (
    Conversation,
    ConversationGuardian,
    ConversationSection,
    ConversationTeacher,
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
    Teacher,
)

__all__ = [
    "MAX_DURATION",
    "MIN_DURATION",
    "PLACE_MAX",
    "AgreementInfo",
    "ConversationDetail",
    "ConversationRow",
    "ConversationService",
    "HeldBeforeItsDay",
    "HeldWithoutParticipants",
    "NewAgreement",
    "NewSection",
    "Planning",
    "RecordedConversation",
    "SectionInfo",
    "default_shared",
]

SUGGESTED_TIME = dt.time(15, 0)


class HeldBeforeItsDay(ValidationError):
    """Marking held a conversation whose day is still to come; ``on`` is that day.

    The window offers to move it to today and mark it held (:meth:`mark_held_today`).
    """

    def __init__(self, on: dt.date) -> None:
        super().__init__(
            _(
                "The conversation is on {date}, a day still to come. If it was held, set its "
                "date to the day it was held first."
            ).format(date=short_date(on))
        )
        self.on = on


class ConversationService(ConversationSections, ConversationAgreements, ConversationBulk):
    """Conversations: planning and status, reading; the sections, agreements and the bulk
    path (for the demo school) inherited."""

    # --- planning -------------------------------------------------------------------------

    def plan(self, student_id: int, planning: Planning) -> ConversationDetail:
        with self.db.transaction() as s:
            conversation_id = self.plan_in(s, student_id, planning)
            return self._detail(s, conversation_id)

    def plan_in(self, s: Session, student_id: int, planning: Planning) -> int:
        """Plan a conversation inside the caller's transaction (for a whole evening at once)."""
        student = get_or_404(s, Student, student_id, _("Pupil"))
        conversation = Conversation(
            student_id=student.id,
            status=ConversationStatus.PLANNED,
            created_at=self.clock(),
            updated_at=self.clock(),
        )
        self._apply_planning(s, conversation, planning)
        s.add(conversation)
        s.flush()
        for kind in (SectionKind.PRIVATE_PREPARATION, SectionKind.AGENDA):
            s.add(
                ConversationSection(
                    conversation_id=conversation.id,
                    kind=kind,
                    text="",
                    shared=default_shared(kind),
                )
            )
        s.flush()
        return conversation.id

    def update_planning(self, conversation_id: int, planning: Planning) -> ConversationDetail:
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            if (
                conversation.status is ConversationStatus.HELD
                and planning.starts_at.date() > self.today()
            ):
                raise ValidationError(
                    _(
                        "A conversation that was held cannot be moved to a day to come. "
                        "Reopen it first if it was not held after all."
                    )
                )
            self._apply_planning(s, conversation, planning)
            conversation.updated_at = self.clock()
            s.flush()
            return self._detail(s, conversation_id)

    def reschedule(
        self,
        conversation_id: int,
        starts_at: dt.datetime,
        duration_minutes: int | None = None,
        place: str | None = None,
    ) -> ConversationDetail:
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            if conversation.status is ConversationStatus.HELD:
                raise ValidationError(_("A conversation that was held cannot be rescheduled."))
            conversation.starts_at = starts_at.replace(second=0, microsecond=0)
            if duration_minutes is not None:
                conversation.duration_minutes = check_duration(duration_minutes)
            if place is not None:
                conversation.place = clean_text(place, _("Place"), SHORT_MAX)
            conversation.status = ConversationStatus.PLANNED
            conversation.updated_at = self.clock()
            s.flush()
            return self._detail(s, conversation_id)

    def _apply_planning(self, s: Session, c: Conversation, p: Planning) -> None:
        c.kind = ConversationKind(p.kind)
        c.requested_by = RequestedBy(p.requested_by)
        c.starts_at = p.starts_at.replace(second=0, microsecond=0)
        c.duration_minutes = check_duration(p.duration_minutes)
        c.place = clean_text(p.place, _("Place"), SHORT_MAX)
        c.pupil_attends = p.pupil_attends
        c.pupil_attends_note = clean_text(p.pupil_attends_note, _("Note on the pupil"), SHORT_MAX)
        c.parents_wishes = clean_text(p.parents_wishes, _("The parents' wishes"), TEXT_MAX)
        year = SchoolYear.of(c.starts_at.date()).start_year
        teacher_ids = (
            p.teacher_ids
            if p.teacher_ids is not None
            else tuple(self._contact_teachers(s, c.student_id, year))
        )
        guardian_ids = (
            p.guardian_ids
            if p.guardian_ids is not None
            else tuple(self._custody_guardians(s, c.student_id))
        )
        for teacher_id in teacher_ids:
            get_or_404(s, Teacher, teacher_id, _("Teacher"))
        allowed = set(
            s.scalars(
                select(StudentGuardian.guardian_id).where(
                    StudentGuardian.student_id == c.student_id
                )
            )
        )
        for guardian_id in guardian_ids:
            get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
            if guardian_id not in allowed:
                raise ValidationError(_("Only the pupil's own guardians can take part."))
        c.teacher_links = [ConversationTeacher(teacher_id=t) for t in dict.fromkeys(teacher_ids)]
        c.guardian_links = [
            ConversationGuardian(guardian_id=g) for g in dict.fromkeys(guardian_ids)
        ]

    def suggested_start(self) -> dt.datetime:
        """When a new conversation is first put: the next working day at 15:00."""
        return dt.datetime.combine(next_working_day(self.today()), SUGGESTED_TIME)

    def held_start(self, at: dt.time | None = None) -> dt.datetime:
        """When a conversation held today started: at ``at`` if that has come, else now
        (to the quarter of an hour before)."""
        now = self.clock().replace(second=0, microsecond=0)
        if at is not None and at <= now.time():
            return dt.datetime.combine(now.date(), at)
        return now - dt.timedelta(minutes=now.minute % 15)

    # --- status ---------------------------------------------------------------------------

    def mark_held(self, conversation_id: int, exception: bool = False) -> ConversationDetail:
        """Held; refused with :class:`HeldBeforeItsDay` while its day is to come, and with
        :class:`HeldWithoutParticipants` without a guardian or a contact teacher, unless
        the teacher confirms it as an ``exception``."""
        return self._set_status(conversation_id, ConversationStatus.HELD, exception)

    def mark_held_today(self, conversation_id: int, exception: bool = False) -> ConversationDetail:
        """Held today: its date moved to today (at its time if that has come, else now)."""
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            if conversation.status is not ConversationStatus.PLANNED:
                raise ValidationError(_("Only a planned conversation can be marked as held."))
            conversation.starts_at = self.held_start(conversation.starts_at.time())
            return self._status_in(s, conversation, ConversationStatus.HELD, exception)

    def mark_cancelled(self, conversation_id: int) -> ConversationDetail:
        return self._set_status(conversation_id, ConversationStatus.CANCELLED)

    def mark_planned(self, conversation_id: int) -> ConversationDetail:
        """Undo "held" or "cancelled" (a slip of the hand)."""
        return self._set_status(conversation_id, ConversationStatus.PLANNED)

    def _set_status(
        self, conversation_id: int, status: ConversationStatus, exception: bool = False
    ) -> ConversationDetail:
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            return self._status_in(s, conversation, status, exception)

    def _status_in(
        self,
        s: Session,
        conversation: Conversation,
        status: ConversationStatus,
        exception: bool = False,
    ) -> ConversationDetail:
        conversation.held_exception = False
        if status is ConversationStatus.HELD:
            if conversation.starts_at.date() > self.today():
                raise HeldBeforeItsDay(conversation.starts_at.date())
            missing = missing_participants(s, conversation)
            if missing and not exception:
                raise HeldWithoutParticipants(missing)
            conversation.held_exception = bool(missing)
        conversation.status = status
        conversation.updated_at = self.clock()
        s.flush()
        return self._detail(s, conversation.id)

    def delete(self, conversation_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, Conversation, conversation_id, _("Conversation")))

    # --- reading --------------------------------------------------------------------------

    def get(self, conversation_id: int) -> ConversationDetail:
        with self.db.reading() as s:
            return self._detail(s, conversation_id)

    def all(
        self,
        *,
        student_id: int | None = None,
        class_id: int | None = None,
        school_year: int | None = None,
    ) -> list[ConversationRow]:
        """Conversations of a pupil, or of a class's pupils, newest first."""
        with self.db.reading() as s:
            query = select(Conversation, Student.first_name, Student.last_name).join(
                Student, Student.id == Conversation.student_id
            )
            if student_id is not None:
                get_or_404(s, Student, student_id, _("Pupil"))
                query = query.where(Conversation.student_id == student_id)
            if class_id is not None:
                school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
                members = select(Enrolment.student_id).where(Enrolment.class_id == class_id)
                query = query.where(Conversation.student_id.in_(members))
                if school_year is None:
                    school_year = school_class.school_year
            if school_year is not None:
                year = SchoolYear(school_year)
                query = query.where(
                    Conversation.starts_at >= dt.datetime.combine(year.first_day, dt.time()),
                    Conversation.starts_at < dt.datetime.combine(year.next().first_day, dt.time()),
                )
            query = query.order_by(Conversation.starts_at.desc(), Conversation.id.desc())
            return [
                ConversationRow(
                    c.id,
                    c.student_id,
                    f"{first} {last}".strip(),
                    c.kind,
                    c.requested_by,
                    c.status,
                    c.starts_at,
                    c.duration_minutes,
                    c.place,
                )
                for c, first, last in s.execute(query)
            ]

    def _detail(self, s: Session, conversation_id: int) -> ConversationDetail:
        c = s.scalars(
            select(Conversation)
            .where(Conversation.id == conversation_id)
            .options(
                selectinload(Conversation.sections),
                selectinload(Conversation.agreements),
                selectinload(Conversation.teacher_links).selectinload(ConversationTeacher.teacher),
                selectinload(Conversation.guardian_links).selectinload(
                    ConversationGuardian.guardian
                ),
                selectinload(Conversation.student),
            )
        ).first()
        if c is None:
            get_or_404(s, Conversation, conversation_id, _("Conversation"))
            raise AssertionError  # pragma: no cover
        return ConversationDetail(
            id=c.id,
            student_id=c.student_id,
            student_name=c.student.full_name,
            kind=c.kind,
            requested_by=c.requested_by,
            status=c.status,
            starts_at=c.starts_at,
            duration_minutes=c.duration_minutes,
            place=c.place,
            pupil_attends=c.pupil_attends,
            pupil_attends_note=c.pupil_attends_note,
            parents_wishes=c.parents_wishes,
            next_conversation=c.next_conversation,
            teachers=tuple(
                sorted((link.teacher.id, link.teacher.name) for link in c.teacher_links)
            ),
            guardians=tuple((link.guardian.id, link.guardian.name) for link in c.guardian_links),
            sections={sec.kind: SectionInfo(sec.kind, sec.text, sec.shared) for sec in c.sections},
            agreements=tuple(agreement_info(a) for a in c.agreements),
            updated_at=c.updated_at,
            held_exception=c.held_exception,
        )
