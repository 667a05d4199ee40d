"""Which school a sheet belongs to: a random id made once and kept with the data.

It travels with a backup (it is a setting), so a restored school still knows its own
sheets; a sheet printed by another school (or another teacher's data folder) says so
when it is read back.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from skolehjem_desktop.services.school import store_setting
from skolehjem_desktop.store.models import Setting

SCHOOL_SHEET_SETTING = "sheets.school_id"


def school_sheet_id(s: Session) -> str:
    """The school's sheet id, made (and stored, in the caller's transaction) the first time."""
    row = s.get(Setting, SCHOOL_SHEET_SETTING)
    if row is not None and row.value:
        return row.value
    value = uuid.uuid4().hex
    store_setting(s, SCHOOL_SHEET_SETTING, value)
    return value


def known_school_sheet_id(s: Session) -> str | None:
    """The school's sheet id if one was ever made (reading only)."""
    row = s.get(Setting, SCHOOL_SHEET_SETTING)
    return row.value if row is not None and row.value else None
