"""Service functions the pupil, guardian, class and settings dialogs rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import ContactChannel, FocusArea, Responsible, StartedBy
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.school import check_logo
from skolehjem_desktop.services.students import parse_birth_date

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


# --- deletion summary -------------------------------------------------------------------


def test_deletion_summary_counts_what_goes_with_the_pupil(services) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    soren = services.students.add("Søren", "Ærø", klass.id)
    ida = services.students.add("Ida", "Ærø", klass.id)
    shared = services.students.add_guardian(soren.id, "Mette Ærø")
    services.students.link_guardian(ida.id, shared.id)
    services.students.add_guardian(soren.id, "Jørgen Ærø")
    talk = services.conversations.plan(soren.id, Planning(dt.datetime(2026, 11, 20, 8, 0)))
    services.conversations.add_agreement(talk.id, "Læser 20 minutter hver dag", Responsible.HOME)
    services.conversations.plan(soren.id, Planning(dt.datetime(2026, 12, 1, 8, 0)))
    services.focus.add(soren.id, 2026, FocusArea.DANISH, "Læse mere")
    services.contacts.add(soren.id, channel=ContactChannel.PHONE, started_by=StartedBy.PARENT)
    services.contacts.add(ida.id, channel=ContactChannel.PHONE, started_by=StartedBy.PARENT)

    summary = services.students.deletion_summary(soren.id)

    assert summary.full_name == "Søren Ærø"
    assert (summary.conversations, summary.agreements) == (2, 1)
    assert (summary.focus_points, summary.presentations, summary.contacts) == (1, 0, 1)
    assert summary.guardians_deleted == ("Jørgen Ærø",)
    assert summary.guardians_kept == ("Mette Ærø",)
    # The summary is what delete() really does.
    services.students.delete(soren.id)
    assert [g.name for g in services.students.guardians(ida.id)] == ["Mette Ærø"]
    assert len(services.contacts.all(ida.id)) == 1


def test_deletion_summary_of_a_pupil_with_nothing(services) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    emil = services.students.add("Emil", "", klass.id)
    summary = services.students.deletion_summary(emil.id)
    assert summary.full_name == "Emil"
    assert summary.conversations == summary.focus_points == summary.contacts == 0
    assert summary.guardians_deleted == summary.guardians_kept == ()


# --- guardian candidates ----------------------------------------------------------------


def test_guardian_candidates_are_other_pupils_guardians_family_first(services) -> None:  # type: ignore[no-untyped-def]
    a = services.classes.create("3.B", 2025)
    a_now = services.classes.promote(a.id)
    b = services.classes.create("5.A", 2026)
    soren = services.students.add("Søren", "Hansen", b.id)
    ida = services.students.add("Ida", "Hansen", a.id)  # moved on to 4.B with her class
    services.students.move(ida.id, a_now.id)
    anne = services.students.add("Anne", "Berg", b.id)
    mine = services.students.add_guardian(soren.id, "Mette Hansen")
    lone = services.students.add_guardian(ida.id, "Lone Hansen", email="lone@example.dk")
    services.students.link_guardian(ida.id, mine.id)
    bo = services.students.add_guardian(anne.id, "Bo Andersen")

    found = services.students.guardian_candidates(soren.id)

    assert [c.id for c in found] == [lone.id, bo.id]  # Hansen first, Mette is his already
    assert found[0].children == ("Ida Hansen (4.B)",)
    assert found[0].email == "lone@example.dk"
    assert "lone hansen" in found[0].search_text
    assert "ida hansen" in found[0].search_text
    assert found[1].children == ("Anne Berg (5.A)",)


# --- birth dates typed by the teacher ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("05-03-2016", dt.date(2016, 3, 5)),
        ("5.3.2016", dt.date(2016, 3, 5)),
        ("05/03/2016", dt.date(2016, 3, 5)),
        ("2016-03-05", dt.date(2016, 3, 5)),
    ],
)
def test_parse_birth_date(text, expected) -> None:  # type: ignore[no-untyped-def]
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-2016", "The date 31-02-2016 does not exist."),
        ("next tuesday", "next tuesday is not a date. Write dates as dd-mm-yyyy"),
        ("140315-4817", "CPR number"),
    ],
)
def test_parse_birth_date_says_why_it_is_not_a_date(text, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        parse_birth_date(text)


# --- moving classes on ------------------------------------------------------------------


def test_promotion_proposals(services) -> None:  # type: ignore[no-untyped-def]
    five = services.classes.create("5.A", 2026)
    nine = services.classes.create("9.B", 2026)
    spire = services.classes.create("Spirekassen", 2026)
    tenth = services.classes.create("10.X", 2026)
    archived = services.classes.create("4.C", 2026)
    services.classes.archive(archived.id)

    found = {p.school_class.id: p for p in services.classes.promotion_proposals(2026)}

    assert set(found) == {five.id, nine.id, spire.id, tenth.id}
    assert (found[five.id].proposed_name, found[five.id].suggested) == ("6.A", True)
    assert (found[nine.id].proposed_name, found[nine.id].suggested) == ("10.B", False)
    assert (found[spire.id].proposed_name, found[spire.id].suggested) == (None, False)
    assert (found[tenth.id].proposed_name, found[tenth.id].suggested) == (None, False)
    assert all(p.promoted_as is None for p in found.values())

    services.classes.promote(five.id)
    again = {p.school_class.id: p for p in services.classes.promotion_proposals(2026)}
    assert again[five.id].promoted_as == "6.A"
    assert again[five.id].suggested is False
    order = [p.school_class.name for p in services.classes.promotion_proposals(2026)]
    assert order == ["5.A", "9.B", "10.X", "Spirekassen"]


# --- the user teacher and settings ------------------------------------------------------


def test_update_teacher(services) -> None:  # type: ignore[no-untyped-def]
    t = services.school.add_teacher("Mette Hansen", "MH", "mh@skole.dk")
    services.school.add_teacher("Ole Berg", "OB")
    changed = services.school.update_teacher(t.id, name=" Mette Kjær ", initials="mkh")
    assert (changed.name, changed.initials, changed.email) == ("Mette Kjær", "MKH", "mh@skole.dk")
    assert services.school.update_teacher(t.id, email="").email is None
    with pytest.raises(ValidationError, match="OB already exists"):
        services.school.update_teacher(t.id, initials="ob")
    with pytest.raises(ValidationError, match="must be filled in"):
        services.school.update_teacher(t.id, name=" ")
    assert services.school.teachers()[0].initials == "MKH"


def test_save_user_creates_then_updates(services) -> None:  # type: ignore[no-untyped-def]
    assert services.school.user() is None
    me = services.school.save_user("Mette Kjær", "mkh")
    assert me.is_user and me.initials == "MKH"
    again = services.school.save_user("Mette Kjær Hansen", "MKH")
    assert again.id == me.id
    assert services.school.user() == again
    assert again.name == "Mette Kjær Hansen"
    assert len(services.school.teachers()) == 1


def test_save_user_takes_over_a_stored_teacher_with_those_initials(services) -> None:  # type: ignore[no-untyped-def]
    stored = services.school.add_teacher("M. Kjær", "MKH")
    me = services.school.save_user("Mette Kjær", "mkh")
    assert me.id == stored.id
    assert me.is_user and me.name == "Mette Kjær"
    assert len(services.school.teachers()) == 1


def test_save_user_refuses_an_empty_name_and_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    services.school.add_teacher("M. Kjær", "MKH")
    with pytest.raises(ValidationError):
        services.school.save_user("", "MKH")
    assert services.school.user() is None


def test_check_logo() -> None:
    assert check_logo(PNG) == PNG
    assert check_logo(b"\xff\xd8\xff\xe0rest") == b"\xff\xd8\xff\xe0rest"
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        check_logo(b"GIF89a")
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        check_logo(PNG + b"\0" * 1_000_000)


def test_default_preparation_questions(services) -> None:  # type: ignore[no-untyped-def]
    defaults = services.school.default_preparation_questions()
    assert len(defaults) == 5
    assert services.school.preparation_questions() == defaults
    assert not services.school.has_own_preparation_questions()
    services.school.set_preparation_questions(["Hvordan går det?"])
    assert services.school.has_own_preparation_questions()
    services.school.set_preparation_questions([])
    assert not services.school.has_own_preparation_questions()
