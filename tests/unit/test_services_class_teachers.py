"""Who a class's teachers are: the user becomes the contact teacher of the classes they
make or import, and editing a class changes its name, grade and contact teachers at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.classes import NewClass
from skolehjem_desktop.services.school import NewTeacher

IMPORTS = Path(__file__).parent.parent / "resources" / "import"


def test_a_class_the_user_creates_has_them_as_contact_teacher(services) -> None:  # type: ignore[no-untyped-def]
    me = services.school.save_user("Mette Kjær", "MK")
    klass = services.classes.create("5.A", 2026)
    assert klass.contact_teachers == ("MK",)
    assert klass.is_mine
    [teacher] = services.classes.teachers(klass.id)
    assert (teacher.id, teacher.is_user, teacher.is_contact_teacher) == (me.id, True, True)


def test_it_can_be_changed_afterwards_and_an_explicit_choice_is_kept(services) -> None:  # type: ignore[no-untyped-def]
    services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    assert services.classes.create("5.B", 2026, contact_teacher_ids=()).contact_teachers == ()
    klass = services.classes.create("5.A", 2026)
    services.classes.set_contact_teachers(klass.id, (ole.id,))
    info = services.classes.get(klass.id)
    assert (info.contact_teachers, info.is_mine) == (("OB",), False)


def test_without_a_user_a_new_class_has_no_contact_teacher(services) -> None:  # type: ignore[no-untyped-def]
    assert services.classes.create("5.A", 2026).contact_teachers == ()


def test_an_imported_list_makes_the_user_contact_teacher_of_the_new_class(  # type: ignore[no-untyped-def]
    services, tmp_path: Path
) -> None:
    services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    other = services.classes.create("5.B", 2026, contact_teacher_ids=(ole.id,))
    path = Path(shutil.copy(IMPORTS / "klasse_5a_semikolon_cp1252.csv", tmp_path / "5a.csv"))
    services.import_class_list(path, class_name="5.A", school_year=2026)
    made = services.classes.find("5.A", 2026)
    assert (made.contact_teachers, made.is_mine) == (("MK",), True)
    # A class that was there already keeps its own teachers.
    assert services.classes.get(other.id).contact_teachers == ("OB",)


def test_editing_a_class_changes_name_grade_and_contact_teachers(services) -> None:  # type: ignore[no-untyped-def]
    me = services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(ole.id,))
    info = services.classes.edit(
        klass.id, "Spirerne", None, (me.id,), (NewTeacher("Åse Lind", "al"),)
    )
    assert (info.name, info.grade, info.contact_teachers, info.is_mine) == (
        "Spirerne",
        None,
        ("AL", "MK"),
        True,
    )
    assert [t.name for t in services.classes.teachers(klass.id)] == ["Mette Kjær", "Åse Lind"]
    assert services.classes.edit(klass.id, "Spirerne", 3, (me.id,)).grade == 3


def test_editing_keeps_the_teachers_who_only_teach_the_class(services, db) -> None:  # type: ignore[no-untyped-def]
    me = services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    with db.transaction() as s:
        [class_id] = services.classes.create_many_in(
            s, [NewClass("7.B", 2026, contact_teacher_ids=(ole.id,), other_teacher_ids=(me.id,))]
        )
    services.classes.edit(class_id, "7.B", 7, (ole.id,))
    roles = [(t.initials, t.is_contact_teacher) for t in services.classes.teachers(class_id)]
    assert roles == [("OB", True), ("MK", False)]
    services.classes.set_contact_teachers(class_id, (me.id,))
    roles = [(t.initials, t.is_contact_teacher) for t in services.classes.teachers(class_id)]
    assert roles == [("MK", True)]


@pytest.mark.parametrize(
    "case",
    [
        ("", 5, "me", (), ValidationError),
        ("5.B", 5, "me", (), ValidationError),  # another class's name
        ("5.A", 11, "me", (), ValidationError),
        ("5.A", 5, "unknown", (), NotFoundError),
        ("5.A", 5, "me", (NewTeacher("Mette Anden", "mk"),), ValidationError),  # initials taken
        ("5.A", 5, "me", (NewTeacher(" ", "XY"),), ValidationError),
    ],
)
def test_editing_with_bad_input_changes_nothing(services, case) -> None:  # type: ignore[no-untyped-def]
    name, grade, teachers, new, error = case
    me = services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    services.classes.create("5.B", 2026)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(ole.id,))
    ids = (me.id,) if teachers == "me" else (999,)
    with pytest.raises(error):
        services.classes.edit(klass.id, name, grade, ids, new)
    info = services.classes.get(klass.id)
    assert (info.name, info.grade, info.contact_teachers) == ("5.A", 5, ("OB",))
    assert [t.initials for t in services.school.teachers()] == ["MK", "OB"]
