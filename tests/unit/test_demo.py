"""The demo-data generator: sizes, determinism, refusal, and a believable school."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    FocusArea,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services.demo import DemoSummary, generate_demo
from skolehjem_desktop.services.workdays import reply_due
from skolehjem_desktop.store.database import Database, integrity_problems, open_database
from skolehjem_desktop.store.models import (
    Agreement,
    ClassTeacher,
    ContactEntry,
    Conversation,
    ConversationSection,
    Enrolment,
    FocusPoint,
    FocusPresentation,
    Guardian,
    SchoolClass,
    Setting,
    Student,
    StudentGuardian,
    Teacher,
)
from skolehjem_desktop.store.stamps import STAMP_COLUMNS

TODAY = dt.date(2026, 11, 20)  # school year 2026/27, conversations under way
CURRENT = 2026


def dump(db: Database, *, stamps: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order.

    ``stamps=False`` leaves out each record's id and change stamp, which the database
    makes from its own clock and randomness (``store/stamps.py``), not from the seed.
    """
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        tables = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        for table in tables:
            result = conn.exec_driver_sql(f'SELECT * FROM "{table}"')
            keep = [i for i, c in enumerate(result.keys()) if stamps or c not in STAMP_COLUMNS]
            rows = [tuple(r[i] for i in keep) for r in result.all()]
            out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db = open_database(tmp_path_factory.mktemp("small"))
    summary = generate_demo(db, size="small", seed=7, today=TODAY)
    yield db, summary
    db.close()


def test_small_has_six_classes_of_20_to_24_pupils_over_three_years(
    small: tuple[Database, DemoSummary],
) -> None:
    db, summary = small
    assert summary.classes == 6
    assert summary.school_years == (2024, 2025, 2026)
    with db.reading() as s:
        per_year = Counter(s.scalars(select(SchoolClass.school_year)))
        assert per_year == {2024: 6, 2025: 6, 2026: 6}
        sizes = Counter(
            s.scalars(select(Enrolment.class_id).where(Enrolment.school_year == CURRENT))
        )
        assert len(sizes) == 6
        assert all(20 <= n <= 24 for n in sizes.values())
        assert s.scalar(select(func.count()).select_from(Student)) == summary.students
        assert summary.students == sum(sizes.values())
        assert s.scalar(select(func.count()).select_from(Guardian)) == summary.guardians
        assert s.scalar(select(func.count()).select_from(Conversation)) == summary.conversations
        assert s.scalar(select(func.count()).select_from(FocusPoint)) == summary.focus_points
        assert s.scalar(select(func.count()).select_from(ContactEntry)) == summary.contacts
        setting = s.get(Setting, "school_name")
        assert setting is not None
        assert setting.value == "Skovbakkeskolen"


def test_classes_are_cohorts_that_move_up_a_grade(small: tuple[Database, DemoSummary]) -> None:
    db, _summary = small
    with db.reading() as s:
        classes = {c.id: c for c in s.scalars(select(SchoolClass))}
    for c in classes.values():
        assert c.grade is not None
        assert 0 <= c.grade <= 9
        assert re.fullmatch(rf"{c.grade}\.[ABC]", c.name)
        if c.school_year == 2024:
            assert c.previous_id is None
        else:
            assert c.previous_id is not None
            prev = classes[c.previous_id]
            assert prev.school_year == c.school_year - 1
            assert prev.grade == c.grade - 1
            assert prev.name[-1] == c.name[-1]


def test_every_pupil_is_enrolled_in_every_year_with_a_matching_birth_year(
    small: tuple[Database, DemoSummary],
) -> None:
    db, _summary = small
    with db.reading() as s:
        grade_of = dict(s.execute(select(SchoolClass.id, SchoolClass.grade)).all())
        years: dict[int, dict[int, int]] = defaultdict(dict)
        for student_id, year, class_id in s.execute(
            select(Enrolment.student_id, Enrolment.school_year, Enrolment.class_id)
        ):
            years[student_id][year] = class_id
        students = s.scalars(select(Student)).all()
    assert students
    for st in students:
        assert set(years[st.id]) == {2024, 2025, 2026}, st.full_name
        grade = grade_of[years[st.id][CURRENT]]
        assert st.birth_date is not None
        assert st.birth_date.year == CURRENT - 6 - grade
        # one cohort: last year's class was the grade below
        assert grade_of[years[st.id][2025]] == grade - 1
        assert grade_of[years[st.id][2024]] == grade - 2


