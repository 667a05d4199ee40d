"""Reading a filled-in sheet back: its form fields, checked, grouped per pupil.

:func:`read_sheet` takes the file's bytes and gives a :class:`FilledSheet`, or refuses
with a :class:`~skolehjem_desktop.errors.ValidationError` that says what is wrong in the
user's language: not a PDF or a damaged one, a PDF with no form, an encrypted one, a
form that is not one of this program's sheets, too big a file or too long an answer.
It reads only; what a sheet means is its kind's business (``parents``, ``colleague``).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any, Final

from skolehjem_desktop.domain.enums import SheetKind
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.sheets import (
    FIELD_CONVERSATION,
    FIELD_KIND,
    FIELD_SCHOOL,
    FIELD_STUDENT,
    FIELD_VERSION,
    SHEET_VERSION,
)

MAX_BYTES: Final = 20 * 1024 * 1024  # a filled sheet is a few hundred kB; a scan is not one
_NUMBERED: Final = re.compile(r"(?P<name>[a-z0-9_]+?)__(?P<n>\d{1,4})")
_UNTICKED: Final = {"", "/Off", "Off", "/off", "off"}


@dataclass(frozen=True)
class SheetPage:
    """One pupil's part of a sheet: the ids it names and what was filled in."""

    n: int
    student_id: int | None
    conversation_id: int | None
    texts: dict[str, str] = field(default_factory=dict)  # answer name → text (stripped)
    ticks: dict[str, bool] = field(default_factory=dict)  # check box name → ticked

    def text(self, name: str) -> str:
        return self.texts.get(name, "")

    def ticked(self, name: str) -> bool:
        return self.ticks.get(name, False)

    @property
    def empty(self) -> bool:
        return not any(self.texts.values()) and not any(self.ticks.values())

    def content_hash(self, kind: SheetKind, school: str) -> str:
        """What this page says, as one hash: reading it again finds the same one."""
        content = {
            "kind": kind.value,
            "school": school,
            "student": self.student_id,
            "conversation": self.conversation_id,
            "texts": {k: v for k, v in self.texts.items() if v},
            "ticks": sorted(k for k, v in self.ticks.items() if v),
        }
        data = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FilledSheet:
    kind: SheetKind
    school: str  # the school's sheet id printed into it
    pages: tuple[SheetPage, ...]


def read_sheet(data: bytes, file_name: str) -> FilledSheet:
    """The sheet in ``data`` (the file ``file_name``, for the messages), or a refusal."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("{file} is too big to be a filled-in sheet ({size} MB).").format(
                file=file_name, size=len(data) // (1024 * 1024)
            )
        )
    fields = _fields(data, file_name)
    kind = _kind(fields, file_name)
    school = _value(fields.get(FIELD_SCHOOL))
    grouped: dict[int, dict[str, Any]] = {}
    for name, value in fields.items():
        match = _NUMBERED.fullmatch(name)
        if match is not None:
            grouped.setdefault(int(match["n"]), {})[match["name"]] = value
    pages = tuple(_page(n, grouped[n], file_name) for n in sorted(grouped))
    return FilledSheet(kind, school, pages)


def _fields(data: bytes, file_name: str) -> dict[str, Any]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    not_pdf = _("{file} is not a PDF file, or it is damaged.").format(file=file_name)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ValidationError(not_pdf)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "{file} is locked with a password. Save the sheet again without a "
                    "password (or print it to PDF) and read that file."
                ).format(file=file_name)
            )
        raw = reader.get_fields() or {}
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise ValidationError(not_pdf) from None
    if not raw:
        raise ValidationError(
            _(
                "{file} has no form to read: it is not a filled-in sheet from Skolehjem "
                "(perhaps it was printed and scanned, or saved as a picture)."
            ).format(file=file_name)
        )
    return {
        name: _Tick(field_.get("/V")) if field_.get("/FT") == "/Btn" else field_.get("/V")
        for name, field_ in raw.items()
    }


@dataclass(frozen=True)
class _Tick:
    """A check box's state as stored (``/Yes``, ``/Off``, an export value, or none)."""

    raw: Any


def _value(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else ""
    return str(raw).strip()


def _kind(fields: dict[str, Any], file_name: str) -> SheetKind:
    kind, version = _value(fields.get(FIELD_KIND)), _value(fields.get(FIELD_VERSION))
    try:
        found = SheetKind(kind)
    except ValueError:
        raise ValidationError(
            _("{file} has a form, but it is not one of Skolehjem's sheets.").format(file=file_name)
        ) from None
    if version != SHEET_VERSION:
        raise ValidationError(
            _("{file} is a sheet from another version of Skolehjem ({version}).").format(
                file=file_name, version=version or "?"
            )
        )
    return found


def _id(raw: Any) -> int | None:
    text = _value(raw)
    return int(text) if text.isdigit() and len(text) <= 12 else None


def _page(n: int, values: dict[str, Any], file_name: str) -> SheetPage:
    texts: dict[str, str] = {}
    ticks: dict[str, bool] = {}
    for name, raw in values.items():
        if name in (FIELD_STUDENT, FIELD_CONVERSATION):
            continue
        if isinstance(raw, _Tick):
            ticks[name] = _value(raw.raw) not in _UNTICKED
            continue
        text = _value(raw)
        if len(text) > TEXT_MAX:
            raise ValidationError(
                _(
                    "An answer on {file} is too long ({n} characters; at most {limit}). "
                    "Nothing was read."
                ).format(file=file_name, n=len(text), limit=TEXT_MAX)
            )
        texts[name] = text.replace("\r\n", "\n").replace("\r", "\n")
    return SheetPage(
        n, _id(values.get(FIELD_STUDENT)), _id(values.get(FIELD_CONVERSATION)), texts, ticks
    )
