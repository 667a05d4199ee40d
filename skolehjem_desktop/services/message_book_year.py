"""What the message book holds for a pupil's school year besides the focus points.

The 2022 rules (L 174): for a pupil who needs them, the interventions and their
follow-up (indsatser og opfølgning); in grades 7–9, the pupil's thoughts on further
education. One row per pupil and school year (``MessageBookYear``); a year with
nothing in it has no row, and reads as empty.

Unticking "needs interventions" keeps the texts (a slip of the mouse loses nothing);
they are printed, and counted, only while the box is ticked. Thoughts on further
education are kept in any grade, but shown and printed only in grades 7–9.

Saving is safe as the teacher types: a text over its limit is refused with a clear
message and nothing changes, and a write the disk or another program would not take
(a full disk, a database held by another process) is refused the same way, so the
window keeps the text in its field and tries again on the next edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import Service, check_school_year, clean_text, get_or_404
from skolehjem_desktop.services.bulk import Row, check_exist, chunks, clean, insert_rows
from skolehjem_desktop.services.focus import grade_of
from skolehjem_desktop.store.models import Enrolment, MessageBookYear, SchoolClass, Student

#: The texts of a school year, as the columns are named.
TEXTS = ("interventions", "follow_up", "further_education")

#: The grades whose message book holds the pupil's thoughts on further education.
FURTHER_EDUCATION_GRADES = range(7, 10)


def further_education_applies(grade: int | None) -> bool:
    """True in grades 7–9: the message book holds the pupil's thoughts on further education."""
    return grade is not None and grade in FURTHER_EDUCATION_GRADES


@dataclass(frozen=True)
class MessageBookYearInfo:
    """A pupil's school year in the message book, besides the focus points.

    ``grade`` is the grade of the pupil's class that year (None: no class, or a class
    without a grade); ``further_education_applies`` is true in grades 7–9.
    """

    student_id: int
    school_year: int
    grade: int | None
    needs_support: bool
    interventions: str
    follow_up: str
    further_education: str

    @property
    def further_education_applies(self) -> bool:
        return further_education_applies(self.grade)

    @property
    def shown_interventions(self) -> str:
        """The interventions as the parents see them: only while the pupil needs them."""
        return self.interventions if self.needs_support else ""

    @property
    def shown_follow_up(self) -> str:
        """The follow-up as the parents see it: only while the pupil needs interventions."""
        return self.follow_up if self.needs_support else ""

    @property
    def shown_further_education(self) -> str:
        """The thoughts on further education as the parents see them: grades 7–9 only."""
        return self.further_education if self.further_education_applies else ""


@dataclass(frozen=True, slots=True)
class NewMessageBookYear:
    """A pupil's school year for :meth:`MessageBookYearService.add_many_in`."""

    student_id: int
    school_year: int
    needs_support: bool = False
    interventions: str = ""
    follow_up: str = ""
    further_education: str = ""


def _info(
    student_id: int, school_year: int, grade: int | None, row: MessageBookYear | None
) -> MessageBookYearInfo:
    if row is None:
        return MessageBookYearInfo(student_id, school_year, grade, False, "", "", "")
    return MessageBookYearInfo(
        student_id,
        school_year,
        grade,
        bool(row.needs_support),
        row.interventions,
        row.follow_up,
        row.further_education,
    )


def _is_empty(row: MessageBookYear) -> bool:
    return not (row.needs_support or row.interventions or row.follow_up or row.further_education)


@contextmanager
def _writing() -> Iterator[None]:
    """A write the database would not take becomes a refusal the window can show.

    A full disk, a file made read-only, or a database another program holds for longer
    than the wait: the transaction was rolled back, so nothing changed.
    """
    try:
        yield
    except OperationalError as exc:
        raise UserError(
            _(
                "The data file could not be written to ({reason}), so nothing was changed. "
                "Free some space on the disk, or close the other program using the file, "
                "and try again."
            ).format(reason=str(exc.orig) if exc.orig is not None else str(exc))
        ) from None


