"""The evening planner uses what the parents said: the times that suit them, the pupils still
owed their ordinary conversation, parents who live apart, siblings who come together."""

from __future__ import annotations

import datetime as dt
import json

from skolehjem_desktop.domain.enums import ConversationKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.evening_plans import Setup, TeacherSetup
from skolehjem_desktop.services.evening_plans.families import unavailable_from
from skolehjem_desktop.services.owed import OrdinaryState
from skolehjem_desktop.services.planner.model import Period, make_evening, parse_periods
from skolehjem_desktop.store.models import FamilyAvailability

TUESDAY = dt.date(2026, 11, 24)
THURSDAY = dt.date(2026, 11, 26)
T = dt.time


def sheet(
    services: Services,
    student_id: int,
    slots: list[tuple[int, str, str]],
    *,
    separate: bool = False,
    with_siblings: bool = False,
) -> None:
    """A family's answers as the parents' sheet leaves them (written directly here)."""
    with services.db.transaction() as s:
        s.add(
            FamilyAvailability(
                student_id=student_id,
                school_year=2026,
                slots=json.dumps([{"weekday": d, "start": a, "end": b} for d, a, b in slots]),
                separate=separate,
                with_siblings=with_siblings,
                received_at=dt.datetime(2026, 11, 1, 12, 0),
            )
        )


def evening_setup(state_setup: Setup, *evenings: tuple[dt.date, str, str]) -> Setup:
    return Setup(
        evenings=tuple(
            make_evening(d, T(*map(int, a.split(":"))), T(*map(int, b.split(":"))), 15)
            for d, a, b in evenings
        )
        or (make_evening(TUESDAY, T(16), T(18), 15),),
        teachers=(TeacherSetup("MK"),),
        unavailable=state_setup.unavailable,
        chosen=state_setup.chosen,
    )


def a_class(services: Services) -> int:
    mk = services.school.add_teacher("Mette Kjær", "MK").id
    return services.classes.create("5.A", 2026, contact_teacher_ids=(mk,)).id


# --- the times that suit -------------------------------------------------------------------


def test_the_times_that_suit_leave_the_rest_of_each_evening_unavailable() -> None:
    evenings = (
        make_evening(TUESDAY, T(16), T(19, 30), 15),
        make_evening(THURSDAY, T(16), T(18), 15),
    )
    slots = ((1, T(17), T(18)), (1, T(19), T(20)))  # Tuesdays 17-18 and from 19
    assert unavailable_from(slots, evenings) == (
        Period(T(16), T(17), TUESDAY),
        Period(T(18), T(19), TUESDAY),
        Period(T(16), T(18), THURSDAY),  # no time on a Thursday suits them
    )
    assert unavailable_from((), evenings) == ()  # no times given: no constraint
    assert unavailable_from(((1, T(15), T(21)),), evenings[:1]) == ()  # the whole evening


def test_the_sheet_gives_the_unavailability_unless_the_teacher_typed_some(
    services: Services,
) -> None:
    klass = a_class(services)
    typed = services.students.add("Ali", "Khan", klass).id
    sheeted = services.students.add("Bo", "Berg", klass).id
    silent = services.students.add("Cia", "Dahl", klass).id
    sheet(services, typed, [(1, "16:00", "16:30")])
    sheet(services, sheeted, [(1, "17:00", "17:30")])
    sheet(services, silent, [])  # a sheet with no times: no constraint
    plans = services.evening_plans
    state = plans.open(klass)
    setup = evening_setup(state.setup).with_unavailable(typed, parse_periods("17:00-18:00"))
    state = plans.save_setup(state.id, setup)
    lines = {p.id: p for p in state.pupils}
    assert not lines[typed].from_sheet and lines[typed].planned_with == parse_periods("17:00-18:00")
    assert lines[sheeted].from_sheet
    assert lines[sheeted].sheet == "Tue 17:00–17:30"  # the English UI
    assert lines[sheeted].planned_with == (
        Period(T(16), T(17), TUESDAY),
        Period(T(17, 30), T(18), TUESDAY),
    )
    assert not lines[silent].from_sheet and lines[silent].planned_with == ()
    inp = {p.id: p for p in plans.planner_input(state.id).pupils}
    assert inp[sheeted].unavailable == lines[sheeted].planned_with
    assert inp[typed].unavailable == parse_periods("17:00-18:00")  # the teacher's entry wins
    state, result = plans.compute(state.id)
    assert result.plan is not None
    bo = result.plan.of(sheeted)
    assert bo is not None and T(17) <= bo.start < T(17, 30)
    ali = result.plan.of(typed)
    assert ali is not None and ali.start < T(17)


