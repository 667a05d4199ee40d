"""The sheet for the colleagues: printed for a class, filled in with pypdf, read back.

The class's sheet is rendered by the program's own renderer, filled in as a colleague's
PDF viewer would (pypdf), and read through ``services.sheets`` into one input per
pupil's page, exactly; reading it again adds nothing, an empty page is skipped, a
pupil deleted since is refused naming the page.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from tests.pdf_text import pdf_text

PLANNED_AT = dt.datetime(2026, 12, 12, 14, 0)  # after the test clock's 23 November 2026
ACADEMIC = "Søren Ærø regner sikkert. Łukasz Ćwikła, Ayşe Yılmaz og Nguyễn Thị Minh hjælper."
WELLBEING = "Glad og tryg i timerne.\nArbejder godt i grupper."
FOCUS = "- Brøker og procent\n• Forklare sin tankegang\n\n3. Hovedregning"


@dataclass
class World:
    class_id: int
    soeren: int
    lukasz: int
    ayse: int
    conversation: int  # Søren's next planned one


@pytest.fixture
def w(services: Services) -> World:
    s = services
    s.school.set_school_name("Skovbakkeskolen")
    me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
    klass = s.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    soeren = s.students.add("Søren", "Ærø", klass.id).id
    lukasz = s.students.add("Łukasz", "Ćwikła", klass.id).id
    ayse = s.students.add("Ayşe", "Yılmaz", klass.id).id
    planned = s.conversations.plan(soeren, Planning(starts_at=PLANNED_AT)).id
    return World(klass.id, soeren, lukasz, ayse, planned)


def sheet(services: Services, w: World, tmp_path: Path, subject: str = "Matematik") -> Path:
    path = tmp_path / "skema.pdf"
    written = services.pdfs.write_colleague_sheet(path, class_id=w.class_id, subject=subject)
    assert written.pages == 3
    return path


def fill(path: Path, values: dict[str, str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_class_sheet_has_a_page_and_the_fields_per_pupil(
    services: Services, w: World, tmp_path: Path
) -> None:
    path = sheet(services, w, tmp_path)
    reader = PdfReader(str(path))
    fields = reader.get_fields() or {}
    assert fields["skolehjem_kind"]["/V"] == "colleague"
    assert fields["skolehjem_version"]["/V"] == "1"
    assert fields["skolehjem_school"]["/V"]
    # The pupils by name: Ayşe, Łukasz, Søren.
    students = [fields[f"skolehjem_student__{n}"]["/V"] for n in (1, 2, 3)]
    assert students == [str(w.ayse), str(w.lukasz), str(w.soeren)]
    assert fields["skolehjem_conversation__3"]["/V"] == str(w.conversation)
    assert fields["skolehjem_conversation__1"].get("/V", "") == ""
    for n in (1, 2, 3):
        for answer in ("colleague", "subject", "academic", "wellbeing", "focus_suggestions"):
            assert f"{answer}__{n}" in fields
        assert fields[f"subject__{n}"]["/V"] == "Matematik"
    # Each pupil's page has that pupil's own fields, and no one else's name.
    for number, page in enumerate(reader.pages, start=1):
        names = {a.get_object()["/T"] for a in page["/Annots"]}
        assert f"academic__{number}" in names
        assert not {f"academic__{n}" for n in (1, 2, 3) if n != number} & names
    text = pdf_text(path)
    assert "Søren Ærø" in text and "Łukasz Ćwikła" in text and "Ayşe Yılmaz" in text
    assert "Mette Kjærgaard Holm" in text
    assert "NeedAppearances" in path.read_bytes().decode("latin-1")
    pages = [p.extract_text() for p in reader.pages]
    assert "Søren" not in pages[0] and "Ayşe" in pages[0]


def test_a_filled_sheet_is_read_back_into_one_input_per_page(
    services: Services, w: World, tmp_path: Path
) -> None:
    path = sheet(services, w, tmp_path)
    filled = fill(
        path,
        {
            "colleague__3": "Bo Lund",
            "academic__3": ACADEMIC,
            "wellbeing__3": WELLBEING,
            "focus_suggestions__3": FOCUS,
            # Łukasz's page: only the subject (prefilled): empty.
            "colleague__1": "Nguyễn Thị Minh",
            "subject__1": "Dansk",
            "wellbeing__1": "Ayşe er glad.",
        },
    )
    preview = services.sheets.preview(filled, "skema.pdf")
    ayse, lukasz, soeren = preview.pages
    assert lukasz.empty and not lukasz.changes
    assert soeren.conversation_id == w.conversation
    (change,) = soeren.changes
    assert change.where == "The conversation 12/12/2026: input from Bo Lund (Matematik)"
    assert "Academic: " + ACADEMIC in change.what
    assert ayse.conversation_id is None
    assert ayse.changes[0].where.startswith("The pupil's next conversation (none planned yet)")
    assert services.colleague_inputs.for_student(w.soeren) == []  # a preview writes nothing

    assert services.sheets.apply(preview) == 2
    (row,) = services.colleague_inputs.for_student(w.soeren)
    assert (row.colleague, row.subject) == ("Bo Lund", "Matematik")
    assert (row.academic, row.wellbeing, row.focus_suggestions) == (ACADEMIC, WELLBEING, FOCUS)
    assert row.school_year == 2026 and row.conversation_id == w.conversation
    assert row.received_at == dt.datetime(2026, 11, 23, 10, 0)
    assert row.suggestions == ("Brøker og procent", "Forklare sin tankegang", "Hovedregning")
    (other,) = services.colleague_inputs.for_student(w.ayse)
    assert (other.colleague, other.subject, other.wellbeing) == (
        "Nguyễn Thị Minh",
        "Dansk",
        "Ayşe er glad.",
    )
    assert (other.academic, other.conversation_id) == ("", None)
    assert services.colleague_inputs.for_student(w.lukasz) == []
    assert [r.id for r in services.colleague_inputs.for_conversation(w.conversation)] == [row.id]

    again = services.sheets.preview(filled, "skema.pdf")
    assert again.nothing_new
    assert services.sheets.apply(again) == 0
    assert len(services.colleague_inputs.for_student(w.soeren)) == 1


def test_an_input_without_a_conversation_shows_on_the_next_one(
    services: Services, w: World, tmp_path: Path
) -> None:
    filled = fill(sheet(services, w, tmp_path), {"academic__1": "Ayşe læser godt."})
    services.sheets.apply(services.sheets.preview(filled, "skema.pdf"))
    later = services.conversations.plan(w.ayse, Planning(starts_at=PLANNED_AT)).id
    (found,) = services.colleague_inputs.for_conversation(later)
    assert found.academic == "Ayşe læser godt."
    services.colleague_inputs.remove(found.id)
    assert services.colleague_inputs.for_conversation(later) == []


def test_a_pupil_deleted_since_is_refused_naming_the_page(
    services: Services, w: World, tmp_path: Path
) -> None:
    filled = fill(sheet(services, w, tmp_path), {"academic__2": "Łukasz er flittig."})
    services.students.delete(w.lukasz)
    with pytest.raises(ValidationError, match="Page 2 of the sheet is about a pupil"):
        services.sheets.preview(filled, "skema.pdf")


def test_an_empty_sheet_writes_nothing(services: Services, w: World, tmp_path: Path) -> None:
    data = sheet(services, w, tmp_path).read_bytes()
    preview = services.sheets.preview(data, "skema.pdf")
    assert all(p.empty for p in preview.pages) and preview.nothing_new
    assert services.sheets.apply(preview) == 0


def test_one_pupils_sheet_and_the_danish_words(
    services: Services, w: World, tmp_path: Path
) -> None:
    from skolehjem_desktop import i18n

    i18n.activate("da")
    path = tmp_path / "søren.pdf"
    written = services.pdfs.write_colleague_sheet(path, student_id=w.soeren)
    assert written.pages == 1 and written.lang == "da"
    text = pdf_text(path)
    assert "Søren Ærø" in text and "Ayşe" not in text
    assert "Dit navn" in text and "Forslag til fokuspunkter" in text
    assert "12.12.2026" in text
    filled = fill(path, {"colleague__1": "Bo Lund", "subject__1": "Matematik", "academic__1": "x"})
    (page,) = services.sheets.preview(filled, "søren.pdf").pages
    assert page.changes[0].where == "Samtalen 12.12.2026: input fra Bo Lund (Matematik)"


def test_a_class_without_pupils_or_a_too_long_subject_is_refused(
    services: Services, w: World, tmp_path: Path
) -> None:
    empty = services.classes.create("5.B", 2026)
    with pytest.raises(ValidationError, match="no pupils"):
        services.pdfs.write_colleague_sheet(tmp_path / "x.pdf", class_id=empty.id)
    with pytest.raises(ValidationError):
        services.pdfs.write_colleague_sheet(
            tmp_path / "x.pdf", class_id=w.class_id, subject="M" * 201
        )
    assert not (tmp_path / "x.pdf").exists()
