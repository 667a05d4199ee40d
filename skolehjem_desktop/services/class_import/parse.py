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

The reading is done in steps, a module each: the bytes become a table
(:mod:`.reading`), the header row tells the columns (:mod:`.headers`), each row is
checked (:mod:`.checks`); what comes out is described in :mod:`.model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.checks import RowChecker, duplicates
from skolehjem_desktop.services.class_import.headers import (
    Columns,
    Field,
    find_header,
    name_column,
    read_header,
)
from skolehjem_desktop.services.class_import.model import (
    MAX_BYTES,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    Cell,
    FileKind,
    ImportProblem,
    ParsedList,
    cell_text,
)
from skolehjem_desktop.services.class_import.reading import Unreadable, read_table

__all__ = ["parse_class_list"]


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
        kind, table = read_table(data, filename)
    except Unreadable as exc:
        return ParsedList(problems=(exc.problem,))

    header_at = find_header(table)
    if header_at is None:
        return _failed(_("The file is empty."), kind=kind)
    header_line, header_cells = table[header_at]
    cols = read_header(header_cells, header_line)
    body = table[header_at + 1 :]
    # CPR cells go now: nothing after this point sees them.
    for _line, cells in body:
        for index in cols.cpr:
            if index < len(cells):
                cells[index] = _DROPPED if cell_text(cells[index]) else None
    class_index = cols.fields.get(Field.CLASS)
    meta = ParsedList(
        ignored_columns=tuple(cols.header(i) for i in cols.cpr),
        unknown_columns=tuple(cols.unknown),
        class_column=cols.header(class_index) if class_index is not None else None,
        name_column=name_column(cols),
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
    checker = RowChecker(cols, today)
    rows = [row for line, cells in data_rows if (row := checker.row(line, cells)) is not None]
    problems = checker.problems + duplicates(checker.identities, cols)
    problems.sort(key=lambda p: p.line or 0)
    return replace(meta, rows=tuple(rows), problems=tuple(problems))


_DROPPED: Final = "\u2022"  # stands for a CPR cell that had something in it


def _failed(message: str, kind: FileKind | None = None) -> ParsedList:
    return ParsedList(problems=(ImportProblem(None, None, message),), kind=kind)


def _too_big_message() -> str:
    return _("The file is larger than {size} MB; a class list is much smaller.").format(
        size=MAX_BYTES // (1024 * 1024)
    )


def _is_empty_row(cells: Sequence[Cell], cols: Columns) -> bool:
    """A row with nothing in any column we read (CPR columns count: a CPR alone is a pupil
    without a name). Such rows, e.g. blank separator lines, are skipped."""
    used = [*cols.fields.values(), *cols.cpr]
    used += [i for parts in cols.guardians.values() for i in parts.values()]
    return not any(cell_text(cells[i]) for i in used if i < len(cells))
