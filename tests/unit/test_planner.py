"""The conversation-evening solver: hard cases, explanations, hand moves, iCalendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services.planner import check, slots, solve
from skolehjem_desktop.services.planner.ics import to_ics
from skolehjem_desktop.services.planner.model import (
    Assignment,
    Evening,
    FixedBooking,
    Period,
    Plan,
    PlanInput,
    PupilSpec,
    TeacherSpec,
    make_evening,
    parse_evening,
    parse_period,
    parse_periods,
    plan_from_json,
    plan_to_json,
)

T = dt.time
DAY = dt.date(2026, 11, 24)
DAY2 = dt.date(2026, 11, 26)
FOUR = T(16)
HALF_PAST_SEVEN = T(19, 30)


def evening(
    start: dt.time = FOUR, end: dt.time = HALF_PAST_SEVEN, day: dt.date = DAY, breaks: str = ""
) -> Evening:
    return make_evening(day, start, end, 15, parse_periods(breaks))


def pupil(
    pid: int,
    name: str | None = None,
    *,
    cls: str = "5.A",
    teachers: tuple[str, ...] = ("MK",),
    unavailable: str = "",
    guardians: tuple[int, ...] | None = None,
) -> PupilSpec:
    return PupilSpec(
        pid,
        name or f"Pupil {pid}",
        cls,
        teachers,
        parse_periods(unavailable),
        guardians if guardians is not None else (10_000 + pid,),
    )


def class_of(n: int, cls: str = "5.A", teachers: tuple[str, ...] = ("MK",), base: int = 0):
    return [pupil(base + i, cls=cls, teachers=teachers) for i in range(1, n + 1)]


def assert_valid(result, inp: PlanInput) -> Plan:
    assert result.ok, result.reasons
    assert check(result.plan, inp) == []
    assert sorted(a.pupil_id for a in result.plan.assignments) == sorted(p.id for p in inp.pupils)
    return result.plan


# --- parsing -------------------------------------------------------------------------------


def test_parse_periods_and_bad_input() -> None:
    assert parse_periods("16:00-17:00, 18:30-19:30") == (
        Period(T(16), T(17)),
        Period(T(18, 30), T(19, 30)),
    )
    assert parse_period("2026-11-24 16:00-17:00").date == DAY
    assert parse_periods("  ") == ()
    with pytest.raises(ValidationError, match="end must come after"):
        parse_period("16:00-15:00")
    with pytest.raises(ValidationError, match="not a date"):
        parse_evening("2026-02-30 16:00-19:30")
    with pytest.raises(ValidationError, match="not a time of day"):
        parse_period("16:00-25:00")
    with pytest.raises(ValidationError, match="not a time range"):
        parse_periods("at four")
    with pytest.raises(ValidationError, match="slot lasts"):
        parse_evening("2026-11-24 16:00-19:30", slot_minutes=2)


def test_slots_skip_breaks_and_restart_after_them() -> None:
    ev = make_evening(DAY, T(16), T(17, 30), 15, parse_periods("16:35-16:50"))
    starts = [c.start for c in slots(PlanInput((ev,), (), ()))]
    # 16:00, 16:15 fit; 16:30 would overlap the break; after it 16:50, 17:05
    assert starts == [16 * 60, 16 * 60 + 15, 16 * 60 + 50, 17 * 60 + 5]


# --- plans that fit ------------------------------------------------------------------------


def test_25_pupils_in_one_room_all_placed() -> None:
    """Its speed is a figure in bench/run.py ("plan a 25-pupil class"), not a timed test."""
    inp = PlanInput(
        (evening(T(15), T(22)),),
        (TeacherSpec("MK"),),
        tuple(class_of(25)),
        rooms=("Room 12",),
    )
    result = solve(inp)
    plan = assert_valid(result, inp)
    assert {a.room for a in plan.assignments} == {"Room 12"}
    assert solve(inp) == result  # deterministic


def test_a_family_free_only_in_one_slot_gets_it() -> None:
    pupils = class_of(12)
    pupils[5] = pupil(6, "Ali Hansen", unavailable="16:00-17:15, 17:30-19:30")
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), tuple(pupils))
    plan = assert_valid(solve(inp), inp)
    ali = plan.of(6)
    assert ali is not None and (ali.start, ali.end) == (T(17, 15), T(17, 30))


def test_two_teachers_with_different_hours() -> None:
    # MK only until 18:00, LP only from 17:00; the pupils need both, or one of them
    teachers = (
        TeacherSpec("MK", free=parse_periods("16:00-18:00")),
        TeacherSpec("LP", free=parse_periods("17:00-19:30")),
    )
    both = [pupil(i, teachers=("MK", "LP")) for i in range(1, 5)]
    mk = [pupil(i, teachers=("MK",)) for i in range(5, 9)]
    lp = [pupil(i, teachers=("LP",)) for i in range(9, 15)]
    inp = PlanInput((evening(),), teachers, tuple(both + mk + lp))
    plan = assert_valid(solve(inp), inp)
    for a in plan.assignments:
        if "MK" in a.teachers:
            assert a.end <= T(18)
        if "LP" in a.teachers:
            assert a.start >= T(17)
    for p in both:
        a = plan.of(p.id)
        assert a is not None and T(17) <= a.start and a.end <= T(18)


def test_siblings_in_three_classes_back_to_back() -> None:
    # Emma (5.A), Oskar (7.B) and Ida (9.C) share a guardian; each class has its teacher
    emma = pupil(1, "Emma", cls="5.A", teachers=("MK",), guardians=(7,))
    oskar = pupil(101, "Oskar", cls="7.B", teachers=("LP",), guardians=(7, 8))
    ida = pupil(201, "Ida", cls="9.C", teachers=("JS",), guardians=(8,))
    pupils = [emma, oskar, ida]
    pupils += class_of(24, "5.A", ("MK",), base=1)
    pupils += class_of(24, "7.B", ("LP",), base=101)
    pupils += class_of(24, "9.C", ("JS",), base=201)
    inp = PlanInput(
        (evening(T(15), T(22), breaks="18:00-18:30"),),
        (TeacherSpec("MK"), TeacherSpec("LP"), TeacherSpec("JS")),
        tuple(pupils),
        rooms=("A", "B", "C"),
    )
    plan = assert_valid(solve(inp), inp)
    three = sorted((plan.of(i) for i in (1, 101, 201)), key=lambda a: a.start)  # type: ignore[arg-type,return-value]
    assert three[0].end == three[1].start and three[1].end == three[2].start
    assert len({a.date for a in three}) == 1


def test_a_sibling_fixed_in_another_plan_anchors_the_other() -> None:
    oskar = pupil(101, "Oskar", cls="7.B", teachers=("LP",), guardians=(7,))
    fixed = FixedBooking(oskar, Assignment(DAY, T(17), T(17, 15), 101, "B", ("LP",)))
    emma = pupil(1, "Emma", cls="5.A", teachers=("MK",), guardians=(7,))
    inp = PlanInput(
        (evening(),), (TeacherSpec("MK"),), (emma, *class_of(5, base=1)), fixed=(fixed,)
    )
    plan = assert_valid(solve(inp), inp)
    a = plan.of(1)
    assert a is not None and (a.end == T(17) or a.start == T(17, 15))


def test_two_evenings_used_when_one_is_full() -> None:
    inp = PlanInput(
        (evening(T(16), T(18)), evening(T(16), T(18), DAY2)),
        (TeacherSpec("MK"),),
        tuple(class_of(12)),
    )
    plan = assert_valid(solve(inp), inp)
    assert {a.date for a in plan.assignments} == {DAY, DAY2}


# --- plans that cannot fit, and why --------------------------------------------------------


def test_more_pupils_than_a_teachers_slots_is_counted() -> None:
    teachers = (TeacherSpec("LP", free=parse_periods("16:00-19:00")),)
    inp = PlanInput((evening(),), teachers, tuple(class_of(13, teachers=("LP",))))
    result = solve(inp)
    assert not result.ok
    assert result.reasons == ("13 pupils but only 12 slots with teacher LP.",)


def test_a_family_that_can_only_come_when_the_teacher_is_busy() -> None:
    teachers = (TeacherSpec("MK", free=parse_periods("16:00-17:00, 17:15-19:30")),)
    ali = pupil(1, "Ali Hansen", unavailable="16:00-17:00, 17:15-19:30")
    inp = PlanInput((evening(),), teachers, (ali, *class_of(3, base=1)))
    result = solve(inp)
    assert not result.ok
    assert result.reasons == (
        "Ali Hansen (5.A): no free slot — family can only 17:00, teacher MK busy then",
    )


def test_siblings_without_back_to_back_slots() -> None:
    emma = pupil(1, "Emma", guardians=(5,), unavailable="16:15-19:30")
    oskar = pupil(2, "Oskar", guardians=(5,), unavailable="16:00-16:15, 16:30-19:30")
    # Emma only 16:00, Oskar only 16:15 — that is back to back; block 16:15 for the teacher
    teachers = (TeacherSpec("MK", free=parse_periods("16:00-16:15, 16:30-19:30")),)
    inp = PlanInput((evening(),), teachers, (emma, oskar))
    result = solve(inp)
    assert not result.ok
    assert any("Oskar" in r and "no free slot" in r for r in result.reasons)
    # with the teacher free, but Oskar only at 16:30, the two are never back to back
    oskar = pupil(2, "Oskar", guardians=(5,), unavailable="16:00-16:30, 16:45-19:30")
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), (emma, oskar))
    result = solve(inp)
    assert result.reasons == (
        "Siblings Emma and Oskar: no 2 back-to-back free slots on any evening.",
    )


def test_families_crowding_into_too_few_slots_are_named() -> None:
    a = pupil(1, "Ali", unavailable="16:00-17:00, 17:30-19:30")
    b = pupil(2, "Bo", unavailable="16:00-17:00, 17:30-19:30")
    c = pupil(3, "Cy", unavailable="16:00-17:00, 17:30-19:30")
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), (a, b, c, *class_of(4, base=3)))
    result = solve(inp)
    assert not result.ok
    assert result.reasons == (
        "Ali (5.A), Bo (5.A) and Cy (5.A) can only come 17:00–17:30: "
        "3 families for 2 slots with teacher MK.",
    )


def test_a_teacher_who_does_not_take_part() -> None:
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), tuple(class_of(2, teachers=("XY",))))
    result = solve(inp)
    assert result.reasons == (
        "Teacher XY must attend for 2 pupils but does not take part: "
        "Pupil 1 (5.A) and Pupil 2 (5.A).",
    )


def test_blocks_that_fit_alone_but_not_together_still_explained() -> None:
    # the pair fits 16:00+16:15 or 16:15+16:30, Cy only 16:15: each fits alone, and the
    # counting passes (three families, three slots), but the search finds no plan
    a1 = pupil(1, "Asta", guardians=(1,), unavailable="16:45-19:30")
    a2 = pupil(2, "Anton", guardians=(1,), unavailable="16:45-19:30")
    cy = pupil(3, "Cy", unavailable="16:00-16:15, 16:30-19:30")
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), (a1, a2, cy))
    result = solve(inp)
    assert not result.ok
    assert result.nodes > 0
    assert result.reasons == (
        "Each family fits on its own, but not all at once: the siblings' back-to-back "
        "slots and the families' wishes crowd each other out. The tightest: "
        "Cy (5.A): 1 possible slot; siblings Asta and Anton: 4 ways back to back.",
    )
    # Cy free from 16:30 as well: now a plan fits
    cy = pupil(3, "Cy", unavailable="16:00-16:15, 16:45-19:30")
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), (a1, a2, cy))
    assert_valid(solve(inp), inp)


# --- checking a plan after a hand move ------------------------------------------------------


def test_check_finds_what_a_hand_move_breaks() -> None:
    emma = pupil(1, "Emma", guardians=(5,))
    oskar = pupil(2, "Oskar", guardians=(5,))
    ali = pupil(3, "Ali", unavailable="18:00-19:30")
    teachers = (TeacherSpec("MK", free=parse_periods("16:00-19:00")),)
    inp = PlanInput((evening(breaks="17:30-17:45"),), teachers, (emma, oskar, ali), ("A",))
    plan = assert_valid(solve(inp), inp)
    at_ali = plan.of(3)
    assert at_ali is not None
    # Emma onto Ali's slot: teacher and room double booked, siblings apart
    moved = plan.moved(1, Assignment(DAY, at_ali.start, at_ali.end, 1, "A", ("MK",)))
    kinds = {v.kind for v in check(moved, inp)}
    assert {"teacher_double", "room_double", "siblings_apart"} <= kinds
    # Ali into the evening's break, then into the family's no-go time and the teacher's off time
    assert {
        v.kind
        for v in check(plan.moved(3, Assignment(DAY, T(17, 30), T(17, 45), 3, "A", ("MK",))), inp)
    } >= {"break"}
    late = check(plan.moved(3, Assignment(DAY, T(19), T(19, 15), 3, "A", ("MK",))), inp)
    assert {"family", "teacher_busy"} <= {v.kind for v in late}
    assert "Ali (5.A) at 24/11/2026 19:00: the family cannot come then." in [
        v.message for v in late
    ]
    # a pupil left out, and the siblings at the same time
    assert {v.kind for v in check(Plan(plan.assignments[1:]), inp)} >= {"missing"}
    e = plan.of(1)
    assert e is not None
    same = plan.moved(2, Assignment(e.date, e.start, e.end, 2, "B", ("MK",)))
    assert "siblings_same_time" in {v.kind for v in check(same, inp)}


def test_plan_json_round_trip() -> None:
    inp = PlanInput((evening(),), (TeacherSpec("MK"),), tuple(class_of(5)), ("A; B, \\C",))
    plan = assert_valid(solve(inp), inp)
    assert plan_from_json(plan_to_json(plan)) == plan


# --- iCalendar ---------------------------------------------------------------------------


def parse_ics(data: bytes) -> list[dict[str, str]]:
    """A small independent reader: unfold, split properties, unescape TEXT."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = text.replace("\r\n ", "").split("\r\n")
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            name, _sep, value = line.partition(":")
            out, i = [], 0
            while i < len(value):
                if value[i] == "\\":
                    nxt = value[i + 1]
                    out.append("\n" if nxt in "nN" else nxt)
                    i += 2
                else:
                    assert value[i] not in ";," or name.split(";")[0] not in {
                        "SUMMARY",
                        "LOCATION",
                        "DESCRIPTION",
                    }
                    out.append(value[i])
                    i += 1
            current[name] = "".join(out)
    return events


