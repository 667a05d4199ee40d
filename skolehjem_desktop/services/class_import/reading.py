"""Reading the table out of the bytes: an XLSX workbook, or CSV in one of the encodings.

CSV is read in UTF-8 (with or without a BOM), UTF-16 with a BOM or Windows-1252, with
the separator read off the header line or an Excel ``sep=`` first line; an XLSX file
gives its active worksheet. Either way the result is the rows with their line numbers
as the spreadsheet shows them, or :class:`Unreadable` with the problem.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import unicodedata
import warnings
import zipfile
from typing import Final

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.model import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    Cell,
    FileKind,
    ImportProblem,
    blank,
)

_ZIP_MAGIC: Final = b"PK\x03\x04"
# What a workbook may unpack to: a class list of 2,000 rows is a few MB unpacked; a file
# far larger is a zip bomb (a small file of endless whitespace), refused before reading.
MAX_UNPACKED: Final = 64 * 1024 * 1024
_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Unreadable(Exception):
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
    # A few stray control characters (pasted into a cell) are text with a flaw, cleaned
    # from the cells later; many are a file that is not text at all.
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0c")
    if controls > max(8, len(text) // 200) or any(unicodedata.category(ch) == "Cs" for ch in text):
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
        if not blank(cells):
            self.filled += 1
        return line <= MAX_SCANNED_ROWS and self.filled <= MAX_ROWS + HEADER_SEARCH_ROWS


def _csv_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    text = _decode(data)
    if text is None:
        raise Unreadable(
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
        raise Unreadable(
            ImportProblem(
                line + 1,
                None,
                _("This line of the CSV file cannot be read ({error}).").format(error=exc),
            )
        ) from exc
    return collector.rows


def _not_xlsx(detail: str | None = None) -> Unreadable:
    message = _(
        "The file cannot be read as an Excel workbook (.xlsx); it may be damaged. "
        "Open it in the spreadsheet program and save it again as .xlsx or as CSV."
    )
    if detail:
        message = f"{message} ({detail})"
    return Unreadable(ImportProblem(None, None, message))


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_UNPACKED`.

    The sizes are the archive's own; Python's zipfile stops at them while reading, so a
    part cannot unpack to more than it says.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_xlsx() from exc
    if unpacked > MAX_UNPACKED:
        raise Unreadable(
            ImportProblem(
                None,
                None,
                _(
                    "The workbook unpacks to {size} MB, far more than a class list "
                    "(at most {limit} MB). It is not read. Save the list again as .xlsx "
                    "or as CSV, with only the pupils in it."
                ).format(size=unpacked // (1024 * 1024), limit=MAX_UNPACKED // (1024 * 1024)),
            )
        )


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise _not_xlsx(str(exc)) from exc

    _check_unpacked_size(data)

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
                raise Unreadable(
                    ImportProblem(None, None, _("The workbook has no worksheet with a list."))
                )
            for line, values in enumerate(
                sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
            ):
                if not collector.add(line, list(values)):
                    break
        except Unreadable:
            raise
        except Exception as exc:  # a damaged sheet fails only when it is read
            raise _not_xlsx() from exc
        finally:
            with contextlib.suppress(Exception):  # closing a broken archive
                workbook.close()
    return collector.rows


def read_table(data: bytes, filename: str) -> tuple[FileKind, list[tuple[int, list[Cell]]]]:
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if data.startswith(_OLE2_MAGIC) or suffix == "xls":
        raise Unreadable(
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
