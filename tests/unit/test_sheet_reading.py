"""Reading a filled-in sheet back: the fields per pupil, and every way a file is refused."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from skolehjem_desktop.domain.enums import SheetKind
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services.sheets.reading import read_sheet

NAMES = "Søren Ærø, Łukasz Ćwikła, Ayşe Yılmaz, Nguyễn Thị Minh"


def _sheet(kind: str = "parents", version: str = "1", pupils: int = 2) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    form = c.acroForm
    for name, value in (("skolehjem_kind", kind), ("skolehjem_school", "abc"),
                        ("skolehjem_version", version)):  # fmt: skip
        form.textfield(name=name, value=value, x=5, y=5, width=5, height=5)
    for n in range(1, pupils + 1):
        form.textfield(name=f"skolehjem_student__{n}", value=str(10 + n), x=5, y=20, width=5)
        form.textfield(name=f"skolehjem_conversation__{n}", value="", x=5, y=40, width=5)
        form.textfield(name=f"how__{n}", x=50, y=700 - 100 * n, width=400, height=60)
        form.checkbox(name=f"pupil_attends__{n}", x=50, y=640 - 100 * n, checked=False)
        c.showPage()
    c.save()
    return buf.getvalue()


def _fill(data: bytes, values: dict[str, str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_answers_come_back_per_pupil_exactly() -> None:
    filled = _fill(_sheet(), {"how__1": NAMES + "\r\nNy linje", "pupil_attends__2": "/Yes"})
    sheet = read_sheet(filled, "skema.pdf")
    assert (sheet.kind, sheet.school) == (SheetKind.PARENTS, "abc")
    first, second = sheet.pages
    assert (first.student_id, first.conversation_id) == (11, None)
    assert first.text("how") == NAMES + "\nNy linje"
    assert not first.ticked("pupil_attends") and second.ticked("pupil_attends")
    assert second.student_id == 12 and second.text("how") == ""
    again = read_sheet(filled, "skema.pdf").pages[0]
    assert again.content_hash(SheetKind.PARENTS, "abc") == first.content_hash(
        SheetKind.PARENTS, "abc"
    )
    assert first.content_hash(SheetKind.PARENTS, "abc") != second.content_hash(
        SheetKind.PARENTS, "abc"
    )


def _plain_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Ingen formular her")
    c.save()
    return buf.getvalue()


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_sheet())))
    writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Hej, det er ikke en PDF", "not a PDF file"),
        (_sheet()[:400], "not a PDF file"),
        (_plain_pdf(), "has no form"),
        (_encrypted(), "locked with a password"),
        (_sheet(kind="tax-return"), "not one of Skolehjem's sheets"),
        (_sheet(version="9"), "another version"),
        (b"%PDF" + b" " * (21 * 1024 * 1024), "too big"),
    ],
)
def test_what_is_not_a_sheet_is_refused_with_a_reason(data: bytes, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as refused:
        read_sheet(data, "brev.pdf")
    assert "brev.pdf" in refused.value.message


def test_a_huge_answer_is_refused() -> None:
    filled = _fill(_sheet(pupils=1), {"how__1": "x" * (TEXT_MAX + 1)})
    with pytest.raises(ValidationError, match="too long"):
        read_sheet(filled, "skema.pdf")
