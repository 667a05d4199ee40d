"""Recognising the columns of a class list: which header names what, and which row heads it.

Header names are Danish or English, in any case, with spaces, dots and dashes ignored
(:func:`normalize_header`); the accepted names are listed in :mod:`.parse`. A CPR column
is recognised only to be dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Final

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.model import (
    HEADER_SEARCH_ROWS,
    Cell,
    ImportProblem,
    blank,
    cell_text,
    clean_text,
)


class Field(Enum):
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    CLASS = "class"


class GuardianPart(Enum):
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"


_FIELD_HEADERS: Final[dict[Field, frozenset[str]]] = {
    Field.FIRST_NAME: frozenset(
        {"fornavn", "fornavne", "first name", "firstname", "given name", "given names"}
    ),
    Field.LAST_NAME: frozenset(
        {"efternavn", "last name", "lastname", "surname", "family name", "familienavn"}
    ),
    Field.NAME: frozenset(
        {
            "navn",
            "name",
            "elev",
            "elevnavn",
            "elev navn",
            "elevens navn",
            "fulde navn",
            "full name",
            "pupil",
            "pupil name",
            "student",
            "student name",
        }
    ),
    Field.BIRTH_DATE: frozenset(
        {
            "fødselsdato",
            "foedselsdato",
            "fodselsdato",
            "født",
            "fødselsdag",
            "birth date",
            "birthdate",
            "date of birth",
            "birthday",
            "dob",
        }
    ),
    Field.CLASS: frozenset({"klasse", "class", "klassenavn", "class name"}),
}
_GUARDIAN_HEADER: Final = re.compile(
    r"(forælder|forældre|foraelder|foraeldre|værge|vaerge|guardian|parent) ?(\d{1,2})?(?: (.+))?"
)
_GUARDIAN_PARTS: Final[dict[str, GuardianPart]] = {
    **dict.fromkeys(["", "navn", "name", "fulde navn", "full name"], GuardianPart.NAME),
    **dict.fromkeys(
        ["email", "mail", "emailadresse", "mailadresse", "emailaddress", "mailaddress"],
        GuardianPart.EMAIL,
    ),
    **dict.fromkeys(
        [
            "telefon",
            "telefonnummer",
            "telefonnr",
            "tlf",
            "tlfnr",
            "phone",
            "phonenumber",
            "telephone",
            "mobil",
            "mobilnummer",
            "mobilnr",
            "mobile",
        ],
        GuardianPart.PHONE,
    ),
}
_CPR_HEADER: Final = re.compile(r"(.* )?(cpr\w*|personnummer|personnr|person nummer)( .*)?")


def normalize_header(text: str) -> str:
    """``" Forælder 1 E-mail "`` -> ``"forælder 1 e mail"``."""
    t = clean_text(text).casefold()
    return " ".join(re.sub(r"[\-_.:/()#]+", " ", t).split())


@dataclass
class Columns:
    """Which column index holds what, found in the header row."""

    fields: dict[Field, int] = field(default_factory=dict)
    guardians: dict[int, dict[GuardianPart, int]] = field(default_factory=dict)
    cpr: list[int] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def header(self, index: int) -> str:
        return self.headers[index]


def _is_cpr_header(norm: str) -> bool:
    return _CPR_HEADER.fullmatch(norm) is not None


def read_header(cells: Sequence[Cell], line: int) -> Columns:
    cols = Columns(headers=[cell_text(c) for c in cells])
    bare_parts: dict[GuardianPart, int] = {}
    for index, raw in enumerate(cols.headers):
        norm = normalize_header(raw)
        if not norm:
            continue
        if _is_cpr_header(norm):
            cols.cpr.append(index)
            continue
        found: Field | None = next(
            (f for f, names in _FIELD_HEADERS.items() if norm in names), None
        )
        if found is not None:
            if found in cols.fields:
                cols.problems.append(_duplicate_column(line, raw))
            else:
                cols.fields[found] = index
            continue
        if (bare := _GUARDIAN_PARTS.get(norm.replace(" ", ""))) is not None and bare in (
            GuardianPart.EMAIL,
            GuardianPart.PHONE,
        ):
            bare_parts.setdefault(bare, index)
            continue
        match = _GUARDIAN_HEADER.fullmatch(norm)
        if match is not None:
            k = int(match.group(2) or 1)  # "Forælder" alone is the first guardian
            part = _GUARDIAN_PARTS.get((match.group(3) or "").replace(" ", ""))
            if k >= 1 and part is not None:
                parts = cols.guardians.setdefault(k, {})
                if part in parts:
                    cols.problems.append(_duplicate_column(line, raw))
                else:
                    parts[part] = index
                continue
        cols.unknown.append(raw)
    _place_bare_parts(cols, bare_parts)
    _check_required(cols, line)
    return cols


def _place_bare_parts(cols: Columns, bare_parts: dict[GuardianPart, int]) -> None:
    """A column "E-mail" or "Telefon" with no guardian named in it is the first guardian's
    when the list has a column with that guardian's name (a pupil has no such field);
    without one it is not used."""
    first = cols.guardians.get(1)
    for part, index in bare_parts.items():
        if first is not None and GuardianPart.NAME in first and part not in first:
            first[part] = index
        else:
            cols.unknown.append(cols.header(index))


def _duplicate_column(line: int, header: str) -> ImportProblem:
    return ImportProblem(
        line, header, _("The column {column} appears more than once.").format(column=header)
    )


def _check_required(cols: Columns, line: int) -> None:
    has_first = Field.FIRST_NAME in cols.fields
    has_last = Field.LAST_NAME in cols.fields
    if not (has_first and has_last) and Field.NAME not in cols.fields:
        if has_first:
            message = _("The list has no column for the last name (Efternavn or Last name).")
        elif has_last:
            message = _("The list has no column for the first name (Fornavn or First name).")
        else:
            message = _(
                "The list has no column with the pupils' names. It needs the columns "
                "Fornavn and Efternavn, or one column Navn "
                "(in English: First name and Last name, or Name)."
            )
        cols.problems.append(ImportProblem(line, None, message))
    for k, parts in sorted(cols.guardians.items()):
        if GuardianPart.NAME not in parts:
            for index in parts.values():
                header = cols.header(index)
                cols.problems.append(
                    ImportProblem(
                        line,
                        header,
                        _(
                            "The column {column} belongs to guardian {k}, but there is no "
                            "column with guardian {k}'s name (Forælder {k} or Guardian {k})."
                        ).format(column=header, k=k),
                    )
                )


def looks_like_header(cells: Sequence[Cell]) -> bool:
    name_headers = (
        _FIELD_HEADERS[Field.FIRST_NAME]
        | _FIELD_HEADERS[Field.LAST_NAME]
        | _FIELD_HEADERS[Field.NAME]
    )
    return any(normalize_header(cell_text(c)) in name_headers for c in cells)


def find_header(table: list[tuple[int, list[Cell]]]) -> int | None:
    """Index in ``table`` of the header row."""
    filled = [i for i, (_line, cells) in enumerate(table) if not blank(cells)]
    if not filled:
        return None
    for i in filled[:HEADER_SEARCH_ROWS]:
        if looks_like_header(table[i][1]):
            return i
    return filled[0]


def name_column(cols: Columns) -> str | None:
    """The header to name in a message about a pupil's name as a whole."""
    if Field.FIRST_NAME in cols.fields and Field.LAST_NAME in cols.fields:
        return cols.header(cols.fields[Field.FIRST_NAME])
    if Field.NAME in cols.fields:
        return cols.header(cols.fields[Field.NAME])
    return None