def test_user_teacher_is_contact_teacher_of_two_classes_this_year(
    small: tuple[Database, DemoSummary],
) -> None:
    db, _summary = small
    with db.reading() as s:
        user = s.scalars(select(Teacher).where(Teacher.is_user)).one()
        assert (user.name, user.initials) == ("Mette Kjær Hansen", "MKH")
        links = s.execute(
            select(SchoolClass.school_year, ClassTeacher.is_contact_teacher)
            .join(ClassTeacher, ClassTeacher.class_id == SchoolClass.id)
            .where(ClassTeacher.teacher_id == user.id)
        ).all()
        assert sorted(links) == [(CURRENT, True), (CURRENT, True)]
        teachers = s.scalars(select(Teacher)).all()
        assert 11 <= len(teachers) <= 26
        assert len({t.initials for t in teachers}) == len(teachers)
        # every class has at least one contact teacher
        with_contact = set(
            s.scalars(select(ClassTeacher.class_id).where(ClassTeacher.is_contact_teacher))
        )
        assert with_contact == set(s.scalars(select(SchoolClass.id)))


def test_names_are_diverse_and_nothing_looks_like_a_cpr_number(
    small: tuple[Database, DemoSummary],
) -> None:
    db, _summary = small
    with db.reading() as s:
        pupils = [st.full_name for st in s.scalars(select(Student))]
        guardians = s.scalars(select(Guardian)).all()
    text = " ".join(pupils + [g.name for g in guardians])
    assert set("æøå") & set(text.lower())
    beyond = set(text) - set("abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ -'")
    assert beyond, "names should include letters beyond ASCII and æøå (Ł, ş, ễ …)"
    assert len(set(pupils)) > 0.9 * len(pupils)
    everything = repr(dump(db))
    assert not re.search(r"\b\d{6}-?\d{4}\b", everything)
    for g in guardians:
        assert g.email is None or re.fullmatch(r"[a-z0-9.]+@example\.(dk|com)", g.email), g.email
        assert g.phone is None or re.fullmatch(r"\+45 2\d \d\d \d\d \d\d", g.phone), g.phone
    langs = Counter(g.preferred_language for g in guardians)
    assert 0.03 < langs["en"] / len(guardians) < 0.25


def test_guardians_one_or_two_and_siblings_share_both_across_classes(
    small: tuple[Database, DemoSummary],
) -> None:
    db, _summary = small
    with db.reading() as s:
        links = s.scalars(select(StudentGuardian)).all()
        class_of = dict(
            s.execute(
                select(Enrolment.student_id, Enrolment.class_id).where(
                    Enrolment.school_year == CURRENT
                )
            ).all()
        )
    per_pupil: dict[int, list[StudentGuardian]] = defaultdict(list)
    per_guardian: dict[int, set[int]] = defaultdict(set)
    for link in links:
        per_pupil[link.student_id].append(link)
        per_guardian[link.guardian_id].add(link.student_id)
    counts = Counter(len(v) for v in per_pupil.values())
    assert set(counts) == {1, 2}
    assert counts[1] > 0
    assert counts[2] > counts[1]
    assert any(not link.has_custody for link in links)  # a non-custodial parent
    assert all(any(link.has_custody for link in v) for v in per_pupil.values())
    shared = [pupils for pupils in per_guardian.values() if len(pupils) > 1]
    assert shared
    for pupils in shared:
        assert len({class_of[p] for p in pupils}) == len(pupils)  # in different classes
    sibling_pupils = {p for pupils in shared for p in pupils}
    share = len(sibling_pupils) / len(per_pupil)
    assert 0.04 <= share <= 0.12
    for pupil in sibling_pupils:  # siblings share BOTH guardians
        assert len(per_pupil[pupil]) == 2
        assert all(len(per_guardian[link.guardian_id]) > 1 for link in per_pupil[pupil])


