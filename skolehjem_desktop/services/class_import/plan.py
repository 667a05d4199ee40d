"""The plan of an import: against what is stored, which classes, pupils, guardians and
links to make. Nothing is written here (that is :mod:`.apply`'s ``_carry_out``).

The identity rule for pupils and guardians already stored, and the problems planning
can find (a pupil already in another class), are described in :mod:`.apply`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.model import (
    ImportProblem,
    ParsedGuardian,
    ParsedRow,
    clean_text,
    name_key,
)
from skolehjem_desktop.services.class_import.targets import class_key
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)


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
class Plan:
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
        self.plan = Plan()
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


def make_plan(
    session: Session,
    targets: list[tuple[ParsedRow, str]],
    school_year: int,
    name_column: str | None,
) -> tuple[Plan, set[tuple[int, int]]]:
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
