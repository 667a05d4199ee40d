"""What reading a class list gives, and the text of one cell: no file, no database.

The limits of a list, :class:`ImportProblem` and its wording, the checked rows
(:class:`ParsedRow`, :class:`ParsedGuardian`) and the whole :class:`ParsedList`; and
the small rules every step of the reading shares: a cell's text, a name's key, what
looks like a CPR number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from skolehjem_desktop.domain.rules import normalize_line
from skolehjem_desktop.i18n import _

MAX_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = 2000
MIN_BIRTH_DATE: Final = dt.date(1990, 1, 1)
MAX_COLUMNS: Final = 256
MAX_SCANNED_ROWS: Final = 100_000  # blank rows included; a guard against padded sheets
HEADER_SEARCH_ROWS: Final = 10

Cell = object
FileKind = Literal["csv", "xlsx"]


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the list: where (line as shown in the spreadsheet, column
    as headed in the file; None when it concerns the whole file) and what, translated."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return describe_problem(self)


def describe_problem(problem: ImportProblem) -> str:
    """``Line 3, column Fødselsdato: The date 31-02-2020 does not exist.``"""
    if problem.line is not None and problem.column is not None:
        return _("Line {line}, column {column}: {message}").format(
            line=problem.line, column=problem.column, message=problem.message
        )
    if problem.line is not None:
        return _("Line {line}: {message}").format(line=problem.line, message=problem.message)
    if problem.column is not None:
        return _("Column {column}: {message}").format(
            column=problem.column, message=problem.message
        )
    return problem.message


@dataclass(frozen=True)
class ParsedGuardian:
    """Guardian k of a pupil; ``position`` is k - 1."""

    position: int
    name: str
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class ParsedRow:
    """One pupil, checked: names non-empty and within limits, dates real and plausible."""

    line: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    class_name: str | None
    guardians: tuple[ParsedGuardian, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def name_key(self) -> str:
        return name_key(self.first_name, self.last_name)


@dataclass(frozen=True)
class ParsedList:
    """What :func:`parse_class_list` made of a file.

    ``rows`` holds the rows that passed their checks; the list may be imported only
    when ``problems`` is empty. ``ignored_columns`` are the CPR columns as headed in
    the file; ``unknown_columns`` the other headers that were not understood.
    ``class_column`` and ``name_column`` are headers as written (for messages), and
    ``header_line`` the line of the header row.
    """

    rows: tuple[ParsedRow, ...] = ()
    problems: tuple[ImportProblem, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    unknown_columns: tuple[str, ...] = ()
    class_column: str | None = None
    name_column: str | None = None
    header_line: int | None = None
    kind: FileKind | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


# ---------------------------------------------------------------------------------------
# Text helpers


# One cell, one clean line: the rule is the domain's (domain.rules.normalize_line).
clean_text = normalize_line


def name_key(first_name: str, last_name: str) -> str:
    """The key two spellings of one pupil's name share: the full name, trimmed, one space
    between words, case-folded (so "Anne Marie" + "Hansen" = "Anne" + "Marie Hansen")."""
    return clean_text(f"{first_name} {last_name}").casefold()


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(str(value))


_CPR: Final = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)")
_CPR_DASHED: Final = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-\d{4}(?!\d)")


def looks_like_cpr(text: str, *, dashed_only: bool = False) -> bool:
    """Whether ``text`` contains something shaped like a CPR number (ddmmyy-nnnn)."""
    pattern = _CPR_DASHED if dashed_only else _CPR
    return pattern.search(text) is not None


def blank(cells: Sequence[Cell]) -> bool:
    """A row with no text in any cell."""
    return not any(cell_text(c) for c in cells)


def cpr_message() -> str:
    return _(
        "This looks like a CPR number. CPR numbers are never imported; "
        "remove it from the list and try again."
    )
