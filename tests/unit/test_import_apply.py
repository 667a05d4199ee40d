"""Importing class lists into the database: all or nothing, no duplicates, no CPR numbers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import Relation
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services.class_import import (
    ImportFailed,
    ImportReport,
    describe_problem,
    import_class_list,
    summarize_failure,
)
from skolehjem_desktop.services.class_import import apply as apply_module
from skolehjem_desktop.services.class_import.report import summarize_report
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import (
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)

RESOURCES = Path(__file__).parent.parent / "resources" / "import"
TODAY = dt.date(2026, 11, 23)  # school year 2026/27
YEAR = 2026
TABLES = (Student, Guardian, StudentGuardian, Enrolment, SchoolClass)


def counts(db: Database) -> dict[str, int]:
    with db.reading() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


def nothing_stored(db: Database) -> bool:
    return all(n == 0 for n in counts(db).values())


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def resource(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(RESOURCES / name, tmp_path / name))


def run(db: Database, path: Path, **kwargs: object) -> ImportReport:
    kwargs.setdefault("today", TODAY)
    return import_class_list(db, path, **kwargs)  # type: ignore[arg-type]


def failure(db: Database, path: Path, **kwargs: object) -> ImportReport:
    before = counts(db)
    with pytest.raises(ImportFailed) as info:
        run(db, path, **kwargs)
    assert counts(db) == before, "a failed import changed the database"
    assert info.value.report.problems
    assert isinstance(info.value, ValidationError)
    assert "\n" not in str(info.value)
    return info.value.report


def pupils(db: Database, class_name: str, year: int = YEAR) -> list[Student]:
    with db.reading() as s:
        return list(
            s.scalars(
                select(Student)
                .join(Enrolment, Enrolment.student_id == Student.id)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(SchoolClass.name == class_name, SchoolClass.school_year == year)
                .order_by(Student.id)
            )
        )


def guardian_links(db: Database, student_id: int) -> list[tuple[int, str, str | None, int]]:
    with db.reading() as s:
        rows = s.execute(
            select(StudentGuardian, Guardian)
            .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
            .where(StudentGuardian.student_id == student_id)
            .order_by(StudentGuardian.position)
        ).all()
        for link, _g in rows:
            assert link.relation == Relation.PARENT
            assert link.has_custody is True
        return [(g.id, g.name, g.email, link.position) for link, g in rows]


# ---------------------------------------------------------------------------------------
# Importing


def test_import_danish_excel_list_into_a_new_class(db: Database, tmp_path: Path) -> None:
    path = resource(tmp_path, "klasse_5a_semikolon_cp1252.csv")
    report = run(db, path, class_name="5.A")
    assert report == ImportReport(
        students_added=4,
        students_existing=0,
        guardians_added=4,  # Mette and Jørgen are shared by the twins Søren and Ida
        classes_created=("5.A",),
        ignored_columns=("CPR-nr.",),
        problems=(),
        dry_run=False,
    )
    with db.reading() as s:
        cls = s.scalars(select(SchoolClass)).one()
        assert (cls.name, cls.school_year, cls.grade) == ("5.A", YEAR, 5)
    names = [(p.first_name, p.last_name, p.birth_date) for p in pupils(db, "5.A")]
    assert names == [
        ("Søren", "Ægidius", dt.date(2015, 3, 14)),
        ("Åse", "Ødegård", dt.date(2015, 11, 2)),
        ("Ida", "Ægidius", dt.date(2015, 3, 14)),
        ("Emil", "Bæk", dt.date(2015, 6, 30)),
    ]
    soren, _aase, ida, _emil = pupils(db, "5.A")
    soren_guardians = guardian_links(db, soren.id)
    assert [(n, e, pos) for _id, n, e, pos in soren_guardians] == [
        ("Mette Ægidius", "mette@example.dk", 0),
        ("Jørgen Ægidius", "jorgen@example.dk", 1),
    ]
    assert [gid for gid, *_ in guardian_links(db, ida.id)] == [gid for gid, *_ in soren_guardians]
    with db.reading() as s:
        mette = s.scalars(select(Guardian).where(Guardian.name == "Mette Ægidius")).one()
        assert mette.phone == "20 30 40 50"
    assert counts(db) == {
        "student": 4,
        "guardian": 4,
        "student_guardian": 6,
        "enrolment": 4,
        "school_class": 1,
    }


def test_reimport_adds_no_duplicates(db: Database, tmp_path: Path) -> None:
    path = resource(tmp_path, "klasse_5a_semikolon_cp1252.csv")
    run(db, path, class_name="5.A")
    before = counts(db)
    again = run(db, path, class_name="5a")  # the same class, spelt otherwise
    assert (again.students_added, again.students_existing, again.guardians_added) == (0, 4, 0)
    assert again.classes_created == ()
    assert counts(db) == before


def test_reimport_with_other_spelling_and_missing_birth_date(db: Database, tmp_path: Path) -> None:
    run(
        db,
        write(tmp_path, "a.csv", "Fornavn;Efternavn;Fødselsdato\nAnne Marie;Hansen;05-03-2016\n"),
        class_name="4.A",
    )
    report = run(db, write(tmp_path, "b.csv", "Navn\n  anne   marie HANSEN \n"), class_name="4.A")
    assert (report.students_added, report.students_existing) == (0, 1)
    assert counts(db)["student"] == 1


def test_international_names_and_class_column_create_the_class(
    db: Database, tmp_path: Path
) -> None:
    report = run(db, resource(tmp_path, "class_5b_comma_utf8.csv"))
    assert report.classes_created == ("5.B",)
    assert report.students_added == 4
    assert report.guardians_added == 4
    assert [p.full_name for p in pupils(db, "5.B")] == [
        "Łukasz Kowalczyk",
        "Ayşe Yılmaz",
        "Minh Anh Nguyễn",
        "Zoë O'Connor-Smith",
    ]


def test_several_classes_from_one_list_with_grades(db: Database, tmp_path: Path) -> None:
    report = run(db, resource(tmp_path, "navn_tab_utf8_bom.csv"), school_year=2027)
    assert report.classes_created == ("4a", "4b")
    with db.reading() as s:
        classes = {c.name: (c.grade, c.school_year) for c in s.scalars(select(SchoolClass))}
    assert classes == {"4a": (4, 2027), "4b": (4, 2027)}
    assert [p.full_name for p in pupils(db, "4a", 2027)] == ["Anne Marie Hansen", "Peter Holm"]


def test_class_without_grade(db: Database, tmp_path: Path) -> None:
    run(db, write(tmp_path, "s.csv", "Navn\nBo Berg\n"), class_name="Spirekassen")
    with db.reading() as s:
        cls = s.scalars(select(SchoolClass)).one()
    assert (cls.name, cls.grade) == ("Spirekassen", None)


def test_existing_class_is_used_not_created(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        s.add(SchoolClass(name="5.A", school_year=YEAR, grade=5))
    report = run(db, write(tmp_path, "k.csv", "Navn;Klasse\nBo Berg;5a\nLis Berg;5.A\n"))
    assert report.classes_created == ()
    assert len(pupils(db, "5.A")) == 2
    assert counts(db)["school_class"] == 1


def test_same_class_name_in_another_school_year_is_another_class(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "k.csv", "Navn;Fødselsdato\nBo Berg;01-01-2015\n")
    run(db, path, class_name="5.A", school_year=2025)
    report = run(db, path, class_name="6.A")
    # Bo is last year's pupil with the same birth date: enrolled again, not duplicated.
    assert (report.students_added, report.classes_created) == (1, ("6.A",))
    assert counts(db)["student"] == 1
    assert counts(db)["enrolment"] == 2


def test_returning_pupil_without_birth_date_is_a_new_pupil(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "k.csv", "Navn\nBo Berg\n")
    run(db, path, class_name="5.A", school_year=2025)
    run(db, path, class_name="6.A")
    assert counts(db)["student"] == 2


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 8, 1), 2026),
        (dt.date(2027, 7, 31), 2026),
        (dt.date(2026, 7, 31), 2025),
    ],
)
def test_default_school_year_comes_from_today(
    db: Database, tmp_path: Path, today: dt.date, year: int
) -> None:
    run(db, write(tmp_path, "k.csv", "Navn\nBo Berg\n"), class_name="5.A", today=today)
    with db.reading() as s:
        assert s.scalars(select(SchoolClass.school_year)).one() == year


def test_xlsx_import(db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["FORNAVN", "efternavn", "Fødselsdato", "CPR", "Forælder 1", "Forælder 1 Mail"])
    ws.append(["Søren", "Ærø", dt.datetime(2015, 3, 14), "1403154817", "Mette Ærø", "m@example.dk"])
    ws.append(["Ayşe", "Yılmaz", dt.date(2015, 4, 3), "0304151234", "Mette Ærø", "M@example.dk"])
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    report = run(db, path, class_name="5.C")
    assert (report.students_added, report.guardians_added) == (2, 1)
    assert report.ignored_columns == ("CPR",)


def test_siblings_share_a_guardian_across_imports(db: Database, tmp_path: Path) -> None:
    header = "Navn;Forælder 1;Forælder 1 e-mail\n"
    run(
        db, write(tmp_path, "a.csv", header + "Bo Berg;Lis Berg;lis@example.dk\n"), class_name="5.A"
    )
    report = run(
        db, write(tmp_path, "b.csv", header + "Ib Berg;LIS BERG;Lis@Example.dk\n"), class_name="2.B"
    )
    assert report.guardians_added == 0
    (bo,), (ib,) = pupils(db, "5.A"), pupils(db, "2.B")
    assert guardian_links(db, bo.id)[0][0] == guardian_links(db, ib.id)[0][0]


def test_family_address_used_by_both_parents_gives_two_guardians(
    db: Database, tmp_path: Path
) -> None:
    text = (
        "Navn;Forælder 1;Forælder 1 e-mail;Forælder 2;Forælder 2 e-mail\n"
        "Bo Berg;Lis Berg;familien@example.dk;Kim Berg;familien@example.dk\n"
        "Ib Berg;Lis Berg;familien@example.dk;Kim Berg;familien@example.dk\n"
    )
    report = run(db, write(tmp_path, "k.csv", text), class_name="5.A")
    assert report.guardians_added == 2
    assert counts(db)["student_guardian"] == 4


def test_guardians_without_email_are_not_shared(db: Database, tmp_path: Path) -> None:
    text = "Navn;Forælder 1\nBo Berg;Lis Berg\nIb Berg;Lis Berg\n"
    report = run(db, write(tmp_path, "k.csv", text), class_name="5.A")
    assert report.guardians_added == 2
    again = run(db, write(tmp_path, "k.csv", text), class_name="5.A")
    assert again.guardians_added == 0  # matched by name among each pupil's guardians


def test_reimport_adds_a_new_guardian_to_a_pupil_already_there(
    db: Database, tmp_path: Path
) -> None:
    run(db, write(tmp_path, "a.csv", "Navn;Forælder 1\nBo Berg;Lis Berg\n"), class_name="5.A")
    report = run(
        db,
        write(tmp_path, "b.csv", "Navn;Forælder 1;Forælder 2\nBo Berg;Lis Berg;Kim Berg\n"),
        class_name="5.A",
    )
    assert (report.students_existing, report.guardians_added) == (1, 1)
    (bo,) = pupils(db, "5.A")
    assert [(n, pos) for _id, n, _e, pos in guardian_links(db, bo.id)] == [
        ("Lis Berg", 0),
        ("Kim Berg", 1),
    ]


def test_cpr_numbers_are_never_stored(db: Database, tmp_path: Path) -> None:
    path = resource(tmp_path, "klasse_5a_semikolon_cp1252.csv")
    report = run(db, path, class_name="5.A")
    assert report.ignored_columns == ("CPR-nr.",)
    assert report.students_added == 4
    db.close()
    stored = b"".join(p.read_bytes() for p in db.data_dir.rglob("*") if p.is_file())
    assert "Søren".encode() in stored  # the check below looks at the right bytes
    for cpr in ("140315-4817", "021115-5928", "140315-4828", "300615-6137"):
        for needle in (cpr, cpr.replace("-", "")):
            assert needle.encode() not in stored
            assert needle.encode("utf-16-le") not in stored


# ---------------------------------------------------------------------------------------
# Dry run


def test_dry_run_writes_nothing_and_counts_the_same(db: Database, tmp_path: Path) -> None:
    path = resource(tmp_path, "klasse_5a_semikolon_cp1252.csv")
    dry = run(db, path, class_name="5.A", dry_run=True)
    assert dry.dry_run
    assert nothing_stored(db)
    real = run(db, path, class_name="5.A")
    assert (dry.students_added, dry.guardians_added, dry.classes_created) == (
        real.students_added,
        real.guardians_added,
        real.classes_created,
    )
    before = counts(db)
    again = run(db, path, class_name="5.A", dry_run=True)
    assert (again.students_added, again.students_existing, again.guardians_added) == (0, 4, 0)
    assert counts(db) == before
    assert "Dry run" in "\n".join(summarize_report(again))


def test_dry_run_with_problems_raises_too(db: Database, tmp_path: Path) -> None:
    report = failure(db, resource(tmp_path, "fejl_5a.csv"), dry_run=True)
    assert report.dry_run


# ---------------------------------------------------------------------------------------
# Problems: nothing written, every problem with line and column


def test_broken_list_imports_nothing_and_reports_everything(db: Database, tmp_path: Path) -> None:
    report = failure(db, resource(tmp_path, "fejl_5a.csv"))
    assert len(report.problems) == 9
    lines = [describe_problem(p) for p in report.problems]
    assert lines[0] == "Line 2, column Fødselsdato: The date 31-02-2020 does not exist."
    assert all(line.startswith("Line ") and ", column " in line for line in lines)
    assert (report.students_added, report.guardians_added, report.classes_created) == (0, 0, ())


def test_failure_message_is_one_paragraph(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as info:
        run(db, resource(tmp_path, "fejl_5a.csv"))
    assert str(info.value) == summarize_failure(info.value.report)
    assert "9 problems" in str(info.value)
    with pytest.raises(ImportFailed) as one:
        run(
            db, write(tmp_path, "k.csv", "Navn;Fødselsdato\nBo Berg;30-02-2015\n"), class_name="5.A"
        )
    assert "Line 2, column Fødselsdato" in str(one.value)
    assert "does not exist" in str(one.value)


def test_one_bad_row_among_good_ones_stops_everything(db: Database, tmp_path: Path) -> None:
    rows = "".join(f"Elev{i} Berg;01-01-2015\n" for i in range(30))
    text = "Navn;Fødselsdato\n" + rows + "Bo Berg;32-01-2015\n"
    report = failure(db, write(tmp_path, "k.csv", text), class_name="5.A")
    assert [(p.line, p.column) for p in report.problems] == [(32, "Fødselsdato")]
    assert nothing_stored(db)


def test_no_class_anywhere(db: Database, tmp_path: Path) -> None:
    report = failure(db, write(tmp_path, "k.csv", "Navn\nBo Berg\n"))
    (problem,) = report.problems
    assert problem.line == 1
    assert "Klasse" in problem.message


def test_empty_class_cell_without_a_chosen_class(db: Database, tmp_path: Path) -> None:
    text = "Navn;Klasse\nBo Berg;5.A\nLis Berg;\nIb Berg;\n"
    report = failure(db, write(tmp_path, "k.csv", text))
    assert [(p.line, p.column) for p in report.problems] == [(3, "Klasse"), (4, "Klasse")]
    ok = run(db, write(tmp_path, "k.csv", text), class_name="5.A")
    assert ok.students_added == 3


def test_row_for_another_class_than_the_chosen_one(db: Database, tmp_path: Path) -> None:
    text = "Navn;Klasse\nBo Berg;5.A\nLis Berg;5.B\n"
    report = failure(db, write(tmp_path, "k.csv", text), class_name="5a")
    (problem,) = report.problems
    assert (problem.line, problem.column) == (3, "Klasse")
    assert "5.B" in problem.message


def test_pupil_already_in_another_class_this_year(db: Database, tmp_path: Path) -> None:
    run(db, write(tmp_path, "a.csv", "Navn;Fødselsdato\nBo Berg;01-01-2015\n"), class_name="5.A")
    before = counts(db)
    text = "Navn;Fødselsdato\nLis Berg;02-02-2015\nBo Berg;01-01-2015\n"
    report = failure(db, write(tmp_path, "b.csv", text), class_name="5.B")
    (problem,) = report.problems
    assert (problem.line, problem.column) == (3, "Navn")
    assert "5.A" in problem.message and "2026/27" in problem.message
    assert counts(db) == before


@pytest.mark.parametrize(
    ("class_name", "needle"),
    [("   ", "empty"), ("X" * 33, "32 characters"), ("010203-4567", "CPR")],
)
def test_bad_class_argument(db: Database, tmp_path: Path, class_name: str, needle: str) -> None:
    report = failure(db, write(tmp_path, "k.csv", "Navn\nBo Berg\n"), class_name=class_name)
    (problem,) = report.problems
    assert needle in problem.message


def test_bad_school_year(db: Database, tmp_path: Path) -> None:
    report = failure(
        db, write(tmp_path, "k.csv", "Navn\nBo Berg\n"), class_name="5.A", school_year=1999
    )
    assert "1999" in report.problems[0].message


def test_missing_file_and_folder(db: Database, tmp_path: Path) -> None:
    missing = failure(db, tmp_path / "findes-ikke.csv", class_name="5.A")
    assert "does not exist" in missing.problems[0].message
    folder = failure(db, tmp_path, class_name="5.A")
    assert "folder" in folder.problems[0].message


def test_binary_and_corrupt_files(db: Database, tmp_path: Path) -> None:
    png = tmp_path / "billede.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (problem,) = failure(db, png, class_name="5.A").problems
    assert "CSV" in problem.message
    broken = tmp_path / "liste.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 300)
    (problem,) = failure(db, broken, class_name="5.A").problems
    assert "Excel" in problem.message


def test_empty_file(db: Database, tmp_path: Path) -> None:
    (problem,) = failure(db, write(tmp_path, "k.csv", ""), class_name="5.A").problems
    assert "empty" in problem.message


def test_size_guards(db: Database, tmp_path: Path) -> None:
    big = tmp_path / "stor.csv"
    big.write_bytes(b"Navn\n" + b"Bo Berg\n" * (5 * 1024 * 1024 // 8 + 1))
    (problem,) = failure(db, big, class_name="5.A").problems
    assert "5 MB" in problem.message
    rows = "".join(f"Elev{i} Berg\n" for i in range(2001))
    (problem,) = failure(
        db, write(tmp_path, "lang.csv", "Navn\n" + rows), class_name="5.A"
    ).problems
    assert "2000" in problem.message


def test_crash_while_writing_leaves_nothing_half_done(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(**_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(apply_module, "StudentGuardian", explode)
    with pytest.raises(RuntimeError):
        run(db, resource(tmp_path, "klasse_5a_semikolon_cp1252.csv"), class_name="5.A")
    assert nothing_stored(db)


def test_report_summary_mentions_the_cpr_column(db: Database, tmp_path: Path) -> None:
    report = run(db, resource(tmp_path, "klasse_5a_semikolon_cp1252.csv"), class_name="5.A")
    text = "\n".join(summarize_report(report))
    assert "CPR-nr." in text and "4 pupils added" in text and "5.A" in text
