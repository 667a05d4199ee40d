"""What is still owed this school year, per pupil of a class.

From the school's principles: at least one ordinary school–home conversation a
year, focus points in the areas the pupil's grade requires, presented to the
parents at least once a year. And from the day-to-day: agreements past their
due date, and replies to parents past theirs; beside them, those due soon (see
:mod:`.due`), which are not owed yet but will be.

For the class as a whole (:meth:`OwedService.for_class_records`): a parent meeting at
the start of the school year (held by 1 October), a class parent council elected
there, and the contact parent it chose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationKind, ConversationStatus, FocusArea
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.base import Service, get_or_404
from skolehjem_desktop.services.due import DueCounts, agreement_counts, reply_counts
from skolehjem_desktop.services.focus import required_areas
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    Conversation,
    CouncilMember,
    Enrolment,
    FocusPoint,
    FocusPresentation,
    Guardian,
    ParentMeeting,
    ParentMeetingTeacher,
    SchoolClass,
    Student,
)


class OrdinaryState(StrEnum):
    HELD = "held"
    PLANNED = "planned"
    MISSING = "missing"


class ClassItem(StrEnum):
    """What is owed for a class as a whole in a school year."""

    PARENT_MEETING = "parent_meeting"
    COUNCIL = "council"
    CONTACT_PARENT = "contact_parent"


class ClassItemState(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ClassOwedItem:
    """One class-level item: its state, its deadline and what fulfils it.

    ``on`` is the date of the meeting (held, or the next one planned), ``count`` the
    council's size, ``name`` the contact parent's name.
    """

    item: ClassItem
    state: ClassItemState
    deadline: dt.date
    on: dt.date | None = None
    count: int = 0
    name: str = ""


CLASS_ITEM_SIGNS: dict[ClassItemState, str] = {
    ClassItemState.DONE: "✓",
    ClassItemState.DUE: "•",
    ClassItemState.OVERDUE: "✗",
}


def class_item_text(item: ClassOwedItem, format_date: Callable[[dt.date], str]) -> str:
    """One line for the overview or the command line: sign, what, and its state in words."""
    sign = CLASS_ITEM_SIGNS[item.state]
    deadline = format_date(item.deadline)
    if item.item is ClassItem.PARENT_MEETING:
        what = _("Parent meeting")
        state = _meeting_state(item, deadline, format_date)
    elif item.item is ClassItem.COUNCIL:
        what = _("Class parent council")
        state = _council_state(item, deadline)
    else:
        what = _("Contact parent")
        state = _contact_parent_state(item, deadline)
    return _("{sign} {what}: {state}").format(sign=sign, what=what, state=state)


def _meeting_state(
    item: ClassOwedItem, deadline: str, format_date: Callable[[dt.date], str]
) -> str:
    if item.state is ClassItemState.DONE and item.on is not None:
        state = _("held {date}").format(date=format_date(item.on))
    elif item.state is ClassItemState.DUE:
        state = _("due by {date}").format(date=deadline)
    else:
        state = _("overdue since {date}").format(date=deadline)
    if item.state is not ClassItemState.DONE and item.on is not None:
        state += " " + _("(planned {date})").format(date=format_date(item.on))
    return state


def _council_state(item: ClassOwedItem, deadline: str) -> str:
    if item.state is ClassItemState.DONE and not item.count:
        return _("none elected; the school's principles do not require one")
    if item.state is ClassItemState.DONE:
        return ngettext("elected, {n} member", "elected, {n} members", item.count).format(
            n=item.count
        )
    if item.state is ClassItemState.DUE:
        return _("not elected, due by {date}").format(date=deadline)
    return _("not elected, overdue since {date}").format(date=deadline)


def _contact_parent_state(item: ClassOwedItem, deadline: str) -> str:
    if item.state is ClassItemState.DONE and not item.name:
        return _("none chosen; the council may choose one")
    if item.state is ClassItemState.DONE:
        return _("chosen ({name})").format(name=item.name)
    if item.state is ClassItemState.DUE:
        return _("not chosen, due by {date}").format(date=deadline)
    return _("not chosen, overdue since {date}").format(date=deadline)


@dataclass(frozen=True)
class OwedRow:
    student_id: int
    first_name: str
    last_name: str
    class_id: int
    class_name: str
    school_year: int
    ordinary: OrdinaryState
    ordinary_at: dt.datetime | None
    required_areas: tuple[FocusArea, ...]
    missing_areas: tuple[FocusArea, ...]
    presented_on: dt.date | None
    agreements_overdue: int
    replies_overdue: int
    # Not owed yet, shown beside what is (see services.due): due within the week, and
    # replies due by the end of the next working day.
    agreements_due_soon: int = 0
    replies_due_soon: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def complete(self) -> bool:
        """Nothing owed: conversation held, focus points complete and presented, nothing overdue."""
        return (
            self.ordinary is OrdinaryState.HELD
            and not self.missing_areas
            and self.presented_on is not None
            and self.agreements_overdue == 0
            and self.replies_overdue == 0
        )


class OwedService(Service):
    def for_class(self, class_id: int) -> list[OwedRow]:
        """One row per pupil of the class (pupils who left are not owed anything)."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            return _owed(s, [class_id], self.today())

    def for_student(self, student_id: int, school_year: int) -> OwedRow | None:
        """What is owed for one pupil in a school year; None if not in a class that year."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            class_id = s.scalar(
                select(Enrolment.class_id).where(
                    Enrolment.student_id == student_id, Enrolment.school_year == school_year
                )
            )
            if class_id is None:
                return None
            rows = _owed(s, [class_id], self.today(), student_id=student_id)
            return rows[0] if rows else None

    def for_class_records(self, class_id: int) -> list[ClassOwedItem]:
        """The class-level items: parent meeting, parent council, contact parent."""
        from skolehjem_desktop.services.principles import PrincipleService

        rules = PrincipleService(self.db, self.clock).active()
        with self.db.reading() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            now = self.clock()
            deadline = rules.start_meeting_by.in_school_year(school_class.school_year)
            pending = ClassItemState.OVERDUE if now.date() > deadline else ClassItemState.DUE
            year = SchoolYear(school_class.school_year)
            # The start-of-year meeting is one "where teachers of the class take part":
            # a meeting the council called with no teacher of the school does not count.
            with_teachers = (
                select(ParentMeetingTeacher.meeting_id)
                .where(ParentMeetingTeacher.meeting_id == ParentMeeting.id)
                .exists()
            )
            starts = list(
                s.execute(
                    select(ParentMeeting.starts_at, with_teachers)
                    .where(
                        ParentMeeting.school_class_id == class_id,
                        ParentMeeting.starts_at >= dt.datetime.combine(year.first_day, dt.time()),
                        ParentMeeting.starts_at
                        < dt.datetime.combine(year.next().first_day, dt.time()),
                    )
                    .order_by(ParentMeeting.starts_at)
                )
            )
            need_teachers = rules.start_meeting_teachers_present
            held = [t for t, teachers in starts if t <= now and (teachers or not need_teachers)]
            coming = [t for t, _teachers in starts if t > now]
            if held:
                meeting = ClassOwedItem(
                    ClassItem.PARENT_MEETING, ClassItemState.DONE, deadline, held[0].date()
                )
            else:
                meeting = ClassOwedItem(
                    ClassItem.PARENT_MEETING,
                    pending,
                    deadline,
                    coming[0].date() if coming else None,
                )
            members = s.execute(
                select(CouncilMember.is_contact_parent, Guardian.name)
                .join(Guardian, Guardian.id == CouncilMember.guardian_id)
                .where(CouncilMember.school_class_id == class_id)
            ).all()
            # A council or a contact parent the principles do not require is owed by no one
            # ("klasseforældrerådet kan vælge en kontaktforælder"): done, with none chosen.
            council = ClassOwedItem(
                ClassItem.COUNCIL,
                ClassItemState.DONE if members or not rules.parent_council_required else pending,
                deadline,
                count=len(members),
            )
            contact = next((name for is_contact, name in members if is_contact), None)
            contact_item = ClassOwedItem(
                ClassItem.CONTACT_PARENT,
                ClassItemState.DONE
                if contact is not None or not rules.contact_parent_required
                else pending,
                deadline,
                name=contact or "",
            )
            return [meeting, council, contact_item]

    def for_school_year(self, school_year: int | None = None) -> list[OwedRow]:
        """Every pupil of every class in the school year."""
        year = school_year if school_year is not None else self.current_year()
        with self.db.reading() as s:
            ids = list(
                s.scalars(
                    select(SchoolClass.id).where(
                        SchoolClass.school_year == year, SchoolClass.archived.is_(False)
                    )
                )
            )
            return _owed(s, ids, self.today())


# One pupil of the classes: id, first name, last name, class id, class name, school
# year, grade.
_Pupil = Row[int, str, str, int, str, int, int | None]
_Key = tuple[int, int]  # (pupil, school year)


@dataclass
class _YearFacts:
    """Per pupil and school year: the best ordinary conversation, the focus areas with a
    point, and the latest presentation of the focus points."""

    ordinary: dict[_Key, tuple[OrdinaryState, dt.datetime]] = field(default_factory=dict)
    areas: defaultdict[_Key, set[FocusArea]] = field(default_factory=lambda: defaultdict(set))
    presented: dict[_Key, dt.date] = field(default_factory=dict)


def _owed(
    s: Session, class_ids: list[int], today: dt.date, student_id: int | None = None
) -> list[OwedRow]:
    if not class_ids:
        return []
    pupils = _pupils(s, class_ids, student_id)
    if not pupils:
        return []
    ids_by_year: dict[int, list[int]] = defaultdict(list)
    for row in pupils:
        ids_by_year[row[5]].append(row[0])
    facts = _YearFacts()
    for year, ids in ids_by_year.items():
        _add_year_facts(s, facts, year, ids)
    all_ids = [row[0] for row in pupils]
    agreements = agreement_counts(s, all_ids, today)
    replies = reply_counts(s, all_ids, today)
    return [_owed_row(pupil, facts, agreements, replies) for pupil in pupils]


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


def _add_year_facts(s: Session, facts: _YearFacts, year: int, ids: list[int]) -> None:
    """The conversations, focus points and presentations of the pupils ``ids`` in ``year``."""
    school_year = SchoolYear(year)
    start = dt.datetime.combine(school_year.first_day, dt.time())
    end = dt.datetime.combine(school_year.next().first_day, dt.time())
    ordinary = facts.ordinary
    for sid, status, starts_at in s.execute(
        select(Conversation.student_id, Conversation.status, Conversation.starts_at).where(
            Conversation.student_id.in_(ids),
            Conversation.kind == ConversationKind.ORDINARY,
            Conversation.status != ConversationStatus.CANCELLED,
            Conversation.starts_at >= start,
            Conversation.starts_at < end,
        )
    ):
        state = OrdinaryState.HELD if status is ConversationStatus.HELD else OrdinaryState.PLANNED
        ordinary[(sid, year)] = _better(ordinary.get((sid, year)), (state, starts_at))
    for sid, area in s.execute(
        select(FocusPoint.student_id, FocusPoint.area)
        .where(FocusPoint.student_id.in_(ids), FocusPoint.school_year == year)
        .distinct()
    ):
        facts.areas[(sid, year)].add(area)
    for sid, latest in s.execute(
        select(FocusPresentation.student_id, func.max(FocusPresentation.presented_on))
        .where(FocusPresentation.student_id.in_(ids), FocusPresentation.school_year == year)
        .group_by(FocusPresentation.student_id)
    ):
        facts.presented[(sid, year)] = latest


def _owed_row(
    pupil: _Pupil, facts: _YearFacts, agreements: DueCounts, replies: DueCounts
) -> OwedRow:
    sid, first, last, cid, cname, year, grade = pupil
    required = required_areas(grade)
    state, when = facts.ordinary.get((sid, year), (OrdinaryState.MISSING, None))
    present = facts.areas.get((sid, year), set())
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
        missing_areas=tuple(a for a in required if a not in present),
        # Presenting a message book with no focus points presents nothing.
        presented_on=facts.presented.get((sid, year)) if present else None,
        agreements_overdue=agreements.overdue.get(sid, 0),
        replies_overdue=replies.overdue.get(sid, 0),
        agreements_due_soon=agreements.soon.get(sid, 0),
        replies_due_soon=replies.soon.get(sid, 0),
    )


def _better(
    current: tuple[OrdinaryState, dt.datetime] | None, new: tuple[OrdinaryState, dt.datetime]
) -> tuple[OrdinaryState, dt.datetime]:
    """Held beats planned; among held the latest, among planned the earliest."""
    if current is None:
        return new
    if current[0] is not new[0]:
        return current if current[0] is OrdinaryState.HELD else new
    if new[0] is OrdinaryState.HELD:
        return max(current, new, key=lambda x: x[1])
    return min(current, new, key=lambda x: x[1])
