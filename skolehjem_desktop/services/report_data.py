"""What each PDF prints, gathered from the database into plain frozen data.

This is the only place that reads the database for a document; ``reports/`` gets the
dataclasses of :mod:`skolehjem_desktop.reports.data` and nothing else. The privacy
rule is kept here first: a summary's data carries only the sections the teacher
marked as shared, never the private preparation, and nothing of a section that
is not shared (its text does not even leave this module).

A document for the parents is written in their language unless the teacher asks
for another: English when a guardian it is addressed to prefers English, Danish
otherwise. A document for the teacher (the class overview) is in the program's
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import ConversationStatus, Language, SectionKind
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.reports.data import (
    AgreementLine,
    ClassOverviewData,
    ClassRole,
    ConversationFacts,
    FocusLine,
    InvitationData,
    Letterhead,
    MessageBookData,
    OrdinaryConversation,
    OverviewRow,
    Person,
    PresentationLine,
    SharedSection,
    Signature,
    SummaryData,
)
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import ConversationDetail, ConversationRow
from skolehjem_desktop.services.focus import AREA_ORDER, FocusPointInfo
from skolehjem_desktop.services.school import DEFAULT_QUESTIONS, PREPARATION_QUESTIONS
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.sheets.parents import sheet_fields
from skolehjem_desktop.services.students import GuardianInfo, StudentDetail

if TYPE_CHECKING:
    from skolehjem_desktop.reports.parent_meeting import ParentMeetingData


def check_language(lang: str | None) -> str | None:
    """``lang`` if it is one of the program's languages (None stays None)."""
    if lang is None:
        return None
    if lang not in i18n.LANGUAGES:
        raise ValidationError(_("{value} is not a language of the program.").format(value=lang))
    return lang


def language_of(guardians: Iterable[GuardianInfo]) -> str:
    """English when one of these guardians prefers English; Danish otherwise."""
    if any(g.preferred_language is Language.EN for g in guardians):
        return Language.EN.value
    return Language.DA.value


def addressees(
    guardians: Sequence[GuardianInfo], chosen: Iterable[int] | None = None
) -> list[GuardianInfo]:
    """The guardians a document is for: those chosen, else those with custody, else all."""
    wanted = set(chosen or ())
    if wanted:
        return [g for g in guardians if g.id in wanted]
    custody = [g for g in guardians if g.has_custody]
    return custody or list(guardians)


def conversation_language(services: Services, conversation_id: int) -> str:
    """The default language of a conversation's documents: that of its guardians."""
    detail = services.conversations.get(conversation_id)
    student = services.students.get(detail.student_id)
    return language_of(addressees(student.guardians, (gid for gid, _name in detail.guardians)))


def student_language(services: Services, student_id: int) -> str:
    """The default language of a pupil's documents: that of the guardians with custody."""
    return language_of(addressees(services.students.get(student_id).guardians))


def letterhead(services: Services) -> Letterhead:
    user = services.school.user()
    return Letterhead(
        school_name=services.school.school_name(),
        logo=services.school.logo(),
        teacher=user.name if user else "",
        printed_on=services.today(),
    )


def signature(services: Services, in_class: tuple[int, str] | None) -> Signature:
    """Who signs a letter about a pupil of ``in_class`` (id, name), and as what.

    The class's contact teachers, as contact teachers, when the user is one of them
    (the user first) or when no user is set. A user who is not a contact teacher signs
    alone, with the role they have: a teacher of the class, or none.
    """
    user = services.school.user()
    teachers = services.classes.teachers(in_class[0]) if in_class is not None else []
    name = in_class[1] if in_class is not None else None
    contacts = [t for t in teachers if t.is_contact_teacher]
    if user is None:
        if not contacts:
            return Signature()
        return Signature(tuple(t.name for t in contacts), ClassRole.CONTACT_TEACHER, name)
    mine = next((t for t in teachers if t.id == user.id), None)
    if mine is None:
        return Signature((user.name,), ClassRole.NONE, name)
    if not mine.is_contact_teacher:
        return Signature((user.name,), ClassRole.TEACHER, name)
    others = tuple(t.name for t in contacts if t.id != user.id)
    return Signature((user.name, *others), ClassRole.CONTACT_TEACHER, name)


