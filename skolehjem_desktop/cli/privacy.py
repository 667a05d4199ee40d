"""Command line for privacy: the access request export, deleting a pupil, old leavers.

``cli.py`` adds these with :func:`add_parsers` and merges :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skolehjem_desktop.cli.common import CliError, date_text, open_services, positive_id
from skolehjem_desktop.i18n import _, ngettext


def _months(value: str) -> int:
    from skolehjem_desktop.services.privacy import MAX_LEFT_MONTHS

    text = value.strip()
    if not text.isdigit() or int(text) > MAX_LEFT_MONTHS:
        raise argparse.ArgumentTypeError(
            _("{value} is not a number of months between 0 and {limit}.").format(
                value=value, limit=MAX_LEFT_MONTHS
            )
        )
    return int(text)


def add_parsers(sub: Any) -> None:
    """``export-student``, ``delete-student`` and ``purge-left``."""

    export = sub.add_parser(
        "export-student",
        help=_("write everything stored about a pupil (access request) as JSON and PDF"),
    )
    export.add_argument("--student", type=positive_id, metavar="ID", required=True)
    export.add_argument("--out", metavar="DIR", required=True)

    delete = sub.add_parser(
        "delete-student", help=_("delete a pupil and everything about them, for good")
    )
    delete.add_argument("--student", type=positive_id, metavar="ID", required=True)
    delete.add_argument("--yes", action="store_true", help=_("really delete"))

    purge = sub.add_parser("purge-left", help=_("delete the pupils who left the school long ago"))
    purge.add_argument("--older-than-months", type=_months, default=12, metavar="N")
    purge.add_argument("--yes", action="store_true", help=_("really delete"))


def cmd_export_student(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.privacy import export_student

    services = open_services(args)
    paths = export_student(services, args.student, Path(args.out))
    for path in paths:
        print(path)
    print(
        _(
            "Everything stored about the pupil was written to {path}, the teacher's own "
            "notes included. For the access request only: do not hand it to the parents "
            "as an ordinary document."
        ).format(path=Path(args.out))
    )
    return 0


def cmd_delete_student(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.privacy import delete_student_completely

    services = open_services(args)
    summary = services.students.deletion_summary(args.student)
    if not args.yes:
        raise CliError(
            _(
                "This deletes {name} and everything about them for good. Add --yes to delete."
            ).format(name=summary.full_name)
        )
    delete_student_completely(services, args.student)
    print(_("{name} was deleted with everything about them.").format(name=summary.full_name))
    return 0


def cmd_purge_left(args: argparse.Namespace) -> int:
    from skolehjem_desktop.services.privacy import left_pupils, purge_left

    services = open_services(args)
    months = args.older_than_months
    pupils = left_pupils(services, months)
    if not pupils:
        print(_("No pupil left the school more than {n} months ago.").format(n=months))
        return 0
    for p in pupils:
        klass = f" ({p.class_name})" if p.class_name else ""
        print(f"{p.id}  {p.full_name}{klass}  {date_text(p.left_on)}")
    if not args.yes:
        print(
            ngettext(
                "{n} pupil would be deleted with everything about them. Add --yes to delete.",
                "{n} pupils would be deleted with everything about them. Add --yes to delete.",
                len(pupils),
            ).format(n=len(pupils)),
            file=sys.stderr,
        )
        return 1
    deleted = purge_left(services, months, student_ids=[p.id for p in pupils])
    print(
        ngettext(
            "{n} pupil deleted with everything about them.",
            "{n} pupils deleted with everything about them.",
            deleted,
        ).format(n=deleted)
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export-student": cmd_export_student,
    "delete-student": cmd_delete_student,
    "purge-left": cmd_purge_left,
}
