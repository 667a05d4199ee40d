"""Copy a message for Aula: the body goes on the clipboard, the subject stays at hand.

Aula has two fields, the subject and the text. :func:`copy_for_aula` puts the body on
the clipboard (plain text, as Aula's editor takes it), records that it was copied (the
service logs it as the school's contact) and shows a small dialog with the subject
(selectable, with its own copy button), the body to look over and copy again, and
which PDF to attach. The dialog is window-modal and does not block: the teacher can
switch to Aula with it open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import AulaMessageKind
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label

if TYPE_CHECKING:
    from skolehjem_desktop.services.aula_messages import AulaMessageInfo, AulaMessageText
    from skolehjem_desktop.ui.common.context import UiContext


def copied_text(message: AulaMessageText) -> str:
    """What the dialog says was done, and what is left for the teacher to do."""
    if message.attachment_name:
        return _("The text is copied. Paste it in Aula and attach {file}.").format(
            file=message.attachment_name
        )
    return _("The text is copied. Paste it in Aula.")


class AulaMessageDialog(QDialog):
    """The subject and the body of a message copied for Aula, each with a copy button."""

    def __init__(
        self, message: AulaMessageText, kind: AulaMessageKind, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.message = message
        self.setObjectName("aula_message_dialog")
        self.setWindowTitle(_("Aula message: {kind}").format(kind=label(kind)))
        self.done_label = QLabel(copied_text(message))
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.subject_edit = QLineEdit(message.subject)
        self.subject_edit.setReadOnly(True)
        self.subject_edit.setCursorPosition(0)
        self.copy_subject_button = QPushButton(_("Copy the &subject"))
        self.body_edit = QPlainTextEdit(message.body)
        self.body_edit.setReadOnly(True)
        self.body_edit.setTabChangesFocus(True)
        self.copy_body_button = QPushButton(_("Copy the &text again"))
        subject_label = QLabel(_("S&ubject:"))
        subject_label.setBuddy(self.subject_edit)
        body_label = QLabel(_("Te&xt:"))
        body_label.setBuddy(self.body_edit)

        grid = QGridLayout()
        grid.addWidget(subject_label, 0, 0)
        grid.addWidget(self.subject_edit, 0, 1)
        grid.addWidget(self.copy_subject_button, 0, 2)
        grid.addWidget(body_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.body_edit, 1, 1)
        grid.addWidget(self.copy_body_button, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(1, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.done_label)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)

        self.copy_subject_button.clicked.connect(self.copy_subject)
        self.copy_body_button.clicked.connect(self.copy_body)
        metrics = QFontMetrics(self.body_edit.font())
        self.resize(min(metrics.averageCharWidth() * 90, 900), min(metrics.height() * 26, 560))

    def copy_subject(self) -> None:
        QGuiApplication.clipboard().setText(self.message.subject)
        self.done_label.setText(_("The subject is copied. Paste it in Aula's subject field."))

    def copy_body(self) -> None:
        QGuiApplication.clipboard().setText(self.message.body)
        self.done_label.setText(copied_text(self.message))


def copy_for_aula(
    ctx: UiContext,
    parent: QWidget,
    kind: AulaMessageKind,
    target_id: int,
    after: Callable[[AulaMessageInfo], object] | None = None,
) -> AulaMessageDialog | None:
    """Copy the message of ``kind`` for a conversation (a reply: a parent's contact).

    In the Print menu's document language, else the parents'. The body goes on the
    clipboard, the copy is recorded, ``after`` is told, and the dialog is shown (and
    returned); None when the service refused (it said why).
    """
    services = ctx.services.aula_messages
    message = ctx.attempt(parent, services.text, kind, target_id, ctx.document_language)
    if message is None:
        return None
    info = ctx.attempt(parent, services.record_copied, kind, target_id, message.language)
    if info is None:
        return None
    QGuiApplication.clipboard().setText(message.body)
    if after is not None:
        after(info)
    dialog = AulaMessageDialog(message, kind, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.copy_body_button.setFocus()
    return dialog
