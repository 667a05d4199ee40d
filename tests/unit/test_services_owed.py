"""What is still owed this school year: the ordinary conversation, focus points, overdue items."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    ConversationKind,
    FocusArea,
    PresentationVia,
    Responsible,
    StartedBy,
)
from skolehjem_desktop.errors import NotFoundError
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.owed import OrdinaryState, OwedRow

D, M, A = FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND
HELD_AT = dt.datetime(2026, 11, 10, 14, 0)


def by_name(rows: list[OwedRow]) -> dict[str, OwedRow]:
    return {r.first_name: r for r in rows}


def conversation(services, student_id, starts_at, kind=ConversationKind.ORDINARY):  # type: ignore[no-untyped-def]
    return services.conversations.plan(
        student_id, Planning(starts_at=starts_at, kind=kind, teacher_ids=(1,))
    )


@pytest.fixture(autouse=True)
def _contact_teacher(services) -> None:  # type: ignore[no-untyped-def]
    services.school.add_teacher("Anne Holm", "AH", is_user=True)  # id 1


@pytest.fixture
def klass(services):  # type: ignore[no-untyped-def]
    c = services.classes.create("5.A", 2026)
    names = ["Held", "Planned", "Cancelled", "Lastyear", "Asneeded", "Nothing", "Left"]
    ids = {n: services.students.add(n, "Elev", c.id).id for n in names}
    for name, sid in ids.items():
        services.students.add_guardian(sid, f"Forælder til {name}")
    s = services.conversations

    s.mark_held(conversation(services, ids["Held"], HELD_AT).id)
    conversation(services, ids["Planned"], dt.datetime(2026, 12, 2, 15, 0))
    s.mark_cancelled(conversation(services, ids["Cancelled"], dt.datetime(2026, 11, 5, 9)).id)
    s.mark_held(conversation(services, ids["Lastyear"], dt.datetime(2026, 7, 31, 12, 0)).id)
    s.mark_held(
        conversation(
            services, ids["Asneeded"], dt.datetime(2026, 10, 1, 8), ConversationKind.AS_NEEDED
        ).id
    )
    s.mark_held(conversation(services, ids["Left"], HELD_AT).id)
    services.students.mark_left(ids["Left"], dt.date(2026, 11, 15))
    return c, ids


def test_ordinary_conversation_states(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    rows = services.owed.for_class(c.id)
    owed = by_name(rows)
    assert set(owed) == {"Held", "Planned", "Cancelled", "Lastyear", "Asneeded", "Nothing"}
    assert owed["Held"].ordinary is OrdinaryState.HELD
    assert owed["Held"].ordinary_at == HELD_AT
    assert owed["Planned"].ordinary is OrdinaryState.PLANNED
    assert owed["Planned"].ordinary_at == dt.datetime(2026, 12, 2, 15, 0)
    for name in ("Cancelled", "Lastyear", "Asneeded", "Nothing"):
        assert owed[name].ordinary is OrdinaryState.MISSING, name
        assert owed[name].ordinary_at is None
    row = owed["Held"]
    assert (row.student_id, row.class_id, row.class_name, row.school_year) == (
        ids["Held"],
        c.id,
        "5.A",
        2026,
    )
    assert row.full_name == "Held Elev"
    # Sorted by name within the class.
    assert [r.first_name for r in rows] == sorted(owed)


def test_held_beats_planned_latest_held_and_earliest_planned(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    later_plan = conversation(services, ids["Planned"], dt.datetime(2027, 3, 1, 15, 0))
    assert later_plan.id
    earlier_held = conversation(services, ids["Held"], dt.datetime(2026, 9, 1, 15, 0))
    services.conversations.mark_held(earlier_held.id)
    conversation(services, ids["Held"], dt.datetime(2027, 2, 1, 15, 0))  # planned, later
    owed = by_name(services.owed.for_class(c.id))
    assert owed["Planned"].ordinary_at == dt.datetime(2026, 12, 2, 15, 0)
    assert owed["Held"].ordinary is OrdinaryState.HELD
    assert owed["Held"].ordinary_at == HELD_AT


def test_rescheduled_cancelled_conversation_counts_as_planned(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    cancelled = services.conversations.all(student_id=ids["Cancelled"])[0]
    services.conversations.reschedule(cancelled.id, dt.datetime(2026, 12, 10, 14, 0))
    owed = by_name(services.owed.for_class(c.id))
    assert owed["Cancelled"].ordinary is OrdinaryState.PLANNED


def test_missing_areas_and_presentation(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    for area in (D, M, A):
        services.focus.add(ids["Held"], 2026, area, "Mål")
    services.focus.add(ids["Planned"], 2026, D, "Mål")
    services.focus.add(ids["Planned"], 2025, M, "Sidste år tæller ikke")
    services.focus.record_presentation(ids["Held"], dt.date(2026, 9, 1), PresentationVia.AULA)
    services.focus.record_presentation(ids["Held"], dt.date(2026, 11, 20), PresentationVia.AULA)
    services.focus.record_presentation(
        ids["Planned"], dt.date(2026, 6, 1), PresentationVia.AULA
    )  # 2025/26
    owed = by_name(services.owed.for_class(c.id))
    assert owed["Held"].required_areas == (D, M, A)
    assert owed["Held"].missing_areas == ()
    assert owed["Held"].presented_on == dt.date(2026, 11, 20)
    assert owed["Planned"].missing_areas == (M, A)
    assert owed["Planned"].presented_on is None
    assert owed["Nothing"].missing_areas == (D, M, A)


@pytest.mark.parametrize(
    ("name", "required"),
    [
        ("0.A", (FocusArea.LANGUAGE_AWARENESS, FocusArea.MATHS_AWARENESS, A)),
        ("3.B", (D, M, A)),
        ("8.C", (D, M, A, FocusArea.FURTHER_EDUCATION)),
        ("10.X", (D, M, A)),
        ("Spirekassen", (D, M, A)),
    ],
)
def test_missing_areas_per_grade(services, name, required) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create(name, 2026)
    pupil = services.students.add("Mia", "Holm", c.id).id
    services.focus.add(pupil, 2026, A, "Lege med andre")
    services.focus.add(pupil, 2026, FocusArea.OTHER_SUBJECT, "Svømme", subject="Idræt")
    (row,) = services.owed.for_class(c.id)
    assert row.required_areas == required
    assert row.missing_areas == tuple(a for a in required if a is not A)


def test_overdue_agreements_counted_with_the_clock(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    conv = services.conversations.all(student_id=ids["Held"])[0]
    s = services.conversations
    overdue = s.add_agreement(conv.id, "Forfalden", Responsible.HOME, dt.date(2026, 11, 20))
    s.add_agreement(conv.id, "I dag", Responsible.SCHOOL, dt.date(2026, 11, 23))
    s.add_agreement(conv.id, "Senere", Responsible.PUPIL, dt.date(2026, 12, 1))
    s.add_agreement(conv.id, "Uden dato", Responsible.HOME)
    done = s.add_agreement(conv.id, "Gjort", Responsible.HOME, dt.date(2026, 11, 1))
    s.update_agreement(done.id, done=True)
    owed = by_name(services.owed.for_class(c.id))
    assert owed["Held"].agreements_overdue == 1
    assert owed["Planned"].agreements_overdue == 0

    s.update_agreement(overdue.id, done=True)
    assert by_name(services.owed.for_class(c.id))["Held"].agreements_overdue == 0

    clock.now = dt.datetime(2026, 11, 24, 8, 0)  # "I dag" is now past due
    assert by_name(services.owed.for_class(c.id))["Held"].agreements_overdue == 1
    clock.now = dt.datetime(2026, 12, 2, 8, 0)
    assert by_name(services.owed.for_class(c.id))["Held"].agreements_overdue == 2


def test_overdue_replies_counted_with_the_clock(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    add = services.contacts.add
    late = add(
        ids["Held"],
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 11, 19, 14, 0),
    )  # Thursday afternoon: due Friday 20th
    fresh = add(ids["Held"], channel=ContactChannel.AULA, started_by=StartedBy.PARENT)  # 24th
    add(
        ids["Held"],
        channel=ContactChannel.PHONE,
        started_by=StartedBy.SCHOOL,
        occurred_at=dt.datetime(2026, 11, 2, 9, 0),
    )  # no reply due
    assert by_name(services.owed.for_class(c.id))["Held"].replies_overdue == 1
    services.contacts.mark_done(late.id)
    assert by_name(services.owed.for_class(c.id))["Held"].replies_overdue == 0
    clock.now = dt.datetime(2026, 11, 25, 9, 0)
    assert by_name(services.owed.for_class(c.id))["Held"].replies_overdue == 1
    services.contacts.mark_done(fresh.id)
    assert by_name(services.owed.for_class(c.id))["Held"].replies_overdue == 0


def test_complete(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    pupil = ids["Held"]
    assert not by_name(services.owed.for_class(c.id))["Held"].complete
    for area in (D, M, A):
        services.focus.add(pupil, 2026, area, "Mål")
    assert not by_name(services.owed.for_class(c.id))["Held"].complete  # not presented
    services.focus.record_presentation(pupil, dt.date(2026, 11, 10), PresentationVia.CONVERSATION)
    assert by_name(services.owed.for_class(c.id))["Held"].complete
    contact = services.contacts.add(
        pupil,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 11, 12, 9, 0),
    )
    assert not by_name(services.owed.for_class(c.id))["Held"].complete
    services.contacts.mark_done(contact.id)
    assert by_name(services.owed.for_class(c.id))["Held"].complete
    conv = services.conversations.all(student_id=pupil)[0]
    services.conversations.add_agreement(conv.id, "x", Responsible.HOME, dt.date(2026, 11, 11))
    assert not by_name(services.owed.for_class(c.id))["Held"].complete
    # Everyone else owes something.
    assert [r.first_name for r in services.owed.for_class(c.id) if r.complete] == []


def test_complete_needs_a_held_conversation(services) -> None:  # type: ignore[no-untyped-def]
    c = services.classes.create("5.B", 2026)
    pupil = services.students.add("Mia", "Holm", c.id).id
    for area in (D, M, A):
        services.focus.add(pupil, 2026, area, "Mål")
    services.focus.record_presentation(pupil, dt.date(2026, 11, 10), PresentationVia.AULA)
    conversation(services, pupil, dt.datetime(2026, 12, 1, 14, 0))
    (row,) = services.owed.for_class(c.id)
    assert row.ordinary is OrdinaryState.PLANNED
    assert not row.complete


def test_left_pupils_are_not_owed_anything(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, ids = klass
    assert ids["Left"] not in {r.student_id for r in services.owed.for_class(c.id)}
    services.students.mark_returned(ids["Left"])
    assert ids["Left"] in {r.student_id for r in services.owed.for_class(c.id)}


def test_for_school_year_covers_all_classes(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, _ = klass
    other = services.classes.create("6.B", 2026)
    services.students.add("Zofia", "Nowak", other.id)
    archived = services.classes.create("7.C", 2026)
    services.students.add("Gone", "Class", archived.id)
    services.classes.archive(archived.id)
    old = services.classes.create("4.A", 2025)
    services.students.add("Eskil", "Old", old.id)
    empty = services.classes.create("9.Z", 2026)
    assert empty.id

    rows = services.owed.for_school_year()
    assert {r.class_name for r in rows} == {"5.A", "6.B"}
    assert len(rows) == len(services.owed.for_class(c.id)) + 1
    assert {r.school_year for r in rows} == {2026}
    assert [r.first_name for r in services.owed.for_school_year(2025)] == ["Eskil"]
    assert services.owed.for_school_year(2030) == []


def test_previous_year_class_uses_its_own_year(services) -> None:  # type: ignore[no-untyped-def]
    old = services.classes.create("4.A", 2025)
    pupil = services.students.add("Eskil", "Old", old.id).id
    services.students.add_guardian(pupil, "Lis Old")
    services.conversations.mark_held(conversation(services, pupil, dt.datetime(2026, 3, 1, 9)).id)
    services.focus.add(pupil, 2025, D, "Læse")
    (row,) = services.owed.for_class(old.id)
    assert row.ordinary is OrdinaryState.HELD
    assert row.missing_areas == (M, A)


def test_unknown_or_empty_class(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.owed.for_class(999)
    empty = services.classes.create("1.A", 2026)
    assert services.owed.for_class(empty.id) == []


def test_for_student_gives_one_pupils_row_even_after_leaving(services) -> None:  # type: ignore[no-untyped-def]
    school_class = services.classes.create("3.A", 2026)
    pupil = services.students.add("Ida", "Holm", school_class.id)
    row = services.owed.for_student(pupil.id, 2026)
    assert row is not None
    assert row.student_id == pupil.id
    assert row.ordinary.value == "missing"
    services.students.mark_left(pupil.id)
    assert services.owed.for_student(pupil.id, 2026) is not None
    assert services.owed.for_student(pupil.id, 2025) is None
