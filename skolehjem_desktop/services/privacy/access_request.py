"""The access request's data: everything stored about one pupil, as plain data.

The sections with a heading of their own come from :mod:`.sections`; the rows of any
other table naming the pupil or a guardian go, as stored, under ``other_records``
(:data:`~.tables.SECTIONS` says which tables have a section).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import get_or_404
from skolehjem_desktop.services.privacy import sections, sections_sheets
from skolehjem_desktop.services.privacy.tables import SECTIONS, personal_tables, stored_rows
from skolehjem_desktop.store.models import Student

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services

#: Bumped when a field of the access request JSON changes meaning or name.
ACCESS_REQUEST_FORMAT = 1


def other_records(
    s: Session, student_id: int, guardian_ids: Iterable[int]
) -> dict[str, list[dict[str, Any]]]:
    """The pupil's rows, as stored, of every table naming them or a guardian that has no
    section of its own; a table without such rows is left out."""
    ids = list(guardian_ids)
    found: dict[str, list[dict[str, Any]]] = {}
    for table in personal_tables():
        if table.name not in SECTIONS:
            rows = stored_rows(s, table, student_id, ids)
            if rows:
                found[table.name] = rows
    return found


def access_request_data(services: Services, student_id: int) -> dict[str, Any]:
    """Everything stored about the pupil, as JSON-able plain data with stable field names.

    For the access request only: it holds the teacher's private notes and every section
    that is not shared. Never build anything for the parents from it. Besides the pupil,
    the classes, the guardians, the conversations, the focus points and their
    presentations, the message book's interventions, follow-up and thoughts on further
    education, and the contacts, it carries the class parent councils the guardians
    sit on, the conversation evenings planned with the pupil, and under
    ``other_records`` the rows of any other table naming the pupil or a guardian.
    """
    with services.db.reading() as s:
        student = get_or_404(s, Student, student_id, _("Pupil"))
        guardians = sections.guardians(s, student_id)
        guardian_names = {g["id"]: g["name"] for g in guardians}
        return {
            "format": "skolehjem-access-request",
            "format_version": ACCESS_REQUEST_FORMAT,
            "exported_at": sections.iso(services.clock()),
            "school": services.school.school_name(),
            "student": sections.pupil(student),
            "enrolments": sections.enrolments(s, student_id),
            "guardians": guardians,
            "conversations": sections.conversations(s, student_id),
            "focus_points": sections.focus_points(s, student_id),
            "focus_presentations": sections.focus_presentations(s, student_id),
            "message_book_years": sections.message_book_years(s, student_id),
            "contacts": sections.contacts(s, student_id, guardian_names),
            "parent_councils": sections.parent_councils(s, guardian_names),
            "evening_plans": sections.evening_plans(s, student_id),
            "sheet_imports": sections_sheets.sheet_imports(s, student_id),
            "colleague_inputs": sections_sheets.colleague_inputs(s, student_id),
            "family_availability": sections_sheets.family_availability(s, student_id),
            "aula_messages": sections_sheets.aula_messages(s, student_id),
            "class_file_choices": sections_sheets.class_file_choices(s, student_id),
            "other_records": other_records(s, student_id, guardian_names),
        }
