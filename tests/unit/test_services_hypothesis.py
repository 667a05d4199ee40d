"""Random input to the services: it works and reads back (trimmed), or a UserError changes nothing.

Never another exception. Text includes control characters, odd Unicode and huge strings;
dates go from year 1 to 9999; ints far outside every range.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    ContactTopic,
    ConversationKind,
    FocusArea,
    Language,
    Relation,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.store.models import (
    Base,
)

NOW = dt.datetime(2026, 11, 23, 10, 0)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text of every kind: control characters, combining marks, RTL, emoji, very long runs.
odd_chars = st.characters(codec="utf-8", exclude_categories=["Cs"])
texts = st.one_of(
    st.text(odd_chars, max_size=40),
    st.text(st.sampled_from("\x01\x07\x1b\t\n\r\x0b\x0c\x7f\u200b\u202e\ufeff Øæå"), max_size=12),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "ø", "😀", " "]), st.integers(0, 25_000)),
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
datetimes = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31))
ints = st.one_of(st.integers(-5, 3000), st.integers(-(2**63), 2**63 - 1))


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Services, int, int]]:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "data")
        services = Services(db, lambda: NOW)
        klass = services.classes.create("5.A", 2026)
        pupil = services.students.add("Anna", "Berg", klass.id)
        yield services, klass.id, pupil.id
        db.close()


def counts(services: Services) -> dict[str, int]:
    with services.db.reading() as s:
        return {
            table.name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def snapshot(services: Services, student_id: int) -> object:
    detail = services.students.get(student_id)
    return (counts(services), detail)


def attempt(services: Services, student_id: int, action):  # type: ignore[no-untyped-def]
    """Run ``action``: its result, or None after a UserError that changed nothing."""
    before = snapshot(services, student_id)
    try:
        return action()
    except UserError as exc:
        assert exc.message.strip(), "a UserError needs a message"
        assert snapshot(services, student_id) == before, "a refused input changed something"
        return None


@SETTINGS
@given(first=texts, last=texts, birth=st.none() | dates)
def test_students_add_and_edit(world, first: str, last: str, birth: dt.date | None) -> None:  # type: ignore[no-untyped-def]
    services, class_id, pupil_id = world
    row = attempt(services, pupil_id, lambda: services.students.add(first, last, class_id, birth))
    if row is not None:
        got = services.students.get(row.id)
        assert (got.first_name, got.last_name, got.birth_date) == (
            first.strip(),
            last.strip(),
            birth,
        )
        services.students.delete(row.id)
    edited = attempt(
        services,
        pupil_id,
        lambda: services.students.edit(
            pupil_id, first_name=first, last_name=last, birth_date=birth
        ),
    )
    if edited is not None:
        got = services.students.get(pupil_id)
        assert (got.first_name, got.last_name) == (first.strip(), last.strip())
        services.students.edit(pupil_id, first_name="Anna", last_name="Berg", clear_birth_date=True)


@SETTINGS
@given(
    name=texts,
    email=st.none() | texts,
    phone=st.none() | texts,
    relation=st.sampled_from(list(Relation)),
    language=st.sampled_from(list(Language)),
)
def test_guardians(
    world,
    *,
    name: str,
    email: str | None,
    phone: str | None,
    relation: Relation,
    language: Language,
) -> None:  # type: ignore[no-untyped-def]
    services, _class_id, pupil_id = world
    info = attempt(
        services,
        pupil_id,
        lambda: services.students.add_guardian(
            pupil_id, name, relation=relation, email=email, phone=phone, preferred_language=language
        ),
    )
    if info is not None:
        assert info.name == name.strip()
        assert info.email == ((email or "").strip() or None)
        assert info.phone == ((phone or "").strip() or None)
        edited = attempt(
            services,
            pupil_id,
            lambda: services.students.edit_guardian(pupil_id, info.id, name=name + "x"),
        )
        if edited is not None:
            assert edited.name == (name + "x").strip()
        services.students.remove_guardian(pupil_id, info.id)


@SETTINGS
@given(
    starts_at=datetimes,
    duration=ints,
    place=texts,
    note=texts,
    wishes=texts,
    kind=st.sampled_from(list(ConversationKind)),
    section=st.sampled_from(list(SectionKind)),
    text=texts,
    shared=st.none() | st.booleans(),
)
def test_conversations_plan_and_set_section(  # type: ignore[no-untyped-def]
    world, *, starts_at, duration, place, note, wishes, kind, section, text, shared
) -> None:
    services, _class_id, pupil_id = world
    planning = Planning(
        starts_at=starts_at,
        kind=kind,
        duration_minutes=duration,
        place=place,
        pupil_attends_note=note,
        parents_wishes=wishes,
    )
    detail = attempt(services, pupil_id, lambda: services.conversations.plan(pupil_id, planning))
    if detail is None:
        return
    got = services.conversations.get(detail.id)
    assert got.starts_at == starts_at.replace(second=0, microsecond=0)  # to the minute
    assert (got.place, got.pupil_attends_note, got.parents_wishes) == (
        place.strip(),
        note.strip(),
        wishes.strip(),
    )
    assert got.duration_minutes == duration
    info = attempt(
        services,
        pupil_id,
        lambda: services.conversations.set_section(detail.id, section, text, shared),
    )
    if info is not None:
        assert services.conversations.get(detail.id).section(section).text == text.strip()
    services.conversations.delete(detail.id)


@SETTINGS
@given(
    year=ints,
    area=st.sampled_from(list(FocusArea)),
    goal=texts,
    actions=texts,
    evaluation=texts,
    subject=texts,
)
def test_focus_add(
    world, *, year: int, area: FocusArea, goal: str, actions: str, evaluation: str, subject: str
) -> None:  # type: ignore[no-untyped-def]
    services, _class_id, pupil_id = world
    point = attempt(
        services,
        pupil_id,
        lambda: services.focus.add(
            pupil_id, year, area, goal, actions=actions, evaluation=evaluation, subject=subject
        ),
    )
    if point is not None:
        (got,) = [p for p in services.focus.all(pupil_id, year) if p.id == point.id]
        assert (got.goal, got.actions, got.evaluation, got.subject) == (
            goal.strip(),
            actions.strip(),
            evaluation.strip(),
            subject.strip(),
        )
        services.focus.remove(point.id)


@SETTINGS
@given(
    occurred_at=st.none() | datetimes,
    summary=texts,
    channel=st.sampled_from(list(ContactChannel)),
    started_by=st.sampled_from(list(StartedBy)),
    topic=st.sampled_from(list(ContactTopic)),
    reply=st.none() | dates,
)
def test_contacts_add(world, *, occurred_at, summary, channel, started_by, topic, reply) -> None:  # type: ignore[no-untyped-def]
    services, _class_id, pupil_id = world
    entry = attempt(
        services,
        pupil_id,
        lambda: services.contacts.add(
            pupil_id,
            channel=channel,
            started_by=started_by,
            topic=topic,
            summary=summary,
            occurred_at=occurred_at,
            reply_due_on=reply,
        ),
    )
    if entry is not None:
        (got,) = [c for c in services.contacts.all(pupil_id) if c.id == entry.id]
        assert got.summary == summary.strip()
        assert got.reply_due == reply
        services.contacts.remove(entry.id)


@SETTINGS
@given(name=texts, year=st.none() | ints, grade=st.none() | ints)
def test_classes_create(world, name: str, year: int | None, grade: int | None) -> None:  # type: ignore[no-untyped-def]
    services, _class_id, pupil_id = world
    assume(name.strip() != "5.A")
    info = attempt(services, pupil_id, lambda: services.classes.create(name, year, grade))
    if info is not None:
        assert services.classes.get(info.id).name == name.strip()
        with services.db.transaction() as s:
            from skolehjem_desktop.store.models import SchoolClass

            s.delete(s.get(SchoolClass, info.id))


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_in_names_are_refused(services, char: str) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    with pytest.raises(UserError, match=r"control character|not allowed|cannot"):
        services.students.add(f"An{char}na", "Berg", klass.id)


def test_a_lone_surrogate_is_refused_with_a_message(services) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    with pytest.raises(UserError):
        services.students.add("An\udcffna", "Berg", klass.id)


def test_a_nul_name_is_refused_with_a_message(services) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    with pytest.raises(UserError):
        services.students.add("\x00", "", klass.id)
