"""The plain data each document is built from: frozen dataclasses, no sessions, no Qt.

``services/report_data.py`` fills them from the database; the document modules only
read them. What is not in here cannot reach a PDF: the summary's data has no field
for the teacher's private preparation or for a section that is not shared, and a
:class:`SharedSection` refuses to hold the private preparation at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    FocusArea,
    FocusStatus,
    PresentationVia,
    Relation,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.domain.principles import MonthDay


@dataclass(frozen=True)
class Letterhead:
    """What heads every page, and who prints the document."""

    school_name: str
    logo: bytes | None  # PNG or JPEG
    teacher: str  # the teacher who uses the program: the author and the signature
    printed_on: dt.date


class ClassRole(StrEnum):
    """What a teacher who signs a letter is to the pupil's class."""

    CONTACT_TEACHER = "contact_teacher"
    TEACHER = "teacher"  # teaches the class, is not its contact teacher
    NONE = "none"  # no role in the class


@dataclass(frozen=True)
class Signature:
    """Who signs a letter and as what: never a role the data does not give them.

    Empty (the default): the letter is signed by the letterhead's teacher, with no role.
    """

    names: tuple[str, ...] = ()
    role: ClassRole = ClassRole.NONE
    class_name: str | None = None


UNSIGNED = Signature()


@dataclass(frozen=True)
class Person:
    """A parent or guardian as a document names them."""

    name: str
    relation: Relation | None = None


@dataclass(frozen=True)
class ConversationFacts:
    """When, where and who: what both the invitation and the summary print."""

    student_first_name: str
    student_name: str
    class_name: str | None
    school_year: int
    kind: ConversationKind
    requested_by: RequestedBy
    starts_at: dt.datetime
    duration_minutes: int
    place: str
    pupil_attends: bool
    pupil_attends_note: str
    teachers: tuple[str, ...]
    guardians: tuple[Person, ...]

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class SharedSection:
    """A section of a conversation the teacher shares with the parents."""

    kind: SectionKind
    text: str

    def __post_init__(self) -> None:
        if self.kind is SectionKind.PRIVATE_PREPARATION:
            raise ValueError("The private preparation never goes into a document.")


@dataclass(frozen=True)
class AgreementLine:
    text: str
    responsible: Responsible
    due: dt.date | None
    done: bool


@dataclass(frozen=True)
class FocusLine:
    area: FocusArea
    subject: str
    goal: str
    actions: str
    status: FocusStatus
    evaluation: str


@dataclass(frozen=True)
class SummaryData:
    """The conversation summary (referat) for the parents."""

    lang: str
    letterhead: Letterhead
    conversation: ConversationFacts
    sections: tuple[SharedSection, ...]
    agreements: tuple[AgreementLine, ...]
    focus_points: tuple[FocusLine, ...]
    next_conversation: str
    signature: Signature = UNSIGNED


@dataclass(frozen=True)
class SheetFields:
    """The hidden fields a fillable sheet carries: its kind, school, version, pupil.

    Names and values as the services' contract writes them
    (:mod:`skolehjem_desktop.services.sheets`); the sheet prints them unseen.
    """

    hidden: tuple[tuple[str, str], ...]
    n: int = 1  # the pupil's number on the sheet: the answers are named ``<name>__n``


@dataclass(frozen=True)
class InvitationData:
    """The invitation and preparation sheet for the parents."""

    lang: str
    letterhead: Letterhead
    conversation: ConversationFacts
    questions: tuple[str, ...]
    signature: Signature = UNSIGNED
    form: SheetFields | None = None  # None: the sheet cannot be read back (no ids)


@dataclass(frozen=True)
class PresentationLine:
    presented_on: dt.date
    via: PresentationVia


@dataclass(frozen=True)
class MessageBookData:
    """A pupil's message book (meddelelsesbog) for one school year."""

    lang: str
    letterhead: Letterhead
    student_first_name: str
    student_name: str
    class_name: str | None
    school_year: int
    contact_teachers: tuple[str, ...]
    areas: tuple[FocusArea, ...]  # every area to print, required ones even when empty
    focus_points: tuple[FocusLine, ...]
    presentations: tuple[PresentationLine, ...]
    signature: Signature = UNSIGNED
    # The year's texts besides the focus points, as the parents may see them: the
    # interventions and their follow-up only for a pupil who needs them, the pupil's
    # thoughts on further education only in grades 7–9 (empty: not printed).
    interventions: str = ""
    follow_up: str = ""
    further_education: str = ""


class OrdinaryConversation(StrEnum):
    HELD = "held"
    PLANNED = "planned"
    MISSING = "missing"


@dataclass(frozen=True)
class OverviewRow:
    name: str
    ordinary: OrdinaryConversation
    ordinary_at: dt.datetime | None
    missing_areas: tuple[FocusArea, ...]
    presented_on: dt.date | None
    agreements_overdue: int
    replies_overdue: int
    complete: bool


@dataclass(frozen=True)
class ClassOverviewData:
    """What is still owed per pupil of a class, for the teacher."""

    lang: str
    letterhead: Letterhead
    class_name: str
    school_year: int
    contact_teachers: tuple[str, ...]
    as_of: dt.date
    rows: tuple[OverviewRow, ...]


@dataclass(frozen=True)
class GuideData:
    """The guide for the parents, written from the school's principles in force.

    The rules are copied from the active principles (``services.principles``); a class,
    when given, names its contact teachers and other teachers.
    """

    lang: str
    letterhead: Letterhead
    class_name: str | None
    grade: int | None
    contact_teachers: tuple[str, ...]
    other_teachers: tuple[str, ...]
    conversations_per_year: int
    conversation_by: MonthDay
    start_meeting_by: MonthDay
    teachers_at_start_meeting: bool
    parent_council: bool
    contact_parent: bool
    presentations_per_year: int
    reply_working_days: int
    hours_start: dt.time
    hours_end: dt.time
    working_weekdays: frozenset[int]
    appointment_channels: frozenset[str]
    signature: Signature = UNSIGNED


def school_year_label(start_year: int) -> str:
    """2026 → "2026/27" (the same as ``services.schoolyear.SchoolYear.label``)."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


@dataclass(frozen=True)
class ColleaguePage:
    """One pupil's page of the sheet for the colleagues: who, and the fields it carries.

    Only the name and the class are printed; nothing else about the pupil is on it.
    ``hidden`` are the sheet's ids (name, value), ``fields`` the answers' form field
    names by answer (``colleague``, ``subject``, ``academic``, ``wellbeing``,
    ``focus_suggestions``): the services own the sheets' field contract.
    """

    student_name: str
    class_name: str | None
    conversation_at: dt.datetime | None  # the pupil's next planned conversation, if any
    hidden: tuple[tuple[str, str], ...]
    fields: tuple[tuple[str, str], ...]

    def field(self, answer: str) -> str:
        return dict(self.fields)[answer]


@dataclass(frozen=True)
class ColleagueSheetData:
    """The sheet the contact teacher gives the subject teachers before the conversations."""

    lang: str
    letterhead: Letterhead
    asked_by: tuple[str, ...]  # the contact teacher(s) asking
    contact_teacher: bool  # whether they ask as the class's contact teacher(s)
    subject: str  # prefilled in the Subject field ("" leaves it for the colleague)
    school_year: int
    title_name: str  # the class or the pupil the file is for (the PDF's title)
    pages: tuple[ColleaguePage, ...]