def _facts(detail: ConversationDetail, student: StudentDetail) -> ConversationFacts:
    year = detail.school_year
    in_class = student.class_in(year)
    relations = {g.id: g.relation for g in student.guardians}
    return ConversationFacts(
        student_first_name=student.first_name,
        student_name=student.full_name,
        class_name=in_class[1] if in_class else None,
        school_year=year,
        kind=detail.kind,
        requested_by=detail.requested_by,
        starts_at=detail.starts_at,
        duration_minutes=detail.duration_minutes,
        place=detail.place,
        pupil_attends=detail.pupil_attends,
        pupil_attends_note=detail.pupil_attends_note,
        teachers=tuple(name for _id, name in detail.teachers),
        guardians=tuple(Person(name, relations.get(gid)) for gid, name in detail.guardians),
    )


def _focus_line(p: FocusPointInfo) -> FocusLine:
    return FocusLine(p.area, p.subject, p.goal, p.actions, p.status, p.evaluation)


def shared_sections(detail: ConversationDetail) -> tuple[SharedSection, ...]:
    """The sections the parents may read, in their order; nothing else."""
    return tuple(
        SharedSection(kind, info.text)
        for kind in SectionKind
        if kind is not SectionKind.PRIVATE_PREPARATION
        and (info := detail.sections.get(kind)) is not None
        and info.shared
        and info.text.strip()
    )


def check_held(detail: ConversationDetail) -> None:
    """A summary is of a conversation that was held; say so plainly otherwise."""
    date = i18n.active().format_date(detail.starts_at.date())
    if detail.status is ConversationStatus.CANCELLED:
        raise ValidationError(
            _("The conversation on {date} was cancelled, so it has no summary.").format(date=date)
        )
    if detail.status is not ConversationStatus.HELD:
        raise ValidationError(
            _(
                "The conversation on {date} has not been held yet. "
                "Mark it as held before printing its summary."
            ).format(date=date)
        )


def summary_data(services: Services, conversation_id: int, lang: str | None = None) -> SummaryData:
    detail = services.conversations.get(conversation_id)
    check_held(detail)
    student = services.students.get(detail.student_id)
    chosen = check_language(lang) or language_of(
        addressees(student.guardians, (gid for gid, _name in detail.guardians))
    )
    focus = services.focus.all(detail.student_id, detail.school_year)
    return SummaryData(
        lang=chosen,
        letterhead=letterhead(services),
        conversation=_facts(detail, student),
        sections=shared_sections(detail),
        agreements=tuple(
            AgreementLine(a.text, a.responsible, a.due, a.done) for a in detail.agreements
        ),
        focus_points=tuple(_focus_line(p) for p in focus),
        next_conversation=detail.next_conversation,
        signature=signature(services, student.class_in(detail.school_year)),
    )


def preparation_questions(services: Services, lang: str) -> tuple[str, ...]:
    """The teacher's own questions as written, or the default ones in ``lang``."""
    value = services.school.setting(PREPARATION_QUESTIONS)
    if value.strip():
        return tuple(line.strip() for line in value.split("\n") if line.strip())
    tr = i18n.translator(lang)
    return tuple(tr.gettext(q) for q in DEFAULT_QUESTIONS)


def invitation_data(
    services: Services, conversation_id: int, lang: str | None = None
) -> InvitationData:
    detail = services.conversations.get(conversation_id)
    if detail.status is ConversationStatus.CANCELLED:
        raise ValidationError(
            _("The conversation on {date} was cancelled; there is nothing to invite to.").format(
                date=i18n.active().format_date(detail.starts_at.date())
            )
        )
    student = services.students.get(detail.student_id)
    facts = _facts(detail, student)
    if not facts.guardians:
        # Planned without naming the parents: the invitation goes to those with custody.
        facts = _with_guardians(facts, addressees(student.guardians))
    chosen = check_language(lang) or language_of(
        addressees(student.guardians, (gid for gid, _name in detail.guardians))
    )
    return InvitationData(
        lang=chosen,
        letterhead=letterhead(services),
        conversation=facts,
        questions=preparation_questions(services, chosen),
        signature=signature(services, student.class_in(detail.school_year)),
        form=sheet_fields(services.sheets.school_id(), detail.student_id, conversation_id),
    )


def _with_guardians(
    facts: ConversationFacts, guardians: Sequence[GuardianInfo]
) -> ConversationFacts:
    return replace(facts, guardians=tuple(Person(g.name, g.relation) for g in guardians))


