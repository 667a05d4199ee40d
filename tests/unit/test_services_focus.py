"""The message book: focus points per area, carried forward, and presented to the parents."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, PresentationVia
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.focus import required_areas

D, M, A = FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND


@pytest.mark.parametrize(
    ("grade", "areas"),
    [
        (0, (FocusArea.LANGUAGE_AWARENESS, FocusArea.MATHS_AWARENESS, A)),
        (1, (D, M, A)),
        (3, (D, M, A)),
        (6, (D, M, A)),
        (7, (D, M, A, FocusArea.FURTHER_EDUCATION)),
        (8, (D, M, A, FocusArea.FURTHER_EDUCATION)),
        (9, (D, M, A, FocusArea.FURTHER_EDUCATION)),
        (10, (D, M, A)),
        (None, (D, M, A)),
    ],
)
def test_required_areas(grade: int | None, areas: tuple[FocusArea, ...]) -> None:
    assert required_areas(grade) == areas


@pytest.fixture
def anna(services) -> int:  # type: ignore[no-untyped-def]
    klass = services.classes.create("3.A", 2026)
    return int(services.students.add("Anna", "Hansen", klass.id).id)


def test_required_areas_for_pupil(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    assert services.focus.required_areas_for(anna, 2026) == (D, M, A)
    # No class in 2027/28 yet: no grade.
    assert services.focus.required_areas_for(anna, 2027) == (D, M, A)
    zero = services.classes.create("0.A", 2025)
    services.students.move(anna, zero.id)
    assert services.focus.required_areas_for(anna, 2025)[0] is FocusArea.LANGUAGE_AWARENESS
    with pytest.raises(NotFoundError):
        services.focus.required_areas_for(999, 2026)


def test_add_and_list_by_area_then_position(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    a1 = services.focus.add(anna, 2026, A, "Række hånden op")
    d1 = services.focus.add(anna, 2026, D, " Læse mere ", actions="Læsebånd")
    d2 = services.focus.add(anna, 2026, "danish", "Stave")
    m1 = services.focus.add(anna, 2026, M, "Brøker", status=FocusStatus.IN_PROGRESS)
    services.focus.add(anna, 2025, D, "Sidste år")
    assert d1.goal == "Læse mere"
    assert d1.actions == "Læsebånd"
    assert d1.status is FocusStatus.NOT_STARTED
    assert d1.is_open
    assert (d1.position, d2.position, a1.position) == (0, 1, 0)
    assert d1.carried_from_id is None
    assert [p.id for p in services.focus.all(anna, 2026)] == [d1.id, d2.id, m1.id, a1.id]


def test_other_subject_needs_a_subject(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Subject must be filled in"):
        services.focus.add(anna, 2026, FocusArea.OTHER_SUBJECT, "Svømning")
    with pytest.raises(ValidationError, match="Subject must be filled in"):
        services.focus.add(anna, 2026, FocusArea.OTHER_SUBJECT, "Svømning", subject="  ")
    assert services.focus.all(anna, 2026) == []
    p = services.focus.add(anna, 2026, FocusArea.OTHER_SUBJECT, "Svømning", subject="Idræt")
    assert p.subject == "Idræt"
    with pytest.raises(ValidationError):
        services.focus.update(p.id, subject="")
    assert services.focus.all(anna, 2026)[0].subject == "Idræt"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"goal": ""}, "must be filled in"),
        ({"goal": "x" * 20_001}, "too long"),
        ({"goal": "ok", "actions": "x" * 20_001}, "too long"),
        ({"goal": "ok", "school_year": 1999}, "not a school year"),
    ],
)
def test_add_refuses_bad_input(services, anna: int, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    year = kwargs.pop("school_year", 2026)
    with pytest.raises(ValidationError, match=message):
        services.focus.add(anna, year, D, **kwargs)
    assert services.focus.all(anna, 2026) == []


def test_add_for_unknown_pupil(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.focus.add(999, 2026, D, "x")


def test_update_and_remove(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    p = services.focus.add(anna, 2026, D, "Læse")
    u = services.focus.update(
        p.id, goal="Læse mere", status=FocusStatus.ACHIEVED, evaluation="Flot", actions="Bøger"
    )
    assert (u.goal, u.status, u.evaluation, u.actions) == (
        "Læse mere",
        FocusStatus.ACHIEVED,
        "Flot",
        "Bøger",
    )
    assert not u.is_open
    with pytest.raises(ValidationError):
        services.focus.update(p.id, goal=" ", evaluation="Ændret")
    assert services.focus.all(anna, 2026)[0].evaluation == "Flot"
    services.focus.remove(p.id)
    assert services.focus.all(anna, 2026) == []
    with pytest.raises(NotFoundError):
        services.focus.remove(p.id)


def test_reorder(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    a = services.focus.add(anna, 2026, D, "A")
    b = services.focus.add(anna, 2026, D, "B")
    c = services.focus.add(anna, 2026, D, "C")
    services.focus.reorder([c.id, a.id, b.id])
    assert [p.goal for p in services.focus.all(anna, 2026)] == ["C", "A", "B"]
    assert [p.position for p in services.focus.all(anna, 2026)] == [0, 1, 2]


def test_reorder_across_areas_or_years_refused(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    d = services.focus.add(anna, 2026, D, "D")
    d2 = services.focus.add(anna, 2026, D, "D2")
    m = services.focus.add(anna, 2026, M, "M")
    old = services.focus.add(anna, 2025, D, "Old")
    with pytest.raises(ValidationError, match="one area"):
        services.focus.reorder([d2.id, m.id, d.id])
    with pytest.raises(ValidationError, match="one area"):
        services.focus.reorder([d2.id, old.id, d.id])
    assert [p.goal for p in services.focus.all(anna, 2026)] == ["D", "D2", "M"]
    with pytest.raises(NotFoundError):
        services.focus.reorder([d.id, 999])


def test_carry_forward_copies_open_points_once(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.get(services.students.get(anna).classes[0][1])
    services.classes.promote(klass.id)
    open_1 = services.focus.add(anna, 2026, D, "Læse", actions="Bøger")
    open_2 = services.focus.add(
        anna, 2026, M, "Brøker", status=FocusStatus.IN_PROGRESS, evaluation="Halvvejs"
    )
    services.focus.add(anna, 2026, A, "Nået", status=FocusStatus.ACHIEVED)
    services.focus.add(anna, 2026, A, "Opgivet", status=FocusStatus.DISCONTINUED)
    services.focus.add(anna, 2025, D, "For gammel")

    carried = services.focus.carry_forward(anna, 2027)
    assert {p.carried_from_id for p in carried} == {open_1.id, open_2.id}
    by_origin = {p.carried_from_id: p for p in carried}
    first = by_origin[open_1.id]
    assert (first.school_year, first.area, first.goal, first.actions) == (2027, D, "Læse", "Bøger")
    assert first.status is FocusStatus.NOT_STARTED
    second = by_origin[open_2.id]
    assert second.status is FocusStatus.IN_PROGRESS
    assert second.evaluation == ""
    assert len(services.focus.all(anna, 2027)) == 2

    # A second call adds nothing.
    assert services.focus.carry_forward(anna, 2027) == []
    assert len(services.focus.all(anna, 2027)) == 2
    # The originals are untouched.
    assert len(services.focus.all(anna, 2026)) == 4


def test_carry_forward_from_grade_0_maps_awareness_areas(services) -> None:  # type: ignore[no-untyped-def]
    zero = services.classes.create("0.A", 2026)
    pupil = services.students.add("Mia", "Holm", zero.id).id
    services.classes.promote(zero.id)  # 1.A in 2027
    services.focus.add(pupil, 2026, FocusArea.LANGUAGE_AWARENESS, "Rim og remser")
    services.focus.add(pupil, 2026, FocusArea.MATHS_AWARENESS, "Tælle til 20")
    services.focus.add(pupil, 2026, A, "Lege med andre")
    services.focus.add(pupil, 2026, FocusArea.OTHER_SUBJECT, "Svømme", subject="Idræt")
    carried = services.focus.carry_forward(pupil, 2027)
    areas = {p.goal: p.area for p in carried}
    assert areas == {
        "Rim og remser": D,
        "Tælle til 20": M,
        "Lege med andre": A,
        "Svømme": FocusArea.OTHER_SUBJECT,
    }


def test_carry_forward_checks_year_and_pupil(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.focus.carry_forward(anna, 2101)
    with pytest.raises(NotFoundError):
        services.focus.carry_forward(999, 2027)
    assert services.focus.carry_forward(anna, 2027) == []


@pytest.fixture
def written(services, anna: int) -> int:  # type: ignore[no-untyped-def]
    """Anna has focus points in 2026/27 and 2025/26: there is something to present."""
    services.focus.add(anna, 2026, D, "Læse mere")
    services.focus.add(anna, 2025, D, "Sidste år")
    return anna


def test_an_empty_message_book_cannot_be_presented(services, anna: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="no focus points yet"):
        services.focus.record_presentation(anna, dt.date(2026, 11, 20), PresentationVia.AULA)
    assert services.focus.presentations(anna, 2026) == []


def test_record_presentation(services, anna: int, written: int) -> None:  # type: ignore[no-untyped-def]
    p = services.focus.record_presentation(
        anna, dt.date(2026, 11, 20), PresentationVia.AULA, note=" Sendt på Aula "
    )
    assert p.school_year == 2026
    assert p.presented_on == dt.date(2026, 11, 20)
    assert p.via is PresentationVia.AULA
    assert p.note == "Sendt på Aula"
    assert p.conversation_id is None
    # Today is allowed.
    services.focus.record_presentation(anna, dt.date(2026, 11, 23), "meeting")
    # The school year comes from the date: 31 July is still the year before.
    old = services.focus.record_presentation(anna, dt.date(2026, 7, 31), PresentationVia.MEETING)
    assert old.school_year == 2025
    assert [x.presented_on for x in services.focus.presentations(anna, 2026)] == [
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 23),
    ]
    assert [x.id for x in services.focus.presentations(anna, 2025)] == [old.id]
    services.focus.remove_presentation(old.id)
    assert services.focus.presentations(anna, 2025) == []


def test_record_presentation_in_the_future_refused(
    services, anna: int, written: int, clock
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="day to come"):
        services.focus.record_presentation(anna, dt.date(2026, 11, 24), PresentationVia.AULA)
    assert services.focus.presentations(anna, 2026) == []
    clock.now = dt.datetime(2026, 11, 24, 8, 0)
    services.focus.record_presentation(anna, dt.date(2026, 11, 24), PresentationVia.AULA)
    assert len(services.focus.presentations(anna, 2026)) == 1


def test_record_presentation_with_a_conversation(services, anna: int, written: int) -> None:  # type: ignore[no-untyped-def]
    klass_id = services.students.get(anna).classes[0][1]
    bo = services.students.add("Bo", "Berg", klass_id).id
    own = services.conversations.plan(anna, Planning(starts_at=dt.datetime(2026, 11, 20, 14)))
    other = services.conversations.plan(bo, Planning(starts_at=dt.datetime(2026, 11, 20, 15)))
    p = services.focus.record_presentation(
        anna, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=own.id
    )
    assert p.conversation_id == own.id
    with pytest.raises(ValidationError, match="another pupil"):
        services.focus.record_presentation(
            anna, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=other.id
        )
    with pytest.raises(NotFoundError):
        services.focus.record_presentation(
            anna, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=999
        )
    assert len(services.focus.presentations(anna, 2026)) == 1
    # Deleting the conversation keeps the presentation, without the link.
    services.conversations.delete(own.id)
    assert services.focus.presentations(anna, 2026)[0].conversation_id is None
