"""Reading a class list: CSV or XLSX bytes in, checked rows and problems out. No database.

What is accepted
----------------
* CSV separated by commas, semicolons or tabs (the separator is read off the header
  line; an Excel ``sep=;`` first line is honoured), in UTF-8, UTF-8 with a BOM, UTF-16
  with a BOM (Excel's "Unicode text") or Windows-1252 (what Danish Excel writes).
* XLSX: the active worksheet; date cells may be real dates.
* One row per pupil under a header row (the first non-empty row that names a column for
  the pupils' names, or simply the first non-empty row). Header names are Danish or
  English, in any case, with spaces, dots and dashes ignored:

  - ``Fornavn``/``First name`` and ``Efternavn``/``Last name``, or one ``Navn``/``Name``
    column instead (split on the last space, or on the comma in ``Hansen, Anne``);
  - ``Fødselsdato``/``Birth date`` (optional): dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or
    yyyy-mm-dd;
  - ``Klasse``/``Class`` (optional);
  - for each guardian k = 1, 2, ...: ``Forælder k``/``Guardian k`` (the name),
    ``Forælder k e-mail``/``Guardian k email`` (also "email", "mail") and
    ``Forælder k telefon``/``Guardian k phone``.

  Other columns are ignored. A CPR column (``CPR``, ``CPR-nr.``, ``Personnummer``...) is
  ignored too and reported as such; its cells are dropped as soon as the header is read
  and never reach a row, a message or the database. A cell elsewhere that looks like a
  CPR number is a problem, reported without repeating it.

Every row is checked, and every problem is reported with the line number the teacher
sees in the spreadsheet (the first line is 1) and the column's name as written in the
file. :func:`parse_class_list` never raises for bad input: it returns the problems.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Final, Literal

from skolehjem_desktop.domain.limits import (
    CLASS_NAME_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
)
from skolehjem_desktop.domain.rules import is_email, is_phone, normalize_line
from skolehjem_desktop.i18n import _

MAX_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = 2000
MIN_BIRTH_DATE: Final = dt.date(1990, 1, 1)
MAX_COLUMNS: Final = 256
MAX_SCANNED_ROWS: Final = 100_000  # blank rows included; a guard against padded sheets
HEADER_SEARCH_ROWS: Final = 10

Cell = object
FileKind = Literal["csv", "xlsx"]

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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


def _cell_text(value: Cell) -> str:
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


# ---------------------------------------------------------------------------------------
# Headers


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
    r"(forælder|forældre|foraelder|foraeldre|værge|vaerge|guardian|parent) ?(\d{1,2})(?: (.+))?"
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
class _Columns:
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


def _read_header(cells: Sequence[Cell], line: int) -> _Columns:
    cols = _Columns(headers=[_cell_text(c) for c in cells])
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
        match = _GUARDIAN_HEADER.fullmatch(norm)
        if match is not None:
            k = int(match.group(2))
            part = _GUARDIAN_PARTS.get((match.group(3) or "").replace(" ", ""))
            if k >= 1 and part is not None:
                parts = cols.guardians.setdefault(k, {})
                if part in parts:
                    cols.problems.append(_duplicate_column(line, raw))
                else:
                    parts[part] = index
                continue
        cols.unknown.append(raw)
    _check_required(cols, line)
    return cols


def _duplicate_column(line: int, header: str) -> ImportProblem:
    return ImportProblem(
        line, header, _("The column {column} appears more than once.").format(column=header)
    )


def _check_required(cols: _Columns, line: int) -> None:
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


def _looks_like_header(cells: Sequence[Cell]) -> bool:
    name_headers = (
        _FIELD_HEADERS[Field.FIRST_NAME]
        | _FIELD_HEADERS[Field.LAST_NAME]
        | _FIELD_HEADERS[Field.NAME]
    )
    return any(normalize_header(_cell_text(c)) in name_headers for c in cells)


# ---------------------------------------------------------------------------------------
# Reading the table out of the bytes


class _Unreadable(Exception):
    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _decode(data: bytes) -> str | None:
    """The text of a CSV file, or None when it is not text in an encoding we read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    elif b"\x00" in data:
        return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0c" for ch in text) or any(
        unicodedata.category(ch) == "Cs" for ch in text
    ):
        return None
    return text


