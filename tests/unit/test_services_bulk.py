"""The services' bulk methods (``…_in``): many rows in the caller's transaction, checked as one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import (
    CalledBy,
    ContactChannel,
    ContactTopic,
    ConversationKind,
    ConversationStatus,
    FocusArea,
    FocusStatus,
    Language,
    PresentationVia,
    Relation,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.bulk import insert_returning_ids
from skolehjem_desktop.services.class_records import MeetingInput, NewCouncil, NewMeeting
from skolehjem_desktop.services.classes import NewClass
from skolehjem_desktop.services.contacts import NewContact, default_reply_due
from skolehjem_desktop.services.conversations import (
    NewAgreement,
    NewSection,
    Planning,
    RecordedConversation,
)
from skolehjem_desktop.services.focus import NewFocusPoint, NewPresentation
from skolehjem_desktop.services.school import NewTeacher
from skolehjem_desktop.services.students import GuardianLink, NewGuardian, NewPupil
from skolehjem_desktop.store.models import (
    ClassTeacher,
    ConversationGuardian,
    ConversationSection,
    ConversationTeacher,
    CouncilMember,
    Enrolment,
    FocusPoint,
    StudentGuardian,
    Teacher,
)

# The services' clock (tests/conftest.py) stands at Monday 23 November 2026, 10:00.
TODAY = dt.date(2026, 11, 23)
WHEN = dt.datetime(2026, 11, 2, 15, 0)


def count(services, model) -> int:  # type: ignore[no-untyped-def]
    with services.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


@pytest.fixture
def school(services):  # type: ignore[no-untyped-def]
    """5.A 2026/27 (teacher AH contact, BB other) with Ida (two parents) and Bo (one)."""
    anne = services.school.add_teacher("Anne Holm", "AH", is_user=True)
    bo = services.school.add_teacher("Bo Berg", "BB")
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(anne.id,))
    ida = services.students.add("Ida", "Ærø", klass.id)
    bo_pupil = services.students.add("Bo", "Nord", klass.id)
    mor = services.students.add_guardian(ida.id, "Mette Ærø", relation=Relation.MOTHER)
    far = services.students.add_guardian(
        ida.id, "Lars Ærø", relation=Relation.FATHER, has_custody=False
    )
    other = services.students.add_guardian(bo_pupil.id, "Karen Nord")
    return {
        "anne": anne.id,
        "bo": bo.id,
        "class": klass.id,
        "ida": ida.id,
        "bo_pupil": bo_pupil.id,
        "mor": mor.id,
        "far": far.id,
        "other": other.id,
    }


# --- the plumbing -------------------------------------------------------------------------


def test_insert_returning_ids_gives_the_ids_in_the_order_of_the_rows(services) -> None:  # type: ignore[no-untyped-def]
    services.school.add_teacher("First", "F1")
    with services.db.transaction() as s:
        assert insert_returning_ids(s, Teacher, []) == []
        rows = [{"name": f"T{n}", "initials": f"T{n}", "is_user": False} for n in range(1200)]
        ids = insert_returning_ids(s, Teacher, rows)
    assert ids == list(range(2, 1202))
    with services.db.reading() as s:
        stored = dict(s.execute(select(Teacher.id, Teacher.initials)).all())
    assert all(stored[i] == f"T{n}" for n, i in enumerate(ids))


# --- teachers and classes -----------------------------------------------------------------


def test_add_teachers_in_checks_as_add_teacher_and_moves_the_user(services) -> None:  # type: ignore[no-untyped-def]
    old = services.school.add_teacher("Old User", "OU", is_user=True)
    assert services.school.holds_classes_or_pupils() is False
    with services.db.transaction() as s:
        ids = services.school.add_teachers_in(
            s,
            [
                NewTeacher(" Camilla Østergaard ", "cø", "camilla@example.dk", is_user=True),
                NewTeacher("Bo Berg", "BB"),
            ],
        )
    teachers = {t.id: t for t in services.school.teachers()}
    assert [teachers[i].initials for i in ids] == ["CØ", "BB"]
    assert teachers[ids[0]].name == "Camilla Østergaard"
    assert teachers[ids[0]].is_user and not teachers[old.id].is_user
    for bad in (
        [NewTeacher("Again", "bb")],  # stored already
        [NewTeacher("One", "X"), NewTeacher("Two", "x")],  # twice in the batch
        [NewTeacher("No e-mail", "NE", "not an address")],
        [NewTeacher(" ", "BL")],
    ):
        with pytest.raises(ValidationError), services.db.transaction() as s:
            services.school.add_teachers_in(s, bad)
    with pytest.raises(ValueError), services.db.transaction() as s:
        services.school.add_teachers_in(
            s, [NewTeacher("A", "A1", is_user=True), NewTeacher("B", "B1", is_user=True)]
        )
    assert len(services.school.teachers()) == 3


def test_create_many_in_makes_classes_with_teachers_and_a_history(services, school) -> None:  # type: ignore[no-untyped-def]
    with services.db.transaction() as s:
        (earlier,) = services.classes.create_many_in(
            s, [NewClass("3.B", 2025, contact_teacher_ids=(school["anne"],))]
        )
    with services.db.transaction() as s:
        ids = services.classes.create_many_in(
            s,
            [
                NewClass(
                    "4.B",
                    2026,
                    contact_teacher_ids=(school["anne"],),
                    other_teacher_ids=(school["bo"], school["anne"]),
                    previous_id=earlier,
                ),
                NewClass("Musik", 2026, grade=7),
            ],
        )
    four_b, music = (services.classes.get(i) for i in ids)
    assert (four_b.name, four_b.grade, four_b.contact_teachers) == ("4.B", 4, ("AH",))
    assert (music.grade, music.contact_teachers) == (7, ())
    with services.db.reading() as s:
        links = set(
            s.execute(
                select(ClassTeacher.teacher_id, ClassTeacher.is_contact_teacher).where(
                    ClassTeacher.class_id == four_b.id
                )
            ).all()
        )
    assert links == {(school["anne"], True), (school["bo"], False)}
    assert services.classes.promotion_proposals(2025)[0].promoted_as == "4.B"
    assert services.school.holds_classes_or_pupils() is True


@pytest.mark.parametrize(
    ("new", "error"),
    [
        (NewClass("5.a", 2026), ValidationError),  # 5.A is stored
        (NewClass("7.A", 2026, grade=11), ValidationError),
        (NewClass("7.A", 1999), ValidationError),
        (NewClass("7.A", 2026, contact_teacher_ids=(999,)), NotFoundError),
        (NewClass("7.A", 2026, previous_id=999), NotFoundError),
    ],
)
def test_create_many_in_refuses_what_create_refuses(services, school, new, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error), services.db.transaction() as s:
        services.classes.create_many_in(s, [new])
    with pytest.raises(ValidationError), services.db.transaction() as s:
        services.classes.create_many_in(s, [NewClass("8.C", 2026), NewClass("8.c", 2026)])
    with pytest.raises(ValueError), services.db.transaction() as s:  # not the year before
        services.classes.create_many_in(s, [NewClass("6.A", 2026, previous_id=school["class"])])
    assert len(services.classes.all()) == 1


# --- pupils and guardians -----------------------------------------------------------------


def test_add_many_in_adds_pupils_with_their_history_and_shared_guardians(services, school) -> None:  # type: ignore[no-untyped-def]
    earlier = services.classes.create("4.A", 2025).id
    created = dt.datetime(2025, 8, 12, 8, 5)
    with services.db.transaction() as s:
        added = services.students.add_many_in(
            s,
            [
                NewPupil(
                    "Zofia",
                    "Ćwikła",
                    (earlier, school["class"]),
                    birth_date=dt.date(2016, 3, 1),
                    created_at=created,
                    guardians=(GuardianLink(1, Relation.FATHER), GuardianLink(0, Relation.MOTHER)),
                ),
                NewPupil(
                    "Jakub",
                    "Ćwikła",
                    (school["class"],),
                    guardians=(GuardianLink(0, Relation.MOTHER, has_custody=False),),
                ),
            ],
            [
                NewGuardian("Ewa Ćwikła", "ewa@example.dk", "+45 20 11 22 33", Language.EN),
                NewGuardian("Piotr Ćwikła"),
            ],
        )
    zofia, jakub = added.pupil_ids
    ewa, piotr = added.guardian_ids
    detail = services.students.get(zofia)
    assert detail.classes == ((2026, school["class"], "5.A"), (2025, earlier, "4.A"))
    assert detail.birth_date == dt.date(2016, 3, 1)
    assert [(g.id, g.relation) for g in detail.guardians] == [
        (piotr, Relation.FATHER),
        (ewa, Relation.MOTHER),
    ]
    assert detail.guardians[1].preferred_language is Language.EN
    assert detail.guardians[1].other_children == ("Jakub",)
    assert services.students.guardians(jakub)[0].has_custody is False
    with services.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Enrolment)) == 5
        positions = s.execute(
            select(StudentGuardian.guardian_id, StudentGuardian.position).where(
                StudentGuardian.student_id == zofia
            )
        ).all()
    assert sorted(positions) == sorted([(piotr, 0), (ewa, 1)])


def test_add_many_in_refuses_bad_pupils_and_lonely_guardians(services, school) -> None:  # type: ignore[no-untyped-def]
    klass = (school["class"],)
    link = (GuardianLink(0),)
    for pupils, guardians, error in (
        ([NewPupil(" ", "Nord", klass)], [], ValidationError),
        ([NewPupil("Al", "Nord", klass, birth_date=dt.date(2027, 1, 1))], [], ValidationError),
        ([NewPupil("Al", "Nord", (999,))], [], NotFoundError),
        (
            [NewPupil("Al", "Nord", klass, guardians=link)],
            [NewGuardian("A", "x@")],
            ValidationError,
        ),
        (
            [NewPupil("Al", "Nord", klass, guardians=link)],
            [NewGuardian("A", phone="ring")],
            ValidationError,
        ),
        ([NewPupil("Al", "Nord", klass)], [NewGuardian("Nobody's")], ValueError),
        (
            [NewPupil("Al", "Nord", klass, guardians=(GuardianLink(1),))],
            [NewGuardian("A")],
            ValueError,
        ),
        ([NewPupil("Al", "Nord", klass * 2)], [], ValueError),
    ):
        with pytest.raises(error), services.db.transaction() as s:
            services.students.add_many_in(s, pupils, guardians)
    assert len(services.students.all(school_year=2026)) == 2


# --- conversations ------------------------------------------------------------------------


def test_add_many_in_records_conversations_with_notes_and_agreements(services, school) -> None:  # type: ignore[no-untyped-def]
    held = RecordedConversation(
        student_id=school["ida"],
        planning=Planning(starts_at=WHEN, place="Lokale 12", teacher_ids=(school["bo"],)),
        status=ConversationStatus.HELD,
        next_conversation="Om et halvt år.",
        sections=(
            NewSection(SectionKind.SUMMARY, " God samtale. "),
            NewSection(SectionKind.CONCERNS, "Lidt træt.", shared=False),
        ),
        agreements=(
            NewAgreement("Læse hver dag.", Responsible.HOME, dt.date(2026, 12, 1)),
            NewAgreement("Rækker hånden op.", Responsible.PUPIL, done=True),
        ),
        created_at=dt.datetime(2026, 10, 20, 9, 0),
    )
    planned = RecordedConversation(
        student_id=school["bo_pupil"],
        planning=Planning(
            starts_at=dt.datetime(2026, 12, 3, 14, 30, 45), kind=ConversationKind.WELLBEING
        ),
    )
    with services.db.transaction() as s:
        ids = services.conversations.add_many_in(s, [held, planned])
    first, second = (services.conversations.get(i) for i in ids)
    assert first.status is ConversationStatus.HELD and first.place == "Lokale 12"
    assert first.teachers == ((school["bo"], "Bo Berg"),)
    assert [g for g, _name in first.guardians] == [school["mor"]]  # those with custody
    assert first.next_conversation == "Om et halvt år."
    assert first.section(SectionKind.SUMMARY).text == "God samtale."
    assert first.section(SectionKind.CONCERNS).shared is False
    assert set(first.sections) == {
        SectionKind.PRIVATE_PREPARATION,
        SectionKind.AGENDA,
        SectionKind.SUMMARY,
        SectionKind.CONCERNS,
    }
    assert first.section(SectionKind.PRIVATE_PREPARATION).shared is False
    assert [(a.text, a.done) for a in first.agreements] == [
        ("Læse hver dag.", False),
        ("Rækker hånden op.", True),
    ]
    assert first.updated_at == dt.datetime(2026, 10, 20, 9, 0)  # unchanged since made
    assert second.starts_at == dt.datetime(2026, 12, 3, 14, 30)
    assert second.teachers == ((school["anne"], "Anne Holm"),)  # the contact teacher
    assert second.updated_at == dt.datetime(2026, 11, 23, 10, 0)  # made now
    assert set(second.sections) == {SectionKind.PRIVATE_PREPARATION, SectionKind.AGENDA}
    assert count(services, ConversationSection) == 6


def test_add_many_in_refuses_what_holding_and_writing_refuse(services, school) -> None:  # type: ignore[no-untyped-def]
    ida = school["ida"]

    def one(**changes) -> RecordedConversation:  # type: ignore[no-untyped-def]
        planning = changes.pop("planning", Planning(starts_at=WHEN))
        return RecordedConversation(
            student_id=changes.pop("student_id", ida), planning=planning, **changes
        )

    future = Planning(starts_at=dt.datetime(2026, 11, 24, 15, 0))
    for bad, error in (
        (one(status=ConversationStatus.HELD, planning=future), ValidationError),
        (
            one(status=ConversationStatus.HELD, planning=Planning(WHEN, teacher_ids=())),
            ValidationError,
        ),
        (one(sections=(NewSection(SectionKind.PRIVATE_PREPARATION, "x", True),)), ValidationError),
        (one(planning=Planning(WHEN, guardian_ids=(school["other"],))), ValidationError),
        (one(planning=Planning(WHEN, duration_minutes=600)), ValidationError),
        (one(planning=Planning(WHEN, teacher_ids=(999,))), NotFoundError),
        (one(student_id=999), NotFoundError),
        (one(agreements=(NewAgreement(" ", Responsible.HOME),)), ValidationError),
        (
            one(
                sections=(NewSection(SectionKind.AGENDA, "a"), NewSection(SectionKind.AGENDA, "b"))
            ),
            ValueError,
        ),
    ):
        with pytest.raises(error), services.db.transaction() as s:
            services.conversations.add_many_in(s, [bad])
    assert services.conversations.all(student_id=ida) == []
    for model in (ConversationSection, ConversationTeacher, ConversationGuardian):
        assert count(services, model) == 0


# --- the message book ---------------------------------------------------------------------


def test_add_many_in_adds_focus_points_after_those_there_and_carries_them_on(
    services, school
) -> None:  # type: ignore[no-untyped-def]
    ida = school["ida"]
    stored = services.focus.add(ida, 2026, FocusArea.DANISH, "Læser sikkert.")
    with services.db.transaction() as s:
        ids = services.focus.add_many_in(
            s,
            [
                NewFocusPoint(
                    ida, 2025, FocusArea.MATHS, "Tabellerne.", status=FocusStatus.IN_PROGRESS
                ),
                NewFocusPoint(
                    ida, 2026, FocusArea.DANISH, " Skriver afsnit. ", actions="Læsebånd."
                ),
                NewFocusPoint(ida, 2026, FocusArea.MATHS, "Tabellerne.", carried_from=0),
                NewFocusPoint(ida, 2026, FocusArea.MATHS, "Brøker."),
                NewFocusPoint(
                    ida, 2026, FocusArea.OTHER_SUBJECT, "Taler engelsk.", subject="Engelsk"
                ),
            ],
        )
    points = {p.id: p for p in services.focus.all(ida, 2026)}
    assert points[stored.id].position == 0
    assert (points[ids[1]].goal, points[ids[1]].position) == ("Skriver afsnit.", 1)
    assert [points[i].position for i in ids[2:4]] == [0, 1]
    assert points[ids[2]].carried_from_id == ids[0]
    assert points[ids[3]].carried_from_id is None
    assert points[ids[4]].subject == "Engelsk"
    assert services.focus.carry_forward_candidates(ida, 2026) == []  # carried already


def test_add_many_in_refuses_bad_focus_points(services, school) -> None:  # type: ignore[no-untyped-def]
    ida, bo = school["ida"], school["bo_pupil"]
    for points, error in (
        ([NewFocusPoint(ida, 2026, FocusArea.DANISH, " ")], ValidationError),
        ([NewFocusPoint(ida, 2026, FocusArea.OTHER_SUBJECT, "Mål")], ValidationError),
        ([NewFocusPoint(ida, 1990, FocusArea.DANISH, "Mål")], ValidationError),
        ([NewFocusPoint(999, 2026, FocusArea.DANISH, "Mål")], NotFoundError),
        ([NewFocusPoint(ida, 2026, FocusArea.DANISH, "Mål", carried_from=0)], ValueError),
        (
            [
                NewFocusPoint(bo, 2025, FocusArea.DANISH, "Mål"),
                NewFocusPoint(ida, 2026, FocusArea.DANISH, "Mål", carried_from=0),
            ],
            ValueError,
        ),
    ):
        with pytest.raises(error), services.db.transaction() as s:
            services.focus.add_many_in(s, points)
    assert count(services, FocusPoint) == 0


def test_record_presentations_in(services, school) -> None:  # type: ignore[no-untyped-def]
    ida = school["ida"]
    talk = services.conversations.plan(ida, Planning(starts_at=WHEN)).id
    with services.db.transaction() as s:
        ids = services.focus.record_presentations_in(
            s,
            [
                NewPresentation(ida, WHEN.date(), PresentationVia.CONVERSATION, talk),
                NewPresentation(ida, dt.date(2026, 3, 2), PresentationVia.AULA, note=" På Aula. "),
            ],
        )
    now, before = services.focus.presentations(ida, 2026), services.focus.presentations(ida, 2025)
    assert [(p.id, p.conversation_id) for p in now] == [(ids[0], talk)]
    assert [(p.id, p.school_year, p.note) for p in before] == [(ids[1], 2025, "På Aula.")]
    for bad, error in (
        (NewPresentation(ida, TODAY + dt.timedelta(days=1), PresentationVia.AULA), ValidationError),
        (
            NewPresentation(school["bo_pupil"], TODAY, PresentationVia.MEETING, talk),
            ValidationError,
        ),
        (NewPresentation(ida, TODAY, PresentationVia.MEETING, 999), NotFoundError),
    ):
        with pytest.raises(error), services.db.transaction() as s:
            services.focus.record_presentations_in(s, [bad])


# --- the contact log ----------------------------------------------------------------------


def test_add_many_in_logs_contacts_as_given(services, school) -> None:  # type: ignore[no-untyped-def]
    ida = school["ida"]
    parent = StartedBy.PARENT
    at = dt.datetime(2026, 11, 20, 21, 15, 30, 99)
    with services.db.transaction() as s:
        ids = services.contacts.add_many_in(
            s,
            [
                NewContact(
                    ida,
                    at,
                    ContactChannel.AULA,
                    parent,
                    default_reply_due(at, parent),
                    summary=" Mor skriver. ",
                    guardian_id=school["far"],
                ),
                NewContact(
                    ida,
                    WHEN,
                    ContactChannel.PHONE,
                    StartedBy.SCHOOL,
                    None,
                    topic=ContactTopic.ACADEMIC,
                    done=True,
                ),
            ],
        )
    latest, earlier = services.contacts.all(ida)
    assert (latest.id, earlier.id) == tuple(ids)
    assert latest.occurred_at == dt.datetime(2026, 11, 20, 21, 15, 30)
    assert latest.reply_due == dt.date(2026, 11, 23)  # Friday evening: by Monday
    assert (latest.summary, latest.guardian_id, latest.done) == (
        "Mor skriver.",
        school["far"],
        False,
    )
    assert (earlier.reply_due, earlier.topic, earlier.done) == (None, ContactTopic.ACADEMIC, True)
    for bad in (
        NewContact(ida, dt.datetime(2026, 11, 24, 8), ContactChannel.AULA, parent, None),
        NewContact(ida, WHEN, ContactChannel.AULA, parent, dt.date(2026, 11, 1)),
        NewContact(ida, WHEN, ContactChannel.AULA, parent, None, guardian_id=school["other"]),
    ):
        with pytest.raises(ValidationError), services.db.transaction() as s:
            services.contacts.add_many_in(s, [bad])
    assert len(services.contacts.all(ida)) == 2


# --- the class records --------------------------------------------------------------------


def test_create_meetings_in_and_set_councils_in(services, school) -> None:  # type: ignore[no-untyped-def]
    klass = school["class"]
    start = dt.datetime(2026, 9, 3, 19, 0)
    spring = dt.datetime(2027, 3, 10, 17, 0)
    with services.db.transaction() as s:
        ids = services.class_records.create_meetings_in(
            s,
            [
                NewMeeting(
                    klass,
                    MeetingInput(
                        start,
                        start + dt.timedelta(hours=2),
                        " Aula ",
                        teacher_ids=(school["anne"], school["bo"]),
                    ),
                    created_at=dt.datetime(2026, 8, 13, 12, 0),
                ),
                NewMeeting(klass, MeetingInput(spring, called_by=CalledBy.COUNCIL)),
            ],
        )
        services.class_records.set_councils_in(
            s, [NewCouncil(klass, (school["mor"], school["other"], school["mor"]), school["other"])]
        )
    first, second = services.class_records.meetings(klass)
    assert (first.id, second.id) == tuple(ids)
    assert first.place == "Aula" and [t for t, _n in first.teachers] == [
        school["anne"],
        school["bo"],
    ]
    assert first.updated_at == dt.datetime(2026, 8, 13, 12, 0)
    assert second.called_by is CalledBy.COUNCIL and second.updated_at == dt.datetime(
        2026, 11, 23, 10
    )
    council = services.class_records.council(klass)
    assert {c.guardian_id for c in council.members} == {school["mor"], school["other"]}
    assert (
        council.contact_parent is not None and council.contact_parent.guardian_id == school["other"]
    )
    with services.db.transaction() as s:  # exactly the members given, again
        services.class_records.set_councils_in(s, [NewCouncil(klass, (school["far"],))])
    assert [c.guardian_id for c in services.class_records.council(klass).members] == [school["far"]]
    assert services.class_records.council(klass).contact_parent is None
    outsider = services.students.add_guardian(
        services.students.add("Ny", "Elev", services.classes.create("6.A", 2026).id).id, "Ude"
    ).id
    for council, error in (
        (NewCouncil(klass, (school["mor"],), school["far"]), ValidationError),
        (NewCouncil(klass, (outsider,)), ValidationError),
        (NewCouncil(klass, (999,)), NotFoundError),
        (NewCouncil(999, ()), NotFoundError),
    ):
        with pytest.raises(error), services.db.transaction() as s:
            services.class_records.set_councils_in(s, [council])
    assert count(services, CouncilMember) == 1
    outside = MeetingInput(dt.datetime(2027, 8, 20, 19, 0))
    with pytest.raises(ValidationError), services.db.transaction() as s:
        services.class_records.create_meetings_in(s, [NewMeeting(klass, outside)])
    with pytest.raises(NotFoundError), services.db.transaction() as s:
        services.class_records.create_meetings_in(s, [NewMeeting(999, MeetingInput(start))])
