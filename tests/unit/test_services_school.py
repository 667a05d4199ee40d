"""The school's settings and its teachers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.store.models import Setting, Teacher


def test_school_name_is_empty_until_set(services) -> None:  # type: ignore[no-untyped-def]
    assert services.school.school_name() == ""
    services.school.set_school_name("  Den lille Skole  ")
    assert services.school.school_name() == "Den lille Skole"
    services.school.set_school_name("Skolen ved Søen")
    assert services.school.school_name() == "Skolen ved Søen"
    with services.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Setting)) == 1


def test_school_name_too_long_is_refused_and_unchanged(services) -> None:  # type: ignore[no-untyped-def]
    services.school.set_school_name("Den lille Skole")
    with pytest.raises(ValidationError, match="too long"):
        services.school.set_school_name("x" * 201)
    assert services.school.school_name() == "Den lille Skole"


def test_settings_default_and_overwrite(services) -> None:  # type: ignore[no-untyped-def]
    assert services.school.setting("template", "standard") == "standard"
    services.school.set_setting("template", "a")
    services.school.set_setting("template", "b")
    assert services.school.setting("template", "standard") == "b"


def test_add_teacher(services) -> None:  # type: ignore[no-untyped-def]
    t = services.school.add_teacher("  Mette Hansen ", "mh", "mette@skole.dk")
    assert t.name == "Mette Hansen"
    assert t.initials == "MH"
    assert t.email == "mette@skole.dk"
    assert t.is_user is False
    assert services.school.teachers() == [t]
    assert services.school.user() is None


def test_teachers_sorted_by_name(services) -> None:  # type: ignore[no-untyped-def]
    services.school.add_teacher("Søren Berg", "SB")
    services.school.add_teacher("Anne Holm", "AH")
    assert [t.initials for t in services.school.teachers()] == ["AH", "SB"]


def test_initials_are_unique_in_any_case(services) -> None:  # type: ignore[no-untyped-def]
    services.school.add_teacher("Mette Hansen", "MH")
    with pytest.raises(ValidationError, match="MH already exists"):
        services.school.add_teacher("Mads Holm", "mh")
    assert len(services.school.teachers()) == 1


@pytest.mark.parametrize(
    ("name", "initials", "email", "message"),
    [
        ("", "AB", None, "Name must be filled in"),
        ("Anne", "  ", None, "Initials must be filled in"),
        ("Anne", "ABCDEFGHI", None, "too long"),
        ("A" * 101, "AB", None, "too long"),
        ("Anne", "AB", "not-an-address", "not an e-mail address"),
    ],
)
def test_add_teacher_refuses_bad_input(services, name, initials, email, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        services.school.add_teacher(name, initials, email)
    assert services.school.teachers() == []


def test_only_one_user_teacher(services) -> None:  # type: ignore[no-untyped-def]
    a = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    assert services.school.user() == a
    b = services.school.add_teacher("Bo Berg", "BB", is_user=True)
    user = services.school.user()
    assert user is not None
    assert user.id == b.id
    flags = {t.initials: t.is_user for t in services.school.teachers()}
    assert flags == {"AH": False, "BB": True}


def test_set_user_moves_the_flag(services) -> None:  # type: ignore[no-untyped-def]
    a = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    b = services.school.add_teacher("Bo Berg", "BB")
    services.school.set_user(b.id)
    user = services.school.user()
    assert user is not None
    assert user.id == b.id
    services.school.set_user(a.id)
    assert services.school.user().id == a.id  # type: ignore[union-attr]
    with services.db.reading() as s:
        assert s.scalar(select(func.count()).where(Teacher.is_user)) == 1


def test_set_user_unknown_teacher_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    a = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    with pytest.raises(NotFoundError):
        services.school.set_user(a.id + 100)
    assert services.school.user() == a
