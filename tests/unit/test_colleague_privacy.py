"""The colleagues' input is the school's own: no document for the parents carries it.

A colleague's input (read back from a real filled-in sheet) is on a held and a planned
conversation; the summary, the invitation, the message book and a class's summaries are
read back as text and searched byte by byte, and none holds a word of it. Only the
pupil's access request does.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from skolehjem_desktop.domain.enums import FocusArea, SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.privacy.access_request import access_request_data
from tests.pdf_text import pdf_text

SECRET = "KOLLEGAMARKOER5519"
NAME = "Bo Hemmeligsen"


def _fill(path: Path, values: dict[str, str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _read_input(services: Services, student_id: int, tmp_path: Path, note: str) -> None:
    sheet = tmp_path / f"sheet-{note}.pdf"
    services.pdfs.write_colleague_sheet(sheet, student_id=student_id, subject="Matematik")
    filled = _fill(
        sheet,
        {
            "colleague__1": NAME,
            "academic__1": f"Fagligt {SECRET} {note}",
            "wellbeing__1": f"Trivsel {SECRET}",
            "focus_suggestions__1": f"Forslag {SECRET}",
        },
    )
    assert services.sheets.apply(services.sheets.preview(filled, sheet.name)) == 1


def test_no_document_for_the_parents_carries_the_colleagues_input(
    services: Services, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    s = services
    me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
    klass = s.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil = s.students.add("Søren", "Ærø", klass.id).id
    s.students.add_guardian(pupil, "Anne Ærø")
    s.focus.add(pupil, 2026, FocusArea.DANISH, "Læse længere tekster.")
    held = s.conversations.plan(pupil, Planning(starts_at=dt.datetime(2026, 11, 24, 14, 0))).id
    _read_input(s, pupil, tmp_path, "held")  # read for the conversation on the 24th
    clock.now = dt.datetime(2026, 11, 24, 15, 0)
    s.conversations.set_section(held, SectionKind.ACADEMIC, "Søren læser flydende.")
    s.conversations.mark_held(held)
    planned = s.conversations.plan(pupil, Planning(starts_at=dt.datetime(2026, 12, 10, 14, 0))).id
    _read_input(s, pupil, tmp_path, "planned")
    assert len(s.colleague_inputs.for_conversation(held)) == 1
    assert len(s.colleague_inputs.for_conversation(planned)) == 1

    out = tmp_path / "out"
    out.mkdir()
    written = [
        s.pdfs.write_summary(held, out / "summary.pdf").path,
        s.pdfs.write_invitation(planned, out / "invitation.pdf").path,
        s.pdfs.write_message_book(pupil, out / "book.pdf").path,
        s.pdfs.write_class_summaries_combined(klass.id, out / "all.pdf").written[0].path,
        s.pdfs.write_class_overview(klass.id, out / "overview.pdf").path,
    ]
    for path in written:
        text = pdf_text(path)
        assert "Søren" in text, path
        for secret in (SECRET, NAME):
            assert secret not in text, path
            raw = path.read_bytes()
            assert secret.encode() not in raw and secret.encode("utf-16-be") not in raw, path

    # The pupil's access request is the one place it goes.
    document = access_request_data(s, pupil)
    inputs = document["colleague_inputs"]
    assert [i["colleague"] for i in inputs] == [NAME, NAME]
    assert all(SECRET in i["academic"] for i in inputs)
