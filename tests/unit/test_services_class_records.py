"""Class records: parent meetings, the class parent council, the contact parent, what is owed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.class_records import MeetingInput
from skolehjem_desktop.services.owed import ClassItem, ClassItemState, class_item_text
from skolehjem_desktop.store.models import CouncilMember, ParentMeeting, ParentMeetingTeacher

START = dt.datetime(2026, 8, 27, 19, 0)


@pytest.fixture
def klass(services):  # type: ignore[no-untyped-def]
    """5.A 2026/27 with two pupils and three guardians; 6.B with one pupil and one guardian."""
    anne = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    bo = services.school.add_teacher("Bo Berg", "BB")
    c = services.classes.create("5.A", 2026)
    services.classes.set_contact_teachers(c.id, (anne.id,))
    other = services.classes.create("6.B", 2026)
    s1 = services.students.add("Søren", "Ærø", c.id)
    s2 = services.students.add("Ayşe", "Yılmaz", c.id)
    s3 = services.students.add("Ida", "Nord", other.id)
    g = {
        "mette": services.students.add_guardian(s1.id, "Mette Ærø").id,
        "lars": services.students.add_guardian(s1.id, "Lars Ærø").id,
        "elif": services.students.add_guardian(s2.id, "Elif Yılmaz").id,
        "outsider": services.students.add_guardian(s3.id, "Karen Nord").id,
    }
    return c, other, g, (anne.id, bo.id), (s1.id, s2.id)


def meeting(**changes):  # type: ignore[no-untyped-def]
    base = MeetingInput(
        starts_at=START,
        ends_at=START + dt.timedelta(hours=2),
        place="Klasselokalet",
        agenda="Velkommen\nValg af klasseforældreråd",
    )
    return dataclasses.replace(base, **changes)


# --- meetings ---------------------------------------------------------------------------


def test_create_edit_list_and_delete_a_meeting(services, klass, db) -> None:  # type: ignore[no-untyped-def]
    c, _other, _g, (anne, bo), _s = klass
    records = services.class_records
    created = records.create_meeting(
        c.id, meeting(teacher_ids=(anne, bo, anne), families_present=14)
    )
    assert created.class_id == c.id
    assert created.starts_at == START and created.ends_at == START + dt.timedelta(hours=2)
    assert created.place == "Klasselokalet"
    assert created.called_by is CalledBy.TEACHERS
    assert [t for t, _n in created.teachers] == [anne, bo]
    assert created.families_present == 14

    later = records.create_meeting(
        c.id,
        meeting(starts_at=dt.datetime(2027, 3, 2, 19, 0), ends_at=None, called_by=CalledBy.COUNCIL),
    )
    assert [m.id for m in records.meetings(c.id)] == [created.id, later.id]

    edited = records.update_meeting(
        created.id,
        dataclasses.replace(created.as_input(), minutes="  Rådet blev valgt.  ", teacher_ids=(bo,)),
    )
    assert edited.minutes == "Rådet blev valgt."
    assert [t for t, _n in edited.teachers] == [bo]
    assert records.meeting(created.id).minutes == "Rådet blev valgt."

    records.delete_meeting(created.id)
    assert [m.id for m in records.meetings(c.id)] == [later.id]
    with db.reading() as s:
        assert s.scalars(select(ParentMeetingTeacher)).all() == []
    with pytest.raises(NotFoundError):
        records.meeting(created.id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": START}, "end after it starts"),
        ({"ends_at": START - dt.timedelta(minutes=30)}, "end after it starts"),
        ({"ends_at": START + dt.timedelta(hours=13)}, "at most 12 hours"),
        ({"starts_at": dt.datetime(2026, 7, 31, 19, 0), "ends_at": None}, "school year 2026/27"),
        ({"starts_at": dt.datetime(2027, 8, 1, 19, 0), "ends_at": None}, "school year 2026/27"),
        ({"families_present": -1}, "between 0 and 500"),
        ({"families_present": 501}, "between 0 and 500"),
        ({"place": "x" * 201}, "Place is too long"),
        ({"agenda": "x" * 20_001}, "Agenda is too long"),
        ({"minutes": "bad\x00text"}, "control character"),
    ],
)
def test_a_refused_meeting_changes_nothing(services, klass, db, changes, message) -> None:  # type: ignore[no-untyped-def]
    c = klass[0]
    with pytest.raises(ValidationError, match=message):
        services.class_records.create_meeting(c.id, meeting(**changes))
    first = services.class_records.create_meeting(c.id, meeting(minutes="kept"))
    with pytest.raises(ValidationError, match=message):
        services.class_records.update_meeting(first.id, meeting(**changes))
    assert services.class_records.meeting(first.id).minutes == "kept"
    with db.reading() as s:
        assert len(s.scalars(select(ParentMeeting)).all()) == 1


def test_teachers_must_exist_and_the_class_too(services, klass) -> None:  # type: ignore[no-untyped-def]
    c = klass[0]
    with pytest.raises(NotFoundError, match="Teacher with id 99"):
        services.class_records.create_meeting(c.id, meeting(teacher_ids=(99,)))
    with pytest.raises(NotFoundError):
        services.class_records.create_meeting(999, meeting())
    with pytest.raises(NotFoundError):
        services.class_records.meetings(999)
    assert services.class_records.meetings(c.id) == []


def test_teacher_choices_put_the_class_teachers_first(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, _o, _g, (anne, bo), _s = klass
    choices = services.class_records.teacher_choices(c.id)
    assert [(t.id, t.teaches_class) for t in choices] == [(anne, True), (bo, False)]


def test_suggested_meeting_is_a_weekday_evening_in_the_school_year(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c, _o, _g, (anne, _bo), _s = klass
    suggestion = services.class_records.suggested_meeting(c.id)
    assert suggestion.starts_at == dt.datetime(2026, 11, 24, 19, 0)
    assert suggestion.teacher_ids == (anne,)
    clock.now = dt.datetime(2026, 11, 27, 10, 0)  # a Friday: the next weekday is Monday
    assert services.class_records.suggested_meeting(c.id).starts_at.date() == dt.date(2026, 11, 30)
    old = services.classes.create("4.A", 2025)
    assert services.class_records.suggested_meeting(old.id).starts_at.date() == dt.date(2025, 8, 15)
    services.class_records.create_meeting(c.id, suggestion)


def test_latest_meeting_is_the_last_one_held(services, klass) -> None:  # type: ignore[no-untyped-def]
    c = klass[0]
    assert services.class_records.latest_meeting(c.id) is None
    coming = services.class_records.create_meeting(
        c.id, meeting(starts_at=dt.datetime(2027, 1, 5, 19, 0), ends_at=None)
    )
    assert services.class_records.latest_meeting(c.id) == coming
    held = services.class_records.create_meeting(c.id, meeting())
    assert services.class_records.latest_meeting(c.id) == held


def test_the_database_refuses_a_second_contact_parent_and_negative_families(
    services, klass, db
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    c, _o, g, _t, _s = klass
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(CouncilMember(school_class_id=c.id, guardian_id=g["mette"], is_contact_parent=True))
        s.add(CouncilMember(school_class_id=c.id, guardian_id=g["elif"], is_contact_parent=True))
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(
            ParentMeeting(
                school_class_id=c.id,
                starts_at=START,
                place="",
                agenda="",
                minutes="",
                families_present=-3,
            )
        )


# --- council ----------------------------------------------------------------------------


def test_set_the_council_and_the_contact_parent(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, _o, g, _t, _s = klass
    records = services.class_records
    council = records.council(c.id)
    assert [x.name for x in council.candidates] == ["Elif Yılmaz", "Lars Ærø", "Mette Ærø"]
    assert council.members == () and council.contact_parent is None
    assert next(x for x in council.candidates if x.name == "Mette Ærø").pupils == ("Søren Ærø",)

    council = records.set_council(c.id, [g["mette"], g["elif"]], contact_parent_id=g["elif"])
    assert {x.guardian_id for x in council.members} == {g["mette"], g["elif"]}
    assert council.contact_parent is not None and council.contact_parent.guardian_id == g["elif"]
    # Members are listed first.
    assert [x.member for x in council.candidates] == [True, True, False]

    council = records.set_contact_parent(c.id, g["mette"])
    assert council.contact_parent is not None and council.contact_parent.name == "Mette Ærø"
    assert sum(x.contact_parent for x in council.candidates) == 1

    council = records.set_member(c.id, g["lars"], True)
    assert len(council.members) == 3 and council.contact_parent.guardian_id == g["mette"]  # type: ignore[union-attr]
    council = records.set_member(c.id, g["mette"], False)  # the contact parent leaves
    assert len(council.members) == 2 and council.contact_parent is None

    council = records.set_contact_parent(c.id, None)
    assert council.contact_parent is None
    assert records.set_council(c.id, []).members == ()


def test_council_refusals_change_nothing(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, _o, g, _t, _s = klass
    records = services.class_records
    records.set_council(c.id, [g["mette"]], g["mette"])
    with pytest.raises(ValidationError, match="pupil in the class"):
        records.set_council(c.id, [g["mette"], g["outsider"]])
    with pytest.raises(ValidationError, match="must be a member"):
        records.set_council(c.id, [g["mette"]], g["elif"])
    with pytest.raises(ValidationError, match="must be a member"):
        records.set_contact_parent(c.id, g["lars"])
    with pytest.raises(NotFoundError):
        records.set_council(c.id, [12345])
    council = records.council(c.id)
    assert [x.guardian_id for x in council.members] == [g["mette"]]
    assert council.contact_parent is not None and council.contact_parent.guardian_id == g["mette"]


def test_a_member_whose_child_left_stays_until_taken_off(services, klass) -> None:  # type: ignore[no-untyped-def]
    c, _o, g, _t, (s1, _s2) = klass
    records = services.class_records
    records.set_council(c.id, [g["mette"], g["elif"]], g["mette"])
    services.students.mark_left(s1, dt.date(2026, 11, 20))
    council = records.council(c.id)
    assert {x.name for x in council.members} == {"Mette Ærø", "Elif Yılmaz"}
    assert "Lars Ærø" not in {x.name for x in council.candidates}
    # Editing the council keeps her, but she cannot be added back once taken off.
    records.set_contact_parent(c.id, g["elif"])
    records.set_member(c.id, g["mette"], False)
    with pytest.raises(ValidationError):
        records.set_member(c.id, g["mette"], True)


def test_deleting_the_class_deletes_its_records(services, klass, db) -> None:  # type: ignore[no-untyped-def]
    c, _o, g, (anne, _bo), _s = klass
    services.class_records.create_meeting(c.id, meeting(teacher_ids=(anne,)))
    services.class_records.set_council(c.id, [g["mette"]], g["mette"])
    with db.transaction() as s:
        from skolehjem_desktop.store.models import SchoolClass

        s.delete(s.get(SchoolClass, c.id))
    with db.reading() as s:
        assert s.scalars(select(ParentMeeting)).all() == []
        assert s.scalars(select(ParentMeetingTeacher)).all() == []
        assert s.scalars(select(CouncilMember)).all() == []


# --- what is owed for the class ---------------------------------------------------------


def states(services, class_id):  # type: ignore[no-untyped-def]
    return {i.item: i.state for i in services.owed.for_class_records(class_id)}


def test_owed_before_the_deadline_is_due(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c = klass[0]
    clock.now = dt.datetime(2026, 9, 10, 12, 0)
    items = services.owed.for_class_records(c.id)
    assert [i.item for i in items] == [
        ClassItem.PARENT_MEETING,
        ClassItem.COUNCIL,
        ClassItem.CONTACT_PARENT,
    ]
    # By default (the law) neither a council nor a contact parent is required.
    assert [i.state for i in items] == [
        ClassItemState.DUE,
        ClassItemState.DONE,
        ClassItemState.DONE,
    ]
    assert items[2].name == ""
    assert all(i.deadline == dt.date(2026, 10, 1) for i in items)
    # A meeting planned for later is shown with its date, still due.
    services.class_records.create_meeting(
        c.id, meeting(starts_at=dt.datetime(2026, 9, 24, 19, 0), ends_at=None)
    )
    item = services.owed.for_class_records(c.id)[0]
    assert (item.state, item.on) == (ClassItemState.DUE, dt.date(2026, 9, 24))
    clock.now = dt.datetime(2026, 10, 1, 23, 0)  # the deadline day itself is not overdue
    assert states(services, c.id)[ClassItem.PARENT_MEETING] is ClassItemState.DUE


def test_owed_after_the_deadline_is_overdue_until_done(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c, _o, g, (anne, _bo), _s = klass
    services.principles.set("parent_council_required", "yes")  # this school requires both
    services.principles.set("contact_parent_required", "yes")
    assert set(states(services, c.id).values()) == {ClassItemState.OVERDUE}
    services.class_records.create_meeting(c.id, meeting(teacher_ids=(anne,)))
    services.class_records.set_council(c.id, [g["mette"], g["elif"]])
    items = {i.item: i for i in services.owed.for_class_records(c.id)}
    assert items[ClassItem.PARENT_MEETING].state is ClassItemState.DONE
    assert items[ClassItem.PARENT_MEETING].on == START.date()
    assert (items[ClassItem.COUNCIL].state, items[ClassItem.COUNCIL].count) == (
        ClassItemState.DONE,
        2,
    )
    assert items[ClassItem.CONTACT_PARENT].state is ClassItemState.OVERDUE
    services.class_records.set_contact_parent(c.id, g["elif"])
    item = services.owed.for_class_records(c.id)[2]
    assert (item.state, item.name) == (ClassItemState.DONE, "Elif Yılmaz")


def test_the_class_lines_follow_the_schools_principles(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c, _o, _g, _t, _s = klass
    # Skoledistrikt Vest: a council by the deadline; the council *may* choose a contact parent.
    services.principles.use("skoledistrikt-vest")
    assert states(services, c.id) == {
        ClassItem.PARENT_MEETING: ClassItemState.OVERDUE,
        ClassItem.COUNCIL: ClassItemState.OVERDUE,
        ClassItem.CONTACT_PARENT: ClassItemState.DONE,
    }
    text = class_item_text(services.owed.for_class_records(c.id)[2], str)
    assert text == "✓ Contact parent: none chosen; the council may choose one"
    # Den lille Skole has no class parent council.
    services.principles.use("den-lille-skole")
    assert states(services, c.id)[ClassItem.COUNCIL] is ClassItemState.DONE
    # A later deadline set by the school moves the meeting from overdue to due.
    services.principles.set("start_meeting_by", "12-15")
    item = services.owed.for_class_records(c.id)[0]
    assert (item.state, item.deadline) == (ClassItemState.DUE, dt.date(2026, 12, 15))


def test_a_meeting_with_no_teacher_of_the_class_is_not_the_start_of_year_meeting(  # type: ignore[no-untyped-def]
    services, klass, clock
) -> None:
    c, _other, _g, (anne, _bo), _s = klass
    # The council called a meeting of its own: no teacher took part.
    services.class_records.create_meeting(c.id, meeting(called_by=CalledBy.COUNCIL))
    assert states(services, c.id)[ClassItem.PARENT_MEETING] is ClassItemState.OVERDUE
    services.class_records.create_meeting(
        c.id, meeting(starts_at=START + dt.timedelta(days=1), ends_at=None, teacher_ids=(anne,))
    )
    item = services.owed.for_class_records(c.id)[0]
    assert (item.state, item.on) == (ClassItemState.DONE, (START + dt.timedelta(days=1)).date())


def test_a_meeting_with_only_teachers_of_other_classes_does_not_count(  # type: ignore[no-untyped-def]
    services, klass
) -> None:
    """ "et forældremøde, hvor lærere fra klassen deltager": Bo teaches no lesson in 5.A."""
    c, _other, _g, (anne, bo), _s = klass
    services.class_records.create_meeting(c.id, meeting(teacher_ids=(bo,)))
    assert states(services, c.id)[ClassItem.PARENT_MEETING] is ClassItemState.OVERDUE
    services.classes.set_contact_teachers(c.id, (anne, bo))
    assert states(services, c.id)[ClassItem.PARENT_MEETING] is ClassItemState.DONE


def test_a_meeting_to_come_or_of_another_class_does_not_count(services, klass, clock) -> None:  # type: ignore[no-untyped-def]
    c, other, _g, (anne, _bo), _s = klass
    services.class_records.create_meeting(other.id, meeting(teacher_ids=(anne,)))
    services.class_records.create_meeting(
        c.id, meeting(starts_at=dt.datetime(2026, 12, 1, 19, 0), ends_at=None, teacher_ids=(anne,))
    )
    assert states(services, c.id)[ClassItem.PARENT_MEETING] is ClassItemState.OVERDUE
    assert states(services, other.id)[ClassItem.PARENT_MEETING] is ClassItemState.DONE
    clock.now = dt.datetime(2026, 12, 1, 19, 30)
    assert states(services, c.id)[ClassItem.PARENT_MEETING] is ClassItemState.DONE


def test_owed_for_an_unknown_class(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        services.owed.for_class_records(42)


def test_the_lines_say_each_state_with_a_sign_and_words() -> None:
    from skolehjem_desktop.services.owed import ClassOwedItem, class_item_text

    deadline = dt.date(2026, 10, 1)

    def line(item: ClassItem, state: ClassItemState, **kw: object) -> str:
        return class_item_text(ClassOwedItem(item, state, deadline, **kw), dt.date.isoformat)  # type: ignore[arg-type]

    meeting, council, contact = (
        ClassItem.PARENT_MEETING,
        ClassItem.COUNCIL,
        ClassItem.CONTACT_PARENT,
    )
    done, due, overdue = ClassItemState.DONE, ClassItemState.DUE, ClassItemState.OVERDUE
    assert line(meeting, done, on=dt.date(2026, 8, 27)) == "✓ Parent meeting: held 2026-08-27"
    assert line(meeting, due) == "• Parent meeting: due by 2026-10-01"
    assert line(meeting, due, on=dt.date(2026, 9, 24)) == (
        "• Parent meeting: due by 2026-10-01 (planned 2026-09-24)"
    )
    assert line(meeting, overdue, on=dt.date(2026, 12, 1)) == (
        "✗ Parent meeting: overdue since 2026-10-01 (planned 2026-12-01)"
    )
    assert line(council, done, count=1) == "✓ Class parent council: elected, 1 member"
    assert line(council, done, count=3) == "✓ Class parent council: elected, 3 members"
    assert line(council, due) == "• Class parent council: not elected, due by 2026-10-01"
    assert line(council, overdue) == "✗ Class parent council: not elected, overdue since 2026-10-01"
    assert line(contact, done, name="Elif Yılmaz") == "✓ Contact parent: chosen (Elif Yılmaz)"
    assert line(contact, due) == "• Contact parent: not chosen, due by 2026-10-01"
    assert line(contact, overdue) == "✗ Contact parent: not chosen, overdue since 2026-10-01"
