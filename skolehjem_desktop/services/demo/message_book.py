"""The demo's message book: every pupil's focus points year by year, and their presentations.

Points still in progress at the end of a year are carried on into the next; this year,
a few pupils still miss a required area and some focus points are not presented yet.
Written through :meth:`FocusService.add_many_in` and
:meth:`FocusService.record_presentations_in`. This year, a pupil or two of a middle
class need interventions, and the 8th and 9th graders have written their thoughts on
further education (:func:`add_message_book_years`, with dice of its own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, PresentationVia
from skolehjem_desktop.services.demo import texts
from skolehjem_desktop.services.demo.dice import Dice
from skolehjem_desktop.services.demo.model import Demo, Pupil, ctx, stage
from skolehjem_desktop.services.focus import NewFocusPoint, NewPresentation, required_areas
from skolehjem_desktop.services.message_book_year import NewMessageBookYear
from skolehjem_desktop.services.schoolyear import SchoolYear


@dataclass(frozen=True)
class _Open:
    """A point still in progress at the end of a year; ``index`` is its place in the list."""

    index: int
    area: FocusArea
    subject: str
    goal: str
    actions: str


def _successor_area(area: FocusArea) -> FocusArea:
    """Grade 0's awareness areas go on as Danish and maths."""
    return {
        FocusArea.LANGUAGE_AWARENESS: FocusArea.DANISH,
        FocusArea.MATHS_AWARENESS: FocusArea.MATHS,
    }.get(area, area)


def add_message_book(demo: Demo) -> int:
    """Every pupil's focus points and presentations; how many focus points were made."""
    book = _MessageBook(demo)
    first = SchoolYear(demo.current).first_day
    year_span = (SchoolYear(demo.current).last_day - first).days
    progress = (demo.today - first).days / year_span
    for pupil in demo.pupils:
        carried: list[_Open] = []
        for year in demo.years_of(pupil.cohort):
            carried = book.focus_year(pupil, year, carried, progress)
            book.presentation(pupil, year)
    focus = demo.services.focus
    ids = focus.add_many_in(demo.session, book.points)
    focus.record_presentations_in(demo.session, book.presentations)
    return len(ids)


def add_message_book_years(demo: Demo, dice: Dice) -> int:
    """This year's interventions and thoughts on further education; how many pupils have one.

    Two pupils who need interventions in the class nearest to grade 5 (of grades 1–6);
    thoughts on further education for most pupils of grades 8 and 9.
    """
    year = demo.current
    middle = [c for c in demo.cohorts if 1 <= demo.grade(c, year) <= 6 and c.pupils]
    years: list[NewMessageBookYear] = []
    support: list[Pupil] = []
    if middle:
        cohort = min(middle, key=lambda c: (abs(demo.grade(c, year) - 5), c.letter))
        support = dice.sample(cohort.pupils, min(2, len(cohort.pupils)))
    for pupil in demo.pupils:
        grade = demo.grade(pupil.cohort, year)
        words = ctx(pupil, demo.class_name(pupil.cohort, year))
        thoughts = ""
        if grade in (8, 9) and dice.chance(0.8):
            thoughts = dice.text(texts.FURTHER_EDUCATION, words)
        if pupil in support:
            years.append(
                NewMessageBookYear(
                    pupil.id,
                    year,
                    needs_support=True,
                    interventions=dice.text(texts.INTERVENTIONS, words),
                    follow_up=dice.text(texts.FOLLOW_UPS, words),
                    further_education=thoughts,
                )
            )
        elif thoughts:
            years.append(NewMessageBookYear(pupil.id, year, further_education=thoughts))
    demo.services.message_book_years.add_many_in(demo.session, years)
    return len(years)