def test_conversations_every_year_with_gaps_this_year(small: tuple[Database, DemoSummary]) -> None:
    db, summary = small
    with db.reading() as s:
        conversations = s.scalars(select(Conversation)).all()
    ordinary: dict[tuple[int, int], list[Conversation]] = defaultdict(list)
    kinds = Counter(c.kind for c in conversations)
    for c in conversations:
        assert c.starts_at.weekday() < 5
        assert dt.time(8) <= c.starts_at.time() <= dt.time(19)
        assert c.duration_minutes in (15, 20, 30, 45)
        assert c.place
        year = c.starts_at.year if c.starts_at.month >= 8 else c.starts_at.year - 1
        if c.status is ConversationStatus.HELD:
            assert c.starts_at.date() < TODAY
        if c.status is ConversationStatus.PLANNED:
            assert c.starts_at.date() >= TODAY
        if c.kind is ConversationKind.ORDINARY:
            ordinary[(c.student_id, year)].append(c)
    assert kinds[ConversationKind.AS_NEEDED] and kinds[ConversationKind.WELLBEING]
    assert kinds[ConversationKind.EXPECTATION]
    for year in (2024, 2025):  # every pupil had a held ordinary conversation in past years
        for pupil in range(1, summary.students + 1):
            statuses = [c.status for c in ordinary[(pupil, year)]]
            assert ConversationStatus.HELD in statuses
    assert any(ConversationStatus.CANCELLED in [c.status for c in v] for v in ordinary.values())
    this_year = [ordinary.get((p, CURRENT), []) for p in range(1, summary.students + 1)]
    without = sum(1 for v in this_year if not v)
    assert 0.10 <= without / summary.students <= 0.20
    statuses = Counter(c.status for v in this_year for c in v)
    assert statuses[ConversationStatus.HELD] > 0
    assert statuses[ConversationStatus.PLANNED] > 0


def test_sections_private_preparation_is_never_shared(
    small: tuple[Database, DemoSummary],
) -> None:
    db, _summary = small
    with db.reading() as s:
        status_of = dict(s.execute(select(Conversation.id, Conversation.status)).all())
        sections = s.scalars(select(ConversationSection)).all()
        agreements_of = Counter(s.scalars(select(Conversation.id).join(Conversation.agreements)))
    kinds_of: dict[int, set[SectionKind]] = defaultdict(set)
    for sec in sections:
        kinds_of[sec.conversation_id].add(sec.kind)
        assert sec.text.strip()
        if sec.kind is SectionKind.PRIVATE_PREPARATION:
            assert sec.shared is False
    assert set(kinds_of) == set(status_of)
    assert any(not sec.shared for sec in sections if sec.kind is SectionKind.CONCERNS)
    for cid, status in status_of.items():
        if status is ConversationStatus.HELD:
            assert kinds_of[cid] == set(SectionKind)
            assert 1 <= agreements_of[cid] <= 3
        else:
            assert kinds_of[cid] == {SectionKind.AGENDA, SectionKind.PRIVATE_PREPARATION}
            assert agreements_of[cid] == 0


def test_some_agreements_are_overdue(small: tuple[Database, DemoSummary]) -> None:
    db, _summary = small
    with db.reading() as s:
        overdue = s.scalar(
            select(func.count())
            .select_from(Agreement)
            .where(Agreement.due < TODAY, Agreement.done.is_(False))
        )
        open_later = s.scalar(
            select(func.count())
            .select_from(Agreement)
            .where(Agreement.due >= TODAY, Agreement.done.is_(False))
        )
    assert overdue
    assert open_later


