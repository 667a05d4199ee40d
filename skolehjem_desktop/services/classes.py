"""Classes: create, rename, archive, list, and move a class on to the next school year."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skolehjem_desktop.collation import sort_key
from skolehjem_desktop.domain.limits import CLASS_NAME_MAX
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import Service, check_school_year, clean_text, get_or_404
from skolehjem_desktop.services.bulk import (
    check_exist,
    clean,
    insert_returning_ids,
    insert_rows,
    values_by_id,
)
from skolehjem_desktop.services.grades import grade_from_name
from skolehjem_desktop.services.school import NewTeacher, SchoolService
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import ClassTeacher, Enrolment, SchoolClass, Student, Teacher

LEADING_GRADE = re.compile(r"^(\s*)(\d{1,2})(.*)$")


@dataclass(frozen=True)
class ClassInfo:
    id: int
    name: str
    school_year: int
    grade: int | None
    archived: bool
    student_count: int
    contact_teachers: tuple[str, ...]
    is_mine: bool

    @property
    def year_label(self) -> str:
        return SchoolYear(self.school_year).label


@dataclass(frozen=True)
class Promotion:
    """A class of a school year and what moving it on to the next year would make of it.

    ``proposed_name`` is the next grade's name (5.A → 6.A), or None when the name has no
    grade to count up. ``suggested`` says whether the class should move on by default:
    not a 9th or 10th grade (the pupils usually leave) and not a class without a grade.
    ``promoted_as`` names the class it already became, when it was moved on before.
    """

    school_class: ClassInfo
    proposed_name: str | None
    suggested: bool
    promoted_as: str | None


@dataclass(frozen=True, slots=True)
class NewClass:
    """A class for :meth:`ClassService.create_many_in`.

    ``grade`` None reads it from the name, as :meth:`ClassService.create` does.
    ``other_teacher_ids`` are the class's teachers who are not its contact teachers.
    ``previous_id`` is the class of the school year before that this one continues
    (what :meth:`ClassService.promote` records).
    """

    name: str
    school_year: int
    grade: int | None = None
    contact_teacher_ids: tuple[int, ...] = ()
    other_teacher_ids: tuple[int, ...] = ()
    previous_id: int | None = None


@dataclass(frozen=True)
class ClassTeacherInfo:
    """A teacher of a class: its contact teacher, or one who teaches it."""

    id: int
    name: str
    initials: str
    is_user: bool
    is_contact_teacher: bool


def user_ids(s: Session) -> list[int]:
    """The teacher who uses the program, as a list of none or one id."""
    return list(s.scalars(select(Teacher.id).where(Teacher.is_user)))


def _set_contacts(s: Session, school_class: SchoolClass, teacher_ids: Sequence[int]) -> None:
    """Make ``teacher_ids`` (checked) the contact teachers; those who only teach it stay."""
    wanted = dict.fromkeys(teacher_ids)
    for link in list(school_class.teachers):
        if link.teacher_id in wanted:
            link.is_contact_teacher = True
            del wanted[link.teacher_id]
        elif link.is_contact_teacher:
            school_class.teachers.remove(link)
    s.flush()
    for teacher_id in wanted:
        school_class.teachers.append(ClassTeacher(teacher_id=teacher_id, is_contact_teacher=True))


def next_class_name(name: str) -> str | None:
    """ "5.A" → "6.A"; None when the name has no grade to count up or is in 10th grade."""
    match = LEADING_GRADE.match(name)
    if not match:
        return None
    grade = int(match.group(2))
    if grade >= 10:
        return None
    return f"{match.group(1)}{grade + 1}{match.group(3)}"


def _check_grade(grade: int | None) -> int | None:
    if grade is not None and not 0 <= grade <= 10:
        raise ValidationError(_("The grade must be between 0 and 10."))
    return grade


def _ensure_unique(session: Session, name: str, year: int, exclude: int | None = None) -> None:
    query = select(SchoolClass.id).where(
        func.casefold(SchoolClass.name) == name.casefold(), SchoolClass.school_year == year
    )
    if exclude is not None:
        query = query.where(SchoolClass.id != exclude)
    if session.scalars(query).first() is not None:
        raise ValidationError(
            _("There is already a class {name} in {year}.").format(
                name=name, year=SchoolYear(year).label
            )
        )


class ClassService(Service):
    def create(
        self,
        name: str,
        school_year: int | None = None,
        grade: int | None = None,
        contact_teacher_ids: tuple[int, ...] | None = None,
        new_contact_teachers: Sequence[NewTeacher] = (),
    ) -> ClassInfo:
        """A new class; its contact teachers are ``contact_teacher_ids``, by default the
        teacher who uses the program (the one who makes the class), if there is one.

        ``new_contact_teachers`` are added to the school's teachers and made contact
        teachers too; on any problem nothing is stored.
        """
        name = clean_text(name, _("Class name"), CLASS_NAME_MAX, required=True)
        year = check_school_year(school_year if school_year is not None else self.current_year())
        grade = _check_grade(grade if grade is not None else grade_from_name(name))
        with self.db.transaction() as s:
            _ensure_unique(s, name, year)
            if contact_teacher_ids is None:
                contact_teacher_ids = tuple(user_ids(s))
            added = SchoolService(self.db, self.clock).add_teachers_in(s, new_contact_teachers)
            school_class = SchoolClass(name=name, school_year=year, grade=grade)
            for teacher_id in dict.fromkeys((*contact_teacher_ids, *added)):
                get_or_404(s, Teacher, teacher_id, _("Teacher"))
                school_class.teachers.append(
                    ClassTeacher(teacher_id=teacher_id, is_contact_teacher=True)
                )
            s.add(school_class)
            s.flush()
            return self._info(s, school_class.id)

    def rename(self, class_id: int, name: str, grade: int | None = None) -> ClassInfo:
        name = clean_text(name, _("Class name"), CLASS_NAME_MAX, required=True)
        with self.db.transaction() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            _ensure_unique(s, name, school_class.school_year, exclude=class_id)
            school_class.name = name
            if grade is not None:
                school_class.grade = _check_grade(grade)
            elif grade_from_name(name) is not None:
                school_class.grade = grade_from_name(name)
            s.flush()
            return self._info(s, class_id)

    def archive(self, class_id: int, archived: bool = True) -> None:
        with self.db.transaction() as s:
            get_or_404(s, SchoolClass, class_id, _("Class")).archived = archived

    def set_contact_teachers(self, class_id: int, teacher_ids: tuple[int, ...]) -> None:
        """Make ``teacher_ids`` the class's contact teachers; its other teachers stay."""
        with self.db.transaction() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            for teacher_id in teacher_ids:
                get_or_404(s, Teacher, teacher_id, _("Teacher"))
            _set_contacts(s, school_class, teacher_ids)

    def edit(
        self,
        class_id: int,
        name: str,
        grade: int | None,
        contact_teacher_ids: Sequence[int],
        new_contact_teachers: Sequence[NewTeacher] = (),
    ) -> ClassInfo:
        """Change the class's name, grade (None: no grade) and contact teachers at once.

        ``new_contact_teachers`` are added to the school's teachers and made contact
        teachers too. Everything is checked first: on any problem nothing is changed.
        The class's other teachers (who teach it but are not contact teachers) stay.
        """
        name = clean_text(name, _("Class name"), CLASS_NAME_MAX, required=True)
        grade = _check_grade(grade)
        with self.db.transaction() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            _ensure_unique(s, name, school_class.school_year, exclude=class_id)
            check_exist(s, Teacher, set(contact_teacher_ids), N_("Teacher"))
            added = SchoolService(self.db, self.clock).add_teachers_in(s, new_contact_teachers)
            school_class.name = name
            school_class.grade = grade
            _set_contacts(s, school_class, (*contact_teacher_ids, *added))
            s.flush()
            return self._info(s, class_id)

    def teachers(self, class_id: int) -> list[ClassTeacherInfo]:
        """The class's teachers, its contact teachers first, each by name."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            rows = s.execute(
                select(Teacher, ClassTeacher.is_contact_teacher)
                .join(ClassTeacher, ClassTeacher.teacher_id == Teacher.id)
                .where(ClassTeacher.class_id == class_id)
            ).all()
            found = [
                ClassTeacherInfo(t.id, t.name, t.initials, t.is_user, contact)
                for t, contact in rows
            ]
        return sorted(found, key=lambda t: (not t.is_contact_teacher, sort_key(t.name)))

    def promote(self, class_id: int, new_name: str | None = None) -> ClassInfo:
        """Move a class to the next school year: 5.A 2026/27 becomes 6.A 2027/28.

        The pupils still in the class (not marked as left) are enrolled in the new
        class; their history stays with them. The contact teachers come along.
        """
        with self.db.transaction() as s:
            old = get_or_404(s, SchoolClass, class_id, _("Class"))
            name = new_name or next_class_name(old.name)
            if not name:
                raise ValidationError(
                    _("Give the new name of {name}: it has no grade to count up.").format(
                        name=old.name
                    )
                )
            name = clean_text(name, _("Class name"), CLASS_NAME_MAX, required=True)
            year = old.school_year + 1
            _ensure_unique(s, name, year)
            new = SchoolClass(
                name=name,
                school_year=year,
                grade=grade_from_name(name)
                if grade_from_name(name) is not None
                else (None if old.grade is None else min(old.grade + 1, 10)),
                previous_id=old.id,
            )
            for link in old.teachers:
                new.teachers.append(
                    ClassTeacher(
                        teacher_id=link.teacher_id, is_contact_teacher=link.is_contact_teacher
                    )
                )
            s.add(new)
            s.flush()
            moved = s.execute(
                select(Enrolment.student_id)
                .join(Student, Student.id == Enrolment.student_id)
                .where(Enrolment.class_id == old.id, Student.left_on.is_(None))
            ).scalars()
            for student_id in moved:
                # A pupil already placed in a class of the new year stays where they were put.
                if s.get(Enrolment, (student_id, year)) is None:
                    s.add(Enrolment(student_id=student_id, school_year=year, class_id=new.id))
            s.flush()
            return self._info(s, new.id)

    def promotion_proposals(self, school_year: int) -> list[Promotion]:
        """The classes of ``school_year`` (not archived) and how each would move on."""
        classes = self.all(school_year=school_year)
        with self.db.reading() as s:
            ids = [c.id for c in classes]
            done = dict(
                s.execute(
                    select(SchoolClass.previous_id, SchoolClass.name).where(
                        SchoolClass.previous_id.in_(ids),
                        SchoolClass.school_year == school_year + 1,
                    )
                ).all()
            )
        proposals = []
        for info in sorted(classes, key=lambda c: (c.grade is None, c.grade or 0, c.name)):
            proposed = next_class_name(info.name)
            suggested = (
                proposed is not None
                and info.grade is not None
                and info.grade < 9
                and info.id not in done
            )
            proposals.append(Promotion(info, proposed, suggested, done.get(info.id)))
        return proposals

    def get(self, class_id: int) -> ClassInfo:
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            return self._info(s, class_id)

    def find(self, name: str, school_year: int | None = None) -> ClassInfo:
        """The class called ``name`` (any case) in the school year, or a clear error."""
        year = school_year if school_year is not None else self.current_year()
        with self.db.reading() as s:
            class_id = s.scalars(
                select(SchoolClass.id).where(
                    func.casefold(SchoolClass.name) == name.strip().casefold(),
                    SchoolClass.school_year == year,
                )
            ).first()
            if class_id is None:
                raise NotFoundError(
                    _("There is no class {name} in {year}.").format(
                        name=name, year=SchoolYear(year).label
                    )
                )
            return self._info(s, class_id)

    def all(
        self, school_year: int | None = None, include_archived: bool = False
    ) -> list[ClassInfo]:
        """The classes of a school year (all years if None), the user's own classes first."""
        with self.db.reading() as s:
            query = select(SchoolClass.id)
            if school_year is not None:
                query = query.where(SchoolClass.school_year == school_year)
            if not include_archived:
                query = query.where(SchoolClass.archived.is_(False))
            ids = list(s.scalars(query))
            infos = self._infos(s, ids)
        return sorted(infos, key=lambda c: (-c.school_year, not c.is_mine, c.grade or 0, c.name))

    def school_years(self) -> list[int]:
        """Every school year that has a class, newest first, and always the current one."""
        with self.db.reading() as s:
            years = set(s.scalars(select(SchoolClass.school_year).distinct()))
        years.add(self.current_year())
        return sorted(years, reverse=True)

    def create_many_in(self, s: Session, classes: Sequence[NewClass]) -> list[int]:
        """Create ``classes`` inside the caller's transaction; their ids, in the same order.

        Each is checked as :meth:`create` checks one: a name unique in its school year
        (among those stored and those given), a grade from 0 to 10, teachers who exist.
        A previous class must exist and belong to the school year before. A teacher
        both among the contact teachers and the others is a contact teacher.
        """
        rows = []
        names: set[tuple[str, int]] = set()
        teacher_ids = {t for c in classes for t in (*c.contact_teacher_ids, *c.other_teacher_ids)}
        check_exist(s, Teacher, teacher_ids, N_("Teacher"))
        previous = {c.previous_id for c in classes if c.previous_id is not None}
        check_exist(s, SchoolClass, previous, N_("Class"))
        previous_year = values_by_id(s, SchoolClass, SchoolClass.school_year, previous)
        for c in classes:
            name = clean(c.name, N_("Class name"), CLASS_NAME_MAX, required=True)
            year = check_school_year(c.school_year)
            key = (name.casefold(), year)
            if key in names:
                raise ValidationError(
                    _("There is already a class {name} in {year}.").format(
                        name=name, year=SchoolYear(year).label
                    )
                )
            names.add(key)
            _ensure_unique(s, name, year)
            if c.previous_id is not None and previous_year.get(c.previous_id) != year - 1:
                raise ValueError(f"Class {c.previous_id} is not a class of the year before.")
            rows.append(
                {
                    "name": name,
                    "school_year": year,
                    "grade": _check_grade(
                        c.grade if c.grade is not None else grade_from_name(name)
                    ),
                    "archived": False,
                    "previous_id": c.previous_id,
                }
            )
        ids = insert_returning_ids(s, SchoolClass, rows)
        links = []
        for class_id, c in zip(ids, classes, strict=True):
            contact = dict.fromkeys(c.contact_teacher_ids)
            others = [t for t in dict.fromkeys(c.other_teacher_ids) if t not in contact]
            for teacher_id in contact:
                links.append(
                    {"class_id": class_id, "teacher_id": teacher_id, "is_contact_teacher": True}
                )
            for teacher_id in others:
                links.append(
                    {"class_id": class_id, "teacher_id": teacher_id, "is_contact_teacher": False}
                )
        insert_rows(s, ClassTeacher, links)
        return ids

    def _info(self, s: Session, class_id: int) -> ClassInfo:
        return self._infos(s, [class_id])[0]

    def _infos(self, s: Session, ids: list[int]) -> list[ClassInfo]:
        if not ids:
            return []
        classes = s.scalars(select(SchoolClass).where(SchoolClass.id.in_(ids))).all()
        counts = dict(
            s.execute(
                select(Enrolment.class_id, func.count())
                .join(Student, Student.id == Enrolment.student_id)
                .where(Enrolment.class_id.in_(ids), Student.left_on.is_(None))
                .group_by(Enrolment.class_id)
            ).all()
        )
        teachers: dict[int, list[str]] = {}
        mine: set[int] = set()
        for cid, initials, is_user in s.execute(
            select(ClassTeacher.class_id, Teacher.initials, Teacher.is_user)
            .join(Teacher, Teacher.id == ClassTeacher.teacher_id)
            .where(ClassTeacher.class_id.in_(ids), ClassTeacher.is_contact_teacher)
            .order_by(Teacher.initials)
        ):
            teachers.setdefault(cid, []).append(initials)
            if is_user:
                mine.add(cid)
        return [
            ClassInfo(
                id=c.id,
                name=c.name,
                school_year=c.school_year,
                grade=c.grade,
                archived=c.archived,
                student_count=counts.get(c.id, 0),
                contact_teachers=tuple(teachers.get(c.id, ())),
                is_mine=c.id in mine,
            )
            for c in classes
        ]
