"""Random evenings, teachers, rooms, families and siblings: whatever the solver returns holds.

A plan it returns breaks no constraint (by :func:`check`, which does not share the
solver's code); when it says none fits, the explanation is not empty; on tiny inputs
a brute force over every placement agrees that none fits. A plan moved at random is
accepted by the service only when it breaks nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skolehjem_desktop.services import Services
from skolehjem_desktop.services.evening_plans import PlanRefused, Setup, TeacherSetup
from skolehjem_desktop.services.planner import check, slots, solve
from skolehjem_desktop.services.planner.model import (
    Assignment,
    FixedBooking,
    Period,
    Plan,
    PlanInput,
    PupilSpec,
    TeacherSpec,
    from_minutes,
    make_evening,
    parse_periods,
)
from skolehjem_desktop.store.database import open_database

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = (dt.date(2026, 11, 24), dt.date(2026, 11, 25))
INITIALS = ("MK", "LP", "JS")


@st.composite
def periods(draw: st.DrawFn, low: int = 15 * 60, high: int = 19 * 60, most: int = 2):
    out = []
    for _ in range(draw(st.integers(0, most))):
        start = draw(st.integers(low // 5, high // 5 - 1)) * 5
        end = draw(st.integers(start // 5 + 1, high // 5)) * 5
        day = draw(st.sampled_from((None, *DAYS)))
        out.append(Period(from_minutes(start), from_minutes(end), day))
    return tuple(out)


@st.composite
def inputs(draw: st.DrawFn, max_pupils: int = 10, max_minutes: int = 180) -> PlanInput:
    evenings = []
    for day in DAYS[: draw(st.integers(1, 2))]:
        slot = draw(st.sampled_from((10, 15, 20)))
        start = draw(st.integers(15 * 12, 17 * 12)) * 5
        length = draw(st.integers(slot // 5, max_minutes // 5)) * 5
        end = min(start + length, 23 * 60)
        breaks = draw(periods(start, end, most=1))
        breaks = tuple(Period(b.start, b.end) for b in breaks)
        evenings.append(make_evening(day, from_minutes(start), from_minutes(end), slot, breaks))
    n_teachers = draw(st.integers(1, 3))
    rooms = tuple(f"R{i}" for i in range(draw(st.integers(0, 2))))
    teachers = tuple(
        TeacherSpec(
            INITIALS[i],
            free=draw(periods()),
            room=draw(st.sampled_from(("", "", "Own" + INITIALS[i]))),
        )
        for i in range(n_teachers)
    )
    pupils = []
    for pid in range(1, draw(st.integers(0, max_pupils)) + 1):
        who = draw(
            st.lists(st.sampled_from(INITIALS[:n_teachers]), min_size=1, max_size=2, unique=True)
        )
        pupils.append(
            PupilSpec(
                pid,
                f"P{pid}",
                draw(st.sampled_from(("5.A", "6.B"))),
                tuple(who),
                draw(periods()),
                tuple(draw(st.lists(st.integers(1, 8), max_size=2, unique=True))),
            )
        )
    fixed = []
    if draw(st.booleans()):
        cell_day = evenings[0].date
        start = draw(st.integers(15 * 12, 18 * 12)) * 5
        other = PupilSpec(900, "Other", "7.C", (INITIALS[0],), (), (draw(st.integers(1, 8)),))
        fixed.append(
            FixedBooking(
                other,
                Assignment(
                    cell_day,
                    from_minutes(start),
                    from_minutes(start + 15),
                    900,
                    draw(st.sampled_from(("", *rooms))),
                    (draw(st.sampled_from(INITIALS)),),
                ),
            )
        )
    return PlanInput(tuple(evenings), teachers, tuple(pupils), rooms, tuple(fixed))


@SETTINGS
@given(inputs())
def test_a_returned_plan_breaks_nothing_and_a_refusal_says_why(inp: PlanInput) -> None:
    result = solve(inp)
    if result.plan is not None:
        assert check(result.plan, inp) == []
        assert {a.pupil_id for a in result.plan.assignments} == {p.id for p in inp.pupils}
    else:
        assert result.reasons
        assert all(reason.strip() for reason in result.reasons)
    assert solve(inp) == result  # the same input, the same answer


def _brute_force(inp: PlanInput) -> bool:
    cells = slots(inp)
    own = {t.room for t in inp.teachers if t.room}
    rooms = list(dict.fromkeys([*inp.rooms, *own])) or [""]
    choices = []
    for p in inp.pupils:
        choices.append(
            [
                Assignment(c.date, from_minutes(c.start), from_minutes(c.end), p.id, r, p.teachers)
                for c in cells
                for r in rooms
            ]
        )
    combos = itertools.product(*choices)
    return any(not check(Plan(tuple(sorted(combo))), inp) for combo in combos)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs(max_pupils=3, max_minutes=60))
def test_none_fits_only_when_no_plan_exists(inp: PlanInput) -> None:
    result = solve(inp)
    own_rooms = [t.room for t in inp.teachers if t.room]
    if result.plan is None and len(own_rooms) == len(set(own_rooms)):
        assert not _brute_force(inp), result.reasons


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Services, int]]:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "data")
        services = Services(db, lambda: dt.datetime(2026, 11, 23, 10, 0))
        mk = services.school.add_teacher("Mette Kjær", "MK").id
        klass = services.classes.create("5.A", 2026, contact_teacher_ids=(mk,)).id
        pupils = [services.students.add(f"P{i}", "Hansen", klass).id for i in range(6)]
        shared = services.students.add_guardian(pupils[0], "Anne Hansen").id
        services.students.link_guardian(pupils[1], shared)
        yield services, klass
        db.close()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    wishes=st.lists(
        st.sampled_from(("", "16:00-16:30", "17:00-18:00", "16:15-16:45")), min_size=6, max_size=6
    ),
    moves=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 7)), max_size=3),
)
def test_accept_takes_only_a_plan_that_breaks_nothing(world, wishes, moves) -> None:  # type: ignore[no-untyped-def]
    services, klass = world
    plans = services.evening_plans
    state = plans.new_plan(klass)
    setup = Setup((make_evening(DAYS[0], dt.time(16), dt.time(18), 15),), (TeacherSetup("MK"),))
    for line, wish in zip(state.pupils, wishes, strict=True):
        setup = setup.with_unavailable(line.id, parse_periods(wish))
        # every pupil, though the earlier examples planned their ordinary conversation
        setup = setup.with_chosen(line.id, True, line.stamp)
    plans.save_setup(state.id, setup)
    state, result = plans.compute(state.id)
    if result.plan is None:
        assert result.reasons
        return
    cells = slots(plans.planner_input(state.id))
    for who, where in moves:
        cell = cells[where % len(cells)]
        state = plans.move(state.id, state.pupils[who].id, cell.date, from_minutes(cell.start))
    try:
        accepted = plans.accept(state.id)
    except PlanRefused:
        assert check(state.plan, plans.planner_input(state.id)) != []  # type: ignore[arg-type]
        assert plans.get(state.id).accepted_at is None
        return
    final = plans.get(state.id)
    assert final.plan is not None and final.accepted_at is not None
    assert check(final.plan, plans.planner_input(state.id)) == []
    assert len(set(accepted.conversation_ids)) == 6
    for a in final.plan.assignments:
        detail = services.conversations.get(final.conversations[a.pupil_id])
        assert detail.starts_at == a.starts_at and detail.student_id == a.pupil_id
