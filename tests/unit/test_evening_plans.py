"""The evening-plan service: the setup survives, plans are computed, moved, checked, accepted."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import ConversationKind, ConversationStatus, SectionKind
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.evening_plans import (
    PlanRefused,
    Setup,
    TeacherSetup,
    setup_from_json,
)
from skolehjem_desktop.services.planner.model import make_evening, parse_periods
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.store.models import Conversation, EveningPlan

DAY = dt.date(2026, 11, 24)
T = dt.time


def school(services: Services, pupils: int = 6) -> dict[str, int]:
    mk = services.school.add_teacher("Mette Kjær", "MK").id
    lp = services.school.add_teacher("Lars Post", "LP").id
    a = services.classes.create("5.A", 2026, contact_teacher_ids=(mk,)).id
    b = services.classes.create("7.B", 2026, contact_teacher_ids=(lp,)).id
    ids: dict[str, int] = {"MK": mk, "LP": lp, "5.A": a, "7.B": b}
    for i in range(pupils):
        sid = services.students.add(f"Pupil{i}", "Hansen", a).id
        services.students.add_guardian(sid, f"Parent {i}")
        ids[f"p{i}"] = sid
    emma = services.students.add("Emma", "Berg", a).id
    oskar = services.students.add("Oskar", "Berg", b).id
    g = services.students.add_guardian(emma, "Anne Berg").id
    services.students.link_guardian(oskar, g)
    ids["emma"], ids["oskar"] = emma, oskar
    return ids


def evening_setup(teachers: tuple[TeacherSetup, ...], **kw: object) -> Setup:
    return Setup(
        evenings=(make_evening(DAY, T(16), T(18), 15, parse_periods("17:00-17:15")),),
        teachers=teachers,
        rooms=("Room 12", "Room 14"),
        **kw,  # type: ignore[arg-type]
    )


def conversations(services: Services) -> int:
    with services.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Conversation)) or 0)


def test_the_setup_and_the_draft_survive_a_restart(services: Services, data_dir, clock) -> None:
    ids = school(services)
    state = services.evening_plans.open(ids["5.A"])
    assert [t.initials for t in state.setup.teachers] == ["MK"]  # the contact teachers
    assert state.plan is None
    setup = evening_setup((TeacherSetup("MK", parse_periods("16:00-18:00")),))
    setup = setup.with_unavailable(ids["p1"], parse_periods("16:00-17:00"))
    services.evening_plans.save_setup(state.id, setup)
    state, result = services.evening_plans.compute(state.id)
    assert result.ok and state.plan is not None and state.violations == ()
    services.db.close()

    again = Services(open_database(data_dir), clock)
    try:
        reopened = again.evening_plans.open(ids["5.A"])
        assert reopened.id == state.id
        assert reopened.setup == setup
        assert reopened.plan == state.plan
        assert reopened.setup.unavailable_of(ids["p1"]) == parse_periods("16:00-17:00")
        p1 = reopened.plan.of(ids["p1"]) if reopened.plan else None
        assert p1 is not None and p1.start >= T(17, 15)
    finally:
        again.db.close()


def test_a_wrong_setup_changes_nothing(services: Services) -> None:
    ids = school(services)
    state = services.evening_plans.open(ids["5.A"])
    before = state.setup
    with pytest.raises(ValidationError, match="no teacher with the initials XY"):
        services.evening_plans.save_setup(state.id, evening_setup((TeacherSetup("XY"),)))
    with pytest.raises(ValidationError, match="named twice"):
        services.evening_plans.save_setup(
            state.id, evening_setup((TeacherSetup("MK"), TeacherSetup("mk")))
        )
    assert services.evening_plans.get(state.id).setup == before
    with pytest.raises(ValidationError, match="2026-02-30 is not a date"):
        setup_from_json('{"version": 1, "evenings": [{"date": "2026-02-30"}]}')
    with pytest.raises(ValidationError, match="damaged"):
        setup_from_json('{"version": 1, "evenings": [{"day": "2026-11-24"}]}')
    with pytest.raises(ValidationError, match="damaged"):
        setup_from_json("[1, 2]")
    with pytest.raises(ValidationError, match="newer version"):
        setup_from_json('{"version": 99}')


def test_accept_creates_one_conversation_per_pupil_once(services: Services) -> None:
    ids = school(services)
    state = services.evening_plans.open(ids["5.A"])
    services.evening_plans.save_setup(state.id, evening_setup((TeacherSetup("MK"),)))
    state, result = services.evening_plans.compute(state.id)
    assert result.ok and state.plan is not None
    n = len(state.pupils)
    assert n == 7
    accepted = services.evening_plans.accept(state.id)
    assert accepted.created == n and len(set(accepted.conversation_ids)) == n
    assert conversations(services) == n
    again = services.evening_plans.accept(state.id)
    assert again.created == 0 and set(again.conversation_ids) == set(accepted.conversation_ids)
    assert conversations(services) == n
    for a in state.plan.assignments:
        detail = services.conversations.get(
            services.evening_plans.get(state.id).conversations[a.pupil_id]
        )
        assert detail.student_id == a.pupil_id
        assert detail.kind is ConversationKind.ORDINARY
        assert detail.status is ConversationStatus.PLANNED
        assert detail.starts_at == a.starts_at and detail.duration_minutes == 15
        assert detail.place == a.room
        assert [t[0] for t in detail.teachers] == [ids["MK"]]
        assert not detail.section(SectionKind.PRIVATE_PREPARATION).shared
    with pytest.raises(PlanRefused, match="accepted"):
        services.evening_plans.compute(state.id)
    fresh = services.evening_plans.new_plan(ids["5.A"])
    assert fresh.id != state.id and fresh.setup == state.setup and fresh.plan is None


def test_accept_refuses_a_plan_with_violations_and_stores_nothing(services: Services) -> None:
    ids = school(services)
    state = services.evening_plans.open(ids["5.A"])
    setup = evening_setup((TeacherSetup("MK"),)).with_unavailable(
        ids["p2"], parse_periods("16:00-16:30")
    )
    services.evening_plans.save_setup(state.id, setup)
    state, _result = services.evening_plans.compute(state.id)
    assert state.plan is not None
    other = next(a for a in state.plan.assignments if a.pupil_id != ids["p2"])
    # p2 onto a slot of another pupil: teacher double booked; then into the family's no-go time
    moved = services.evening_plans.move(state.id, ids["p2"], other.date, other.start)
    assert {v.kind for v in moved.violations} >= {"teacher_double"}
    with pytest.raises(PlanRefused, match="cannot be accepted"):
        services.evening_plans.accept(state.id)
    assert conversations(services) == 0
    with services.db.reading() as s:
        assert s.get(EveningPlan, state.id).accepted_at is None  # type: ignore[union-attr]
    moved = services.evening_plans.move(state.id, ids["p2"], DAY, T(16, 15))
    assert "family" in {v.kind for v in moved.violations}
    with pytest.raises(ValidationError, match="no slot at 17:00"):
        services.evening_plans.move(state.id, ids["p2"], DAY, T(17, 0))  # the break


def test_a_sibling_planned_in_another_class_is_kept_next_to(services: Services) -> None:
    ids = school(services, pupils=3)
    b = services.evening_plans.open(ids["7.B"])
    services.evening_plans.save_setup(b.id, evening_setup((TeacherSetup("LP"),)))
    b, result = services.evening_plans.compute(b.id)
    assert result.ok and b.plan is not None
    oskar = b.plan.of(ids["oskar"])
    assert oskar is not None
    a = services.evening_plans.open(ids["5.A"])
    services.evening_plans.save_setup(a.id, evening_setup((TeacherSetup("MK"),)))
    a, result = services.evening_plans.compute(a.id)
    assert result.ok and a.plan is not None
    emma = a.plan.of(ids["emma"])
    assert emma is not None and emma.date == oskar.date
    assert emma.end == oskar.start or emma.start == oskar.end
    assert emma.room != oskar.room  # the rooms are shared by both plans
    # moving Emma away from her brother breaks the sibling rule
    far = (
        a.plan.assignments[-1]
        if a.plan.assignments[-1].pupil_id != ids["emma"]
        else a.plan.assignments[0]
    )
    moved = services.evening_plans.move(a.id, ids["emma"], far.date, far.start)
    assert "siblings_apart" in {v.kind for v in moved.violations}
    # a plan that breaks a rule goes neither to the door nor into a calendar
    plans = services.evening_plans
    for write, name in ((plans.write_schedule, "s.pdf"), (plans.write_calendar, "c.ics")):
        with pytest.raises(ValidationError, match="breaks"):
            write(a.id, services.db.data_dir / name)
        assert not (services.db.data_dir / name).exists()


def test_a_sibling_planned_on_another_evening_keeps_this_class_from_fitting(
    services: Services,
) -> None:
    """Siblings come the same evening: a brother booked on the 24th rules out the 25th."""
    ids = school(services, pupils=2)
    b = services.evening_plans.open(ids["7.B"])
    services.evening_plans.save_setup(b.id, evening_setup((TeacherSetup("LP"),)))
    b, result = services.evening_plans.compute(b.id)
    assert result.ok
    a = services.evening_plans.open(ids["5.A"])
    other_day = Setup(
        evenings=(make_evening(DAY + dt.timedelta(days=1), T(16), T(18), 15),),
        teachers=(TeacherSetup("MK"),),
        rooms=("Room 12",),
    )
    services.evening_plans.save_setup(a.id, other_day)
    a, result = services.evening_plans.compute(a.id)
    assert not result.ok
    assert any("Emma Berg" in r and "Oskar Berg" in r for r in result.reasons)


def test_a_conversation_planned_by_hand_holds_its_teacher(services: Services) -> None:
    """MK already has Oskar's parents at 16:00 (planned by hand): 5.A's plan keeps clear."""
    from skolehjem_desktop.services.conversations import Planning

    ids = school(services, pupils=2)
    services.conversations.plan(
        ids["oskar"],
        Planning(
            starts_at=dt.datetime.combine(DAY, T(16)), duration_minutes=30, teacher_ids=(ids["MK"],)
        ),
    )
    state = services.evening_plans.open(ids["5.A"])
    services.evening_plans.save_setup(state.id, evening_setup((TeacherSetup("MK"),)))
    state, result = services.evening_plans.compute(state.id)
    assert result.ok and state.plan is not None
    assert all(a.start >= T(16, 30) for a in state.plan.assignments)
    assert state.violations == ()


def test_none_fits_keeps_the_draft_and_says_why(services: Services) -> None:
    ids = school(services)
    state = services.evening_plans.open(ids["5.A"])
    setup = Setup(
        evenings=(make_evening(DAY, T(16), T(17), 15),),
        teachers=(TeacherSetup("MK"),),
    )
    services.evening_plans.save_setup(state.id, setup)
    state, result = services.evening_plans.compute(state.id)
    assert not result.ok and state.plan is None
    assert result.reasons == ("7 pupils but only 4 slots with teacher MK.",)


def test_the_schedule_invitations_and_calendar_carry_names_and_times_only(
    services: Services, tmp_path
) -> None:
    import io

    from pypdf import PdfReader

    from skolehjem_desktop.services.pdfs import PdfWriteError

    secret = "SECRET-PREPARATION-7731"
    ids = school(services)
    services.students.edit(ids["p0"], first_name="Łukasz", last_name="Ćwikła")
    state = services.evening_plans.open(ids["5.A"])
    services.evening_plans.save_setup(state.id, evening_setup((TeacherSetup("MK"),)))
    state, _result = services.evening_plans.compute(state.id)
    with pytest.raises(PdfWriteError, match="Accept the plan first"):
        services.pdfs.write_plan_invitations(state.id, tmp_path / "inv")
    services.evening_plans.accept(state.id)
    state = services.evening_plans.get(state.id)
    for cid in state.conversations.values():
        services.conversations.set_section(cid, SectionKind.PRIVATE_PREPARATION, secret)
    assert state.plan is not None

    written = services.evening_plans.write_schedule(state.id, tmp_path / "schedule.pdf")
    raw = (tmp_path / "schedule.pdf").read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages)
    assert written.pages >= 2  # the overview and a page for the door of each room used
    assert "Łukasz Ćwikła" in text and "Room 12" in text
    for a in state.plan.assignments:
        assert a.start.strftime("%H:%M") in text
    assert "Break" in text
    assert secret not in text and secret.encode() not in raw

    batch = services.pdfs.write_plan_invitations(state.id, tmp_path / "inv")
    assert len(batch.written) == len(state.plan.assignments) == 7
    for w in batch.written:
        pdf = w.path.read_bytes()
        assert secret not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    names = sorted(p.name for p in (tmp_path / "inv").iterdir())
    assert "Łukasz Ćwikła 2026-11-24.pdf" in names

    ics = services.evening_plans.write_calendar(state.id, tmp_path / "plan.ics").read_bytes()
    assert ics.count(b"BEGIN:VEVENT") == 7 and secret.encode() not in ics


def test_a_new_pupil_inherits_nothing_from_a_deleted_pupil_with_the_same_id(
    services: Services,
) -> None:
    """SQLite hands a deleted pupil's id to the next pupil added: the plan must not follow."""
    ids = school(services, pupils=2)
    state = services.evening_plans.open(ids["5.A"])
    last = services.students.add("Viggo", "Lund", ids["5.A"]).id  # the highest id
    setup = evening_setup((TeacherSetup("MK"),)).with_unavailable(
        last, parse_periods("16:00-17:00")
    )
    services.evening_plans.save_setup(state.id, setup)
    state, result = services.evening_plans.compute(state.id)
    assert result.ok and state.plan is not None and state.plan.of(last) is not None

    services.students.delete(last)
    newcomer = services.students.add("Nora", "Vang", ids["5.A"]).id
    assert newcomer == last  # the id is handed out again

    again = services.evening_plans.get(state.id)
    assert again.setup.unavailable_of(newcomer) == ()
    assert again.plan is not None and again.plan.of(newcomer) is None
    assert newcomer not in again.conversations
    assert next(p for p in again.pupils if p.id == newcomer).unavailable == ()


