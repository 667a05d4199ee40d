"""The demo's teachers and classes: the user, their colleagues, and cohorts that move up.

Written through :meth:`SchoolService.add_teachers_in` and
:meth:`ClassService.create_many_in`, one school year at a time so that each class can
name last year's class as the one it continues.
"""

from __future__ import annotations

from collections.abc import Sequence

from skolehjem_desktop.services.classes import NewClass
from skolehjem_desktop.services.demo import names
from skolehjem_desktop.services.demo.model import (
    LETTERS,
    MAX_GRADE,
    Cohort,
    Demo,
    ascii_slug,
    stage,
)
from skolehjem_desktop.services.demo.texts import CLASSROOM, PLACES
from skolehjem_desktop.services.school import NewTeacher, TeacherInfo

# A school needs a few colleagues besides the user, however full the teacher list is.
FEWEST_COLLEAGUES = 4


def _teacher(name: str, initials: str, *, is_user: bool = False) -> NewTeacher:
    email = f"{ascii_slug(name, names.ASCII_LETTERS)}@example.dk"
    return NewTeacher(name=name, initials=initials, email=email, is_user=is_user)


def add_teachers(demo: Demo, existing: Sequence[TeacherInfo]) -> None:
    """The user (unless there is one already) and the colleagues, with initials still free."""
    stored = sorted(existing, key=lambda t: t.id)
    taken = {t.initials.upper() for t in stored}
    users = [t.id for t in stored if t.is_user]
    new: list[NewTeacher] = []
    if not users:
        name, initials = names.USER_TEACHER
        suffix = 2
        while initials in taken:
            initials = f"{names.USER_TEACHER[1]}{suffix}"
            suffix += 1
        new.append(_teacher(name, initials, is_user=True))
        taken.add(initials)
    free = [t for t in names.TEACHERS if t[1] not in taken]
    chosen = demo.dice.sample(free, min(demo.size.other_teachers, len(free)))
    new.extend(_teacher(name, initials) for name, initials in chosen)
    name, initials = names.SUBSTITUTE
    for n in range(FEWEST_COLLEAGUES - len(chosen)):
        new.append(_teacher(name.format(n=n + 1), initials.format(n=n + 1)))
    ids = demo.services.school.add_teachers_in(demo.session, new)
    if users:
        demo.user_id, demo.pool = users[0], ids
    else:
        demo.user_id, demo.pool = ids[0], ids[1:]


def add_classes(demo: Demo) -> None:
    """This year's classes as cohorts, their teachers, and each cohort's class every year."""
    dice, size = demo.dice, demo.size
    if size.classes >= (MAX_GRADE + 1) * len(LETTERS):
        slots = [(g, letter) for g in range(MAX_GRADE + 1) for letter in LETTERS]
    else:
        # Only classes old enough to have been at the school in every year of history.
        lowest = size.years - 1
        candidates = [(g, letter) for g in range(lowest, MAX_GRADE + 1) for letter in LETTERS]
        slots = sorted(dice.sample(candidates, size.classes))
    user_slots = set(dice.sample(range(len(slots)), size.user_classes))
    demo.cohorts = [
        Cohort(grade_now=g, letter=letter, has_user=i in user_slots)
        for i, (g, letter) in enumerate(slots)
    ]
    for cohort in demo.cohorts:
        _choose_teachers(demo, cohort)
    for year in demo.years:  # year by year, so last year's class exists first
        cohorts = [c for c in demo.cohorts if demo.grade(c, year) >= 0]
        ids = demo.services.classes.create_many_in(
            demo.session,
            [
                NewClass(
                    name=demo.class_name(c, year),
                    school_year=year,
                    grade=demo.grade(c, year),
                    contact_teacher_ids=tuple(c.contacts[year]),
                    other_teacher_ids=tuple(c.subject_teachers[year]),
                    previous_id=c.class_ids.get(year - 1),
                )
                for c in cohorts
            ],
        )
        for cohort, class_id in zip(cohorts, ids, strict=True):
            cohort.class_ids[year] = class_id


def _choose_teachers(demo: Demo, cohort: Cohort) -> None:
    """Contact teachers follow a class through a stage (0–3, 4–6, 7–9); others vary."""
    dice = demo.dice
    by_stage: dict[int, list[int]] = {}
    for year in demo.years_of(cohort):
        step = stage(demo.grade(cohort, year))
        if step not in by_stage:
            by_stage[step] = dice.sample(demo.pool, dice.choice((1, 2, 2)))
        cohort.contacts[year] = list(by_stage[step])
    if cohort.has_user:
        partner = [] if dice.chance(0.5) else dice.sample(demo.pool, 1)
        cohort.contacts[demo.current] = [demo.user_id, *partner]
    for year in demo.years_of(cohort):
        others = [t for t in demo.pool if t not in cohort.contacts[year]]
        cohort.subject_teachers[year] = dice.sample(others, dice.choice((1, 2)))
        cohort.places[year] = (
            CLASSROOM.format(klasse=demo.class_name(cohort, year))
            if dice.chance(0.6)
            else dice.choice(PLACES)
        )
