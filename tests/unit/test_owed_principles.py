"""What is owed follows the school's principles: each defect the audit found, fixed.

The clock is the test suite's (23 November 2026, school year 2026/27).
"""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    ConversationStatus,
    FocusArea,
    PresentationVia,
    StartedBy,
)
from skolehjem_desktop.services.conversation_held import HeldWithoutParticipants, Missing
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.owed import OrdinaryState
from skolehjem_desktop.store.models import Conversation, MessageBookYear

D, M, A = FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND
NOV = dt.datetime(2026, 11, 10, 14, 0)


@pytest.fixture
def me(services) -> int:  # type: ignore[no-untyped-def]
    return int(services.school.add_teacher("Anne Holm", "AH", is_user=True).id)


@pytest.fixture
def pupil(services, me) -> int:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026, grade=5)
    sid = int(services.students.add("Søren", "Ærø", klass.id).id)
    services.students.add_guardian(sid, "Mette Ærø")
    return sid


def _plan(services, sid: int, when: dt.datetime = NOV, **kwargs) -> int:  # type: ignore[no-untyped-def]
    return int(services.conversations.plan(sid, Planning(starts_at=when, **kwargs)).id)


def _row(services, sid: int):  # type: ignore[no-untyped-def]
    row = services.owed.for_student(sid, 2026)
    assert row is not None
    return row


# --- "held" needs a guardian and a contact teacher -------------------------------------------


def test_without_a_guardian_it_is_refused_and_says_so(services, pupil) -> None:  # type: ignore[no-untyped-def]
    cid = _plan(services, pupil, guardian_ids=())
    with pytest.raises(HeldWithoutParticipants) as refused:
        services.conversations.mark_held(cid)
    assert refused.value.missing == (Missing.GUARDIAN,)
    assert "guardian" in refused.value.message
    assert services.conversations.get(cid).status is ConversationStatus.PLANNED
    assert _row(services, pupil).ordinary is OrdinaryState.PLANNED


def test_without_a_contact_teacher_it_is_refused(services, pupil) -> None:  # type: ignore[no-untyped-def]
    other = services.school.add_teacher("Bo Lund", "BL").id
    cid = _plan(services, pupil, teacher_ids=(other,))
    with pytest.raises(HeldWithoutParticipants) as refused:
        services.conversations.mark_held(cid)
    assert refused.value.missing == (Missing.CONTACT_TEACHER,)


def test_a_contact_teacher_of_another_class_does_not_count(services, pupil) -> None:  # type: ignore[no-untyped-def]
    """Held as an old program might have stored it: with the contact teacher of 6.C only."""
    other = services.school.add_teacher("Karen Nørby", "KN").id
    other_class = services.classes.create("6.C", 2026, grade=6, contact_teacher_ids=(other,))
    ida = services.students.add("Ida", "Holm", other_class.id).id
    services.students.add_guardian(ida, "Lene Holm")
    services.conversations.mark_held(_plan(services, ida, teacher_ids=(other,)))
    cid = _plan(services, pupil, teacher_ids=(other,))
    with services.db.transaction() as s:
        s.get(Conversation, cid).status = ConversationStatus.HELD
    row = _row(services, pupil)
    assert row.ordinary is OrdinaryState.MISSING and row.ordinary_uncounted == 1
    assert services.owed.for_student(ida, 2026).ordinary is OrdinaryState.HELD


def test_with_neither_both_are_named(services, pupil) -> None:  # type: ignore[no-untyped-def]
    cid = _plan(services, pupil, guardian_ids=(), teacher_ids=())
    with pytest.raises(HeldWithoutParticipants) as refused:
        services.conversations.mark_held(cid)
    assert refused.value.missing == (Missing.GUARDIAN, Missing.CONTACT_TEACHER)


def test_a_confirmed_exception_is_held_remembered_and_counts(services, pupil) -> None:  # type: ignore[no-untyped-def]
    cid = _plan(services, pupil, guardian_ids=())
    detail = services.conversations.mark_held(cid, exception=True)
    assert detail.status is ConversationStatus.HELD and detail.held_exception
    assert _row(services, pupil).ordinary is OrdinaryState.HELD
    again = services.conversations.mark_planned(cid)
    assert not again.held_exception


def test_with_both_there_is_no_exception(services, pupil) -> None:  # type: ignore[no-untyped-def]
    detail = services.conversations.mark_held(_plan(services, pupil), exception=True)
    assert not detail.held_exception


