"""``import-sheet``: read a filled-in sheet back, showing what goes where before it writes.

``import-sheet FILE`` prints, page by page, the pupil and each change (where it goes,
what, and whether it would replace something), then writes it. ``--dry-run`` only
shows it; ``--replace`` lets the sheet replace what is there already (otherwise that is
kept); ``--json`` prints the same as one object. A file that cannot be read is one line
on stderr, exit status 1, and nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skolehjem_desktop.cli.common import CliError, open_services, print_json_object
from skolehjem_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from skolehjem_desktop.services.sheets.service import SheetPreview

MAX_READ = 20 * 1024 * 1024 + 1  # one byte more than a sheet may be: the service refuses it


def add_parsers(sub: Any) -> None:
    cmd = sub.add_parser(
        "import-sheet",
        help=_("read a filled-in sheet (PDF) back: show what goes where, then write it"),
    )
    cmd.add_argument("file", metavar="FILE")
    cmd.add_argument("--dry-run", action="store_true", help=_("show only, change nothing"))
    cmd.add_argument(
        "--replace", action="store_true", help=_("replace what is there already (else kept)")
    )
    cmd.add_argument("--json", action="store_true", help=_("print JSON"))


def preview_object(preview: SheetPreview, written: int | None) -> dict[str, Any]:
    return {
        "kind": preview.kind.value,
        "file": preview.file_name,
        "pages": [
            {
                "n": p.n,
                "student_id": p.student_id,
                "student": p.student_name,
                "conversation_id": p.conversation_id,
                "already_read": p.already_read,
                "changes": [
                    {"where": c.where, "what": c.what, "replaces": c.replaces} for c in p.changes
                ],
            }
            for p in preview.pages
        ],
        "written": written,
    }


def _print_preview(preview: SheetPreview) -> None:
    from skolehjem_desktop.services.sheets.changes import preview_lines

    for line in preview_lines(preview.pages, numbered=True, indent=3):
        print(line)


def cmd_import_sheet(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(_("The file {path} does not exist.").format(path=path))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_READ)
    except OSError as exc:
        raise CliError(
            _("{path} could not be read: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    services = open_services(args)
    preview = services.sheets.preview(data, path.name)
    written = None if args.dry_run else services.sheets.apply(preview, overwrite=args.replace)
    if args.json:
        print_json_object(preview_object(preview, written))
        return 0
    _print_preview(preview)
    if written is None:
        print(_("Dry run: nothing was written."))
    elif preview.replaces and not args.replace:
        print(_("What is there already was kept (use --replace to replace it)."))
    if written is not None:
        print(ngettext("{n} page read.", "{n} pages read.", written).format(n=written))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-sheet": cmd_import_sheet,
}
