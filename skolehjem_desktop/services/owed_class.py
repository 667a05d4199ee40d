"""What a class as a whole owes in a school year, by the school's principles.

A parent meeting at the start of the school year (by the principles' day, with
teachers of the class taking part if they say so), a class parent council elected
there and the contact parent it chose, each only where the principles require it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.principles import Principles
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    ClassTeacher,
    CouncilMember,
    Guardian,
    ParentMeeting,
    ParentMeetingTeacher,
    SchoolClass,
)


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


def class_items(
    s: Session, school_class: SchoolClass, rules: Principles, now: dt.datetime
) -> list[ClassOwedItem]:
    """The class-level items: parent meeting, parent council, contact parent."""
    deadline = rules.start_meeting_by.in_school_year(school_class.school_year)
    pending = ClassItemState.OVERDUE if now.date() > deadline else ClassItemState.DUE
    meeting = _meeting_item(s, school_class, rules, now, pending=pending)
    members = s.execute(
        select(CouncilMember.is_contact_parent, Guardian.name)
        .join(Guardian, Guardian.id == CouncilMember.guardian_id)
        .where(CouncilMember.school_class_id == school_class.id)
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


def _meeting_item(
    s: Session,
    school_class: SchoolClass,
    rules: Principles,
    now: dt.datetime,
    *,
    pending: ClassItemState,
) -> ClassOwedItem:
    deadline = rules.start_meeting_by.in_school_year(school_class.school_year)
    year = SchoolYear(school_class.school_year)
    # The start-of-year meeting is one "where teachers of the class take part":
    # a meeting the council called with no teacher of the class does not count.
    class_teachers = select(ClassTeacher.teacher_id).where(ClassTeacher.class_id == school_class.id)
    with_teachers = (
        select(ParentMeetingTeacher.meeting_id)
        .where(
            ParentMeetingTeacher.meeting_id == ParentMeeting.id,
            ParentMeetingTeacher.teacher_id.in_(class_teachers),
        )
        .exists()
    )
    starts = list(
        s.execute(
            select(ParentMeeting.starts_at, with_teachers)
            .where(
                ParentMeeting.school_class_id == school_class.id,
                ParentMeeting.starts_at >= dt.datetime.combine(year.first_day, dt.time()),
                ParentMeeting.starts_at < dt.datetime.combine(year.next().first_day, dt.time()),
            )
            .order_by(ParentMeeting.starts_at)
        )
    )
    need_teachers = rules.start_meeting_teachers_present
    held = [t for t, teachers in starts if t <= now and (teachers or not need_teachers)]
    coming = [t for t, _teachers in starts if t > now]
    if held:
        return ClassOwedItem(
            ClassItem.PARENT_MEETING, ClassItemState.DONE, deadline, held[0].date()
        )
    return ClassOwedItem(
        ClassItem.PARENT_MEETING, pending, deadline, coming[0].date() if coming else None
    )
