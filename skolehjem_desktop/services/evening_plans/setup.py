"""What the teacher types into the planner, its checks, and the part of it kept as JSON.

The JSON (in ``evening_plan.setup``) holds the evenings, the teachers taking part and
when they are free, the rooms, and the pupils the teacher ticked in or out of the plan
(each with the pupil's stamp, so a reused id inherits nothing). The families'
unavailability is kept in rows (see :mod:`skolehjem_desktop.services.evening_plans.storage`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from skolehjem_desktop.domain.limits import SHORT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.services.base import clean_text
from skolehjem_desktop.services.planner.model import (
    Evening,
    Period,
    evening_from_json,
    evening_to_json,
    minutes,
    parse_periods,
    periods_text,
)

# 1: the families' unavailability and the draft's assignments inside the JSON, keyed by
# pupil id; 2: in rows of their own (migration 0004 moved them), the JSON names no pupil.
SETUP_VERSION = 2
MAX_EVENINGS = 10
MAX_ROOMS = 30
JSON_MAX = 500_000


@dataclass(frozen=True)
class TeacherSetup:
    initials: str
    free: tuple[Period, ...] = ()
    room: str = ""


@dataclass(frozen=True)
class Setup:
    """What the teacher types into the planner."""

    evenings: tuple[Evening, ...] = ()
    teachers: tuple[TeacherSetup, ...] = ()
    rooms: tuple[str, ...] = ()
    unavailable: tuple[tuple[int, tuple[Period, ...]], ...] = ()  # pupil id, periods
    # The pupils the teacher ticked in or out (else: in when still owed their ordinary
    # conversation): pupil id, in, and the pupil's stamp (when it was created) so that a
    # pupil added later under a reused id inherits nothing.
    chosen: tuple[tuple[int, bool, str], ...] = ()

    def unavailable_of(self, pupil_id: int) -> tuple[Period, ...]:
        return dict(self.unavailable).get(pupil_id, ())

    def chosen_of(self, pupil_id: int, stamp: str) -> bool | None:
        """True or False when the teacher ticked the pupil in or out, else None."""
        for pid, included, since in self.chosen:
            if pid == pupil_id and since == stamp:
                return included
        return None

    def with_chosen(self, pupil_id: int, included: bool | None, stamp: str = "") -> Setup:
        """The setup with the pupil ticked in or out (None: back to the default)."""
        rest = [c for c in self.chosen if c[0] != pupil_id]
        if included is not None:
            rest.append((pupil_id, included, stamp))
        return replace(self, chosen=tuple(sorted(rest)))

    def with_unavailable(self, pupil_id: int, periods: tuple[Period, ...]) -> Setup:
        rest = dict(self.unavailable)
        rest[pupil_id] = periods
        return replace(self, unavailable=tuple(sorted((k, v) for k, v in rest.items() if v)))


def check_setup(setup: Setup) -> Setup:
    """The setup, checked: distinct evenings, known rooms, no initials twice."""
    if len(setup.evenings) > MAX_EVENINGS:
        raise ValidationError(
            _("At most {n} evenings can be planned at once.").format(n=MAX_EVENINGS)
        )
    seen: set[tuple[dt.date, int, int]] = set()
    for e in setup.evenings:
        key = (e.date, minutes(e.start), minutes(e.end))
        if any(d == e.date and s < key[2] and key[1] < t for d, s, t in seen):
            raise ValidationError(
                _("Two evenings on {date} overlap.").format(date=short_date(e.date))
            )
        seen.add(key)
    rooms = tuple(
        clean_text(r, _("Room"), SHORT_MAX, required=True) for r in dict.fromkeys(setup.rooms)
    )
    if len(rooms) > MAX_ROOMS:
        raise ValidationError(_("At most {n} rooms.").format(n=MAX_ROOMS))
    initials: set[str] = set()
    teachers = []
    for t in setup.teachers:
        code = clean_text(t.initials, _("Initials"), 8, required=True)
        if code.casefold() in initials:
            raise ValidationError(_("The teacher {initials} is named twice.").format(initials=code))
        initials.add(code.casefold())
        teachers.append(TeacherSetup(code, t.free, clean_text(t.room, _("Room"), SHORT_MAX)))
    return Setup(setup.evenings, tuple(teachers), rooms, setup.unavailable, setup.chosen)


# --- JSON of the setup --------------------------------------------------------------------


def setup_to_json(setup: Setup) -> str:
    """The part of the setup kept as JSON: all but the families' unavailability (rows)."""
    return json.dumps(
        {
            "version": SETUP_VERSION,
            "evenings": [evening_to_json(e) for e in setup.evenings],
            "teachers": [
                {"initials": t.initials, "free": periods_text(t.free), "room": t.room}
                for t in setup.teachers
            ],
            "rooms": list(setup.rooms),
            "chosen": [
                {"pupil": pid, "in": included, "since": since}
                for pid, included, since in setup.chosen
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def setup_from_json(text: str) -> Setup:
    """The JSON part of a setup kept in the database; a newer or broken one is refused plainly.

    The families' unavailability is not in it (see :meth:`EveningPlanService.get`).
    """
    try:
        data = json.loads(text or "{}")
        if not isinstance(data, dict):
            raise TypeError
        version = int(data.get("version", SETUP_VERSION))
        if version > SETUP_VERSION:
            raise ValidationError(
                _("This evening plan was made by a newer version of the program.")
            )
        return check_setup(
            Setup(
                evenings=tuple(evening_from_json(e) for e in data.get("evenings", [])),
                teachers=tuple(
                    TeacherSetup(
                        str(t["initials"]),
                        parse_periods(str(t.get("free", ""))),
                        str(t.get("room", "")),
                    )
                    for t in data.get("teachers", [])
                ),
                rooms=tuple(str(r) for r in data.get("rooms", [])),
                chosen=tuple(
                    sorted(
                        (int(c["pupil"]), bool(c["in"]), str(c.get("since", "")))
                        for c in data.get("chosen", [])
                    )
                ),
            )
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ValidationError(_("The evening plan's setup is damaged.")) from None
