"""Fillable sheets: printed as PDF forms, filled in by parents and colleagues, read back.

:mod:`.reading` reads any filled-in sheet of this program (its form fields, checked),
:mod:`.identity` says which school a sheet belongs to. Each kind of sheet (the parents'
preparation sheet, a colleague's input) has its own module that prints it and applies
what came back.

The contract every sheet keeps (``FIELD_*`` below):

- ``skolehjem_kind`` (a :class:`~skolehjem_desktop.domain.enums.SheetKind` value),
  ``skolehjem_school`` (the school's sheet id, :func:`.identity.school_sheet_id`) and
  ``skolehjem_version`` (``"1"``) once per file, as read-only hidden text fields;
- per pupil on the sheet, numbered ``n`` = 1, 2, …: ``skolehjem_student__n`` (the pupil's
  id), ``skolehjem_conversation__n`` (a conversation's id, or empty), and the answers as
  ``<name>__n``. A one-pupil sheet has only ``n`` = 1.

Nothing private goes in: no CPR number, no teacher's notes; names only as printed text.
"""

from __future__ import annotations

FIELD_KIND = "skolehjem_kind"
FIELD_SCHOOL = "skolehjem_school"
FIELD_VERSION = "skolehjem_version"
FIELD_STUDENT = "skolehjem_student"
FIELD_CONVERSATION = "skolehjem_conversation"
SHEET_VERSION = "1"


def field_name(name: str, n: int) -> str:
    """The form field of answer ``name`` for the ``n``-th pupil on a sheet."""
    return f"{name}__{n}"
