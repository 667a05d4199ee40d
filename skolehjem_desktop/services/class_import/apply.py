"""Importing a checked class list into the database: all of it in one transaction, or nothing.

The order of work
-----------------
1. The file is read and checked (:mod:`.parse`); the class each row goes in is settled
   (:mod:`.targets`).
   Any problem stops the import before the database is opened for writing.
2. In one transaction a plan is made against what is already stored (which pupils,
   guardians and classes exist; :mod:`.plan`), then carried out. A problem found while planning,
   or any crash, rolls the whole transaction back: nothing is half-imported.
   ``dry_run`` makes the same plan in a read-only session and stops there.

Which class
-----------
A row goes in the class its ``Klasse`` cell names; an empty cell, or a list without
that column, takes ``class_name`` (the class chosen for the whole list). A row whose
cell names another class than ``class_name`` is a problem, as is a row with no class
at all. Class names are compared without case, spaces, dots or dashes, so "5a" is
the existing "5.A". A class that does not exist in the school year is created, with
its grade read from its name (:func:`~skolehjem_desktop.services.grades.grade_from_name`)
and the teacher who uses the program as its contact teacher (a class that exists keeps
its teachers).

When is a pupil already there (the identity rule)
-------------------------------------------------
Names are compared as the *full name* (first and last name together, trimmed, one
space between words, case-folded, Unicode NFC), so "Anne Marie" + "Hansen" is the same
name as "Anne" + "Marie Hansen". Birth dates must be equal when both are known; a
missing birth date on either side does not stand in the way.

* A pupil of the same name and a fitting birth date already **enrolled in the class**
  that school year is the same pupil: the row is counted as already present and the
  stored pupil is not changed.
* Such a pupil enrolled in **another class** that school year is a problem (a pupil has
  one class per school year; move the pupil in the program instead).
* A pupil of the same name and the **same, known birth date** who is not enrolled that
  school year and has not left (e.g. last year's pupil) is the same pupil: they get an
  enrolment in the class and are counted as added. Without birth dates on both sides a
  new pupil is made instead, as the names alone are too weak for that.
* Otherwise a new pupil is made. Within one file, two rows that would be the same pupil
  by this rule are a problem (see :mod:`.parse`).

Guardians
---------
Guardian k of a row is linked with ``relation=PARENT``, custody and ``position=k-1``.
For a pupil already stored, a guardian of the same name among that pupil's guardians is
already there and is left as it is. Otherwise a guardian with an e-mail address is the
same person as another with the same address *and* the same name (case-folded), in the
file or stored already (so siblings share one guardian; a family address used by both
parents still gives two guardians); a guardian without an e-mail address is a new one.
Stored guardians and pupils are never changed by an import, only linked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import Relation
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.model import MAX_BYTES, ImportProblem
from skolehjem_desktop.services.class_import.parse import parse_class_list
from skolehjem_desktop.services.class_import.plan import Plan, make_plan
from skolehjem_desktop.services.class_import.report import ImportFailed, ImportReport
from skolehjem_desktop.services.class_import.targets import check_class_arg, class_targets
from skolehjem_desktop.services.classes import user_ids
from skolehjem_desktop.services.grades import grade_from_name
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import (
    ClassTeacher,
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)

MIN_SCHOOL_YEAR = 2000
MAX_SCHOOL_YEAR = 2100


def _carry_out(
    session: Session, plan: Plan, school_year: int, linked: set[tuple[int, int]]
) -> None:
    # The teacher who imports the list is the contact teacher of the classes it makes.
    user = user_ids(session)
    for cls in plan.classes.values():
        if cls.existing_id is None:
            cls.new = SchoolClass(
                name=cls.name, school_year=school_year, grade=grade_from_name(cls.name)
            )
            cls.new.teachers.extend(
                ClassTeacher(teacher_id=t, is_contact_teacher=True) for t in user
            )
            session.add(cls.new)
    for pupil in plan.pupils:
        if pupil.existing_id is None:
            row = pupil.row
            pupil.new = Student(
                first_name=row.first_name, last_name=row.last_name, birth_date=row.birth_date
            )
            session.add(pupil.new)
    for guardian in plan.new_guardians:
        g = guardian.source
        guardian.new = Guardian(name=g.name, email=g.email, phone=g.phone)
        session.add(guardian.new)
    session.flush()
    for pupil in plan.pupils:
        if pupil.enrol:
            session.add(
                Enrolment(
                    student_id=pupil.id, school_year=school_year, class_id=pupil.school_class.id
                )
            )
        for guardian, position in pupil.links:
            if (pupil.id, guardian.id) in linked:
                continue
            session.add(
                StudentGuardian(
                    student_id=pupil.id,
                    guardian_id=guardian.id,
                    relation=Relation.PARENT,
                    has_custody=True,
                    position=position,
                )
            )
    session.flush()


# ---------------------------------------------------------------------------------------
# The entry point


def _read(path: Path) -> tuple[bytes | None, ImportProblem | None]:
    try:
        if path.is_dir():
            return None, ImportProblem(
                None, None, _("{path} is a folder, not a class list.").format(path=path)
            )
        if path.stat().st_size > MAX_BYTES:
            return None, ImportProblem(
                None,
                None,
                _("The file is larger than {size} MB; a class list is much smaller.").format(
                    size=MAX_BYTES // (1024 * 1024)
                ),
            )
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, ImportProblem(
            None, None, _("The file {path} does not exist.").format(path=path)
        )
    except OSError as exc:
        return None, ImportProblem(
            None,
            None,
            _("The file {path} cannot be read ({error}).").format(path=path, error=exc.strerror),
        )


def import_class_list(
    db: Database,
    path: Path,
    *,
    class_name: str | None = None,
    school_year: int | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Import the class list in ``path`` (CSV or XLSX) into ``school_year`` (default: the
    school year of ``today``), into ``class_name`` or the classes the list names.

    Every row is checked first. If anything is wrong, :class:`ImportFailed` is raised with
    all problems in its report and nothing is written. ``dry_run`` checks and counts
    without writing anything.
    """
    today = today or dt.date.today()
    year = school_year if school_year is not None else SchoolYear.of(today).start_year

    def failed(problems: list[ImportProblem], ignored: tuple[str, ...] = ()) -> ImportFailed:
        return ImportFailed(ImportReport(0, 0, 0, (), ignored, tuple(problems), dry_run))

    data, unreadable = _read(Path(path))
    if data is None:
        raise failed([unreadable] if unreadable is not None else [])
    parsed = parse_class_list(data, Path(path).name, today=today)
    del data
    problems = list(parsed.problems)
    if not MIN_SCHOOL_YEAR <= year <= MAX_SCHOOL_YEAR:
        problems.insert(
            0,
            ImportProblem(
                None,
                None,
                _("The school year {year} is not one this program keeps.").format(year=year),
            ),
        )
    chosen, class_problems = check_class_arg(class_name)
    problems[:0] = class_problems
    if problems:
        raise failed(problems, parsed.ignored_columns)
    targets, problems = class_targets(parsed, chosen)
    if problems:
        raise failed(problems, parsed.ignored_columns)

    opened = db.reading() if dry_run else db.transaction()
    with opened as session:
        plan, linked = make_plan(session, targets, year, parsed.name_column)
        if plan.problems:
            raise failed(plan.problems, parsed.ignored_columns)
        if not dry_run:
            _carry_out(session, plan, year, linked)
    return ImportReport(
        students_added=plan.added,
        students_existing=plan.existing,
        guardians_added=len(plan.new_guardians),
        classes_created=plan.created_classes,
        ignored_columns=parsed.ignored_columns,
        problems=(),
        dry_run=dry_run,
    )
