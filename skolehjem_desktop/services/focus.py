"""The message book (meddelelsesbogen): focus points per school year and area.

The school's principles: a few focus points in Danish, maths and the pupil's
all-round development, presented to the parents at least once a year. Grade 0
works with language and maths awareness; in grades 7–9 the pupil's thoughts on
further education are part of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, PresentationVia
from skolehjem_desktop.domain.limits import NAME_MAX, TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import Service, check_school_year, clean_text, get_or_404
from skolehjem_desktop.services.bulk import (
    Row,
    check_exist,
    chunks,
    clean,
    insert_returning_ids,
    values_by_id,
)
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    Conversation,
    Enrolment,
    FocusPoint,
    FocusPresentation,
    SchoolClass,
    Student,
)

AREA_ORDER = list(FocusArea)
OPEN_STATUSES = (FocusStatus.NOT_STARTED, FocusStatus.IN_PROGRESS)


def required_areas(grade: int | None) -> tuple[FocusArea, ...]:
    """The areas a pupil's message book must cover in a grade."""
    if grade == 0:
        return (FocusArea.LANGUAGE_AWARENESS, FocusArea.MATHS_AWARENESS, FocusArea.ALL_ROUND)
    areas = (FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND)
    if grade is not None and 7 <= grade <= 9:
        return (*areas, FocusArea.FURTHER_EDUCATION)
    return areas


@dataclass(frozen=True)
class FocusPointInfo:
    id: int
    student_id: int
    school_year: int
    area: FocusArea
    subject: str
    goal: str
    actions: str
    status: FocusStatus
    evaluation: str
    position: int
    carried_from_id: int | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class PresentationInfo:
    id: int
    student_id: int
    school_year: int
    presented_on: dt.date
    via: PresentationVia
    conversation_id: int | None
    note: str


@dataclass(frozen=True, slots=True)
class NewFocusPoint:
    """A focus point for :meth:`FocusService.add_many_in`.

    ``carried_from`` is the place, among the points given with it, of the point of the
    same pupil in an earlier school year that this one carries on (what
    :meth:`FocusService.carry_forward` records), or None.
    """

    student_id: int
    school_year: int
    area: FocusArea
    goal: str
    actions: str = ""
    status: FocusStatus = FocusStatus.NOT_STARTED
    evaluation: str = ""
    subject: str = ""
    carried_from: int | None = None


@dataclass(frozen=True, slots=True)
class NewPresentation:
    """A presentation for :meth:`FocusService.record_presentations_in`."""

    student_id: int
    presented_on: dt.date
    via: PresentationVia
    conversation_id: int | None = None
    note: str = ""


def _info(p: FocusPoint) -> FocusPointInfo:
    return FocusPointInfo(
        p.id,
        p.student_id,
        p.school_year,
        p.area,
        p.subject,
        p.goal,
        p.actions,
        p.status,
        p.evaluation,
        p.position,
        p.carried_from_id,
    )


def _presentation(p: FocusPresentation) -> PresentationInfo:
    return PresentationInfo(
        p.id, p.student_id, p.school_year, p.presented_on, p.via, p.conversation_id, p.note
    )


def grade_of(s: Session, student_id: int, school_year: int) -> int | None:
    """The pupil's grade in a school year, from their class then."""
    return s.scalar(
        select(SchoolClass.grade)
        .join(Enrolment, Enrolment.class_id == SchoolClass.id)
        .where(Enrolment.student_id == student_id, Enrolment.school_year == school_year)
    )


