"""Importing a class list (CSV or XLSX) into the database.

:func:`parse_class_list` (pure, in :mod:`.parse`) reads and checks the file;
:func:`import_class_list` (in :mod:`.apply`) writes it, all or nothing. The rules for
the accepted files are in :mod:`.parse`, the identity rule for pupils and guardians
already stored in :mod:`.apply`.

The modules, one job each: :mod:`.model` (what a read list is), :mod:`.reading` (the
bytes into a table), :mod:`.headers` (the columns), :mod:`.checks` (the rows),
:mod:`.parse` (the reading as a whole); :mod:`.targets` (each row's class),
:mod:`.plan` (what to add), :mod:`.apply` (writing it), :mod:`.report` (in words).
"""

from __future__ import annotations

from skolehjem_desktop.services.class_import.apply import import_class_list
from skolehjem_desktop.services.class_import.model import (
    MAX_BYTES,
    MAX_ROWS,
    ImportProblem,
    ParsedGuardian,
    ParsedList,
    ParsedRow,
    describe_problem,
)
from skolehjem_desktop.services.class_import.parse import parse_class_list
from skolehjem_desktop.services.class_import.report import (
    ImportFailed,
    ImportReport,
    summarize_failure,
    summarize_preview,
    summarize_report,
)

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFailed",
    "ImportProblem",
    "ImportReport",
    "ParsedGuardian",
    "ParsedList",
    "ParsedRow",
    "describe_problem",
    "import_class_list",
    "parse_class_list",
    "summarize_failure",
    "summarize_preview",
    "summarize_report",
]
