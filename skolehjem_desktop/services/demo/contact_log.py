"""The demo's contact log: messages from the parents at all hours, calls and short talks.

Past years' contacts are all done; this year some replies are still owed, a few of
them overdue. Written in one go through :meth:`ContactService.add_many_in`.
"""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, StartedBy
from skolehjem_desktop.services.contacts import NewContact, default_reply_due
from skolehjem_desktop.services.demo import texts
from skolehjem_desktop.services.demo.dice import Dice
from skolehjem_desktop.services.demo.model import Demo, Pupil, ctx
from skolehjem_desktop.services.schoolyear import SchoolYear

# How many contacts a pupil's family has in a year (0 to 5), and how often.
PER_YEAR = (0, 1, 2, 3, 4, 5)
PER_YEAR_WEIGHTS = (10, 25, 28, 20, 11, 6)
PARENT_CHANNELS = (
    ContactChannel.AULA,
    ContactChannel.EMAIL,
    ContactChannel.PHONE,
    ContactChannel.AD_HOC,
    ContactChannel.MEETING,
)
PARENT_CHANNEL_WEIGHTS = (55, 10, 15, 15, 5)
SCHOOL_CHANNELS = (
    ContactChannel.AULA,
    ContactChannel.PHONE,
    ContactChannel.MEETING,
    ContactChannel.AD_HOC,
)
SCHOOL_CHANNEL_WEIGHTS = (50, 30, 10, 10)
TOPICS = (
    ContactTopic.WELLBEING,
    ContactTopic.ACADEMIC,
    ContactTopic.PRACTICAL,
    ContactTopic.CONFLICT,
    ContactTopic.OTHER,
)
TOPIC_WEIGHTS = (55, 15, 15, 10, 5)


def add_contact_log(demo: Demo) -> int:
    """Every pupil's contacts, year by year (this year's so far); how many were made."""
    dice = demo.dice
    progress = (demo.today - SchoolYear(demo.current).first_day).days / 365
    contacts: list[NewContact] = []
    for pupil in demo.pupils:
        for year in demo.years_of(pupil.cohort):
            count = dice.choices(PER_YEAR, weights=PER_YEAR_WEIGHTS)[0]
            for _n in range(count):
                if year == demo.current and not dice.chance(progress):
                    continue
                contact = _contact(demo, pupil, year)
                if contact is not None:
                    contacts.append(contact)
    return len(demo.services.contacts.add_many_in(demo.session, contacts))


def _when(dice: Dice, day: dt.date, channel: ContactChannel, written: bool) -> dt.datetime:
    """Parents write at all hours; talks at the gate are at drop-off or pick-up."""
    if written:
        return dice.at(day, 6, 22)
    if channel is ContactChannel.AD_HOC:
        return dice.at(day, 14, 16) if dice.chance(0.6) else dice.at(day, 7, 8)
    return dice.at(day, 8, 16)


def _contact(demo: Demo, pupil: Pupil, year: int) -> NewContact | None:
    dice = demo.dice
    sy = SchoolYear(year)
    lo = sy.first_day + dt.timedelta(days=7)
    hi = sy.last_day - dt.timedelta(days=7)
    if year == demo.current:
        hi = min(hi, demo.today - dt.timedelta(days=1))
    parent_started = dice.chance(0.65)
    started_by = StartedBy.PARENT if parent_started else StartedBy.SCHOOL
    if parent_started:
        channel = dice.choices(PARENT_CHANNELS, weights=PARENT_CHANNEL_WEIGHTS)[0]
    else:
        channel = dice.choices(SCHOOL_CHANNELS, weights=SCHOOL_CHANNEL_WEIGHTS)[0]
    written = parent_started and channel in (ContactChannel.AULA, ContactChannel.EMAIL)
    # Parents write at all hours, weekends too; calls and talks are in working hours.
    day = dice.day_between(lo, hi, working=not (written and dice.chance(0.2)))
    if day is None:
        return None
    at = _when(dice, day, channel, written)
    topic = dice.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]
    words = ctx(pupil, demo.class_name(pupil.cohort, year))
    due = default_reply_due(at, started_by, channel=channel)
    if year < demo.current:
        done = True
    elif due is not None:
        done = dice.chance(0.88 if due < demo.today else 0.35)
    else:
        done = dice.chance(0.85 if day < demo.today - dt.timedelta(days=7) else 0.5)
    parents = pupil.family.custodial or pupil.family.parents
    if dice.chance(0.05):
        parents = pupil.family.parents
    guardian = dice.choice(parents)
    return NewContact(
        student_id=pupil.id,
        occurred_at=at,
        channel=channel,
        started_by=started_by,
        reply_due=due,
        topic=topic,
        summary=dice.text(texts.CONTACT_TEXT[(started_by, topic)], words),
        guardian_id=guardian.id,
        done=done,
    )
