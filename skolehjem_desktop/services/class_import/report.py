"""What an import of a class list did, or why it did nothing, in words for the teacher."""

from __future__ import annotations

from dataclasses import dataclass

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.class_import.model import ImportProblem, describe_problem


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    students_added: int
    students_existing: int
    guardians_added: int
    classes_created: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    problems: tuple[ImportProblem, ...]
    dry_run: bool


class ImportFailed(ValidationError):
    """The list has problems; nothing was imported. ``report.problems`` lists them all."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(summarize_failure(report))


def summarize_failure(report: ImportReport) -> str:
    """One paragraph: nothing was imported, and why (the problem itself when there is one,
    how many otherwise; ``report.problems`` lists them all)."""
    count = len(report.problems)
    if count == 1:
        return _("Nothing was imported. {problem}").format(
            problem=describe_problem(report.problems[0])
        )
    return ngettext(
        "Nothing was imported: the class list has {count} problem. "
        "Correct it and import the list again.",
        "Nothing was imported: the class list has {count} problems. "
        "Correct them and import the list again.",
        count,
    ).format(count=count)


def summarize_report(report: ImportReport) -> list[str]:
    """What a successful import or dry run did, a line each, for the user."""
    lines = [_("Dry run: nothing was imported.")] if report.dry_run else []
    lines.append(
        ngettext("{n} pupil added", "{n} pupils added", report.students_added).format(
            n=report.students_added
        )
    )
    if report.students_existing:
        lines.append(
            ngettext(
                "{n} pupil was already there",
                "{n} pupils were already there",
                report.students_existing,
            ).format(n=report.students_existing)
        )
    lines.append(
        ngettext("{n} guardian added", "{n} guardians added", report.guardians_added).format(
            n=report.guardians_added
        )
    )
    lines.extend(_("Class {name} created.").format(name=n) for n in report.classes_created)
    lines.extend(
        _("The column {column} was ignored: CPR numbers are never imported.").format(column=c)
        for c in report.ignored_columns
    )
    return lines


def summarize_preview(report: ImportReport) -> list[str]:
    """What an import checked by a dry run will do, a line each, all in the future tense."""
    lines = [
        ngettext(
            "{n} pupil will be added",
            "{n} pupils will be added",
            report.students_added,
        ).format(n=report.students_added)
    ]
    if report.students_existing:
        lines.append(
            ngettext(
                "{n} pupil is already there and is left as it is",
                "{n} pupils are already there and are left as they are",
                report.students_existing,
            ).format(n=report.students_existing)
        )
    lines.append(
        ngettext(
            "{n} parent or guardian will be added",
            "{n} parents or guardians will be added",
            report.guardians_added,
        ).format(n=report.guardians_added)
    )
    lines.extend(_("Class {name} will be created").format(name=n) for n in report.classes_created)
    lines.extend(
        _("The column {column} will be ignored: CPR numbers are never imported").format(column=c)
        for c in report.ignored_columns
    )
    return lines
