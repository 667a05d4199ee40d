"""``plan``: plan a class's conversation evening on the command line.

``plan --class 5.A --evening "2026-11-24 16:00-19:30" --slot 15 --break 17:30-17:45
--teacher MK=16:00-18:00 --room "Room 12"`` keeps the setup as the class's evening plan
(the families' wishes typed in the window stay), computes a plan and prints it as a
table, or prints why none fits (one reason a line, exit status 1).

Wired into :mod:`skolehjem_desktop.cli` by ``add_parsers(sub)`` and :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skolehjem_desktop import i18n
from skolehjem_desktop.cli.common import open_services, print_table, school_year
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from skolehjem_desktop.services.planner.model import Evening


def add_parsers(sub: Any) -> None:
    plan = sub.add_parser("plan", help=_("plan a class's conversation evening"))
    plan.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    plan.add_argument("--school-year", dest="school_year", metavar="YYYY", type=_year)
    plan.add_argument(
        "--evening",
        action="append",
        required=True,
        metavar='"YYYY-MM-DD HH:MM-HH:MM"',
        help=_("an evening: its date, from and to (repeat for more evenings)"),
    )
    plan.add_argument(
        "--slot", type=_minutes, default=15, metavar="MIN", help=_("minutes per conversation")
    )
    plan.add_argument(
        "--break",
        dest="breaks",
        action="append",
        default=[],
        metavar="HH:MM-HH:MM",
        help=_("a break in every evening (or YYYY-MM-DD HH:MM-HH:MM for one)"),
    )
    plan.add_argument(
        "--teacher",
        action="append",
        default=[],
        metavar="INITIALS[=HH:MM-HH:MM]",
        help=_("a teacher taking part, and when free (default: the contact teachers)"),
    )
    plan.add_argument("--room", action="append", default=[], metavar="NAME", help=_("a room"))
    plan.add_argument("--out", metavar="FILE", help=_("write the plan as JSON to this file"))
    plan.add_argument("--json", action="store_true", help=_("print the plan as JSON"))


def _year(value: str) -> int:

    return school_year(value)


def _minutes(value: str) -> int:
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(
            _("{value} is not a number of minutes.").format(value=value)
        )
    return int(value)


def _evenings(args: argparse.Namespace) -> tuple[Evening, ...]:
    from skolehjem_desktop.services.planner.model import parse_evening, parse_periods

    breaks = parse_periods(", ".join(args.breaks))
    out = []
    for text in args.evening:
        evening = parse_evening(text, args.slot)
        own = tuple(b for b in breaks if b.date in (None, evening.date))
        out.append(parse_evening(text, args.slot, ", ".join(b.text() for b in own)))
    return tuple(out)


def cmd_plan(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.evening_plans import TeacherSetup
    from skolehjem_desktop.services.planner.model import hhmm, parse_periods

    evenings = _evenings(args)  # bad dates and times are refused before the data is opened
    teachers: list[TeacherSetup] = []
    for item in args.teacher:
        initials, _sep, free = item.partition("=")
        teachers.append(TeacherSetup(initials.strip().upper(), parse_periods(free)))
    services = open_services(args)
    try:
        klass = services.classes.find(args.class_name, args.school_year)
        plans = services.evening_plans
        state = plans.open(klass.id)
        if state.accepted_at is not None:
            state = plans.new_plan(klass.id)
        if not teachers:
            teachers = [TeacherSetup(t) for t in klass.contact_teachers]
        setup = replace(
            state.setup, evenings=evenings, rooms=tuple(args.room), teachers=tuple(teachers)
        )
        state = plans.save_setup(state.id, setup)
        state, result = plans.compute(state.id)
        if result.plan is None:
            print(_("No plan fits:"), file=sys.stderr)
            for reason in result.reasons:
                print(f"  {reason}", file=sys.stderr)
            return 1
        rows: list[dict[str, Any]] = [
            {
                "date": a.date.isoformat(),
                "start": hhmm(a.start),
                "end": hhmm(a.end),
                "room": a.room,
                "teachers": list(a.teachers),
                "pupil_id": abs(a.pupil_id),  # a second household: the same pupil
                "pupil": state.name_of(a.pupil_id),
                "class": klass.name,
            }
            for a in result.plan.assignments
        ]
        if args.out:
            _write_json(Path(args.out), rows)
        if args.json:
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        for evening in evenings:
            print(i18n.active().format_date(evening.date, "full"))
            print_table(
                [_("Time"), _("Room"), _("Teacher"), _("Pupil")],
                [
                    [f"{r['start']}–{r['end']}", r["room"], ", ".join(r["teachers"]), r["pupil"]]
                    for r in rows
                    if r["date"] == evening.date.isoformat()
                ],
            )
            print()
        print(_("The plan is kept as the draft of the class's evening plan."))
        return 0
    finally:
        services.close()


def _write_json(path: Path, rows: list[dict[str, Any]]) -> None:
    from skolehjem_desktop.services.pdfs import write_atomically

    write_atomically(path, json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"plan": cmd_plan}
