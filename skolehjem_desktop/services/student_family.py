"""What goes with a pupil: what deleting them deletes too, and their siblings."""

from __future__ import annotations

from sqlalchemy import func, select

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import get_or_404
from skolehjem_desktop.services.student_reading import StudentReading
from skolehjem_desktop.services.student_rows import DeletionSummary, StudentRow
from skolehjem_desktop.store.models import (
    Agreement,
    ContactEntry,
    Conversation,
    FocusPoint,
    FocusPresentation,
    Student,
    StudentGuardian,
)


class StudentFamily(StudentReading):
    """The deletion summary and the siblings (a part of :class:`~.students.StudentService`)."""

    def deletion_summary(self, student_id: int) -> DeletionSummary:
        """What :meth:`delete` would delete: counts per kind and the guardians who go too."""
        with self.db.reading() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))

            def count(
                model: type[Conversation | FocusPoint | FocusPresentation | ContactEntry],
            ) -> int:
                return int(
                    s.scalar(
                        select(func.count())
                        .select_from(model)
                        .where(model.student_id == student_id)
                    )
                    or 0
                )

            agreements = int(
                s.scalar(
                    select(func.count())
                    .select_from(Agreement)
                    .join(Conversation, Conversation.id == Agreement.conversation_id)
                    .where(Conversation.student_id == student_id)
                )
                or 0
            )
            deleted: list[str] = []
            kept: list[str] = []
            for guardian in self._guardians(s, student_id):
                (kept if guardian.other_children else deleted).append(guardian.name)
            return DeletionSummary(
                student_id=student.id,
                full_name=student.full_name,
                conversations=count(Conversation),
                agreements=agreements,
                focus_points=count(FocusPoint),
                presentations=count(FocusPresentation),
                contacts=count(ContactEntry),
                guardians_deleted=tuple(deleted),
                guardians_kept=tuple(kept),
            )

    def siblings(self, student_id: int) -> list[StudentRow]:
        """Pupils who share a guardian with this one, in any class."""
        with self.db.reading() as s:
            guardian_ids = select(StudentGuardian.guardian_id).where(
                StudentGuardian.student_id == student_id
            )
            ids = s.scalars(
                select(StudentGuardian.student_id)
                .where(
                    StudentGuardian.guardian_id.in_(guardian_ids),
                    StudentGuardian.student_id != student_id,
                )
                .distinct()
            ).all()
            return [self._row(s, i, None) for i in sorted(ids)]