# --- who is in the plan --------------------------------------------------------------------


def test_only_the_pupils_still_owed_their_ordinary_conversation_by_default(
    services: Services,
) -> None:
    klass = a_class(services)
    held, planned, ida, emil = (
        services.students.add(name, "Hansen", klass).id for name in ("Hanne", "Per", "Ida", "Emil")
    )
    done = services.conversations.plan(
        held, Planning(dt.datetime(2026, 10, 1, 15, 0), ConversationKind.ORDINARY)
    )
    services.conversations.mark_held(done.id, exception=True)
    services.conversations.plan(
        planned, Planning(dt.datetime(2026, 12, 3, 15, 0), ConversationKind.ORDINARY)
    )
    plans = services.evening_plans
    state = plans.open(klass)
    state = plans.save_setup(state.id, evening_setup(state.setup))
    lines = {p.id: p for p in state.pupils}
    assert [p.id for p in state.included] == [emil, ida]  # by name
    assert lines[held].ordinary is OrdinaryState.HELD and not lines[held].included
    assert lines[planned].ordinary is OrdinaryState.PLANNED and not lines[planned].included
    assert state.missing == 2 and len(state.pupils) == 4
    state, result = plans.compute(state.id)
    assert result.plan is not None
    assert sorted(a.pupil_id for a in result.plan.assignments) == sorted([ida, emil])
    # the teacher ticks Per in and Emil out
    setup = state.setup.with_chosen(planned, True).with_chosen(emil, False)
    state = plans.save_setup(state.id, setup)
    assert [p.id for p in state.included] == [ida, planned]
    assert all(stamp for _p, _in, stamp in state.setup.chosen)  # stamped by the service
    state, result = plans.compute(state.id)
    assert result.plan is not None
    assert sorted(a.pupil_id for a in result.plan.assignments) == sorted([ida, planned])
    # accepted: the plan keeps its pupils, though they are planned now
    plans.accept(state.id)
    after = plans.get(state.id)
    assert [p.id for p in after.included] == [ida, planned] and after.violations == ()


def test_a_tick_for_a_pupil_deleted_is_not_inherited_by_a_new_one(
    services: Services, clock
) -> None:  # type: ignore[no-untyped-def]
    klass = a_class(services)
    gone = services.students.add("Gone", "Hansen", klass).id
    plans = services.evening_plans
    state = plans.open(klass)
    state = plans.save_setup(state.id, evening_setup(state.setup).with_chosen(gone, False))
    assert state.included == ()
    services.students.delete(gone)
    clock.now += dt.timedelta(days=2)
    again = services.students.add("New", "Hansen", klass).id
    stored = plans.get(state.id).setup.chosen
    assert all("Gone" not in stamp for _p, _in, stamp in stored)  # the JSON names no one
    state = plans.get(state.id)
    if again == gone:  # SQLite gave the id again: the tick is not the new pupil's
        assert [p.id for p in state.included] == [again]
    assert [p.name for p in state.included] == ["New Hansen"]


# --- parents who live apart ------------------------------------------------------------------


