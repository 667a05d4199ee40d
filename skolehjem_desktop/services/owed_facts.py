"""The facts of a school year that what is owed is judged from, per pupil.

Gathered for many pupils at once (a few queries per school year, never one per pupil):
the ordinary conversations (held ones that count, held ones that do not, planned ones),
the focus points per area, the presentations of the message book, the message book's
2022 parts (:class:`MessageBookYear`) and the last contact with the family.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationKind, ConversationStatus, FocusArea
from skolehjem_desktop.services.conversation_held import counts_as_held
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    ContactEntry,
    Conversation,
    FocusPoint,
    FocusPresentation,
    MessageBookYear,
)

Key = tuple[int, int]  # (pupil, school year)


@dataclass(frozen=True)
class Ordinary:
    """A pupil's ordinary conversations in a school year."""

    held: tuple[dt.datetime, ...] = ()  # held and counting, in order
    uncounted: tuple[dt.datetime, ...] = ()  # held without a guardian or contact teacher
    planned: tuple[dt.datetime, ...] = ()  # planned, in order


@dataclass(frozen=True)
class Support:
    """The message book's 2022 parts for a pupil's school year."""

    needs_support: bool = False
    interventions: bool = False  # described
    follow_up: bool = False
    further_education: bool = False


@dataclass
class YearFacts:
    ordinary: dict[Key, Ordinary] = field(default_factory=dict)
    points: defaultdict[Key, Counter[FocusArea]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    presentations: dict[Key, tuple[int, dt.date]] = field(default_factory=dict)  # count, latest
    support: dict[Key, Support] = field(default_factory=dict)
    last_contact: dict[int, dt.date] = field(default_factory=dict)  # per pupil, any year


def add_year_facts(s: Session, facts: YearFacts, year: int, ids: list[int]) -> None:
    """The conversations, focus points, presentations and message book of ``ids`` in ``year``."""
    _add_ordinary(s, facts, year, ids)
    for sid, area, count in s.execute(
        select(FocusPoint.student_id, FocusPoint.area, func.count())
        .where(FocusPoint.student_id.in_(ids), FocusPoint.school_year == year)
        .group_by(FocusPoint.student_id, FocusPoint.area)
    ):
        facts.points[(sid, year)][area] = count
    for sid, count, latest in s.execute(
        select(
            FocusPresentation.student_id,
            func.count(func.distinct(FocusPresentation.presented_on)),
            func.max(FocusPresentation.presented_on),
        )
        .where(FocusPresentation.student_id.in_(ids), FocusPresentation.school_year == year)
        .group_by(FocusPresentation.student_id)
    ):
        facts.presentations[(sid, year)] = (count, latest)
    for row in s.scalars(
        select(MessageBookYear).where(
            MessageBookYear.student_id.in_(ids), MessageBookYear.school_year == year
        )
    ):
        facts.support[(row.student_id, year)] = Support(
            row.needs_support,
            bool(row.interventions.strip()),
            bool(row.follow_up.strip()),
            bool(row.further_education.strip()),
        )


def _add_ordinary(s: Session, facts: YearFacts, year: int, ids: list[int]) -> None:
    school_year = SchoolYear(year)
    start = dt.datetime.combine(school_year.first_day, dt.time())
    end = dt.datetime.combine(school_year.next().first_day, dt.time())
    found: defaultdict[int, dict[str, list[dt.datetime]]] = defaultdict(
        lambda: {"held": [], "uncounted": [], "planned": []}
    )
    for sid, status, starts_at, counts in s.execute(
        select(
            Conversation.student_id,
            Conversation.status,
            Conversation.starts_at,
            counts_as_held(year),
        )
        .where(
            Conversation.student_id.in_(ids),
            Conversation.kind == ConversationKind.ORDINARY,
            Conversation.status != ConversationStatus.CANCELLED,
            Conversation.starts_at >= start,
            Conversation.starts_at < end,
        )
        .order_by(Conversation.starts_at)
    ):
        if status is not ConversationStatus.HELD:
            found[sid]["planned"].append(starts_at)
        else:
            found[sid]["held" if counts else "uncounted"].append(starts_at)
    for sid, lists in found.items():
        facts.ordinary[(sid, year)] = Ordinary(
            tuple(lists["held"]), tuple(lists["uncounted"]), tuple(lists["planned"])
        )


def add_last_contacts(s: Session, facts: YearFacts, ids: list[int], today: dt.date) -> None:
    """The last day each pupil's family was in touch: a contact or a held conversation."""
    until = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    queries = (
        select(ContactEntry.student_id, func.max(ContactEntry.occurred_at))
        .where(ContactEntry.student_id.in_(ids), ContactEntry.occurred_at < until)
        .group_by(ContactEntry.student_id),
        select(Conversation.student_id, func.max(Conversation.starts_at))
        .where(
            Conversation.student_id.in_(ids),
            Conversation.status == ConversationStatus.HELD,
            Conversation.starts_at < until,
        )
        .group_by(Conversation.student_id),
    )
    for query in queries:
        for sid, latest in s.execute(query):
            day = latest.date()
            if sid not in facts.last_contact or day > facts.last_contact[sid]:
                facts.last_contact[sid] = day
