"""Importing a checked class list into the database: all of it in one transaction, or nothing.

The order of work
-----------------
1. The file is read and checked (:mod:`.parse`); the class each row goes in is settled.
   Any problem stops the import before the database is opened for writing.
2. In one transaction a plan is made against what is already stored (which pupils,
   guardians and classes exist), then carried out. A problem found while planning,
   or any crash, rolls the whole transaction back: nothing is half-imported.
   ``dry_run`` makes the same plan in a read-only session and stops there.

Which class
-----------
A row goes in the class its ``Klasse`` cell names; an empty cell, or a list without
that column, takes ``class_name`` (the class chosen for the whole list). A row whose
cell names another class than ``class_name`` is a problem, as is a row with no class
at all. Class names are compared without case, spaces, dots or dashes, so "5a" is
the existing "5.A". A class that does not exist in the school year is created, with
its grade read from its name (:func:`~skolehjem_desktop.services.grades.grade_from_name`).

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
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import Relation
from skolehjem_desktop.domain.limits import CLASS_NAME_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.class_import.parse import (
    MAX_BYTES,
    ImportProblem,
    ParsedGuardian,
    ParsedList,
    ParsedRow,
    clean_text,
    describe_problem,
    looks_like_cpr,
    name_key,
    parse_class_list,
)
from skolehjem_desktop.services.grades import grade_from_name
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import (
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)

MIN_SCHOOL_YEAR = 2000
MAX_SCHOOL_YEAR = 2100


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    students_added: int
    students_existing: int
    guardians_added: int
    classes_created: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    problems: tuple[ImportProblem, ...]
    dry_run: bool


class ImportFailed(ValidationError):
    """The list has problems; nothing was imported. ``report.problems`` lists them all."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(summarize_failure(report))


def summarize_failure(report: ImportReport) -> str:
    """One paragraph: nothing was imported, and why (the problem itself when there is one,
    how many otherwise; ``report.problems`` lists them all)."""
    count = len(report.problems)
    if count == 1:
        return _("Nothing was imported. {problem}").format(
            problem=describe_problem(report.problems[0])
        )
    return ngettext(
        "Nothing was imported: the class list has {count} problem. "
        "Correct it and import the list again.",
        "Nothing was imported: the class list has {count} problems. "
        "Correct them and import the list again.",
        count,
    ).format(count=count)


def summarize_report(report: ImportReport) -> list[str]:
    """What a successful import or dry run did, a line each, for the user."""
    lines = [_("Dry run: nothing was imported.")] if report.dry_run else []
    lines.append(
        ngettext("{n} pupil added", "{n} pupils added", report.students_added).format(
            n=report.students_added
        )
    )
    if report.students_existing:
        lines.append(
            ngettext(
                "{n} pupil was already there",
                "{n} pupils were already there",
                report.students_existing,
            ).format(n=report.students_existing)
        )
    lines.append(
        ngettext("{n} guardian added", "{n} guardians added", report.guardians_added).format(
            n=report.guardians_added
        )
    )
    lines.extend(_("Class {name} created.").format(name=n) for n in report.classes_created)
    lines.extend(
        _("The column {column} was ignored: CPR numbers are never imported.").format(column=c)
        for c in report.ignored_columns
    )
    return lines


def class_key(name: str) -> str:
    """ "5.A", "5a" and "5 A" are one class."""
    return re.sub(r"[\s.\-]+", "", clean_text(name).casefold())


# ---------------------------------------------------------------------------------------
# Settling each row's class


def _check_class_arg(class_name: str | None) -> tuple[str | None, list[ImportProblem]]:
    if class_name is None:
        return None, []
    name = clean_text(class_name)
    if not name:
        return None, [ImportProblem(None, None, _("The name of the class is empty."))]
    if len(name) > CLASS_NAME_MAX:
        return None, [
            ImportProblem(
                None,
                None,
                _("The class name {name} is longer than {limit} characters.").format(
                    name=name, limit=CLASS_NAME_MAX
                ),
            )
        ]
    if looks_like_cpr(name):
        return None, [ImportProblem(None, None, _("The class name looks like a CPR number."))]
    return name, []


def _targets(
    parsed: ParsedList, class_name: str | None
) -> tuple[list[tuple[ParsedRow, str]], list[ImportProblem]]:
    """Each row with the name of its class, and the problems with that."""
    problems: list[ImportProblem] = []
    if class_name is None and parsed.class_column is None:
        problems.append(
            ImportProblem(
                parsed.header_line,
                None,
                _(
                    "The list has no class column (Klasse or Class). Add one, "
                    "or choose the class the whole list goes in."
                ),
            )
        )
        return [], problems
    targets: list[tuple[ParsedRow, str]] = []
    for row in parsed.rows:
        if row.class_name is None:
            if class_name is None:
                problems.append(
                    ImportProblem(
                        row.line,
                        parsed.class_column,
                        _("The class is empty. Fill it in, or choose the class for the list."),
                    )
                )
                continue
            targets.append((row, class_name))
        elif class_name is not None and class_key(row.class_name) != class_key(class_name):
            problems.append(
                ImportProblem(
                    row.line,
                    parsed.class_column,
                    _(
                        "The list puts {name} in class {row_class}, but the import is "
                        "for class {class_name}."
                    ).format(name=row.full_name, row_class=row.class_name, class_name=class_name),
                )
            )
        else:
            targets.append((row, class_name or row.class_name))
    return targets, problems


