"""Demo data for the class records: parent meetings, parent councils and contact parents.

Called by :func:`skolehjem_desktop.services.demo.generate_demo` once its rows are
written, with a random generator of its own, so the rest of the demo stays the same
for a seed. Every class of the years before this one had its meeting in late August
or September, elected a council there and chose a contact parent. This school year
most classes have done so too, but a few have not (yet), so the overview shows every
state: one class has no contact parent, one no council, one not even a meeting.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Final, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.workdays import is_working_day
from skolehjem_desktop.store.models import (
    ClassTeacher,
    CouncilMember,
    Enrolment,
    ParentMeeting,
    ParentMeetingTeacher,
    SchoolClass,
    Student,
    StudentGuardian,
)

if TYPE_CHECKING:
    from skolehjem_desktop.services.demo import _Builder

Row = dict[str, Any]

AGENDA: Final = (
    "Velkommen og præsentation af klassens lærere\n"
    "Nyt fra fagene og skoleårets planer\n"
    "Trivsel i klassen og aftaler om legegrupper\n"
    "Forventninger til samarbejdet mellem hjem og skole\n"
    "Valg af klasseforældreråd og kontaktforælder\n"
    "Eventuelt"
)
MINUTES: Final = (
    "Lærerne fortalte om fagene og om skoleårets planer for {klasse}, herunder lejrskole og "
    "emneuger.\n\n"
    "Vi talte om trivsel. Forældrene bakker op om legegrupper, og der holdes fødselsdage "
    "for hele klassen eller alle drenge / alle piger.\n\n"
    "Forventninger: Aula er den faste kanal. Lærerne svarer på hverdage inden for "
    "arbejdstiden.\n\n"
    "Klasseforældrerådet blev valgt.",
    "Klassens lærere præsenterede årets undervisning i {klasse}.\n\n"
    "Forældrene ønsker mere information om lektier; lærerne skriver ugebrev på Aula "
    "hver fredag.\n\n"
    "Der blev valgt et klasseforældreråd, som planlægger et klassearrangement i efteråret.",
)
SPRING_AGENDA: Final = "Klassearrangementet i foråret\nTrivsel og sociale aftaler\nEventuelt"
SPRING_MINUTES: Final = (
    "Klasseforældrerådet havde indkaldt til mødet. Vi planlagde forårsfesten, og lærerne "
    "fortalte om klassens trivsel."
)
PLACES: Final = ("Klasselokalet", "Skolens aula", "Biblioteket", "Personalerummet")


def _evening(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.datetime:
    """A working day's evening (17:00 or 19:00) from ``lo`` to ``hi``."""
    days = [
        lo + dt.timedelta(days=n)
        for n in range((hi - lo).days + 1)
        if is_working_day(lo + dt.timedelta(days=n)) and (lo + dt.timedelta(days=n)).weekday() < 4
    ]
    day = rng.choice(days)
    return dt.datetime.combine(day, dt.time(rng.choice((17, 19, 19)), 0))


def add_class_records(session: Session, builder: _Builder, rng: random.Random) -> None:
    """Add meetings, councils and contact parents to the demo school's classes."""
    now = builder.now
    current = builder.current
    classes = session.execute(
        select(SchoolClass.id, SchoolClass.name, SchoolClass.school_year).order_by(
            SchoolClass.school_year, SchoolClass.name
        )
    ).all()
    teachers: dict[int, list[int]] = defaultdict(list)
    for cid, tid in session.execute(select(ClassTeacher.class_id, ClassTeacher.teacher_id)):
        teachers[cid].append(tid)
    families: dict[int, list[list[int]]] = defaultdict(list)
    guardians: dict[int, list[int]] = defaultdict(list)
    for sid, gid in session.execute(
        select(StudentGuardian.student_id, StudentGuardian.guardian_id).order_by(
            StudentGuardian.student_id, StudentGuardian.position
        )
    ):
        guardians[sid].append(gid)
    for cid, sid in session.execute(
        select(Enrolment.class_id, Enrolment.student_id)
        .join(Student, Student.id == Enrolment.student_id)
        .where(Student.left_on.is_(None))
        .order_by(Enrolment.student_id)
    ):
        if guardians[sid]:
            families[cid].append(guardians[sid])

    this_year = [cid for cid, _name, year in classes if year == current]
    rng.shuffle(this_year)
    scenario: dict[int, str] = {}
    for n, cid in enumerate(this_year):
        scenario[cid] = ("nothing", "no_council", "no_contact")[n] if n < 3 else "full"

    meeting_id = session.scalar(select(func.max(ParentMeeting.id))) or 0
    meetings: list[Row] = []
    links: list[Row] = []
    members: list[Row] = []
    for cid, name, year in classes:
        kind = scenario.get(cid, "full")
        if kind == "nothing":
            continue
        first = SchoolYear(year).first_day
        starts = _evening(rng, first + dt.timedelta(days=18), first + dt.timedelta(days=55))
        held = starts <= now
        size = len(families[cid])
        meeting_id += 1
        meetings.append(
            {
                "id": meeting_id,
                "school_class_id": cid,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=2),
                "place": f"{PLACES[0]} {name}" if rng.random() < 0.6 else rng.choice(PLACES),
                "called_by": CalledBy.TEACHERS,
                "agenda": AGENDA,
                "minutes": rng.choice(MINUTES).format(klasse=name) if held else "",
                "families_present": round(size * rng.uniform(0.55, 0.9)) if held else None,
                "created_at": min(starts - dt.timedelta(days=21), now),
                "updated_at": min(starts + dt.timedelta(days=1), now) if held else now,
            }
        )
        for tid in teachers[cid]:
            links.append({"meeting_id": meeting_id, "teacher_id": tid})
        if year < current and rng.random() < 0.4:
            spring = _evening(rng, dt.date(year + 1, 3, 1), dt.date(year + 1, 4, 30))
            meeting_id += 1
            meetings.append(
                {
                    "id": meeting_id,
                    "school_class_id": cid,
                    "starts_at": spring,
                    "ends_at": spring + dt.timedelta(hours=1, minutes=30),
                    "place": rng.choice(PLACES),
                    "called_by": CalledBy.COUNCIL,
                    "agenda": SPRING_AGENDA,
                    "minutes": SPRING_MINUTES,
                    "families_present": round(size * rng.uniform(0.4, 0.7)),
                    "created_at": spring - dt.timedelta(days=14),
                    "updated_at": spring + dt.timedelta(days=2),
                }
            )
            for tid in teachers[cid][:1]:
                links.append({"meeting_id": meeting_id, "teacher_id": tid})
        if not held or kind == "no_council" or size < 2:
            continue
        chosen = rng.sample(families[cid], min(size, rng.choice((2, 3, 3, 4))))
        ids = list(dict.fromkeys(family[0] for family in chosen))
        contact = None if kind == "no_contact" else rng.choice(ids)
        for gid in ids:
            members.append(
                {"school_class_id": cid, "guardian_id": gid, "is_contact_parent": gid == contact}
            )
    connection = session.connection()
    for model, rows in (
        (ParentMeeting, meetings),
        (ParentMeetingTeacher, links),
        (CouncilMember, members),
    ):
        if rows:
            connection.execute(cast(Table, model.__table__).insert(), rows)
