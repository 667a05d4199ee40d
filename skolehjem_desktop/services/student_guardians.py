"""A pupil's guardians: add a new one, link a sibling's, edit, remove; the candidates."""

from __future__ import annotations

from sqlalchemy import delete, select

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.domain.limits import NAME_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import clean_email, clean_phone, clean_text, get_or_404
from skolehjem_desktop.services.student_reading import StudentReading, delete_orphan_guardians
from skolehjem_desktop.services.student_rows import GuardianCandidate, GuardianInfo
from skolehjem_desktop.store.models import (
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)


class StudentGuardians(StudentReading):
    """The guardians of a pupil (a part of :class:`~.students.StudentService`)."""

    def add_guardian(
        self,
        student_id: int,
        name: str,
        *,
        relation: Relation = Relation.PARENT,
        email: str | None = None,
        phone: str | None = None,
        has_custody: bool = True,
        preferred_language: Language = Language.DA,
    ) -> GuardianInfo:
        name = clean_text(name, _("Name"), NAME_MAX, required=True)
        email = clean_email(email)
        phone = clean_phone(phone)
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            guardian = Guardian(
                name=name, email=email, phone=phone, preferred_language=preferred_language
            )
            s.add(guardian)
            s.flush()
            position = len(self._guardians(s, student_id))
            s.add(
                StudentGuardian(
                    student_id=student_id,
                    guardian_id=guardian.id,
                    relation=relation,
                    has_custody=has_custody,
                    position=position,
                )
            )
            s.flush()
            return self._guardian(s, student_id, guardian.id)

    def link_guardian(
        self,
        student_id: int,
        guardian_id: int,
        *,
        relation: Relation = Relation.PARENT,
        has_custody: bool = True,
    ) -> GuardianInfo:
        """Make an existing guardian (a sibling's parent) a guardian of this pupil too."""
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
            if s.get(StudentGuardian, (student_id, guardian_id)) is None:
                position = len(self._guardians(s, student_id))
                s.add(
                    StudentGuardian(
                        student_id=student_id,
                        guardian_id=guardian_id,
                        relation=relation,
                        has_custody=has_custody,
                        position=position,
                    )
                )
                s.flush()
            return self._guardian(s, student_id, guardian_id)

    def edit_guardian(
        self,
        student_id: int,
        guardian_id: int,
        *,
        name: str | None = None,
        relation: Relation | None = None,
        email: str | None = None,
        phone: str | None = None,
        has_custody: bool | None = None,
        preferred_language: Language | None = None,
    ) -> GuardianInfo:
        """Change a guardian; ``email``/``phone`` given as "" clear the field."""
        with self.db.transaction() as s:
            link = s.get(StudentGuardian, (student_id, guardian_id))
            if link is None:
                get_or_404(s, Student, student_id, _("Pupil"))
                get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
                raise ValidationError(_("That guardian is not a guardian of this pupil."))
            guardian = link.guardian
            if name is not None:
                guardian.name = clean_text(name, _("Name"), NAME_MAX, required=True)
            if email is not None:
                guardian.email = clean_email(email)
            if phone is not None:
                guardian.phone = clean_phone(phone)
            if preferred_language is not None:
                guardian.preferred_language = preferred_language
            if relation is not None:
                link.relation = relation
            if has_custody is not None:
                link.has_custody = has_custody
            s.flush()
            return self._guardian(s, student_id, guardian_id)

    def set_lives_apart(self, student_id: int, guardian_id: int, lives_apart: bool) -> GuardianInfo:
        """Mark the guardian as living at another address than the pupil's other guardians.

        Parents who live apart may each get a conversation of their own (the planner).
        """
        with self.db.transaction() as s:
            link = s.get(StudentGuardian, (student_id, guardian_id))
            if link is None:
                get_or_404(s, Student, student_id, _("Pupil"))
                get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
                raise ValidationError(_("That guardian is not a guardian of this pupil."))
            link.lives_apart = bool(lives_apart)
            s.flush()
            return self._guardian(s, student_id, guardian_id)

    def remove_guardian(self, student_id: int, guardian_id: int) -> None:
        """Unlink a guardian from the pupil; delete them if they are no one else's."""
        with self.db.transaction() as s:
            s.execute(
                delete(StudentGuardian).where(
                    StudentGuardian.student_id == student_id,
                    StudentGuardian.guardian_id == guardian_id,
                )
            )
            delete_orphan_guardians(s, [guardian_id])

    def guardians(self, student_id: int) -> list[GuardianInfo]:
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            return self._guardians(s, student_id)

    def guardian_candidates(self, student_id: int) -> list[GuardianCandidate]:
        """Guardians of other pupils who are not yet this pupil's, with their children,
        guardians of pupils with the same last name first, then by name."""
        with self.db.reading() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            mine = select(StudentGuardian.guardian_id).where(
                StudentGuardian.student_id == student_id
            )
            rows = s.execute(
                select(
                    Guardian.id,
                    Guardian.name,
                    Guardian.email,
                    Guardian.phone,
                    Student.id,
                    Student.first_name,
                    Student.last_name,
                )
                .join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
                .join(Student, Student.id == StudentGuardian.student_id)
                .where(Guardian.id.not_in(mine))
            ).all()
            latest_class: dict[int, str] = {}
            child_ids = {row[4] for row in rows}
            if child_ids:
                for sid, cname in s.execute(
                    select(Enrolment.student_id, SchoolClass.name)
                    .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                    .where(Enrolment.student_id.in_(child_ids))
                    .order_by(Enrolment.school_year)
                ):
                    latest_class[sid] = cname  # the newest year wins
            found: dict[int, tuple[str, str | None, str | None, list[str], bool]] = {}
            family = student.last_name.casefold()
            for gid, gname, email, phone, sid, first, last in rows:
                child = f"{first} {last}".strip()
                if sid in latest_class:
                    child = f"{child} ({latest_class[sid]})"
                entry = found.setdefault(gid, (gname, email, phone, [], False))
                entry[3].append(child)
                if family and last.casefold() == family and not entry[4]:
                    found[gid] = (gname, email, phone, entry[3], True)
        candidates = [
            (
                not same_family,
                GuardianCandidate(
                    gid, name, email, phone, tuple(sorted(children, key=str.casefold))
                ),
            )
            for gid, (name, email, phone, children, same_family) in found.items()
        ]
        candidates.sort(key=lambda c: (c[0], c[1].name.casefold(), c[1].id))
        return [c for _first, c in candidates]
