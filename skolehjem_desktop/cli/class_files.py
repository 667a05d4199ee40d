"""``export-class``, ``import-class`` and ``class-choices``: a class between teachers.

The class file's passphrase comes from ``SKOLEHJEM_CLASS_PASSPHRASE`` (for scripts), or
from the terminal: asked twice for an export; for an import asked again after a wrong
one. It is the file's own passphrase, not the data folder's.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from skolehjem_desktop.cli.common import (
    interactive,
    open_services,
    passphrase_needed,
    positive_id,
    print_json_object,
    print_table,
    prompt,
    required_class_id,
    school_year,
)
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

ENV_CLASS_PASSPHRASE = "SKOLEHJEM_CLASS_PASSPHRASE"
TRIES = 3


def add_parsers(sub: Any) -> None:
    export = sub.add_parser(
        "export-class",
        help=_("write a class and everything about its pupils to an encrypted class file"),
        description=_(
            "The class file is encrypted with a passphrase you choose for it; give it to the "
            "colleague another way than the file. Your private preparation stays here "
            "unless you add --include-private."
        ),
    )
    export.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    export.add_argument("--school-year", dest="school_year", metavar="YYYY", type=school_year)
    export.add_argument("--out", metavar="FILE", required=True, help=_("the class file to write"))
    export.add_argument(
        "--include-private",
        action="store_true",
        help=_("include your private preparation for the conversations"),
    )
    imp = sub.add_parser(
        "import-class",
        help=_("import a colleague's class file (again and again: only changes come in)"),
    )
    imp.add_argument("file", metavar="FILE", help=_("the class file"))
    imp.add_argument("--json", action="store_true", help=_("print what came in as JSON"))
    imp.add_argument(
        "--dry-run", action="store_true", help=_("only show what would come in; change nothing")
    )
    imp.add_argument(
        "--other-school",
        action="store_true",
        help=_("import a class file from another school (the class moves here)"),
    )
    choices = sub.add_parser(
        "class-choices",
        help=_("list the records both you and a colleague changed, and choose a version"),
    )
    choices.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    choices.add_argument("--keep-mine", type=positive_id, metavar="ID", action="append", default=[])
    choices.add_argument(
        "--use-theirs", type=positive_id, metavar="ID", action="append", default=[]
    )


def _export_passphrase() -> str:
    env = os.environ.get(ENV_CLASS_PASSPHRASE)
    if env:
        return env
    first = prompt(_("A passphrase for the class file: "))
    if first is None:
        raise passphrase_needed(ENV_CLASS_PASSPHRASE)
    if prompt(_("The passphrase again: ")) != first:
        raise UserError(_("The two passphrases differ. Nothing was written."))
    return first


def cmd_export_class(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        class_id = required_class_id(services, args)
        passphrase = _export_passphrase()
        summary = services.class_transfer.export_class(
            class_id, Path(args.out), passphrase, include_private=args.include_private
        )
    finally:
        services.db.close()
    print(
        _("Wrote {path}: the class {name} with {pupils} pupils and {records} records.").format(
            path=summary.path,
            name=summary.class_name,
            pupils=summary.pupils,
            records=summary.records,
        )
    )
    if summary.include_private:
        print(_("Your private preparation is in the file."))
    print(_("Give your colleague the passphrase another way than the file."))
    return 0


def _read(services: Any, path: Path) -> Any:
    from skolehjem_desktop.services.class_transfer.service import ClassFileRefused, Refusal

    services.class_transfer.check_file(path)
    env = os.environ.get(ENV_CLASS_PASSPHRASE)
    for attempt in range(TRIES):
        passphrase = env or prompt(_("The class file's passphrase: "))
        if passphrase is None:
            raise passphrase_needed(ENV_CLASS_PASSPHRASE)
        try:
            return services.class_transfer.read_file(path, passphrase)
        except ClassFileRefused as refused:
            wrong = refused.reason is Refusal.WRONG_CLASS_PASSPHRASE
            if not wrong or env or not interactive() or attempt == TRIES - 1:
                raise
            print(refused.message)
    raise AssertionError("unreachable")


def _counts_json(counts: Any) -> dict[str, int]:
    return asdict(counts)


def cmd_import_class(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        cf = _read(services, Path(args.file))
        preview = services.class_transfer.preview(cf)
        if preview.other_school and not args.other_school and not args.dry_run:
            raise UserError(
                _(
                    "The class file comes from another school ({school}). Nothing was "
                    "imported. If the class really moves to this school, run again with "
                    "--other-school."
                ).format(school=preview.other_school)
            )
        result = (
            None
            if args.dry_run
            else services.class_transfer.apply(cf, other_school=args.other_school)
        )
    finally:
        services.db.close()
    counts = preview.counts if result is None else result.counts
    kinds = preview.kinds if result is None else result.kinds
    if args.json:
        print_json_object(
            {
                "file": str(args.file),
                "class": cf.class_name,
                "school_year": cf.school_year,
                "school": cf.school,
                "sender": cf.sender,
                "exported_at": cf.exported_at,
                "include_private": cf.include_private,
                "dry_run": result is None,
                "class_here": preview.class_here,
                "other_school": preview.other_school,
                "contact_teacher": preview.becomes_contact_teacher,
                "pupils": [{"name": p.name, "here": p.here} for p in preview.pupils],
                "counts": _counts_json(counts),
                "kinds": {k.kind: _counts_json(k.counts) for k in kinds},
            }
        )
        return 0
    _print_import(cf, preview, counts, kinds, dry_run=result is None)
    return 0


def _print_import(cf: Any, preview: Any, counts: Any, kinds: Any, *, dry_run: bool) -> None:
    print(
        _("The class {name} ({year}/{next}) from {sender}, {school}.").format(
            name=cf.class_name,
            year=cf.school_year,
            next=(cf.school_year + 1) % 100,
            sender=cf.sender or _("an unnamed teacher"),
            school=cf.school or "—",
        )
    )
    here = sum(p.here for p in preview.pupils)
    print(
        _("{n} pupils: {new} new here, {here} here already.").format(
            n=len(preview.pupils), new=len(preview.pupils) - here, here=here
        )
    )
    headers = [_("Records"), _("New"), _("Updated"), _("Unchanged"), _("To choose"), _("Deleted")]
    rows = [
        [k.label, *(str(v) for v in (k.counts.new, k.counts.updated, k.counts.unchanged,
                                      k.counts.choices + k.counts.kept, k.counts.deleted))]
        for k in kinds
    ]  # fmt: skip
    print_table(headers, rows)
    if dry_run:
        print(_("Nothing was changed (--dry-run)."))
        return
    print(_("Imported in one go: {n} changes.").format(n=counts.changes))
    if preview.becomes_contact_teacher:
        print(_("You are a contact teacher of the class."))
    else:
        print(_("Say who you are in the settings to become a contact teacher of the class."))
    waiting = counts.choices + counts.kept
    if waiting:
        print(
            _(
                "{n} records were changed both here and by your colleague: both versions are "
                "kept. Choose with: skolehjem-desktop class-choices"
            ).format(n=waiting)
        )


def cmd_class_choices(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        for choice_id in args.keep_mine:
            services.class_transfer.resolve(choice_id, take_theirs=False)
        for choice_id in args.use_theirs:
            services.class_transfer.resolve(choice_id, take_theirs=True)
        waiting = services.class_transfer.choices()
    finally:
        services.db.close()
    if args.json:
        print_json_object({"choices": [asdict(c) for c in waiting]})
        return 0
    if not waiting:
        print(_("Nothing waits for a choice."))
        return 0
    from skolehjem_desktop.services.class_transfer.choices import reason_label

    for choice in waiting:
        who = ", ".join(x for x in (choice.pupil, choice.class_name) if x)
        print(f"[{choice.id}] {choice.what} ({who})")
        print(f"    {reason_label(choice.reason)}: {choice.colleague} {choice.changed_at}".rstrip())
        for difference in choice.differences:
            print(
                "    "
                + _("{field}: mine «{mine}», theirs «{theirs}»").format(
                    field=difference.field, mine=difference.mine, theirs=difference.theirs
                )
            )
    print(_("Choose with --keep-mine ID or --use-theirs ID."))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export-class": cmd_export_class,
    "import-class": cmd_import_class,
    "class-choices": cmd_class_choices,
}
