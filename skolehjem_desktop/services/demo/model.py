"""What the parts of the demo share: its sizes, the people it makes, and the school so far.

The demo is made in phases (teachers and classes, pupils and families, conversations,
the message book, the contact log, the class records). Each phase draws from the
demo's :class:`Dice` in a fixed order (the class records from dice of their own), hands
what it made to the services, and leaves in :class:`Demo` what the later phases need:
the ids the services gave, and who is who.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from skolehjem_desktop.domain.enums import Relation
from skolehjem_desktop.services.schoolyear import SchoolYear

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.demo.dice import Dice

SCHOOL_NAME: Final = "Skovbakkeskolen"
LETTERS: Final = ("A", "B", "C")
MAX_GRADE: Final = 9


@dataclass(frozen=True)
class DemoSummary:
    """What the demo made: ``classes`` are this school year's classes."""

    classes: int
    students: int
    guardians: int
    conversations: int
    focus_points: int
    contacts: int
    school_years: tuple[int, ...]


@dataclass(frozen=True)
class Size:
    """How big a demo school is: classes this year, years of history, pupils per class."""

    classes: int
    years: int
    pupils: tuple[int, int]
    user_classes: int
    other_teachers: int


SIZES: Final = {
    "small": Size(classes=6, years=3, pupils=(20, 24), user_classes=2, other_teachers=12),
    "school": Size(classes=30, years=5, pupils=(25, 25), user_classes=3, other_teachers=25),
}


@dataclass(frozen=True)
class Background:
    """The names of one background, and how often it occurs at the demo school."""

    key: str
    weight: int
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]
    english_share: float  # how often a parent of this background prefers English


# --- the people ---------------------------------------------------------------------------
# Compared by identity (eq=False): two pupils of the same name are two pupils.


@dataclass(eq=False)
class Parent:
    """A guardian; ``index`` is its place in the list given to the students service."""

    index: int
    relation: Relation
    has_custody: bool
    id: int = 0  # given when written


@dataclass(eq=False)
class Family:
    background: Background
    last_name: str
    parents: list[Parent]

    @property
    def custodial(self) -> list[Parent]:
        return [p for p in self.parents if p.has_custody]


@dataclass(eq=False)
class Cohort:
    """A class that moves up a grade every year: 3.A, then 4.A, then 5.A."""

    grade_now: int
    letter: str
    has_user: bool
    class_ids: dict[int, int] = field(default_factory=dict)
    contacts: dict[int, list[int]] = field(default_factory=dict)
    subject_teachers: dict[int, list[int]] = field(default_factory=dict)
    places: dict[int, str] = field(default_factory=dict)
    pupils: list[Pupil] = field(default_factory=list)


@dataclass(eq=False)
class Pupil:
    first_name: str
    girl: bool
    cohort: Cohort
    family: Family
    id: int = 0  # given when written


@dataclass(eq=False)
class Demo:
    """The school being made, and where it is written: ``session`` is one transaction."""

    dice: Dice
    today: dt.date
    size: Size
    services: Services
    session: Session
    user_id: int = 0
    pool: list[int] = field(default_factory=list)  # the other teachers
    cohorts: list[Cohort] = field(default_factory=list)
    pupils: list[Pupil] = field(default_factory=list)
    guardians: int = 0
    # Pupils who have no ordinary conversation this year yet / miss a required area.
    missing_ordinary: set[Pupil] = field(default_factory=set)
    missing_area: set[Pupil] = field(default_factory=set)
    # (pupil, year) -> (conversation id, day) of the held ordinary conversation
    ordinary_held: dict[tuple[Pupil, int], tuple[int, dt.date]] = field(default_factory=dict)

    # The moment the demo is made (``today`` before school starts), this school year,
    # and the school years the demo covers, the earliest first.
    now: dt.datetime = field(init=False)
    current: int = field(init=False)
    years: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.now = dt.datetime.combine(self.today, dt.time(7, 30))
        self.current = SchoolYear.of(self.today).start_year
        self.years = list(range(self.current - self.size.years + 1, self.current + 1))

    def grade(self, cohort: Cohort, year: int) -> int:
        return cohort.grade_now - (self.current - year)

    def years_of(self, cohort: Cohort) -> list[int]:
        return [y for y in self.years if self.grade(cohort, y) >= 0]

    def class_name(self, cohort: Cohort, year: int) -> str:
        return f"{self.grade(cohort, year)}.{cohort.letter}"


def stage(grade: int) -> int:
    """0 for grades 0–3, 1 for 4–6, 2 for 7–9."""
    return 0 if grade <= 3 else 1 if grade <= 6 else 2


def genitive(name: str) -> str:
    """The Danish genitive: "Idas", but "Mads'" after s, x and z."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def ctx(pupil: Pupil, class_name: str) -> dict[str, str]:
    """The placeholders of the texts for ``pupil`` in ``class_name``."""
    he, him, his = ("hun", "hende", "hendes") if pupil.girl else ("han", "ham", "hans")
    return {
        "navn": pupil.first_name,
        "navns": genitive(pupil.first_name),
        "han": he,
        "Han": he.capitalize(),
        "ham": him,
        "hans": his,
        "klasse": class_name,
    }


def ascii_slug(text: str, letters: Mapping[str, str]) -> str:
    """``Łukasz Ćwikła`` -> ``lukasz.cwikla``: lower case ASCII for an e-mail address.

    ``letters`` spells the letters that have no ASCII letter inside them (æ -> ae).
    """
    out: list[str] = []
    for ch in text.lower():
        if ch in letters:
            out.append(letters[ch])
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if part.isascii() and (part.isalnum() or part in " -"):
                out.append(part)
    words = "".join(out).replace("-", " ").split()
    return ".".join(words)
