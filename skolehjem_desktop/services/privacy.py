"""Privacy: the access request export, deleting a pupil for good, and pupils who left long ago.

The access request (indsigtsanmodning) export is for the person the data is about, or
for the school answering such a request: it carries EVERYTHING stored about the pupil,
the teacher's private notes included, each conversation section marked with
``"shared": true|false``. It is never a document for the parents in the ordinary
sense: nothing parent-facing may be built from :func:`access_request_data`.

"Everything" is kept true from the models' metadata: every table with a column holding
a pupil's or a guardian's id (a foreign key to ``student`` or ``guardian``) is either
carried by a section of its own (:data:`SECTIONS`) or, row by row as stored, under
``other_records``; a table added later is never left out.

Deleting for good is :meth:`StudentService.delete` followed by ``VACUUM`` and a
truncating WAL checkpoint, so the deleted text is left neither in the database's free
pages nor in its write-ahead log.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import ColumnElement, Table, false, or_, select
from sqlalchemy.orm import Session

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.errors import UserError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import get_or_404
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import (
    Base,
    ContactEntry,
    Conversation,
    CouncilMember,
    Enrolment,
    EveningPlan,
    EveningPlanAssignment,
    EveningPlanUnavailable,
    FocusPoint,
    FocusPresentation,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services

Progress = Callable[[int, int, str], bool]

#: Bumped when a field of the access request JSON changes meaning or name.
ACCESS_REQUEST_FORMAT = 1
DEFAULT_LEFT_MONTHS = 12
MAX_LEFT_MONTHS = 600

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')

#: The people whose ids make a row personal data: the pupil and the guardians.
PERSON_TABLES: Final = frozenset({"student", "guardian"})

#: The tables holding a pupil's or a guardian's id that the access request carries in a
#: section of its own (the key named), readable and under its own heading in the PDF.
#: Any other such table goes under ``other_records`` as stored (see :func:`personal_tables`).
SECTIONS: Final[Mapping[str, str]] = {
    "enrolment": "enrolments",
    "student_guardian": "guardians",
    "conversation": "conversations",
    "conversation_guardian": "conversations",  # the parents taking part
    "focus_point": "focus_points",
    "focus_presentation": "focus_presentations",
    "contact_entry": "contacts",
    "council_member": "parent_councils",
    "evening_plan_unavailable": "evening_plans",
    "evening_plan_assignment": "evening_plans",
}


class ExportError(UserError):
    """The access request files could not be written where the teacher asked."""


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


# --- the access request --------------------------------------------------------------------


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def personal_tables() -> list[Table]:
    """Every table with a column holding a pupil's or a guardian's id, from the metadata."""
    return [
        table
        for table in Base.metadata.sorted_tables
        if table.name not in PERSON_TABLES
        and any(fk.column.table.name in PERSON_TABLES for fk in table.foreign_keys)
    ]


def belongs_to(table: Table, student_id: int, guardian_ids: Iterable[int]) -> ColumnElement[bool]:
    """The rows of ``table`` that are the pupil's.

    Those naming the pupil; else those of a row naming the pupil (the parents taking
    part in the pupil's conversation); else those naming one of the pupil's guardians.
    """
    naming = [
        fk.parent == student_id for fk in table.foreign_keys if fk.column.table.name == "student"
    ]
    if naming:
        return or_(*naming)
    via = []
    for fk in table.foreign_keys:
        pupil_columns = [
            p.parent for p in fk.column.table.foreign_keys if p.column.table.name == "student"
        ]
        if pupil_columns:
            owned = select(fk.column).where(or_(*(c == student_id for c in pupil_columns)))
            via.append(fk.parent.in_(owned))
    if via:
        return or_(*via)
    guardians = list(guardian_ids)
    by_guardian = [
        fk.parent.in_(guardians) for fk in table.foreign_keys if fk.column.table.name == "guardian"
    ]
    return or_(*by_guardian) if by_guardian else false()


def _plain(value: object) -> object:
    """A stored value as JSON: dates and times in ISO form, a vocabulary word as its value."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def stored_rows(
    s: Session, table: Table, student_id: int, guardian_ids: Iterable[int]
) -> list[dict[str, Any]]:
    """The pupil's rows of ``table`` as stored, column by column, in primary-key order."""
    query = (
        select(table)
        .where(belongs_to(table, student_id, guardian_ids))
        .order_by(*table.primary_key.columns)
    )
    return [{str(k): _plain(v) for k, v in row.items()} for row in s.execute(query).mappings()]