_SEP_LINE: Final = re.compile(r"sep=(.)\s*")
_DELIMITERS: Final = (";", "\t", ",")


def _choose_delimiter(text: str) -> tuple[str, str]:
    """The separator and the text without an Excel ``sep=`` line."""
    first, _nl, rest = text.partition("\n")
    sep = _SEP_LINE.fullmatch(first.strip("\r"))
    if sep is not None:
        return sep.group(1), rest
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(_DELIMITERS, key=lambda d: (header.count(d), -text.count(d)))
    return delimiter, text


class _Collector:
    """Gathers the rows of a table, and says when to stop reading: once the filled rows
    are surely more than allowed, or after very many rows in all (padded sheets)."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, list[Cell]]] = []
        self.filled = 0

    def add(self, line: int, cells: list[Cell]) -> bool:
        """Keep a row; False when reading should stop."""
        self.rows.append((line, cells))
        if not _blank(cells):
            self.filled += 1
        return line <= MAX_SCANNED_ROWS and self.filled <= MAX_ROWS + HEADER_SEARCH_ROWS


def _csv_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    text = _decode(data)
    if text is None:
        raise _Unreadable(
            ImportProblem(
                None,
                None,
                _(
                    "The file is neither a CSV file nor an Excel workbook (.xlsx), "
                    "or it is written in an unknown character encoding. Save the list "
                    "from the spreadsheet as CSV (UTF-8) or as an Excel workbook and try again."
                ),
            )
        )
    delimiter, text = _choose_delimiter(text)
    collector = _Collector()
    line = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            line += 1
            if not collector.add(line, list(record[:MAX_COLUMNS])):
                break
    except csv.Error as exc:
        raise _Unreadable(
            ImportProblem(
                line + 1,
                None,
                _("This line of the CSV file cannot be read ({error}).").format(error=exc),
            )
        ) from exc
    return collector.rows


def _not_xlsx(detail: str | None = None) -> _Unreadable:
    message = _(
        "The file cannot be read as an Excel workbook (.xlsx); it may be damaged. "
        "Open it in the spreadsheet program and save it again as .xlsx or as CSV."
    )
    if detail:
        message = f"{message} ({detail})"
    return _Unreadable(ImportProblem(None, None, message))


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise _not_xlsx(str(exc)) from exc

    collector = _Collector()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise _not_xlsx() from exc
        try:
            sheet = workbook.active
            if sheet is None or not hasattr(sheet, "iter_rows"):
                sheets = getattr(workbook, "worksheets", [])
                sheet = sheets[0] if sheets else None
            if sheet is None:
                raise _Unreadable(
                    ImportProblem(None, None, _("The workbook has no worksheet with a list."))
                )
            for line, values in enumerate(
                sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
            ):
                if not collector.add(line, list(values)):
                    break
        except _Unreadable:
            raise
        except Exception as exc:  # a damaged sheet fails only when it is read
            raise _not_xlsx() from exc
        finally:
            with contextlib.suppress(Exception):  # closing a broken archive
                workbook.close()
    return collector.rows


def _read_table(data: bytes, filename: str) -> tuple[FileKind, list[tuple[int, list[Cell]]]]:
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if data.startswith(_OLE2_MAGIC) or suffix == "xls":
        raise _Unreadable(
            ImportProblem(
                None,
                None,
                _(
                    "The file is an old Excel workbook (.xls) or a password-protected one. "
                    "Save it as an Excel workbook (.xlsx) without a password, or as CSV, "
                    "and try again."
                ),
            )
        )
    if data.startswith(_ZIP_MAGIC):
        return "xlsx", _xlsx_rows(data)
    if suffix in {"xlsx", "xlsm"}:
        raise _not_xlsx()
    return "csv", _csv_rows(data)


# ---------------------------------------------------------------------------------------
# Dates

_DMY: Final = re.compile(
    r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
)
_YMD: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


class _BadValue(ValueError):
    """A cell that cannot be used; ``message`` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(value: Cell) -> dt.date | None:
    """A birth date from a cell: a real date, or text in one of the accepted formats.

    Raises :class:`ValueError` (with a translated ``message``) for anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _cell_text(value)
    if not text:
        return None
    if isinstance(value, str) and looks_like_cpr(text):
        raise _BadValue(_cpr_message())
    if isinstance(value, str):
        match = _DMY.fullmatch(text)
        if match is not None:
            day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        else:
            match = _YMD.fullmatch(text)
            if match is not None:
                year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        if match is not None:
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise _BadValue(_("The date {date} does not exist.").format(date=text)) from None
    raise _BadValue(
        _("{value} is not a date. Write dates as dd-mm-yyyy, for example 24-12-2015.").format(
            value=text
        )
    )


def _cpr_message() -> str:
    return _(
        "This looks like a CPR number. CPR numbers are never imported; "
        "remove it from the list and try again."
    )


# ---------------------------------------------------------------------------------------
# Rows


def split_full_name(text: str) -> tuple[str, str]:
    """``"Anne Marie Hansen"`` -> ``("Anne Marie", "Hansen")``; ``"Hansen, Anne"`` too."""
    if text.count(",") == 1:
        last, first = (part.strip() for part in text.split(","))
        if first and last:
            return first, last
    first, _sep, last = text.rpartition(" ")
    return (first, last) if first else (last, "")


class _RowChecker:
    """Turns the cells of one row into a :class:`ParsedRow`, collecting its problems."""

    def __init__(self, cols: _Columns, today: dt.date) -> None:
        self.cols = cols
        self.today = today
        self.problems: list[ImportProblem] = []
        self.identities: list[ParsedRow] = []

    def cell(self, cells: Sequence[Cell], index: int | None) -> Cell:
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def text(self, cells: Sequence[Cell], index: int | None) -> str:
        return _cell_text(self.cell(cells, index))

    def problem(self, line: int, index: int | None, message: str) -> None:
        column = self.cols.header(index) if index is not None else None
        self.problems.append(ImportProblem(line, column, message))

    def checked_text(
        self,
        line: int,
        cells: Sequence[Cell],
        index: int | None,
        limit: int,
        *,
        required: str | None = None,
        dashed_cpr_only: bool = False,
    ) -> str | None:
        """The cell's text, or None after recording a problem with it."""
        value = self.text(cells, index)
        if not value:
            if required is not None:
                self.problem(line, index, required)
                return None
            return value
        if looks_like_cpr(value, dashed_only=dashed_cpr_only):
            self.problem(line, index, _cpr_message())
            return None
        if len(value) > limit:
            self.problem(
                line,
                index,
                _("The text is {length} characters long; at most {limit} fit.").format(
                    length=len(value), limit=limit
                ),
            )
            return None
        return value

    def names(self, line: int, cells: Sequence[Cell]) -> tuple[str, str] | None:
        fields = self.cols.fields
        if Field.FIRST_NAME in fields and Field.LAST_NAME in fields:
            first = self.checked_text(
                line,
                cells,
                fields[Field.FIRST_NAME],
                NAME_MAX,
                required=_("The first name is empty."),
            )
            last = self.checked_text(
                line,
                cells,
                fields[Field.LAST_NAME],
                NAME_MAX,
                required=_("The last name is empty."),
            )
            if first is None or last is None:
                return None
            return first, last
        index = fields[Field.NAME]
        full = self.checked_text(
            line, cells, index, 2 * NAME_MAX + 1, required=_("The name is empty.")
        )
        if full is None:
            return None
        first, last = split_full_name(full)
        if not first or not last:
            self.problem(
                line,
                index,
                _("Write both the first and the last name: {name}").format(name=full),
            )
            return None
        if len(first) > NAME_MAX or len(last) > NAME_MAX:
            self.problem(
                line,
                index,
                _("A name is longer than {limit} characters.").format(limit=NAME_MAX),
            )
            return None
        return first, last

    def birth_date(self, line: int, cells: Sequence[Cell]) -> dt.date | None:
        index = self.cols.fields.get(Field.BIRTH_DATE)
        try:
            value = parse_date(self.cell(cells, index))
        except _BadValue as exc:
            self.problem(line, index, exc.message)
            return None
        if value is None:
            return None
        shown = value.strftime("%d-%m-%Y")
        if value > self.today:
            self.problem(
                line, index, _("The birth date {date} is in the future.").format(date=shown)
            )
            return None
        if value < MIN_BIRTH_DATE:
            self.problem(
                line,
                index,
                _("The birth date {date} is before {earliest}; that cannot be a pupil's.").format(
                    date=shown, earliest=MIN_BIRTH_DATE.strftime("%d-%m-%Y")
                ),
            )
            return None
        return value

    def guardians(self, line: int, cells: Sequence[Cell]) -> list[ParsedGuardian]:
        found: list[ParsedGuardian] = []
        seen: dict[str, int] = {}
        for k, parts in sorted(self.cols.guardians.items()):
            name_index = parts.get(GuardianPart.NAME)
            email_index = parts.get(GuardianPart.EMAIL)
            phone_index = parts.get(GuardianPart.PHONE)
            name = self.checked_text(line, cells, name_index, NAME_MAX)
            email = self.checked_text(line, cells, email_index, EMAIL_MAX)
            phone = self.checked_text(line, cells, phone_index, PHONE_MAX, dashed_cpr_only=True)
            if name is None or email is None or phone is None:
                continue
            if email and not is_email(email):
                self.problem(
                    line,
                    email_index,
                    _("{value} is not an e-mail address.").format(value=email),
                )
            if phone and not is_phone(phone):
                self.problem(
                    line,
                    phone_index,
                    _("{value} is not a phone number.").format(value=phone),
                )
            if not name:
                if email or phone:
                    self.problem(
                        line,
                        name_index,
                        _("Guardian {k} has an e-mail address or phone number but no name.").format(
                            k=k
                        ),
                    )
                continue
            key = clean_text(name).casefold()
            if key in seen:
                self.problem(
                    line,
                    name_index,
                    _("Guardian {k} is the same person as guardian {other}.").format(
                        k=k, other=seen[key]
                    ),
                )
                continue
            seen[key] = k
            found.append(ParsedGuardian(k - 1, name, email or None, phone or None))
        return found

    def row(self, line: int, cells: Sequence[Cell]) -> ParsedRow | None:
        """The checked row, or None when it has problems. A row with good names and
        birth date goes into ``identities`` even so, to find pupils listed twice."""
        before = len(self.problems)
        names = self.names(line, cells)
        before_date = len(self.problems)
        birth = self.birth_date(line, cells)
        if names is not None and len(self.problems) == before_date:
            self.identities.append(ParsedRow(line, names[0], names[1], birth, None))
        class_name = self.checked_text(
            line, cells, self.cols.fields.get(Field.CLASS), CLASS_NAME_MAX
        )
        guardians = self.guardians(line, cells)
        if names is None or class_name is None or len(self.problems) > before:
            return None
        first, last = names
        return ParsedRow(
            line=line,
            first_name=first,
            last_name=last,
            birth_date=birth,
            class_name=class_name or None,
            guardians=tuple(guardians),
        )


