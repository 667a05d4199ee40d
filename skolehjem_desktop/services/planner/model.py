"""The planner's input and its plan: plain frozen dataclasses, no Qt, no database.

Times are local wall-clock times of the evening (``datetime.time``); a :class:`Period`
without a date applies to every evening. Everything here turns into plain JSON and
back (:func:`input_to_json` and friends) so the setup and the draft plan can be kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date

MIN_SLOT = 5
MAX_SLOT = 120


def minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def from_minutes(m: int) -> dt.time:
    return dt.time(m // 60, m % 60)


def hhmm(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


@dataclass(frozen=True, order=True)
class Period:
    """From ``start`` to ``end`` on ``date``, or on every evening when ``date`` is None."""

    start: dt.time
    end: dt.time
    date: dt.date | None = None

    def covers(self, date: dt.date, start: int, end: int) -> bool:
        """True when the minutes ``start``–``end`` on ``date`` lie inside this period."""
        if self.date is not None and self.date != date:
            return False
        return minutes(self.start) <= start and end <= minutes(self.end)

    def overlaps(self, date: dt.date, start: int, end: int) -> bool:
        if self.date is not None and self.date != date:
            return False
        return minutes(self.start) < end and start < minutes(self.end)

    def text(self) -> str:
        span = f"{hhmm(self.start)}-{hhmm(self.end)}"
        return f"{self.date.isoformat()} {span}" if self.date else span


@dataclass(frozen=True)
class Evening:
    date: dt.date
    start: dt.time
    end: dt.time
    slot_minutes: int = 15
    breaks: tuple[Period, ...] = ()


@dataclass(frozen=True)
class TeacherSpec:
    """A teacher taking part; ``free`` empty means free for the whole of every evening.

    ``room`` is the teacher's own room (optional); a teacher without one takes any of
    the shared rooms.
    """

    initials: str
    name: str = ""
    free: tuple[Period, ...] = ()
    room: str = ""


@dataclass(frozen=True)
class PupilSpec:
    """A pupil (a family) to place: who must attend, when the family cannot come."""

    id: int
    name: str
    class_name: str
    teachers: tuple[str, ...]
    unavailable: tuple[Period, ...] = ()
    guardians: tuple[int, ...] = ()
    # One conversation of the plan (a unit) may differ from one pupil: the second
    # household of a pupil whose parents live apart has ``id`` = -pupil id and
    # ``part`` 2 (the first household ``part`` 1); siblings who come together are one
    # unit with the others' ids in ``together``.
    part: int = 0
    together: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.class_name})" if self.class_name else self.name

    @property
    def student_id(self) -> int:
        """The pupil this conversation is about (the first of siblings who come together)."""
        return abs(self.id)

    @property
    def students(self) -> tuple[int, ...]:
        """Every pupil this conversation is about."""
        return (abs(self.id), *self.together)


@dataclass(frozen=True, order=True)
class Assignment:
    """One pupil's conversation: when, where, with whom."""

    date: dt.date
    start: dt.time
    end: dt.time
    pupil_id: int
    room: str = ""
    teachers: tuple[str, ...] = ()

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start)

    @property
    def duration_minutes(self) -> int:
        return minutes(self.end) - minutes(self.start)


@dataclass(frozen=True)
class FixedBooking:
    """A pupil already placed in another plan (another class): kept as it is."""

    pupil: PupilSpec
    assignment: Assignment


@dataclass(frozen=True)
class PlanInput:
    evenings: tuple[Evening, ...]
    teachers: tuple[TeacherSpec, ...]
    pupils: tuple[PupilSpec, ...]
    rooms: tuple[str, ...] = ()
    fixed: tuple[FixedBooking, ...] = ()


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...] = ()

    def of(self, pupil_id: int) -> Assignment | None:
        for a in self.assignments:
            if a.pupil_id == pupil_id:
                return a
        return None

    def moved(self, pupil_id: int, to: Assignment) -> Plan:
        """This plan with ``pupil_id`` at ``to`` (the hand move)."""
        rest = [a for a in self.assignments if a.pupil_id != pupil_id]
        return Plan(tuple(sorted([*rest, to])))


@dataclass(frozen=True)
class Violation:
    """A broken constraint; ``pupils`` are the ids it concerns."""

    kind: str
    message: str
    pupils: tuple[int, ...] = ()


@dataclass(frozen=True)
class Result:
    """What the solver found: a plan, or the reasons none fits."""

    plan: Plan | None
    reasons: tuple[str, ...] = field(default=())
    nodes: int = 0

    @property
    def ok(self) -> bool:
        return self.plan is not None


# --- parsing what the teacher types ------------------------------------------------------

_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_RANGE_RE = re.compile(r"^(?:(\d{4}-\d{2}-\d{2})\s+)?(\S+)\s*-\s*(\S+)$")


