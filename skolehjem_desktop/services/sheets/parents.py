"""The parents' preparation sheet read back: what they wrote goes where the teacher looks.

- the answers are appended to the conversation's "The parents' input" section as one
  block headed "From the parents' sheet, received 04.12.2026:", each question with its
  answer; what is there is never overwritten, and the same answers are not added twice;
- "<pupil> takes part": the conversation's pupil-attends flag (replaced only when the
  teacher says so);
- the teachers they would like to join: the conversation's "parents' wishes" (added
  when empty; otherwise added after what is there, or replacing it when the teacher says so);
- the times that suit them, living apart, one conversation with siblings: the family's
  :class:`FamilyAvailability` for the conversation's school year (replaced when the
  teacher says so).

A conversation that was held or cancelled takes no preparation any more: such a sheet is
refused with a message saying why (unless the very same answers were read before).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationStatus, SectionKind, SheetKind
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.reports import preparation_form as form
from skolehjem_desktop.reports.data import SheetFields
from skolehjem_desktop.services.base import clean_text
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
from skolehjem_desktop.services.sheets.changes import Change, PageChanges
from skolehjem_desktop.services.sheets.reading import FilledSheet, SheetPage
from skolehjem_desktop.services.sheets.times import slots_text, ticked_slots
from skolehjem_desktop.store.models import (
    Conversation,
    ConversationSection,
    FamilyAvailability,
    SheetImport,
    Student,
)


def sheet_fields(school: str, student_id: int, conversation_id: int) -> SheetFields:
    """The hidden fields of one family's preparation sheet (one pupil: ``n`` = 1)."""
    return SheetFields(
        hidden=(
            (FIELD_KIND, SheetKind.PARENTS.value),
            (FIELD_SCHOOL, school),
            (FIELD_VERSION, SHEET_VERSION),
            (field_name(FIELD_STUDENT, 1), str(student_id)),
            (field_name(FIELD_CONVERSATION, 1), str(conversation_id)),
        )
    )


@dataclass(frozen=True)
class _Availability:
    slots: tuple[dict[str, Any], ...]
    note: str
    separate: bool
    with_siblings: bool

    @property
    def slots_json(self) -> str:
        return json.dumps(list(self.slots), ensure_ascii=False)

    def same_as(self, row: FamilyAvailability) -> bool:
        try:
            stored = json.loads(row.slots or "[]")
        except ValueError:
            stored = None
        return (stored, row.note, row.separate, row.with_siblings) == (
            list(self.slots),
            self.note,
            self.separate,
            self.with_siblings,
        )


@dataclass(frozen=True)
class _Plan:
    """What a page will write, worked out once for both describe() and apply()."""

    student: Student
    conversation: Conversation
    school_year: int
    block: str | None  # appended to the parents' input
    attends: bool | None  # the new pupil-attends flag (None: not asked / no change)
    wishes: str | None  # the teachers they would like to join
    wishes_replace: bool
    availability: _Availability | None
    availability_row: FamilyAvailability | None
    changes: tuple[Change, ...]
    empty: bool


def describe(s: Session, sheet: FilledSheet, page: SheetPage, now: dt.datetime) -> PageChanges:
    plan = _plan(s, sheet, page, now)
    return PageChanges(
        n=page.n,
        student_id=plan.student.id,
        student_name=plan.student.full_name,
        conversation_id=plan.conversation.id,
        content_hash=page.content_hash(sheet.kind, sheet.school),
        changes=plan.changes,
        empty=plan.empty,
    )


