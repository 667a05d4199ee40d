"""File → "Hand the class on…": the chosen class in a class file for a colleague.

The dialog says which class goes and how many pupils, asks for a passphrase for this
file (twice; the OK button waits until both match and the passphrase is long enough, and
a line under the fields says why not yet), and whether the teacher's private preparation
goes along. Then the teacher picks where to save the file; the file is written off the
GUI thread, whole or not at all (``services.class_transfer.export_class``). A refusal
(a weak passphrase, a folder that cannot be written) is a message box, and the dialog
stays open with what was typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.limits import PASSPHRASE_MIN
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.file_names import CLASS_FILE, CLASS_FILE_SUFFIX, safe_stem
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.protection import check_passphrase
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.sizing import resize_to_fit
from skolehjem_desktop.ui.common.tasks import Cancelled, Progress, run_task
from skolehjem_desktop.ui.common.viewer import documents_folder
from skolehjem_desktop.ui.dialogs.class_file_parts import (
    class_file_filters,
    heading_label,
    passphrase_field,
    wrapped_label,
)

if TYPE_CHECKING:
    from skolehjem_desktop.services.class_transfer import ExportSummary
    from skolehjem_desktop.ui.common.context import UiContext

OK_SIGN = "✓"


def class_file_name(class_name: str, school_year: int) -> str:
    """ "Klasse 5.A 2026-27.skolehjem-klasse" in Danish: the name a save dialog suggests."""
    year = f"{school_year}-{(school_year + 1) % 100:02d}"
    return safe_stem(_(CLASS_FILE).format(name=class_name, year=year)) + CLASS_FILE_SUFFIX


def with_class_suffix(path: Path) -> Path:
    """``path`` ending in the class file's suffix (a name typed without it gets it)."""
    if path.name.lower().endswith(CLASS_FILE_SUFFIX):
        return path
    return path.with_name(path.name + CLASS_FILE_SUFFIX)


def passphrase_problem(first: str, second: str) -> str | None:
    """Why the two fields cannot be used yet, in words; None when they can."""
    if not first:
        return _("At least {n} characters. A short sentence is easy to remember.").format(
            n=PASSPHRASE_MIN
        )
    try:
        check_passphrase(first)
    except UserError as exc:
        return exc.message
    if not second:
        return _("Write the passphrase once more in the second field.")
    if first != second:
        return _("The two passphrases differ.")
    return None


class ClassExportDialog(QDialog):
    """The class, the passphrase twice, the private preparation; writes the class file."""

    def __init__(self, ctx: UiContext, parent: QWidget | None, class_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.class_id = class_id
        self.summary: ExportSummary | None = None
        self.info = ctx.services.classes.get(class_id)
        self.pupils = len(ctx.services.students.all(class_id=class_id))
        self.setObjectName("ClassExportDialog")
        self.setWindowTitle(_("Hand the class on"))
        layout = QVBoxLayout(self)
        self.heading = heading_label(self._heading())
        layout.addWidget(self.heading)
        layout.addWidget(
            wrapped_label(
                _(
                    "The class file is locked with a passphrase you choose now, for this "
                    "file only. Give the passphrase to your colleague another way: say it, "
                    "or send it by text message, never in the same e-mail as the file."
                )
            )
        )
        layout.addLayout(self._fields())
        self.hint = wrapped_label("")
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        self.private = QCheckBox(_("&Include my private preparation"))
        self.private.setObjectName("include_private")
        layout.addWidget(self.private)
        note = wrapped_label(
            _(
                "Ticked, the texts only you see before a conversation (your private "
                "preparation) go along to your colleague. Unticked, they stay on this "
                "computer."
            )
        )
        note.setIndent(24)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self._buttons())
        self._update()
        self.first.setFocus()
        resize_to_fit(self, 560, self.sizeHint().height())

    def _heading(self) -> str:
        return ngettext(
            "The class {name} ({year}): its {n} pupil and everything about them go into "
            "the class file.",
            "The class {name} ({year}): its {n} pupils and everything about them go into "
            "the class file.",
            self.pupils,
        ).format(name=self.info.name, year=SchoolYear(self.info.school_year).label, n=self.pupils)

    def _fields(self) -> QFormLayout:
        form = QFormLayout()
        self.first = passphrase_field("passphrase")
        self.second = passphrase_field("repeat")
        first_label = QLabel(_("&Passphrase for the file:"))
        first_label.setBuddy(self.first)
        second_label = QLabel(_("&Repeat the passphrase:"))
        second_label.setBuddy(self.second)
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        for field in (self.first, self.second):
            field.textChanged.connect(self._update)
        return form

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(_("Sa&ve the class file…"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    @property
    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        problem = passphrase_problem(self.first.text(), self.second.text())
        self.save_button.setEnabled(problem is None)
        self.hint.setText(problem if problem is not None else f"{OK_SIGN} " + _("They match."))

    def save(self) -> None:
        """Ask where, then write; stays open (with what was typed) when that fails."""
        if passphrase_problem(self.first.text(), self.second.text()) is not None:
            return
        suggested = documents_folder() / class_file_name(self.info.name, self.info.school_year)
        target = self.ctx.dialogs.save_file(
            self, _("Save the class file"), str(suggested), class_file_filters()
        )
        if target is None:
            return
        target = with_class_suffix(target)
        transfer = self.ctx.services.class_transfer
        class_id, passphrase, private = self.class_id, self.passphrase, self.private.isChecked()

        def work(progress: Progress) -> ExportSummary:
            progress(0, 0, _("Writing the class file…"))
            return transfer.export_class(class_id, target, passphrase, include_private=private)

        try:
            self.summary = run_task(self, _("Writing the class file…"), work)
        except Cancelled:
            return
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        self.accept()


def written_text(summary: ExportSummary) -> str:
    """What was written, for the message after the export (the path follows it)."""
    pupils = ngettext("{n} pupil", "{n} pupils", summary.pupils).format(n=summary.pupils)
    records = ngettext("{n} record", "{n} records", summary.records).format(n=summary.records)
    lines = [
        _("The class file for {name} ({year}) is written: {pupils} and {records}.").format(
            name=summary.class_name,
            year=SchoolYear(summary.school_year).label,
            pupils=pupils,
            records=records,
        )
    ]
    if summary.include_private:
        lines.append(_("Your private preparation is in the file."))
    lines.append(
        _("Give your colleague the file, and the passphrase another way (not in the same e-mail).")
    )
    return "\n".join(lines)


def hand_on_class(ctx: UiContext, parent: QWidget | None, class_id: int) -> ExportSummary | None:
    """The export dialog for the class; the file written (and said so), or None."""
    dialog = ClassExportDialog(ctx, parent, class_id)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    summary = dialog.summary if accepted else None
    dialog.deleteLater()
    if summary is not None:
        ctx.dialogs.show_path(parent, written_text(summary), summary.path)
    return summary
