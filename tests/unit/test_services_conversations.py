"""School–home conversations: planning, sections, agreements, holding and cancelling."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy.exc import IntegrityError

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.conversations import HeldBeforeItsDay, Planning, default_shared
from skolehjem_desktop.store.models import ConversationSection

PAST = dt.datetime(2026, 11, 20, 14, 0)  # the Friday before the clock's Monday
FUTURE = dt.datetime(2026, 11, 26, 15, 30)


@dataclass
class World:
    class_id: int
    other_class_id: int
    me: int
    colleague: int
    outsider: int
    anna: int
    bo: int
    mother: int
    father: int
    step: int
    bo_mother: int


@pytest.fixture
def w(services) -> World:  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    colleague = services.school.add_teacher("Bo Berg", "BB")
    outsider = services.school.add_teacher("Carl Dahl", "CD")
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id, colleague.id))
    other = services.classes.create("5.B", 2026, contact_teacher_ids=(outsider.id,))
    anna = services.students.add("Anna", "Hansen", klass.id)
    bo = services.students.add("Bo", "Berg", other.id)
    mother = services.students.add_guardian(anna.id, "Mette Hansen")
    step = services.students.add_guardian(anna.id, "Stedfar", has_custody=False)
    father = services.students.add_guardian(anna.id, "Jens Hansen")
    bo_mother = services.students.add_guardian(bo.id, "Birgit Berg")
    return World(
        klass.id,
        other.id,
        me.id,
        colleague.id,
        outsider.id,
        anna.id,
        bo.id,
        mother.id,
        father.id,
        step.id,
        bo_mother.id,
    )


def plan(services, student_id: int, starts_at: dt.datetime = PAST, **kw):  # type: ignore[no-untyped-def]
    return services.conversations.plan(student_id, Planning(starts_at=starts_at, **kw))


# --- planning ----------------------------------------------------------------------------


def test_plan_defaults(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, dt.datetime(2026, 11, 26, 15, 30, 45, 123))
    assert c.student_id == w.anna
    assert c.student_name == "Anna Hansen"
    assert c.kind is ConversationKind.ORDINARY
    assert c.requested_by is RequestedBy.SCHOOL
    assert c.status is ConversationStatus.PLANNED
    assert c.starts_at == dt.datetime(2026, 11, 26, 15, 30)
    assert c.duration_minutes == 30
    assert c.school_year == 2026
    # The class's contact teachers, and the guardians with custody in their order.
    assert {t for t, _ in c.teachers} == {w.me, w.colleague}
    assert [g for g, _ in c.guardians] == [w.mother, w.father]
    # A new conversation has an empty private preparation and an empty agenda.
    assert set(c.sections) == {SectionKind.PRIVATE_PREPARATION, SectionKind.AGENDA}
    assert c.section(SectionKind.PRIVATE_PREPARATION).shared is False
    assert c.section(SectionKind.AGENDA).shared is True
    assert c.section(SectionKind.SUMMARY).text == ""
    assert c.agreements == ()


def test_plan_contact_teachers_of_that_school_year(services, w: World) -> None:  # type: ignore[no-untyped-def]
    # In 2027/28 the pupil has no class yet, so no contact teachers by default.
    c = plan(services, w.anna, dt.datetime(2027, 9, 1, 15, 0))
    assert c.teachers == ()
    assert c.school_year == 2027


def test_plan_explicit_participants(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(
        services,
        w.anna,
        FUTURE,
        kind=ConversationKind.AS_NEEDED,
        requested_by=RequestedBy.PARENTS,
        duration_minutes=45,
        place="  Lokale 12 ",
        pupil_attends=False,
        pupil_attends_note="Kun forældre",
        parents_wishes="Matematiklæreren deltager",
        teacher_ids=(w.outsider, w.outsider),
        guardian_ids=(w.step,),
    )
    assert c.kind is ConversationKind.AS_NEEDED
    assert c.requested_by is RequestedBy.PARENTS
    assert c.duration_minutes == 45
    assert c.place == "Lokale 12"
    assert c.pupil_attends is False
    assert c.pupil_attends_note == "Kun forældre"
    assert c.parents_wishes == "Matematiklæreren deltager"
    assert c.teachers == ((w.outsider, "Carl Dahl"),)
    assert c.guardians == ((w.step, "Stedfar"),)


def test_plan_refuses_guardian_of_another_pupil(services, w: World) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="pupil's own guardians"):
        plan(services, w.anna, guardian_ids=(w.mother, w.bo_mother))
    assert services.conversations.all(student_id=w.anna) == []


@pytest.mark.parametrize("minutes", [4, 481, 0])
def test_plan_refuses_bad_duration(services, w: World, minutes: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="between 5 and 480"):
        plan(services, w.anna, duration_minutes=minutes)
    assert services.conversations.all(student_id=w.anna) == []


def test_plan_unknown_teacher_pupil_guardian(services, w: World) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        plan(services, w.anna, teacher_ids=(999,))
    with pytest.raises(NotFoundError):
        plan(services, w.anna, guardian_ids=(999,))
    with pytest.raises(NotFoundError):
        plan(services, 999)
    assert services.conversations.all(student_id=w.anna) == []


def test_update_planning_keeps_and_changes_participants(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, FUTURE)
    same = services.conversations.update_planning(c.id, Planning(starts_at=FUTURE, place="Klassen"))
    assert same.place == "Klassen"
    assert {t for t, _ in same.teachers} == {w.me, w.colleague}
    assert [g for g, _ in same.guardians] == [w.mother, w.father]
    changed = services.conversations.update_planning(
        c.id, Planning(starts_at=FUTURE, teacher_ids=(w.me,), guardian_ids=(w.father,))
    )
    assert changed.teachers == ((w.me, "Anne Holm"),)
    assert changed.guardians == ((w.father, "Jens Hansen"),)


def test_update_planning_refused_changes_nothing(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, FUTURE, place="Klassen")
    with pytest.raises(ValidationError):
        services.conversations.update_planning(
            c.id, Planning(starts_at=PAST, place="Andet", guardian_ids=(w.bo_mother,))
        )
    after = services.conversations.get(c.id)
    assert after.place == "Klassen"
    assert after.starts_at == FUTURE
    assert [g for g, _ in after.guardians] == [w.mother, w.father]


# --- sections ----------------------------------------------------------------------------


def test_default_shared() -> None:
    assert default_shared(SectionKind.PRIVATE_PREPARATION) is False
    for kind in SectionKind:
        if kind is not SectionKind.PRIVATE_PREPARATION:
            assert default_shared(kind) is True


def test_set_section(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    info = services.conversations.set_section(c.id, SectionKind.SUMMARY, "Det går godt.")
    assert (info.text, info.shared) == ("Det går godt.", True)
    info = services.conversations.set_section(c.id, SectionKind.CONCERNS, "Uro", shared=False)
    assert info.shared is False
    # shared=None keeps the flag.
    info = services.conversations.set_section(c.id, SectionKind.CONCERNS, "Mindre uro")
    assert (info.text, info.shared) == ("Mindre uro", False)
    services.conversations.set_section(c.id, SectionKind.PRIVATE_PREPARATION, "Husk at rose")
    detail = services.conversations.get(c.id)
    assert detail.section(SectionKind.SUMMARY).text == "Det går godt."
    assert detail.section(SectionKind.CONCERNS).shared is False
    private = detail.section(SectionKind.PRIVATE_PREPARATION)
    assert (private.text, private.shared) == ("Husk at rose", False)


def test_private_preparation_never_shared(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    services.conversations.set_section(c.id, SectionKind.PRIVATE_PREPARATION, "Hemmeligt")
    with pytest.raises(ValidationError, match="never shared"):
        services.conversations.set_section(
            c.id, SectionKind.PRIVATE_PREPARATION, "Nyt", shared=True
        )
    section = services.conversations.get(c.id).section(SectionKind.PRIVATE_PREPARATION)
    assert (section.text, section.shared) == ("Hemmeligt", False)
    # Given as the plain string value, too.
    with pytest.raises(ValidationError):
        services.conversations.set_section(c.id, "private_preparation", "x", shared=True)


def test_database_refuses_a_shared_private_preparation(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    with pytest.raises(IntegrityError), services.db.transaction() as s:
        s.query(ConversationSection).filter_by(conversation_id=c.id).delete()
        s.add(
            ConversationSection(
                conversation_id=c.id,
                kind=SectionKind.PRIVATE_PREPARATION,
                text="x",
                shared=True,
            )
        )
        s.flush()
    # And an update of the existing row to shared is refused as well.
    with pytest.raises(IntegrityError), services.db.transaction() as s:
        section = (
            s.query(ConversationSection)
            .filter_by(conversation_id=c.id, kind=SectionKind.PRIVATE_PREPARATION)
            .one()
        )
        section.shared = True
        s.flush()
    assert services.conversations.get(c.id).section(SectionKind.PRIVATE_PREPARATION).shared is False


def test_too_long_text_refused_and_nothing_changed(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    services.conversations.set_section(c.id, SectionKind.SUMMARY, "Før")
    before = services.conversations.get(c.id)
    with pytest.raises(ValidationError, match="too long: 20001 characters, at most 20000"):
        services.conversations.set_section(c.id, SectionKind.SUMMARY, "x" * (TEXT_MAX + 1))
    with pytest.raises(ValidationError, match="too long"):
        services.conversations.set_section(c.id, SectionKind.ACADEMIC, "x" * (TEXT_MAX + 1))
    after = services.conversations.get(c.id)
    assert after == before
    assert SectionKind.ACADEMIC not in after.sections
    # Exactly the limit is fine.
    ok = services.conversations.set_section(c.id, SectionKind.SUMMARY, "y" * TEXT_MAX)
    assert len(ok.text) == TEXT_MAX


def test_set_section_unknown_conversation(services, w: World) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.conversations.set_section(999, SectionKind.SUMMARY, "x")


def test_set_next_conversation(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    services.conversations.set_next_conversation(c.id, "Til foråret")
    assert services.conversations.get(c.id).next_conversation == "Til foråret"
    with pytest.raises(ValidationError):
        services.conversations.set_next_conversation(c.id, "x" * (TEXT_MAX + 1))
    assert services.conversations.get(c.id).next_conversation == "Til foråret"


def test_copy_last_agenda_takes_the_latest_earlier_one(services, w: World) -> None:  # type: ignore[no-untyped-def]
    oldest = plan(services, w.anna, dt.datetime(2025, 11, 1, 14, 0))
    services.conversations.set_section(oldest.id, SectionKind.AGENDA, "Gammel dagsorden")
    latest = plan(services, w.anna, dt.datetime(2026, 3, 1, 14, 0))
    services.conversations.set_section(latest.id, SectionKind.AGENDA, "1. Trivsel\n2. Dansk")
    empty = plan(services, w.anna, dt.datetime(2026, 6, 1, 14, 0))  # no agenda text
    later = plan(services, w.anna, dt.datetime(2027, 1, 10, 14, 0))
    services.conversations.set_section(later.id, SectionKind.AGENDA, "Fremtidig")
    other = plan(services, w.bo, dt.datetime(2026, 10, 1, 14, 0))
    services.conversations.set_section(other.id, SectionKind.AGENDA, "Bos dagsorden")
    assert empty.id

    new = plan(services, w.anna, FUTURE)
    assert services.conversations.copy_last_agenda(new.id) == "1. Trivsel\n2. Dansk"
    assert services.conversations.get(new.id).section(SectionKind.AGENDA).text == (
        "1. Trivsel\n2. Dansk"
    )


def test_copy_last_agenda_without_an_earlier_one(services, w: World) -> None:  # type: ignore[no-untyped-def]
    first = plan(services, w.anna)
    with pytest.raises(ValidationError, match="no earlier conversation with an agenda"):
        services.conversations.copy_last_agenda(first.id)
    later = plan(services, w.anna, FUTURE)
    services.conversations.set_section(later.id, SectionKind.AGENDA, "Senere")
    with pytest.raises(ValidationError):
        services.conversations.copy_last_agenda(first.id)
    assert services.conversations.get(first.id).section(SectionKind.AGENDA).text == ""


# --- status ------------------------------------------------------------------------------


def test_mark_held(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, PAST)
    held = services.conversations.mark_held(c.id)
    assert held.status is ConversationStatus.HELD
    # Later today is fine too.
    today = plan(services, w.anna, dt.datetime(2026, 11, 23, 16, 0))
    assert services.conversations.mark_held(today.id).status is ConversationStatus.HELD


def test_mark_held_in_the_future_refused(services, w: World, clock) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, FUTURE)
    with pytest.raises(HeldBeforeItsDay, match="26/11/2026") as refused:
        services.conversations.mark_held(c.id)
    assert refused.value.on == FUTURE.date()
    assert services.conversations.get(c.id).status is ConversationStatus.PLANNED
    clock.now = dt.datetime(2026, 11, 26, 16, 0)
    assert services.conversations.mark_held(c.id).status is ConversationStatus.HELD


def test_mark_held_without_teachers_refused(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, PAST, teacher_ids=())
    with pytest.raises(ValidationError, match="at least the contact teacher"):
        services.conversations.mark_held(c.id)
    assert services.conversations.get(c.id).status is ConversationStatus.PLANNED


def test_cancel_then_reschedule_is_planned_again(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, FUTURE)
    assert services.conversations.mark_cancelled(c.id).status is ConversationStatus.CANCELLED
    new_time = dt.datetime(2026, 12, 3, 14, 15, 59)
    moved = services.conversations.reschedule(c.id, new_time, duration_minutes=20, place="Aula")
    assert moved.status is ConversationStatus.PLANNED
    assert moved.starts_at == dt.datetime(2026, 12, 3, 14, 15)
    assert moved.duration_minutes == 20
    assert moved.place == "Aula"


def test_reschedule_held_refused(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, PAST)
    services.conversations.mark_held(c.id)
    with pytest.raises(ValidationError, match="held cannot be rescheduled"):
        services.conversations.reschedule(c.id, FUTURE)
    after = services.conversations.get(c.id)
    assert (after.status, after.starts_at) == (ConversationStatus.HELD, PAST)


def test_reschedule_bad_duration_changes_nothing(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, FUTURE)
    services.conversations.mark_cancelled(c.id)
    with pytest.raises(ValidationError):
        services.conversations.reschedule(c.id, dt.datetime(2026, 12, 1, 9, 0), duration_minutes=1)
    after = services.conversations.get(c.id)
    assert (after.status, after.starts_at) == (ConversationStatus.CANCELLED, FUTURE)


def test_mark_planned_undoes(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna, PAST)
    services.conversations.mark_held(c.id)
    assert services.conversations.mark_planned(c.id).status is ConversationStatus.PLANNED


def test_delete(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    services.conversations.add_agreement(c.id, "x", Responsible.HOME)
    services.conversations.delete(c.id)
    with pytest.raises(NotFoundError):
        services.conversations.get(c.id)
    assert services.conversations.open_agreements(w.anna) == []


# --- agreements --------------------------------------------------------------------------


def test_agreements_add_update_done_remove(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    a = services.conversations.add_agreement(
        c.id, "  Læse 20 minutter hver dag ", Responsible.HOME, dt.date(2026, 12, 1)
    )
    assert a.text == "Læse 20 minutter hver dag"
    assert a.responsible is Responsible.HOME
    assert a.due == dt.date(2026, 12, 1)
    assert a.done is False
    b = services.conversations.add_agreement(c.id, "Tjekke lektier", "school")
    assert b.responsible is Responsible.SCHOOL
    assert [x.id for x in services.conversations.get(c.id).agreements] == [a.id, b.id]

    a2 = services.conversations.update_agreement(a.id, text="Læse 30 minutter", responsible="pupil")
    assert (a2.text, a2.responsible, a2.due) == (
        "Læse 30 minutter",
        Responsible.PUPIL,
        dt.date(2026, 12, 1),
    )
    a3 = services.conversations.update_agreement(a.id, clear_due=True)
    assert a3.due is None
    a4 = services.conversations.update_agreement(a.id, due=dt.date(2027, 1, 5), done=True)
    assert (a4.due, a4.done) == (dt.date(2027, 1, 5), True)
    assert [x.id for x in services.conversations.open_agreements(w.anna)] == [b.id]

    with pytest.raises(ValidationError, match="must be filled in"):
        services.conversations.update_agreement(b.id, text="  ")
    assert services.conversations.get(c.id).agreements[1].text == "Tjekke lektier"

    services.conversations.remove_agreement(a.id)
    assert [x.id for x in services.conversations.get(c.id).agreements] == [b.id]
    with pytest.raises(NotFoundError):
        services.conversations.remove_agreement(a.id)
    with pytest.raises(NotFoundError):
        services.conversations.update_agreement(a.id, done=True)


def test_add_agreement_refuses_empty_or_unknown(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    with pytest.raises(ValidationError):
        services.conversations.add_agreement(c.id, "", Responsible.HOME)
    with pytest.raises(NotFoundError):
        services.conversations.add_agreement(999, "x", Responsible.HOME)
    with pytest.raises(ValueError):
        services.conversations.add_agreement(c.id, "x", "nobody")
    assert services.conversations.get(c.id).agreements == ()


def test_agreements_keep_their_order(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c = plan(services, w.anna)
    ids = [
        services.conversations.add_agreement(c.id, f"Aftale {n}", Responsible.SCHOOL).id
        for n in range(4)
    ]
    assert [a.id for a in services.conversations.get(c.id).agreements] == ids


def test_open_agreements_earliest_due_first_then_no_due(services, w: World) -> None:  # type: ignore[no-untyped-def]
    c1 = plan(services, w.anna, dt.datetime(2026, 9, 1, 14, 0))
    c2 = plan(services, w.anna, PAST)
    no_due = services.conversations.add_agreement(c1.id, "Uden dato", Responsible.HOME)
    late = services.conversations.add_agreement(
        c1.id, "Sent", Responsible.HOME, dt.date(2027, 2, 1)
    )
    early = services.conversations.add_agreement(
        c2.id, "Tidligt", Responsible.SCHOOL, dt.date(2026, 10, 1)
    )
    done = services.conversations.add_agreement(
        c2.id, "Færdig", Responsible.PUPIL, dt.date(2026, 9, 1)
    )
    services.conversations.update_agreement(done.id, done=True)
    bo_conv = plan(services, w.bo)
    services.conversations.add_agreement(bo_conv.id, "Bos", Responsible.HOME, dt.date(2026, 1, 1))
    opened = services.conversations.open_agreements(w.anna)
    assert [a.id for a in opened] == [early.id, late.id, no_due.id]
    today = dt.date(2026, 11, 23)
    assert [a.overdue(today) for a in opened] == [True, False, False]


# --- listing -----------------------------------------------------------------------------


def test_all_by_class_is_limited_to_the_school_year(services, w: World) -> None:  # type: ignore[no-untyped-def]
    last_year = plan(services, w.anna, dt.datetime(2026, 7, 31, 23, 59))
    first_day = plan(services, w.anna, dt.datetime(2026, 8, 1, 0, 0))
    later = plan(services, w.anna, FUTURE)
    next_year = plan(services, w.anna, dt.datetime(2027, 8, 1, 8, 0))
    plan(services, w.bo)
    rows = services.conversations.all(class_id=w.class_id)
    assert [r.id for r in rows] == [later.id, first_day.id]
    assert rows[0].student_name == "Anna Hansen"
    assert [r.id for r in services.conversations.all(class_id=w.class_id, school_year=2025)] == [
        last_year.id
    ]
    assert [r.id for r in services.conversations.all(student_id=w.anna)] == [
        next_year.id,
        later.id,
        first_day.id,
        last_year.id,
    ]
    assert [r.id for r in services.conversations.all(student_id=w.anna, school_year=2027)] == [
        next_year.id
    ]
    assert len(services.conversations.all(school_year=2026)) == 3


def test_all_unknown_class_or_pupil(services, w: World) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.conversations.all(class_id=999)
    with pytest.raises(NotFoundError):
        services.conversations.all(student_id=999)


def test_the_last_agenda_is_read_without_copying_it(services, w: World) -> None:  # type: ignore[no-untyped-def]
    first = plan(services, w.anna)
    with pytest.raises(ValidationError, match="no earlier conversation with an agenda"):
        services.conversations.last_agenda(first.id)
    services.conversations.set_section(first.id, SectionKind.AGENDA, "1. Trivsel")
    later = plan(services, w.anna, FUTURE)
    assert services.conversations.last_agenda(later.id) == "1. Trivsel"
    assert services.conversations.get(later.id).section(SectionKind.AGENDA).text == ""
