"""Importing a class list (CSV or XLSX) into the database.

:func:`parse_class_list` (pure, in :mod:`.parse`) reads and checks the file;
:func:`import_class_list` (in :mod:`.apply`) writes it, all or nothing. The rules for
the accepted files are in :mod:`.parse`, the identity rule for pupils and guardians
already stored in :mod:`.apply`.
"""

from __future__ import annotations

from skolehjem_desktop.services.class_import.apply import (
    ImportFailed,
    ImportReport,
    import_class_list,
    summarize_failure,
    summarize_report,
)
from skolehjem_desktop.services.class_import.parse import (
    MAX_BYTES,
    MAX_ROWS,
    ImportProblem,
    ParsedGuardian,
    ParsedList,
    ParsedRow,
    describe_problem,
    parse_class_list,
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
    "summarize_report",
]