def same_pupil(a: ParsedRow, b: ParsedRow) -> bool:
    """Same name key, and the same birth date unless one of them has none."""
    return a.name_key == b.name_key and (
        a.birth_date is None or b.birth_date is None or a.birth_date == b.birth_date
    )


def _name_column(cols: _Columns) -> str | None:
    """The header to name in a message about a pupil's name as a whole."""
    if Field.FIRST_NAME in cols.fields and Field.LAST_NAME in cols.fields:
        return cols.header(cols.fields[Field.FIRST_NAME])
    if Field.NAME in cols.fields:
        return cols.header(cols.fields[Field.NAME])
    return None


def _duplicates(rows: Iterable[ParsedRow], cols: _Columns) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    by_name: dict[str, list[ParsedRow]] = {}
    column = _name_column(cols)
    for row in rows:
        earlier = by_name.setdefault(row.name_key, [])
        twin = next((other for other in earlier if same_pupil(other, row)), None)
        if twin is not None:
            problems.append(
                ImportProblem(
                    row.line,
                    column,
                    _("{name} is in the list twice (also on line {other}).").format(
                        name=row.full_name, other=twin.line
                    ),
                )
            )
        earlier.append(row)
    return problems


# ---------------------------------------------------------------------------------------
# The entry point


def _blank(cells: Sequence[Cell]) -> bool:
    return not any(_cell_text(c) for c in cells)


