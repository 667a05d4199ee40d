"""argparse's own messages (usage errors, help headings) in the user's language.

argparse looks its texts up through the ``_`` and ``ngettext`` it imported from the
standard gettext module; :func:`install` points them at the program's catalogue. The
messages a user can meet are listed here with ``N_`` so that the catalogue keeps them
(argparse's texts are not in the program's source). Their ``%s`` and ``%(name)s``
placeholders stay as argparse fills them; the catalogue test checks they are kept.
"""

from __future__ import annotations

import argparse

from skolehjem_desktop.i18n import N_, _, ngettext

MESSAGES = (
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
)


def install() -> None:
    """Make argparse speak the active language (looked up at each message)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
