"""The contact log follows the school's principles: when a reply is due, whether a
contact came outside working hours, and calls agreed on first (efter forudgående aftale).

The clock is fixed: Monday 23 November 2026, 10:00 (``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import ContactChannel, StartedBy
from skolehjem_desktop.services.contacts import default_reply_due, outside_hours
from skolehjem_desktop.services.due import reply_counts, reply_soon_until, reply_urgency
from skolehjem_desktop.services.principles import defaults

AULA, PHONE, EMAIL = ContactChannel.AULA, ContactChannel.PHONE, ContactChannel.EMAIL
PARENT, SCHOOL = StartedBy.PARENT, StartedBy.SCHOOL
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0)
FRIDAY_NIGHT = dt.datetime(2026, 11, 20, 21, 30)
SATURDAY = dt.datetime(2026, 11, 21, 11, 0)


@pytest.fixture
def anna(services) -> int:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    return int(services.students.add("Anna", "Hansen", klass.id).id)


def add(services, anna: int, when: dt.datetime, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("channel", AULA)
    kw.setdefault("started_by", PARENT)
    return services.contacts.add(anna, occurred_at=when, **kw)


@pytest.mark.parametrize(
    ("preset", "when", "due"),
    [
        (None, MONDAY_MORNING, dt.date(2026, 11, 24)),  # the default: 1 working day
        (None, FRIDAY_NIGHT, dt.date(2026, 11, 23)),  # "senest næste arbejdsdag": Monday
        ("skoledistrikt-vest", MONDAY_MORNING, dt.date(2026, 11, 24)),
        ("skoledistrikt-vest", SATURDAY, dt.date(2026, 11, 23)),
        ("den-lille-skole", MONDAY_MORNING, dt.date(2026, 11, 26)),  # 3 working days
        ("den-lille-skole", FRIDAY_NIGHT, dt.date(2026, 11, 25)),
        ("den-lille-skole", dt.datetime(2026, 11, 18, 14), dt.date(2026, 11, 23)),
    ],
)
def test_reply_due_by_the_preset(services, anna, preset, when, due) -> None:  # type: ignore[no-untyped-def]
    if preset is not None:
        services.principles.use(preset)
    assert add(services, anna, when).reply_due == due
    assert add(services, anna, when, started_by=SCHOOL).reply_due is None
    assert default_reply_due(when, PARENT, services.principles.active()) == due


def test_reply_due_by_the_schools_own_rules(services, anna) -> None:  # type: ignore[no-untyped-def]
    services.principles.set("reply_working_days", "2")
    services.principles.set("working_weekdays", "mon-thu")
    services.principles.set("working_hours_end", "15:00")
    # Monday 15:30 is after the day: marked, and 2 working days -> Wednesday.
    late = add(services, anna, dt.datetime(2026, 11, 23, 15, 30))
    assert late.outside_hours
    assert late.reply_due == dt.date(2026, 11, 25)
    # Thursday 19 November at 10:00: Friday is no working day, so Monday and Tuesday.
    thursday = add(services, anna, dt.datetime(2026, 11, 19, 10))
    assert not thursday.outside_hours
    assert thursday.reply_due == dt.date(2026, 11, 24)


def test_stored_contacts_keep_their_reply_due(services, anna) -> None:  # type: ignore[no-untyped-def]
    c = add(services, anna, MONDAY_MORNING)
    assert c.reply_due == dt.date(2026, 11, 24)
    services.principles.use("den-lille-skole")
    assert services.contacts.all(anna)[0].reply_due == dt.date(2026, 11, 24)
    assert services.contacts.update(c.id, summary="Mere").reply_due == dt.date(2026, 11, 24)


def test_outside_hours_is_read_from_the_principles(services, anna) -> None:  # type: ignore[no-untyped-def]
    inside = add(services, anna, MONDAY_MORNING)
    night = add(services, anna, FRIDAY_NIGHT)
    weekend = add(services, anna, SATURDAY)
    early = add(services, anna, dt.datetime(2026, 11, 23, 7, 45))
    ours = add(services, anna, FRIDAY_NIGHT, started_by=SCHOOL)
    assert not inside.outside_hours
    assert night.outside_hours and weekend.outside_hours and early.outside_hours
    assert not ours.outside_hours  # only a contact from the home is judged
    # The school's day starts at 07:30 now: 07:45 is inside, and it is not stored.
    services.principles.set("working_hours_start", "07:30")
    shown = {c.id: c.outside_hours for c in services.contacts.all(anna)}
    assert shown[early.id] is False
    assert shown[night.id] is True
    # With no principles at hand, the defaults.
    assert outside_hours(FRIDAY_NIGHT, PARENT) and not outside_hours(MONDAY_MORNING, PARENT)


def test_by_appointment_is_stored_for_a_call(services, anna) -> None:  # type: ignore[no-untyped-def]
    call = add(services, anna, MONDAY_MORNING, channel=PHONE, by_appointment=True)
    assert call.by_appointment
    assert services.contacts.all(anna)[0].by_appointment
    assert not services.contacts.update(call.id, by_appointment=False).by_appointment
    assert services.contacts.update(call.id, by_appointment=True).by_appointment
    # A message on Aula is no call: nothing to agree on first.
    assert not services.contacts.update(call.id, channel=AULA).by_appointment
    message = add(services, anna, MONDAY_MORNING, by_appointment=True)
    assert not message.by_appointment


def test_without_appointment_only_where_the_principles_ask(services, anna) -> None:  # type: ignore[no-untyped-def]
    call = add(services, anna, MONDAY_MORNING, channel=PHONE)
    agreed = add(services, anna, MONDAY_MORNING, channel=PHONE, by_appointment=True)
    mail = add(services, anna, MONDAY_MORNING, channel=EMAIL)
    # The defaults (and Skoledistrikt Vest): no channel needs an appointment.
    assert not any(c.without_appointment for c in (call, agreed, mail))
    services.principles.use("skoledistrikt-vest")
    assert not any(c.without_appointment for c in services.contacts.all(anna))
    services.principles.use("den-lille-skole")
    flagged = {c.id for c in services.contacts.all(anna) if c.without_appointment}
    assert flagged == {call.id}
    assert not services.contacts.update(call.id, by_appointment=True).without_appointment


def test_due_soon_follows_the_working_days(services, anna) -> None:  # type: ignore[no-untyped-def]
    thursday = dt.date(2026, 11, 26)
    no_friday = frozenset(range(4))
    assert reply_soon_until(thursday) == dt.date(2026, 11, 27)
    assert reply_soon_until(thursday, no_friday) == dt.date(2026, 11, 30)
    assert reply_urgency(dt.date(2026, 11, 30), thursday) is None
    assert reply_urgency(dt.date(2026, 11, 30), thursday, weekdays=no_friday) is not None
    assert defaults().next_working_day(thursday) == dt.date(2026, 11, 27)
    # The counts read the principles in force when no weekdays are given.
    add(services, anna, MONDAY_MORNING, reply_due_on=dt.date(2026, 11, 30))
    with services.db.reading() as s:
        assert reply_counts(s, [anna], thursday).soon == {}
    services.principles.set("working_weekdays", "mon-thu")
    with services.db.reading() as s:
        assert reply_counts(s, [anna], thursday).soon == {anna: 1}
        assert reply_counts(s, [anna], thursday, frozenset(range(5))).soon == {}


def test_an_sms_is_agreed_on_first_too(services, anna) -> None:  # type: ignore[no-untyped-def]
    """Den lille Skole: "Telefonsamtaler og sms med personalet sker efter forudgående aftale"."""
    services.principles.use("den-lille-skole")
    sms = add(services, anna, MONDAY_MORNING, channel=ContactChannel.SMS)
    assert sms.without_appointment
    agreed = services.contacts.update(sms.id, by_appointment=True)
    assert agreed.by_appointment and not agreed.without_appointment
    services.principles.set("appointment_channels", "phone")
    assert not services.contacts.update(sms.id, by_appointment=False).without_appointment
