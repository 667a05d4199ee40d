"""``skolehjem-desktop pdf …`` as a teacher runs it: files written, errors on one line."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

NAMES = ("Søren Ærø", "Łukasz Ćwikła", "Ayşe Yılmaz", "Nguyễn Thị Minh")
PRIVATE = "PRIVATMARKOER9183"


@dataclass(frozen=True)
class School:
    data: Path
    class_name: str
    year: int
    soeren: int
    lukasz: int
    held_da: int
    held_en: int
    planned: int


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    """A class with the four names, held and planned conversations, today's school year."""
    from skolehjem_desktop.domain.enums import FocusArea, Language, Responsible, SectionKind
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.conversations import Planning
    from skolehjem_desktop.services.schoolyear import SchoolYear
    from skolehjem_desktop.store.database import open_database

    data = tmp_path_factory.mktemp("pdf") / "data"
    db = open_database(data)
    try:
        s = Services(db)
        today = s.today()
        year = SchoolYear.of(today).start_year
        s.school.set_school_name("Skovbakkeskolen")
        me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
        klass = s.classes.create("5.A", year, contact_teacher_ids=(me.id,))
        ids = {}
        for first, last in (("Søren", "Ærø"), ("Łukasz", "Ćwikła"), ("Ayşe", "Yılmaz")):
            ids[first] = s.students.add(first, last, klass.id).id
        ids["Minh"] = s.students.add("Nguyễn Thị", "Minh", klass.id).id
        s.students.add_guardian(ids["Søren"], "Anne Ærø")
        s.students.add_guardian(ids["Łukasz"], "Marta Ćwikła", preferred_language=Language.EN)
        s.students.add_guardian(ids["Ayşe"], "Fatma Yılmaz")
        morning = dt.datetime.combine(today, dt.time(8, 0))
        held = {}
        for who in ("Søren", "Łukasz"):
            c = s.conversations.plan(ids[who], Planning(starts_at=morning, place="Lokale 12"))
            s.conversations.set_section(c.id, SectionKind.PRIVATE_PREPARATION, PRIVATE)
            s.conversations.set_section(c.id, SectionKind.ACADEMIC, f"{who} læser godt.")
            s.conversations.add_agreement(c.id, "Læse hver dag.", Responsible.HOME)
            s.conversations.mark_held(c.id)
            held[who] = c.id
        planned = s.conversations.plan(
            ids["Ayşe"], Planning(starts_at=morning + dt.timedelta(days=7), place="Lokale 12")
        )
        s.focus.add(ids["Søren"], year, FocusArea.DANISH, "Læse længere tekster.")
    finally:
        db.close()
    return School(
        data, "5.A", year, ids["Søren"], ids["Łukasz"], held["Søren"], held["Łukasz"], planned.id
    )


def read_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


def test_summary_in_the_parents_language_by_default(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "referat.pdf"
    done = cli(
        "pdf",
        "summary",
        "--conversation",
        str(school.held_en),
        "--out",
        str(target),
        data=school.data,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{target} written (1 page)."
    content = read_text(target)
    assert "Summary of the school–home conversation" in content  # Marta reads English
    assert "Łukasz Ćwikła" in content and "Łukasz læser godt." in content
    assert PRIVATE not in content
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.author == "Mette Kjærgaard Holm"


def test_summary_in_a_chosen_language(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "referat.pdf"
    done = cli(
        "pdf",
        "summary",
        "--conversation",
        str(school.held_en),
        "--out",
        str(target),
        "--lang",
        "da",
        data=school.data,
    )
    assert done.returncode == 0, done.stderr
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "da-DK"


def test_a_summary_of_a_conversation_not_held_is_refused(
    cli, school: School, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "referat.pdf"
    done = cli(
        "pdf",
        "summary",
        "--conversation",
        str(school.planned),
        "--out",
        str(target),
        data=school.data,
    )
    assert "has not been held yet" in one_line_error(done)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_id_is_refused(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "x.pdf"
    for args in (
        ("summary", "--conversation", "9999"),
        ("invitation", "--conversation", "9999"),
        ("focus", "--student", "9999"),
    ):
        done = cli("pdf", *args, "--out", str(target), data=school.data)
        assert "does not exist" in one_line_error(done)
    assert "There is no class 9.Z" in one_line_error(
        cli("pdf", "class", "--class", "9.Z", "--out", str(target), data=school.data)
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_refused(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    conversation = str(school.held_da)
    missing = cli(
        "pdf",
        "summary",
        "--conversation",
        conversation,
        "--out",
        str(tmp_path / "no" / "x.pdf"),
        data=school.data,
    )
    assert "does not exist" in one_line_error(missing)
    folder = cli(
        "pdf", "summary", "--conversation", conversation, "--out", str(tmp_path), data=school.data
    )
    assert "is a folder" in one_line_error(folder)
    assert list(tmp_path.iterdir()) == []


def test_wrong_use_is_one_line(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("pdf", "summary", "--conversation", "1", data=school.data))
    one_line_error(
        cli(
            "pdf",
            "summary",
            "--conversation",
            "1",
            "--out",
            str(tmp_path / "x.pdf"),
            "--lang",
            "de",
            data=school.data,
        )
    )
    one_line_error(cli("pdf", "letter", data=school.data))


def test_invitation_focus_and_class(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runs = {
        "invitation.pdf": ("invitation", "--conversation", str(school.planned)),
        "focus.pdf": ("focus", "--student", str(school.soeren), "--school-year", str(school.year)),
        "class.pdf": ("class", "--class", school.class_name, "--school-year", str(school.year)),
    }
    for name, args in runs.items():
        target = tmp_path / name
        done = cli("pdf", *args, "--out", str(target), data=school.data)
        assert done.returncode == 0, (name, done.stderr)
        assert target.read_bytes().startswith(b"%PDF")
    assert "Ayşe Yılmaz" in read_text(tmp_path / "invitation.pdf")
    assert "Læse længere tekster." in read_text(tmp_path / "focus.pdf")
    overview = read_text(tmp_path / "class.pdf")
    assert [n for n in NAMES if n not in overview] == []


def test_summaries_of_a_class(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "referater"
    done = cli(
        "pdf", "summaries", "--class", school.class_name, "--out", str(out), data=school.data
    )
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2
    assert files[0].startswith("Søren Ærø ") and files[1].startswith("Łukasz Ćwikła ")
    assert done.stdout.strip().splitlines()[-1].startswith("2 summaries of 5.A")
    for path in out.iterdir():
        assert PRIVATE not in read_text(path)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_shows_only_embedded_dejavu(cli, school: School, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "class.pdf"
    assert (
        cli(
            "pdf", "class", "--class", school.class_name, "--out", str(target), data=school.data
        ).returncode
        == 0
    )
    lines = subprocess.run(
        ["pdffonts", str(target)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    assert all("DejaVuSans" in line.split()[0] for line in lines), lines
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in lines), lines