def _initials(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return [text]
    return [str(t) for t in value] if isinstance(value, list) else [text]


def _parent_councils(s: Session, guardian_names: Mapping[int, str]) -> list[dict[str, Any]]:
    """The class parent councils the pupil's guardians sit on."""
    rows = s.execute(
        select(
            CouncilMember.school_class_id,
            SchoolClass.name,
            SchoolClass.school_year,
            CouncilMember.guardian_id,
            CouncilMember.is_contact_parent,
        )
        .join(SchoolClass, SchoolClass.id == CouncilMember.school_class_id)
        .where(CouncilMember.guardian_id.in_(list(guardian_names)))
        .order_by(SchoolClass.school_year, SchoolClass.name, CouncilMember.guardian_id)
    )
    return [
        {
            "class_id": class_id,
            "class": name,
            "school_year": year,
            "guardian_id": guardian_id,
            "guardian": guardian_names[guardian_id],
            "is_contact_parent": bool(contact),
        }
        for class_id, name, year, guardian_id, contact in rows
    ]


def _evening_plans(s: Session, student_id: int) -> list[dict[str, Any]]:
    """The conversation evenings planned with the pupil: when the family cannot come, and
    the pupil's place in the plan."""
    unavailable = dict(
        s.execute(
            select(EveningPlanUnavailable.plan_id, EveningPlanUnavailable.periods).where(
                EveningPlanUnavailable.student_id == student_id
            )
        ).all()
    )
    placed = {
        a.plan_id: a
        for a in s.scalars(
            select(EveningPlanAssignment).where(EveningPlanAssignment.student_id == student_id)
        )
    }
    plans = []
    for plan, name, year in s.execute(
        select(EveningPlan, SchoolClass.name, SchoolClass.school_year)
        .join(SchoolClass, SchoolClass.id == EveningPlan.school_class_id)
        .where(EveningPlan.id.in_(set(unavailable) | set(placed)))
        .order_by(EveningPlan.id)
    ):
        a = placed.get(plan.id)
        plans.append(
            {
                "id": plan.id,
                "class_id": plan.school_class_id,
                "class": name,
                "school_year": year,
                "accepted_at": _iso(plan.accepted_at),
                "unavailable": unavailable.get(plan.id),
                "assignment": None
                if a is None
                else {
                    "starts_at": _iso(a.starts_at),
                    "ends_at": _iso(a.ends_at),
                    "room": a.room,
                    "teachers": _initials(a.teachers),
                    "conversation_id": a.conversation_id,
                },
            }
        )
    return plans


def access_request_data(services: Services, student_id: int) -> dict[str, Any]:
    """Everything stored about the pupil, as JSON-able plain data with stable field names.

    For the access request only: it holds the teacher's private notes and every section
    that is not shared. Never build anything for the parents from it. Besides the pupil,
    the classes, the guardians, the conversations, the focus points and their
    presentations and the contacts, it carries the class parent councils the guardians
    sit on, the conversation evenings planned with the pupil, and under
    ``other_records`` the rows of any other table naming the pupil or a guardian.
    """
    db = services.db
    with db.reading() as s:
        student = get_or_404(s, Student, student_id, _("Pupil"))
        enrolments = [
            {"school_year": year, "class_id": cid, "class": name}
            for year, cid, name in s.execute(
                select(Enrolment.school_year, SchoolClass.id, SchoolClass.name)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.student_id == student_id)
                .order_by(Enrolment.school_year)
            )
        ]
        guardians = []
        guardian_names: dict[int, str] = {}
        for link in s.scalars(
            select(StudentGuardian)
            .where(StudentGuardian.student_id == student_id)
            .order_by(StudentGuardian.position, StudentGuardian.guardian_id)
        ):
            g = link.guardian
            guardian_names[g.id] = g.name
            guardians.append(
                {
                    "id": g.id,
                    "name": g.name,
                    "relation": link.relation.value,
                    "has_custody": link.has_custody,
                    "email": g.email,
                    "phone": g.phone,
                    "preferred_language": g.preferred_language.value,
                }
            )
        order = {kind: i for i, kind in enumerate(SectionKind)}
        conversations = []
        for c in s.scalars(
            select(Conversation)
            .where(Conversation.student_id == student_id)
            .order_by(Conversation.starts_at, Conversation.id)
        ):
            sections = sorted(c.sections, key=lambda sec: order[sec.kind])
            conversations.append(
                {
                    "id": c.id,
                    "kind": c.kind.value,
                    "requested_by": c.requested_by.value,
                    "status": c.status.value,
                    "starts_at": _iso(c.starts_at),
                    "duration_minutes": c.duration_minutes,
                    "place": c.place,
                    "pupil_attends": c.pupil_attends,
                    "pupil_attends_note": c.pupil_attends_note,
                    "parents_wishes": c.parents_wishes,
                    "next_conversation": c.next_conversation,
                    "created_at": _iso(c.created_at),
                    "updated_at": _iso(c.updated_at),
                    "participants": {
                        "teachers": sorted(link.teacher.name for link in c.teacher_links),
                        "guardians": sorted(link.guardian.name for link in c.guardian_links),
                    },
                    "sections": [
                        {
                            "kind": sec.kind.value,
                            "private": sec.kind is SectionKind.PRIVATE_PREPARATION
                            or not sec.shared,
                            "shared": bool(sec.shared),
                            "text": sec.text,
                        }
                        for sec in sections
                    ],
                    "agreements": [
                        {
                            "id": a.id,
                            "text": a.text,
                            "responsible": a.responsible.value,
                            "due": _iso(a.due),
                            "done": a.done,
                        }
                        for a in c.agreements
                    ],
                }
            )
        focus_points = [
            {
                "id": p.id,
                "school_year": p.school_year,
                "area": p.area.value,
                "subject": p.subject,
                "goal": p.goal,
                "actions": p.actions,
                "status": p.status.value,
                "evaluation": p.evaluation,
                "carried_from_id": p.carried_from_id,
            }
            for p in s.scalars(
                select(FocusPoint)
                .where(FocusPoint.student_id == student_id)
                .order_by(FocusPoint.school_year, FocusPoint.area, FocusPoint.position)
            )
        ]
        presentations = [
            {
                "id": p.id,
                "school_year": p.school_year,
                "presented_on": _iso(p.presented_on),
                "via": p.via.value,
                "conversation_id": p.conversation_id,
                "note": p.note,
            }
            for p in s.scalars(
                select(FocusPresentation)
                .where(FocusPresentation.student_id == student_id)
                .order_by(FocusPresentation.presented_on, FocusPresentation.id)
            )
        ]
        contacts = []
        for e in s.scalars(
            select(ContactEntry)
            .where(ContactEntry.student_id == student_id)
            .order_by(ContactEntry.occurred_at, ContactEntry.id)
        ):
            guardian_name = None
            if e.guardian_id is not None:
                guardian_name = guardian_names.get(e.guardian_id)
                if guardian_name is None:
                    other = s.get(Guardian, e.guardian_id)
                    guardian_name = other.name if other else None
            contacts.append(
                {
                    "id": e.id,
                    "occurred_at": _iso(e.occurred_at),
                    "channel": e.channel.value,
                    "started_by": e.started_by.value,
                    "topic": e.topic.value,
                    "guardian": guardian_name,
                    "summary": e.summary,
                    "reply_due": _iso(e.reply_due),
                    "done": e.done,
                }
            )
        councils = _parent_councils(s, guardian_names)
        evening_plans = _evening_plans(s, student_id)
        other_records: dict[str, list[dict[str, Any]]] = {}
        for table in personal_tables():
            if table.name not in SECTIONS:
                rows = stored_rows(s, table, student_id, guardian_names)
                if rows:
                    other_records[table.name] = rows
        return {
            "format": "skolehjem-access-request",
            "format_version": ACCESS_REQUEST_FORMAT,
            "exported_at": _iso(services.clock()),
            "school": services.school.school_name(),
            "student": {
                "id": student.id,
                "first_name": student.first_name,
                "last_name": student.last_name,
                "birth_date": _iso(student.birth_date),
                "left_on": _iso(student.left_on),
                "created_at": _iso(student.created_at),
            },
            "enrolments": enrolments,
            "guardians": guardians,
            "conversations": conversations,
            "focus_points": focus_points,
            "focus_presentations": presentations,
            "contacts": contacts,
            "parent_councils": councils,
            "evening_plans": evening_plans,
            "other_records": other_records,
        }


