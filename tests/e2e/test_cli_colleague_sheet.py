"""``skolehjem-desktop pdf colleague-sheet``: the colleagues' sheet for a class or a pupil."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf_text import pdf_text


@dataclass(frozen=True)
class School:
    data: Path
    soeren: int


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.schoolyear import SchoolYear
    from skolehjem_desktop.store.database import open_database

    data = tmp_path_factory.mktemp("colleague") / "data"
    db = open_database(data)
    try:
        s = Services(db)
        year = SchoolYear.of(s.today()).start_year
        me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
        klass = s.classes.create("5.A", year, contact_teacher_ids=(me.id,))
        soeren = s.students.add("Søren", "Ærø", klass.id).id
        s.students.add("Łukasz", "Ćwikła", klass.id)
        s.students.add("Ayşe", "Yılmaz", klass.id)
    finally:
        db.close()
    return School(data, soeren)


def test_a_class_sheet_with_the_subject_filled_in(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "5A.pdf"
    done = cli(
        "pdf", "colleague-sheet", "--class", "5.A", "--subject", "Matematik",
        "--out", str(target), "--lang", "da", data=school.data,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{target} written (3 pages)."
    fields = PdfReader(str(target)).get_fields() or {}
    assert [fields[f"subject__{n}"]["/V"] for n in (1, 2, 3)] == ["Matematik"] * 3
    text = pdf_text(target)
    assert "Ayşe Yılmaz" in text and "Łukasz Ćwikła" in text and "Søren Ærø" in text
    assert "Kontaktlæreren, Mette Kjærgaard Holm, forbereder skole/hjemsamtalen" in text
    assert not list(tmp_path.glob(".*.part"))


def test_one_pupils_sheet(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "søren.pdf"
    done = cli(
        "pdf", "colleague-sheet", "--student", str(school.soeren), "--out", str(target),
        data=school.data,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{target} written (1 page)."
    text = pdf_text(target)
    assert "Søren Ærø" in text and "Ayşe" not in text


@pytest.mark.parametrize(
    "whom",
    [(), ("--class", "5.A", "--student", "1")],
    ids=["neither", "both"],
)
def test_a_class_or_a_pupil_is_required(cli, school: School, tmp_path: Path, whom) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "x.pdf"
    done = cli("pdf", "colleague-sheet", *whom, "--out", str(target), data=school.data)
    assert done.returncode == 1, done.stderr
    assert "--class" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()


def test_an_unknown_class_is_one_line(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "x.pdf"
    done = cli("pdf", "colleague-sheet", "--class", "9.Z", "--out", str(target), data=school.data)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not target.exists()