def test_parents_who_live_apart_each_get_a_conversation(services: Services) -> None:
    klass = a_class(services)
    noah = services.students.add("Noah", "Holm", klass).id
    mother = services.students.add_guardian(noah, "Mette Holm").id
    father = services.students.add_guardian(noah, "Jens Holm").id
    other = services.students.add("Alma", "Lund", klass).id
    sheet(services, noah, [], separate=True)
    plans = services.evening_plans
    state = plans.open(klass)
    state = plans.save_setup(state.id, evening_setup(state.setup))
    # separate asked for, but no guardian lives apart: one conversation
    assert len(plans.planner_input(state.id).pupils) == 2
    info = services.students.set_lives_apart(noah, father, True)
    assert info.lives_apart
    assert [g.lives_apart for g in services.students.guardians(noah)] == [False, True]
    state = plans.get(state.id)
    line = next(p for p in state.pupils if p.id == noah)
    assert line.households == ("Mette Holm", "Jens Holm")
    units = {p.id: p for p in plans.planner_input(state.id).pupils}
    assert sorted(units) == [-noah, noah, other] or sorted(units) == sorted([-noah, noah, other])
    assert units[noah].guardians == (mother,) and units[-noah].guardians == (father,)
    state, result = plans.compute(state.id)
    assert result.plan is not None and len(result.plan.assignments) == 3
    first, second = result.plan.of(noah), result.plan.of(-noah)
    assert first is not None and second is not None and first.start != second.start
    assert state.name_of(-noah) == "Noah Holm (Jens Holm)"
    again = plans.get(state.id)  # the second household is kept with the draft
    assert again.plan == result.plan and again.violations == ()
    accepted = plans.accept(state.id)
    assert accepted.created == 3
    after = plans.get(state.id)
    by_start = {}
    for unit in (noah, -noah):
        detail = services.conversations.get(after.conversations[unit])
        by_start[detail.starts_at] = [g for g, _name in detail.guardians]
        assert detail.student_id == noah
    assert by_start == {first.starts_at: [mother], second.starts_at: [father]}


# --- siblings who come together ------------------------------------------------------------


def test_siblings_who_come_together_share_one_slot(services: Services) -> None:
    klass = a_class(services)
    lp = services.school.add_teacher("Lars Post", "LP").id
    other_class = services.classes.create("7.B", 2026, contact_teacher_ids=(lp,)).id
    ida = services.students.add("Ida", "Berg", klass).id
    emil = services.students.add("Emil", "Berg", klass).id
    oskar = services.students.add("Oskar", "Berg", other_class).id
    alone = services.students.add("Alma", "Lund", klass).id
    anne = services.students.add_guardian(ida, "Anne Berg").id
    services.students.link_guardian(emil, anne)
    services.students.link_guardian(oskar, anne)
    sheet(services, ida, [(1, "16:00", "17:00")], with_siblings=True)  # Emil: no sheet
    plans = services.evening_plans
    state = plans.open(klass)
    state = plans.save_setup(state.id, evening_setup(state.setup))
    lines = {p.id: p for p in state.pupils}
    assert lines[ida].together == ("Emil",) and lines[emil].together == ("Ida",)
    assert lines[ida].elsewhere == ("Oskar (7.B)",)  # another class: only named
    units = plans.planner_input(state.id).pupils
    assert sorted(u.id for u in units) == sorted([ida, alone])  # the first of them leads
    joint = next(u for u in units if u.together)
    assert set(joint.students) == {ida, emil}
    state, result = plans.compute(state.id)
    assert result.plan is not None and len(result.plan.assignments) == 2
    slot = result.plan.of(joint.id)
    assert slot is not None and slot.start < T(17)  # Ida's family's times count
    assert "together with" in state.name_of(joint.id)
    accepted = plans.accept(state.id)
    assert accepted.created == 3  # Ida, Emil and Alma
    made = [services.conversations.get(c) for c in accepted.conversation_ids]
    together = [c for c in made if c.student_id in (ida, emil)]
    assert len(together) == 2
    assert {(c.starts_at, c.place) for c in together} == {(slot.starts_at, slot.room)}


def test_a_sibling_whose_family_said_no_is_not_joined(services: Services) -> None:
    klass = a_class(services)
    ida = services.students.add("Ida", "Berg", klass).id
    emil = services.students.add("Emil", "Berg", klass).id
    anne = services.students.add_guardian(ida, "Anne Berg").id
    services.students.link_guardian(emil, anne)
    sheet(services, ida, [], with_siblings=True)
    sheet(services, emil, [], with_siblings=False)
    plans = services.evening_plans
    state = plans.open(klass)
    state = plans.save_setup(state.id, evening_setup(state.setup))
    units = plans.planner_input(state.id).pupils
    assert sorted(u.id for u in units) == sorted([ida, emil]) and not any(u.together for u in units)
