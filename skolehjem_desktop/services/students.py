"""Pupils and their guardians: add, edit, move between classes, mark as left, delete.

The rows it hands out and the birth date rules are in :mod:`.student_rows`, a pupil's
guardians in :mod:`.student_guardians`, the deletion summary and the siblings in
:mod:`.student_family`, on the reading they share (:mod:`.student_reading`);
:class:`StudentService` brings them together, and the rows are re-exported here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from skolehjem_desktop.domain.limits import NAME_MAX
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import clean_text, get_or_404
from skolehjem_desktop.services.student_bulk import (
    AddedPupils,
    GuardianLink,
    NewGuardian,
    NewPupil,
    StudentBulk,
)
from skolehjem_desktop.services.student_family import StudentFamily
from skolehjem_desktop.services.student_guardians import StudentGuardians
from skolehjem_desktop.services.student_reading import delete_orphan_guardians
from skolehjem_desktop.services.student_rows import (
    OLDEST_BIRTH_YEAR,
    DeletionSummary,
    GuardianCandidate,
    GuardianInfo,
    StudentDetail,
    StudentRow,
    check_birth_date,
    parse_birth_date,
)
from skolehjem_desktop.store.models import Enrolment, SchoolClass, Student

__all__ = [
    "OLDEST_BIRTH_YEAR",
    "AddedPupils",
    "DeletionSummary",
    "GuardianCandidate",
    "GuardianInfo",
    "GuardianLink",
    "NewGuardian",
    "NewPupil",
    "StudentDetail",
    "StudentRow",
    "StudentService",
    "check_birth_date",
    "parse_birth_date",
]


class StudentService(StudentGuardians, StudentFamily, StudentBulk):
    """Pupils: add, edit, move, mark as left, delete, read; their guardians, deletion
    summary and siblings inherited."""

    # --- pupils -------------------------------------------------------------------------

    def add(
        self,
        first_name: str,
        last_name: str,
        class_id: int,
        birth_date: dt.date | None = None,
    ) -> StudentRow:
        first = clean_text(first_name, _("First name"), NAME_MAX, required=True)
        last = clean_text(last_name, _("Last name"), NAME_MAX)
        birth = check_birth_date(birth_date, self.today())
        with self.db.transaction() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            student = Student(
                first_name=first, last_name=last, birth_date=birth, created_at=self.clock()
            )
            s.add(student)
            s.flush()
            s.add(
                Enrolment(
                    student_id=student.id,
                    school_year=school_class.school_year,
                    class_id=school_class.id,
                )
            )
            s.flush()
            return self._row(s, student.id, school_class.school_year)

    def edit(
        self,
        student_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        birth_date: dt.date | None = None,
        clear_birth_date: bool = False,
    ) -> StudentRow:
        with self.db.transaction() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            if first_name is not None:
                student.first_name = clean_text(
                    first_name, _("First name"), NAME_MAX, required=True
                )
            if last_name is not None:
                student.last_name = clean_text(last_name, _("Last name"), NAME_MAX)
            if clear_birth_date:
                student.birth_date = None
            elif birth_date is not None:
                student.birth_date = check_birth_date(birth_date, self.today())
            s.flush()
            return self._row(s, student_id, None)

    def move(self, student_id: int, class_id: int) -> StudentRow:
        """Put the pupil in another class of that class's school year."""
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            enrolment = s.get(Enrolment, (student_id, school_class.school_year))
            if enrolment is None:
                s.add(
                    Enrolment(
                        student_id=student_id,
                        school_year=school_class.school_year,
                        class_id=class_id,
                    )
                )
            else:
                enrolment.class_id = class_id
            s.flush()
            return self._row(s, student_id, school_class.school_year)

    def mark_left(self, student_id: int, on: dt.date | None = None) -> None:
        """The pupil has left the school; their records stay until deleted."""
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil")).left_on = on or self.today()

    def mark_returned(self, student_id: int) -> None:
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil")).left_on = None

    def delete(self, student_id: int) -> None:
        """Delete the pupil with everything about them, and guardians no one else has."""
        with self.db.transaction() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            guardian_ids = [link.guardian_id for link in student.guardian_links]
            s.delete(student)
            s.flush()
            delete_orphan_guardians(s, guardian_ids)

    def get(self, student_id: int) -> StudentDetail:
        with self.db.reading() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            classes = s.execute(
                select(Enrolment.school_year, SchoolClass.id, SchoolClass.name)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.student_id == student_id)
                .order_by(Enrolment.school_year.desc())
            )
            return StudentDetail(
                id=student.id,
                first_name=student.first_name,
                last_name=student.last_name,
                birth_date=student.birth_date,
                left_on=student.left_on,
                classes=tuple(classes),
                guardians=tuple(self._guardians(s, student_id)),
            )

    def all(
        self,
        *,
        class_id: int | None = None,
        school_year: int | None = None,
        search: str | None = None,
        include_left: bool = True,
    ) -> list[StudentRow]:
        """Pupils of a class, or of a whole school year, sorted by name."""
        year = school_year
        with self.db.reading() as s:
            if class_id is not None:
                year = get_or_404(s, SchoolClass, class_id, _("Class")).school_year
            if year is None:
                year = self.current_year()
            query = (
                select(
                    Student.id,
                    Student.first_name,
                    Student.last_name,
                    Student.birth_date,
                    Student.left_on,
                    SchoolClass.id,
                    SchoolClass.name,
                    SchoolClass.school_year,
                )
                .join(Enrolment, Enrolment.student_id == Student.id)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.school_year == year)
                .order_by(
                    Student.first_name.collate("da"), Student.last_name.collate("da"), Student.id
                )
            )
            if class_id is not None:
                query = query.where(Enrolment.class_id == class_id)
            if not include_left:
                query = query.where(Student.left_on.is_(None))
            if search and search.strip():
                # instr() on case-folded text: no wildcards, and æøå fold like a and b.
                needle = search.strip().casefold()
                full_name = func.casefold(Student.first_name + " " + Student.last_name)
                query = query.where(func.instr(full_name, needle) > 0)
            return [StudentRow(*row) for row in s.execute(query)]

    def row(self, student_id: int, school_year: int | None = None) -> StudentRow:
        """The pupil with their class in ``school_year`` (or their latest class)."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            if school_year is not None:
                found = self._row(s, student_id, school_year)
                if found.class_id is not None:
                    return found
            return self._row(s, student_id, None)
