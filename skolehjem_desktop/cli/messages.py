"""``message``: the text of a message for Aula, printed for the teacher to paste.

``message invitation|summary|reminder --conversation ID`` and ``message reply --contact
ID`` print the subject, a blank line and the body on stdout, in the parents' language
(``--lang`` overrides it). Printing is not sending: nothing is recorded unless
``--record`` is given, which records the message as copied for Aula, as the window's
"Copy as Aula message" does (logged as the school's contact; a reply marks the parent's
contact as answered).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from skolehjem_desktop import i18n
from skolehjem_desktop.cli.common import Parser, open_services, positive_id
from skolehjem_desktop.domain.enums import AulaMessageKind
from skolehjem_desktop.i18n import _


def add_parsers(sub: Any) -> None:
    """``message invitation|summary|reminder|reply``."""
    message = sub.add_parser(
        "message", help=_("print a message for Aula (printing it records nothing)")
    )
    kinds = message.add_subparsers(dest="kind", metavar="KIND", parser_class=Parser, required=True)
    for name, help_text in (
        ("invitation", _("the invitation to a planned conversation")),
        ("summary", _("the summary of a held conversation: the shared sections and agreements")),
        ("reminder", _("a reminder of a conversation's agreements that are due soon or overdue")),
        ("reply", _("the start of a reply to a parent's contact")),
    ):
        parser = kinds.add_parser(name, help=help_text)
        if name == "reply":
            parser.add_argument("--contact", type=positive_id, metavar="ID", required=True)
        else:
            parser.add_argument("--conversation", type=positive_id, metavar="ID", required=True)
        # Not "lang": that is the language of this run, given before the command.
        parser.add_argument(
            "--lang",
            dest="doc_lang",
            choices=i18n.LANGUAGES,
            help=_("the message's language (default: the parents' language)"),
        )
        parser.add_argument(
            "--record",
            action="store_true",
            help=_("record the message as copied for Aula and log it as the school's contact"),
        )


def cmd_message(args: argparse.Namespace) -> int:
    services = open_services(args)
    kind = AulaMessageKind(args.kind)
    target = args.contact if kind is AulaMessageKind.REPLY else args.conversation
    text = services.aula_messages.text(kind, target, args.doc_lang)
    if args.record:
        services.aula_messages.record_copied(kind, target, text.language)
    sys.stdout.write(text.text + "\n")
    if args.record:
        print(_("Recorded as copied for Aula and logged as a contact."), file=sys.stderr)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"message": cmd_message}
