"""The four documents, built from plain data and read back with pypdf.

Every name prints right and extracts exactly; only the embedded DejaVu Sans is
referenced (never Helvetica); dates are written the way each language writes them;
the PDF's metadata and language are set; long texts and tables break across pages
with the header row repeated; each page says "page x of y".
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import (
    ConversationKind,
    FocusArea,
    FocusStatus,
    PresentationVia,
    Relation,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.reports.class_overview import render_class_overview
from skolehjem_desktop.reports.data import (
    AgreementLine,
    ClassOverviewData,
    ConversationFacts,
    FocusLine,
    InvitationData,
    Letterhead,
    MessageBookData,
    OrdinaryConversation,
    OverviewRow,
    Person,
    PresentationLine,
    SharedSection,
    SummaryData,
)
from skolehjem_desktop.reports.invitation import render_invitation
from skolehjem_desktop.reports.layout import RenderedPdf
from skolehjem_desktop.reports.message_book import render_message_book
from skolehjem_desktop.reports.summary import render_summaries, render_summary

NAMES = ("Søren Ærø", "Łukasz Ćwikła", "Ayşe Yılmaz", "Nguyễn Thị Minh")
PRINTED = dt.date(2026, 11, 22)
HEAD = Letterhead("Skovbakkeskolen", None, "Mette Kjærgaard Holm", PRINTED)
WHEN = dt.datetime(2026, 11, 17, 15, 30)

FACTS = ConversationFacts(
    student_first_name="Søren",
    student_name="Søren Ærø",
    class_name="5.A",
    school_year=2026,
    kind=ConversationKind.ORDINARY,
    requested_by=RequestedBy.SCHOOL,
    starts_at=WHEN,
    duration_minutes=30,
    place="Lokale 12",
    pupil_attends=True,
    pupil_attends_note="",
    teachers=("Mette Kjærgaard Holm", "Łukasz Ćwikła"),
    guardians=(Person("Ayşe Yılmaz", Relation.MOTHER), Person("Nguyễn Thị Minh", Relation.FATHER)),
)


def pages_text(pdf: RenderedPdf | bytes) -> list[str]:
    data = pdf.data if isinstance(pdf, RenderedPdf) else pdf
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def text(pdf: RenderedPdf | bytes) -> str:
    return "\n".join(pages_text(pdf))


def flat(pdf: RenderedPdf | bytes) -> str:
    """The text with every run of white space as one space, for phrases that wrap."""
    return " ".join(text(pdf).split())


def font_names(data: bytes) -> set[str]:
    """Every font any page refers to, and check each is an embedded TrueType."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, font
            assert "/FontFile2" in descriptor.get_object(), font
    return names


def summary_data(lang: str = "en", **changes) -> SummaryData:  # type: ignore[no-untyped-def]
    data = SummaryData(
        lang=lang,
        letterhead=HEAD,
        conversation=FACTS,
        sections=(
            SharedSection(SectionKind.ACADEMIC, "Søren reads well & <counts> to 100."),
            SharedSection(SectionKind.SOCIAL_WELLBEING, "Plays with Łukasz.\n\nLikes school."),
        ),
        agreements=(
            AgreementLine("Read 20 minutes a day.", Responsible.HOME, dt.date(2027, 1, 15), False),
            AgreementLine("Pack the bag the night before.", Responsible.PUPIL, None, True),
        ),
        focus_points=(
            FocusLine(FocusArea.DANISH, "", "Read longer texts.", "", FocusStatus.IN_PROGRESS, ""),
        ),
        next_conversation="In the spring.",
    )
    return replace(data, **changes)


