"""The tables holding a pupil's or a guardian's id, found from the models' metadata.

Every such table is either carried by a section of its own in the access request
(:data:`SECTIONS`) or, row by row as stored (:func:`stored_rows`), under
``other_records``: a table added later is never left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, Final

from sqlalchemy import ColumnElement, Table, false, or_, select
from sqlalchemy.orm import Session

from skolehjem_desktop.store.models import Base

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
    "message_book_year": "message_book_years",
    "contact_entry": "contacts",
    "council_member": "parent_councils",
    "evening_plan_unavailable": "evening_plans",
    "evening_plan_assignment": "evening_plans",
    "sheet_import": "sheet_imports",
    "colleague_input": "colleague_inputs",
    "family_availability": "family_availability",
    "aula_message": "aula_messages",
    "sync_conflict": "class_file_choices",
}


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
