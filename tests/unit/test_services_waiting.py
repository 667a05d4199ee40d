"""What is due soon beside what is overdue, and the list of what is waiting on the teacher.

The clock is fixed: Monday 23 November 2026, 10:00 (``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import ContactChannel, Responsible, StartedBy
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.due import (
    Urgency,
    agreement_urgency,
    reply_soon_until,
    reply_urgency,
)
from skolehjem_desktop.services.waiting import WaitingKind

MONDAY = dt.date(2026, 11, 23)
FRIDAY = dt.date(2026, 11, 27)


def test_a_reply_is_due_soon_today_and_by_the_next_working_day() -> None:
    assert reply_urgency(MONDAY - dt.timedelta(days=1), MONDAY) is Urgency.OVERDUE
    assert reply_urgency(MONDAY, MONDAY) is Urgency.DUE_SOON
    assert reply_urgency(MONDAY + dt.timedelta(days=1), MONDAY) is Urgency.DUE_SOON
    assert reply_urgency(MONDAY + dt.timedelta(days=2), MONDAY) is None
    assert reply_urgency(None, MONDAY) is None
    assert reply_urgency(MONDAY, MONDAY, done=True) is None
    # On a Friday, the Monday after is the next working day: due soon too.
    assert reply_soon_until(FRIDAY) == dt.date(2026, 11, 30)
    assert reply_urgency(dt.date(2026, 11, 30), FRIDAY) is Urgency.DUE_SOON
    assert reply_urgency(dt.date(2026, 12, 1), FRIDAY) is None


def test_an_agreement_is_due_soon_within_a_week() -> None:
    assert agreement_urgency(MONDAY - dt.timedelta(days=1), MONDAY) is Urgency.OVERDUE
    assert agreement_urgency(MONDAY, MONDAY) is Urgency.DUE_SOON
    assert agreement_urgency(MONDAY + dt.timedelta(days=7), MONDAY) is Urgency.DUE_SOON
    assert agreement_urgency(MONDAY + dt.timedelta(days=8), MONDAY) is None
    assert agreement_urgency(MONDAY, MONDAY, done=True) is None


@pytest.fixture
def school(services):  # type: ignore[no-untyped-def]
    """Two classes of the user's, one of a colleague's; a pupil each, and one who left."""
    me = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    other = services.school.add_teacher("Bo Berg", "BB")
    mine_a = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    mine_b = services.classes.create("6.B", 2026, contact_teacher_ids=(me.id,))
    theirs = services.classes.create("7.C", 2026, contact_teacher_ids=(other.id,))
    ids = {
        "Søren": services.students.add("Søren", "Ærø", mine_a.id).id,
        "Ayşe": services.students.add("Ayşe", "Yılmaz", mine_b.id).id,
        "Colleague": services.students.add("Kim", "Kollega", theirs.id).id,
        "Left": services.students.add("Lone", "Udmeldt", mine_a.id).id,
    }
    return {"classes": (mine_a.id, mine_b.id, theirs.id), **ids}


def _reply(services, student_id, due):  # type: ignore[no-untyped-def]
    return services.contacts.add(
        student_id,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 11, 16, 9, 0),
        summary="Spørger til trivslen",
        reply_due_on=due,
    )


def _agreement(services, student_id, text, due):  # type: ignore[no-untyped-def]
    conversation = services.conversations.plan(
        student_id, Planning(starts_at=dt.datetime(2026, 11, 10, 14, 0))
    )
    return services.conversations.add_agreement(conversation.id, text, Responsible.SCHOOL, due)


def test_owed_counts_what_is_due_soon_apart_from_what_is_overdue(services, school, clock) -> None:  # type: ignore[no-untyped-def]
    soren = school["Søren"]
    _reply(services, soren, MONDAY - dt.timedelta(days=3))  # overdue
    _reply(services, soren, MONDAY + dt.timedelta(days=1))  # due tomorrow
    _reply(services, soren, MONDAY + dt.timedelta(days=5))  # later
    _agreement(services, soren, "Læse hver dag", MONDAY + dt.timedelta(days=6))
    _agreement(services, soren, "Ny cykelhjelm", MONDAY + dt.timedelta(days=30))
    (row,) = [r for r in services.owed.for_class(school["classes"][0]) if r.student_id == soren]
    assert (row.replies_overdue, row.replies_due_soon) == (1, 1)
    assert (row.agreements_overdue, row.agreements_due_soon) == (0, 1)
    clock.now = dt.datetime(2026, 11, 30, 8, 0)  # a week on: the reading agreement is overdue
    (row,) = [r for r in services.owed.for_class(school["classes"][0]) if r.student_id == soren]
    assert (row.agreements_overdue, row.agreements_due_soon) == (1, 0)
    assert (row.replies_overdue, row.replies_due_soon) == (3, 0)


def test_due_soon_is_not_owed_yet(services, school) -> None:  # type: ignore[no-untyped-def]
    _reply(services, school["Ayşe"], MONDAY + dt.timedelta(days=1))
    row = services.owed.for_student(school["Ayşe"], 2026)
    assert row is not None
    assert row.replies_due_soon == 1 and row.replies_overdue == 0


def test_the_waiting_list_spans_the_teachers_classes_most_pressing_first(services, school) -> None:  # type: ignore[no-untyped-def]
    tomorrow = MONDAY + dt.timedelta(days=1)
    reply = _reply(services, school["Ayşe"], tomorrow)
    late = _agreement(services, school["Søren"], "Ringe til PPR", MONDAY - dt.timedelta(days=4))
    soon = _agreement(services, school["Ayşe"], "Læse hver dag", MONDAY + dt.timedelta(days=3))
    same_day = _agreement(services, school["Søren"], "Tjekke lektier", tomorrow)
    _agreement(services, school["Søren"], "Til sommer", MONDAY + dt.timedelta(days=40))
    done = _agreement(services, school["Søren"], "Gjort", MONDAY - dt.timedelta(days=1))
    services.conversations.update_agreement(done.id, done=True)
    _reply(services, school["Colleague"], MONDAY)  # not the user's class
    _reply(services, school["Left"], MONDAY)  # the pupil left
    services.students.mark_left(school["Left"], dt.date(2026, 11, 20))

    waiting = services.waiting.for_me()
    assert waiting.mine is True
    assert waiting.class_names == ("5.A", "6.B")
    assert [(i.kind, i.item_id) for i in waiting.items] == [
        (WaitingKind.AGREEMENT, late.id),
        (WaitingKind.REPLY, reply.id),  # a reply before an agreement of the same day
        (WaitingKind.AGREEMENT, same_day.id),
        (WaitingKind.AGREEMENT, soon.id),
    ]
    first, second = waiting.items[0], waiting.items[1]
    assert first.urgency is Urgency.OVERDUE and first.student_name == "Søren Ærø"
    assert first.class_name == "5.A" and first.conversation_id is not None
    assert first.text == "Ringe til PPR" and first.responsible is Responsible.SCHOOL
    assert second.urgency is Urgency.DUE_SOON and second.class_name == "6.B"
    assert second.due == tomorrow and second.conversation_id is None
    assert second.text == "Spørger til trivslen" and second.channel is ContactChannel.AULA
    assert (waiting.overdue, waiting.due_soon) == (1, 3)


def test_without_classes_of_their_own_the_list_covers_every_class(services) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    pupil = services.students.add("Søren", "Ærø", klass.id)
    _reply(services, pupil.id, MONDAY)
    waiting = services.waiting.for_me()
    assert waiting.mine is False
    assert waiting.class_names == ("5.A",)
    assert [i.student_id for i in waiting.items] == [pupil.id]


def test_other_school_years_and_archived_classes_are_left_out(services, school) -> None:  # type: ignore[no-untyped-def]
    _reply(services, school["Søren"], MONDAY)
    assert len(services.waiting.for_me().items) == 1
    assert services.waiting.for_me(2025).items == ()
    services.classes.archive(school["classes"][0])
    assert services.waiting.for_me().items == ()