# ---------------------------------------------------------------------------------------
# The plan


class _Planned:
    """A row that exists already (``existing_id``) or is written by this import (``new``)."""

    existing_id: int | None
    new: SchoolClass | Guardian | Student | None

    @property
    def id(self) -> int:
        if self.existing_id is not None:
            return self.existing_id
        assert self.new is not None
        return self.new.id


@dataclass
class _ClassPlan(_Planned):
    name: str
    existing_id: int | None
    new: SchoolClass | None = None


@dataclass
class _GuardianPlan(_Planned):
    source: ParsedGuardian
    existing_id: int | None
    new: Guardian | None = None


@dataclass
class _PupilPlan(_Planned):
    row: ParsedRow
    school_class: _ClassPlan
    existing_id: int | None
    enrol: bool
    links: list[tuple[_GuardianPlan, int]] = field(default_factory=list)
    new: Student | None = None


@dataclass
class _Plan:
    classes: dict[str, _ClassPlan] = field(default_factory=dict)
    pupils: list[_PupilPlan] = field(default_factory=list)
    new_guardians: list[_GuardianPlan] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(1 for p in self.pupils if p.enrol)

    @property
    def existing(self) -> int:
        return sum(1 for p in self.pupils if not p.enrol)

    @property
    def created_classes(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.classes.values() if c.existing_id is None)


@dataclass(frozen=True)
class _Stored:
    """A stored pupil, as far as matching needs it."""

    id: int
    birth_date: dt.date | None
    left_on: dt.date | None
    class_id: int | None  # enrolment in the import's school year


