"""The parents' preparation sheet: printed as a form by the real renderer, filled in with
pypdf as a viewer would, read back into the conversation and the family's times."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from skolehjem_desktop.domain.enums import ConversationStatus, SectionKind
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.models import FamilyAvailability

WHEN = dt.datetime(2026, 12, 1, 15, 0)
NAMES = {
    "da": "Søren Ærø skriver: det går godt, æblerne er røde på Ærø.",
    "pl": "Łukasz Ćwikła: źdźbło, gęś, żółć.",
    "tr": "Ayşe Yılmaz: Çok iyi gidiyor, ığdır, şeker.",
    "vi": "Nguyễn Thị Minh: Con học tốt, cảm ơn thầy cô.",
}


@pytest.fixture
def world(services):  # type: ignore[no-untyped-def]
    s = services
    s.school.set_school_name("Skovbakkeskolen")
    me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
    klass = s.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil = s.students.add("Søren", "Ærø", klass.id).id
    other = s.students.add("Ayşe", "Yılmaz", klass.id).id
    s.students.add_guardian(pupil, "Anne Ærø")
    conversation = s.conversations.plan(pupil, Planning(starts_at=WHEN)).id
    return s, pupil, other, conversation


def invitation(services, conversation: int, tmp_path: Path) -> bytes:  # type: ignore[no-untyped-def]
    path = tmp_path / "invitation.pdf"
    services.pdfs.write_invitation(conversation, path)
    return path.read_bytes()


def fill(data: bytes, values: dict[str, str], regenerate: bool = True) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        if page.get("/Annots"):
            writer.update_page_form_field_values(page, values, auto_regenerate=regenerate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def parents_input(services, conversation: int) -> str:  # type: ignore[no-untyped-def]
    section = services.conversations.get(conversation).sections.get(SectionKind.PARENTS_INPUT)
    return section.text if section is not None else ""


def test_the_empty_form_has_its_fields_and_hidden_ids(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, pupil, _other, conversation = world
    reader = PdfReader(io.BytesIO(invitation(s, conversation, tmp_path)))
    fields = reader.get_fields() or {}
    assert fields["skolehjem_kind"]["/V"] == "parents"
    assert fields["skolehjem_version"]["/V"] == "1"
    assert fields["skolehjem_student__1"]["/V"] == str(pupil)
    assert fields["skolehjem_conversation__1"]["/V"] == str(conversation)
    assert fields["skolehjem_school"]["/V"] == s.sheets.school_id()
    for name in ("how_things_are__1", "talk_about__1", "questions_for_school__1",
                 "question_1__1", "pupil_attends_yes__1", "pupil_attends_no__1",
                 "teachers__1", "time_0_0__1", "time_4_2__1", "times_note__1",
                 "separate__1", "with_siblings__1"):  # fmt: skip
        assert name in fields, name
    assert reader.trailer["/Root"]["/AcroForm"]["/NeedAppearances"] is True or bool(
        reader.trailer["/Root"]["/AcroForm"]["/NeedAppearances"]
    )
    # each field sits on the page it is drawn on, not all on the first
    pages = {
        annot.get_object()["/T"]: i
        for i, page in enumerate(reader.pages)
        for annot in page.get("/Annots") or []
    }
    assert pages["how_things_are__1"] >= 1 and pages["with_siblings__1"] >= pages["teachers__1"]


@pytest.mark.parametrize("lang", sorted(NAMES))
def test_answers_in_every_language_come_back_exactly(world, tmp_path, lang: str) -> None:  # type: ignore[no-untyped-def]
    s, _pupil, _other, conversation = world
    answer = NAMES[lang] + "\nNy linje"
    filled = fill(invitation(s, conversation, tmp_path), {"how_things_are__1": answer})
    preview = s.sheets.preview(filled, "skema.pdf")
    (page,) = preview.pages
    assert page.student_name == "Søren Ærø" and page.conversation_id == conversation
    assert [c.replaces for c in page.changes] == [False]
    assert s.sheets.apply(preview) == 1
    text = parents_input(s, conversation)
    assert text.startswith("From the parents' sheet, received 23/11/2026:\n") or text.startswith(
        "Fra forældrenes skema, modtaget 23.11.2026:\n"
    )
    assert answer in text


def test_everything_goes_where_it_belongs_and_only_once(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, pupil, _other, conversation = world
    filled = fill(
        invitation(s, conversation, tmp_path),
        {
            "talk_about__1": "Frikvartererne",
            "question_1__1": "Godt",
            "pupil_attends_no__1": "/Yes",
            "teachers__1": "Gerne matematiklæreren",
            "time_0_1__1": "/Yes",
            "time_0_2__1": "/Yes",
            "time_2_0__1": "/Yes",
            "times_note__1": "Ikke i uge 50",
            "separate__1": "/Yes",
        },
    )
    s.conversations.set_section(conversation, SectionKind.PARENTS_INPUT, "Mor ringede.")
    preview = s.sheets.preview(filled, "skema.pdf")
    assert [c.replaces for c in preview.pages[0].changes] == [False, True, False, False]
    assert s.sheets.apply(preview, overwrite=True) == 1
    detail = s.conversations.get(conversation)
    text = parents_input(s, conversation)
    assert text.startswith("Mor ringede.\n\n")
    assert "Frikvartererne" in text and "Godt" in text
    assert detail.pupil_attends is False
    assert detail.parents_wishes == "Gerne matematiklæreren"
    with s.db.reading() as session:
        row = session.get(FamilyAvailability, (pupil, 2026))
        assert row is not None
        assert json.loads(row.slots) == [
            {"weekday": 0, "start": "12:00", "end": "19:00"},
            {"weekday": 2, "start": "08:00", "end": "12:00"},
        ]
        assert (row.note, row.separate, row.with_siblings) == ("Ikke i uge 50", True, False)
    # read again: nothing new, nothing added twice
    again = s.sheets.preview(filled, "skema.pdf")
    assert again.pages[0].already_read and again.nothing_new
    assert s.sheets.apply(again) == 0
    assert parents_input(s, conversation) == text


def test_without_overwrite_what_is_there_stays(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, pupil, _other, conversation = world
    s.conversations.update_planning(
        conversation, Planning(starts_at=WHEN, parents_wishes="Klasselæreren")
    )
    with s.db.transaction() as session:
        session.add(
            FamilyAvailability(
                student_id=pupil, school_year=2026, slots="[]", note="Om aftenen",
                received_at=WHEN,
            )
        )  # fmt: skip
    filled = fill(
        invitation(s, conversation, tmp_path),
        {"pupil_attends_no__1": "/Yes", "teachers__1": "Dansklæreren", "time_1_2__1": "/Yes"},
    )
    preview = s.sheets.preview(filled, "skema.pdf")
    assert preview.replaces
    s.sheets.apply(preview, overwrite=False)
    detail = s.conversations.get(conversation)
    assert detail.pupil_attends is True
    assert detail.parents_wishes == "Klasselæreren\n\nDansklæreren"
    with s.db.reading() as session:
        row = session.get(FamilyAvailability, (pupil, 2026))
        assert row is not None and row.note == "Om aftenen"


def test_the_same_block_already_there_is_not_added_again(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, _pupil, _other, conversation = world
    data = invitation(s, conversation, tmp_path)
    first = fill(data, {"talk_about__1": "Lektierne"})
    s.sheets.apply(s.sheets.preview(first, "a.pdf"))
    # the same answer with a tick more: a new sheet, but the block is there already
    second = fill(data, {"talk_about__1": "Lektierne", "with_siblings__1": "/Yes"})
    preview = s.sheets.preview(second, "b.pdf")
    assert [c.where for c in preview.pages[0].changes] == [
        "The times that suit the family (2026/27)"
    ] or len(preview.pages[0].changes) == 1
    s.sheets.apply(preview)
    assert parents_input(s, conversation).count("Lektierne") == 1


def test_a_deleted_conversation_is_refused(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, _pupil, _other, conversation = world
    filled = fill(invitation(s, conversation, tmp_path), {"talk_about__1": "Noget"})
    s.conversations.delete(conversation)
    with pytest.raises(ValidationError, match=r"no longer exists|findes ikke længere"):
        s.sheets.preview(filled, "skema.pdf")


def test_a_held_conversation_is_refused(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, _pupil, _other, conversation = world
    filled = fill(invitation(s, conversation, tmp_path), {"talk_about__1": "Noget"})
    s.conversations.update_planning(conversation, Planning(starts_at=dt.datetime(2026, 11, 20)))
    s.conversations.mark_held(conversation, exception=True)
    assert s.conversations.get(conversation).status is ConversationStatus.HELD
    with pytest.raises(ValidationError, match=r"held|afholdt"):
        s.sheets.preview(filled, "skema.pdf")


def test_another_schools_sheet_is_refused(world, tmp_path, services) -> None:  # type: ignore[no-untyped-def]
    s, _pupil, _other, conversation = world
    filled = fill(invitation(s, conversation, tmp_path), {"talk_about__1": "Noget"})
    with s.db.transaction() as session:
        from skolehjem_desktop.services.sheets.identity import SCHOOL_SHEET_SETTING
        from skolehjem_desktop.store.models import Setting

        row = session.get(Setting, SCHOOL_SHEET_SETTING)
        assert row is not None
        row.value = "another-school"
    with pytest.raises(ValidationError, match=r"another school|anden skole"):
        s.sheets.preview(filled, "skema.pdf")


def test_an_empty_sheet_writes_nothing(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s, _pupil, _other, conversation = world
    preview = s.sheets.preview(fill(invitation(s, conversation, tmp_path), {}), "skema.pdf")
    assert preview.pages[0].empty and preview.nothing_new
    assert s.sheets.apply(preview) == 0
    assert parents_input(s, conversation) == ""
