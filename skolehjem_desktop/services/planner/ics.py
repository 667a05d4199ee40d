"""The plan as iCalendar (RFC 5545), written with the ``icalendar`` library.

One VEVENT per teacher and slot. Times are local times in Europe/Copenhagen, with the
time zone described in the file by its rules (``VTIMEZONE``); the library escapes the text values
and folds the lines at 75 octets. Each event's UID is made from the slot, the teacher
and the pupil (and the household, for the second one of parents who live apart), so
exporting again updates the same events in a calendar instead of adding new ones.
The library is imported when a calendar is written, not at start-up.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.planner.model import Assignment, Plan, PlanInput

if TYPE_CHECKING:
    from icalendar import Component, Event

TZID = "Europe/Copenhagen"
PRODID = "-//Skolehjem//Conversation evening planner//EN"


def uid_of(a: Assignment, initials: str) -> str:
    """The event's UID: the same slot, teacher and pupil give the same UID."""
    pupil = str(a.pupil_id) if a.pupil_id > 0 else f"{-a.pupil_id}-2"
    return "{day}-{start}-{teacher}-{pupil}@skolehjem".format(
        day=a.date.strftime("%Y%m%d"),
        start=a.start.strftime("%H%M"),
        teacher="".join(ch for ch in initials if ch.isalnum()) or "x",
        pupil=pupil,
    )


def _timezone() -> Component:
    """Europe/Copenhagen by its rules (CET, CEST from the last Sunday of March to October)."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", TZID)
    for kind, name, offsets, start, month in (
        (TimezoneDaylight, "CEST", (1, 2), dt.datetime(1970, 3, 29, 2), 3),
        (TimezoneStandard, "CET", (2, 1), dt.datetime(1970, 10, 25, 3), 10),
    ):
        part = kind()
        part.add("tzoffsetfrom", dt.timedelta(hours=offsets[0]))
        part.add("tzoffsetto", dt.timedelta(hours=offsets[1]))
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _event(a: Assignment, initials: str, label: str, stamp: dt.datetime, school: str) -> Event:
    from icalendar import Event

    zone = ZoneInfo(TZID)
    event = Event()
    event.add("uid", uid_of(a, initials))
    event.add("dtstamp", stamp)
    event.add("dtstart", dt.datetime.combine(a.date, a.start, tzinfo=zone))
    event.add("dtend", dt.datetime.combine(a.date, a.end, tzinfo=zone))
    event.add("summary", _("School–home conversation: {pupil}").format(pupil=label))
    if a.room:
        event.add("location", a.room)
    details = _("Teachers: {teachers}").format(teachers=", ".join(a.teachers))
    event.add("description", f"{school}\n{details}" if school else details)
    event.add("categories", [initials])
    return event


def to_ics(
    plan: Plan,
    inp: PlanInput,
    *,
    now: dt.datetime,
    teacher: str | None = None,
    school: str = "",
) -> bytes:
    """The calendar file (UTF-8) with an event per teacher and slot (or one teacher's)."""
    from icalendar import Calendar

    stamp = now.astimezone(dt.UTC)  # naive: the local time
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_timezone())
    pupils = {p.id: p for p in inp.pupils}
    for a in plan.assignments:
        pupil = pupils.get(a.pupil_id)
        if pupil is None:
            continue
        for initials in a.teachers:
            if teacher is None or initials == teacher:
                calendar.add_component(_event(a, initials, pupil.label, stamp, school))
    data: bytes = calendar.to_ical()
    return data