def apply(  # noqa: PLR0917 - the signature every kind of sheet shares (see .changes)
    s: Session,
    sheet: FilledSheet,
    page: SheetPage,
    changes: PageChanges,
    now: dt.datetime,
    overwrite: bool,
) -> None:
    plan = _plan(s, sheet, page, now)
    c = plan.conversation
    if plan.block is not None:
        section = _section(s, c.id)
        if section is None:
            section = ConversationSection(conversation_id=c.id, kind=SectionKind.PARENTS_INPUT)
            section.shared = True
            section.text = ""
            s.add(section)
        section.text = _appended(section.text, plan.block)
    if plan.attends is not None and overwrite:
        c.pupil_attends = plan.attends
    if plan.wishes is not None:
        if plan.wishes_replace and not overwrite:
            c.parents_wishes = _appended(c.parents_wishes, plan.wishes)
        else:
            c.parents_wishes = plan.wishes
    _write_availability(s, plan, now, overwrite)
    c.updated_at = now


def _write_availability(s: Session, plan: _Plan, now: dt.datetime, overwrite: bool) -> None:
    wanted, row = plan.availability, plan.availability_row
    if wanted is None or (row is not None and (wanted.same_as(row) or not overwrite)):
        return
    if row is None:
        row = FamilyAvailability(student_id=plan.student.id, school_year=plan.school_year)
        s.add(row)
    row.slots = wanted.slots_json
    row.note = wanted.note
    row.separate = wanted.separate
    row.with_siblings = wanted.with_siblings
    row.received_at = now


# --- working it out ---------------------------------------------------------------------


def _refuse(message: str) -> ValidationError:
    return ValidationError(message + " " + _("Nothing was read."))


def _plan(s: Session, sheet: FilledSheet, page: SheetPage, now: dt.datetime) -> _Plan:
    student, c = _find(s, page)
    if c.status is not ConversationStatus.PLANNED and not _seen(s, sheet, page):
        when = short_date(c.starts_at.date())
        if c.status is ConversationStatus.HELD:
            raise _refuse(
                _(
                    "The conversation on {date} about {name} has been held, so the parents' "
                    "preparation sheet no longer belongs to it. Write what matters in the "
                    "conversation's notes."
                ).format(date=when, name=student.full_name)
            )
        raise _refuse(
            _("The conversation on {date} about {name} was cancelled.").format(
                date=when, name=student.full_name
            )
        )
    year = SchoolYear.of(c.starts_at.date()).start_year
    where = _("The conversation on {date}").format(date=short_date(c.starts_at.date()))
    changes: list[Change] = []
    block = _block(s, c, page, now)
    if block is not None:
        changes.append(Change(_("{where}: the parents' input").format(where=where), block))
    attends = _attends(page)
    if attends is not None and attends != c.pupil_attends:
        changes.append(
            Change(
                _("{where}: the pupil takes part").format(where=where),
                _("Yes") if attends else _("No"),
                replaces=True,
            )
        )
    else:
        attends = None
    wishes, wishes_replace = _wishes(c, page)
    if wishes is not None:
        changes.append(
            Change(
                _("{where}: the parents' wishes about who takes part").format(where=where),
                wishes,
                replaces=wishes_replace,
            )
        )
    availability = _availability(page)
    row = s.get(FamilyAvailability, (student.id, year))
    if availability is not None and not (row is not None and availability.same_as(row)):
        changes.append(
            Change(
                _("The times that suit the family ({year}/{next})").format(
                    year=year, next=(year + 1) % 100
                ),
                _availability_text(availability),
                replaces=row is not None,
            )
        )
    answered = any(v for k, v in page.texts.items() if not k.startswith("question_text_"))
    return _Plan(
        student,
        c,
        year,
        block,
        attends,
        wishes,
        wishes_replace,
        availability,
        row,
        tuple(changes),
        empty=not answered and not any(page.ticks.values()),
    )


def _find(s: Session, page: SheetPage) -> tuple[Student, Conversation]:
    student = s.get(Student, page.student_id) if page.student_id is not None else None
    if student is None:
        raise _refuse(_("The pupil this sheet was printed for is no longer in Skolehjem."))
    if page.conversation_id is None:
        raise _refuse(
            _("The sheet names no conversation about {name}.").format(name=student.full_name)
        )
    c = s.get(Conversation, page.conversation_id)
    if c is None:
        raise _refuse(
            _(
                "The conversation about {name} this sheet was printed for no longer exists "
                "(it may have been deleted)."
            ).format(name=student.full_name)
        )
    if c.student_id != student.id:
        raise _refuse(
            _("The sheet's conversation is about another pupil than {name}.").format(
                name=student.full_name
            )
        )
    return student, c


