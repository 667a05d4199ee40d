"""The conversation editor's "Copy as Aula message": an invitation, a summary, a reminder.

A button in the editor's header opens a menu of the messages that fit the conversation:
the invitation while it is planned, the summary once it is held, and a reminder of its
agreements when some are overdue or due within a week. Choosing one saves what is being
typed, copies the message (:func:`~skolehjem_desktop.ui.dialogs.aula_message_dialog.
copy_for_aula`) and shows under the header what was copied for Aula, and when.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QWidget

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import AulaMessageKind, ConversationStatus
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.aula_messages import AulaMessageInfo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.dialogs.aula_message_dialog import AulaMessageDialog, copy_for_aula

KINDS = (AulaMessageKind.INVITATION, AulaMessageKind.SUMMARY, AulaMessageKind.REMINDER)


def _menu_text(kind: AulaMessageKind) -> str:
    texts = {
        AulaMessageKind.INVITATION: _("&Invitation"),
        AulaMessageKind.SUMMARY: _("&Summary"),
        AulaMessageKind.REMINDER: _("&Reminder of the agreements due"),
    }
    return texts[kind]


def copied_line(messages: list[AulaMessageInfo]) -> str:
    """ "Copied for Aula: Invitation 04.12.2026 kl. 10.15 · Summary …" (the latest of each)."""
    latest: dict[AulaMessageKind, AulaMessageInfo] = {}
    for m in messages:
        latest[m.kind] = m
    if not latest:
        return ""
    items = sorted(latest.values(), key=lambda m: (m.copied_at, m.id))
    when = i18n.active().short_when
    return _("Copied for Aula: {items}").format(
        items=" · ".join(f"{label(m.kind)} {when(m.copied_at)}" for m in items)
    )


class AulaCopy(QObject):
    """The button with its menu and the line that says what was copied."""

    copied = Signal(object)  # the AulaMessageInfo recorded

    def __init__(self, ctx: UiContext, parent: QWidget, flush: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self._flush = flush
        self._id: int | None = None
        self._status: ConversationStatus | None = None
        self.dialog: AulaMessageDialog | None = None

        self.menu = QMenu(parent)
        self.menu.setObjectName("aula_copy_menu")
        self.actions: dict[AulaMessageKind, QAction] = {}
        for kind in KINDS:
            action = self.menu.addAction(_menu_text(kind))
            action.setObjectName(f"aula_copy_{kind.value}")
            action.triggered.connect(lambda _checked=False, kind=kind: self.copy(kind))
            self.actions[kind] = action
        self.menu.aboutToShow.connect(self.update_actions)

        self.button = QPushButton(_("Copy as Aula message"), parent)
        self.button.setObjectName("aula_copy_button")
        self.button.setToolTip(
            _("Put a message for the parents on the clipboard, ready to paste in Aula.")
        )
        self.button.setMenu(self.menu)

        self.line = QLabel(parent)
        self.line.setObjectName("aula_copied_line")
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.line.setWordWrap(True)
        self.line.setAccessibleName(_("Copied for Aula"))
        self.line.hide()

    def show_for(self, conversation_id: int | None, status: ConversationStatus | None) -> None:
        """Follow the conversation shown (None: none) and its status."""
        self._id, self._status = conversation_id, status
        self.button.setEnabled(
            conversation_id is not None and status is not ConversationStatus.CANCELLED
        )
        self.update_actions()
        self.refresh_line()

    def update_actions(self) -> None:
        """Offer what fits: an invitation while planned, a summary and a reminder once held."""
        planned = self._status is ConversationStatus.PLANNED
        held = self._status is ConversationStatus.HELD
        self.actions[AulaMessageKind.INVITATION].setVisible(planned)
        self.actions[AulaMessageKind.SUMMARY].setVisible(held)
        reminder = self.actions[AulaMessageKind.REMINDER]
        reminder.setVisible(held)
        due = (
            held
            and self._id is not None
            and bool(self.ctx.services.aula_messages.due_agreements(self._id))
        )
        reminder.setEnabled(due)

    def refresh_line(self) -> None:
        text = (
            copied_line(self.ctx.services.aula_messages.for_conversation(self._id))
            if self._id is not None
            else ""
        )
        self.line.setText(text)
        self.line.setVisible(bool(text))

    def copy(self, kind: AulaMessageKind) -> AulaMessageDialog | None:
        """Save what is typed, copy the message of ``kind`` and show the dialog."""
        if self._id is None:
            return None
        self._flush()
        self.dialog = copy_for_aula(self.ctx, self._parent, kind, self._id, self.copied.emit)
        self.refresh_line()
        return self.dialog