def _find_header(table: list[tuple[int, list[Cell]]]) -> int | None:
    """Index in ``table`` of the header row."""
    filled = [i for i, (_line, cells) in enumerate(table) if not _blank(cells)]
    if not filled:
        return None
    for i in filled[:HEADER_SEARCH_ROWS]:
        if _looks_like_header(table[i][1]):
            return i
    return filled[0]


def parse_class_list(data: bytes, filename: str, *, today: dt.date | None = None) -> ParsedList:
    """Read and check a class list. Pure: no database, no files; never raises for bad input.

    ``filename`` only helps to tell the kind of file; the content decides. ``today``
    (default: the real today) is the limit for birth dates.
    """
    today = today or dt.date.today()
    if not data.strip(b" \t\r\n\x00"):
        return _failed(_("The file is empty."))
    if len(data) > MAX_BYTES:
        return _failed(_too_big_message())
    try:
        kind, table = _read_table(data, filename)
    except _Unreadable as exc:
        return ParsedList(problems=(exc.problem,))

    header_at = _find_header(table)
    if header_at is None:
        return _failed(_("The file is empty."), kind=kind)
    header_line, header_cells = table[header_at]
    cols = _read_header(header_cells, header_line)
    body = table[header_at + 1 :]
    # CPR cells go now: nothing after this point sees them.
    for _line, cells in body:
        for index in cols.cpr:
            if index < len(cells):
                cells[index] = _DROPPED if _cell_text(cells[index]) else None
    class_index = cols.fields.get(Field.CLASS)
    meta = ParsedList(
        ignored_columns=tuple(cols.header(i) for i in cols.cpr),
        unknown_columns=tuple(cols.unknown),
        class_column=cols.header(class_index) if class_index is not None else None,
        name_column=_name_column(cols),
        header_line=header_line,
        kind=kind,
    )
    if cols.problems:
        return replace(meta, problems=tuple(cols.problems))

    data_rows = [(line, cells) for line, cells in body if not _is_empty_row(cells, cols)]
    if len(data_rows) > MAX_ROWS or table[-1][0] > MAX_SCANNED_ROWS:
        message = _("The list has more than {limit} rows; import one class at a time.").format(
            limit=MAX_ROWS
        )
        return replace(meta, problems=(ImportProblem(None, None, message),))
    if not data_rows:
        message = _("The list has no pupils under its header.")
        return replace(meta, problems=(ImportProblem(None, None, message),))
    checker = _RowChecker(cols, today)
    rows = [row for line, cells in data_rows if (row := checker.row(line, cells)) is not None]
    problems = checker.problems + _duplicates(checker.identities, cols)
    problems.sort(key=lambda p: p.line or 0)
    return replace(meta, rows=tuple(rows), problems=tuple(problems))


_DROPPED: Final = "\u2022"  # stands for a CPR cell that had something in it


def _failed(message: str, kind: FileKind | None = None) -> ParsedList:
    return ParsedList(problems=(ImportProblem(None, None, message),), kind=kind)


def _too_big_message() -> str:
    return _("The file is larger than {size} MB; a class list is much smaller.").format(
        size=MAX_BYTES // (1024 * 1024)
    )


def _is_empty_row(cells: Sequence[Cell], cols: _Columns) -> bool:
    """A row with nothing in any column we read (CPR columns count: a CPR alone is a pupil
    without a name). Such rows, e.g. blank separator lines, are skipped."""
    used = [*cols.fields.values(), *cols.cpr]
    used += [i for parts in cols.guardians.values() for i in parts.values()]
    return not any(_cell_text(cells[i]) for i in used if i < len(cells))
