"""The command line: the same services as the window, headless.

Errors the user can act on are printed as one line on stderr with exit status 1;
a bug prints an apology (and the traceback only with ``SKOLEHJEM_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from skolehjem_desktop import __version__, cli_backup, cli_crypto, cli_plan, cli_privacy, i18n
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services

PROG = "skolehjem-desktop"


class CliError(UserError):
    """A wrong use of the command line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(message)


def _school_year(value: str) -> int:
    """``2026`` or ``2026/27`` (the first year names the school year)."""
    text = value.strip()
    head, _sep, tail = text.partition("/")
    wrong = argparse.ArgumentTypeError(
        _("{value} is not a school year (write e.g. 2026 for 2026/27).").format(value=value)
    )
    if not head.isdigit() or len(head) != 4 or not 2000 <= int(head) <= 2100:
        raise wrong
    if tail and tail.zfill(2) != f"{(int(head) + 1) % 100:02d}":
        raise wrong
    return int(head)


def _positive_id(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(_("{value} is not an id.").format(value=value))
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=_("School–home cooperation for contact teachers."),
    )
    parser.add_argument("--version", action="version", version=f"Skolehjem {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("the data folder to use"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("the language of this run"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help=_("fill an empty data folder with a demo school"))
    demo.add_argument("--size", choices=("small", "school"), default="small")
    demo.add_argument("--seed", type=int, default=1)

    imp = sub.add_parser("import", help=_("import a class list (CSV or XLSX)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--class", dest="class_name", metavar="NAME")
    imp.add_argument("--school-year", type=_school_year, metavar="YYYY")
    imp.add_argument("--dry-run", action="store_true", help=_("check only, change nothing"))

    lst = sub.add_parser("list", help=_("list classes, pupils, conversations or focus points"))
    lst.add_argument("what", choices=("classes", "students", "conversations", "focus"))
    lst.add_argument("--class", dest="class_name", metavar="NAME")
    lst.add_argument("--student", type=_positive_id, metavar="ID")
    lst.add_argument("--school-year", type=_school_year, metavar="YYYY")
    lst.add_argument("--json", action="store_true", help=_("print JSON"))

    owed = sub.add_parser("owed", help=_("what is still owed for a class this school year"))
    owed.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    owed.add_argument("--school-year", type=_school_year, metavar="YYYY")
    owed.add_argument("--json", action="store_true", help=_("print JSON"))

    sub.add_parser("check", help=_("check the database's integrity and schema"))
    _add_pdf_parser(sub)
    cli_backup.add_parsers(sub)
    cli_privacy.add_parsers(sub)
    cli_crypto.add_parsers(sub)
    cli_plan.add_parsers(sub)
    return parser


def _add_pdf_parser(sub: Any) -> None:
    """``pdf summary|invitation|focus|class|summaries``: the documents as PDF files."""
    pdf = sub.add_parser("pdf", help=_("write a PDF for the parents or the teacher"))
    kinds = pdf.add_subparsers(
        dest="document", metavar="DOCUMENT", parser_class=_Parser, required=True
    )

    def doc_lang(parser: argparse.ArgumentParser, for_parents: bool = True) -> None:
        # Not "lang": that is the language of this run, given before the command.
        parser.add_argument(
            "--lang",
            dest="doc_lang",
            choices=i18n.LANGUAGES,
            help=_("the document's language (default: the parents' language)")
            if for_parents
            else _("the document's language (default: the language of this run)"),
        )

    for name, help_text in (
        ("summary", _("the summary of a held conversation, for the parents")),
        ("invitation", _("the invitation and preparation sheet for a conversation")),
    ):
        doc = kinds.add_parser(name, help=help_text)
        doc.add_argument("--conversation", type=_positive_id, metavar="ID", required=True)
        doc.add_argument("--out", metavar="FILE", required=True)
        doc_lang(doc)

    focus = kinds.add_parser("focus", help=_("a pupil's message book (focus points)"))
    focus.add_argument("--student", type=_positive_id, metavar="ID", required=True)
    focus.add_argument("--school-year", type=_school_year, metavar="YYYY")
    focus.add_argument("--out", metavar="FILE", required=True)
    doc_lang(focus)

    klass = kinds.add_parser("class", help=_("what is still owed in a class, for the teacher"))
    klass.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    klass.add_argument("--school-year", type=_school_year, metavar="YYYY")
    klass.add_argument("--out", metavar="FILE", required=True)
    doc_lang(klass, for_parents=False)

    meeting = kinds.add_parser(
        "meeting", help=_("the invitation to or the minutes of a class parent meeting")
    )
    meeting.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    meeting.add_argument("--school-year", type=_school_year, metavar="YYYY")
    which = meeting.add_mutually_exclusive_group()
    which.add_argument(
        "--meeting",
        type=_positive_id,
        metavar="N",
        help=_("the class's meeting number N of the school year, the earliest first"),
    )
    which.add_argument(
        "--latest",
        action="store_true",
        help=_("the latest meeting held (the default, except for an invitation: the next one)"),
    )
    meeting.add_argument("--kind", choices=("invitation", "minutes"), required=True)
    meeting.add_argument("--out", metavar="FILE", required=True)
    doc_lang(meeting)

    summaries = kinds.add_parser(
        "summaries", help=_("the summary of every held conversation of a class's school year")
    )
    summaries.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    summaries.add_argument("--school-year", type=_school_year, metavar="YYYY")
    summaries.add_argument("--out", metavar="DIR", required=True)
    doc_lang(summaries)


def run(argv: Sequence[str]) -> int:
    """Run the command line; returns the exit status."""
    i18n.activate(_language_hint(argv))
    from skolehjem_desktop.i18n import argparse_messages

    argparse_messages.install()
    try:
        args = build_parser().parse_args(list(argv))
        if args.lang:
            i18n.activate(args.lang)
        if args.command is None:
            from skolehjem_desktop.app import run_gui

            return run_gui(args.data_dir, args.lang)
        command = COMMANDS[args.command]
        return command(args)
    except UserError as exc:
        print(f"{PROG}: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception:
        if os.environ.get("SKOLEHJEM_DEBUG"):
            traceback.print_exc()
        print(
            f"{PROG}: "
            + _(
                "Sorry, something went wrong inside the program. Nothing more was changed. "
                "Run again with SKOLEHJEM_DEBUG=1 to see the details."
            ),
            file=sys.stderr,
        )
        return 70


def _language_hint(argv: Sequence[str]) -> str:
    """The language for messages before the arguments are parsed."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return i18n.system_language()


def _services(args: argparse.Namespace) -> Services:
    from skolehjem_desktop.config import resolve_data_dir
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import DatabaseRefused, NewerDatabase, open_database

    data_dir = resolve_data_dir(args.data_dir)
    passphrase = cli_crypto.passphrase_for(args)
    try:
        return Services(open_database(data_dir, passphrase))
    except DatabaseRefused as exc:
        if isinstance(exc, NewerDatabase):
            raise
        from skolehjem_desktop.services.backups import offer_latest_backup

        raise DatabaseRefused(offer_latest_backup(data_dir, exc.message, passphrase)) from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def _print_json(rows: list[dict[str, Any]]) -> None:
    json.dump(
        [{k: _jsonable(v) for k, v in row.items()} for row in rows],
        sys.stdout,
        ensure_ascii=False,
        indent=2,
    )
    sys.stdout.write("\n")


def _print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


# --- commands -----------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.demo import generate_demo

    services = _services(args)
    summary = generate_demo(services.db, size=args.size, seed=args.seed, today=services.today())
    print(
        _(
            "Demo school created in {path}: {classes} classes, {students} pupils, "
            "{conversations} conversations, {focus} focus points, {contacts} contacts."
        ).format(
            path=services.db.data_dir,
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
        import_class_list,
        summarize_report,
    )

    path = Path(args.file)
    if not path.is_file():
        raise CliError(_("The file {path} does not exist.").format(path=path))
    services = _services(args)
    try:
        report = import_class_list(
            services.db,
            path,
            class_name=args.class_name,
            school_year=args.school_year,
            dry_run=args.dry_run,
            today=services.today(),
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


def _class_id(services: Services, args: argparse.Namespace) -> int | None:
    if not args.class_name:
        return None
    return _required_class_id(services, args)


def _required_class_id(services: Services, args: argparse.Namespace) -> int:
    return services.classes.find(args.class_name, args.school_year).id


def cmd_list(args: argparse.Namespace) -> int:
    services = _services(args)
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
        _print_json(
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
    _print_table(
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
            class_id=_class_id(services, args), school_year=args.school_year
        )
    if args.json:
        _print_json(
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
    _print_table(
        [_("Id"), _("Name"), _("Class"), _("Birth date"), _("Left")],
        [
            [str(r.id), r.full_name, r.class_name or "", _date(r.birth_date), _date(r.left_on)]
            for r in rows
        ],
    )
    return 0


def _list_conversations(services: Services, args: argparse.Namespace) -> int:
    from skolehjem_desktop.i18n.labels import label

    rows = services.conversations.all(
        student_id=args.student,
        class_id=_class_id(services, args),
        school_year=args.school_year,
    )
    if args.json:
        _print_json(
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
    _print_table(
        [_("Id"), _("When"), _("Pupil"), _("Kind"), _("Status"), _("Place")],
        [
            [
                str(r.id),
                _when(r.starts_at),
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
        class_id = _required_class_id(services, args)
        year = services.classes.get(class_id).school_year
        student_ids = [r.id for r in services.students.all(class_id=class_id)]
    points = [p for sid in student_ids for p in services.focus.all(sid, year)]
    if args.json:
        _print_json(
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
    _print_table(
        [_("Id"), _("Pupil id"), _("Area"), _("Status"), _("Goal")],
        [
            [
                str(p.id),
                str(p.student_id),
                label(p.area) + (f" ({p.subject})" if p.subject else ""),
                label(p.status),
                _shorten(p.goal, 60),
            ]
            for p in points
        ],
    )
    return 0


def _shorten(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def cmd_owed(args: argparse.Namespace) -> int:
    from skolehjem_desktop.i18n.labels import label
    from skolehjem_desktop.services.owed import class_item_text

    services = _services(args)
    class_id = _required_class_id(services, args)
    rows = services.owed.for_class(class_id)
    if args.json:
        _print_json(
            [
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
                }
                for r in rows
            ]
        )
        return 0
    for item in services.owed.for_class_records(class_id):
        print(class_item_text(item, _date))
    print()
    _print_table(
        [
            _("Id"),
            _("Pupil"),
            _("Ordinary conversation"),
            _("Missing focus areas"),
            _("Presented"),
            _("Agreements overdue"),
            _("Replies overdue"),
        ],
        [
            [
                str(r.student_id),
                r.full_name,
                label(r.ordinary) + (f" {_when(r.ordinary_at)}" if r.ordinary_at else ""),
                ", ".join(label(a) for a in r.missing_areas) or "–",
                _date(r.presented_on) or _("No"),
                str(r.agreements_overdue),
                str(r.replies_overdue),
            ]
            for r in rows
        ],
    )
    done = sum(r.complete for r in rows)
    print()
    print(
        ngettext(
            "{done} of {n} pupil has nothing owed.",
            "{done} of {n} pupils have nothing owed.",
            len(rows),
        ).format(done=done, n=len(rows))
    )
    return 0


def _write_meeting(
    services: Services, args: argparse.Namespace, out: Path, lang: str | None
) -> Any:
    from skolehjem_desktop.services import pdfs

    class_id = _required_class_id(services, args)
    if args.meeting is not None:
        meetings = services.class_records.meetings(class_id)
        if args.meeting > len(meetings):
            raise UserError(
                ngettext(
                    "{name} has {n} parent meeting, not {number}.",
                    "{name} has {n} parent meetings, not {number}.",
                    len(meetings),
                ).format(name=args.class_name, n=len(meetings), number=args.meeting)
            )
        meeting = meetings[args.meeting - 1]
    else:
        # Without --meeting: the next meeting for an invitation, else the latest held.
        coming = [
            m for m in services.class_records.meetings(class_id) if not m.held(services.clock())
        ]
        latest = services.class_records.latest_meeting(class_id)
        if args.kind == "invitation" and coming and not args.latest:
            latest = coming[0]
        if latest is None:
            raise UserError(_("{name} has no parent meetings.").format(name=args.class_name))
        meeting = latest
    write = (
        pdfs.write_meeting_invitation if args.kind == "invitation" else pdfs.write_meeting_minutes
    )
    return write(services, meeting.id, out, lang)


def cmd_check(args: argparse.Namespace) -> int:
    from skolehjem_desktop.store.database import integrity_problems
    from skolehjem_desktop.store.schema import HEAD

    services = _services(args)
    problems = integrity_problems(services.db)
    if problems:
        print(_("The database {path} has problems:").format(path=services.db.path), file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        _("The database {path} is intact (schema {revision}).").format(
            path=services.db.path, revision=HEAD
        )
    )
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services import pdfs

    services = _services(args)
    out = Path(args.out)
    lang = args.doc_lang
    if args.document == "summaries":
        class_id = _required_class_id(services, args)
        info = services.classes.get(class_id)
        if not pdfs.class_summaries(services, class_id):
            print(
                _("{name} has no held conversations in {year}; no summaries were written.").format(
                    name=info.name, year=info.year_label
                )
            )
            return 0
        result = pdfs.write_class_summaries(services, class_id, out, lang=lang)
        for item in result.written:
            print(item.path)
        print(
            ngettext(
                "{n} summary of {name} ({year}) written to {path}.",
                "{n} summaries of {name} ({year}) written to {path}.",
                len(result.written),
            ).format(n=len(result.written), name=info.name, year=info.year_label, path=out)
        )
        return 0
    if args.document == "summary":
        written = pdfs.write_summary(services, args.conversation, out, lang)
    elif args.document == "invitation":
        written = pdfs.write_invitation(services, args.conversation, out, lang)
    elif args.document == "focus":
        written = pdfs.write_message_book(services, args.student, out, args.school_year, lang)
    elif args.document == "meeting":
        written = _write_meeting(services, args, out, lang)
    else:
        written = pdfs.write_class_overview(services, _required_class_id(services, args), out, lang)
    print(
        ngettext("{path} written ({n} page).", "{path} written ({n} pages).", written.pages).format(
            path=written.path, n=written.pages
        )
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "list": cmd_list,
    "owed": cmd_owed,
    "check": cmd_check,
    "pdf": cmd_pdf,
    **cli_backup.COMMANDS,
    **cli_privacy.COMMANDS,
    **cli_crypto.COMMANDS,
    **cli_plan.COMMANDS,
}