class FocusService(Service):
    def required_areas_for(self, student_id: int, school_year: int) -> tuple[FocusArea, ...]:
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            return required_areas(grade_of(s, student_id, school_year))

    def add(
        self,
        student_id: int,
        school_year: int,
        area: FocusArea,
        goal: str,
        *,
        actions: str = "",
        status: FocusStatus = FocusStatus.NOT_STARTED,
        evaluation: str = "",
        subject: str = "",
    ) -> FocusPointInfo:
        area = FocusArea(area)
        check_school_year(school_year)
        goal = clean_text(goal, _("The goal"), TEXT_MAX, required=True)
        subject = clean_text(
            subject, _("Subject"), NAME_MAX, required=area is FocusArea.OTHER_SUBJECT
        )
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            position = s.scalar(
                select(func.coalesce(func.max(FocusPoint.position), -1)).where(
                    FocusPoint.student_id == student_id,
                    FocusPoint.school_year == school_year,
                    FocusPoint.area == area,
                )
            )
            point = FocusPoint(
                student_id=student_id,
                school_year=school_year,
                area=area,
                subject=subject,
                goal=goal,
                actions=clean_text(actions, _("Actions"), TEXT_MAX),
                status=FocusStatus(status),
                evaluation=clean_text(evaluation, _("Evaluation"), TEXT_MAX),
                position=int(position if position is not None else -1) + 1,
            )
            s.add(point)
            s.flush()
            return _info(point)

    def update(
        self,
        point_id: int,
        *,
        goal: str | None = None,
        actions: str | None = None,
        status: FocusStatus | None = None,
        evaluation: str | None = None,
        subject: str | None = None,
    ) -> FocusPointInfo:
        with self.db.transaction() as s:
            point = get_or_404(s, FocusPoint, point_id, _("Focus point"))
            if goal is not None:
                point.goal = clean_text(goal, _("The goal"), TEXT_MAX, required=True)
            if actions is not None:
                point.actions = clean_text(actions, _("Actions"), TEXT_MAX)
            if status is not None:
                point.status = FocusStatus(status)
            if evaluation is not None:
                point.evaluation = clean_text(evaluation, _("Evaluation"), TEXT_MAX)
            if subject is not None:
                point.subject = clean_text(
                    subject,
                    _("Subject"),
                    NAME_MAX,
                    required=point.area is FocusArea.OTHER_SUBJECT,
                )
            s.flush()
            return _info(point)

    def remove(self, point_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, FocusPoint, point_id, _("Focus point")))

    def reorder(self, point_ids: list[int]) -> None:
        """Give the focus points of one area the order of ``point_ids``."""
        with self.db.transaction() as s:
            points = [get_or_404(s, FocusPoint, pid, _("Focus point")) for pid in point_ids]
            keys = {(p.student_id, p.school_year, p.area) for p in points}
            if len(keys) > 1:
                raise ValidationError(_("Only focus points of one area can be ordered together."))
            for position, point in enumerate(points):
                point.position = position

    def all(self, student_id: int, school_year: int) -> list[FocusPointInfo]:
        """The pupil's focus points in a school year, by area and then in their order."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            rows = s.scalars(
                select(FocusPoint).where(
                    FocusPoint.student_id == student_id, FocusPoint.school_year == school_year
                )
            ).all()
            return sorted(
                (_info(p) for p in rows), key=lambda p: (AREA_ORDER.index(p.area), p.position, p.id)
            )

    def carry_forward(self, student_id: int, to_year: int) -> list[FocusPointInfo]:
        """Copy last year's open focus points into ``to_year``; each is carried once."""
        check_school_year(to_year)
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            already = set(
                s.scalars(
                    select(FocusPoint.carried_from_id).where(
                        FocusPoint.student_id == student_id,
                        FocusPoint.school_year == to_year,
                        FocusPoint.carried_from_id.is_not(None),
                    )
                )
            )
            grade = grade_of(s, student_id, to_year)
            allowed = set(required_areas(grade)) | {FocusArea.ALL_ROUND, FocusArea.OTHER_SUBJECT}
            source = s.scalars(
                select(FocusPoint)
                .where(
                    FocusPoint.student_id == student_id,
                    FocusPoint.school_year == to_year - 1,
                    FocusPoint.status.in_(OPEN_STATUSES),
                )
                .order_by(FocusPoint.area, FocusPoint.position)
            ).all()
            created: list[FocusPoint] = []
            for old in source:
                if old.id in already:
                    continue
                area = old.area if old.area in allowed else _successor_area(old.area)
                point = FocusPoint(
                    student_id=student_id,
                    school_year=to_year,
                    area=area,
                    subject=old.subject,
                    goal=old.goal,
                    actions=old.actions,
                    status=FocusStatus.IN_PROGRESS
                    if old.status is FocusStatus.IN_PROGRESS
                    else FocusStatus.NOT_STARTED,
                    evaluation="",
                    position=old.position + 100,
                    carried_from_id=old.id,
                )
                s.add(point)
                created.append(point)
            s.flush()
            return [_info(p) for p in created]

    def carry_forward_candidates(self, student_id: int, to_year: int) -> list[FocusPointInfo]:
        """Last year's open focus points that :meth:`carry_forward` would copy into ``to_year``."""
        check_school_year(to_year)
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            already = set(
                s.scalars(
                    select(FocusPoint.carried_from_id).where(
                        FocusPoint.student_id == student_id,
                        FocusPoint.school_year == to_year,
                        FocusPoint.carried_from_id.is_not(None),
                    )
                )
            )
            source = s.scalars(
                select(FocusPoint).where(
                    FocusPoint.student_id == student_id,
                    FocusPoint.school_year == to_year - 1,
                    FocusPoint.status.in_(OPEN_STATUSES),
                )
            ).all()
            return sorted(
                (_info(p) for p in source if p.id not in already),
                key=lambda p: (AREA_ORDER.index(p.area), p.position, p.id),
            )

    # --- presentations --------------------------------------------------------------------

    def record_presentation(
        self,
        student_id: int,
        presented_on: dt.date,
        via: PresentationVia,
        *,
        conversation_id: int | None = None,
        note: str = "",
    ) -> PresentationInfo:
        """The focus points were presented to the parents on a day, in a way."""
        if presented_on > self.today():
            raise ValidationError(_("A presentation cannot be recorded for a day to come."))
        year = SchoolYear.of(presented_on).start_year
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            if conversation_id is not None:
                conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
                if conversation.student_id != student_id:
                    raise ValidationError(_("That conversation is about another pupil."))
            if not s.scalar(
                select(func.count())
                .select_from(FocusPoint)
                .where(FocusPoint.student_id == student_id, FocusPoint.school_year == year)
            ):
                raise ValidationError(
                    _(
                        "The message book of {year} has no focus points yet, so there is "
                        "nothing to present. Write the focus points first."
                    ).format(year=SchoolYear(year).label)
                )
            presentation = FocusPresentation(
                student_id=student_id,
                school_year=year,
                presented_on=presented_on,
                via=PresentationVia(via),
                conversation_id=conversation_id,
                note=clean_text(note, _("Note"), TEXT_MAX),
            )
            s.add(presentation)
            s.flush()
            return _presentation(presentation)

    def presentations(self, student_id: int, school_year: int) -> list[PresentationInfo]:
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            rows = s.scalars(
                select(FocusPresentation)
                .where(
                    FocusPresentation.student_id == student_id,
                    FocusPresentation.school_year == school_year,
                )
                .order_by(FocusPresentation.presented_on)
            ).all()
            return [_presentation(p) for p in rows]

    def remove_presentation(self, presentation_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, FocusPresentation, presentation_id, _("Presentation")))

    # --- in bulk --------------------------------------------------------------------------

    def add_many_in(self, s: Session, points: Sequence[NewFocusPoint]) -> list[int]:
        """Add focus points inside the caller's transaction; their ids, in the same order.

        Each is checked as :meth:`add` checks one. As there, the points of an area come
        after those it already has, in the order given.
        """
        check_exist(s, Student, {p.student_id for p in points}, N_("Pupil"))
        last = _last_positions(s, {p.student_id for p in points})
        rows: list[Row] = []
        for n, p in enumerate(points):
            area = FocusArea(p.area)
            year = check_school_year(p.school_year)
            if p.carried_from is not None:
                old = points[p.carried_from] if 0 <= p.carried_from < n else None
                if old is None or old.student_id != p.student_id or old.school_year >= year:
                    raise ValueError("A point carries on an earlier year's point given before it.")
            key = (p.student_id, year, area)
            last[key] = last.get(key, -1) + 1
            rows.append(
                {
                    "student_id": p.student_id,
                    "school_year": year,
                    "area": area,
                    "subject": clean(
                        p.subject, N_("Subject"), NAME_MAX, required=area is FocusArea.OTHER_SUBJECT
                    ),
                    "goal": clean(p.goal, N_("The goal"), TEXT_MAX, required=True),
                    "actions": clean(p.actions, N_("Actions"), TEXT_MAX),
                    "status": FocusStatus(p.status),
                    "evaluation": clean(p.evaluation, N_("Evaluation"), TEXT_MAX),
                    "position": last[key],
                }
            )
        ids = insert_returning_ids(s, FocusPoint, rows)
        carried = [
            {"id": ids[n], "carried_from_id": ids[p.carried_from]}
            for n, p in enumerate(points)
            if p.carried_from is not None
        ]
        if carried:
            s.execute(update(FocusPoint), carried)
        return ids

    def record_presentations_in(
        self, s: Session, presentations: Sequence[NewPresentation]
    ) -> list[int]:
        """Record presentations inside the caller's transaction; their ids, in order.

        Each is checked as :meth:`record_presentation` checks one: not on a day to come,
        and a conversation it was presented at must be about the same pupil.
        """
        check_exist(s, Student, {p.student_id for p in presentations}, N_("Pupil"))
        conversations = {p.conversation_id for p in presentations if p.conversation_id}
        check_exist(s, Conversation, conversations, N_("Conversation"))
        pupil_of = values_by_id(s, Conversation, Conversation.student_id, conversations)
        rows: list[Row] = []
        for p in presentations:
            if p.presented_on > self.today():
                raise ValidationError(_("A presentation cannot be recorded for a day to come."))
            if p.conversation_id is not None and pupil_of[p.conversation_id] != p.student_id:
                raise ValidationError(_("That conversation is about another pupil."))
            rows.append(
                {
                    "student_id": p.student_id,
                    "school_year": SchoolYear.of(p.presented_on).start_year,
                    "presented_on": p.presented_on,
                    "via": PresentationVia(p.via),
                    "conversation_id": p.conversation_id,
                    "note": clean(p.note, N_("Note"), TEXT_MAX),
                }
            )
        return insert_returning_ids(s, FocusPresentation, rows)


def _successor_area(area: FocusArea) -> FocusArea:
    """Grade 0's awareness areas become Danish and maths in grade 1."""
    return {
        FocusArea.LANGUAGE_AWARENESS: FocusArea.DANISH,
        FocusArea.MATHS_AWARENESS: FocusArea.MATHS,
        FocusArea.FURTHER_EDUCATION: FocusArea.ALL_ROUND,
    }.get(area, area)


def _last_positions(s: Session, student_ids: set[int]) -> dict[tuple[int, int, FocusArea], int]:
    """The highest position stored per pupil, school year and area."""
    last: dict[tuple[int, int, FocusArea], int] = {}
    for chunk in chunks(student_ids):
        for sid, year, area, position in s.execute(
            select(
                FocusPoint.student_id,
                FocusPoint.school_year,
                FocusPoint.area,
                func.max(FocusPoint.position),
            )
            .where(FocusPoint.student_id.in_(chunk))
            .group_by(FocusPoint.student_id, FocusPoint.school_year, FocusPoint.area)
        ):
            last[(sid, year, area)] = position
    return last
