"""Reading a filled-in sheet back into the data: first what it will do, then doing it.

:meth:`SheetService.preview` reads the file and says, page by page, what will be written
and where (nothing is written); :meth:`SheetService.apply` writes it in one transaction
and remembers each page by the hash of what it held (:class:`SheetImport`), so the same
answers read again add nothing. A sheet of another school is refused whole.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import SheetKind
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service
from skolehjem_desktop.services.sheets.changes import PageChanges
from skolehjem_desktop.services.sheets.identity import known_school_sheet_id, school_sheet_id
from skolehjem_desktop.services.sheets.reading import FilledSheet, SheetPage, read_sheet
from skolehjem_desktop.store.models import SheetImport

# The module of each kind of sheet, with its describe() and apply() (see .changes).
KINDS: Final[dict[SheetKind, str]] = {
    SheetKind.PARENTS: "skolehjem_desktop.services.sheets.parents",
    SheetKind.COLLEAGUE: "skolehjem_desktop.services.sheets.colleague",
}


def _handler(kind: SheetKind) -> Any:
    return importlib.import_module(KINDS[kind])


@dataclass(frozen=True)
class SheetPreview:
    """What a sheet will do: its kind, the file, and each pupil's page."""

    kind: SheetKind
    file_name: str
    sheet: FilledSheet
    pages: tuple[PageChanges, ...]

    @property
    def nothing_new(self) -> bool:
        return all(p.already_read or p.empty or not p.changes for p in self.pages)

    @property
    def replaces(self) -> bool:
        return any(p.replaces for p in self.pages if not p.already_read)


class SheetService(Service):
    def school_id(self) -> str:
        """The school's sheet id, made and stored the first time a sheet is printed."""
        with self.db.transaction() as s:
            return school_sheet_id(s)

    def preview(self, data: bytes, file_name: str) -> SheetPreview:
        """What the sheet in ``data`` will write; refused with a reason if it cannot."""
        sheet = read_sheet(data, file_name)
        with self.db.reading() as s:
            self._check_school(s, sheet, file_name)
            pages = tuple(self._describe(s, sheet, page) for page in sheet.pages)
        if not pages:
            raise ValidationError(
                _("{file} names no pupil: nothing can be read from it.").format(file=file_name)
            )
        return SheetPreview(sheet.kind, file_name, sheet, pages)

    def apply(self, preview: SheetPreview, overwrite: bool = False) -> int:
        """Write what ``preview`` showed; the number of pages written (0: nothing new)."""
        now = self.clock().replace(microsecond=0)
        handler = _handler(preview.kind)
        written = 0
        with self.db.transaction() as s:
            for page in preview.sheet.pages:
                fresh = self._describe(s, preview.sheet, page)  # the data may have moved on
                if fresh.already_read or fresh.empty or not fresh.changes:
                    continue
                handler.apply(s, preview.sheet, page, fresh, now, overwrite)
                s.add(
                    SheetImport(
                        kind=preview.kind,
                        content_hash=fresh.content_hash,
                        student_id=fresh.student_id,
                        conversation_id=fresh.conversation_id,
                        imported_at=now,
                    )
                )
                written += 1
        return written

    def _check_school(self, s: Session, sheet: FilledSheet, file_name: str) -> None:
        ours = known_school_sheet_id(s)
        if ours is None or sheet.school != ours:
            raise ValidationError(
                _(
                    "{file} was printed by another school's Skolehjem (or another data "
                    "folder), so it cannot be read here. Nothing was read."
                ).format(file=file_name)
            )

    def _describe(self, s: Session, sheet: FilledSheet, page: SheetPage) -> PageChanges:
        changes: PageChanges = _handler(sheet.kind).describe(s, sheet, page, self.clock())
        seen = s.scalar(
            select(SheetImport.id).where(SheetImport.content_hash == changes.content_hash)
        )
        if seen is not None:
            return PageChanges(
                changes.n,
                changes.student_id,
                changes.student_name,
                changes.conversation_id,
                changes.content_hash,
                changes.changes,
                already_read=True,
                empty=changes.empty,
            )
        return changes


def now_text(now: dt.datetime) -> str:
    """How a read-back answer is dated where it is appended (the user's way)."""
    from skolehjem_desktop.i18n import short_date

    return short_date(now.date())