def test_the_families_and_the_draft_are_rows_that_go_with_the_plan(services: Services) -> None:
    """Saving keeps one row per family that cannot come (pupils that exist only); the
    plan's rows go with the plan, and a new plan starts from the families of the last."""
    from skolehjem_desktop.store.models import EveningPlanAssignment, EveningPlanUnavailable

    ids = school(services, pupils=2)
    state = services.evening_plans.open(ids["5.A"])
    setup = (
        evening_setup((TeacherSetup("MK"),))
        .with_unavailable(ids["p0"], parse_periods("16:00-16:30"))
        .with_unavailable(9999, parse_periods("16:00-17:00"))  # no such pupil
    )
    saved = services.evening_plans.save_setup(state.id, setup)
    assert saved.setup.unavailable == ((ids["p0"], parse_periods("16:00-16:30")),)
    services.evening_plans.compute(state.id)
    services.evening_plans.accept(state.id)
    fresh = services.evening_plans.new_plan(ids["5.A"])
    assert fresh.setup == saved.setup and fresh.plan is None

    def rows(model: type) -> list[int]:
        with services.db.reading() as s:
            return sorted(s.scalars(select(model.plan_id)))  # type: ignore[attr-defined]

    assert rows(EveningPlanUnavailable) == [state.id, fresh.id]
    assert rows(EveningPlanAssignment) == [state.id] * 3
    with services.db.transaction() as s:
        s.delete(s.get(EveningPlan, state.id))
    assert rows(EveningPlanUnavailable) == [fresh.id] and rows(EveningPlanAssignment) == []