def _teacher_names(services: Services, initials: Iterable[str]) -> tuple[str, ...]:
    names = {t.initials: t.name for t in services.school.teachers()}
    return tuple(names.get(i, i) for i in initials)


def message_book_data(
    services: Services,
    student_id: int,
    school_year: int | None = None,
    lang: str | None = None,
) -> MessageBookData:
    student = services.students.get(student_id)
    year = school_year if school_year is not None else SchoolYear.of(services.today()).start_year
    chosen = check_language(lang) or language_of(addressees(student.guardians))
    points = services.focus.all(student_id, year)
    required = services.focus.required_areas_for(student_id, year)
    present = {p.area for p in points}
    areas = tuple(a for a in AREA_ORDER if a in required or a in present)
    in_class = student.class_in(year)
    teachers: tuple[str, ...] = ()
    if in_class is not None:
        teachers = _teacher_names(services, services.classes.get(in_class[0]).contact_teachers)
    book_year = services.message_book_years.get(student_id, year)
    return MessageBookData(
        lang=chosen,
        letterhead=letterhead(services),
        student_first_name=student.first_name,
        student_name=student.full_name,
        class_name=in_class[1] if in_class else None,
        school_year=year,
        contact_teachers=teachers,
        areas=areas,
        focus_points=tuple(_focus_line(p) for p in points),
        presentations=tuple(
            PresentationLine(p.presented_on, p.via)
            for p in services.focus.presentations(student_id, year)
        ),
        signature=signature(services, in_class),
        interventions=book_year.shown_interventions,
        follow_up=book_year.shown_follow_up,
        further_education=book_year.shown_further_education,
    )


def class_overview_data(
    services: Services, class_id: int, lang: str | None = None
) -> ClassOverviewData:
    info = services.classes.get(class_id)
    rows = services.owed.for_class(class_id)
    return ClassOverviewData(
        lang=check_language(lang) or i18n.active().lang,
        letterhead=letterhead(services),
        class_name=info.name,
        school_year=info.school_year,
        contact_teachers=_teacher_names(services, info.contact_teachers),
        as_of=services.today(),
        rows=tuple(
            OverviewRow(
                name=r.full_name,
                ordinary=OrdinaryConversation(r.ordinary.value),
                ordinary_at=r.ordinary_at,
                missing_areas=r.missing_areas,
                presented_on=r.presented_on,
                agreements_overdue=r.agreements_overdue,
                replies_overdue=r.replies_overdue,
                complete=r.complete,
            )
            for r in rows
        ),
    )


def held_conversations(services: Services, class_id: int) -> list[ConversationRow]:
    """The class's held conversations in its school year: by pupil, then oldest first."""
    from skolehjem_desktop.collation import sort_key

    rows = [
        r
        for r in services.conversations.all(class_id=class_id)
        if r.status is ConversationStatus.HELD
    ]
    return sorted(rows, key=lambda r: (sort_key(r.student_name), r.starts_at, r.id))


def class_language(services: Services, class_id: int) -> str:
    """The default language of a document for a whole class: most of its guardians'."""
    languages = services.class_records.guardian_languages(class_id)
    english = sum(1 for lang in languages if lang is Language.EN)
    return Language.EN.value if english > len(languages) - english else Language.DA.value


def parent_meeting_data(
    services: Services, meeting_id: int, lang: str | None = None
) -> ParentMeetingData:
    """A class parent meeting for its invitation or minutes: class-level facts only."""
    from skolehjem_desktop.reports.parent_meeting import ParentMeetingData

    meeting = services.class_records.meeting(meeting_id)
    info = services.classes.get(meeting.class_id)
    council = services.class_records.council(meeting.class_id)
    contact = council.contact_parent
    return ParentMeetingData(
        lang=check_language(lang) or class_language(services, meeting.class_id),
        letterhead=letterhead(services),
        class_name=info.name,
        school_year=info.school_year,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        called_by=meeting.called_by,
        agenda=meeting.agenda,
        minutes=meeting.minutes,
        teachers=tuple(name for _id, name in meeting.teachers),
        families_present=meeting.families_present,
        families_in_class=services.class_records.family_count(meeting.class_id),
        council=tuple(m.name for m in council.members),
        contact_parent=contact.name if contact is not None else None,
        signature=signature(services, (info.id, info.name)),
    )