def test_message_book_areas_carry_forward_and_presentations(
    small: tuple[Database, DemoSummary],
) -> None:
    db, summary = small
    with db.reading() as s:
        points = s.scalars(select(FocusPoint)).all()
        grade_of = {
            (sid, year): grade
            for sid, year, grade in s.execute(
                select(Enrolment.student_id, Enrolment.school_year, SchoolClass.grade).join(
                    SchoolClass, SchoolClass.id == Enrolment.class_id
                )
            )
        }
        presentations = s.scalars(select(FocusPresentation)).all()
        held_ordinary = {
            (c.student_id, c.id): c
            for c in s.scalars(
                select(Conversation).where(
                    Conversation.kind == ConversationKind.ORDINARY,
                    Conversation.status == ConversationStatus.HELD,
                )
            )
        }
    by_id = {p.id: p for p in points}
    areas: dict[tuple[int, int], set[FocusArea]] = defaultdict(set)
    for p in points:
        areas[(p.student_id, p.school_year)].add(p.area)
        assert p.goal.strip()
        if p.area is FocusArea.OTHER_SUBJECT:
            assert p.subject == "Engelsk"
        if p.carried_from_id is not None:
            old = by_id[p.carried_from_id]
            assert old.student_id == p.student_id
            assert old.school_year == p.school_year - 1
            assert old.goal == p.goal
    assert any(p.carried_from_id for p in points)
    assert any(p.area is FocusArea.OTHER_SUBJECT for p in points)

    def required(grade: int) -> set[FocusArea]:
        if grade == 0:
            return {FocusArea.LANGUAGE_AWARENESS, FocusArea.MATHS_AWARENESS, FocusArea.ALL_ROUND}
        base = {FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND}
        return base | {FocusArea.FURTHER_EDUCATION} if grade >= 7 else base

    missing_now = 0
    for (sid, year), grade in grade_of.items():
        have = areas[(sid, year)]
        if year < CURRENT:
            assert required(grade) <= have
        elif not required(grade) <= have:
            missing_now += 1
    assert 0.05 <= missing_now / summary.students <= 0.15

    presented = defaultdict(list)
    for pr in presentations:
        presented[(pr.student_id, pr.school_year)].append(pr)
        assert pr.presented_on < TODAY
        if pr.conversation_id is not None:
            assert (pr.student_id, pr.conversation_id) in held_ordinary
    for sid in range(1, summary.students + 1):
        assert presented[(sid, 2024)] and presented[(sid, 2025)]
    held_now = {
        c.student_id for c in held_ordinary.values() if c.starts_at.date() >= dt.date(2026, 8, 1)
    }
    now = {sid for (sid, year) in presented if year == CURRENT}
    assert now == held_now
    assert len(now) < summary.students  # some focus points are not presented yet


def test_contact_log(small: tuple[Database, DemoSummary]) -> None:
    db, summary = small
    with db.reading() as s:
        entries = s.scalars(select(ContactEntry)).all()
    assert len(entries) >= 2 * summary.students
    topics = Counter(e.topic for e in entries)
    assert topics.most_common(1)[0][0] == "wellbeing"
    for e in entries:
        assert e.occurred_at.date() < TODAY
        assert e.summary.strip()
        if e.started_by is StartedBy.PARENT and e.channel in ("meeting", "ad_hoc"):
            assert e.reply_due is None  # a talk face to face owes no reply
        elif e.started_by is StartedBy.PARENT:
            assert e.reply_due == reply_due(e.occurred_at)
        else:
            assert e.reply_due is None
        if e.occurred_at.date() < dt.date(2026, 8, 1):
            assert e.done
    current = [e for e in entries if e.occurred_at.date() >= dt.date(2026, 8, 1)]
    assert any(not e.done for e in current)
    assert any(not e.done and e.reply_due and e.reply_due < TODAY for e in current)


def test_database_is_consistent(small: tuple[Database, DemoSummary]) -> None:
    db, _summary = small
    assert integrity_problems(db) == []
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_same_seed_and_day_give_the_same_rows_another_seed_others(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        db = open_database(tmp_path / name)
        generate_demo(db, seed=seed, today=TODAY)
        dumps.append(dump(db, stamps=False))
        db.close()
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]
    assert dumps[0]["student"] != dumps[2]["student"]