class MessageBookYearService(Service):
    def get(self, student_id: int, school_year: int) -> MessageBookYearInfo:
        """The pupil's school year in the message book; empty when nothing is stored."""
        check_school_year(school_year)
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            return _info(
                student_id,
                school_year,
                grade_of(s, student_id, school_year),
                s.get(MessageBookYear, (student_id, school_year)),
            )

    def update(
        self,
        student_id: int,
        school_year: int,
        *,
        needs_support: bool | None = None,
        interventions: str | None = None,
        follow_up: str | None = None,
        further_education: str | None = None,
    ) -> MessageBookYearInfo:
        """Change what is given (None: leave it); the year as stored now.

        Texts are trimmed and checked against their limit; a refused one changes
        nothing. A year left with nothing in it is not kept.
        """
        check_school_year(school_year)
        texts = {
            "interventions": (interventions, _("Interventions")),
            "follow_up": (follow_up, _("Follow-up")),
            "further_education": (
                further_education,
                _("The pupil's thoughts on further education"),
            ),
        }
        cleaned = {
            name: clean_text(value, what, TEXT_MAX)
            for name, (value, what) in texts.items()
            if value is not None
        }
        with _writing(), self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            row = s.get(MessageBookYear, (student_id, school_year))
            if row is None:
                row = MessageBookYear(
                    student_id=student_id,
                    school_year=school_year,
                    needs_support=False,
                    interventions="",
                    follow_up="",
                    further_education="",
                )
                s.add(row)
            if needs_support is not None:
                row.needs_support = bool(needs_support)
            for name, value in cleaned.items():
                setattr(row, name, value)
            grade = grade_of(s, student_id, school_year)
            if _is_empty(row):
                if row in s.new:
                    s.expunge(row)
                else:
                    s.delete(row)
                return _info(student_id, school_year, grade, None)
            s.flush()
            return _info(student_id, school_year, grade, row)

    def many(self, student_ids: Iterable[int], school_year: int) -> dict[int, MessageBookYearInfo]:
        """The school year of each of the pupils (empty for those with nothing stored).

        For lists and overviews: one query for the rows and one for the grades, however
        many pupils. Pupils that do not exist are left out.
        """
        check_school_year(school_year)
        found: dict[int, MessageBookYearInfo] = {}
        with self.db.reading() as s:
            for chunk in chunks(student_ids):
                known = set(s.scalars(select(Student.id).where(Student.id.in_(chunk))))
                grades = dict(
                    s.execute(
                        select(Enrolment.student_id, SchoolClass.grade)
                        .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                        .where(
                            Enrolment.student_id.in_(chunk),
                            Enrolment.school_year == school_year,
                        )
                    ).all()
                )
                rows = {
                    r.student_id: r
                    for r in s.scalars(
                        select(MessageBookYear).where(
                            MessageBookYear.student_id.in_(chunk),
                            MessageBookYear.school_year == school_year,
                        )
                    )
                }
                for sid in sorted(known):
                    found[sid] = _info(sid, school_year, grades.get(sid), rows.get(sid))
        return found

    def all_of(self, student_id: int) -> list[MessageBookYearInfo]:
        """Every school year stored for the pupil, the earliest first."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            rows = s.scalars(
                select(MessageBookYear)
                .where(MessageBookYear.student_id == student_id)
                .order_by(MessageBookYear.school_year)
            ).all()
            return [
                _info(student_id, r.school_year, grade_of(s, student_id, r.school_year), r)
                for r in rows
            ]

    def add_many_in(self, s: Session, years: Sequence[NewMessageBookYear]) -> None:
        """Store school years inside the caller's transaction (a pupil's year once).

        Each is checked as :meth:`update` checks one; a year with nothing in it is left out.
        """
        check_exist(s, Student, {y.student_id for y in years}, N_("Pupil"))
        rows: list[Row] = []
        seen: set[tuple[int, int]] = set()
        for y in years:
            key = (y.student_id, check_school_year(y.school_year))
            if key in seen:
                raise ValueError("A pupil's school year is given twice.")
            seen.add(key)
            row: Row = {
                "student_id": y.student_id,
                "school_year": y.school_year,
                "needs_support": bool(y.needs_support),
                "interventions": clean(y.interventions, N_("Interventions"), TEXT_MAX),
                "follow_up": clean(y.follow_up, N_("Follow-up"), TEXT_MAX),
                "further_education": clean(
                    y.further_education, N_("The pupil's thoughts on further education"), TEXT_MAX
                ),
            }
            if any(row[k] for k in ("needs_support", *TEXTS)):
                rows.append(row)
        insert_rows(s, MessageBookYear, rows)