def export_file_stem(first_name: str, last_name: str, student_id: int) -> str:
    """``Søren Ærø-12``: the pupil's name and id, safe on every file system."""
    name = unicodedata.normalize("NFC", f"{first_name} {last_name}".strip())
    name = _UNSAFE.sub("_", name).strip(" .")[:80].strip(" .")
    return f"{name}-{student_id}" if name else f"{student_id}"


def _write_private(path: Path, data: bytes) -> None:
    from skolehjem_desktop.services.pdfs import PdfWriteError, write_atomically

    try:
        write_atomically(path, data)  # a temporary file (0600) beside it, then renamed
        if os.name == "posix":
            path.chmod(0o600)
    except PdfWriteError as exc:
        raise ExportError(exc.message) from exc
    except OSError as exc:
        raise ExportError(
            _("{path} could not be written: {reason}").format(path=path, reason=exc.strerror)
        ) from exc


def export_student(
    services: Services, student_id: int, out_dir: Path, lang: str | None = None
) -> list[Path]:
    """Write the access request for the pupil into ``out_dir``: ``<name>-<id>.json`` and ``.pdf``.

    Both hold everything stored about the pupil, the teacher's own notes included, and
    are readable by the user alone. For the access request only, never for the parents.
    """
    from skolehjem_desktop.reports.access_request import AccessRequestData, render_access_request
    from skolehjem_desktop.services import report_data

    doc_lang = report_data.check_language(lang) or i18n.active().lang
    data = access_request_data(services, student_id)
    folder = Path(out_dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportError(_("{path} is a file, not a folder.").format(path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            _("The folder {path} could not be made: {reason}").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from exc
    pupil = data["student"]
    stem = export_file_stem(pupil["first_name"], pupil["last_name"], student_id)
    json_path = folder / f"{stem}.json"
    pdf_path = folder / f"{stem}.pdf"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    pdf = render_access_request(
        AccessRequestData(letterhead=report_data.letterhead(services), lang=doc_lang, document=data)
    )
    _write_private(json_path, text.encode("utf-8"))
    _write_private(pdf_path, pdf.data)
    return [json_path, pdf_path]


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


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day if it has fewer)."""
    import calendar

    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


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
