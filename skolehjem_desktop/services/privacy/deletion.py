"""Deleting a pupil for good, and the pupils who left the school long ago.

Deleting for good is :meth:`StudentService.delete` followed by ``VACUUM`` and a
truncating WAL checkpoint, so the deleted text is left neither in the database's free
pages nor in its write-ahead log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.schoolyear import months_before
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import Enrolment, SchoolClass, Student

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services

Progress = Callable[[int, int, str], bool]

DEFAULT_LEFT_MONTHS = 12
MAX_LEFT_MONTHS = 600


@dataclass(frozen=True)
class LeftPupil:
    """A pupil marked as left, with their last class."""

    id: int
    first_name: str
    last_name: str
    left_on: dt.date
    class_name: str | None
    school_year: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# --- deleting for good ---------------------------------------------------------------------


def vacuum(db: Database) -> None:
    """Rebuild the database file so deleted text is not left in free pages or the WAL."""
    with db.engine.connect() as conn:
        auto = conn.execution_options(isolation_level="AUTOCOMMIT")
        auto.exec_driver_sql("VACUUM")
        auto.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def delete_student_completely(services: Services, student_id: int) -> None:
    """Delete the pupil with every row about them, then vacuum the database.

    The window's and the command line's "delete pupil" should call this rather than
    ``services.students.delete``.
    """
    services.students.delete(student_id)
    vacuum(services.db)


# --- pupils who left long ago --------------------------------------------------------------


def check_months(months: int) -> int:
    if (
        isinstance(months, bool)
        or not isinstance(months, int)
        or not 0 <= months <= MAX_LEFT_MONTHS
    ):
        raise ValidationError(
            _("{value} is not a number of months between 0 and {limit}.").format(
                value=months, limit=MAX_LEFT_MONTHS
            )
        )
    return months


def left_pupils(
    services: Services, older_than_months: int = DEFAULT_LEFT_MONTHS
) -> list[LeftPupil]:
    """Pupils marked as left more than ``older_than_months`` months ago, longest gone first."""
    cutoff = months_before(services.today(), check_months(older_than_months))
    with services.db.reading() as s:
        students = s.execute(
            select(Student.id, Student.first_name, Student.last_name, Student.left_on)
            .where(Student.left_on.is_not(None), Student.left_on < cutoff)
            .order_by(Student.left_on, Student.last_name, Student.first_name, Student.id)
        ).all()
        latest: dict[int, tuple[str, int]] = {}
        ids = [row[0] for row in students]
        if ids:
            for sid, name, year in s.execute(
                select(Enrolment.student_id, SchoolClass.name, Enrolment.school_year)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.student_id.in_(ids))
                .order_by(Enrolment.school_year)
            ):
                latest[sid] = (name, year)  # the newest year wins
    result = []
    for sid, first, last, left_on in students:
        assert left_on is not None
        found = latest.get(sid)
        result.append(
            LeftPupil(
                sid,
                first,
                last,
                left_on,
                found[0] if found else None,
                found[1] if found else None,
            )
        )
    return result


def purge_left(
    services: Services,
    older_than_months: int = DEFAULT_LEFT_MONTHS,
    student_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Delete the pupils who left more than ``older_than_months`` ago, then vacuum once.

    ``student_ids`` limits it to those pupils (ids that are not such pupils are
    skipped). ``progress(done, total, name)`` returning False stops it; the pupils
    already deleted stay deleted and the database is vacuumed all the same.
    Returns how many pupils were deleted.
    """
    candidates = left_pupils(services, older_than_months)
    if student_ids is not None:
        wanted = set(student_ids)
        candidates = [p for p in candidates if p.id in wanted]
    deleted = 0
    try:
        for done, pupil in enumerate(candidates):
            if progress is not None and not progress(done, len(candidates), pupil.full_name):
                break
            services.students.delete(pupil.id)
            deleted += 1
    finally:
        if deleted:
            vacuum(services.db)
    if progress is not None and deleted == len(candidates):
        progress(deleted, len(candidates), "")
    return deleted
