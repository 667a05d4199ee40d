"""What is still owed this school year, per pupil of a class, by the school's principles.

From the principles (:mod:`.principles`): the ordinary school–home conversations a year,
held by their day and with a guardian and a contact teacher taking part (or confirmed
as an exception, :mod:`.conversation_held`); focus points in the areas the pupil's
grade requires, presented to the parents as often as the principles say (an empty
message book presents nothing); and from the 2022 rules, the interventions and their
follow-up for a pupil who needs them and, in grades 7–9, the pupil's thoughts on further
education. From the day-to-day: agreements and replies to parents past their due date;
beside them those due soon (see :mod:`.due`).

Not owed, but noticed: more focus points in an area than the principles' "few", and a
family the school has not been in touch with for the principles' number of months.

For the class as a whole see :mod:`.owed_class`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, get_or_404
from skolehjem_desktop.services.due import DueCounts, agreement_counts, reply_counts
from skolehjem_desktop.services.focus import required_areas
from skolehjem_desktop.services.owed_class import (
    CLASS_ITEM_SIGNS,
    ClassItem,
    ClassItemState,
    ClassOwedItem,
    class_item_text,
    class_items,
)
from skolehjem_desktop.services.owed_facts import (
    Ordinary,
    Support,
    YearFacts,
    add_last_contacts,
    add_year_facts,
)
from skolehjem_desktop.services.principles import Principles, principles_in
from skolehjem_desktop.services.schoolyear import SchoolYear, months_before
from skolehjem_desktop.store.models import Enrolment, SchoolClass, Student

__all__ = [
    "CLASS_ITEM_SIGNS",
    "FURTHER_EDUCATION_GRADES",
    "ClassItem",
    "ClassItemState",
    "ClassOwedItem",
    "OrdinaryState",
    "OwedRow",
    "OwedService",
    "class_item_text",
]

# The grades whose message book holds the pupil's thoughts on further education.
FURTHER_EDUCATION_GRADES = frozenset({7, 8, 9})


class OrdinaryState(StrEnum):
    HELD = "held"
    PLANNED = "planned"
    MISSING = "missing"


@dataclass(frozen=True)
class OwedRow:
    student_id: int
    first_name: str
    last_name: str
    class_id: int
    class_name: str
    school_year: int
    ordinary: OrdinaryState  # held as often as the principles say, planned, or missing
    ordinary_at: dt.datetime | None  # the latest held, or the next planned
    required_areas: tuple[FocusArea, ...]
    missing_areas: tuple[FocusArea, ...]
    presented_on: dt.date | None  # the latest presentation of a message book with points
    agreements_overdue: int
    replies_overdue: int
    # Not owed yet, shown beside what is (see services.due): due within the week, and
    # replies due by the end of the next working day.
    agreements_due_soon: int = 0
    replies_due_soon: int = 0
    # By the school's principles:
    ordinary_needed: int = 1
    ordinary_held: int = 0  # held and counting
    ordinary_uncounted: int = 0  # held without a guardian or a contact teacher
    ordinary_deadline: dt.date | None = None
    presentations_needed: int = 1
    presentations: int = 0
    crowded_areas: tuple[FocusArea, ...] = ()  # more points than the principles' "few"
    most_focus_points: int = 3  # the principles' "few"
    needs_support: bool = False
    interventions_missing: bool = False
    follow_up_missing: bool = False
    further_education_missing: bool = False  # grades 7–9
    last_contact: dt.date | None = None
    no_contact_since: dt.date | None = None  # set when the family is due a nudge

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def ordinary_overdue(self) -> bool:
        """The day for the ordinary conversations has passed without them all held."""
        return self.ordinary is not OrdinaryState.HELD and self.ordinary_deadline is not None

    @property
    def presented(self) -> bool:
        return self.presentations >= self.presentations_needed

    @property
    def message_book_missing(self) -> tuple[str, ...]:
        """What the 2022 rules ask of the message book that is not written yet (msgids)."""
        missing = []
        if self.interventions_missing:
            missing.append("interventions")
        if self.follow_up_missing:
            missing.append("follow_up")
        if self.further_education_missing:
            missing.append("further_education")
        return tuple(missing)

    @property
    def complete(self) -> bool:
        """Nothing owed: conversations held, message book complete and presented, nothing
        overdue."""
        return (
            self.ordinary is OrdinaryState.HELD
            and not self.missing_areas
            and self.presented
            and not self.message_book_missing
            and self.agreements_overdue == 0
            and self.replies_overdue == 0
        )


class OwedService(Service):
    def for_class(self, class_id: int) -> list[OwedRow]:
        """One row per pupil of the class (pupils who left are not owed anything)."""
        with self.db.reading() as s:
            rules = principles_in(s)
            get_or_404(s, SchoolClass, class_id, _("Class"))
            return _owed(s, [class_id], self.today(), rules)

    def for_student(self, student_id: int, school_year: int) -> OwedRow | None:
        """What is owed for one pupil in a school year; None if not in a class that year."""
        with self.db.reading() as s:
            rules = principles_in(s)
            get_or_404(s, Student, student_id, _("Pupil"))
            class_id = s.scalar(
                select(Enrolment.class_id).where(
                    Enrolment.student_id == student_id, Enrolment.school_year == school_year
                )
            )
            if class_id is None:
                return None
            rows = _owed(s, [class_id], self.today(), rules, student_id=student_id)
            return rows[0] if rows else None

    def for_class_records(self, class_id: int) -> list[ClassOwedItem]:
        """The class-level items: parent meeting, parent council, contact parent."""
        with self.db.reading() as s:
            rules = principles_in(s)
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            return class_items(s, school_class, rules, self.clock())

    def for_school_year(self, school_year: int | None = None) -> list[OwedRow]:
        """Every pupil of every class in the school year."""
        year = school_year if school_year is not None else self.current_year()
        with self.db.reading() as s:
            rules = principles_in(s)
            ids = list(
                s.scalars(
                    select(SchoolClass.id).where(
                        SchoolClass.school_year == year, SchoolClass.archived.is_(False)
                    )
                )
            )
            return _owed(s, ids, self.today(), rules)


# One pupil of the classes: id, first name, last name, class id, class name, school
# year, grade.
_Pupil = Row[int, str, str, int, str, int, int | None]


def _owed(
    s: Session,
    class_ids: list[int],
    today: dt.date,
    rules: Principles,
    student_id: int | None = None,
) -> list[OwedRow]:
    if not class_ids:
        return []
    pupils = _pupils(s, class_ids, student_id)
    if not pupils:
        return []
    ids_by_year: dict[int, list[int]] = defaultdict(list)
    for row in pupils:
        ids_by_year[row[5]].append(row[0])
    facts = YearFacts()
    for year, ids in ids_by_year.items():
        add_year_facts(s, facts, year, ids)
    all_ids = [row[0] for row in pupils]
    add_last_contacts(s, facts, all_ids, today)
    agreements = agreement_counts(s, all_ids, today)
    replies = reply_counts(s, all_ids, today)
    judge = _Judge(facts, rules, today)
    return [judge.row(pupil, agreements, replies) for pupil in pupils]


def _pupils(s: Session, class_ids: list[int], student_id: int | None) -> Sequence[_Pupil]:
    """The pupils of the classes (one pupil, who may have left, with ``student_id``)."""
    query = (
        select(
            Student.id,
            Student.first_name,
            Student.last_name,
            SchoolClass.id,
            SchoolClass.name,
            SchoolClass.school_year,
            SchoolClass.grade,
        )
        .join(Enrolment, Enrolment.student_id == Student.id)
        .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
        .where(SchoolClass.id.in_(class_ids))
        .order_by(
            SchoolClass.name, Student.first_name.collate("da"), Student.last_name.collate("da")
        )
    )
    if student_id is None:
        query = query.where(Student.left_on.is_(None))
    else:
        query = query.where(Student.id == student_id)
    return s.execute(query).all()


@dataclass(frozen=True)
class _Judge:
    """Judges each pupil's facts by the principles, on ``today``."""

    facts: YearFacts
    rules: Principles
    today: dt.date

    def row(self, pupil: _Pupil, agreements: DueCounts, replies: DueCounts) -> OwedRow:
        sid, first, last, cid, cname, year, grade = pupil
        key = (sid, year)
        required = required_areas(grade)
        points = self.facts.points.get(key)
        ordinary = self.facts.ordinary.get(key, Ordinary())
        state, when = self._ordinary_state(ordinary)
        deadline = self.rules.ordinary_conversation_by.in_school_year(year)
        # Presenting a message book with no focus points presents nothing.
        count, latest = self.facts.presentations.get(key, (0, None)) if points else (0, None)
        support = self.facts.support.get(key, Support())
        most = self.rules.max_focus_points_per_area
        return OwedRow(
            student_id=sid,
            first_name=first,
            last_name=last,
            class_id=cid,
            class_name=cname,
            school_year=year,
            ordinary=state,
            ordinary_at=when,
            required_areas=required,
            missing_areas=tuple(a for a in required if not (points and points[a])),
            presented_on=latest,
            agreements_overdue=agreements.overdue.get(sid, 0),
            replies_overdue=replies.overdue.get(sid, 0),
            agreements_due_soon=agreements.soon.get(sid, 0),
            replies_due_soon=replies.soon.get(sid, 0),
            ordinary_needed=self.rules.ordinary_conversations_per_year,
            ordinary_held=len(ordinary.held),
            ordinary_uncounted=len(ordinary.uncounted),
            ordinary_deadline=deadline if self.today > deadline else None,
            presentations_needed=self.rules.presentations_per_year,
            presentations=count,
            crowded_areas=tuple(a for a in FocusArea if points and points[a] > most),
            most_focus_points=most,
            needs_support=support.needs_support,
            interventions_missing=support.needs_support and not support.interventions,
            follow_up_missing=support.needs_support and not support.follow_up,
            further_education_missing=grade in FURTHER_EDUCATION_GRADES
            and not support.further_education,
            last_contact=self.facts.last_contact.get(sid),
            no_contact_since=self._no_contact_since(sid, year),
        )

    def _ordinary_state(self, ordinary: Ordinary) -> tuple[OrdinaryState, dt.datetime | None]:
        needed = self.rules.ordinary_conversations_per_year
        if len(ordinary.held) >= needed:
            return OrdinaryState.HELD, ordinary.held[-1]
        if ordinary.planned:
            return OrdinaryState.PLANNED, ordinary.planned[0]
        return OrdinaryState.MISSING, ordinary.held[-1] if ordinary.held else None

    def _no_contact_since(self, sid: int, year: int) -> dt.date | None:
        """The last contact (or the school year's first day) when it is the principles'
        months ago or more; None when the family was in touch since, or never nudged."""
        months = self.rules.no_contact_nudge_months
        if not months:
            return None
        since = max(self.facts.last_contact.get(sid, dt.date.min), SchoolYear(year).first_day)
        return since if since <= months_before(self.today, months) else None
