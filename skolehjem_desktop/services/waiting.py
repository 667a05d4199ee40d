"""What is waiting on the teacher ("Venter på mig"): one list across their classes.

The replies to parents and the agreements, not done, that are overdue or due soon
(:mod:`.due` says when), for the pupils of the teacher's classes of a school year
(the current one by default). The teacher's classes are those the user is a contact
teacher of; when the user is a contact teacher of no class that year (no profile yet,
or classes made without one), every class of the year counts, and the list says so.

The most pressing come first: the earliest due date at the top (the longest overdue,
then what is due today, tomorrow, …); on the same day replies before agreements, then
by pupil.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.collation import sort_key
from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, Responsible
from skolehjem_desktop.services.base import Service
from skolehjem_desktop.services.due import (
    Urgency,
    agreement_soon_until,
    agreement_urgency,
    reply_soon_until,
    reply_urgency,
)
from skolehjem_desktop.services.principles import principles_in
from skolehjem_desktop.store.models import (
    Agreement,
    ClassTeacher,
    ContactEntry,
    Conversation,
    Enrolment,
    SchoolClass,
    Student,
    Teacher,
)


class WaitingKind(StrEnum):
    REPLY = "reply"
    AGREEMENT = "agreement"


@dataclass(frozen=True)
class WaitingItem:
    """A reply or an agreement waiting on the teacher.

    ``item_id`` is the contact's id for a reply, the agreement's for an agreement;
    ``conversation_id`` is the agreement's conversation (None for a reply).
    ``text`` is the agreement, or the contact's summary. ``channel``, ``topic`` and
    ``occurred_at`` describe a contact; ``responsible`` an agreement.
    """

    kind: WaitingKind
    item_id: int
    student_id: int
    student_name: str
    class_id: int
    class_name: str
    due: dt.date
    urgency: Urgency
    text: str
    conversation_id: int | None = None
    responsible: Responsible | None = None
    channel: ContactChannel | None = None
    topic: ContactTopic | None = None
    occurred_at: dt.datetime | None = None


@dataclass(frozen=True)
class WaitingList:
    """What is waiting, and in which classes it was looked for.

    ``mine`` is False when the user is a contact teacher of none of the year's classes
    and the list covers every class of the year instead.
    """

    school_year: int
    class_names: tuple[str, ...]
    mine: bool
    items: tuple[WaitingItem, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.urgency is Urgency.OVERDUE)

    @property
    def due_soon(self) -> int:
        return sum(1 for i in self.items if i.urgency is Urgency.DUE_SOON)


# A pupil of the classes: name and class, by pupil id.
_Pupils = dict[int, tuple[str, int, str]]


class WaitingService(Service):
    def for_me(self, school_year: int | None = None) -> WaitingList:
        """The replies and agreements overdue or due soon in the teacher's classes."""
        year = school_year if school_year is not None else self.current_year()
        today = self.today()
        with self.db.reading() as s:
            classes, mine = _classes(s, year)
            pupils = _pupils(s, [cid for cid, _name in classes], year)
            items = [*_replies(s, pupils, today), *_agreements(s, pupils, today)]
        items.sort(key=_pressing)
        return WaitingList(
            school_year=year,
            class_names=tuple(name for _cid, name in classes),
            mine=mine,
            items=tuple(items),
        )


def _pressing(item: WaitingItem) -> tuple[dt.date, int, object, int]:
    kind = 0 if item.kind is WaitingKind.REPLY else 1
    return (item.due, kind, sort_key(item.student_name), item.item_id)


def _classes(s: Session, year: int) -> tuple[list[tuple[int, str]], bool]:
    """The user's classes of the year (id, name), or all of them; and whether they are the
    user's."""
    active = select(SchoolClass.id, SchoolClass.name).where(
        SchoolClass.school_year == year, SchoolClass.archived.is_(False)
    )
    mine = (
        active.join(ClassTeacher, ClassTeacher.class_id == SchoolClass.id)
        .join(Teacher, Teacher.id == ClassTeacher.teacher_id)
        .where(Teacher.is_user.is_(True), ClassTeacher.is_contact_teacher.is_(True))
    )
    rows = [(cid, name) for cid, name in s.execute(mine.distinct())]
    if rows:
        return sorted(rows, key=lambda r: sort_key(r[1])), True
    rows = [(cid, name) for cid, name in s.execute(active)]
    return sorted(rows, key=lambda r: sort_key(r[1])), False


def _pupils(s: Session, class_ids: list[int], year: int) -> _Pupils:
    """The pupils (not left) of the classes in the year: name, class id and class name."""
    if not class_ids:
        return {}
    rows = s.execute(
        select(Student.id, Student.first_name, Student.last_name, SchoolClass.id, SchoolClass.name)
        .join(Enrolment, Enrolment.student_id == Student.id)
        .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
        .where(
            Enrolment.school_year == year,
            SchoolClass.id.in_(class_ids),
            Student.left_on.is_(None),
        )
    )
    return {sid: (f"{first} {last}".strip(), cid, cname) for sid, first, last, cid, cname in rows}


def _replies(s: Session, pupils: _Pupils, today: dt.date) -> list[WaitingItem]:
    if not pupils:
        return []
    weekdays = principles_in(s).working_weekdays
    contacts = s.scalars(
        select(ContactEntry).where(
            ContactEntry.student_id.in_(list(pupils)),
            ContactEntry.done.is_(False),
            ContactEntry.reply_due <= reply_soon_until(today, weekdays),
        )
    )
    items = []
    for c in contacts:
        urgency = reply_urgency(c.reply_due, today, weekdays=weekdays)
        if urgency is None or c.reply_due is None:
            continue
        name, cid, cname = pupils[c.student_id]
        items.append(
            WaitingItem(
                kind=WaitingKind.REPLY,
                item_id=c.id,
                student_id=c.student_id,
                student_name=name,
                class_id=cid,
                class_name=cname,
                due=c.reply_due,
                urgency=urgency,
                text=c.summary,
                channel=c.channel,
                topic=c.topic,
                occurred_at=c.occurred_at,
            )
        )
    return items


def _agreements(s: Session, pupils: _Pupils, today: dt.date) -> list[WaitingItem]:
    if not pupils:
        return []
    rows = s.execute(
        select(Agreement, Conversation.student_id)
        .join(Conversation, Conversation.id == Agreement.conversation_id)
        .where(
            Conversation.student_id.in_(list(pupils)),
            Agreement.done.is_(False),
            Agreement.due <= agreement_soon_until(today),
        )
    ).all()
    items = []
    for a, student_id in rows:
        urgency = agreement_urgency(a.due, today)
        if urgency is None or a.due is None:
            continue
        name, cid, cname = pupils[student_id]
        items.append(
            WaitingItem(
                kind=WaitingKind.AGREEMENT,
                item_id=a.id,
                student_id=student_id,
                student_name=name,
                class_id=cid,
                class_name=cname,
                due=a.due,
                urgency=urgency,
                text=a.text,
                conversation_id=a.conversation_id,
                responsible=a.responsible,
            )
        )
    return items
