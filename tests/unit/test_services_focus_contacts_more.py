"""What the message book and contact log widgets ask of the services beyond the basics."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, StartedBy
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.contacts import default_reply_due

D, M, A = FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND


@pytest.fixture
def anna(services) -> int:  # type: ignore[no-untyped-def]
    klass = services.classes.create("4.A", 2026)
    return int(services.students.add("Anna", "Hansen", klass.id).id)


def test_carry_forward_candidates_are_last_years_open_points(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    m = services.focus.add(anna, 2025, M, "Tabeller", status=FocusStatus.IN_PROGRESS)
    d = services.focus.add(anna, 2025, D, "Læse")
    services.focus.add(anna, 2025, A, "Færdig", status=FocusStatus.ACHIEVED)
    services.focus.add(anna, 2025, A, "Droppet", status=FocusStatus.DISCONTINUED)
    services.focus.add(anna, 2024, D, "For længe siden")

    # In area order (Danish before maths), open ones only, from the year before.
    assert [p.id for p in services.focus.carry_forward_candidates(anna, 2026)] == [d.id, m.id]
    # Asking changes nothing.
    assert services.focus.all(anna, 2026) == []


def test_carried_points_are_no_longer_candidates(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(anna, 2025, D, "Læse")
    carried = services.focus.carry_forward(anna, 2026)
    assert len(carried) == 1
    assert services.focus.carry_forward_candidates(anna, 2026) == []
    # A new open point last year becomes a candidate; the one carried does not come back.
    late = services.focus.add(anna, 2025, M, "Brøker")
    assert [p.id for p in services.focus.carry_forward_candidates(anna, 2026)] == [late.id]
    assert [p.goal for p in services.focus.carry_forward(anna, 2026)] == ["Brøker"]


def test_carry_forward_candidates_check_their_input(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.focus.carry_forward_candidates(999, 2026)
    with pytest.raises(ValidationError):
        services.focus.carry_forward_candidates(anna, 1999)


@pytest.mark.parametrize(
    ("when", "due"),
    [
        (dt.datetime(2026, 11, 20, 15, 30), dt.date(2026, 11, 23)),  # Friday -> Monday
        (dt.datetime(2026, 11, 21, 9, 0), dt.date(2026, 11, 23)),  # Saturday -> Monday
        (dt.datetime(2026, 11, 23, 23, 59), dt.date(2026, 11, 24)),  # Monday -> Tuesday
        (dt.datetime(2027, 3, 24, 12, 0), dt.date(2027, 3, 30)),  # before Easter -> Tuesday
        (dt.datetime(2026, 12, 23, 8, 0), dt.date(2026, 12, 28)),  # Christmas
    ],
)
def test_default_reply_due_for_a_parent_is_the_next_working_day(
    when: dt.datetime, due: dt.date
) -> None:
    assert default_reply_due(when, StartedBy.PARENT) == due


def test_default_reply_due_when_the_school_started_it_is_none() -> None:
    assert default_reply_due(dt.datetime(2026, 11, 20, 15, 30), StartedBy.SCHOOL) is None


def test_a_contact_stored_with_no_reply_due_keeps_none(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.domain.enums import ContactChannel

    info = services.contacts.add(
        anna, channel=ContactChannel.PHONE, started_by=StartedBy.PARENT, reply_due_on=None
    )
    assert info.reply_due is None
    changed = services.contacts.update(info.id, reply_due_on=dt.date(2026, 11, 25))
    assert changed.reply_due == dt.date(2026, 11, 25)
    assert services.contacts.update(info.id, reply_due_on=None).reply_due is None
