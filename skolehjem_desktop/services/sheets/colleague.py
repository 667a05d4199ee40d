"""A colleague's sheet read back: each pupil's page becomes one input from a colleague.

The page's answers (``colleague``, ``subject``, ``academic``, ``wellbeing``,
``focus_suggestions``, each ``__n``) are stored as one :class:`ColleagueInput` for the
pupil, for the pupil's next planned conversation (the one printed on the sheet while it
is still to come, else the earliest planned one from now on; none: null). A page with
nothing written in the three boxes is empty (a name or a subject alone says nothing).
Reading only appends: two colleagues' pages about one pupil are two inputs.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationStatus, SheetKind
from skolehjem_desktop.domain.limits import NAME_MAX, SHORT_MAX, TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.services.base import clean_text
from skolehjem_desktop.services.colleague_input import next_planned
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.sheets.changes import Change, PageChanges
from skolehjem_desktop.services.sheets.reading import FilledSheet, SheetPage
from skolehjem_desktop.store.models import ColleagueInput, Conversation, Student

COLLEAGUE: Final = "colleague"
SUBJECT: Final = "subject"
ACADEMIC: Final = "academic"
WELLBEING: Final = "wellbeing"
FOCUS: Final = "focus_suggestions"
ANSWERS: Final = (COLLEAGUE, SUBJECT, ACADEMIC, WELLBEING, FOCUS)
BOXES: Final = (ACADEMIC, WELLBEING, FOCUS)  # what makes a page say something


def _labels() -> dict[str, str]:
    return {
        ACADEMIC: _("Academic"),
        WELLBEING: _("Wellbeing"),
        FOCUS: _("Suggested focus points"),
    }


def _student(s: Session, page: SheetPage) -> Student:
    student = s.get(Student, page.student_id) if page.student_id is not None else None
    if student is None:
        raise ValidationError(
            _(
                "Page {n} of the sheet is about a pupil who is no longer in Skolehjem "
                "(deleted since the sheet was printed). Nothing was read."
            ).format(n=page.n)
        )
    return student


def _conversation(
    s: Session, page: SheetPage, student: Student, now: dt.datetime
) -> Conversation | None:
    """The conversation the input is for: the one on the sheet while it is still to come."""
    if page.conversation_id is not None:
        printed = s.get(Conversation, page.conversation_id)
        if printed is not None and printed.student_id != student.id:
            raise ValidationError(
                _(
                    "Page {n} of the sheet names a conversation of another pupil; the sheet "
                    "has been changed. Nothing was read."
                ).format(n=page.n)
            )
        if (
            printed is not None
            and printed.status is ConversationStatus.PLANNED
            and printed.starts_at >= now
        ):
            return printed
    return next_planned(s, student.id, now)


def _school_year(student: Student, conversation: Conversation | None, now: dt.datetime) -> int:
    """The conversation's school year; else today's, if the pupil is in a class then;
    else the pupil's latest class's year."""
    if conversation is not None:
        return SchoolYear.of(conversation.starts_at.date()).start_year
    year = SchoolYear.of(now.date()).start_year
    years = sorted((e.school_year for e in student.enrolments), reverse=True)
    if year in years or not years:
        return year
    return years[0]


def _who(page: SheetPage) -> str:
    colleague, subject = page.text(COLLEAGUE), page.text(SUBJECT)
    if colleague and subject:
        return _("{name} ({subject})").format(name=colleague, subject=subject)
    return colleague or subject or _("a colleague")


def _check(page: SheetPage) -> dict[str, str]:
    """The page's answers, checked as any typed text is (limits, no control characters)."""
    limits = {COLLEAGUE: NAME_MAX, SUBJECT: SHORT_MAX}
    names = {COLLEAGUE: _("Your name"), SUBJECT: _("Subject"), **_labels()}
    try:
        return {
            answer: clean_text(page.text(answer), names[answer], limits.get(answer, TEXT_MAX))
            for answer in ANSWERS
        }
    except ValidationError as error:
        raise ValidationError(
            _("Page {n} of the sheet: {problem}").format(n=page.n, problem=error.message)
        ) from None


def describe(s: Session, sheet: FilledSheet, page: SheetPage, now: dt.datetime) -> PageChanges:
    """What the page will store: one input from a colleague for the pupil (reading only)."""
    student = _student(s, page)
    conversation = _conversation(s, page, student, now)
    name = f"{student.first_name} {student.last_name}".strip()
    content_hash = page.content_hash(SheetKind.COLLEAGUE, sheet.school)
    answers = _check(page)
    conversation_id = conversation.id if conversation is not None else None
    if not any(answers[box] for box in BOXES):
        return PageChanges(page.n, student.id, name, conversation_id, content_hash, (), empty=True)
    target = (
        _("The conversation {date}").format(date=short_date(conversation.starts_at.date()))
        if conversation is not None
        else _("The pupil's next conversation (none planned yet)")
    )
    labels = _labels()
    what = "\n".join(f"{labels[box]}: {answers[box]}" for box in BOXES if answers[box])
    where = _("{target}: input from {who}").format(target=target, who=_who(page))
    return PageChanges(
        page.n, student.id, name, conversation_id, content_hash, (Change(where, what),)
    )


def apply(  # noqa: PLR0917 - the signature every kind of sheet has (.changes)
    s: Session,
    sheet: FilledSheet,
    page: SheetPage,
    changes: PageChanges,
    now: dt.datetime,
    overwrite: bool,
) -> None:
    """Store the page as one input from a colleague (it never replaces anything)."""
    student = _student(s, page)
    answers = _check(page)
    conversation = (
        s.get(Conversation, changes.conversation_id)
        if changes.conversation_id is not None
        else None
    )
    s.add(
        ColleagueInput(
            student_id=student.id,
            school_year=_school_year(student, conversation, now),
            conversation_id=changes.conversation_id,
            colleague=answers[COLLEAGUE],
            subject=answers[SUBJECT],
            academic=answers[ACADEMIC],
            wellbeing=answers[WELLBEING],
            focus_suggestions=answers[FOCUS],
            received_at=now,
        )
    )
