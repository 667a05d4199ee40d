"""Settling the class each row of a class list goes in (see "Which class" in :mod:`.apply`).

Class names are compared by :func:`class_key`: without case, spaces, dots or dashes.
"""

from __future__ import annotations

import re

from skolehjem_desktop.domain.limits import CLASS_NAME_MAX
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.model import (
    ImportProblem,
    ParsedList,
    ParsedRow,
    clean_text,
    looks_like_cpr,
)


def class_key(name: str) -> str:
    """ "5.A", "5a" and "5 A" are one class."""
    return re.sub(r"[\s.\-]+", "", clean_text(name).casefold())


def check_class_arg(class_name: str | None) -> tuple[str | None, list[ImportProblem]]:
    if class_name is None:
        return None, []
    name = clean_text(class_name)
    if not name:
        return None, [ImportProblem(None, None, _("The name of the class is empty."))]
    if len(name) > CLASS_NAME_MAX:
        return None, [
            ImportProblem(
                None,
                None,
                _("The class name {name} is longer than {limit} characters.").format(
                    name=name, limit=CLASS_NAME_MAX
                ),
            )
        ]
    if looks_like_cpr(name):
        return None, [ImportProblem(None, None, _("The class name looks like a CPR number."))]
    return name, []


def class_targets(
    parsed: ParsedList, class_name: str | None
) -> tuple[list[tuple[ParsedRow, str]], list[ImportProblem]]:
    """Each row with the name of its class, and the problems with that."""
    problems: list[ImportProblem] = []
    if class_name is None and parsed.class_column is None:
        problems.append(
            ImportProblem(
                parsed.header_line,
                None,
                _(
                    "The list has no class column (Klasse or Class). Add one, "
                    "or choose the class the whole list goes in."
                ),
            )
        )
        return [], problems
    targets: list[tuple[ParsedRow, str]] = []
    for row in parsed.rows:
        if row.class_name is None:
            if class_name is None:
                problems.append(
                    ImportProblem(
                        row.line,
                        parsed.class_column,
                        _("The class is empty. Fill it in, or choose the class for the list."),
                    )
                )
                continue
            targets.append((row, class_name))
        elif class_name is not None and class_key(row.class_name) != class_key(class_name):
            problems.append(
                ImportProblem(
                    row.line,
                    parsed.class_column,
                    _(
                        "The list puts {name} in class {row_class}, but the import is "
                        "for class {class_name}."
                    ).format(name=row.full_name, row_class=row.class_name, class_name=class_name),
                )
            )
        else:
            targets.append((row, class_name or row.class_name))
    return targets, problems