def test_ics_round_trip() -> None:
    long_name = "Nguyễn Thị Minh-Châu Łukasz; Ćwikła, \\ Søren Ærø Østergård-Andersen"
    pupils = (pupil(1, long_name, teachers=("MK", "LP")), pupil(2, "Ali"))
    inp = PlanInput((evening(),), (TeacherSpec("MK"), TeacherSpec("LP")), pupils, ("Room 12, 1st",))
    plan = assert_valid(solve(inp), inp)
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    data = to_ics(plan, inp, now=now, school="Line 1\nLine 2")
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"TZID:Europe/Copenhagen" in data
    events = parse_ics(data)
    assert len(events) == 3  # one per teacher and slot
    uids = [e["UID"] for e in events]
    assert len(set(uids)) == 3
    first = next(e for e in events if e["CATEGORIES"] == "MK" and long_name in e["SUMMARY"])
    a = plan.of(1)
    assert a is not None
    assert first["DTSTART;TZID=Europe/Copenhagen"] == a.starts_at.strftime("%Y%m%dT%H%M%S")
    assert first["LOCATION"] == "Room 12, 1st"
    assert first["DESCRIPTION"] == "Line 1\nLine 2\nTeachers: MK, LP"
    assert first["DTSTAMP"] == "20261123T100000Z"
    assert to_ics(plan, inp, now=now) == to_ics(plan, inp, now=now)  # stable UIDs
    only_lp = parse_ics(to_ics(plan, inp, now=now, teacher="LP"))
    assert [e["CATEGORIES"] for e in only_lp] == ["LP"]


