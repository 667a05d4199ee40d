"""Writing the PDFs from the database: privacy, language, refusals, safe writing, a class.

The privacy rule is checked where it could leak: the data handed to ``reports/``,
the raw PDF bytes, every decompressed stream, the text pypdf extracts, the
metadata and the annotations. The teacher's private preparation and a section not
shared with the parents appear in none of them.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import (
    FocusArea,
    Language,
    PresentationVia,
    Relation,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services import pdfs, report_data
from skolehjem_desktop.services.conversations import Planning

PRIVATE = "PRIVATMARKOER7731"
UNSHARED = "IKKEDELTMARKOER4410"
WAS_SHARED = "TIDLIGEREDELT5521"
HELD_AT = dt.datetime(2026, 11, 17, 15, 30)  # before the test clock's Monday 23 November
LONG_NOTE = (
    "Søren er glad for at gå i skole og fortæller derhjemme om frikvartererne. I dansk læser "
    "han nu længere bøger på egen hånd og er begyndt at skrive mere sammenhængende tekster. "
)


@dataclass
class World:
    class_id: int
    soeren: int
    lukasz: int
    ayse: int
    minh: int
    held: int  # Søren's, with private and unshared text
    english: int  # Łukasz's: his guardian prefers English
    planned: int  # Ayşe's
    cancelled: int  # Minh's


@pytest.fixture
def w(services) -> World:  # type: ignore[no-untyped-def]
    s = services
    s.school.set_school_name("Skovbakkeskolen")
    me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
    klass = s.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    soeren = s.students.add("Søren", "Ærø", klass.id).id
    lukasz = s.students.add("Łukasz", "Ćwikła", klass.id).id
    ayse = s.students.add("Ayşe", "Yılmaz", klass.id).id
    minh = s.students.add("Nguyễn Thị", "Minh", klass.id).id
    s.students.add_guardian(soeren, "Anne Ærø", relation=Relation.MOTHER)
    s.students.add_guardian(lukasz, "Marta Ćwikła", preferred_language=Language.EN)
    s.students.add_guardian(ayse, "Fatma Yılmaz")
    s.students.add_guardian(minh, "Trần Văn Hùng", preferred_language=Language.EN)

    held = s.conversations.plan(soeren, Planning(starts_at=HELD_AT, place="Lokale 12")).id
    s.conversations.set_section(held, SectionKind.PRIVATE_PREPARATION, f"Mine: {PRIVATE}")
    s.conversations.set_section(held, SectionKind.ACADEMIC, "Søren læser flydende.")
    s.conversations.set_section(held, SectionKind.CONCERNS, f"Ikke delt: {UNSHARED}", shared=False)
    s.conversations.set_section(held, SectionKind.SUMMARY, f"Var delt: {WAS_SHARED}")
    s.conversations.set_section(held, SectionKind.SUMMARY, f"Var delt: {WAS_SHARED}", shared=False)
    s.conversations.set_section(held, SectionKind.SOCIAL_WELLBEING, "Gode venner.")
    s.conversations.add_agreement(held, "Læse 20 minutter hver dag.", Responsible.HOME)
    s.conversations.mark_held(held)
    s.focus.add(soeren, 2026, FocusArea.DANISH, "Læse længere tekster.")
    s.focus.record_presentation(
        soeren, dt.date(2026, 11, 17), PresentationVia.CONVERSATION, note=f"Note: {PRIVATE}"
    )

    english = s.conversations.plan(lukasz, Planning(starts_at=HELD_AT + dt.timedelta(hours=1)))
    s.conversations.set_section(english.id, SectionKind.ACADEMIC, "Łukasz works hard.")
    s.conversations.mark_held(english.id)
    planned = s.conversations.plan(ayse, Planning(starts_at=dt.datetime(2026, 12, 1, 15, 0)))
    cancelled = s.conversations.plan(minh, Planning(starts_at=dt.datetime(2026, 11, 18, 8, 0)))
    s.conversations.mark_cancelled(cancelled.id)
    return World(klass.id, soeren, lukasz, ayse, minh, held, english.id, planned.id, cancelled.id)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the PDFs (the data folder is beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def read(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in read(path).pages)


def every_stream(path: Path) -> list[bytes]:
    """The decoded content of every stream object in the file (pages, fonts, metadata)."""
    reader = read(path)
    found: list[bytes] = []
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(IndirectObject(number, 0, reader))
        if isinstance(obj, StreamObject):
            found.append(obj.get_data())
    return found


def leaks(path: Path, secret: str) -> list[str]:
    """Everywhere in the PDF ``secret`` can be found."""
    raw = path.read_bytes()
    where = []
    for encoding in ("utf-8", "utf-16-be", "latin-1"):
        if secret.encode(encoding) in raw:
            where.append(f"raw bytes ({encoding})")
    for start in range(len(raw)):
        # Any zlib stream the PDF holds, however it is referenced.
        if raw[start : start + 1] != b"x":
            continue
        try:
            data = zlib.decompressobj().decompress(raw[start:])
        except zlib.error:
            continue
        if secret.encode() in data or secret.encode("utf-16-be") in data:
            where.append(f"zlib stream at {start}")
    if any(secret.encode() in s for s in every_stream(path)):
        where.append("decoded stream")
    if secret in text(path):
        where.append("extracted text")
    reader = read(path)
    if any(secret in str(v) for v in (reader.metadata or {}).values()):
        where.append("metadata")
    for page in reader.pages:
        # The preparation sheet's form fields are annotations: none may hold the secret.
        for annot in page.get("/Annots") or []:
            field = annot.get_object()
            if any(secret in str(field.get(key, "")) for key in ("/V", "/DV", "/TU", "/T")):
                where.append("annotations")
    return where


# --- privacy ------------------------------------------------------------------------------


def test_the_summary_data_holds_only_the_shared_sections(services, w: World) -> None:  # type: ignore[no-untyped-def]
    data = report_data.summary_data(services, w.held)
    assert [s.kind for s in data.sections] == [SectionKind.ACADEMIC, SectionKind.SOCIAL_WELLBEING]
    for secret in (PRIVATE, UNSHARED, WAS_SHARED):
        assert secret not in repr(data)


def test_no_private_or_unshared_text_anywhere_in_the_summary(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    path = out_dir / "referat.pdf"
    services.pdfs.write_summary(w.held, path)
    content = text(path)
    assert "Søren læser flydende." in content  # the shared text is there
    assert "Gode venner." in content
    for secret in (PRIVATE, UNSHARED, WAS_SHARED):
        assert leaks(path, secret) == [], secret


def test_the_leak_check_would_find_a_shared_marker(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    services.conversations.set_section(w.held, SectionKind.SUMMARY, WAS_SHARED, shared=True)
    path = out_dir / "referat.pdf"
    services.pdfs.write_summary(w.held, path)
    assert "extracted text" in leaks(path, WAS_SHARED)


def test_the_invitation_and_message_book_carry_no_private_text(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    invitation = out_dir / "invitation.pdf"
    book = out_dir / "book.pdf"
    services.pdfs.write_invitation(w.held, invitation)
    services.pdfs.write_message_book(w.soeren, book, 2026)
    for path in (invitation, book):
        for secret in (PRIVATE, UNSHARED):
            assert leaks(path, secret) == [], (path.name, secret)


# --- language -----------------------------------------------------------------------------


def test_the_language_is_the_guardians_unless_asked(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")  # the UI's language does not decide
    english = services.pdfs.write_summary(w.english, out_dir / "en.pdf")
    assert english.lang == "en"
    assert read(english.path).trailer["/Root"]["/Lang"] == "en-GB"
    assert "17 November 2026" in text(english.path)
    danish = services.pdfs.write_summary(w.held, out_dir / "da.pdf")
    assert danish.lang == "da"
    assert read(danish.path).trailer["/Root"]["/Lang"] == "da-DK"
    assert "17. november 2026" in text(danish.path)
    forced = services.pdfs.write_summary(w.english, out_dir / "forced.pdf", lang="da")
    assert forced.lang == "da"
    assert "17. november 2026" in text(forced.path)


def test_one_english_speaking_guardian_makes_the_default_english(services, w: World) -> None:  # type: ignore[no-untyped-def]
    assert report_data.conversation_language(services, w.held) == "da"
    services.students.add_guardian(w.soeren, "John Smith", preferred_language=Language.EN)
    assert report_data.student_language(services, w.soeren) == "en"


def test_an_unknown_language_is_refused(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="not a language"):
        services.pdfs.write_summary(w.held, out_dir / "x.pdf", lang="de")
    assert not (out_dir / "x.pdf").exists()


def test_metadata_names_the_teacher_title_and_subject(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    written = services.pdfs.write_summary(w.english, out_dir / "s.pdf")
    meta = read(written.path).metadata
    assert meta is not None
    assert meta.author == "Mette Kjærgaard Holm"
    assert meta.title == "Summary of the school–home conversation – Łukasz Ćwikła"
    assert meta.subject == "School–home conversation on 17 November 2026"


# --- refusals and safe writing -----------------------------------------------------------


def test_a_summary_of_a_conversation_not_held_is_refused(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "planned.pdf"
    with pytest.raises(ValidationError, match="has not been held yet"):
        services.pdfs.write_summary(w.planned, target)
    with pytest.raises(ValidationError, match="was cancelled"):
        services.pdfs.write_summary(w.cancelled, target)
    assert list(out_dir.iterdir()) == []


def test_a_missing_id_is_a_clear_error(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="does not exist"):
        services.pdfs.write_summary(9999, out_dir / "x.pdf")
    with pytest.raises(NotFoundError, match="does not exist"):
        services.pdfs.write_message_book(9999, out_dir / "x.pdf")
    assert list(out_dir.iterdir()) == []


def test_a_folder_that_does_not_exist_or_a_folder_as_file_is_refused(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(pdfs.PdfWriteError, match="does not exist"):
        services.pdfs.write_summary(w.held, out_dir / "nowhere" / "x.pdf")
    with pytest.raises(pdfs.PdfWriteError, match="is a folder"):
        services.pdfs.write_summary(w.held, out_dir)
    assert list(out_dir.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_part_file(
    services, w: World, out_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "referat.pdf"
    target.write_bytes(b"the old file")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdfs.os, "fsync", disk_full)
    with pytest.raises(pdfs.PdfWriteError, match="No space left on device"):
        services.pdfs.write_summary(w.held, target)
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in out_dir.iterdir()] == ["referat.pdf"]


def test_a_refused_summary_leaves_an_existing_file_alone(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "referat.pdf"
    target.write_bytes(b"the old file")
    with pytest.raises(ValidationError):
        services.pdfs.write_summary(w.planned, target)
    assert target.read_bytes() == b"the old file"


def test_writing_replaces_the_file_whole(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "referat.pdf"
    target.write_bytes(b"the old file")
    written = services.pdfs.write_summary(w.held, target)
    assert written.path == target
    assert target.read_bytes().startswith(b"%PDF")
    assert target.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in out_dir.iterdir()] == ["referat.pdf"]


# --- the other documents ------------------------------------------------------------------


def test_the_invitation_has_the_default_questions_in_the_documents_language(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    written = services.pdfs.write_invitation(w.planned, out_dir / "inv.pdf", lang="en")
    content = " ".join(text(written.path).split())
    assert "How is your child doing at school, as you see it?" in content
    assert "Ayşe Yılmaz" in content and "Fatma Yılmaz" in content
    assert "Tuesday, 1 December 2026" in content


def test_the_invitation_prints_the_teachers_own_questions(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    services.school.set_preparation_questions(["Hvad glæder Ayşe sig til?", "Noget andet?"])
    written = services.pdfs.write_invitation(w.planned, out_dir / "inv.pdf")
    content = text(written.path)
    assert "1. Hvad glæder Ayşe sig til?" in content
    assert "2. Noget andet?" in content


def test_an_invitation_to_a_cancelled_conversation_is_refused(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="cancelled"):
        services.pdfs.write_invitation(w.cancelled, out_dir / "x.pdf")


def test_the_message_book_of_the_current_school_year(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    written = services.pdfs.write_message_book(w.soeren, out_dir / "book.pdf", lang="en")
    content = " ".join(text(written.path).split())
    assert "Message book" in content and "2026/27" in content
    assert "Læse længere tekster." in content
    assert "17 November 2026, at a school–home conversation" in content
    assert "No focus points in this area yet." in content  # maths, all-round


def test_the_class_overview_is_in_the_programs_language(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    written = services.pdfs.write_class_overview(w.class_id, out_dir / "class.pdf")
    assert written.lang == "en"
    content = text(written.path)
    for name in ("Søren Ærø", "Łukasz Ćwikła", "Ayşe Yılmaz", "Nguyễn Thị Minh"):
        assert name in content
    assert "For the teacher only" in content


def test_two_pages_of_notes_and_twelve_agreements(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    notes = "\n\n".join(f"Afsnit {i}. {LONG_NOTE * 4}" for i in range(1, 13))
    services.conversations.set_section(w.held, SectionKind.ACADEMIC, notes)
    for i in range(1, 12):  # the fixture made one
        services.conversations.add_agreement(
            w.held,
            f"Aftale nummer {i + 1}: Søren og forældrene gennemgår ugens skema søndag aften.",
            list(Responsible)[i % 3],
            dt.date(2026, 12, 1) + dt.timedelta(weeks=i),
        )
    written = services.pdfs.write_summary(w.held, out_dir / "long.pdf", lang="en")
    pages = [page.extract_text() for page in read(written.path).pages]
    assert written.pages == len(pages) >= 3
    content = "\n".join(pages)
    assert all(f"Afsnit {i}." in content for i in range(1, 13))
    assert all(f"Aftale nummer {i}:" in content for i in range(2, 13))
    assert "Læse 20 minutter hver dag." in content
    assert [f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, 1)] == [True] * len(pages)
    for secret in (PRIVATE, UNSHARED):
        assert leaks(written.path, secret) == []


# --- a whole class ------------------------------------------------------------------------


def test_every_held_conversation_of_the_class_gets_its_file(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, text: str) -> bool:
        calls.append((done, total, text))
        return True

    out = out_dir / "referater"
    result = services.pdfs.write_class_summaries(w.class_id, out, progress)
    assert not result.cancelled
    assert result.total == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "Søren Ærø 2026-11-17.pdf",
        "Łukasz Ćwikła 2026-11-17.pdf",
    ]
    assert {r.path.name: r.lang for r in result.written} == {
        "Søren Ærø 2026-11-17.pdf": "da",
        "Łukasz Ćwikła 2026-11-17.pdf": "en",
    }
    # In the order of a Danish class list: Ł sorts with L.
    assert calls == [(0, 2, "Łukasz Ćwikła"), (1, 2, "Søren Ærø"), (2, 2, "")]
    for path in out.iterdir():
        assert leaks(path, PRIVATE) == []


def test_cancelling_a_class_run_stops_it_and_keeps_what_is_done(
    services, w: World, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    out = out_dir / "referater"
    result = services.pdfs.write_class_summaries(
        w.class_id, out, lambda done, total, text: done < 1
    )
    assert result.cancelled
    assert [r.path.name for r in result.written] == ["Łukasz Ćwikła 2026-11-17.pdf"]
    assert [p.name for p in out.iterdir()] == ["Łukasz Ćwikła 2026-11-17.pdf"]


def test_a_class_in_one_file(services, w: World, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "5A.pdf"
    result = services.pdfs.write_class_summaries_combined(w.class_id, target)
    assert not result.cancelled and len(result.written) == 1
    pages = [page.extract_text() for page in read(target).pages]
    assert len(pages) == 2
    assert "Łukasz Ćwikła" in pages[0] and "Søren Ærø" in pages[1]
    assert "Page 1 of 1" in pages[0]  # each summary numbered on its own, in its language
    assert (
        i18n.translator("da").gettext("Page {page} of {pages}").format(page=1, pages=1)
        in (pages[1])
    )
    assert "17 November 2026" in pages[0] and "17. november 2026" in pages[1]
    cancelled = services.pdfs.write_class_summaries_combined(
        w.class_id, out_dir / "none.pdf", lambda *_: False
    )
    assert cancelled.cancelled and not (out_dir / "none.pdf").exists()


def test_file_names_are_safe(services, w: World) -> None:  # type: ignore[no-untyped-def]
    row = services.conversations.all(student_id=w.soeren)[0]
    odd = type(row)(**{**row.__dict__, "student_name": 'A/B:C*D? "E" <F>|G.'})
    assert pdfs.summary_file_name(odd) == "A_B_C_D_ _E_ _F_G 2026-11-17.pdf"


def test_a_killed_write_s_part_file_is_removed_at_the_next_write_there(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys
    import time

    from skolehjem_desktop.services.pdfs import write_atomically

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    target = tmp_path / "Referat Søren Ærø [5.A].pdf"
    left = tmp_path / f".Referat Ida Berg.pdf.{int(child.stdout)}.abc123.part"  # killed
    left.write_bytes(b"%PDF half")
    hour_ago = time.time() - 3600
    others = tmp_path / ".someone else's download.part"  # not ours: stays
    others.write_bytes(b"x")
    os.utime(others, (hour_ago, hour_ago))
    writing = tmp_path / f".{target.name}.now.part"  # another write, this very minute
    writing.write_bytes(b"%PDF")
    write_atomically(target, b"%PDF-1.4 whole")
    assert not left.exists() and writing.exists() and target.read_bytes() == b"%PDF-1.4 whole"
    assert others.exists()
