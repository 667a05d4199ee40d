"""``pdf``: the documents for the parents and for the teacher."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skolehjem_desktop import i18n
from skolehjem_desktop.cli.common import (
    Parser,
    open_services,
    positive_id,
    required_class_id,
    school_year,
)
from skolehjem_desktop.cli.common import class_id as optional_class_id
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services


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


def _add_colleague_sheet(kinds: Any) -> None:
    """``pdf colleague-sheet --class NAME | --student ID``: the sheet for the colleagues."""
    sheet = kinds.add_parser(
        "colleague-sheet",
        help=_("a sheet the subject teachers fill in before the conversations (a page per pupil)"),
    )
    whom = sheet.add_mutually_exclusive_group(required=True)
    whom.add_argument(
        "--class", dest="class_name", metavar="NAME", help=_("a page for every pupil of a class")
    )
    whom.add_argument("--student", type=positive_id, metavar="ID", help=_("one pupil"))
    sheet.add_argument(
        "--subject", metavar="SUBJECT", default="", help=_("fill in the subject on every page")
    )
    sheet.add_argument("--school-year", type=school_year, metavar="YYYY")
    sheet.add_argument("--out", metavar="FILE", required=True)
    doc_lang(sheet, for_parents=False)


def add_parsers(sub: Any) -> None:
    """``pdf summary|invitation|focus|class|meeting|guidelines|colleague-sheet|summaries``."""
    pdf = sub.add_parser("pdf", help=_("write a PDF for the parents or the teacher"))
    kinds = pdf.add_subparsers(
        dest="document", metavar="DOCUMENT", parser_class=Parser, required=True
    )

    for name, help_text in (
        ("summary", _("the summary of a held conversation, for the parents")),
        ("invitation", _("the invitation and preparation sheet for a conversation")),
    ):
        doc = kinds.add_parser(name, help=help_text)
        doc.add_argument("--conversation", type=positive_id, metavar="ID", required=True)
        doc.add_argument("--out", metavar="FILE", required=True)
        doc_lang(doc)

    focus = kinds.add_parser("focus", help=_("a pupil's message book (focus points)"))
    focus.add_argument("--student", type=positive_id, metavar="ID", required=True)
    focus.add_argument("--school-year", type=school_year, metavar="YYYY")
    focus.add_argument("--out", metavar="FILE", required=True)
    doc_lang(focus)

    klass = kinds.add_parser("class", help=_("what is still owed in a class, for the teacher"))
    klass.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    klass.add_argument("--school-year", type=school_year, metavar="YYYY")
    klass.add_argument("--out", metavar="FILE", required=True)
    doc_lang(klass, for_parents=False)

    meeting = kinds.add_parser(
        "meeting", help=_("the invitation to or the minutes of a class parent meeting")
    )
    meeting.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    meeting.add_argument("--school-year", type=school_year, metavar="YYYY")
    which = meeting.add_mutually_exclusive_group()
    which.add_argument(
        "--meeting",
        type=positive_id,
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

    guide = kinds.add_parser(
        "guidelines", help=_("the guide for the parents, from the school's principles")
    )
    guide.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        help=_("name the class and its teachers in the guide"),
    )
    guide.add_argument("--school-year", type=school_year, metavar="YYYY")
    guide.add_argument("--out", metavar="FILE", required=True)
    doc_lang(guide, for_parents=False)

    _add_colleague_sheet(kinds)

    summaries = kinds.add_parser(
        "summaries", help=_("the summary of every held conversation of a class's school year")
    )
    summaries.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    summaries.add_argument("--school-year", type=school_year, metavar="YYYY")
    summaries.add_argument("--out", metavar="DIR", required=True)
    doc_lang(summaries)


def write_meeting(services: Services, args: argparse.Namespace, out: Path, lang: str | None) -> Any:

    class_id = required_class_id(services, args)
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
    documents = services.pdfs
    write = (
        documents.write_meeting_invitation
        if args.kind == "invitation"
        else documents.write_meeting_minutes
    )
    return write(meeting.id, out, lang)


def cmd_pdf(args: argparse.Namespace) -> int:

    services = open_services(args)
    out = Path(args.out)
    lang = args.doc_lang
    if args.document == "summaries":
        class_id = required_class_id(services, args)
        info = services.classes.get(class_id)
        if not services.pdfs.class_summaries(class_id):
            print(
                _("{name} has no held conversations in {year}; no summaries were written.").format(
                    name=info.name, year=info.year_label
                )
            )
            return 0
        result = services.pdfs.write_class_summaries(class_id, out, lang=lang)
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
        written = services.pdfs.write_summary(args.conversation, out, lang)
    elif args.document == "invitation":
        written = services.pdfs.write_invitation(args.conversation, out, lang)
    elif args.document == "focus":
        written = services.pdfs.write_message_book(args.student, out, args.school_year, lang)
    elif args.document == "meeting":
        written = write_meeting(services, args, out, lang)
    elif args.document == "colleague-sheet":
        written = services.pdfs.write_colleague_sheet(
            out,
            class_id=optional_class_id(services, args),
            student_id=args.student,
            subject=args.subject,
            school_year=args.school_year,
            lang=lang,
        )
    elif args.document == "guidelines":
        written = services.pdfs.write_guide(out, optional_class_id(services, args), lang)
    else:
        written = services.pdfs.write_class_overview(required_class_id(services, args), out, lang)
    print(
        ngettext("{path} written ({n} page).", "{path} written ({n} pages).", written.pages).format(
            path=written.path, n=written.pages
        )
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"pdf": cmd_pdf}
