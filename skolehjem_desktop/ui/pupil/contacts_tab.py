"""The pupil page's contact log (henvendelser): messages, calls and short talks with the home.

Newest first. A reply that is overdue stands out by an icon, the word "Overdue"
and bold text (colour too, never alone), so the teacher sees what the home is
still waiting for. By the school's principles, a contact from the home outside
working hours says so beside its time, and a call the principles want agreed on
first says beside its channel whether it was (a ⚠ when it was not).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import N_, _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.contacts import ContactInfo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, datetime_text
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel, bold_font, set_bold
from skolehjem_desktop.ui.pupil.aula_reply import can_reply, copy_reply, reply_button
from skolehjem_desktop.ui.pupil.contact_dialog import add_contact, describe, edit_contact

OVERDUE_BACKGROUND = QColor("#f8d7da")
OVERDUE_TEXT = QColor("#1a1a1a")


class ContactTableModel(RowTableModel[ContactInfo]):
    """The pupil's contacts as plain rows, newest first."""

    HEADERS: ClassVar[list[str]] = [
        N_("When"),
        N_("Channel"),
        N_("Started by"),
        N_("Topic"),
        N_("Summary"),
        N_("Reply due"),
        N_("Done"),
    ]
    WHEN, CHANNEL, STARTED_BY, TOPIC, SUMMARY, REPLY_DUE, DONE = range(7)

    def __init__(self, parent: Any = None, warning_icon: QIcon | None = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today()
        self._warning_icon = warning_icon

    def set_rows(self, rows: list[ContactInfo], today: dt.date) -> None:  # type: ignore[override]
        self._today = today
        super().set_rows(rows)

    def overdue(self, row: int) -> bool:
        return self._rows[row].overdue(self._today)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._rows[index.row()]
        column = index.column()
        overdue = contact.overdue(self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(contact, column, overdue)
        if role == Qt.ItemDataRole.FontRole and overdue:
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.DecorationRole and overdue and column == self.REPLY_DUE:
            return self._warning_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(contact, column, overdue)
        return None

    def _text(self, contact: ContactInfo, column: int, overdue: bool) -> str:
        if column == self.WHEN:
            when = datetime_text(contact.occurred_at)
            if contact.outside_hours:
                return _("{when} · outside working hours").format(when=when)
            return when
        if column == self.CHANNEL:
            return self._channel_text(contact)
        if column == self.STARTED_BY:
            return label(contact.started_by)
        if column == self.TOPIC:
            return label(contact.topic)
        if column == self.SUMMARY:
            lines = contact.summary.splitlines()
            first = lines[0] if lines else ""
            return f"{first} …" if len(lines) > 1 else first
        if column == self.REPLY_DUE:
            if contact.reply_due is None:
                return ""
            if overdue:
                return _("Overdue – due {date}").format(date=date_text(contact.reply_due))
            if not contact.done and contact.reply_due == self._today:
                return _("Today – {date}").format(date=date_text(contact.reply_due))
            return date_text(contact.reply_due)
        if contact.done:
            return "✓ " + _("Done")
        return _("Open") if contact.reply_due is not None else ""

    @staticmethod
    def _channel_text(contact: ContactInfo) -> str:
        channel = label(contact.channel)
        if contact.without_appointment:
            return _("{channel} ⚠ not agreed beforehand").format(channel=channel)
        if contact.by_appointment:
            return _("{channel}, agreed beforehand").format(channel=channel)
        return channel

    def _tooltip(self, contact: ContactInfo, column: int, overdue: bool) -> str | None:
        if column == self.SUMMARY and contact.summary:
            return contact.summary
        if column == self.WHEN and contact.outside_hours:
            return _(
                "Received outside the school's working hours; the reply comes in working hours."
            )
        if column == self.CHANNEL and contact.without_appointment:
            return _(
                "The school's principles ask for calls to be agreed on beforehand, "
                "and this one is not marked as agreed."
            )
        if overdue:
            return _("The reply was due {date} and is not marked as done.").format(
                date=date_text(contact.reply_due)
            )
        return None


class ContactsTab(QWidget):
    """The pupil's contact log with the buttons to add, edit, mark as done and remove."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year = ctx.services.classes.current_year()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ContactTableModel(self, warning)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Contacts with the home"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ContactTableModel.SUMMARY, QHeaderView.ResizeMode.Stretch)

        self.new_button = QPushButton(_("&New contact…"))
        self.done_button = QPushButton(_("Mark as &done"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setToolTip(_("Change the channel, topic, summary or reply due"))
        self.remove_button = QPushButton(_("&Remove…"))
        self.reply_button = reply_button()
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.done_button,
            self.edit_button,
            self.remove_button,
            self.reply_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for first, second in (
            (self.table, self.new_button),
            (self.new_button, self.done_button),
            (self.done_button, self.edit_button),
            (self.edit_button, self.remove_button),
            (self.remove_button, self.reply_button),
        ):
            QWidget.setTabOrder(first, second)

        self.new_button.clicked.connect(self._new)
        self.done_button.clicked.connect(self._toggle_done)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.reply_button.clicked.connect(lambda: copy_reply(self, self._current()))
        # A double click emits activated too (so does Enter): one connection, one dialog.
        self.table.activated.connect(self._edit)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._update_buttons)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self._remove)
        self.set_student(None, self.school_year)

    # --- public -----------------------------------------------------------------------------

    def set_student(self, student_id: int | None, school_year: int) -> None:
        self.student_id = student_id
        self.school_year = school_year
        self.reload()

    def flush(self) -> bool:
        """Nothing is typed here outside a dialog, which saves on OK."""
        return True

    def reload(self, select_id: int | None = None) -> None:
        """Read the pupil's contacts again, keeping (or moving to) a selected row."""
        if select_id is None:
            current = self._current()
            select_id = current.id if current is not None else None
        services = self.ctx.services
        rows = services.contacts.all(self.student_id) if self.student_id is not None else []
        today = services.today()
        self.model.set_rows(rows, today)
        self.new_button.setEnabled(self.student_id is not None)
        self._show_summary(rows, today)
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    # --- helpers ----------------------------------------------------------------------------

    def _show_summary(self, rows: list[ContactInfo], today: dt.date) -> None:
        if self.student_id is None:
            self.summary_label.setText(_("No pupil chosen."))
            return
        if not rows:
            self.summary_label.setText(_("No contacts with the home logged yet."))
            return
        overdue = sum(1 for r in rows if r.overdue(today))
        text = ngettext("{n} contact", "{n} contacts", len(rows)).format(n=len(rows))
        if overdue:
            text += " · ⚠ " + ngettext("{n} reply overdue", "{n} replies overdue", overdue).format(
                n=overdue
            )
        self.summary_label.setText(text)
        set_bold(self.summary_label, bool(overdue))

    def _current(self) -> ContactInfo | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _update_buttons(self) -> None:
        contact = self._current()
        for button in (self.done_button, self.edit_button, self.remove_button):
            button.setEnabled(contact is not None)
        self.reply_button.setEnabled(can_reply(contact))
        done = contact is not None and contact.done
        self.done_button.setText(_("Mark as not &done") if done else _("Mark as &done"))

    # --- actions ----------------------------------------------------------------------------

    def _new(self) -> None:
        if self.student_id is None:
            return
        saved = add_contact(self.ctx, self, self.student_id)
        if saved is not None:
            self.reload(saved.id)
            self.changed.emit()
        self.table.setFocus()

    def _edit(self) -> None:
        contact = self._current()
        if contact is None:
            return
        saved = edit_contact(self.ctx, self, contact)
        if saved is not None:
            self.reload(saved.id)
            self.changed.emit()
        self.table.setFocus()

    def _toggle_done(self) -> None:
        contact = self._current()
        if contact is None:
            return
        saved = self.ctx.attempt(
            self, self.ctx.services.contacts.mark_done, contact.id, not contact.done
        )
        if saved is not None:
            self.reload(saved.id)
            self.changed.emit()

    def _remove(self) -> None:
        contact = self._current()
        if contact is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Remove contact"),
            _("Remove the contact of {contact}? This cannot be undone.").format(
                contact=describe(contact)
            ),
            _("Remove"),
        ):
            return
        self.ctx.attempt(self, self.ctx.services.contacts.remove, contact.id)
        self.reload()
        self.changed.emit()
        self.table.setFocus()
