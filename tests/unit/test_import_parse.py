"""Reading and checking class lists (no database): formats, headers, every broken case."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skolehjem_desktop.services.class_import import (
    MAX_BYTES,
    MAX_ROWS,
    ImportProblem,
    ParsedGuardian,
    ParsedList,
    ParsedRow,
    describe_problem,
    parse_class_list,
)
from skolehjem_desktop.services.class_import.checks import parse_date, split_full_name
from skolehjem_desktop.services.class_import.headers import normalize_header
from skolehjem_desktop.services.class_import.model import name_key

RESOURCES = Path(__file__).parent.parent / "resources" / "import"
TODAY = dt.date(2026, 11, 23)

DANISH_HEADER = ["Fornavn", "Efternavn", "Fødselsdato", "Klasse", "Forælder 1", "Forælder 1 e-mail"]
ENGLISH_HEADER = [
    "First name",
    "Last name",
    "Birth date",
    "Class",
    "Guardian 1",
    "Guardian 1 email",
]


def parse(data: bytes, filename: str = "liste.csv") -> ParsedList:
    return parse_class_list(data, filename, today=TODAY)


def only_problem(result: ParsedList) -> ImportProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def problems_at(result: ParsedList) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.column) for p in result.problems]


def xlsx_bytes(rows: list[list[object]], *, title: str | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title is not None:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------
# Accepted formats


def test_semicolon_cp1252_danish_excel_with_cpr_column() -> None:
    data = (RESOURCES / "klasse_5a_semikolon_cp1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really Windows-1252
    result = parse(data, "klasse_5a_semikolon_cp1252.csv")
    assert result.ok
    assert result.kind == "csv"
    assert [(r.line, r.first_name, r.last_name, r.birth_date) for r in result.rows] == [
        (2, "Søren", "Ægidius", dt.date(2015, 3, 14)),
        (3, "Åse", "Ødegård", dt.date(2015, 11, 2)),
        (4, "Ida", "Ægidius", dt.date(2015, 3, 14)),
        (5, "Emil", "Bæk", dt.date(2015, 6, 30)),
    ]
    assert result.rows[0].guardians == (
        ParsedGuardian(0, "Mette Ægidius", "mette@example.dk", "20 30 40 50"),
        ParsedGuardian(1, "Jørgen Ægidius", "jorgen@example.dk", "+45 21 31 41 51"),
    )
    assert result.ignored_columns == ("CPR-nr.",)
    assert result.unknown_columns == ("Bemærkning",)
    assert result.class_column is None
    assert "140315" not in repr(result)  # the CPR numbers are gone


def test_comma_utf8_english_headers_in_odd_case() -> None:
    result = parse((RESOURCES / "class_5b_comma_utf8.csv").read_bytes())
    assert result.ok, result.problems
    assert [(r.first_name, r.last_name, r.birth_date, r.class_name) for r in result.rows] == [
        ("Łukasz", "Kowalczyk", dt.date(2015, 5, 17), "5.B"),
        ("Ayşe", "Yılmaz", dt.date(2015, 4, 3), "5.B"),
        ("Minh Anh", "Nguyễn", dt.date(2014, 12, 21), "5.B"),
        ("Zoë", "O'Connor-Smith", dt.date(2015, 1, 1), "5.B"),
    ]
    assert result.rows[2].guardians == (ParsedGuardian(0, "Trần Thị Mai", None, "12345678"),)
    assert result.class_column == "Class"
    assert result.ignored_columns == ()


def test_tab_utf8_bom_single_name_column() -> None:
    data = (RESOURCES / "navn_tab_utf8_bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    result = parse(data)
    assert result.ok, result.problems
    assert [(r.line, r.first_name, r.last_name, r.class_name) for r in result.rows] == [
        (2, "Anne Marie", "Hansen", "4a"),
        (3, "Peter", "Holm", "4a"),  # "Holm, Peter"
        (5, "Ahmad", "Al-Sayed", "4b"),  # line 4 is blank and skipped, numbering kept
    ]
    assert result.rows[2].birth_date is None
    assert result.rows[0].guardians == (ParsedGuardian(0, "Lone Hansen", "lone@example.dk", None),)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter(encoding: str, delimiter: str) -> None:
    rows = [
        ["fornavn", "EFTERNAVN", "fødselsdato"],
        ["Søren Æble", "Østergård-Åberg", "01-02-2015"],
        ["Zoë", "Ærø", "2015-12-31"],
    ]
    text = "\r\n".join(delimiter.join(r) for r in rows) + "\r\n"
    result = parse(text.encode(encoding))
    assert result.ok, result.problems
    assert [(r.first_name, r.last_name, r.birth_date) for r in result.rows] == [
        ("Søren Æble", "Østergård-Åberg", dt.date(2015, 2, 1)),
        ("Zoë", "Ærø", dt.date(2015, 12, 31)),
    ]


def test_cp1252_punctuation_that_latin1_lacks() -> None:
    text = "Navn;Forælder 1\r\nSiobhán O’Brien;Anne–Marie O’Brien\r\n"
    result = parse(text.encode("cp1252"))
    assert result.ok, result.problems
    assert (result.rows[0].first_name, result.rows[0].last_name) == ("Siobhán", "O’Brien")
    assert result.rows[0].guardians[0].name == "Anne–Marie O’Brien"


def test_decomposed_unicode_is_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Åse Kjærgård-Øhlenschläger")
    assert nfd != "Åse Kjærgård-Øhlenschläger"
    result = parse(f"Navn\n{nfd}\n".encode())
    assert (result.rows[0].first_name, result.rows[0].last_name) == (
        "Åse",
        "Kjærgård-Øhlenschläger",
    )


def test_excel_sep_line_is_honoured_and_not_counted() -> None:
    result = parse(b"sep=,\nNavn,Klasse\nAnne Hansen;x,5.A\nBo Berg,\n")
    assert result.ok, result.problems
    assert [(r.line, r.first_name, r.last_name) for r in result.rows] == [
        (2, "Anne", "Hansen;x"),
        (3, "Bo", "Berg"),
    ]


def test_quoted_cells_with_separator_and_line_break() -> None:
    data = 'Navn;Forælder 1;Forælder 1 telefon\n"Anne; Marie Hansen";"Lone\nHansen";"12 34 56 78"\n'
    result = parse(data.encode())
    assert result.ok, result.problems
    row = result.rows[0]
    assert (row.first_name, row.last_name) == ("Anne; Marie", "Hansen")
    assert row.guardians == (ParsedGuardian(0, "Lone Hansen", None, "12 34 56 78"),)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (" Fornavn ", "fornavn"),
        ("FORÆLDER 1 E-MAIL", "forælder 1 e mail"),
        ("Guardian_2_Phone", "guardian 2 phone"),
        ("CPR-nr.", "cpr nr"),
    ],
)
def test_normalize_header(header: str, expected: str) -> None:
    assert normalize_header(header) == expected


@pytest.mark.parametrize(
    "headers",
    [
        ["FORNAVN", "efternavn", "Fødselsdato", "forælder 1", "FORÆLDER 1 MAIL", "forælder 1 tlf."],
        [
            "first NAME",
            "LAST name",
            "date of birth",
            "Parent 1",
            "parent 1 e-mail",
            "parent 1 mobile",
        ],
        ["Fornavn", "Efternavn", "Fødselsdato", "Guardian1", "Guardian1 Email", "Guardian1 Phone"],
        [
            "Fornavn",
            "Efternavn",
            "Født",
            "Værge 1",
            "Værge 1 e-mail-adresse",
            "Værge 1 telefonnummer",
        ],
    ],
)
def test_header_variants(headers: list[str]) -> None:
    line = ["Bo", "Berg", "01-01-2015", "Lis Berg", "lis@example.dk", "11223344"]
    data = "\n".join(";".join(r) for r in [headers, line]).encode()
    result = parse(data)
    assert result.ok, result.problems
    assert result.unknown_columns == ()
    assert result.rows == (
        ParsedRow(
            2,
            "Bo",
            "Berg",
            dt.date(2015, 1, 1),
            None,
            (ParsedGuardian(0, "Lis Berg", "lis@example.dk", "11223344"),),
        ),
    )


def test_guardian_positions_follow_k_and_empty_guardians_are_skipped() -> None:
    data = (
        "Navn;Forælder 1;Forælder 2;Forælder 3;Forælder 3 telefon\n"
        "Bo Berg;;Lis Berg;Kim Berg;+45 11 22 33 44\n"
    ).encode()
    result = parse(data)
    assert result.ok, result.problems
    assert result.rows[0].guardians == (
        ParsedGuardian(1, "Lis Berg", None, None),
        ParsedGuardian(2, "Kim Berg", None, "+45 11 22 33 44"),
    )


def test_a_guardian_column_without_a_number_is_the_first_guardian() -> None:
    """A school's export often says "Forælder", "E-mail", "Telefon": one family's contact."""
    data = (
        "Fornavn;Efternavn;Forælder;E-mail;Telefon\n"
        "Søren;Ægidius;Mette Ægidius;mette@example.dk;20 30 40 50\n"
    ).encode()
    result = parse(data)
    assert result.ok, result.problems
    assert result.rows[0].guardians == (
        ParsedGuardian(0, "Mette Ægidius", "mette@example.dk", "20 30 40 50"),
    )


def test_an_e_mail_column_without_a_guardian_is_not_used() -> None:
    result = parse(b"Navn;E-mail\nBo Berg;bo@example.dk\n")
    assert result.ok, result.problems
    assert result.rows[0].guardians == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24-12-2015", dt.date(2015, 12, 24)),
        ("24.12.2015", dt.date(2015, 12, 24)),
        ("24/12/2015", dt.date(2015, 12, 24)),
        ("2015-12-24", dt.date(2015, 12, 24)),
        ("1-2-2015", dt.date(2015, 2, 1)),
        ("2015-12-24 00:00:00", dt.date(2015, 12, 24)),
        ("", None),
        (None, None),
        (dt.date(2015, 1, 2), dt.date(2015, 1, 2)),
        (dt.datetime(2015, 1, 2, 0, 0), dt.date(2015, 1, 2)),
    ],
)
def test_parse_date(text: object, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Anne Marie Hansen", "Anne Marie", "Hansen"),
        ("Hansen, Anne Marie", "Anne Marie", "Hansen"),
        ("Bo Berg", "Bo", "Berg"),
        ("Cher", "Cher", ""),
    ],
)
def test_split_full_name(full: str, first: str, last: str) -> None:
    assert split_full_name(full) == (first, last)


def test_name_key_ignores_case_spacing_and_where_the_split_is() -> None:
    assert name_key("Anne Marie", "Hansen") == name_key(" anne", "MARIE  hansen ")
    assert name_key("Søren", "Ærø") == name_key("SØREN", "ÆRØ")
    assert name_key("Søren", "Ærø") != name_key("Soren", "Aero")


# ---------------------------------------------------------------------------------------
# XLSX


def test_xlsx_with_real_date_cells_numbers_and_odd_headers() -> None:
    data = xlsx_bytes(
        [
            [
                " FORNAVN",
                "efterNavn ",
                "Fødselsdato",
                "klasse",
                "Forælder 1",
                "Forælder 1 telefon",
                "CPR",
            ],
            ["Søren", "Ærø", dt.datetime(2015, 3, 14), "5.A", "Mette Ærø", 20304050, "1403154817"],
            ["Łukasz", "Kowalczyk", dt.date(2015, 5, 17), "5.A", None, None, None],
            ["Nguyễn", "Văn An", "21-12-2014", "5.A", None, None, None],
            [None, None, None, None, None, None, None],
            ["Ayşe", "Yılmaz", None, 5, None, None, None],
        ]
    )
    result = parse(data, "liste.xlsx")
    assert result.ok, result.problems
    assert result.kind == "xlsx"
    assert [
        (r.line, r.first_name, r.last_name, r.birth_date, r.class_name) for r in result.rows
    ] == [
        (2, "Søren", "Ærø", dt.date(2015, 3, 14), "5.A"),
        (3, "Łukasz", "Kowalczyk", dt.date(2015, 5, 17), "5.A"),
        (4, "Nguyễn", "Văn An", dt.date(2014, 12, 21), "5.A"),
        (6, "Ayşe", "Yılmaz", None, "5"),
    ]
    assert result.rows[0].guardians == (ParsedGuardian(0, "Mette Ærø", None, "20304050"),)
    assert result.ignored_columns == ("CPR",)
    assert "1403154817" not in repr(result)


def test_xlsx_title_rows_above_the_header_keep_their_line_numbers() -> None:
    data = xlsx_bytes(
        [["Navn", "Fødselsdato"], ["Bo Berg", "31-02-2015"]], title="Klasseliste 5.A 2026/27"
    )
    result = parse(data, "liste.xlsx")
    assert problems_at(result) == [(4, "Fødselsdato")]
    assert "does not exist" in result.problems[0].message


def test_xlsx_number_in_date_column_is_a_problem() -> None:
    data = xlsx_bytes([["Navn", "Fødselsdato"], ["Bo Berg", 42000]])
    problem = only_problem(parse(data, "liste.xlsx"))
    assert (problem.line, problem.column) == (2, "Fødselsdato")
    assert "not a date" in problem.message


def test_xlsx_named_csv_is_read_as_xlsx() -> None:
    data = xlsx_bytes([["Navn"], ["Bo Berg"]])
    result = parse(data, "liste.csv")
    assert result.kind == "xlsx"
    assert result.ok


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00garbage" * 50,
        b"this is text but named xlsx",
        b"",
    ],
    ids=["zip-garbage", "text", "empty"],
)
def test_corrupt_xlsx_is_one_clear_problem(data: bytes) -> None:
    problem = only_problem(parse(data, "liste.xlsx"))
    assert problem.line is None
    assert "Traceback" not in problem.message
    assert "xlsx" in problem.message.lower() or "empty" in problem.message.lower()


def test_truncated_xlsx_is_one_clear_problem() -> None:
    data = xlsx_bytes([["Navn"], ["Bo Berg"]])
    problem = only_problem(parse(data[: len(data) // 2], "liste.xlsx"))
    assert "Excel workbook" in problem.message


def test_a_workbook_that_unpacks_to_far_more_than_a_class_list_is_refused_at_once() -> None:
    """A zip bomb: a small file whose sheet is hundreds of MB of whitespace."""
    import time
    import tracemalloc

    data = bytearray(xlsx_bytes([["Navn"], ["Bo Berg"]]))
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(bytes(data))) as src,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            if info.filename.startswith("xl/worksheets/"):
                with out.open(info.filename, "w", force_zip64=True) as sheet:
                    chunk = b" " * (1 << 20)
                    for _ in range(120):
                        sheet.write(chunk)
            else:
                out.writestr(info, src.read(info.filename))
    bomb = buf.getvalue()
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    started = time.monotonic()
    problem = only_problem(parse(bomb, "liste.xlsx"))
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "unpacks to" in problem.message and "MB" in problem.message
    assert peak < 20_000_000 and time.monotonic() - started < 5


def test_zip_that_is_not_a_workbook() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    problem = only_problem(parse(buf.getvalue(), "brev.docx"))
    assert "Excel workbook" in problem.message


def test_old_xls_or_password_protected_workbook() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    problem = only_problem(parse(data, "liste.xls"))
    assert ".xls" in problem.message


# ---------------------------------------------------------------------------------------
# Broken lists: every problem, with line and column


def test_every_problem_in_a_broken_list_is_reported() -> None:
    result = parse((RESOURCES / "fejl_5a.csv").read_bytes())
    assert not result.ok
    assert problems_at(result) == [
        (2, "Fødselsdato"),
        (3, "Fornavn"),
        (4, "Fødselsdato"),
        (5, "Fødselsdato"),
        (6, "Forælder 1 e-mail"),
        (7, "Fornavn"),
        (8, "Fornavn"),
        (9, "Fødselsdato"),
        (9, "Forælder 1"),
    ]
    messages = [p.message for p in result.problems]
    assert "31-02-2020 does not exist" in messages[0]
    assert "empty" in messages[1]
    assert "future" in messages[2]
    assert "1990" in messages[3]
    assert "karen(at)example.dk is not an e-mail address" in messages[4]
    assert "twice" in messages[5] and "line 6" in messages[5]
    assert "101" in messages[6] and "100" in messages[6]
    assert "not a date" in messages[7]
    assert "no name" in messages[8]
    described = describe_problem(result.problems[0])
    assert described.startswith("Line 2, column Fødselsdato:")


@pytest.mark.parametrize(
    ("header", "needle"),
    [
        ("Fornavn;Klasse", "last name"),
        ("Efternavn;Klasse", "first name"),
        ("Klasse;Fødselsdato", "Fornavn and Efternavn"),
        ("Elevnummer;CPR", "Navn"),
    ],
)
def test_missing_required_columns(header: str, needle: str) -> None:
    problem = only_problem(parse(f"{header}\nBo;5.A\n".encode()))
    assert problem.line == 1
    assert needle in problem.message


def test_guardian_contact_column_without_name_column() -> None:
    problem = only_problem(parse("Navn;Forælder 2 e-mail\nBo Berg;a@b.dk\n".encode()))
    assert (problem.line, problem.column) == (1, "Forælder 2 e-mail")
    assert "guardian 2" in problem.message


def test_same_column_twice() -> None:
    problem = only_problem(parse(b"Navn;Klasse;class\nBo Berg;5.A;5.A\n"))
    assert (problem.line, problem.column) == (1, "class")
    assert "more than once" in problem.message


@pytest.mark.parametrize(
    ("cell", "needle"),
    [
        ("31-02-2020", "does not exist"),
        ("29-02-2015", "does not exist"),
        ("2015-13-01", "does not exist"),
        ("15-03-15", "not a date"),
        ("i morgen", "not a date"),
        ("24-11-2026", "future"),
        ("31-12-1989", "1990"),
    ],
)
def test_bad_birth_dates(cell: str, needle: str) -> None:
    problem = only_problem(parse(f"Navn;Fødselsdato\nBo Berg;{cell}\n".encode()))
    assert (problem.line, problem.column) == (2, "Fødselsdato")
    assert needle in problem.message


def test_today_and_1990_are_allowed() -> None:
    result = parse(b"Navn;Fodselsdato\nBo Berg;23-11-2026\nLis Berg;01-01-1990\n")
    assert result.ok, result.problems


@pytest.mark.parametrize("email", ["karen", "karen@", "@example.dk", "a b@c.dk", "a@b", "a@@b.dk"])
def test_malformed_email(email: str) -> None:
    problem = only_problem(
        parse(f"Navn;Forælder 1;Forælder 1 e-mail\nBo Berg;Lis;{email}\n".encode())
    )
    assert (problem.line, problem.column) == (2, "Forælder 1 e-mail")


def test_malformed_phone() -> None:
    problem = only_problem(
        parse("Navn;Forælder 1;Forælder 1 telefon\nBo Berg;Lis;ring!\n".encode())
    )
    assert (problem.line, problem.column) == (2, "Forælder 1 telefon")


def test_too_long_texts() -> None:
    long = "x" * 101
    data = (
        "Fornavn;Efternavn;Klasse;Forælder 1;Forælder 1 e-mail\n"
        f"Bo;{long};5.A;Lis;lis@example.dk\n"
        f"Bo;Berg;{'5' * 33};{long};lis@example.dk\n"
        f"Ib;Berg;5.A;Lis;{'a' * 200}@example.dk\n"
    ).encode()
    result = parse(data)
    assert problems_at(result) == [
        (2, "Efternavn"),
        (3, "Klasse"),
        (3, "Forælder 1"),
        (4, "Forælder 1 e-mail"),
    ]
    assert all("characters" in p.message for p in result.problems)


def test_navn_with_one_word_is_a_problem() -> None:
    problem = only_problem(parse(b"Navn\nCher\n"))
    assert (problem.line, problem.column) == (2, "Navn")


def test_empty_name_cells() -> None:
    result = parse(b"Fornavn;Efternavn;Klasse\nBo;;5.A\n;;5.A\n")
    assert problems_at(result) == [(2, "Efternavn"), (3, "Fornavn"), (3, "Efternavn")]


def test_same_pupil_twice_also_when_one_row_has_no_birth_date() -> None:
    data = (
        "Fornavn;Efternavn;Fødselsdato\n"
        "Bo;Berg;01-01-2015\n"
        "bo ;BERG;\n"
        "Bo;Berg;02-02-2016\n"  # another pupil of the same name? no: line 3 fits both
        "Lis;Berg;01-01-2015\n"
    ).encode()
    result = parse(data)
    assert problems_at(result) == [(3, "Fornavn"), (4, "Fornavn")]
    assert "line 2" in result.problems[0].message


def test_two_pupils_of_the_same_name_with_different_birth_dates_are_fine() -> None:
    result = parse(b"Navn;Fodselsdato\nMohammed Ali;01-01-2015\nMohammed Ali;02-02-2015\n")
    assert result.ok, result.problems
    assert len(result.rows) == 2


def test_same_guardian_twice_for_one_pupil() -> None:
    problem = only_problem(
        parse("Navn;Forælder 1;Forælder 2\nBo Berg;Lis Berg;lis berg\n".encode())
    )
    assert (problem.line, problem.column) == (2, "Forælder 2")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \r\n\r\n", b";;;\n;;;\n", b"\xef\xbb\xbf"],
    ids=["nothing", "blank-lines", "only-separators", "only-bom"],
)
def test_empty_file(data: bytes) -> None:
    problem = only_problem(parse(data))
    assert "empty" in problem.message


def test_header_without_pupils() -> None:
    problem = only_problem(parse(b"Navn;Klasse\n\n;\n"))
    assert "no pupils" in problem.message


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n\x00\x01\x02\x03binary",
        bytes(range(256)),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Navn\nBo\x81\x8d Berg\n",  # bytes neither UTF-8 nor Windows-1252 can read
    ],
    ids=["pdf", "all-bytes", "png", "undecodable"],
)
def test_not_a_csv_file(data: bytes) -> None:
    problem = only_problem(parse(data, "liste.csv"))
    assert problem.line is None
    assert "CSV" in problem.message


def test_file_over_5_mb() -> None:
    data = b"Navn\n" + b"Bo Berg\n" * (MAX_BYTES // 8 + 1)
    assert len(data) > MAX_BYTES
    problem = only_problem(parse(data))
    assert "5 MB" in problem.message


def test_more_than_2000_rows() -> None:
    rows = "".join(f"Elev{i} Berg\n" for i in range(MAX_ROWS + 1))
    problem = only_problem(parse(f"Navn\n{rows}".encode()))
    assert str(MAX_ROWS) in problem.message


def test_exactly_2000_rows_are_fine() -> None:
    rows = "".join(f"Elev{i} Berg\n" for i in range(MAX_ROWS))
    result = parse(f"Navn\n{rows}".encode())
    assert result.ok, result.problems[:3]
    assert len(result.rows) == MAX_ROWS


# ---------------------------------------------------------------------------------------
# CPR numbers


@pytest.mark.parametrize("header", ["CPR", "cpr-nr.", "CPR nummer", "Personnummer", "Elevens CPR"])
def test_cpr_column_is_ignored_and_dropped(header: str) -> None:
    result = parse(f"Navn;{header}\nBo Berg;010203-4567\n".encode())
    assert result.ok, result.problems
    assert result.ignored_columns == (header,)
    assert "010203" not in repr(result)


def test_cpr_only_row_is_not_a_blank_row() -> None:
    problem = only_problem(parse(b"Navn;CPR\nBo Berg;\n;010203-4567\n"))
    assert (problem.line, problem.column) == (3, "Navn")
    assert "010203" not in problem.message


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("Fødselsdato", "010203-4567"),
        ("Navn", "Bo 0102034567"),
        ("Forælder 1 telefon", "010203-4567"),
    ],
)
def test_cpr_number_in_another_column_is_a_problem_and_not_repeated(column: str, cell: str) -> None:
    header = ["Navn", "Fødselsdato", "Forælder 1", "Forælder 1 telefon"]
    values = {"Navn": "Bo Berg", "Fødselsdato": "", "Forælder 1": "Lis", "Forælder 1 telefon": ""}
    values[column] = cell
    data = ";".join(header) + "\n" + ";".join(values[h] for h in header) + "\n"
    problem = only_problem(parse(data.encode()))
    assert (problem.line, problem.column) == (2, column)
    assert "CPR" in problem.message
    assert "010203" not in problem.message


def test_danish_phone_with_country_code_is_not_taken_for_a_cpr_number() -> None:
    result = parse("Navn;Forælder 1;Forælder 1 telefon\nBo Berg;Lis;4520304050\n".encode())
    assert result.ok, result.problems


# ---------------------------------------------------------------------------------------
# Properties


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(["csv", "xlsx", "txt", "xls", ""]))
def test_arbitrary_bytes_give_a_clean_report(data: bytes, suffix: str) -> None:
    result = parse_class_list(data, f"liste.{suffix}", today=TODAY)
    assert isinstance(result, ParsedList)
    for problem in result.problems:
        assert isinstance(problem, ImportProblem)
        assert problem.message.strip()
    assert result.ok or not result.rows or result.problems


@settings(max_examples=100)
@given(tail=st.binary(max_size=3000))
def test_zip_magic_with_arbitrary_bytes_gives_one_clean_problem(tail: bytes) -> None:
    result = parse_class_list(b"PK\x03\x04" + tail, "liste.xlsx", today=TODAY)
    assert len(result.problems) == 1
    assert "Excel workbook" in result.problems[0].message


@settings(max_examples=300)
@given(text=st.text(max_size=1000), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_arbitrary_text_gives_a_clean_report(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates
        return
    result = parse_class_list(data, "liste.csv", today=TODAY)
    assert all(p.message.strip() for p in result.problems)


@settings(max_examples=200)
@given(
    body=st.lists(
        st.lists(st.text(alphabet="ab;,\t\"'\n\r 0123456789-./@ÆØÅ", max_size=15), max_size=8),
        max_size=10,
    ),
    header=st.permutations([*DANISH_HEADER, "CPR"]),
)
def test_arbitrary_rows_under_a_real_header_give_a_clean_report(
    body: list[list[str]], header: list[str]
) -> None:
    text = "\n".join(";".join(r) for r in [header, *body])
    result = parse_class_list(text.encode("utf-8"), "liste.csv", today=TODAY)
    for problem in result.problems:
        assert problem.line is None or problem.line >= 1
        assert problem.message.strip()
    for row in result.rows:
        assert row.first_name and row.last_name


DANISH_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅéü"
WORLD_LETTERS = DANISH_LETTERS + "ŁłćĆşŞễỄğİıñçÇŽžŠšđĐőŐ"


def words(alphabet: str, max_words: int) -> st.SearchStrategy[str]:
    word = st.text(alphabet=alphabet, min_size=1, max_size=10)
    return st.lists(word, min_size=1, max_size=max_words).flatmap(
        lambda ws: st.sampled_from([" ", "-"]).map(lambda sep: sep.join(ws))
    )


def pupils(alphabet: str) -> st.SearchStrategy[list[ParsedRow]]:
    guardian = st.builds(
        lambda name, email, phone: (name, email, phone),
        words(alphabet, 3),
        st.one_of(
            st.none(), st.from_regex(r"[a-z][a-z0-9.]{0,8}@[a-z]{1,8}\.(dk|com)", fullmatch=True)
        ),
        st.one_of(st.none(), st.from_regex(r"\+45 [0-9]{8}", fullmatch=True)),
    )
    row = st.builds(
        lambda first, last, birth, cls, gs: (first, last, birth, cls, gs),
        words(alphabet, 3),
        st.text(alphabet=alphabet, min_size=1, max_size=12),  # one word: Navn splits on it
        st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY)),
        st.one_of(st.none(), st.sampled_from(["5.A", "0.B", "10.X", "Spirekassen"])),
        st.lists(guardian, max_size=2, unique_by=lambda g: g[0].casefold()),
    )
    return st.lists(row, min_size=1, max_size=15, unique_by=lambda r: name_key(r[0], r[1])).map(
        lambda rs: [
            ParsedRow(
                line=i + 2,
                first_name=first,
                last_name=last,
                birth_date=birth,
                class_name=cls,
                guardians=tuple(ParsedGuardian(k, *g) for k, g in enumerate(gs)),
            )
            for i, (first, last, birth, cls, gs) in enumerate(rs)
        ]
    )


DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"]


def table(
    rows: list[ParsedRow], english: bool, single_name: bool, date_format: str
) -> list[list[str]]:
    header = list(ENGLISH_HEADER if english else DANISH_HEADER)
    header += ["Guardian 1 phone" if english else "Forælder 1 telefon"]
    header += ["Guardian 2", "Guardian 2 email", "Guardian 2 phone"]
    if single_name:
        header[0:2] = ["Name" if english else "Navn"]
    lines = [[h.upper() if i % 2 else h.lower() for i, h in enumerate(header)]]
    for row in rows:
        gs = list(row.guardians) + [ParsedGuardian(9, "", None, None)] * (2 - len(row.guardians))
        names = [row.full_name] if single_name else [row.first_name, row.last_name]
        lines.append(
            [
                *names,
                row.birth_date.strftime(date_format) if row.birth_date else "",
                row.class_name or "",
                gs[0].name,
                gs[0].email or "",
                gs[0].phone or "",
                gs[1].name,
                gs[1].email or "",
                gs[1].phone or "",
            ]
        )
    return lines


@settings(max_examples=150, deadline=None)
@given(
    rows=pupils(WORLD_LETTERS),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
    english=st.booleans(),
    single_name=st.booleans(),
    date_format=st.sampled_from(DATE_FORMATS),
)
def test_round_trip_csv(
    *,
    rows: list[ParsedRow],
    delimiter: str,
    encoding: str,
    english: bool,
    single_name: bool,
    date_format: str,
) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        table(rows, english, single_name, date_format)
    )
    result = parse_class_list(buf.getvalue().encode(encoding), "liste.csv", today=TODAY)
    assert result.problems == ()
    assert result.rows == tuple(rows)


@settings(max_examples=100, deadline=None)
@given(rows=pupils(DANISH_LETTERS), delimiter=st.sampled_from([",", ";", "\t"]))
def test_round_trip_cp1252(rows: list[ParsedRow], delimiter: str) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        table(rows, english=False, single_name=False, date_format="%d-%m-%Y")
    )
    result = parse_class_list(buf.getvalue().encode("cp1252"), "liste.csv", today=TODAY)
    assert result.problems == ()
    assert result.rows == tuple(rows)


@settings(max_examples=25, deadline=None)
@given(rows=pupils(WORLD_LETTERS), english=st.booleans(), real_dates=st.booleans())
def test_round_trip_xlsx(rows: list[ParsedRow], english: bool, real_dates: bool) -> None:
    lines: list[list[object]] = list(table(rows, english, False, "%d.%m.%Y"))
    if real_dates:
        for line, row in zip(lines[1:], rows, strict=True):
            line[2] = row.birth_date
    result = parse_class_list(xlsx_bytes(lines), "liste.xlsx", today=TODAY)
    assert result.problems == ()
    assert result.rows == tuple(rows)


def test_one_stray_control_character_in_a_cell_is_cleaned_not_called_a_foreign_file() -> None:
    result = parse("Fornavn;Efternavn\nSø\x01ren;Ærø\nIda;Berg\n".encode())
    assert result.problems == ()
    assert [(r.first_name, r.last_name) for r in result.rows] == [("Søren", "Ærø"), ("Ida", "Berg")]


def test_a_binary_file_named_csv_is_still_not_a_csv_file() -> None:
    noise = bytes(range(1, 32)) * 40
    problem = only_problem(parse(b"Navn\n" + noise))
    assert "neither a CSV file" in problem.message
