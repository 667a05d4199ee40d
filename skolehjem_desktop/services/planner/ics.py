"""The plan as iCalendar (RFC 5545), written by hand: one VEVENT per teacher and slot.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character);
text values escape backslash, semicolon, comma and line breaks. Times are local
times in Europe/Copenhagen, with the time zone described in the file. Each event's
UID is made from the slot, the teacher and the pupil, so exporting again updates
the same events in a calendar instead of adding new ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.planner.model import Assignment, Plan, PlanInput

TZID = "Europe/Copenhagen"
PRODID = "-//Skolehjem//Conversation evening planner//EN"
LIMIT = 75

_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape(text: str) -> str:
    """A TEXT value: ``\\`` ``;`` ``,`` and line breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """``line`` cut into pieces of at most 75 octets, joined by CRLF and a space."""
    pieces: list[str] = []
    current, size, limit = "", 0, LIMIT
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            pieces.append(current)
            current, size, limit = "", 0, LIMIT - 1  # the leading space counts
        current += ch
        size += n
    pieces.append(current)
    return "\r\n ".join(pieces)


def _local(date: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(date, time).strftime("%Y%m%dT%H%M%S")


def _events(
    plan: Plan, inp: PlanInput, teacher: str | None, stamp: str, school: str
) -> Iterable[str]:
    pupils = {p.id: p for p in inp.pupils}
    for a in plan.assignments:
        pupil = pupils.get(a.pupil_id)
        if pupil is None:
            continue
        for initials in a.teachers:
            if teacher is not None and initials != teacher:
                continue
            yield from _event(a, initials, pupil.label, stamp, school)


def _event(a: Assignment, initials: str, label: str, stamp: str, school: str) -> Iterable[str]:
    uid = "{day}-{start}-{teacher}-{pupil}@skolehjem".format(
        day=a.date.strftime("%Y%m%d"),
        start=a.start.strftime("%H%M"),
        teacher="".join(ch for ch in initials if ch.isalnum()) or "x",
        pupil=a.pupil_id,
    )
    yield "BEGIN:VEVENT"
    yield f"UID:{uid}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;TZID={TZID}:{_local(a.date, a.start)}"
    yield f"DTEND;TZID={TZID}:{_local(a.date, a.end)}"
    yield "SUMMARY:" + escape(_("School–home conversation: {pupil}").format(pupil=label))
    if a.room:
        yield "LOCATION:" + escape(a.room)
    details = _("Teachers: {teachers}").format(teachers=", ".join(a.teachers))
    if school:
        details = f"{school}\n{details}"
    yield "DESCRIPTION:" + escape(details)
    yield "CATEGORIES:" + escape(initials)
    yield "END:VEVENT"


def to_ics(
    plan: Plan,
    inp: PlanInput,
    *,
    now: dt.datetime,
    teacher: str | None = None,
    school: str = "",
) -> bytes:
    """The calendar file (UTF-8) with an event per teacher and slot (or one teacher's)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")  # naive: the local time
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *_VTIMEZONE,
        *_events(plan, inp, teacher, stamp, school),
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
