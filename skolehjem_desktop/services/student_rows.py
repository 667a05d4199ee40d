"""What the pupils' service hands out (rows of pupils, guardians, the deletion summary, the
guardians who could be linked), and how a pupil's birth date is read and checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date

OLDEST_BIRTH_YEAR = 1990


@dataclass(frozen=True)
class StudentRow:
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    left_on: dt.date | None
    class_id: int | None
    class_name: str | None
    school_year: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class GuardianInfo:
    id: int
    name: str
    relation: Relation
    email: str | None
    phone: str | None
    has_custody: bool
    preferred_language: Language
    other_children: tuple[str, ...]
    lives_apart: bool = False  # at another address than the pupil's other guardians


@dataclass(frozen=True)
class StudentDetail:
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    left_on: dt.date | None
    classes: tuple[tuple[int, int, str], ...]  # (school year, class id, class name), newest first
    guardians: tuple[GuardianInfo, ...]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def class_in(self, school_year: int) -> tuple[int, str] | None:
        for year, class_id, name in self.classes:
            if year == school_year:
                return class_id, name
        return None


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting a pupil deletes with them (for the confirmation the teacher reads)."""

    student_id: int
    full_name: str
    conversations: int
    agreements: int
    focus_points: int
    presentations: int
    contacts: int
    guardians_deleted: tuple[str, ...]  # guardians with no other child: deleted too
    guardians_kept: tuple[str, ...]  # guardians of a sibling as well: kept


@dataclass(frozen=True)
class GuardianCandidate:
    """A guardian of other pupils who could be linked to this one (a sibling's parent)."""

    id: int
    name: str
    email: str | None
    phone: str | None
    children: tuple[str, ...]  # "Ida Hansen (3.B)", sorted

    @property
    def search_text(self) -> str:
        parts = [self.name, self.email or "", self.phone or "", *self.children]
        return " ".join(parts).casefold()


def parse_birth_date(text: str) -> dt.date | None:
    """A birth date typed by the teacher: dd-mm-yyyy (also with . or /) or yyyy-mm-dd.

    Empty text is an unknown birth date (None). Anything else that is not a real date
    raises :class:`ValidationError` with a message that says why.
    """
    from skolehjem_desktop.services.class_import.checks import parse_date

    if not text.strip():
        return None
    try:
        return parse_date(text.strip())
    except ValueError as exc:
        raise ValidationError(str(getattr(exc, "message", exc))) from None


def check_birth_date(value: dt.date | None, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    if value > today or value.year < OLDEST_BIRTH_YEAR:
        raise ValidationError(
            _("{date} cannot be a pupil's birth date.").format(date=short_date(value))
        )
    return value
