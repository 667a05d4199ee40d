"""When something waiting on the teacher is due: overdue, due soon, or later.

Two kinds of thing wait on the teacher with a date: a reply to the parents (a contact
not done, with its reply due) and an agreement not done (with its due date).

- **Overdue**: its date is before today (today itself is still in time).
- **Due soon**: a reply due today or by the end of the next working day (tomorrow,
  and on a Friday the Monday after too, when the school's working days are Monday to
  Friday, as the principles say by default); an agreement due within the next
  :data:`AGREEMENT_SOON_DAYS` days.

The counts per pupil feed what is owed (:mod:`.owed`); the single items feed the list
of what is waiting (:mod:`.waiting`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, Row, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from skolehjem_desktop.services.principles import principles_in
from skolehjem_desktop.services.workdays import MONDAY_TO_FRIDAY, next_working_day
from skolehjem_desktop.store.models import Agreement, ContactEntry, Conversation

AGREEMENT_SOON_DAYS = 7


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


def reply_soon_until(today: dt.date, weekdays: frozenset[int] = MONDAY_TO_FRIDAY) -> dt.date:
    """The last day a reply can be due and be "due soon" today: the next working day
    (of the school's working ``weekdays``, 0 = Monday)."""
    return next_working_day(today, weekdays)


def agreement_soon_until(today: dt.date) -> dt.date:
    """The last day an agreement can be due and be "due soon" today: a week ahead."""
    return today + dt.timedelta(days=AGREEMENT_SOON_DAYS)


def _urgency(due: dt.date | None, today: dt.date, until: dt.date) -> Urgency | None:
    if due is None or due > until:
        return None
    return Urgency.OVERDUE if due < today else Urgency.DUE_SOON


def reply_urgency(
    due: dt.date | None,
    today: dt.date,
    *,
    done: bool = False,
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY,
) -> Urgency | None:
    """How pressing a reply due on ``due`` is today; None when it is done or not yet close."""
    return None if done else _urgency(due, today, reply_soon_until(today, weekdays))


def agreement_urgency(due: dt.date | None, today: dt.date, *, done: bool = False) -> Urgency | None:
    """How pressing an agreement due on ``due`` is today; None when done or not yet close."""
    return None if done else _urgency(due, today, agreement_soon_until(today))


@dataclass(frozen=True)
class DueCounts:
    """Per pupil id: how many are overdue, and how many are due soon."""

    overdue: dict[int, int]
    soon: dict[int, int]


def _sums(
    due: InstrumentedAttribute[dt.date | None], today: dt.date, until: dt.date
) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """The two counts of a grouped query: those overdue, and those due soon."""
    overdue = func.sum(case((due < today, 1), else_=0))
    soon = func.sum(case(((due >= today) & (due <= until), 1), else_=0))
    return overdue, soon


def _split(rows: Sequence[Row[int, int, int]]) -> DueCounts:
    return DueCounts(
        overdue={sid: int(n) for sid, n, _soon in rows if n},
        soon={sid: int(n) for sid, _overdue, n in rows if n},
    )


def agreement_counts(s: Session, ids: list[int], today: dt.date) -> DueCounts:
    """Per pupil: the agreements not done that are overdue, and those due within a week."""
    until = agreement_soon_until(today)
    overdue, soon = _sums(Agreement.due, today, until)
    rows = s.execute(
        select(Conversation.student_id, overdue, soon)
        .join(Conversation, Conversation.id == Agreement.conversation_id)
        .where(Conversation.student_id.in_(ids), Agreement.done.is_(False), Agreement.due <= until)
        .group_by(Conversation.student_id)
    ).all()
    return _split(rows)


def reply_counts(
    s: Session, ids: list[int], today: dt.date, weekdays: frozenset[int] | None = None
) -> DueCounts:
    """Per pupil: the replies to parents not done that are overdue, and those due soon.

    ``weekdays`` are the school's working days; by default the principles in force."""
    if weekdays is None:
        weekdays = principles_in(s).working_weekdays
    until = reply_soon_until(today, weekdays)
    overdue, soon = _sums(ContactEntry.reply_due, today, until)
    rows = s.execute(
        select(ContactEntry.student_id, overdue, soon)
        .where(
            ContactEntry.student_id.in_(ids),
            ContactEntry.done.is_(False),
            ContactEntry.reply_due <= until,
        )
        .group_by(ContactEntry.student_id)
    ).all()
    return _split(rows)
