"""The access request's sections for what came back on sheets and what went to Aula:
the sheets read back, colleagues' input, the family's times and the messages copied."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.services.privacy.sections import iso
from skolehjem_desktop.store.models import (
    AulaMessage,
    ColleagueInput,
    FamilyAvailability,
    SheetImport,
    SyncConflict,
)


def sheet_imports(s: Session, student_id: int) -> list[dict[str, Any]]:
    return [
        {
            "kind": r.kind.value,
            "conversation_id": r.conversation_id,
            "imported_at": iso(r.imported_at),
            "content_hash": r.content_hash,
        }
        for r in s.scalars(
            select(SheetImport)
            .where(SheetImport.student_id == student_id)
            .order_by(SheetImport.imported_at, SheetImport.id)
        )
    ]


def colleague_inputs(s: Session, student_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "school_year": r.school_year,
            "conversation_id": r.conversation_id,
            "colleague": r.colleague,
            "subject": r.subject,
            "academic": r.academic,
            "wellbeing": r.wellbeing,
            "focus_suggestions": r.focus_suggestions,
            "received_at": iso(r.received_at),
        }
        for r in s.scalars(
            select(ColleagueInput)
            .where(ColleagueInput.student_id == student_id)
            .order_by(ColleagueInput.received_at, ColleagueInput.id)
        )
    ]


def family_availability(s: Session, student_id: int) -> list[dict[str, Any]]:
    rows = []
    for r in s.scalars(
        select(FamilyAvailability)
        .where(FamilyAvailability.student_id == student_id)
        .order_by(FamilyAvailability.school_year)
    ):
        try:
            slots = json.loads(r.slots)
        except ValueError:
            slots = r.slots  # as stored
        rows.append(
            {
                "school_year": r.school_year,
                "slots": slots,
                "note": r.note,
                "separate": bool(r.separate),
                "with_siblings": bool(r.with_siblings),
                "received_at": iso(r.received_at),
            }
        )
    return rows


def aula_messages(s: Session, student_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "kind": r.kind.value,
            "conversation_id": r.conversation_id,
            "answers_contact_id": r.answers_contact_id,
            "language": r.language.value,
            "subject": r.subject,
            "copied_at": iso(r.copied_at),
        }
        for r in s.scalars(
            select(AulaMessage)
            .where(AulaMessage.student_id == student_id)
            .order_by(AulaMessage.copied_at, AulaMessage.id)
        )
    ]


def class_file_choices(s: Session, student_id: int) -> list[dict[str, Any]]:
    """A colleague's versions of the pupil's records, waiting for the teacher's choice."""
    rows = []
    for r in s.scalars(
        select(SyncConflict)
        .where(SyncConflict.student_id == student_id)
        .order_by(SyncConflict.received_at, SyncConflict.id)
    ):
        try:
            data = json.loads(r.data)
        except ValueError:
            data = r.data  # as stored
        rows.append(
            {
                "id": r.id,
                "kind": r.table_name,
                "reason": r.reason,
                "from": r.changed_by or r.sender,
                "changed_at": r.changed_at,
                "received_at": iso(r.received_at),
                "data": data,
            }
        )
    return rows
