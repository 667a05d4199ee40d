"""Pupils and their guardians: add, edit, move, leave, delete; guardians and siblings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    FocusArea,
    Language,
    PresentationVia,
    Relation,
    Responsible,
    StartedBy,
)
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.models import (
    Agreement,
    ContactEntry,
    Conversation,
    ConversationGuardian,
    ConversationSection,
    ConversationTeacher,
    Enrolment,
    FocusPoint,
    FocusPresentation,
    Guardian,
    Student,
    StudentGuardian,
)


@pytest.fixture
def klass(services):  # type: ignore[no-untyped-def]
    return services.classes.create("5.A", 2026)


def count(services, model) -> int:  # type: ignore[no-untyped-def]
    with services.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


# --- pupils ------------------------------------------------------------------------------


def test_add(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add(" Søren ", " Kierkegaard ", klass.id, dt.date(2016, 5, 5))
    assert row.first_name == "Søren"
    assert row.last_name == "Kierkegaard"
    assert row.full_name == "Søren Kierkegaard"
    assert row.birth_date == dt.date(2016, 5, 5)
    assert row.left_on is None
    assert (row.class_id, row.class_name, row.school_year) == (klass.id, "5.A", 2026)
    assert services.classes.get(klass.id).student_count == 1
    detail = services.students.get(row.id)
    assert detail.classes == ((2026, klass.id, "5.A"),)
    assert detail.guardians == ()


def test_add_without_last_name(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Ali", "", klass.id)
    assert row.full_name == "Ali"


@pytest.mark.parametrize(
    ("pupil", "message"),
    [
        (("", "Hansen", None), "First name must be filled in"),
        (("  ", "Hansen", None), "First name must be filled in"),
        (("A" * 101, "Hansen", None), "too long"),
        (("Anna", "H" * 101, None), "too long"),
        (("Anna", "Hansen", dt.date(2026, 11, 24)), "24/11/2026 cannot be a pupil's birth date"),
        (("Anna", "Hansen", dt.date(1989, 12, 31)), "cannot be a pupil's birth date"),
    ],
)
def test_add_refuses_bad_input(services, klass, pupil, message) -> None:  # type: ignore[no-untyped-def]
    first, last, birth = pupil
    with pytest.raises(ValidationError, match=message):
        services.students.add(first, last, klass.id, birth)
    assert count(services, Student) == 0
    assert count(services, Enrolment) == 0


def test_birth_date_today_is_allowed(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id, dt.date(2026, 11, 23))
    assert row.birth_date == dt.date(2026, 11, 23)


def test_add_to_unknown_class(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match=r"(?i)class with id 9"):
        services.students.add("Anna", "Hansen", 9)
    assert count(services, Student) == 0


def test_edit(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id, dt.date(2016, 1, 1))
    edited = services.students.edit(row.id, first_name="Anne", last_name="Holm")
    assert (edited.first_name, edited.last_name) == ("Anne", "Holm")
    assert edited.birth_date == dt.date(2016, 1, 1)
    assert edited.class_id == klass.id
    edited = services.students.edit(row.id, birth_date=dt.date(2016, 2, 2))
    assert edited.birth_date == dt.date(2016, 2, 2)
    assert edited.first_name == "Anne"
    edited = services.students.edit(row.id, clear_birth_date=True)
    assert edited.birth_date is None


def test_edit_refuses_future_birth_date_and_changes_nothing(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id, dt.date(2016, 1, 1))
    with pytest.raises(ValidationError, match="birth date"):
        services.students.edit(row.id, first_name="Anne", birth_date=dt.date(2027, 1, 1))
    detail = services.students.get(row.id)
    assert detail.first_name == "Anna"
    assert detail.birth_date == dt.date(2016, 1, 1)


def test_edit_refuses_empty_first_name(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id)
    with pytest.raises(ValidationError):
        services.students.edit(row.id, first_name=" ")
    assert services.students.get(row.id).first_name == "Anna"


def test_edit_unknown_pupil(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match=r"(?i)pupil with id 5"):
        services.students.edit(5, first_name="X")


def test_move_within_year_and_to_another_year(services, klass) -> None:  # type: ignore[no-untyped-def]
    other = services.classes.create("5.B", 2026)
    next_year = services.classes.create("6.A", 2027)
    row = services.students.add("Anna", "Hansen", klass.id)
    moved = services.students.move(row.id, other.id)
    assert (moved.class_id, moved.class_name, moved.school_year) == (other.id, "5.B", 2026)
    assert services.students.all(class_id=klass.id) == []
    assert [r.id for r in services.students.all(class_id=other.id)] == [row.id]
    # Into another year: a new enrolment beside the old one.
    services.students.move(row.id, next_year.id)
    assert services.students.get(row.id).classes == (
        (2027, next_year.id, "6.A"),
        (2026, other.id, "5.B"),
    )
    assert count(services, Enrolment) == 2


def test_move_unknown(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id)
    with pytest.raises(NotFoundError):
        services.students.move(row.id, 999)
    with pytest.raises(NotFoundError):
        services.students.move(999, klass.id)


def test_mark_left_and_returned(services, klass) -> None:  # type: ignore[no-untyped-def]
    a = services.students.add("Anna", "Hansen", klass.id)
    b = services.students.add("Bo", "Berg", klass.id)
    services.students.mark_left(a.id)
    assert services.students.get(a.id).left_on == dt.date(2026, 11, 23)
    assert services.classes.get(klass.id).student_count == 1
    assert [r.id for r in services.students.all(class_id=klass.id, include_left=False)] == [b.id]
    assert {r.id for r in services.students.all(class_id=klass.id)} == {a.id, b.id}
    services.students.mark_left(a.id, dt.date(2026, 10, 1))
    assert services.students.get(a.id).left_on == dt.date(2026, 10, 1)
    services.students.mark_returned(a.id)
    assert services.students.get(a.id).left_on is None
    assert services.classes.get(klass.id).student_count == 2


def test_all_sorted_and_by_year(services, klass) -> None:  # type: ignore[no-untyped-def]
    other = services.classes.create("6.B", 2026)
    old = services.classes.create("4.A", 2025)
    services.students.add("Zofia", "Nowak", klass.id)
    services.students.add("Anna", "Hansen", other.id)
    services.students.add("Anna", "Berg", klass.id)
    services.students.add("Eskil", "Old", old.id)
    names = [r.full_name for r in services.students.all()]
    assert names == ["Anna Berg", "Anna Hansen", "Zofia Nowak"]
    assert [r.full_name for r in services.students.all(school_year=2025)] == ["Eskil Old"]


def test_all_search_is_case_insensitive_on_first_and_last(services, klass) -> None:  # type: ignore[no-untyped-def]
    services.students.add("Anna", "Hansen", klass.id)
    services.students.add("Bo", "Hansen", klass.id)
    services.students.add("Hans", "Berg", klass.id)
    services.students.add("Mia", "Holm", klass.id)

    def found(text: str) -> list[str]:
        return [r.full_name for r in services.students.all(search=text)]

    assert found("anna h") == ["Anna Hansen"]
    assert found("ANNA HANSEN") == ["Anna Hansen"]
    assert found("hans") == ["Anna Hansen", "Bo Hansen", "Hans Berg"]
    assert found("  HOLM ") == ["Mia Holm"]
    assert found("xyz") == []
    assert found("") == ["Anna Hansen", "Bo Hansen", "Hans Berg", "Mia Holm"]


def test_search_finds_danish_letters_in_any_case(services, klass) -> None:  # type: ignore[no-untyped-def]
    services.students.add("Øjvind", "Ærø", klass.id)
    services.students.add("Åse", "Østergaard", klass.id)
    assert [r.full_name for r in services.students.all(search="østergaard")] == ["Åse Østergaard"]
    assert [r.full_name for r in services.students.all(search="ØJVIND")] == ["Øjvind Ærø"]


def test_search_wildcards_are_literal(services, klass) -> None:  # type: ignore[no-untyped-def]
    services.students.add("Anna", "Hansen", klass.id)
    services.students.add("Bo", "Berg", klass.id)
    assert services.students.all(search="%") == []
    assert services.students.all(search="_") == []


def test_get_unknown(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.students.get(1)


# --- guardians ---------------------------------------------------------------------------


def test_add_guardian(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id)
    mother = services.students.add_guardian(
        row.id,
        "Mette Hansen",
        relation=Relation.MOTHER,
        email=" mette@example.dk ",
        phone="+45 12 34 56 78",
    )
    father = services.students.add_guardian(
        row.id,
        "Jens Hansen",
        relation=Relation.FATHER,
        has_custody=False,
        preferred_language=Language.EN,
    )
    assert mother.email == "mette@example.dk"
    assert mother.phone == "+45 12 34 56 78"
    assert mother.relation is Relation.MOTHER
    assert mother.has_custody is True
    assert mother.preferred_language is Language.DA
    assert mother.other_children == ()
    assert father.has_custody is False
    assert father.preferred_language is Language.EN
    assert father.email is None
    assert [g.id for g in services.students.guardians(row.id)] == [mother.id, father.id]
    assert services.students.get(row.id).guardians == (mother, father)


@pytest.mark.parametrize(
    ("email", "phone", "message"),
    [
        ("mette", None, "mette is not an e-mail address"),
        ("mette@@x.dk", None, "is not an e-mail address"),
        ("mette@x", None, "is not an e-mail address"),
        ("me tte@x.dk", None, "is not an e-mail address"),
        (None, "abc", "abc is not a phone number"),
        (None, "12", "12 is not a phone number"),
        (None, "+45 12345678 ext. 9", "is not a phone number"),
    ],
)
def test_add_guardian_invalid_contact_data(services, klass, email, phone, message) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id)
    with pytest.raises(ValidationError, match=message):
        services.students.add_guardian(row.id, "Mette", email=email, phone=phone)
    assert count(services, Guardian) == 0


def test_add_guardian_to_unknown_pupil_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.students.add_guardian(99, "Mette")
    assert count(services, Guardian) == 0


def test_edit_guardian(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id)
    g = services.students.add_guardian(row.id, "Mette", email="m@x.dk", phone="12345678")
    edited = services.students.edit_guardian(
        row.id,
        g.id,
        name="Mette Hansen",
        relation=Relation.MOTHER,
        has_custody=False,
        preferred_language=Language.EN,
    )
    assert edited.name == "Mette Hansen"
    assert edited.relation is Relation.MOTHER
    assert edited.has_custody is False
    assert edited.preferred_language is Language.EN
    # Untouched fields stay.
    assert edited.email == "m@x.dk"
    assert edited.phone == "12345678"
    # "" clears.
    cleared = services.students.edit_guardian(row.id, g.id, email="", phone="")
    assert cleared.email is None
    assert cleared.phone is None
    assert cleared.name == "Mette Hansen"


def test_edit_guardian_invalid_changes_nothing(services, klass) -> None:  # type: ignore[no-untyped-def]
    row = services.students.add("Anna", "Hansen", klass.id)
    g = services.students.add_guardian(row.id, "Mette", email="m@x.dk")
    with pytest.raises(ValidationError, match="not an e-mail address"):
        services.students.edit_guardian(row.id, g.id, name="Other", email="nope")
    with pytest.raises(ValidationError, match="not a phone number"):
        services.students.edit_guardian(row.id, g.id, phone="call me")
    assert services.students.guardians(row.id) == [g]


def test_edit_guardian_of_another_pupil(services, klass) -> None:  # type: ignore[no-untyped-def]
    a = services.students.add("Anna", "Hansen", klass.id)
    b = services.students.add("Bo", "Berg", klass.id)
    g = services.students.add_guardian(a.id, "Mette")
    with pytest.raises(ValidationError, match="not a guardian of this pupil"):
        services.students.edit_guardian(b.id, g.id, name="X")
    with pytest.raises(NotFoundError):
        services.students.edit_guardian(a.id, 999, name="X")


def test_link_guardian_and_siblings(services, klass) -> None:  # type: ignore[no-untyped-def]
    younger = services.classes.create("2.B", 2026)
    anna = services.students.add("Anna", "Hansen", klass.id)
    bo = services.students.add("Bo", "Hansen", younger.id)
    carl = services.students.add("Carl", "Berg", klass.id)
    mother = services.students.add_guardian(anna.id, "Mette Hansen", relation=Relation.MOTHER)
    linked = services.students.link_guardian(bo.id, mother.id, relation=Relation.MOTHER)
    assert linked.id == mother.id
    assert linked.other_children == ("Anna",)
    # Linking twice is harmless.
    services.students.link_guardian(bo.id, mother.id)
    assert len(services.students.guardians(bo.id)) == 1
    assert services.students.guardians(anna.id)[0].other_children == ("Bo",)
    assert [r.id for r in services.students.siblings(anna.id)] == [bo.id]
    assert [r.id for r in services.students.siblings(bo.id)] == [anna.id]
    assert services.students.siblings(carl.id) == []
    sibling = services.students.siblings(anna.id)[0]
    assert (sibling.class_id, sibling.class_name) == (younger.id, "2.B")


def test_link_unknown_guardian(services, klass) -> None:  # type: ignore[no-untyped-def]
    anna = services.students.add("Anna", "Hansen", klass.id)
    with pytest.raises(NotFoundError):
        services.students.link_guardian(anna.id, 12)


def test_remove_guardian(services, klass) -> None:  # type: ignore[no-untyped-def]
    anna = services.students.add("Anna", "Hansen", klass.id)
    bo = services.students.add("Bo", "Hansen", klass.id)
    shared = services.students.add_guardian(anna.id, "Mette")
    services.students.link_guardian(bo.id, shared.id)
    own = services.students.add_guardian(anna.id, "Jens")
    services.students.remove_guardian(anna.id, shared.id)
    # Still Bo's guardian, so kept.
    assert [g.id for g in services.students.guardians(anna.id)] == [own.id]
    assert [g.id for g in services.students.guardians(bo.id)] == [shared.id]
    services.students.remove_guardian(anna.id, own.id)
    assert services.students.guardians(anna.id) == []
    with services.db.reading() as s:
        assert s.get(Guardian, own.id) is None
        assert s.get(Guardian, shared.id) is not None


def _fill(services, student_id: int, guardian_id: int, teacher_id: int) -> int:  # type: ignore[no-untyped-def]
    conv = services.conversations.plan(
        student_id, Planning(starts_at=dt.datetime(2026, 11, 20, 14, 0), teacher_ids=(teacher_id,))
    )
    services.conversations.set_section(conv.id, "summary", "Det går godt.")
    services.conversations.add_agreement(conv.id, "Læse 20 minutter", Responsible.HOME)
    services.focus.add(student_id, 2026, FocusArea.DANISH, "Læse mere")
    services.focus.record_presentation(
        student_id, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=conv.id
    )
    services.contacts.add(
        student_id,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        guardian_id=guardian_id,
    )
    return int(conv.id)


def test_delete_removes_everything_about_the_pupil(services, klass) -> None:  # type: ignore[no-untyped-def]
    teacher = services.school.add_teacher("Anne Holm", "AH")
    anna = services.students.add("Anna", "Hansen", klass.id)
    bo = services.students.add("Bo", "Hansen", klass.id)
    shared = services.students.add_guardian(anna.id, "Mette Hansen")
    services.students.link_guardian(bo.id, shared.id)
    own = services.students.add_guardian(anna.id, "Jens Hansen")
    _fill(services, anna.id, shared.id, teacher.id)
    bo_conversation = _fill(services, bo.id, shared.id, teacher.id)

    services.students.delete(anna.id)

    with services.db.reading() as s:
        assert s.get(Student, anna.id) is None
        assert s.get(Guardian, own.id) is None
        assert s.get(Guardian, shared.id) is not None
        for model in (Conversation, FocusPoint, FocusPresentation, ContactEntry, Enrolment):
            assert s.scalar(select(func.count()).where(model.student_id == anna.id)) == 0
    # Only Bo's records are left.
    assert count(services, Conversation) == 1
    assert count(services, ConversationSection) == 2 + 1  # prep, agenda, summary of Bo's
    assert count(services, ConversationTeacher) == 1
    assert count(services, ConversationGuardian) == 1
    assert count(services, Agreement) == 1
    assert count(services, FocusPoint) == 1
    assert count(services, FocusPresentation) == 1
    assert count(services, ContactEntry) == 1
    assert count(services, Enrolment) == 1
    assert count(services, StudentGuardian) == 1
    assert count(services, Guardian) == 1
    assert services.conversations.get(bo_conversation).guardians == ((shared.id, "Mette Hansen"),)
    assert services.students.guardians(bo.id)[0].other_children == ()
    assert services.students.siblings(bo.id) == []
    assert services.classes.get(klass.id).student_count == 1
    with pytest.raises(NotFoundError):
        services.students.get(anna.id)


def test_delete_unknown(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.students.delete(3)