class _MessageBook:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.dice = demo.dice
        self.points: list[NewFocusPoint] = []
        self.presentations: list[NewPresentation] = []

    def focus_year(
        self, pupil: Pupil, year: int, carried: list[_Open], progress: float
    ) -> list[_Open]:
        """One year's focus points; returns those still in progress, to carry on."""
        demo, dice = self.demo, self.dice
        grade = demo.grade(pupil.cohort, year)
        words = ctx(pupil, demo.class_name(pupil.cohort, year))
        areas = list(required_areas(grade))
        current = year == demo.current
        if current and pupil in demo.missing_area:
            areas.remove(dice.choice(areas))
        carried_other = any(c.area is FocusArea.OTHER_SUBJECT for c in carried)
        if grade >= 1 and (carried_other or dice.chance(0.08)):
            areas.append(FocusArea.OTHER_SUBJECT)
        still_open: list[_Open] = []
        for area in areas:
            points: list[tuple[int | None, str, str, str]] = [
                (c.index, c.subject, c.goal, c.actions)
                for c in carried
                if _successor_area(c.area) == area
            ]
            wanted = 2 if dice.chance(0.3) else 1
            stage_goals = texts.FOCUS_GOALS[area]
            goals = stage_goals[min(stage(grade), len(stage_goals) - 1)]
            for _n in range(max(0, wanted - len(points))):
                goal = dice.text(goals, words)
                if any(goal == g for _i, _s, g, _a in points):
                    continue
                subject = texts.OTHER_SUBJECT if area is FocusArea.OTHER_SUBJECT else ""
                points.append((None, subject, goal, dice.text(texts.FOCUS_ACTIONS[area], words)))
            for carried_from, subject, goal, actions in points:
                status = self._status(current, carried_from is not None, progress)
                evaluation = ""
                if status in texts.EVALUATION and (not current or dice.chance(0.3)):
                    evaluation = dice.text(texts.EVALUATION[status], words)
                if not current and status is FocusStatus.IN_PROGRESS:
                    still_open.append(_Open(len(self.points), area, subject, goal, actions))
                self.points.append(
                    NewFocusPoint(
                        student_id=pupil.id,
                        school_year=year,
                        area=area,
                        goal=goal,
                        actions=actions,
                        status=status,
                        evaluation=evaluation,
                        subject=subject,
                        carried_from=carried_from,
                    )
                )
        return still_open

    def _status(self, current: bool, carried: bool, progress: float) -> FocusStatus:
        r = self.dice.random()
        if not current:
            if r < 0.72:
                return FocusStatus.ACHIEVED
            return FocusStatus.IN_PROGRESS if r < 0.94 else FocusStatus.DISCONTINUED
        if carried:
            return FocusStatus.ACHIEVED if r < 0.3 * progress else FocusStatus.IN_PROGRESS
        if progress < 0.1:
            return FocusStatus.NOT_STARTED if r < 0.7 else FocusStatus.IN_PROGRESS
        if r < 0.25 * progress:
            return FocusStatus.ACHIEVED
        return FocusStatus.NOT_STARTED if r > 0.85 else FocusStatus.IN_PROGRESS

    def presentation(self, pupil: Pupil, year: int) -> None:
        """How the year's focus points were presented to the parents, if they were."""
        demo, dice = self.demo, self.dice
        held = demo.ordinary_held.get((pupil, year))
        current = year == demo.current
        if current and held is None:
            return  # not presented yet: the overview shows it
        via, day, conversation_id, note = PresentationVia.CONVERSATION, None, None, ""
        share_conversation = 0.9 if current else 0.82
        if held is not None and dice.chance(share_conversation):
            conversation_id, day = held
        elif current and held is not None:
            via = PresentationVia.AULA
            day = dice.day_between(held[1], demo.today - dt.timedelta(days=1)) or held[1]
            note = texts.SHARED_AFTER_CONVERSATION
        else:
            via = PresentationVia.AULA if dice.chance(0.6) else PresentationVia.MEETING
            day = dice.day_between(dt.date(year + 1, 2, 1), dt.date(year + 1, 5, 31))
            note = texts.SENT_ON_AULA if via is PresentationVia.AULA else texts.PRESENTED_AT_MEETING
        if day is None:
            return
        self.presentations.append(
            NewPresentation(
                student_id=pupil.id,
                presented_on=day,
                via=via,
                conversation_id=conversation_id,
                note=note,
            )
        )
