"""Reading a pupil's row and guardians inside a session: what the pupils' service shares.

:class:`StudentReading` is the base of the parts of :class:`~.students.StudentService`;
:func:`delete_orphan_guardians` deletes the guardians who are no pupil's any more.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, get_or_404
from skolehjem_desktop.services.student_rows import GuardianInfo, StudentRow
from skolehjem_desktop.store.models import (
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)


class StudentReading(Service):
    """A pupil's row and guardians, read in a session (the base of the service's parts)."""

    def _row(self, s: Session, student_id: int, year: int | None) -> StudentRow:
        student = get_or_404(s, Student, student_id, _("Pupil"))
        query = (
            select(SchoolClass.id, SchoolClass.name, SchoolClass.school_year)
            .join(Enrolment, Enrolment.class_id == SchoolClass.id)
            .where(Enrolment.student_id == student_id)
            .order_by(Enrolment.school_year.desc())
        )
        if year is not None:
            query = query.where(Enrolment.school_year == year)
        found = s.execute(query).first()
        cid, cname, cyear = (found[0], found[1], found[2]) if found else (None, None, None)
        return StudentRow(
            student.id,
            student.first_name,
            student.last_name,
            student.birth_date,
            student.left_on,
            cid,
            cname,
            cyear,
        )

    def _guardians(self, s: Session, student_id: int) -> list[GuardianInfo]:
        ids = s.scalars(
            select(StudentGuardian.guardian_id)
            .where(StudentGuardian.student_id == student_id)
            .order_by(StudentGuardian.position, StudentGuardian.guardian_id)
        ).all()
        return [self._guardian(s, student_id, gid) for gid in ids]

    def _guardian(self, s: Session, student_id: int, guardian_id: int) -> GuardianInfo:
        link = s.get(StudentGuardian, (student_id, guardian_id))
        assert link is not None
        guardian = link.guardian
        others = s.scalars(
            select(Student.first_name)
            .join(StudentGuardian, StudentGuardian.student_id == Student.id)
            .where(
                StudentGuardian.guardian_id == guardian_id, StudentGuardian.student_id != student_id
            )
            .order_by(Student.first_name.collate("da"))
        ).all()
        return GuardianInfo(
            id=guardian.id,
            name=guardian.name,
            relation=link.relation,
            email=guardian.email,
            phone=guardian.phone,
            has_custody=link.has_custody,
            preferred_language=guardian.preferred_language,
            other_children=tuple(others),
            lives_apart=link.lives_apart,
        )


def delete_orphan_guardians(s: Session, guardian_ids: list[int]) -> None:
    if not guardian_ids:
        return
    still_linked = select(StudentGuardian.guardian_id).where(
        StudentGuardian.guardian_id.in_(guardian_ids)
    )
    s.execute(
        delete(Guardian).where(Guardian.id.in_(guardian_ids), Guardian.id.not_in(still_linked))
    )