def parse_time(text: str) -> dt.time:
    m = _TIME_RE.match(text.strip())
    if not m or not (0 <= int(m.group(1)) <= 23 and 0 <= int(m.group(2)) <= 59):
        raise ValidationError(
            _("{value} is not a time of day (write e.g. 16:30).").format(value=text.strip())
        )
    return dt.time(int(m.group(1)), int(m.group(2)))


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            _("{value} is not a date (write e.g. 2026-11-24).").format(value=text.strip())
        ) from None


def parse_period(text: str) -> Period:
    """``16:00-17:00`` or ``2026-11-24 16:00-17:00``; the end after the start."""
    m = _RANGE_RE.match(text.strip())
    if not m:
        raise ValidationError(
            _("{value} is not a time range (write e.g. 16:00-17:00).").format(value=text.strip())
        )
    date = parse_date(m.group(1)) if m.group(1) else None
    start, end = parse_time(m.group(2)), parse_time(m.group(3))
    if end <= start:
        raise ValidationError(
            _("{value}: the end must come after the start.").format(value=text.strip())
        )
    return Period(start, end, date)


def parse_periods(text: str) -> tuple[Period, ...]:
    """A list like ``16:00-17:00, 18:30-19:30`` (commas or semicolons); empty is none."""
    parts = [p for p in re.split(r"[,;\n]", text) if p.strip()]
    return tuple(parse_period(p) for p in parts)


def periods_text(periods: tuple[Period, ...]) -> str:
    return ", ".join(p.text() for p in periods)


def parse_evening(text: str, slot_minutes: int = 15, breaks: str = "") -> Evening:
    """``2026-11-24 16:00-19:30`` with the slot length and the breaks."""
    period = parse_period(text)
    if period.date is None:
        raise ValidationError(
            _("{value}: give the evening's date, e.g. 2026-11-24 16:00-19:30.").format(
                value=text.strip()
            )
        )
    return make_evening(period.date, period.start, period.end, slot_minutes, parse_periods(breaks))


def make_evening(
    date: dt.date,
    start: dt.time,
    end: dt.time,
    slot_minutes: int,
    breaks: tuple[Period, ...] = (),
) -> Evening:
    """An evening, checked: slot length, the end after the start, breaks inside it."""
    if not MIN_SLOT <= slot_minutes <= MAX_SLOT:
        raise ValidationError(
            _("A slot lasts between {low} and {high} minutes.").format(low=MIN_SLOT, high=MAX_SLOT)
        )
    if end <= start:
        raise ValidationError(
            _("The evening of {date} must end after it starts.").format(date=short_date(date))
        )
    if minutes(end) - minutes(start) < slot_minutes:
        raise ValidationError(
            _("The evening of {date} is shorter than one slot.").format(date=short_date(date))
        )
    fixed_breaks = []
    for b in breaks:
        if b.date is not None and b.date != date:
            raise ValidationError(
                _("The break {value} is not on the evening of {date}.").format(
                    value=b.text(), date=short_date(date)
                )
            )
        fixed_breaks.append(Period(b.start, b.end, None))
    return Evening(date, start, end, slot_minutes, tuple(sorted(fixed_breaks)))


# --- JSON ------------------------------------------------------------------------------


def period_to_json(p: Period) -> str:
    return p.text()


def evening_to_json(e: Evening) -> dict[str, Any]:
    return {
        "date": e.date.isoformat(),
        "start": hhmm(e.start),
        "end": hhmm(e.end),
        "slot": e.slot_minutes,
        "breaks": [period_to_json(b) for b in e.breaks],
    }


def evening_from_json(d: dict[str, Any]) -> Evening:
    return make_evening(
        parse_date(str(d["date"])),
        parse_time(str(d["start"])),
        parse_time(str(d["end"])),
        int(d["slot"]),
        tuple(parse_period(str(b)) for b in d.get("breaks", [])),
    )


def assignment_to_json(a: Assignment) -> dict[str, Any]:
    return {
        "pupil": a.pupil_id,
        "date": a.date.isoformat(),
        "start": hhmm(a.start),
        "end": hhmm(a.end),
        "room": a.room,
        "teachers": list(a.teachers),
    }


def assignment_from_json(d: dict[str, Any]) -> Assignment:
    return Assignment(
        date=parse_date(str(d["date"])),
        start=parse_time(str(d["start"])),
        end=parse_time(str(d["end"])),
        pupil_id=int(d["pupil"]),
        room=str(d.get("room", "")),
        teachers=tuple(str(t) for t in d.get("teachers", [])),
    )


def plan_to_json(plan: Plan) -> list[dict[str, Any]]:
    return [assignment_to_json(a) for a in plan.assignments]


def plan_from_json(rows: list[dict[str, Any]]) -> Plan:
    return Plan(tuple(sorted(assignment_from_json(r) for r in rows)))