def _seen(s: Session, sheet: FilledSheet, page: SheetPage) -> bool:
    digest = page.content_hash(sheet.kind, sheet.school)
    return s.scalar(select(SheetImport.id).where(SheetImport.content_hash == digest)) is not None


def _section(s: Session, conversation_id: int) -> ConversationSection | None:
    return s.scalars(
        select(ConversationSection).where(
            ConversationSection.conversation_id == conversation_id,
            ConversationSection.kind == SectionKind.PARENTS_INPUT,
        )
    ).first()


def _appended(existing: str, block: str) -> str:
    text = f"{existing.rstrip()}\n\n{block}" if existing.strip() else block
    return clean_text(text, _("The parents' input"), TEXT_MAX)


def _answers(page: SheetPage) -> list[tuple[str, str]]:
    """Each answered question with its answer, in the sheet's order."""
    pairs = [
        (_("How are things going at home and at school?"), page.text(form.HOW)),
        (_("What we would like to talk about"), page.text(form.TALK)),
        (_("Questions for the school"), page.text(form.QUESTIONS)),
    ]
    k = 1
    while form.QUESTION_TEXT.format(k=k) in page.texts or form.QUESTION.format(k=k) in page.texts:
        question = page.text(form.QUESTION_TEXT.format(k=k)) or _("Question {n}").format(n=k)
        pairs.append((question, page.text(form.QUESTION.format(k=k))))
        k += 1
    return [
        (clean_text(q, _("A question"), TEXT_MAX), clean_text(a, _("An answer"), TEXT_MAX))
        for q, a in pairs
        if a.strip()
    ]


def _block(s: Session, c: Conversation, page: SheetPage, now: dt.datetime) -> str | None:
    answers = _answers(page)
    if not answers:
        return None
    body = "\n\n".join(f"{q}\n{a}" for q, a in answers)
    section = _section(s, c.id)
    if section is not None and body in section.text:
        return None  # these very answers are there already
    block = _("From the parents' sheet, received {date}:").format(date=short_date(now.date()))
    text = f"{block}\n{body}"
    _appended(section.text if section is not None else "", text)  # refuses what will not fit
    return text


def _attends(page: SheetPage) -> bool | None:
    yes, no = page.ticked(form.ATTENDS_YES), page.ticked(form.ATTENDS_NO)
    return yes if yes != no else None  # both or neither ticked: not answered


def _wishes(c: Conversation, page: SheetPage) -> tuple[str | None, bool]:
    text = clean_text(page.text(form.TEACHERS), _("The parents' wishes"), TEXT_MAX)
    if not text or text in c.parents_wishes:
        return None, False
    if c.parents_wishes.strip():
        clean_text(f"{c.parents_wishes}\n{text}", _("The parents' wishes"), TEXT_MAX)
        return text, True
    return text, False


def _availability(page: SheetPage) -> _Availability | None:
    slots = ticked_slots(page.ticks)
    note = clean_text(page.text(form.TIMES_NOTE), _("A note on the times"), TEXT_MAX)
    separate, siblings = page.ticked(form.SEPARATE), page.ticked(form.WITH_SIBLINGS)
    if not slots and not note and not separate and not siblings:
        return None
    return _Availability(slots, note, separate, siblings)


def _availability_text(a: _Availability) -> str:
    lines = [slots_text(a.slots) or _("No times ticked")]
    if a.note:
        lines.append(a.note)
    if a.separate:
        lines.append(_("They live apart and would each like a conversation."))
    if a.with_siblings:
        lines.append(_("They would like one conversation together with siblings."))
    return "\n".join(lines)
