"""Reading a filled-in sheet: what it will write and where, shown before anything is written.

The teacher chooses a PDF (File menu) or drops one on the window. The dialog lists each
page: the pupil, and every change (where it goes, what). Pages read before are marked.
When something would be replaced, a warning and an unticked box "Replace what is there
already" say so; unticked, what is there stays. "Read" writes, "Cancel" writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from skolehjem_desktop.services.sheets.service import SheetPreview
    from skolehjem_desktop.ui.common.host import Host

MAX_READ = 20 * 1024 * 1024 + 1  # one byte more than a sheet may be: the service refuses it


def preview_text(preview: SheetPreview) -> str:
    """The pages and their changes as plain text (read-only in the dialog)."""
    from skolehjem_desktop.services.sheets.changes import preview_lines

    return "\n".join(preview_lines(preview.pages, numbered=False, indent=4)).rstrip()


class SheetPreviewDialog(QDialog):
    def __init__(self, preview: SheetPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SheetPreviewDialog")
        self.setWindowTitle(_("Read a filled-in sheet"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("{file}: this is what the sheet will write, and where.").format(
                file=preview.file_name
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(preview_text(preview))
        self.text.setObjectName("SheetPreviewText")
        self.text.setReadOnly(True)
        self.text.setMinimumSize(560, 260)
        layout.addWidget(self.text, 1)
        self.replace = QCheckBox(_("&Replace what is there already"))
        self.replace.setObjectName("SheetReplace")
        self.can_replace = preview.replaces
        if preview.replaces:
            warning = QLabel(
                _(
                    "Some of it would replace what is there already. Unticked, what is "
                    "there stays (the parents' wishes are added after it)."
                )
            )
            warning.setWordWrap(True)
            warning.setObjectName("SheetReplaceWarning")
            layout.addWidget(warning)
            layout.addWidget(self.replace)
        else:
            self.replace.hide()
        buttons = QDialogButtonBox()
        self.read_button = buttons.addButton(_("Rea&d"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.read_button.setObjectName("SheetRead")
        self.read_button.setEnabled(not preview.nothing_new)
        self.read_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("SheetCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 440)  # fits 1366x768 with room to spare

    @property
    def overwrite(self) -> bool:
        return self.can_replace and self.replace.isChecked()


def read_sheet_file(host: Host, path: Path | None = None) -> int:
    """Choose a sheet (unless ``path`` is given), show it, write it; the pages written."""
    ctx, parent = host.ctx, host.widget()
    if not host.can_leave():  # what is being typed is saved first
        return 0
    if path is None:
        path = ctx.dialogs.open_file(parent, _("Read a filled-in sheet"), _("PDF files (*.pdf)"))
        if path is None:
            return 0
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_READ)
    except OSError as exc:
        ctx.dialogs.error(
            parent,
            _("{path} could not be read: {reason}").format(path=path, reason=exc.strerror or exc),
        )
        return 0
    try:
        preview = host.services.sheets.preview(data, Path(path).name)
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return 0
    dialog = SheetPreviewDialog(preview, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    try:
        written = host.services.sheets.apply(preview, overwrite=dialog.overwrite)
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return 0
    host.reload()
    host.show_status(
        ngettext(
            "{n} page of the sheet was read.", "{n} pages of the sheet were read.", written
        ).format(n=written)
    )
    return written