def _fits(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or a == b


class _Planner:
    def __init__(self, session: Session, school_year: int, name_column: str | None) -> None:
        self.s = session
        self.year = school_year
        self.name_column = name_column
        self.plan = _Plan()
        self.class_names: dict[int, str] = {}
        self.used_students: set[int] = set()
        self.guardians_by_key: dict[tuple[str, str], _GuardianPlan] = {}

    # classes -----------------------------------------------------------------------

    def load_classes(self, names: list[str]) -> None:
        stored = self.s.execute(
            select(SchoolClass.id, SchoolClass.name).where(SchoolClass.school_year == self.year)
        ).all()
        self.class_names = {row.id: row.name for row in stored}
        for name in names:
            key = class_key(name)
            if key in self.plan.classes:
                continue
            exact = next((cid for cid, cname in stored if cname == name), None)
            fuzzy = next((cid for cid, cname in stored if class_key(cname) == key), None)
            found = exact if exact is not None else fuzzy
            self.plan.classes[key] = _ClassPlan(
                name if found is None else self.class_names[found], found
            )

    # pupils ------------------------------------------------------------------------

    def load_students(self, keys: set[str]) -> dict[str, list[_Stored]]:
        rows = self.s.execute(
            select(
                Student.id,
                Student.first_name,
                Student.last_name,
                Student.birth_date,
                Student.left_on,
                Enrolment.class_id,
            ).outerjoin(
                Enrolment,
                and_(Enrolment.student_id == Student.id, Enrolment.school_year == self.year),
            )
        ).all()
        by_key: dict[str, list[_Stored]] = {}
        for sid, first, last, birth, left_on, class_id in rows:
            key = name_key(first, last)
            if key in keys:
                by_key.setdefault(key, []).append(_Stored(sid, birth, left_on, class_id))
        return by_key

    def match(self, row: ParsedRow, target: _ClassPlan, stored: list[_Stored]) -> _PupilPlan | None:
        def order(c: _Stored) -> tuple[bool, int]:
            return (c.birth_date != row.birth_date, c.id)

        fitting = sorted(
            (
                c
                for c in stored
                if c.id not in self.used_students and _fits(c.birth_date, row.birth_date)
            ),
            key=order,
        )
        enrolled = [c for c in fitting if c.class_id is not None]
        in_class = [c for c in enrolled if target.existing_id == c.class_id]
        if in_class:
            return self._take(row, target, in_class[0].id, enrol=False)
        if enrolled:
            other = self.class_names.get(enrolled[0].class_id or 0, "?")
            self.plan.problems.append(
                ImportProblem(
                    row.line,
                    self.name_column,
                    _(
                        "{name} is already in class {other} in the school year {year}. "
                        "A pupil is in one class per school year; move the pupil in the "
                        "program instead."
                    ).format(name=row.full_name, other=other, year=SchoolYear(self.year).label),
                )
            )
            return None
        returning = [
            c
            for c in fitting
            if c.left_on is None and c.birth_date is not None and c.birth_date == row.birth_date
        ]
        if returning:
            return self._take(row, target, returning[0].id, enrol=True)
        return _PupilPlan(row, target, None, enrol=True)

    def _take(self, row: ParsedRow, target: _ClassPlan, sid: int, *, enrol: bool) -> _PupilPlan:
        self.used_students.add(sid)
        return _PupilPlan(row, target, sid, enrol=enrol)

    # guardians ---------------------------------------------------------------------

    def load_guardians(
        self, pupils: list[_PupilPlan]
    ) -> tuple[dict[int, set[str]], dict[tuple[str, str], int]]:
        """The names of the stored pupils' guardians, and stored guardians by e-mail+name."""
        ids = [p.existing_id for p in pupils if p.existing_id is not None]
        names_of: dict[int, set[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for sid, gname in self.s.execute(
                select(StudentGuardian.student_id, Guardian.name)
                .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
                .where(StudentGuardian.student_id.in_(chunk))
            ):
                names_of.setdefault(sid, set()).add(clean_text(gname).casefold())
        wanted = {_guardian_key(g) for p in pupils for g in p.row.guardians if g.email is not None}
        by_key: dict[tuple[str, str], int] = {}
        if wanted:
            for gid, gname, email in self.s.execute(
                select(Guardian.id, Guardian.name, Guardian.email)
                .where(Guardian.email.is_not(None))
                .order_by(Guardian.id)
            ):
                key = (clean_text(email or "").casefold(), clean_text(gname).casefold())
                if key in wanted:
                    by_key.setdefault(key, gid)
        return names_of, by_key

    def link_guardians(self) -> None:
        names_of, stored = self.load_guardians(self.plan.pupils)
        for pupil in self.plan.pupils:
            have = names_of.get(pupil.existing_id, set()) if pupil.existing_id else set()
            for g in pupil.row.guardians:
                if clean_text(g.name).casefold() in have:
                    continue
                planned: _GuardianPlan | None = None
                if g.email is not None:
                    key = _guardian_key(g)
                    planned = self.guardians_by_key.get(key)
                    if planned is None:
                        planned = _GuardianPlan(g, stored.get(key))
                        self.guardians_by_key[key] = planned
                        if planned.existing_id is None:
                            self.plan.new_guardians.append(planned)
                else:
                    planned = _GuardianPlan(g, None)
                    self.plan.new_guardians.append(planned)
                if any(p is planned for p, _pos in pupil.links):
                    continue
                pupil.links.append((planned, g.position))

    def linked_pairs(self) -> set[tuple[int, int]]:
        """(student, guardian) links that exist already among those the plan would make."""
        pairs = {
            (p.existing_id, g.existing_id)
            for p in self.plan.pupils
            for g, _pos in p.links
            if p.existing_id is not None and g.existing_id is not None
        }
        if not pairs:
            return set()
        students = {sid for sid, _gid in pairs}
        found = self.s.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id).where(
                StudentGuardian.student_id.in_(students)
            )
        ).all()
        return {(sid, gid) for sid, gid in found} & pairs


def _guardian_key(g: ParsedGuardian) -> tuple[str, str]:
    assert g.email is not None
    return (clean_text(g.email).casefold(), clean_text(g.name).casefold())


def _make_plan(
    session: Session,
    targets: list[tuple[ParsedRow, str]],
    school_year: int,
    name_column: str | None,
) -> tuple[_Plan, set[tuple[int, int]]]:
    planner = _Planner(session, school_year, name_column)
    planner.load_classes([name for _row, name in targets])
    stored = planner.load_students({row.name_key for row, _name in targets})
    for row, name in targets:
        target = planner.plan.classes[class_key(name)]
        pupil = planner.match(row, target, stored.get(row.name_key, []))
        if pupil is not None:
            planner.plan.pupils.append(pupil)
    planner.link_guardians()
    return planner.plan, planner.linked_pairs()


def _carry_out(
    session: Session, plan: _Plan, school_year: int, linked: set[tuple[int, int]]
) -> None:
    for cls in plan.classes.values():
        if cls.existing_id is None:
            cls.new = SchoolClass(
                name=cls.name, school_year=school_year, grade=grade_from_name(cls.name)
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
    chosen, class_problems = _check_class_arg(class_name)
    problems[:0] = class_problems
    if problems:
        raise failed(problems, parsed.ignored_columns)
    targets, problems = _targets(parsed, chosen)
    if problems:
        raise failed(problems, parsed.ignored_columns)

    opened = db.reading() if dry_run else db.transaction()
    with opened as session:
        plan, linked = _make_plan(session, targets, year, parsed.name_column)
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
