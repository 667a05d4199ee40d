"""The demo's school–home conversations: every class's rounds of ordinary conversations,
and now and then a conversation as needed, about wellbeing, or of expectations.

Past conversations were held (a few cancelled and held again later), with notes and
agreements; this year's round is under way around ``today``. Written in one go through
:meth:`ConversationService.add_many_in`.
"""

from __future__ import annotations

import datetime as dt
import math

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.services.conversations import (
    NewAgreement,
    NewSection,
    Planning,
    RecordedConversation,
)
from skolehjem_desktop.services.demo import texts
from skolehjem_desktop.services.demo.model import Cohort, Demo, Pupil, ctx, stage
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.workdays import is_working_day


def add_conversations(demo: Demo) -> int:
    """Every cohort's conversations, year by year; how many were made."""
    made = _Conversations(demo)
    for cohort in demo.cohorts:
        for year in demo.years_of(cohort):
            made.ordinary_round(cohort, year)
            for pupil in cohort.pupils:
                made.extras(pupil, year)
    ids = demo.services.conversations.add_many_in(demo.session, made.conversations)
    demo.ordinary_held = {
        key: (ids[index], day) for key, (index, day) in made.ordinary_held.items()
    }
    return len(ids)


class _Conversations:
    """Makes the conversations; ``ordinary_held`` gives each its place in the list."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.dice = demo.dice
        self.conversations: list[RecordedConversation] = []
        self.ordinary_held: dict[tuple[Pupil, int], tuple[int, dt.date]] = {}

    def _is_past(self, year: int, day: dt.date) -> bool:
        return year < self.demo.current or day < self.demo.today

    def _status(self, year: int, day: dt.date) -> ConversationStatus:
        """Held if it lies before today, planned if it is still to come."""
        return ConversationStatus.HELD if self._is_past(year, day) else ConversationStatus.PLANNED

    def _ordinary_window(self, year: int) -> tuple[dt.date, dt.date]:
        demo, dice = self.demo, self.dice
        if year < demo.current:
            if dice.chance(0.5):
                return dt.date(year, 10, 27), dt.date(year, 12, 12)
            return dt.date(year + 1, 1, 12), dt.date(year + 1, 3, 27)
        first, last = dt.date(year, 9, 1), dt.date(year + 1, 6, 20)
        center = demo.today + dt.timedelta(days=dice.randint(-30, 20))
        lo = max(first, center - dt.timedelta(days=20))
        hi = min(last, center + dt.timedelta(days=20))
        # At least a fortnight, inside the part of the year with teaching.
        if hi - lo < dt.timedelta(days=14):
            if lo <= first + dt.timedelta(days=14):
                lo, hi = first, first + dt.timedelta(days=30)
            else:
                lo, hi = min(lo, last) - dt.timedelta(days=14), min(hi, last)
        return lo, hi

    def _round_days(self, year: int, pupils: int) -> list[dt.date]:
        """The afternoons of a round: about one for every six pupils, in the window."""
        dice = self.dice
        lo, hi = self._ordinary_window(year)
        days_wanted = math.ceil(pupils / 6) + dice.randint(0, 1)
        days: list[dt.date] = []
        for _try in range(days_wanted * 4):
            day = dice.day_between(lo, hi)
            if day is not None and day not in days:
                days.append(day)
            if len(days) == days_wanted:
                break
        if not days:  # no working day in the window: the last one before it
            day = hi
            while not is_working_day(day):
                day -= dt.timedelta(days=1)
            days = [day]
        return sorted(days)

    def ordinary_round(self, cohort: Cohort, year: int) -> None:
        """The class's round of ordinary conversations, a few afternoons in a row of weeks."""
        demo, dice = self.demo, self.dice
        pupils = [p for p in cohort.pupils if year < demo.current or p not in demo.missing_ordinary]
        if not pupils:
            return
        grade = demo.grade(cohort, year)
        days = self._round_days(year, len(pupils))
        duration = dice.choice((15, 20, 20, 30) if grade <= 2 else (20, 30, 30, 30, 45))
        order = list(pupils)
        dice.shuffle(order)
        per_day: list[list[Pupil]] = [order[i :: len(days)] for i in range(len(days))]
        step = duration + 5
        for day, group in zip(days, per_day, strict=True):
            start = dt.datetime.combine(day, dt.time(14)) + dt.timedelta(
                minutes=dice.choice((-60, -30, 0, 0, 30))
            )
            latest = dt.datetime.combine(day, dt.time(18, 45))
            if start + dt.timedelta(minutes=step * (len(group) - 1)) > latest:
                start = latest - dt.timedelta(minutes=step * (len(group) - 1))
            start = max(start, dt.datetime.combine(day, dt.time(8)))
            for i, pupil in enumerate(group):
                at = start + dt.timedelta(minutes=step * i)
                self._ordinary(pupil, year, at, duration)

    def _ordinary(self, pupil: Pupil, year: int, at: dt.datetime, duration: int) -> None:
        dice = self.dice
        kind, school = ConversationKind.ORDINARY, RequestedBy.SCHOOL
        if self._is_past(year, at.date()) and dice.chance(0.04):
            # Cancelled (illness, a clash) and held again a week or two later.
            cancelled = ConversationStatus.CANCELLED
            self._conversation(
                pupil, year, kind, school, status=cancelled, at=at, duration=duration
            )
            last = min(SchoolYear(year).last_day, dt.date(year + 1, 6, 25))
            day = dice.day_between(at.date() + dt.timedelta(days=7), at.date() + dt.timedelta(21))
            if day is None or day > last:
                return
            at = dice.at(day, 14, 18)
        status = self._status(year, at.date())
        index = self._conversation(
            pupil, year, kind, school, status=status, at=at, duration=duration
        )
        if status is ConversationStatus.HELD:
            self.ordinary_held[(pupil, year)] = (index, at.date())

    def extras(self, pupil: Pupil, year: int) -> None:
        """The pupil's other conversations of the year, if any."""
        demo, dice = self.demo, self.dice
        grade = demo.grade(pupil.cohort, year)
        extras: list[tuple[ConversationKind, RequestedBy, dt.date, dt.date]] = []
        first = SchoolYear(year).first_day
        season = (dt.date(year, 8, 15), dt.date(year + 1, 6, 20))
        if (grade == 0 and dice.chance(0.5)) or dice.chance(0.03):
            start = (dt.date(year, 8, 15), dt.date(year, 9, 30))
            extras.append((ConversationKind.EXPECTATION, RequestedBy.SCHOOL, *start))
        if dice.chance(0.10):
            asked = RequestedBy.PARENTS if dice.chance(0.55) else RequestedBy.SCHOOL
            extras.append((ConversationKind.AS_NEEDED, asked, *season))
        if dice.chance(0.06):
            asked = RequestedBy.PARENTS if dice.chance(0.4) else RequestedBy.SCHOOL
            extras.append((ConversationKind.WELLBEING, asked, *season))
        for kind, asked, lo, hi in extras:
            last = min(hi, demo.today + dt.timedelta(days=30)) if year == demo.current else hi
            day = dice.day_between(max(lo, first), last)
            if day is None:
                continue
            at = dice.at(day, 8, 17)
            status = self._status(year, day)
            duration = dice.choice((20, 30, 30, 45))
            self._conversation(pupil, year, kind, asked, status=status, at=at, duration=duration)

    def _conversation(
        self,
        pupil: Pupil,
        year: int,
        kind: ConversationKind,
        requested_by: RequestedBy,
        *,
        status: ConversationStatus,
        at: dt.datetime,
        duration: int,
    ) -> int:
        """One conversation with its notes; its place in the list."""
        demo, dice = self.demo, self.dice
        cohort = pupil.cohort
        grade = demo.grade(cohort, year)
        words = ctx(pupil, demo.class_name(cohort, year))
        created, updated = self._written(status, at, duration)
        attends = dice.chance(0.85 if grade >= 4 else 0.4)
        if attends:
            note = dice.choice(texts.PUPIL_PART_NOTE) if dice.chance(0.15) else ""
        else:
            note = dice.text(texts.PUPIL_ABSENT_NOTE, words) if dice.chance(0.5) else ""
        held = status is ConversationStatus.HELD
        next_talk = ""
        if held and kind is ConversationKind.ORDINARY:
            next_talk = dice.choice(texts.NEXT_CONVERSATION)
        place = cohort.places[year] if dice.chance(0.8) else dice.choice(texts.PLACES)
        wishes = dice.text(texts.PARENTS_WISHES, words) if dice.chance(0.2) else ""
        teachers = list(cohort.contacts[year])
        if dice.chance(0.15):
            teachers.append(dice.choice(cohort.subject_teachers[year]))
        guardians = pupil.family.custodial
        if held and len(guardians) > 1 and dice.chance(0.15):
            guardians = [dice.choice(guardians)]
        sections = [
            NewSection(
                SectionKind.PRIVATE_PREPARATION, dice.texts(texts.PREPARATION, words, 2), False
            ),
            NewSection(SectionKind.AGENDA, dice.text(texts.AGENDA[kind], words), True),
        ]
        agreements: list[NewAgreement] = []
        if held:
            sections.extend(self._held_notes(kind, grade, words))
            agreements = self._agreements(words, at.date())
        planning = Planning(
            starts_at=at,
            kind=kind,
            requested_by=requested_by,
            duration_minutes=duration,
            place=place,
            pupil_attends=attends,
            pupil_attends_note=note,
            parents_wishes=wishes,
            teacher_ids=tuple(teachers),
            guardian_ids=tuple(p.id for p in guardians),
        )
        self.conversations.append(
            RecordedConversation(
                student_id=pupil.id,
                planning=planning,
                status=status,
                next_conversation=next_talk,
                sections=tuple(sections),
                agreements=tuple(agreements),
                created_at=created,
                updated_at=updated,
            )
        )
        return len(self.conversations) - 1

    def _written(
        self, status: ConversationStatus, at: dt.datetime, duration: int
    ) -> tuple[dt.datetime, dt.datetime]:
        """When the conversation was planned, and last changed."""
        dice, now = self.dice, self.demo.now
        end = at + dt.timedelta(minutes=duration)
        created = at - dt.timedelta(days=dice.randint(7, 30), hours=dice.randint(0, 6))
        if created > now:
            created = now - dt.timedelta(hours=dice.randint(1, 200))
        if status is ConversationStatus.HELD:
            updated = min(end + dt.timedelta(minutes=dice.randint(10, 2880)), now)
        elif status is ConversationStatus.CANCELLED:
            updated = max(created, at - dt.timedelta(hours=dice.randint(2, 72)))
        else:
            updated = created
        return created, updated

    def _held_notes(
        self, kind: ConversationKind, grade: int, words: dict[str, str]
    ) -> list[NewSection]:
        """The notes of a held conversation, drawn in the order they are written."""
        dice = self.dice
        notes = [
            NewSection(SectionKind.PARENTS_INPUT, dice.texts(texts.PARENTS_INPUT, words, 2)),
            NewSection(SectionKind.ACADEMIC, dice.texts(texts.ACADEMIC[stage(grade)], words, 2)),
            NewSection(SectionKind.SOCIAL_WELLBEING, dice.texts(texts.SOCIAL, words, 2)),
            NewSection(SectionKind.STRENGTHS_DEVELOPMENT, dice.text(texts.STRENGTHS, words)),
            NewSection(
                SectionKind.CONCERNS, dice.text(texts.CONCERNS, words), not dice.chance(0.2)
            ),
        ]
        summary = " ".join(
            (
                dice.text(texts.SUMMARY_OPENING[kind], words),
                dice.text(texts.SUMMARY_MIDDLE, words),
                dice.text(texts.SUMMARY_CLOSING, words),
            )
        )
        return [*notes, NewSection(SectionKind.SUMMARY, summary)]

    def _agreements(self, words: dict[str, str], day: dt.date) -> list[NewAgreement]:
        """One to three agreements, each due some weeks after the conversation."""
        demo, dice = self.demo, self.dice
        made: list[NewAgreement] = []
        used: set[str] = set()
        for _position in range(dice.choice((1, 2, 2, 3))):
            responsible = dice.choice(list(Responsible))
            text = dice.text(texts.AGREEMENTS[responsible], words)
            if text in used:
                continue
            used.add(text)
            due = day + dt.timedelta(days=dice.randint(14, 90))
            if due < demo.today:
                done = dice.chance(0.96 if SchoolYear.of(due).start_year < demo.current else 0.75)
            else:
                done = dice.chance(0.15)
            made.append(NewAgreement(text, responsible, due, done))
        return made