def test_an_old_held_conversation_without_a_guardian_does_not_count(services, pupil) -> None:  # type: ignore[no-untyped-def]
    """Held before this rule (or written by another program): not the year's conversation."""
    cid = _plan(services, pupil, guardian_ids=())
    with services.db.transaction() as s:
        s.get(Conversation, cid).status = ConversationStatus.HELD
    row = _row(services, pupil)
    assert row.ordinary is OrdinaryState.MISSING and row.ordinary_uncounted == 1
    assert not row.complete


# --- how many, and by when --------------------------------------------------------------------


def test_two_ordinary_conversations_a_year(services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.principles.set("ordinary_conversations_per_year", "2")
    services.conversations.mark_held(_plan(services, pupil))
    row = _row(services, pupil)
    assert (row.ordinary, row.ordinary_held, row.ordinary_needed) == (OrdinaryState.MISSING, 1, 2)
    _plan(services, pupil, dt.datetime(2027, 3, 2, 15, 0))
    assert _row(services, pupil).ordinary is OrdinaryState.PLANNED
    services.conversations.mark_held(_plan(services, pupil, dt.datetime(2026, 11, 20, 15, 0)))
    assert _row(services, pupil).ordinary is OrdinaryState.HELD


def test_the_day_the_conversation_is_held_by(services, pupil) -> None:  # type: ignore[no-untyped-def]
    assert _row(services, pupil).ordinary_deadline is None  # by 30 June: not passed
    services.principles.set("ordinary_conversation_by", "20.11")
    row = _row(services, pupil)
    assert row.ordinary_overdue and row.ordinary_deadline == dt.date(2026, 11, 20)
    services.conversations.mark_held(_plan(services, pupil))
    assert not _row(services, pupil).ordinary_overdue


def test_presentations_a_year(services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, 2026, D, "Læse 20 minutter hver dag")
    services.focus.record_presentation(pupil, dt.date(2026, 11, 1), PresentationVia.CONVERSATION)
    assert _row(services, pupil).presented
    services.principles.set("presentations_per_year", "2")
    row = _row(services, pupil)
    assert (row.presented, row.presentations, row.presentations_needed) == (False, 1, 2)


# --- "få fokuspunkter" ------------------------------------------------------------------------


def test_more_focus_points_than_few_are_noticed_not_owed(services, pupil) -> None:  # type: ignore[no-untyped-def]
    for n in range(4):
        services.focus.add(pupil, 2026, D, f"Mål {n + 1}")
    services.focus.add(pupil, 2026, M, "Tabellerne")
    assert _row(services, pupil).crowded_areas == (D,)
    services.principles.set("max_focus_points_per_area", "4")
    assert _row(services, pupil).crowded_areas == ()


# --- the message book of 2022 -----------------------------------------------------------------


def test_interventions_and_follow_up_for_a_pupil_who_needs_them(services, pupil) -> None:  # type: ignore[no-untyped-def]
    assert _row(services, pupil).message_book_missing == ()
    with services.db.transaction() as s:
        s.add(MessageBookYear(student_id=pupil, school_year=2026, needs_support=True))
    assert _row(services, pupil).message_book_missing == ("interventions", "follow_up")
    with services.db.transaction() as s:
        row = s.get(MessageBookYear, (pupil, 2026))
        row.interventions = "Læsekursus to gange om ugen"
        row.follow_up = "Vi ser på det igen i marts"
    assert _row(services, pupil).message_book_missing == ()


@pytest.mark.parametrize(("grade", "owed"), [(6, False), (7, True), (9, True), (None, False)])
def test_thoughts_on_further_education_in_grades_7_to_9(services, me, grade, owed) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("X", 2026, grade=grade)
    sid = services.students.add("Ida", "Holm", klass.id).id
    assert services.owed.for_student(sid, 2026).further_education_missing is owed


# --- no contact for months --------------------------------------------------------------------


def test_a_family_not_heard_from_for_months_is_nudged_by_vest(services, clock, pupil) -> None:  # type: ignore[no-untyped-def]
    assert _row(services, pupil).no_contact_since is None  # the defaults never nudge
    services.principles.use("skoledistrikt-vest")  # three months
    assert _row(services, pupil).no_contact_since == dt.date(2026, 8, 1)
    services.contacts.add(
        pupil,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 8, 20, 10, 0),
    )
    row = _row(services, pupil)
    assert row.no_contact_since == dt.date(2026, 8, 20) and row.last_contact == row.no_contact_since
    services.conversations.mark_held(_plan(services, pupil))
    assert _row(services, pupil).no_contact_since is None
    services.principles.use("den-lille-skole")
    clock.now = dt.datetime(2027, 6, 1, 12, 0)
    assert _row(services, pupil).no_contact_since is None
