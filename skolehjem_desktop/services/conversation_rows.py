"""What the conversation service hands out and takes in: plain rows, no session attached.

:class:`Planning` is what the teacher decides when planning; :class:`ConversationRow` is
one line of a list, :class:`ConversationDetail` the whole conversation with its text
sections and agreements. The limits of a conversation's length and place live here too,
so the window can set its fields' ranges from the same numbers the service checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.domain.limits import SHORT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.schoolyear import SchoolYear

MIN_DURATION = 5
PLACE_MAX = SHORT_MAX  # the longest place or note the store keeps
MAX_DURATION = 480


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
    # Held without a guardian or a contact teacher, as the teacher confirmed.
    held_exception: bool = False

    def section(self, kind: SectionKind) -> SectionInfo:
        return self.sections.get(kind, SectionInfo(kind, "", default_shared(kind)))

    @property
    def school_year(self) -> int:
        return SchoolYear.of(self.starts_at.date()).start_year


def default_shared(kind: SectionKind) -> bool:
    """A new section is shared with the parents, except the private preparation."""
    return kind is not SectionKind.PRIVATE_PREPARATION


def check_duration(minutes: int) -> int:
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise ValidationError(
            _("A conversation lasts between {low} and {high} minutes.").format(
                low=MIN_DURATION, high=MAX_DURATION
            )
        )
    return minutes