def test_ics_read_back_with_icalendar() -> None:
    """The file read back by the icalendar library: the events, their local times, UIDs."""
    from zoneinfo import ZoneInfo

    import icalendar

    name = "Søren Ærø; Łukasz, \\ Nguyễn " + "ø" * 80  # long: the lines are folded
    pupils = (
        pupil(1, name, teachers=("MK", "LP")),
        pupil(2, "Ali"),
        replace(pupil(2, "Ali (Far)", guardians=(20_002,)), id=-2, part=2),  # his second home
    )
    teachers = (TeacherSpec("MK"), TeacherSpec("LP"))
    inp = PlanInput((evening(),), teachers, pupils, ("Room 12, 1st",))
    plan = assert_valid(solve(inp), inp)
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    data = to_ics(plan, inp, now=now, school="Skolen")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Copenhagen"]
    events = calendar.walk("VEVENT")
    assert len(events) == 4  # two teachers for the first pupil, one for each of Ali's
    copenhagen = ZoneInfo("Europe/Copenhagen")
    by_uid = {str(e["UID"]): e for e in events}
    for a in plan.assignments:
        for initials in a.teachers:
            pupil_part = f"{a.pupil_id}" if a.pupil_id > 0 else f"{-a.pupil_id}-2"
            uid = f"{a.date:%Y%m%d}-{a.start:%H%M}-{initials}-{pupil_part}@skolehjem"
            event = by_uid[uid]
            start = event.decoded("DTSTART")
            assert start == dt.datetime.combine(a.date, a.start, tzinfo=copenhagen)
            assert start.utcoffset() == dt.timedelta(hours=1)  # November: CET
            assert event.decoded("DTEND") == dt.datetime.combine(a.date, a.end, tzinfo=copenhagen)
            assert str(event["LOCATION"]) == "Room 12, 1st"
            assert event["CATEGORIES"].cats == [initials]
            assert event.decoded("DTSTAMP") == now
    first = by_uid[next(u for u in by_uid if u.endswith("-MK-1@skolehjem"))]
    assert name in str(first["SUMMARY"])
    assert str(first["DESCRIPTION"]) == "Skolen\nTeachers: MK, LP"
    assert {str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")} == set(by_uid)
    assert to_ics(plan, inp, now=now) == to_ics(plan, inp, now=now)  # stable
