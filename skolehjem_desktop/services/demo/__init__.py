"""Demo data: a school with classes, pupils, parents and years of school–home cooperation.

:func:`generate_demo` fills an empty data folder with a believable school,
Skovbakkeskolen: classes that move up a grade every year, pupils with names from
Denmark's many backgrounds, their parents (some divorced, some siblings in other
classes), school–home conversations with notes and agreements, the message book's focus
points and their presentations, the informal contact log, and the classes' parent
meetings and councils. It is meant for trying the program, for screenshots and for
benchmarks; no person in it is real and no CPR number exists in it.

Everything comes from ``random.Random(seed)`` and the day given as ``today``: the same
seed and day give the very same school. The current school year is left half done
relative to ``today``, so that the overview of what is still owed has something to
show: pupils with no ordinary conversation yet, focus points not presented, overdue
agreements and unanswered messages.

The school is written through the services, as the program would write it, each part
with the service's bulk method (``…_in``) and all of it in one transaction: a demo is
made whole or not at all.

The parts: :mod:`.staff` (teachers and classes), :mod:`.families` (pupils and parents),
:mod:`.conversations`, :mod:`.message_book`, :mod:`.contact_log`, :mod:`.class_records`;
what they share is in :mod:`.model` and :mod:`.dice`, their words in :mod:`.texts` and
:mod:`.names`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.demo.class_records import add_class_records
from skolehjem_desktop.services.demo.contact_log import add_contact_log
from skolehjem_desktop.services.demo.conversations import add_conversations
from skolehjem_desktop.services.demo.dice import Dice
from skolehjem_desktop.services.demo.families import add_pupils_and_families
from skolehjem_desktop.services.demo.message_book import add_message_book, add_message_book_years
from skolehjem_desktop.services.demo.model import SCHOOL_NAME, SIZES, Demo, DemoSummary
from skolehjem_desktop.services.demo.staff import add_classes, add_teachers
from skolehjem_desktop.store.database import Database

__all__ = ["SCHOOL_NAME", "DemoSummary", "generate_demo"]


def generate_demo(
    db: Database,
    *,
    size: Literal["small", "school"] = "small",
    seed: int = 1,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty data folder with a demo school; the same seed and day give the same rows.

    ``small``: 6 classes of 20–24 pupils and 3 school years (this one and the two before);
    ``school``: all 30 classes from 0.A to 9.C of 25 pupils and 5 school years. Refuses,
    changing nothing, a data folder that already holds a class or a pupil. The school
    gets a name unless it has one.
    """
    chosen = SIZES.get(size)
    if chosen is None:
        raise ValidationError(_("Unknown demo size {size}.").format(size=size))
    day = today if today is not None else dt.date.today()
    now = dt.datetime.combine(day, dt.time(7, 30))
    services = Services(db, clock=lambda: now)
    if services.school.holds_classes_or_pupils():
        raise ValidationError(_("The data folder is not empty; the demo fills only an empty one."))
    existing = services.school.teachers()
    with db.transaction() as s:
        demo = Demo(Dice(seed), day, chosen, services, s)
        add_teachers(demo, existing)
        add_classes(demo)
        add_pupils_and_families(demo)
        conversations = add_conversations(demo)
        focus_points = add_message_book(demo)
        contacts = add_contact_log(demo)
        # Dice of their own: the class records came later and change nothing before them.
        add_class_records(demo, Dice(f"{seed}:class-records"))
        add_message_book_years(demo, Dice(f"{seed}:message-book-years"))
    if not services.school.school_name():
        services.school.set_school_name(SCHOOL_NAME)
    return DemoSummary(
        classes=len(demo.cohorts),
        students=len(demo.pupils),
        guardians=demo.guardians,
        conversations=conversations,
        focus_points=focus_points,
        contacts=contacts,
        school_years=tuple(demo.years),
    )
