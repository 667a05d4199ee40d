"""``demo``, ``import``, ``list``, ``owed`` and ``check``: the data, headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skolehjem_desktop.cli.common import (
    PROG,
    CliError,
    class_id,
    date_text,
    open_services,
    positive_id,
    print_json,
    print_json_object,
    print_table,
    required_class_id,
    school_year,
    shorten,
    when_text,
)
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.counts import owed_summary

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.owed import ClassOwedItem, OwedRow


def add_parsers(sub: Any) -> None:
    """``demo``, ``import``, ``list``, ``owed`` and ``check``."""
    demo = sub.add_parser("demo", help=_("fill an empty data folder with a demo school"))
    demo.add_argument("--size", choices=("small", "school"), default="small")
    demo.add_argument("--seed", type=int, default=1)

    imp = sub.add_parser("import", help=_("import a class list (CSV or XLSX)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--class", dest="class_name", metavar="NAME")
    imp.add_argument("--school-year", type=school_year, metavar="YYYY")
    imp.add_argument("--dry-run", action="store_true", help=_("check only, change nothing"))

    lst = sub.add_parser("list", help=_("list classes, pupils, conversations or focus points"))
    lst.add_argument("what", choices=("classes", "students", "conversations", "focus"))
    lst.add_argument("--class", dest="class_name", metavar="NAME")
    lst.add_argument("--student", type=positive_id, metavar="ID")
    lst.add_argument("--school-year", type=school_year, metavar="YYYY")
    lst.add_argument("--json", action="store_true", help=_("print JSON"))

    owed = sub.add_parser("owed", help=_("what is still owed for a class this school year"))
    owed.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    owed.add_argument("--school-year", type=school_year, metavar="YYYY")
    owed.add_argument("--json", action="store_true", help=_("print JSON"))

    sub.add_parser("check", help=_("check the database's integrity and schema"))


def cmd_demo(args: argparse.Namespace) -> int:
    services = open_services(args)
    summary = services.generate_demo(size=args.size, seed=args.seed)
    print(
        _(
            "Demo school created in {path}: {classes} classes, {students} pupils, "
            "{conversations} conversations, {focus} focus points, {contacts} contacts."
        ).format(
            path=services.data_dir,
            classes=summary.classes,
            students=summary.students,
            conversations=summary.conversations,
            focus=summary.focus_points,
            contacts=summary.contacts,
        )
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.class_import import (
        ImportFailed,
        describe_problem,
        summarize_report,
    )

    path = Path(args.file)
    if not path.is_file():
        raise CliError(_("The file {path} does not exist.").format(path=path))
    services = open_services(args)
    try:
        report = services.import_class_list(
            path, class_name=args.class_name, school_year=args.school_year, dry_run=args.dry_run
        )
    except ImportFailed as exc:
        print(f"{PROG}: {exc.message}", file=sys.stderr)
        if len(exc.report.problems) > 1:
            for problem in exc.report.problems:
                print(f"  {describe_problem(problem)}", file=sys.stderr)
        return 1
    for line in summarize_report(report):
        print(line)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    handlers: dict[str, Callable[[Services, argparse.Namespace], int]] = {
        "classes": _list_classes,
        "students": _list_students,
        "conversations": _list_conversations,
        "focus": _list_focus,
    }
    return handlers[args.what](services, args)


def _list_classes(services: Services, args: argparse.Namespace) -> int:
    classes = services.classes.all(school_year=args.school_year, include_archived=True)
    if args.json:
        print_json(
            [
                {
                    "id": c.id,
                    "name": c.name,
                    "school_year": c.school_year,
                    "school_year_label": c.year_label,
                    "grade": c.grade,
                    "archived": c.archived,
                    "students": c.student_count,
                    "contact_teachers": list(c.contact_teachers),
                }
                for c in classes
            ]
        )
        return 0
    print_table(
        [_("Id"), _("Class"), _("School year"), _("Grade"), _("Pupils"), _("Contact teachers")],
        [
            [
                str(c.id),
                c.name + (" " + _("(archived)") if c.archived else ""),
                c.year_label,
                "" if c.grade is None else str(c.grade),
                str(c.student_count),
                ", ".join(c.contact_teachers),
            ]
            for c in classes
        ],
    )
    return 0


def _list_students(services: Services, args: argparse.Namespace) -> int:
    if args.student:
        rows = [services.students.row(args.student, args.school_year)]
    else:
        rows = services.students.all(
            class_id=class_id(services, args), school_year=args.school_year
        )
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "first_name": r.first_name,
                    "last_name": r.last_name,
                    "birth_date": r.birth_date,
                    "class_id": r.class_id,
                    "class": r.class_name,
                    "school_year": r.school_year,
                    "left_on": r.left_on,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        [_("Id"), _("Name"), _("Class"), _("Birth date"), _("Left")],
        [
            [
                str(r.id),
                r.full_name,
                r.class_name or "",
                date_text(r.birth_date),
                date_text(r.left_on),
            ]
            for r in rows
        ],
    )
    return 0


def _list_conversations(services: Services, args: argparse.Namespace) -> int:
    from skolehjem_desktop.i18n.labels import label

    rows = services.conversations.all(
        student_id=args.student,
        class_id=class_id(services, args),
        school_year=args.school_year,
    )
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "student_id": r.student_id,
                    "student": r.student_name,
                    "kind": r.kind,
                    "requested_by": r.requested_by,
                    "status": r.status,
                    "starts_at": r.starts_at,
                    "duration_minutes": r.duration_minutes,
                    "place": r.place,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        [_("Id"), _("When"), _("Pupil"), _("Kind"), _("Status"), _("Place")],
        [
            [
                str(r.id),
                when_text(r.starts_at),
                r.student_name,
                label(r.kind),
                label(r.status),
                r.place,
            ]
            for r in rows
        ],
    )
    return 0


def _list_focus(services: Services, args: argparse.Namespace) -> int:
    from skolehjem_desktop.i18n.labels import label

    if not args.student and not args.class_name:
        raise CliError(_("Name a pupil (--student ID) or a class (--class NAME)."))
    year = args.school_year or services.classes.current_year()
    if args.student:
        student_ids = [args.student]
    else:
        class_id = required_class_id(services, args)
        year = services.classes.get(class_id).school_year
        student_ids = [r.id for r in services.students.all(class_id=class_id)]
    points = [p for sid in student_ids for p in services.focus.all(sid, year)]
    if args.json:
        print_json(
            [
                {
                    "id": p.id,
                    "student_id": p.student_id,
                    "school_year": p.school_year,
                    "area": p.area,
                    "subject": p.subject,
                    "goal": p.goal,
                    "actions": p.actions,
                    "status": p.status,
                    "evaluation": p.evaluation,
                    "position": p.position,
                    "carried_from_id": p.carried_from_id,
                }
                for p in points
            ]
        )
        return 0
    print_table(
        [_("Id"), _("Pupil id"), _("Area"), _("Status"), _("Goal")],
        [
            [
                str(p.id),
                str(p.student_id),
                label(p.area) + (f" ({p.subject})" if p.subject else ""),
                label(p.status),
                shorten(p.goal, 60),
            ]
            for p in points
        ],
    )
    return 0


def cmd_owed(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.owed import class_item_text
    from skolehjem_desktop.services.owed_text import (
        contact_cell,
        crowded_line,
        message_book_cell,
        no_contact_line,
        ordinary_cell,
        ordinary_notes,
        presented_cell,
    )

    services = open_services(args)
    class_id = required_class_id(services, args)
    rows = services.owed.for_class(class_id)
    items = services.owed.for_class_records(class_id)
    if args.json:
        print_json_object(owed_json(services, class_id, items, rows))
        return 0
    for item in items:
        print(class_item_text(item, date_text))
    print()
    print_table(
        [
            _("Id"),
            _("Pupil"),
            _("Ordinary conversation"),
            _("Message book"),
            _("Presented"),
            _("Agreements overdue"),
            _("Replies overdue"),
            _("Last contact"),
        ],
        [
            [
                str(r.student_id),
                r.full_name,
                ordinary_cell(r, date_text),
                message_book_cell(r),
                presented_cell(r, date_text),
                str(r.agreements_overdue),
                str(r.replies_overdue),
                contact_cell(r, date_text),
            ]
            for r in rows
        ],
    )
    notes = [
        (r.full_name, line)
        for r in rows
        for line in (
            *ordinary_notes(r, date_text),
            crowded_line(r),
            no_contact_line(r, date_text),
        )
        if line
    ]
    if notes:
        print()
        for name, line in notes:
            print(f"{name}: {line}")
    done = sum(r.complete for r in rows)
    print()
    print(owed_summary(done, len(rows)))
    return 0


def owed_json(
    services: Services, class_id: int, items: list[ClassOwedItem], rows: list[OwedRow]
) -> dict[str, Any]:
    """One object: the class with its class lines, and its pupils (README, "JSON")."""
    info = services.classes.get(class_id)
    return {
        "class": {
            "id": info.id,
            "name": info.name,
            "school_year": info.school_year,
            "grade": info.grade,
            "items": [
                {
                    "item": i.item,
                    "state": i.state,
                    "deadline": i.deadline,
                    "on": i.on,
                    "count": i.count,
                    "name": i.name,
                }
                for i in items
            ],
        },
        "pupils": [
            {
                "student_id": r.student_id,
                "student": r.full_name,
                "class": r.class_name,
                "school_year": r.school_year,
                "ordinary_conversation": r.ordinary,
                "ordinary_conversation_at": r.ordinary_at,
                "required_areas": list(r.required_areas),
                "missing_areas": list(r.missing_areas),
                "presented_on": r.presented_on,
                "agreements_overdue": r.agreements_overdue,
                "replies_overdue": r.replies_overdue,
                "complete": r.complete,
                "agreements_due_soon": r.agreements_due_soon,
                "replies_due_soon": r.replies_due_soon,
                "ordinary_conversations_needed": r.ordinary_needed,
                "ordinary_conversations_held": r.ordinary_held,
                "ordinary_conversations_uncounted": r.ordinary_uncounted,
                "ordinary_conversation_overdue_since": (
                    r.ordinary_deadline if r.ordinary_overdue else None
                ),
                "presentations": r.presentations,
                "presentations_needed": r.presentations_needed,
                "crowded_areas": list(r.crowded_areas),
                "needs_support": r.needs_support,
                "message_book_missing": list(r.message_book_missing),
                "last_contact": r.last_contact,
                "no_contact_since": r.no_contact_since,
            }
            for r in rows
        ],
    }


def cmd_check(args: argparse.Namespace) -> int:
    services = open_services(args)
    problems = services.integrity_problems()
    if problems:
        print(
            _("The database {path} has problems:").format(path=services.database_path),
            file=sys.stderr,
        )
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        _("The database {path} is intact (schema {revision}).").format(
            path=services.database_path, revision=services.schema_revision
        )
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "list": cmd_list,
    "owed": cmd_owed,
    "check": cmd_check,
}
