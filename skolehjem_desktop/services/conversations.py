"""School–home conversations: plan, reschedule, record, hold or cancel; their agreements.

A conversation is an individual dialogue between the pupil's parents and at least
the contact teacher (the school's principles); the contact teacher decides whether
the pupil attends and which teachers join, with the parents' wishes in mind.
The teacher's private preparation is a section that can never be shared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import Service, clean_text, get_or_404
from skolehjem_desktop.services.bulk import (
    Row,
    check_exist,
    clean,
    guardian_pairs,
    insert_returning_ids,
    insert_rows,
)
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.workdays import next_working_day
from skolehjem_desktop.store.models import (
    Agreement,
    ClassTeacher,
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

MIN_DURATION = 5
PLACE_MAX = SHORT_MAX  # the longest place or note the store keeps
MAX_DURATION = 480
SUGGESTED_TIME = dt.time(15, 0)


@dataclass
class Planning:
    """What the teacher decides when planning a conversation."""

    starts_at: dt.datetime
    kind: ConversationKind = ConversationKind.ORDINARY
    requested_by: RequestedBy = RequestedBy.SCHOOL
    duration_minutes: int = 30
    place: str = ""
    pupil_attends: bool = True
    pupil_attends_note: str = ""
    parents_wishes: str = ""
    teacher_ids: tuple[int, ...] | None = None  # None: the class's contact teachers
    guardian_ids: tuple[int, ...] | None = None  # None: the guardians with custody


@dataclass(frozen=True)
class SectionInfo:
    kind: SectionKind
    text: str
    shared: bool


@dataclass(frozen=True)
class AgreementInfo:
    id: int
    conversation_id: int
    text: str
    responsible: Responsible
    due: dt.date | None
    done: bool

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.due is not None and self.due < today


@dataclass(frozen=True)
class ConversationRow:
    id: int
    student_id: int
    student_name: str
    kind: ConversationKind
    requested_by: RequestedBy
    status: ConversationStatus
    starts_at: dt.datetime
    duration_minutes: int
    place: str


@dataclass(frozen=True)
class ConversationDetail:
    id: int
    student_id: int
    student_name: str
    kind: ConversationKind
    requested_by: RequestedBy
    status: ConversationStatus
    starts_at: dt.datetime
    duration_minutes: int
    place: str
    pupil_attends: bool
    pupil_attends_note: str
    parents_wishes: str
    next_conversation: str
    teachers: tuple[tuple[int, str], ...]
    guardians: tuple[tuple[int, str], ...]
    sections: dict[SectionKind, SectionInfo] = field(default_factory=dict)
    agreements: tuple[AgreementInfo, ...] = ()
    updated_at: dt.datetime | None = None

    def section(self, kind: SectionKind) -> SectionInfo:
        return self.sections.get(kind, SectionInfo(kind, "", default_shared(kind)))

    @property
    def school_year(self) -> int:
        return SchoolYear.of(self.starts_at.date()).start_year


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


def default_shared(kind: SectionKind) -> bool:
    """A new section is shared with the parents, except the private preparation."""
    return kind is not SectionKind.PRIVATE_PREPARATION


def _check_duration(minutes: int) -> int:
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise ValidationError(
            _("A conversation lasts between {low} and {high} minutes.").format(
                low=MIN_DURATION, high=MAX_DURATION
            )
        )
    return minutes


def _agreement(a: Agreement) -> AgreementInfo:
    return AgreementInfo(a.id, a.conversation_id, a.text, a.responsible, a.due, a.done)


class ConversationService(Service):
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
                conversation.duration_minutes = _check_duration(duration_minutes)
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
        c.duration_minutes = _check_duration(p.duration_minutes)
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

    # --- recording ------------------------------------------------------------------------

    def set_section(
        self, conversation_id: int, kind: SectionKind, text: str, shared: bool | None = None
    ) -> SectionInfo:
        """Save one text section (the autosave path). ``shared=None`` keeps the current flag."""
        kind = SectionKind(kind)
        if kind is SectionKind.PRIVATE_PREPARATION and shared:
            raise ValidationError(_("The private preparation is never shared with the parents."))
        text = clean_text(text, _("The text"), TEXT_MAX)
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            section = s.scalars(
                select(ConversationSection).where(
                    ConversationSection.conversation_id == conversation_id,
                    ConversationSection.kind == kind,
                )
            ).first()
            if section is None:
                section = ConversationSection(
                    conversation_id=conversation_id,
                    kind=kind,
                    shared=default_shared(kind) if shared is None else shared,
                )
                s.add(section)
            elif shared is not None:
                section.shared = shared
            section.text = text
            conversation.updated_at = self.clock()
            return SectionInfo(kind, section.text, section.shared)

    def set_section_shared(
        self, conversation_id: int, kind: SectionKind, shared: bool
    ) -> SectionInfo:
        """Share a section with the parents or not, keeping its text (the switch beside it)."""
        kind = SectionKind(kind)
        if kind is SectionKind.PRIVATE_PREPARATION and shared:
            raise ValidationError(_("The private preparation is never shared with the parents."))
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            section = s.scalars(
                select(ConversationSection).where(
                    ConversationSection.conversation_id == conversation_id,
                    ConversationSection.kind == kind,
                )
            ).first()
            if section is None:
                section = ConversationSection(
                    conversation_id=conversation_id, kind=kind, text="", shared=shared
                )
                s.add(section)
            section.shared = shared
            conversation.updated_at = self.clock()
            return SectionInfo(kind, section.text, section.shared)

    def suggested_start(self) -> dt.datetime:
        """When a new conversation is first put: the next working day at 15:00."""
        return dt.datetime.combine(next_working_day(self.today()), SUGGESTED_TIME)

    def set_next_conversation(self, conversation_id: int, text: str) -> None:
        text = clean_text(text, _("Next conversation"), TEXT_MAX)
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            conversation.next_conversation = text
            conversation.updated_at = self.clock()

    def copy_last_agenda(self, conversation_id: int) -> str:
        """Start this conversation's agenda from the pupil's most recent earlier one."""
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            text = s.scalars(
                select(ConversationSection.text)
                .join(Conversation, Conversation.id == ConversationSection.conversation_id)
                .where(
                    Conversation.student_id == conversation.student_id,
                    Conversation.id != conversation_id,
                    Conversation.starts_at <= conversation.starts_at,
                    ConversationSection.kind == SectionKind.AGENDA,
                    func.length(func.trim(ConversationSection.text)) > 0,
                )
                .order_by(Conversation.starts_at.desc(), Conversation.id.desc())
            ).first()
            if text is None:
                raise ValidationError(_("The pupil has no earlier conversation with an agenda."))
        self.set_section(conversation_id, SectionKind.AGENDA, text)
        return text

    def mark_held(self, conversation_id: int) -> ConversationDetail:
        return self._set_status(conversation_id, ConversationStatus.HELD)

    def mark_cancelled(self, conversation_id: int) -> ConversationDetail:
        return self._set_status(conversation_id, ConversationStatus.CANCELLED)

    def mark_planned(self, conversation_id: int) -> ConversationDetail:
        """Undo "held" or "cancelled" (a slip of the hand)."""
        return self._set_status(conversation_id, ConversationStatus.PLANNED)

    def _set_status(self, conversation_id: int, status: ConversationStatus) -> ConversationDetail:
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            if status is ConversationStatus.HELD:
                if conversation.starts_at.date() > self.today():
                    raise ValidationError(
                        _("The conversation is on {date}; it cannot be held before then.").format(
                            date=conversation.starts_at.date().isoformat()
                        )
                    )
                if not conversation.teacher_links:
                    raise ValidationError(
                        _("A school–home conversation needs at least the contact teacher.")
                    )
            conversation.status = status
            conversation.updated_at = self.clock()
            s.flush()
            return self._detail(s, conversation_id)

    def delete(self, conversation_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, Conversation, conversation_id, _("Conversation")))

    # --- agreements -----------------------------------------------------------------------

    def add_agreement(
        self,
        conversation_id: int,
        text: str,
        responsible: Responsible,
        due: dt.date | None = None,
    ) -> AgreementInfo:
        text = clean_text(text, _("The agreement"), TEXT_MAX, required=True)
        with self.db.transaction() as s:
            get_or_404(s, Conversation, conversation_id, _("Conversation"))
            position = s.scalar(
                select(func.coalesce(func.max(Agreement.position), -1)).where(
                    Agreement.conversation_id == conversation_id
                )
            )
            agreement = Agreement(
                conversation_id=conversation_id,
                text=text,
                responsible=Responsible(responsible),
                due=due,
                done=False,
                position=int(position or 0) + 1,
            )
            s.add(agreement)
            s.flush()
            return _agreement(agreement)

    def update_agreement(
        self,
        agreement_id: int,
        *,
        text: str | None = None,
        responsible: Responsible | None = None,
        due: dt.date | None = None,
        clear_due: bool = False,
        done: bool | None = None,
    ) -> AgreementInfo:
        with self.db.transaction() as s:
            agreement = get_or_404(s, Agreement, agreement_id, _("Agreement"))
            if text is not None:
                agreement.text = clean_text(text, _("The agreement"), TEXT_MAX, required=True)
            if responsible is not None:
                agreement.responsible = Responsible(responsible)
            if clear_due:
                agreement.due = None
            elif due is not None:
                agreement.due = due
            if done is not None:
                agreement.done = done
            s.flush()
            return _agreement(agreement)

    def remove_agreement(self, agreement_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, Agreement, agreement_id, _("Agreement")))

    def open_agreements(self, student_id: int) -> list[AgreementInfo]:
        """The pupil's agreements not yet done, the earliest due first."""
        with self.db.reading() as s:
            rows = s.scalars(
                select(Agreement)
                .join(Conversation, Conversation.id == Agreement.conversation_id)
                .where(Conversation.student_id == student_id, Agreement.done.is_(False))
                .order_by(Agreement.due.is_(None), Agreement.due, Agreement.id)
            ).all()
            return [_agreement(a) for a in rows]

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
            agreements=tuple(_agreement(a) for a in c.agreements),
            updated_at=c.updated_at,
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
                        date=starts.date().isoformat()
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
            "duration_minutes": _check_duration(p.duration_minutes),
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
