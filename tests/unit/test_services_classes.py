"""Classes: create, rename, archive, find, list and promote to the next school year."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.classes import next_class_name


def test_create_reads_grade_from_name_in_current_year(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("5.A")
    assert c.name == "5.A"
    assert c.school_year == 2026  # the clock says November 2026
    assert c.year_label == "2026/27"
    assert c.grade == 5
    assert c.archived is False
    assert c.student_count == 0
    assert c.contact_teachers == ()
    assert c.is_mine is False
    assert services.classes.create("0.B").grade == 0
    assert services.classes.create("10.X").grade == 10
    assert services.classes.create("Spirekassen").grade is None
    assert services.classes.create("Bh.kl. C").grade == 0


def test_create_with_explicit_grade_and_year(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("Spirekassen", 2027, grade=2)
    assert (c.school_year, c.grade) == (2027, 2)


def test_create_with_contact_teachers(services) -> None:  # type: ignore[no-untyped-def]
    a = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    b = services.school.add_teacher("Bo Berg", "BB")
    c = services.classes.create("5.A", contact_teacher_ids=(b.id, a.id))
    assert c.contact_teachers == ("AH", "BB")
    assert c.is_mine is True


def test_create_with_unknown_teacher_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.classes.create("5.A", contact_teacher_ids=(42,))
    assert services.classes.all() == []


def test_duplicate_name_refused_case_insensitively(services) -> None:  # type: ignore[no-untyped-def]
    services.classes.create("5.A", 2026)
    with pytest.raises(ValidationError, match=re.escape("already a class 5.a in 2026/27")):
        services.classes.create("5.a", 2026)
    with pytest.raises(ValidationError):
        services.classes.create(" 5.A ", 2026)
    assert len(services.classes.all(2026)) == 1
    # Another year is fine.
    assert services.classes.create("5.A", 2027).school_year == 2027


def test_duplicate_danish_name_refused_case_insensitively(services) -> None:  # type: ignore[no-untyped-def]
    # Danish class names use æ, ø, å: "Ørnene" and "ØRNENE" are the same class.
    services.classes.create("Ørnene", 2026)
    with pytest.raises(ValidationError):
        services.classes.create("ørnene", 2026)


def test_find_danish_name_in_any_case(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("Ålerne", 2026)
    assert services.classes.find("ålerne").id == c.id


@pytest.mark.parametrize("grade", [-1, 11, 99])
def test_grade_out_of_range_refused(services, grade: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="between 0 and 10"):
        services.classes.create("Spirekassen", grade=grade)
    assert services.classes.all() == []


@pytest.mark.parametrize("year", [1999, 2101])
def test_school_year_out_of_range_refused(services, year: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="is not a school year"):
        services.classes.create("5.A", year)


def test_name_too_long_or_empty_refused(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="too long: 33 characters, at most 32"):
        services.classes.create("5." + "A" * 31)
    with pytest.raises(ValidationError, match="must be filled in"):
        services.classes.create("   ")
    assert services.classes.all() == []
    assert services.classes.create("5." + "A" * 30).name == "5." + "A" * 30


def test_rename(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("5.A")
    renamed = services.classes.rename(c.id, "6.B")
    assert (renamed.id, renamed.name, renamed.grade) == (c.id, "6.B", 6)
    assert services.classes.get(c.id).name == "6.B"
    # Renaming to its own name in another case is not a clash with itself.
    assert services.classes.rename(c.id, "6.b").name == "6.b"


def test_rename_keeps_a_grade_the_name_does_not_carry(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("Spirekassen", grade=3)
    # A name with a grade sets the grade; a name without one keeps the grade the teacher set.
    assert services.classes.rename(c.id, "Spirerne").grade == 3
    assert services.classes.rename(c.id, "Spirerne", grade=4).grade == 4
    assert services.classes.rename(c.id, "5.S").grade == 5


def test_rename_onto_another_class_refused(services) -> None:  # type: ignore[no-untyped-def]
    services.classes.create("5.A")
    b = services.classes.create("5.B")
    with pytest.raises(ValidationError, match="already a class"):
        services.classes.rename(b.id, "5.a")
    assert services.classes.get(b.id).name == "5.B"


def test_rename_unknown_class(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.classes.rename(404, "5.A")


def test_archive_hides_from_all(services) -> None:  # type: ignore[no-untyped-def]
    a = services.classes.create("5.A")
    b = services.classes.create("5.B")
    services.classes.archive(a.id)
    assert [c.id for c in services.classes.all()] == [b.id]
    assert {c.id for c in services.classes.all(include_archived=True)} == {a.id, b.id}
    assert services.classes.get(a.id).archived is True
    services.classes.archive(a.id, archived=False)
    assert {c.id for c in services.classes.all()} == {a.id, b.id}


def test_find(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("5.A")
    services.classes.create("5.A", 2027)
    assert services.classes.find(" 5.a ").id == c.id
    assert services.classes.find("5.A", 2027).school_year == 2027
    with pytest.raises(NotFoundError, match=re.escape("no class 7.C in 2026/27")):
        services.classes.find("7.C")
    with pytest.raises(NotFoundError, match="2025/26"):
        services.classes.find("5.A", 2025)


def test_get_unknown(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match=r"(?i)class with id 77"):
        services.classes.get(77)


def test_all_by_year_and_sorted_with_the_users_classes_first(services) -> None:  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    other = services.school.add_teacher("Bo Berg", "BB")
    services.classes.create("3.A", contact_teacher_ids=(other.id,))
    services.classes.create("9.B", contact_teacher_ids=(me.id,))
    services.classes.create("1.A", contact_teacher_ids=())
    services.classes.create("7.A", contact_teacher_ids=(me.id,))
    services.classes.create("2.A", 2025)
    assert [c.name for c in services.classes.all(2026)] == ["7.A", "9.B", "1.A", "3.A"]
    # All years: the newest year first.
    assert [c.name for c in services.classes.all()] == ["7.A", "9.B", "1.A", "3.A", "2.A"]
    assert [c.name for c in services.classes.all(2025)] == ["2.A"]


def test_school_years(services) -> None:  # type: ignore[no-untyped-def]
    assert services.classes.school_years() == [2026]
    services.classes.create("5.A", 2024)
    services.classes.create("5.A", 2028)
    assert services.classes.school_years() == [2028, 2026, 2024]


def test_set_contact_teachers(services) -> None:  # type: ignore[no-untyped-def]
    a = services.school.add_teacher("Anne Holm", "AH")
    b = services.school.add_teacher("Bo Berg", "BB")
    c = services.classes.create("5.A", contact_teacher_ids=(a.id,))
    services.classes.set_contact_teachers(c.id, (b.id, a.id, b.id))
    assert services.classes.get(c.id).contact_teachers == ("AH", "BB")
    services.classes.set_contact_teachers(c.id, (b.id,))
    assert services.classes.get(c.id).contact_teachers == ("BB",)
    with pytest.raises(NotFoundError):
        services.classes.set_contact_teachers(c.id, (a.id, 999))
    assert services.classes.get(c.id).contact_teachers == ("BB",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("5.A", "6.A"),
        ("0.B", "1.B"),
        ("9.X", "10.X"),
        ("5a", "6a"),
        ("10.X", None),
        ("Spirekassen", None),
    ],
)
def test_next_class_name(name: str, expected: str | None) -> None:
    assert next_class_name(name) == expected


def test_promote_moves_pupils_teachers_and_keeps_history(services) -> None:  # type: ignore[no-untyped-def]
    a = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    b = services.school.add_teacher("Bo Berg", "BB")
    old = services.classes.create("5.A", 2026, contact_teacher_ids=(a.id, b.id))
    stays = services.students.add("Søren", "Kierkegaard", old.id)
    also = services.students.add("Ayşe", "Yılmaz", old.id)
    left = services.students.add("Łukasz", "Nowak", old.id)
    services.students.mark_left(left.id, dt.date(2026, 11, 1))

    new = services.classes.promote(old.id)
    assert new.name == "6.A"
    assert new.school_year == 2027
    assert new.grade == 6
    assert new.contact_teachers == ("AH", "BB")
    assert new.is_mine is True
    assert new.student_count == 2
    assert {r.id for r in services.students.all(class_id=new.id)} == {stays.id, also.id}

    # The old class is unchanged: the left pupil stays behind, the others too.
    assert {r.id for r in services.students.all(class_id=old.id)} == {stays.id, also.id, left.id}
    assert services.classes.get(old.id).student_count == 2

    detail = services.students.get(stays.id)
    assert detail.classes == ((2027, new.id, "6.A"), (2026, old.id, "5.A"))
    assert detail.class_in(2026) == (old.id, "5.A")
    assert detail.class_in(2027) == (new.id, "6.A")
    assert services.students.get(left.id).classes == ((2026, old.id, "5.A"),)


def test_promote_twice_refused(services) -> None:  # type: ignore[no-untyped-def]
    old = services.classes.create("5.A", 2026)
    services.classes.promote(old.id)
    with pytest.raises(ValidationError, match=re.escape("already a class 6.A in 2027/28")):
        services.classes.promote(old.id)


@pytest.mark.parametrize("name", ["10.X", "Spirekassen"])
def test_promote_without_a_grade_needs_a_new_name(services, name: str) -> None:  # type: ignore[no-untyped-def]
    old = services.classes.create(name, 2026)
    with pytest.raises(ValidationError, match="Give the new name"):
        services.classes.promote(old.id)
    assert services.classes.all(2027) == []


def test_promote_with_a_new_name(services) -> None:  # type: ignore[no-untyped-def]
    old = services.classes.create("Spirekassen", 2026, grade=3)
    new = services.classes.promote(old.id, "Spirerne")
    assert (new.name, new.school_year, new.grade) == ("Spirerne", 2027, 4)
    tenth = services.classes.create("10.X", 2026)
    grown = services.classes.promote(tenth.id, "Afgang")
    assert grown.grade == 10


def test_promote_unknown_class(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.classes.promote(999)
