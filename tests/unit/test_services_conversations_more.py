"""What the conversation editor needs besides the basics: the shared switch, a first date."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.conversations import Planning

PAST = dt.datetime(2026, 11, 20, 14, 0)


@pytest.fixture
def conversation_id(services) -> int:
    me = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    anna = services.students.add("Anna", "Hansen", klass.id)
    services.students.add_guardian(anna.id, "Lene Hansen")
    return int(services.conversations.plan(anna.id, Planning(starts_at=PAST)).id)


def test_set_section_shared_keeps_the_text(services, conversation_id) -> None:
    services.conversations.set_section(conversation_id, SectionKind.CONCERNS, "Uro i timerne")
    info = services.conversations.set_section_shared(conversation_id, SectionKind.CONCERNS, False)
    assert (info.text, info.shared) == ("Uro i timerne", False)
    detail = services.conversations.get(conversation_id)
    assert detail.section(SectionKind.CONCERNS).text == "Uro i timerne"
    assert detail.section(SectionKind.CONCERNS).shared is False
    services.conversations.set_section_shared(conversation_id, SectionKind.CONCERNS, True)
    assert services.conversations.get(conversation_id).section(SectionKind.CONCERNS).shared


def test_set_section_shared_on_a_section_not_yet_written(services, conversation_id) -> None:
    info = services.conversations.set_section_shared(conversation_id, SectionKind.SUMMARY, False)
    assert (info.text, info.shared) == ("", False)
    # Text typed afterwards keeps the teacher's choice.
    services.conversations.set_section(conversation_id, SectionKind.SUMMARY, "Godt forløb")
    section = services.conversations.get(conversation_id).section(SectionKind.SUMMARY)
    assert (section.text, section.shared) == ("Godt forløb", False)


def test_set_section_shared_touches_the_conversation(services, clock, conversation_id) -> None:
    clock.now = clock.now + dt.timedelta(minutes=5)
    services.conversations.set_section_shared(conversation_id, SectionKind.ACADEMIC, False)
    assert services.conversations.get(conversation_id).updated_at == clock.now


def test_private_preparation_can_never_be_shared(services, conversation_id) -> None:
    services.conversations.set_section(
        conversation_id, SectionKind.PRIVATE_PREPARATION, "Husk at rose"
    )
    with pytest.raises(ValidationError, match="never shared"):
        services.conversations.set_section_shared(
            conversation_id, SectionKind.PRIVATE_PREPARATION, True
        )
    section = services.conversations.get(conversation_id).section(SectionKind.PRIVATE_PREPARATION)
    assert (section.text, section.shared) == ("Husk at rose", False)
    # Switching it off is harmless.
    services.conversations.set_section_shared(
        conversation_id, SectionKind.PRIVATE_PREPARATION, False
    )


def test_set_section_shared_unknown_conversation(services) -> None:
    with pytest.raises(NotFoundError):
        services.conversations.set_section_shared(999, SectionKind.SUMMARY, True)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Monday → Tuesday.
        (dt.datetime(2026, 11, 23, 10, 0), dt.datetime(2026, 11, 24, 15, 0)),
        # Friday evening → Monday.
        (dt.datetime(2026, 11, 27, 18, 0), dt.datetime(2026, 11, 30, 15, 0)),
        # Wednesday 23 December → Monday 28 December (Christmas Day and Boxing Day are off).
        (dt.datetime(2026, 12, 23, 9, 0), dt.datetime(2026, 12, 28, 15, 0)),
    ],
)
def test_suggested_start_is_the_next_working_day_at_three(services, clock, now, expected) -> None:
    clock.now = now
    assert services.conversations.suggested_start() == expected


def test_a_held_conversation_cannot_be_moved_to_a_day_to_come(services) -> None:  # type: ignore[no-untyped-def]
    import datetime as _dt

    from skolehjem_desktop.errors import ValidationError as _VE
    from skolehjem_desktop.services.conversations import Planning as _Planning

    school_class = services.classes.create("5.A", 2026)
    pupil = services.students.add("Ida", "Holm", school_class.id)
    services.students.add_guardian(pupil.id, "Lene Holm")
    held = services.conversations.plan(
        pupil.id, _Planning(starts_at=_dt.datetime(2026, 11, 16, 15, 0))
    )
    teacher = services.school.add_teacher("Mette", "MK")
    services.conversations.update_planning(
        held.id, _Planning(starts_at=_dt.datetime(2026, 11, 16, 15, 0), teacher_ids=(teacher.id,))
    )
    services.conversations.mark_held(held.id)
    try:
        services.conversations.update_planning(
            held.id, _Planning(starts_at=_dt.datetime(2028, 3, 1, 15, 0))
        )
    except _VE as exc:
        assert "held" in exc.message
    else:
        raise AssertionError("a held conversation was moved into the future")
    assert services.conversations.get(held.id).starts_at.year == 2026


def _future(services, conversation_id: int, at: dt.time) -> None:  # type: ignore[no-untyped-def]
    detail = services.conversations.get(conversation_id)
    services.conversations.update_planning(
        conversation_id,
        Planning(
            starts_at=dt.datetime.combine(dt.date(2026, 12, 4), at),
            teacher_ids=tuple(t for t, _name in detail.teachers),
        ),
    )


def test_held_today_moves_the_date_and_keeps_a_time_that_has_come(
    services, clock, conversation_id
) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.domain.enums import ConversationStatus
    from skolehjem_desktop.services.conversations import HeldBeforeItsDay

    clock.now = dt.datetime(2026, 12, 3, 16, 40)
    _future(services, conversation_id, dt.time(14, 0))
    with pytest.raises(HeldBeforeItsDay, match="04/12/2026"):
        services.conversations.mark_held(conversation_id)
    held = services.conversations.mark_held_today(conversation_id)
    assert held.status is ConversationStatus.HELD
    assert held.starts_at == dt.datetime(2026, 12, 3, 14, 0)


def test_held_today_at_a_time_to_come_is_now(services, clock, conversation_id) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.domain.enums import ConversationStatus

    clock.now = dt.datetime(2026, 12, 3, 10, 7, 31)
    _future(services, conversation_id, dt.time(15, 0))
    held = services.conversations.mark_held_today(conversation_id)
    assert held.status is ConversationStatus.HELD
    assert held.starts_at == dt.datetime(2026, 12, 3, 10, 0)  # the quarter before now
    with pytest.raises(ValidationError, match="planned"):
        services.conversations.mark_held_today(conversation_id)


def test_held_today_without_a_teacher_changes_nothing(services, clock, conversation_id) -> None:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 12, 3, 16, 40)
    services.conversations.update_planning(
        conversation_id, Planning(starts_at=dt.datetime(2026, 12, 4, 14, 0), teacher_ids=())
    )
    with pytest.raises(ValidationError, match="contact teacher"):
        services.conversations.mark_held_today(conversation_id)
    assert services.conversations.get(conversation_id).starts_at == dt.datetime(2026, 12, 4, 14)


def test_the_refusal_says_the_date_the_danish_way(services, clock, conversation_id) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop import i18n
    from skolehjem_desktop.services.conversations import HeldBeforeItsDay

    clock.now = dt.datetime(2026, 12, 3, 16, 40)
    _future(services, conversation_id, dt.time(14, 0))
    i18n.activate("da")
    with pytest.raises(HeldBeforeItsDay) as refused:
        services.conversations.mark_held(conversation_id)
    assert refused.value.message.startswith("Samtalen står til den 04.12.2026")
