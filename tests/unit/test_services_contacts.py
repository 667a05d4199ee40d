"""The contact log: a reply to a parent is due by the end of the next working day."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, StartedBy
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.contacts import default_reply_due

AULA, PHONE = ContactChannel.AULA, ContactChannel.PHONE
PARENT, SCHOOL = StartedBy.PARENT, StartedBy.SCHOOL


@pytest.fixture
def pupil(services):  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    anna = services.students.add("Anna", "Hansen", klass.id)
    mother = services.students.add_guardian(anna.id, "Mette Hansen")
    return anna.id, mother.id


def test_parent_started_reply_due_next_working_day(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, mother = pupil
    c = services.contacts.add(
        anna, channel=AULA, started_by=PARENT, summary=" Om trivsel ", guardian_id=mother
    )
    # The clock: Monday 23 November 2026 10:00.
    assert c.occurred_at == dt.datetime(2026, 11, 23, 10, 0)
    assert c.reply_due == dt.date(2026, 11, 24)
    assert c.summary == "Om trivsel"
    assert c.topic is ContactTopic.WELLBEING
    assert c.guardian_id == mother
    assert c.done is False


def test_friday_evening_message_due_monday(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    c = services.contacts.add(
        anna,
        channel=AULA,
        started_by=PARENT,
        occurred_at=dt.datetime(2026, 11, 20, 21, 30, 15, 999),
    )
    assert c.occurred_at == dt.datetime(2026, 11, 20, 21, 30, 15)
    assert c.reply_due == dt.date(2026, 11, 23)
    assert c.outside_hours  # marked, but the day is the next working day all the same


def test_school_started_has_no_reply_due(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    c = services.contacts.add(anna, channel=PHONE, started_by=SCHOOL, topic="academic")
    assert c.reply_due is None
    assert c.topic is ContactTopic.ACADEMIC
    assert default_reply_due(dt.datetime(2026, 11, 23, 10), SCHOOL) is None
    assert default_reply_due(dt.datetime(2026, 11, 23, 10), PARENT) == dt.date(2026, 11, 24)


def test_explicit_reply_due_and_explicit_none(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    later = services.contacts.add(
        anna, channel=AULA, started_by=PARENT, reply_due_on=dt.date(2026, 11, 27)
    )
    assert later.reply_due == dt.date(2026, 11, 27)
    same_day = services.contacts.add(
        anna, channel=AULA, started_by=PARENT, reply_due_on=dt.date(2026, 11, 23)
    )
    assert same_day.reply_due == dt.date(2026, 11, 23)
    none = services.contacts.add(anna, channel=AULA, started_by=PARENT, reply_due_on=None)
    assert none.reply_due is None
    asked = services.contacts.add(
        anna, channel=PHONE, started_by=SCHOOL, reply_due_on=dt.date(2026, 11, 30)
    )
    assert asked.reply_due == dt.date(2026, 11, 30)


def test_reply_due_before_contact_refused(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    with pytest.raises(ValidationError, match="before the contact"):
        services.contacts.add(
            anna, channel=AULA, started_by=PARENT, reply_due_on=dt.date(2026, 11, 22)
        )
    with pytest.raises(ValidationError, match="not a date"):
        services.contacts.add(anna, channel=AULA, started_by=PARENT, reply_due_on="tomorrow")
    assert services.contacts.all(anna) == []


def test_update_reply_due_before_contact_refused(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    c = services.contacts.add(anna, channel=AULA, started_by=PARENT)
    with pytest.raises(ValidationError):
        services.contacts.update(c.id, reply_due_on=dt.date(2026, 11, 1))
    assert services.contacts.all(anna)[0].reply_due == dt.date(2026, 11, 24)


def test_future_contact_refused(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    with pytest.raises(ValidationError, match="day to come"):
        services.contacts.add(
            anna, channel=AULA, started_by=PARENT, occurred_at=dt.datetime(2026, 11, 25, 10, 0)
        )
    assert services.contacts.all(anna) == []


def test_contact_dated_tomorrow_refused(services, pupil) -> None:  # type: ignore[no-untyped-def]
    # The clock says Monday 10:00; a contact on Tuesday morning has not happened yet.
    anna, _ = pupil
    with pytest.raises(ValidationError, match="day to come"):
        services.contacts.add(
            anna, channel=AULA, started_by=PARENT, occurred_at=dt.datetime(2026, 11, 24, 9, 0)
        )
    assert services.contacts.all(anna) == []


def test_guardian_must_be_the_pupils(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    klass = services.classes.find("5.A")
    bo = services.students.add("Bo", "Berg", klass.id)
    bo_mother = services.students.add_guardian(bo.id, "Birgit Berg")
    with pytest.raises(ValidationError, match="not a guardian of this pupil"):
        services.contacts.add(anna, channel=AULA, started_by=PARENT, guardian_id=bo_mother.id)
    with pytest.raises(NotFoundError):
        services.contacts.add(999, channel=AULA, started_by=PARENT)
    assert services.contacts.all(anna) == []


def test_overdue_and_mark_done(services, pupil, clock) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    friday = services.contacts.add(
        anna, channel=AULA, started_by=PARENT, occurred_at=dt.datetime(2026, 11, 19, 9, 0)
    )  # Thursday -> due Friday 20th
    today = services.contacts.add(anna, channel=AULA, started_by=PARENT)  # due Tuesday 24th
    services.contacts.add(anna, channel=PHONE, started_by=SCHOOL)  # no reply due
    assert [c.id for c in services.contacts.overdue()] == [friday.id]
    assert friday.overdue(dt.date(2026, 11, 23))
    assert not today.overdue(dt.date(2026, 11, 24))

    clock.now = dt.datetime(2026, 11, 25, 8, 0)
    assert [c.id for c in services.contacts.overdue()] == [friday.id, today.id]

    done = services.contacts.mark_done(friday.id)
    assert done.done is True
    assert not done.overdue(dt.date(2026, 11, 25))
    assert [c.id for c in services.contacts.overdue()] == [today.id]
    services.contacts.mark_done(friday.id, done=False)
    assert len(services.contacts.overdue()) == 2


def test_update_and_remove(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    c = services.contacts.add(anna, channel=AULA, started_by=PARENT)
    u = services.contacts.update(
        c.id, summary="Ny tekst", topic=ContactTopic.CONFLICT, channel=ContactChannel.EMAIL
    )
    assert (u.summary, u.topic, u.channel, u.reply_due) == (
        "Ny tekst",
        ContactTopic.CONFLICT,
        ContactChannel.EMAIL,
        dt.date(2026, 11, 24),
    )
    assert services.contacts.update(c.id, reply_due_on=None).reply_due is None
    assert services.contacts.update(c.id, reply_due_on=dt.date(2026, 12, 1)).reply_due == (
        dt.date(2026, 12, 1)
    )
    with pytest.raises(ValidationError, match="too long"):
        services.contacts.update(c.id, summary="x" * 20_001)
    assert services.contacts.all(anna)[0].summary == "Ny tekst"
    services.contacts.remove(c.id)
    assert services.contacts.all(anna) == []
    with pytest.raises(NotFoundError):
        services.contacts.mark_done(c.id)


def test_all_newest_first(services, pupil) -> None:  # type: ignore[no-untyped-def]
    anna, _ = pupil
    old = services.contacts.add(
        anna, channel=AULA, started_by=PARENT, occurred_at=dt.datetime(2026, 10, 1, 9, 0)
    )
    new = services.contacts.add(anna, channel=AULA, started_by=PARENT)
    assert [c.id for c in services.contacts.all(anna)] == [new.id, old.id]


def test_a_talk_face_to_face_owes_no_reply(services, pupil) -> None:  # type: ignore[no-untyped-def]
    """A parent's talk at the door at 15:00 is not a message waiting for an answer."""
    anna, _ = pupil
    for channel in (ContactChannel.AD_HOC, ContactChannel.MEETING):
        talk = services.contacts.add(
            anna,
            channel=channel,
            started_by=StartedBy.PARENT,
            occurred_at=dt.datetime(2026, 11, 20, 15, 0),
        )
        assert talk.reply_due is None
    call = services.contacts.add(
        anna,
        channel=ContactChannel.PHONE,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 11, 20, 15, 0),
    )
    assert call.reply_due == dt.date(2026, 11, 23)  # a call asks to be called back
