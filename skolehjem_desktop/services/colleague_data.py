"""What the sheet for the colleagues prints, gathered into plain data (``reports.data``).

A page per pupil, for a class (its pupils who have not left, by name) or for one pupil:
the name and the class, and the pupil's next planned conversation. The sheet's fields
follow the contract of :mod:`skolehjem_desktop.services.sheets`; the school's sheet id
is made here when it is first needed, so printing is a (small) write.
"""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import SheetKind
from skolehjem_desktop.domain.limits import SHORT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.reports.data import ClassRole, ColleaguePage, ColleagueSheetData
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.base import clean_text
from skolehjem_desktop.services.colleague_input import next_planned
from skolehjem_desktop.services.report_data import check_language, letterhead, signature
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.sheets import (
    FIELD_CONVERSATION,
    FIELD_KIND,
    FIELD_SCHOOL,
    FIELD_STUDENT,
    FIELD_VERSION,
    SHEET_VERSION,
    field_name,
)
from skolehjem_desktop.services.sheets.colleague import ANSWERS
from skolehjem_desktop.services.sheets.identity import school_sheet_id

# (student id, name, class id and name or None), in the order printed
_Pupil = tuple[int, str, tuple[int, str] | None]


def colleague_sheet_data(
    services: Services,
    *,
    class_id: int | None = None,
    student_id: int | None = None,
    subject: str = "",
    school_year: int | None = None,
    lang: str | None = None,
) -> ColleagueSheetData:
    """The sheet for a class (``class_id``) or one pupil (``student_id``)."""
    if (class_id is None) == (student_id is None):
        raise ValueError("Give a class or a pupil, not both.")
    subject = clean_text(subject, _("Subject"), SHORT_MAX)
    chosen = check_language(lang) or i18n.active().lang
    if class_id is not None:
        info = services.classes.get(class_id)
        year, title = info.school_year, info.name
        pupils: list[_Pupil] = [
            (r.id, r.full_name, (info.id, info.name))
            for r in services.students.all(class_id=class_id, include_left=False)
        ]
        if not pupils:
            raise ValidationError(
                _("{name} has no pupils, so there is no sheet to print.").format(name=info.name)
            )
        in_class: tuple[int, str] | None = (info.id, info.name)
    else:
        assert student_id is not None
        detail = services.students.get(student_id)
        year = (
            school_year if school_year is not None else SchoolYear.of(services.today()).start_year
        )
        in_class = detail.class_in(year)
        if in_class is None and school_year is None and detail.classes:
            year, class_id_, class_name = detail.classes[0]  # the pupil's latest class
            in_class = (class_id_, class_name)
        pupils = [(detail.id, detail.full_name, in_class)]
        title = detail.full_name
    head = letterhead(services)
    signed = signature(services, in_class)
    asked = signed.names or ((head.teacher,) if head.teacher else ())
    pages = _pages(services, pupils, services.clock())
    return ColleagueSheetData(
        lang=chosen,
        letterhead=head,
        asked_by=asked,
        contact_teacher=signed.role is ClassRole.CONTACT_TEACHER,
        subject=subject,
        school_year=year,
        title_name=title,
        pages=pages,
    )


def _pages(services: Services, pupils: list[_Pupil], now: dt.datetime) -> tuple[ColleaguePage, ...]:
    pages: list[ColleaguePage] = []
    with services.db.transaction() as s:
        school = school_sheet_id(s)
        for n, (student_id, name, in_class) in enumerate(pupils, start=1):
            conversation = next_planned(s, student_id, now)
            hidden = [
                (field_name(FIELD_STUDENT, n), str(student_id)),
                (field_name(FIELD_CONVERSATION, n), str(conversation.id) if conversation else ""),
            ]
            if n == 1:
                hidden[:0] = [
                    (FIELD_KIND, SheetKind.COLLEAGUE.value),
                    (FIELD_SCHOOL, school),
                    (FIELD_VERSION, SHEET_VERSION),
                ]
            pages.append(
                ColleaguePage(
                    student_name=name,
                    class_name=in_class[1] if in_class else None,
                    conversation_at=conversation.starts_at if conversation else None,
                    hidden=tuple(hidden),
                    fields=tuple((answer, field_name(answer, n)) for answer in ANSWERS),
                )
            )
    return tuple(pages)