def test_another_day_moves_the_school_years(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    summary = generate_demo(db, today=dt.date(2027, 3, 2))
    assert summary.school_years == (2024, 2025, 2026)
    assert integrity_problems(db) == []
    db.close()
    db = open_database(tmp_path / "later")
    summary = generate_demo(db, today=dt.date(2027, 8, 1))
    assert summary.school_years == (2025, 2026, 2027)
    with db.reading() as s:
        created = s.scalars(select(Conversation.created_at)).all()
    assert max(created) <= dt.datetime(2027, 8, 1, 23, 59)
    db.close()


def test_refuses_a_data_folder_that_is_not_empty(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    generate_demo(db, today=TODAY)
    before = dump(db)
    with pytest.raises(ValidationError, match="not empty"):
        generate_demo(db, today=TODAY)
    assert dump(db) == before
    db.close()


def test_refuses_a_single_class_and_changes_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.transaction() as s:
        s.add(SchoolClass(name="3.B", school_year=CURRENT, grade=3))
    before = dump(db)
    with pytest.raises(ValidationError):
        generate_demo(db, today=TODAY)
    assert dump(db) == before
    db.close()


def test_keeps_an_existing_user_teacher(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.transaction() as s:
        s.add(Teacher(name="Ole Bach", initials="MKH", is_user=True))
    generate_demo(db, today=TODAY)
    with db.reading() as s:
        user = s.scalars(select(Teacher).where(Teacher.is_user)).one()
        assert user.name == "Ole Bach"
        contact_classes = s.scalars(
            select(ClassTeacher.class_id).where(ClassTeacher.teacher_id == user.id)
        ).all()
        assert len(contact_classes) == 2
    assert integrity_problems(db) == []
    db.close()


def test_school_size_30_classes_of_25_over_five_years(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    summary = generate_demo(db, size="school", seed=1, today=TODAY)
    assert summary.classes == 30
    assert summary.students == 750
    assert summary.school_years == (2022, 2023, 2024, 2025, 2026)
    with db.reading() as s:
        names = sorted(
            s.scalars(select(SchoolClass.name).where(SchoolClass.school_year == CURRENT))
        )
        assert names == sorted(f"{g}.{letter}" for g in range(10) for letter in "ABC")
        sizes = Counter(
            s.scalars(select(Enrolment.class_id).where(Enrolment.school_year == CURRENT))
        )
        assert sorted(sizes.values()) == [25] * 30
        user = s.scalars(select(Teacher).where(Teacher.is_user)).one()
        mine = s.scalars(
            select(ClassTeacher.class_id).where(
                ClassTeacher.teacher_id == user.id, ClassTeacher.is_contact_teacher
            )
        ).all()
        assert len(mine) == 3
        assert 20 <= s.scalar(select(func.count()).select_from(Teacher)) <= 26
        # a pupil is enrolled in every history year since starting school (grade 0)
        grade_now = dict(
            s.execute(
                select(Enrolment.student_id, SchoolClass.grade)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.school_year == CURRENT)
            ).all()
        )
        enrolled = Counter(s.scalars(select(Enrolment.student_id)))
    for sid, grade in grade_now.items():
        assert grade is not None
        assert enrolled[sid] == min(grade + 1, 5)
    assert integrity_problems(db) == []
    db.close()


def test_unknown_size_is_refused(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with pytest.raises(ValidationError):
        generate_demo(db, size="huge", today=TODAY)  # type: ignore[arg-type]
    db.close()


def test_a_failure_halfway_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All of the demo is one transaction: what was written before the failure goes too."""
    from skolehjem_desktop.services import demo

    def broken(*args: object) -> int:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(demo, "add_contact_log", broken)
    db = open_database(tmp_path)
    before = dump(db)
    with pytest.raises(RuntimeError):
        demo.generate_demo(db, today=TODAY)
    assert dump(db) == before
    db.close()