def every_document(lang: str) -> dict[str, RenderedPdf]:
    return {
        "summary": render_summary(summary_data(lang)),
        "invitation": render_invitation(
            InvitationData(lang, HEAD, FACTS, ("How is Ayşe Yılmaz doing?",))
        ),
        "message book": render_message_book(
            MessageBookData(
                lang,
                HEAD,
                "Søren",
                "Søren Ærø",
                "5.A",
                2026,
                ("Nguyễn Thị Minh", "Łukasz Ćwikła"),
                (FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND),
                (
                    FocusLine(
                        FocusArea.DANISH,
                        "",
                        "Read with Ayşe Yılmaz.",
                        "Daily reading.",
                        FocusStatus.IN_PROGRESS,
                        "Good progress.",
                    ),
                ),
                (PresentationLine(dt.date(2026, 11, 22), PresentationVia.CONVERSATION),),
            )
        ),
        "class overview": render_class_overview(
            ClassOverviewData(
                lang,
                HEAD,
                "5.A",
                2026,
                ("Mette Kjærgaard Holm",),
                PRINTED,
                tuple(
                    OverviewRow(name, OrdinaryConversation.HELD, WHEN, (), PRINTED, 0, i, i == 0)
                    for i, name in enumerate(NAMES)
                ),
            )
        ),
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_document_prints_every_name_exactly(lang: str) -> None:
    for name, pdf in every_document(lang).items():
        content = text(pdf)
        assert [n for n in NAMES if n not in content] == [], (name, content)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_document_uses_only_the_embedded_dejavu_font(lang: str) -> None:
    for name, pdf in every_document(lang).items():
        fonts = font_names(pdf.data)
        assert fonts, name
        assert all("DejaVuSans" in f for f in fonts), (name, fonts)
        if name == "invitation":
            # The preparation sheet's form fields may only name a standard font; viewers
            # draw typed text themselves (NeedAppearances). No printed text uses it.
            form = PdfReader(io.BytesIO(pdf.data)).trailer["/Root"]["/AcroForm"]
            assert form["/NeedAppearances"], name
            assert "/Helv" in form["/DR"]["/Font"], name
            continue
        assert b"Helvetica" not in pdf.data, name


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_lists_only_embedded_dejavu(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "summary.pdf"
    path.write_bytes(render_summary(summary_data()).data)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        fields = line.split()
        assert "DejaVuSans" in fields[0], line
        assert fields[-5:-2] == ["yes", "yes", "yes"], line  # embedded, subset, unicode


@pytest.mark.parametrize(
    ("lang", "pdf_lang", "date", "title", "page"),
    [
        ("da", "da-DK", "17. november 2026", None, None),
        (
            "en",
            "en-GB",
            "17 November 2026",
            "Summary of the school–home conversation",
            "Page 1 of 1",
        ),
    ],
)
def test_a_summary_is_in_its_own_language_with_metadata(
    lang: str, pdf_lang: str, date: str, title: str | None, page: str | None
) -> None:
    tr = i18n.translator(lang)
    expected_title = title or tr.gettext("Summary of the school–home conversation")
    expected_page = page or tr.gettext("Page {page} of {pages}").format(page=1, pages=1)
    pdf = render_summary(summary_data(lang))
    reader = PdfReader(io.BytesIO(pdf.data))
    content = text(pdf)
    assert date in content  # Babel's long date, in the document's language
    assert tr.format_date(PRINTED) in content  # the print date
    assert expected_title in content
    assert expected_page in content
    assert reader.trailer["/Root"]["/Lang"] == pdf_lang
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"{expected_title} – Søren Ærø"
    assert meta.author == "Mette Kjærgaard Holm"
    assert date in (meta.subject or "")
    assert pdf.pages == 1


def test_the_document_language_does_not_follow_the_ui_language() -> None:
    i18n.activate("da")
    english = text(render_summary(summary_data("en")))
    assert "Summary of the school–home conversation" in english
    assert "17 November 2026" in english


def test_typed_text_is_printed_as_typed_markup_characters_and_all() -> None:
    content = text(render_summary(summary_data()))
    assert "Søren reads well & <counts> to 100." in content
    assert "Plays with Łukasz." in content and "Likes school." in content


def test_a_shared_section_can_never_hold_the_private_preparation() -> None:
    with pytest.raises(ValueError, match="private"):
        SharedSection(SectionKind.PRIVATE_PREPARATION, "mine")


def test_agreements_say_who_is_responsible_by_when_and_what_is_done() -> None:
    content = text(render_summary(summary_data()))
    assert "Read 20 minutes a day." in content
    assert "The home" in content and "The pupil" in content
    assert "15 January 2027" in content
    assert "No deadline" in content
    assert "Done" in content


LONG_NOTE = (
    "Søren has settled well in the class and tells at home about the breaks. In Danish he "
    "now reads longer books on his own and has begun to write more connected texts. "
)


def long_summary(lang: str = "en") -> SummaryData:
    notes = "\n\n".join(f"Paragraph {i}. {LONG_NOTE * 4}" for i in range(1, 15))
    agreements = tuple(
        AgreementLine(
            f"Agreement number {i}: "
            + "Søren and his parents go through the week's plan. " * (i % 3 + 1),
            list(Responsible)[i % 3],
            dt.date(2026, 12, 1) + dt.timedelta(weeks=i) if i % 4 else None,
            i % 5 == 0,
        )
        for i in range(1, 13)
    )
    return summary_data(
        lang,
        sections=(SharedSection(SectionKind.ACADEMIC, notes),),
        agreements=agreements,
    )


def test_two_pages_of_notes_and_twelve_agreements_break_across_pages() -> None:
    pdf = render_summary(long_summary())
    pages = pages_text(pdf)
    assert pdf.pages == len(pages) >= 3
    content = "\n".join(pages)
    # Every paragraph of the notes and every agreement is there, none cut off.
    for i in range(1, 15):
        assert f"Paragraph {i}." in content
    for i in range(1, 13):
        assert f"Agreement number {i}:" in content
    # The notes alone run over two pages.
    assert sum("Paragraph" in p for p in pages) >= 2
    # The agreements table runs over a page break and repeats its header row there.
    with_agreements = [p for p in pages if "Agreement number" in p]
    assert len(with_agreements) >= 2
    assert all("What we agreed" in p for p in with_agreements)
    # Every page is numbered "x of y".
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_a_text_longer_than_a_page_without_a_line_break_still_prints() -> None:
    word = "Ł" * 3000  # no space to break at
    pdf = render_summary(
        summary_data(
            sections=(SharedSection(SectionKind.SUMMARY, f"{word} end."),),
            agreements=(AgreementLine("x " * 4000, Responsible.SCHOOL, None, False),),
        )
    )
    assert pdf.pages >= 2
    assert "end." in text(pdf)


def test_the_invitation_has_the_purpose_and_the_questions_with_room_to_write() -> None:
    for lang in ("da", "en"):
        pdf = render_invitation(
            InvitationData(lang, HEAD, FACTS, ("First question?", "Second question?"))
        )
        content = text(pdf)
        assert "1. First question?" in content
        assert "2. Second question?" in content
        tr = i18n.translator(lang)
        assert tr.format_date(WHEN.date(), "full") in content
        assert "Lokale 12" in content
    english = flat(render_invitation(InvitationData("en", HEAD, FACTS, ("Q?",))))
    assert "prepared by both sides" in english
    assert "individual dialogue" in english
    assert "evaluate Søren's schooling" in english


def test_a_logo_is_printed_and_a_broken_one_is_left_out() -> None:
    png = _png()
    with_logo = render_summary(summary_data(letterhead=replace(HEAD, logo=png)))
    reader = PdfReader(io.BytesIO(with_logo.data))
    assert reader.pages[0]["/Resources"]["/XObject"]
    broken = render_summary(summary_data(letterhead=replace(HEAD, logo=b"\x89PNG\r\n\x1a\nxx")))
    assert broken.pages == 1


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (31, 58, 95)).save(buffer, "PNG")
    return buffer.getvalue()


def test_several_summaries_in_one_file_are_numbered_each_on_their_own() -> None:
    pdf = render_summaries(
        [long_summary("en"), summary_data("da")],
        class_name="5.A",
        author="Mette Kjærgaard Holm",
        lang="en",
    )
    pages = pages_text(pdf)
    first = render_summary(long_summary("en")).pages
    assert len(pages) == first + 1
    assert f"Page {first} of {first}" in pages[first - 1]
    danish_page = i18n.translator("da").gettext("Page {page} of {pages}").format(page=1, pages=1)
    assert danish_page in pages[-1]
    assert "17. november 2026" in pages[-1]
    meta = PdfReader(io.BytesIO(pdf.data)).metadata
    assert meta is not None and "5.A" in (meta.title or "")


def test_the_message_book_shows_every_required_area_and_the_presentation() -> None:
    pdf = every_document("en")["message book"]
    content = text(pdf)
    for words in ("Danish", "Maths", "All-round development", "No focus points in this area yet."):
        assert words in content
    assert "Read with Ayşe Yılmaz." in content and "Good progress." in content
    assert "22 November 2026, at a school–home conversation" in content


def test_the_class_overview_says_it_is_for_the_teacher_only() -> None:
    content = text(every_document("en")["class overview"])
    assert "For the teacher only" in content
    assert "1 reply" in content
    assert "4 pupils, 1 with nothing owed" in content
