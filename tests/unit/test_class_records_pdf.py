"""The parent meeting's invitation and minutes as PDFs, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import CalledBy, Language
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services import pdfs, report_data
from skolehjem_desktop.services.class_records import MeetingInput

START = dt.datetime(2026, 8, 27, 19, 0)


def read(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in read(path).pages)


def fonts(path: Path) -> set[str]:
    found: set[str] = set()
    for page in read(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"] or "/DescendantFonts" in font
    return found


@pytest.fixture
def world(services):  # type: ignore[no-untyped-def]
    s = services
    s.school.set_school_name("Skovbakkeskolen")
    anne = s.school.add_teacher("Anne Holm", "AH", is_user=True)
    lukasz = s.school.add_teacher("Łukasz Ćwikła", "LC")
    c = s.classes.create("5.A", 2026)
    s.classes.set_contact_teachers(c.id, (anne.id,))
    p1 = s.students.add("Søren", "Ærø", c.id)
    p2 = s.students.add("Ayşe", "Yılmaz", c.id)
    p3 = s.students.add("Minh", "Nguyễn", c.id)
    mette = s.students.add_guardian(p1.id, "Mette Ærø")
    s.students.link_guardian(p3.id, mette.id)  # Minh: Mette and Lan
    elif_ = s.students.add_guardian(p2.id, "Elif Yılmaz", preferred_language=Language.EN)
    s.students.add_guardian(p3.id, "Nguyễn Thị Lan", preferred_language=Language.EN)
    s.class_records.set_council(c.id, [mette.id, elif_.id], elif_.id)
    meeting = s.class_records.create_meeting(
        c.id,
        MeetingInput(
            starts_at=START,
            ends_at=START + dt.timedelta(hours=2),
            place="Klasselokalet 5.A",
            called_by=CalledBy.TEACHERS,
            agenda="Velkommen\nValg af klasseforældreråd",
            minutes="Rådet blev valgt. Ayşe's mor er kontaktforælder.",
            families_present=2,
            teacher_ids=(anne.id, lukasz.id),
        ),
    )
    return c, meeting


def test_the_minutes_say_everything_the_brief_asks(services, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _c, meeting = world
    written = services.pdfs.write_meeting_minutes(meeting.id, tmp_path / "m.pdf", lang="en")
    assert (written.lang, written.pages) == ("en", 1)
    body = text(written.path)
    for expected in (
        "Minutes of the parent meeting",
        "5.A · 2026/27",
        "Thursday, 27 August 2026, 19:00–21:00",
        "Klasselokalet 5.A",
        "The class's teachers",
        "Anne Holm and Łukasz Ćwikła",
        "2 of 3 families",
        "Rådet blev valgt. Ayşe's mor er kontaktforælder.",
        "Elif Yılmaz and Mette Ærø",
        "Contact parent",
        "Page 1 of 1",
        "Skovbakkeskolen",
    ):
        assert expected in body, expected
    assert read(written.path).trailer["/Root"]["/Lang"] == "en-GB"
    assert all("DejaVu" in name for name in fonts(written.path))
    meta = read(written.path).metadata
    assert meta is not None and meta.title == "Minutes of the parent meeting – 5.A"
    assert meta.author == "Anne Holm"


def test_the_invitation_has_the_agenda_and_no_minutes(services, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _c, meeting = world
    written = services.pdfs.write_meeting_invitation(meeting.id, tmp_path / "i.pdf", lang="en")
    body = text(written.path)
    assert "Invitation to a parent meeting" in body
    assert "Dear parents in 5.A," in body
    assert "Velkommen" in body and "Valg af klasseforældreråd" in body
    assert "Rådet blev valgt" not in body  # the minutes are not in the invitation
    assert "Elif" not in body  # nor the council
    assert "Page 1 of 1" in body


def test_the_default_language_is_most_of_the_guardians(services, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c, meeting = world
    i18n.activate("da")  # the program's language does not decide
    # Two of three guardians prefer English.
    assert report_data.class_language(services, c.id) == "en"
    written = services.pdfs.write_meeting_minutes(meeting.id, tmp_path / "m.pdf")
    assert written.lang == "en"
    assert "27 August 2026" in text(written.path)
    forced = services.pdfs.write_meeting_minutes(meeting.id, tmp_path / "f.pdf", lang="da")
    assert forced.lang == "da"
    assert read(forced.path).trailer["/Root"]["/Lang"] == "da-DK"
    assert "27. august 2026" in text(forced.path)
    # A tie is Danish.
    p = services.students.add("Ida", "Nord", c.id)
    services.students.add_guardian(p.id, "Karen Nord")
    assert report_data.class_language(services, c.id) == "da"


def test_families_are_counted_by_their_guardians(services, world) -> None:  # type: ignore[no-untyped-def]
    c, _m = world
    # Søren {Mette}, Ayşe {Elif}, Minh {Mette, Lan}: three different sets.
    assert services.class_records.family_count(c.id) == 3
    twin = services.students.add("Karl", "Ærø", c.id)
    mette = next(m for m in services.class_records.council(c.id).members if m.name == "Mette Ærø")
    services.students.link_guardian(twin.id, mette.guardian_id)  # Søren's twin: same family
    services.students.add("Ny", "Elev", c.id)  # no guardian yet: a family of its own
    assert services.class_records.family_count(c.id) == 4


def test_a_meeting_to_come_and_one_called_by_the_council(services, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c, _m = world
    later = services.class_records.create_meeting(
        c.id,
        MeetingInput(
            starts_at=dt.datetime(2027, 3, 4, 17, 0),
            called_by=CalledBy.COUNCIL,
        ),
    )
    body = text(services.pdfs.write_meeting_minutes(later.id, tmp_path / "m.pdf", "en").path)
    assert "Thursday, 4 March 2027 at 17:00" in body
    assert "The class parent council" in body
    assert "No minutes were written." in body
    invitation = services.pdfs.write_meeting_invitation(later.id, tmp_path / "i.pdf", "en")
    body = text(invitation.path)
    assert "The agenda will follow." in body
    assert "We will let you know" in body


def test_refusals(services, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _c, meeting = world
    with pytest.raises(NotFoundError):
        services.pdfs.write_meeting_minutes(999, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="not a language"):
        services.pdfs.write_meeting_minutes(meeting.id, tmp_path / "x.pdf", lang="de")
    with pytest.raises(pdfs.PdfWriteError):
        services.pdfs.write_meeting_invitation(meeting.id, tmp_path / "nowhere" / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
