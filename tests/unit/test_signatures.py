"""Who signs a letter: the class's contact teachers as contact teachers, or the user with
the role they really have in the class, never one they do not have. Read back with pypdf."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.i18n import translator
from skolehjem_desktop.reports.blocks import signed_by
from skolehjem_desktop.reports.data import ClassRole, Signature
from skolehjem_desktop.services import report_data
from skolehjem_desktop.services.classes import NewClass
from skolehjem_desktop.services.conversations import Planning
from tests.pdf_text import pdf_text

HELD_AT = dt.datetime(2026, 11, 17, 15, 30)  # before the test clock's 23 November 2026


def class_of(services, db, name: str, contacts: tuple[int, ...], others: tuple[int, ...] = ()):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        [class_id] = services.classes.create_many_in(
            s, [NewClass(name, 2026, contact_teacher_ids=contacts, other_teacher_ids=others)]
        )
    return class_id


@pytest.fixture
def staff(services):  # type: ignore[no-untyped-def]
    me = services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    aase = services.school.add_teacher("Åse Lind", "AL")
    return me, ole, aase


def pupil_with_conversation(services, class_id: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    pupil = services.students.add("Søren", "Ærø", class_id).id
    services.students.add_guardian(pupil, "Anne Ærø")
    conversation = services.conversations.plan(pupil, Planning(starts_at=HELD_AT)).id
    return pupil, conversation


def test_a_user_who_only_teaches_the_class_signs_as_its_teacher(  # type: ignore[no-untyped-def]
    services, db, staff, tmp_path: Path
) -> None:
    me, ole, aase = staff
    class_id = class_of(services, db, "7.B", (ole.id, aase.id), (me.id,))
    pupil, conversation = pupil_with_conversation(services, class_id)

    data = report_data.invitation_data(services, conversation)
    assert data.signature == Signature(("Mette Kjær",), ClassRole.TEACHER, "7.B")
    assert signed_by(data.signature, "", translator("da")) == ("Mette Kjær", "Lærer, 7.B")

    services.pdfs.write_invitation(conversation, tmp_path / "invitation.pdf")
    text = pdf_text(tmp_path / "invitation.pdf")
    assert "Mette Kjær\nLærer, 7.B" in text
    assert "Kontaktlærer, 7.B" not in text

    services.pdfs.write_message_book(pupil, tmp_path / "book.pdf", 2026)
    text = pdf_text(tmp_path / "book.pdf")
    assert "Kontaktlærere\nÅse Lind og Ole Berg" in text
    assert "Mette Kjær\nLærer, 7.B" in text
    assert "Kontaktlærer, 7.B" not in text


def test_a_user_with_no_role_in_the_class_signs_with_their_name_alone(  # type: ignore[no-untyped-def]
    services, db, staff, tmp_path: Path
) -> None:
    _me, ole, _aase = staff
    class_id = class_of(services, db, "7.B", (ole.id,))
    _pupil, conversation = pupil_with_conversation(services, class_id)
    services.conversations.set_section(conversation, SectionKind.SUMMARY, "Godt møde.")
    services.conversations.mark_held(conversation)

    data = report_data.summary_data(services, conversation)
    assert data.signature == Signature(("Mette Kjær",), ClassRole.NONE, "7.B")
    services.pdfs.write_summary(conversation, tmp_path / "summary.pdf")
    text = pdf_text(tmp_path / "summary.pdf")
    assert "Mette Kjær" in text
    assert "Kontaktlærer, 7.B" not in text
    assert "Lærer, 7.B" not in text


def test_the_contact_teachers_sign_the_users_own_class_the_user_first(  # type: ignore[no-untyped-def]
    services, db, staff, tmp_path: Path
) -> None:
    me, ole, _aase = staff
    class_id = class_of(services, db, "5.A", (ole.id, me.id))
    pupil, _conversation = pupil_with_conversation(services, class_id)

    data = report_data.message_book_data(services, pupil, 2026)
    assert data.signature == Signature(("Mette Kjær", "Ole Berg"), ClassRole.CONTACT_TEACHER, "5.A")
    services.pdfs.write_message_book(pupil, tmp_path / "book.pdf", 2026, lang="en")
    text = pdf_text(tmp_path / "book.pdf")
    assert "Mette Kjær and Ole Berg\nContact teachers, 5.A" in text


def test_alone_as_contact_teacher_the_user_signs_as_contact_teacher(  # type: ignore[no-untyped-def]
    services, staff, tmp_path: Path
) -> None:
    klass = services.classes.create("5.A", 2026)  # the user's own, as they made it
    pupil, _conversation = pupil_with_conversation(services, klass.id)
    services.pdfs.write_message_book(pupil, tmp_path / "book.pdf", 2026)
    text = pdf_text(tmp_path / "book.pdf")
    assert "Mette Kjær\nKontaktlærer, 5.A" in text
    assert "Kontaktlærer\nMette Kjær" in text


def test_with_no_user_the_contact_teachers_sign(services, db) -> None:  # type: ignore[no-untyped-def]
    ole = services.school.add_teacher("Ole Berg", "OB")
    class_id = class_of(services, db, "5.A", (ole.id,))
    _pupil, conversation = pupil_with_conversation(services, class_id)
    data = report_data.invitation_data(services, conversation)
    assert data.signature == Signature(("Ole Berg",), ClassRole.CONTACT_TEACHER, "5.A")


def test_a_new_conversation_has_the_classs_contact_teachers(services, staff) -> None:  # type: ignore[no-untyped-def]
    me, _ole, _aase = staff
    klass = services.classes.create("5.A", 2026)
    _pupil, conversation = pupil_with_conversation(services, klass.id)
    assert services.conversations.get(conversation).teachers == ((me.id, "Mette Kjær"),)
