"""The demo's class records: parent meetings, parent councils and contact parents.

Made last, with dice of their own, so the rest of the demo stays the same for a seed.
Every class of the years before this one had its meeting in late August or September,
elected a council there and chose a contact parent. This school year most classes have
done so too, but a few have not (yet), so the overview shows every state: one class has
no contact parent, one no council, one not even a meeting. Written through
:meth:`ClassRecordService.create_meetings_in` and :meth:`ClassRecordService.set_councils_in`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.services.class_records import MeetingInput, NewCouncil, NewMeeting
from skolehjem_desktop.services.demo import texts
from skolehjem_desktop.services.demo.dice import Dice
from skolehjem_desktop.services.demo.model import Demo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.workdays import is_working_day

# This year, in shuffled order: the first class has nothing yet, the second no council, …
UNFINISHED = ("nothing", "no_council", "no_contact")


@dataclass(frozen=True)
class _Class:
    id: int
    name: str
    year: int
    teacher_ids: tuple[int, ...]  # all its teachers, by id
    families: tuple[tuple[int, ...], ...]  # each pupil's guardians, by pupil


def _classes(demo: Demo) -> list[_Class]:
    """Every class of every year, by school year and name."""
    made = [
        _Class(
            id=cohort.class_ids[year],
            name=demo.class_name(cohort, year),
            year=year,
            teacher_ids=tuple(sorted({*cohort.contacts[year], *cohort.subject_teachers[year]})),
            families=tuple(tuple(p.id for p in pupil.family.parents) for pupil in cohort.pupils),
        )
        for cohort in demo.cohorts
        for year in demo.years_of(cohort)
    ]
    return sorted(made, key=lambda c: (c.year, c.name))


def _evening(dice: Dice, lo: dt.date, hi: dt.date) -> dt.datetime:
    """A working day's evening (17:00 or 19:00), Monday to Thursday, from ``lo`` to ``hi``."""
    days = [
        lo + dt.timedelta(days=n)
        for n in range((hi - lo).days + 1)
        if is_working_day(lo + dt.timedelta(days=n)) and (lo + dt.timedelta(days=n)).weekday() < 4
    ]
    day = dice.choice(days)
    return dt.datetime.combine(day, dt.time(dice.choice((17, 19, 19)), 0))


def add_class_records(demo: Demo, dice: Dice) -> None:
    """Meetings, councils and contact parents for the demo school's classes."""
    now = demo.now
    classes = _classes(demo)
    this_year = [c.id for c in classes if c.year == demo.current]
    dice.shuffle(this_year)
    scenario = dict(zip(this_year, UNFINISHED, strict=False))
    meetings: list[NewMeeting] = []
    councils: list[NewCouncil] = []
    for c in classes:
        kind = scenario.get(c.id, "full")
        if kind == "nothing":
            continue
        first = SchoolYear(c.year).first_day
        starts = _evening(dice, first + dt.timedelta(days=18), first + dt.timedelta(days=55))
        held = starts <= now
        size = len(c.families)
        if dice.random() < 0.6:
            place = f"{texts.MEETING_PLACES[0]} {c.name}"  # "Klasselokalet 3.A"
        else:
            place = dice.choice(texts.MEETING_PLACES)
        meeting = MeetingInput(
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            place=place,
            called_by=CalledBy.TEACHERS,
            agenda=texts.MEETING_AGENDA,
            minutes=dice.choice(texts.MEETING_MINUTES).format(klasse=c.name) if held else "",
            families_present=round(size * dice.uniform(0.55, 0.9)) if held else None,
            teacher_ids=c.teacher_ids,
        )
        meetings.append(
            NewMeeting(
                c.id,
                meeting,
                created_at=min(starts - dt.timedelta(days=21), now),
                updated_at=min(starts + dt.timedelta(days=1), now) if held else now,
            )
        )
        if c.year < demo.current and dice.random() < 0.4:
            meetings.append(_spring_meeting(dice, c))
        if not held or kind == "no_council" or size < 2:
            continue
        chosen = dice.sample(c.families, min(size, dice.choice((2, 3, 3, 4))))
        ids = tuple(dict.fromkeys(family[0] for family in chosen))
        contact = None if kind == "no_contact" else dice.choice(ids)
        councils.append(NewCouncil(c.id, ids, contact))
    demo.services.class_records.create_meetings_in(demo.session, meetings)
    demo.services.class_records.set_councils_in(demo.session, councils)


def _spring_meeting(dice: Dice, c: _Class) -> NewMeeting:
    """A meeting the council called in the spring, with one of the class's teachers."""
    spring = _evening(dice, dt.date(c.year + 1, 3, 1), dt.date(c.year + 1, 4, 30))
    meeting = MeetingInput(
        starts_at=spring,
        ends_at=spring + dt.timedelta(hours=1, minutes=30),
        place=dice.choice(texts.MEETING_PLACES),
        called_by=CalledBy.COUNCIL,
        agenda=texts.SPRING_AGENDA,
        minutes=texts.SPRING_MINUTES,
        families_present=round(len(c.families) * dice.uniform(0.4, 0.7)),
        teacher_ids=c.teacher_ids[:1],
    )
    return NewMeeting(
        c.id,
        meeting,
        created_at=spring - dt.timedelta(days=14),
        updated_at=spring + dt.timedelta(days=2),
    )
