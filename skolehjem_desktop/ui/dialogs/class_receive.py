"""File → "Receive a class…": a colleague's class file, opened, previewed and imported.

The teacher picks the file; a file that is no class file (or a newer, or a damaged one)
is refused at once, before any passphrase. The passphrase dialog stays open on a wrong
passphrase and says so. The preview (:mod:`.class_preview_dialog`) shows what would come
in; *Import* imports it in one transaction. The window then shows the class, and when
records wait for a choice the teacher is offered the list of choices at once.
The key derivation, the preview and the import run off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.class_transfer.service import ClassFileRefused, Refusal
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.tasks import Cancelled, run_task
from skolehjem_desktop.ui.dialogs.class_file_parts import (
    class_file_filters,
    error_label,
    passphrase_field,
    wrapped_label,
)
from skolehjem_desktop.ui.dialogs.class_preview_dialog import ClassPreviewDialog

if TYPE_CHECKING:
    from skolehjem_desktop.services.class_transfer import ClassFile, ImportResult
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.common.host import Host


class ClassPassphraseDialog(QDialog):
    """The class file's passphrase; stays open (and says so) when it is the wrong one.

    :attr:`class_file` is the file opened; :attr:`refusal` the message when the file
    cannot be read at all (the dialog is then closed).
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.class_file: ClassFile | None = None
        self.refusal: str | None = None
        self.attempts = 0
        self.setObjectName("ClassPassphraseDialog")
        self.setWindowTitle(_("Receive a class"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                _(
                    "The class file {name} is locked with a passphrase. Write the "
                    "passphrase your colleague gave you for it."
                ).format(name=path.name)
            )
        )
        form = QFormLayout()
        self.field = passphrase_field("passphrase")
        caption = QLabel(_("The class file's &passphrase:"))
        caption.setBuddy(self.field)
        form.addRow(caption, self.field)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(_("&Open"))
        self.open_button.setObjectName("open")
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        self.open_button.setEnabled(False)
        self.field.setFocus()
        self.setMinimumWidth(560)

    def try_open(self) -> None:
        text = self.field.text()
        if not text:
            return
        self.attempts += 1
        transfer, path = self.ctx.services.class_transfer, self.path
        try:
            cf = run_task(
                self, _("Opening the class file…"), lambda _p: transfer.read_file(path, text)
            )
        except Cancelled:
            return
        except ClassFileRefused as exc:
            if exc.reason is Refusal.WRONG_CLASS_PASSPHRASE:
                self.error.setText(exc.message)
                self.error.show()
                self.adjustSize()  # room for the message
                self.field.selectAll()
                self.field.setFocus()
                return
            self.refusal = exc.message
            self.reject()
            return
        except UserError as exc:
            self.refusal = exc.message
            self.reject()
            return
        self.class_file = cf
        self.accept()


def open_class_file(ctx: UiContext, parent: QWidget | None, path: Path) -> ClassFile | None:
    """Ask the passphrase and open ``path``; None when cancelled or refused (said so)."""
    dialog = ClassPassphraseDialog(ctx, parent, path)
    dialog.exec()
    dialog.deleteLater()
    if dialog.refusal is not None:
        ctx.dialogs.error(parent, dialog.refusal)
    return dialog.class_file


def imported_text(cf: ClassFile, result: ImportResult) -> str:
    counts = result.counts
    return _(
        "The class {name} ({year}) is imported. New: {new}, updated: {updated}, "
        "deleted: {deleted}, unchanged: {unchanged}."
    ).format(
        name=cf.class_name,
        year=SchoolYear(cf.school_year).label,
        new=counts.new,
        updated=counts.updated,
        deleted=counts.deleted,
        unchanged=counts.unchanged,
    )


def _preview_and_import(
    ctx: UiContext, parent: QWidget | None, cf: ClassFile
) -> ImportResult | None:
    transfer = ctx.services.class_transfer
    try:
        preview = run_task(parent, _("Reading the class file…"), lambda _p: transfer.preview(cf))
    except Cancelled:
        return None
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return None
    dialog = ClassPreviewDialog(preview, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    other_school = dialog.other_school_ok
    dialog.deleteLater()
    if not accepted:
        return None
    try:
        return run_task(
            parent,
            _("Importing the class…"),
            lambda _p: transfer.apply(cf, other_school=other_school),
        )
    except (UserError, Cancelled) as exc:
        if isinstance(exc, UserError):
            ctx.dialogs.error(parent, exc.message)
        return None


def receive_class(host: Host) -> int | None:
    """Choose a class file, open, preview and import it; the class's id, or None."""
    from skolehjem_desktop.ui.dialogs.class_choices_dialog import show_choices

    ctx, parent = host.ctx, host.widget()
    if not host.can_leave():  # what is being typed is saved first
        return None
    path = ctx.dialogs.open_file(parent, _("Receive a class"), class_file_filters())
    if path is None:
        return None
    try:
        ctx.services.class_transfer.check_file(Path(path))
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return None
    cf = open_class_file(ctx, parent, Path(path))
    if cf is None:
        return None
    result = _preview_and_import(ctx, parent, cf)
    if result is None:
        return None
    host.show_overview()
    host.reload(class_id=result.class_id, year=cf.school_year)
    text = imported_text(cf, result)
    host.show_status(text)
    waiting = result.counts.choices + result.counts.kept
    if not waiting:
        ctx.dialogs.info(parent, text)
        return result.class_id
    question = ngettext(
        "{n} record was changed both here and by your colleague: both versions are kept "
        "until you choose. Choose now?",
        "{n} records were changed both here and by your colleague: both versions are kept "
        "until you choose. Choose now?",
        waiting,
    ).format(n=waiting)
    if ctx.dialogs.confirm(
        parent, _("Receive a class"), f"{text}\n\n{question}", _("&Choose now"), harmless=True
    ) and show_choices(ctx, parent):
        host.reload(class_id=result.class_id)
    return result.class_id
