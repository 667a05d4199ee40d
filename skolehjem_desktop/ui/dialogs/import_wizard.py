"""Importing a class list, step by step: the file and the class, a preview (or the list's
problems, each with its line), the teacher's go-ahead, and what was done.

Nothing is written before the teacher presses *Import* on the confirmation page: the
preview is a dry run (:func:`import_class_list` with ``dry_run=True``). Both the check
and the import run off the GUI thread behind a progress dialog. The first page, the file
and the class, is :class:`~skolehjem_desktop.ui.dialogs.import_file_page.FilePage`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.class_import import (
    ImportFailed,
    ImportProblem,
    ImportReport,
    ParsedList,
    parse_class_list,
    summarize_preview,
    summarize_report,
)
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import read_only_table
from skolehjem_desktop.ui.common.tasks import Cancelled, Progress, run_task
from skolehjem_desktop.ui.dialogs.import_file_page import FilePage

T = TypeVar("T")


def _table(headers: list[str], accessible_name: str) -> QTableWidget:
    return read_only_table(headers, accessible_name, wrap=True, single=False)


def _item(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


@dataclasses.dataclass(frozen=True)
class Preview:
    """What the dry run found: the report and the rows, or the problems."""

    report: ImportReport
    parsed: ParsedList | None
    failed: bool


class PreviewPage(QWizardPage):
    """Page 2: what the import will add, or every problem with its line and column."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.preview: Preview | None = None
        self.setTitle(_("Check the class list"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pupils = _table(
            [_("Line"), _("Pupil"), _("Birth date"), _("Class"), _("Parents and guardians")],
            _("Pupils in the list"),
        )
        self.problems = _table(
            [_("Line"), _("Column"), _("Problem")], _("Problems found in the class list")
        )
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pupils, 1)
        layout.addWidget(self.problems, 1)

    def initializePage(self) -> None:
        self.preview = None
        self.pupils.setRowCount(0)
        self.problems.setRowCount(0)
        self.pupils.hide()
        self.problems.hide()
        path = self.wiz.file_page.path()
        class_name = self.wiz.file_page.class_name()
        self.setSubTitle(self.wiz.description())
        if path is None:
            return
        self.summary.setText(_("Checking the class list…"))
        try:
            self.preview = run_task(
                self.wiz,
                _("Checking the class list…"),
                lambda progress: self.wiz.check(path, class_name, progress),
            )
        except Cancelled:
            self.summary.setText(
                _("The check was cancelled. Go back and press Next to check the list again.")
            )
        except UserError as exc:
            self.summary.setText(exc.message)
        else:
            self._show(self.preview)
        self.completeChanged.emit()

    def _show(self, preview: Preview) -> None:
        report = preview.report
        if preview.failed:
            count = len(report.problems)
            lines = [
                ngettext(
                    "The class list has {n} problem, shown below. Nothing will be imported "
                    "until it is corrected.",
                    "The class list has {n} problems, shown below. Nothing will be imported "
                    "until they are corrected.",
                    count,
                ).format(n=count)
            ]
            lines += [
                _("The column {column} was ignored: CPR numbers are never imported.").format(
                    column=c
                )
                for c in report.ignored_columns
            ]
            lines.append(
                _("Correct the list in your spreadsheet, save it, then go back and press Next.")
            )
            self.summary.setText("\n".join(lines))
            self._fill_problems(report.problems)
            self.problems.show()
            return
        lines = [_("Nothing has been imported yet. When you import the list:")]
        lines += ["• " + line for line in summarize_preview(report)]
        parsed = preview.parsed
        if parsed is not None and parsed.unknown_columns:
            lines.append(
                "• "
                + ngettext(
                    "The column {columns} will not be used",
                    "The columns {columns} will not be used",
                    len(parsed.unknown_columns),
                ).format(columns=", ".join(parsed.unknown_columns))
            )
        self.summary.setText("\n".join(lines))
        if parsed is not None:
            self._fill_pupils(parsed)
            self.pupils.show()

    def _fill_pupils(self, parsed: ParsedList) -> None:
        default = self.wiz.file_page.class_name() or ""
        self.pupils.setRowCount(len(parsed.rows))
        for row, pupil in enumerate(parsed.rows):
            guardians = ", ".join(g.name for g in pupil.guardians)
            cells = (
                _item(str(pupil.line), right=True),
                _item(pupil.full_name),
                _item(date_text(pupil.birth_date)),
                _item(pupil.class_name or default),
                _item(guardians),
            )
            for column, cell in enumerate(cells):
                self.pupils.setItem(row, column, cell)

    def _fill_problems(self, problems: tuple[ImportProblem, ...]) -> None:
        self.problems.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            line = str(problem.line) if problem.line is not None else _("whole file")
            cells = (
                _item(line, right=problem.line is not None),
                _item(problem.column or "–"),
                _item(problem.message),
            )
            for column, cell in enumerate(cells):
                self.problems.setItem(row, column, cell)

    def isComplete(self) -> bool:
        return self.preview is not None and not self.preview.failed


class ConfirmPage(QWizardPage):
    """Page 3: the teacher's go-ahead. Import writes; Cancel leaves everything as it was."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Import the class list"))
        self.setCommitPage(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.setSubTitle(self.wiz.description())
        preview = self.wiz.preview_page.preview
        added = preview.report.students_added if preview else 0
        guardians = preview.report.guardians_added if preview else 0
        self.text.setText(
            "\n\n".join(
                [
                    ngettext(
                        "Ready to add {n} pupil",
                        "Ready to add {n} pupils",
                        added,
                    ).format(n=added)
                    + " "
                    + ngettext(
                        "and {n} parent or guardian",
                        "and {n} parents or guardians",
                        guardians,
                    ).format(n=guardians)
                    + " "
                    + _("to {target}.").format(target=self.wiz.file_page.target_text()),
                    _(
                        "Nothing has been written yet. Press Import to import the list, "
                        "or Cancel to stop without changing anything."
                    ),
                ]
            )
        )

    def validatePage(self) -> bool:
        return self.wiz.do_import()


class DonePage(QWizardPage):
    """Page 4: what the import did."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("The class list was imported"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.setSubTitle(self.wiz.description())
        report = self.wiz.report
        if report is not None:
            self.text.setText("\n".join("• " + line for line in summarize_report(report)))


class ImportWizard(QWizard):
    """Import a class list into ``school_year``; ``class_id`` is the class chosen first."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None,
        school_year: int,
        class_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.school_year = school_year
        self.class_id = class_id
        self.report: ImportReport | None = None
        self.setWindowTitle(_("Import a class list"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.confirm_page = ConfirmPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.preview_page, self.confirm_page, self.done_page):
            self.addPage(page)
        self.resize(760, 560)

    def description(self) -> str:
        """ "klasse_5a.csv, into class 5.A (2026/27)." """
        path = self.file_page.path()
        return _("{file}, into {target}.").format(
            file=path.name if path else "", target=self.file_page.target_text()
        )

    # --- the work, off the GUI thread ----------------------------------------------------

    def check(self, path: Path, class_name: str | None, progress: Progress) -> Preview:
        """The dry run and the rows it would add (runs in a worker thread)."""
        del progress  # one step; the dialog's label says what is happening
        today = self.ctx.services.today()
        try:
            report = self.ctx.services.import_class_list(
                path, class_name=class_name, school_year=self.school_year, dry_run=True
            )
        except ImportFailed as exc:
            return Preview(exc.report, None, failed=True)
        parsed = parse_class_list(path.read_bytes(), path.name, today=today)
        return Preview(report, parsed, failed=False)

    def do_import(self) -> bool:
        """The real import, after the teacher's go-ahead; True when done."""
        path = self.file_page.path()
        if path is None:
            return False
        class_name = self.file_page.class_name()

        def work(progress: Progress) -> ImportReport:
            del progress  # one transaction: it cannot stop halfway
            return self.ctx.services.import_class_list(
                path, class_name=class_name, school_year=self.school_year
            )

        try:
            self.report = run_task(self, _("Importing the class list…"), work)
        except Cancelled:
            self.ctx.dialogs.info(self, _("The import was cancelled; nothing was imported."))
            return False
        except ImportFailed as exc:
            lines = [exc.message] + [str(p) for p in exc.report.problems[:20]]
            self.ctx.dialogs.error(self, "\n".join(lines))
            return False
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return False
        return self.report is not None


def run_import_wizard(
    ctx: UiContext, parent: QWidget | None, school_year: int, class_id: int | None = None
) -> bool:
    """Import a class list into ``school_year`` through the wizard; True if imported."""
    wizard = ImportWizard(ctx, parent, school_year, class_id)
    wizard.exec()
    return wizard.report is not None
