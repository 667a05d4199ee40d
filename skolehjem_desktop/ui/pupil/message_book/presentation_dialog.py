"""The dialog that records a presentation of the focus points to the parents."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import ConversationStatus, PresentationVia
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.focus import PresentationInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.date_fields import DateField, commit_all
from skolehjem_desktop.ui.common.formatting import date_text


class PresentationDialog(QDialog):
    """Record that the focus points were presented to the parents: when, how, a note."""

    def __init__(
        self, ctx: UiContext, student_id: int, school_year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id = student_id
        self.recorded: PresentationInfo | None = None
        self.setWindowTitle(_("Record presentation to the parents"))
        year = SchoolYear(school_year)
        today = ctx.services.today()
        last = min(year.last_day, today)

        self.date_edit = DateField(ctx.services.today)
        self.date_edit.setAccessibleName(_("Date"))
        self.date_edit.setDateRange(year.first_day, max(last, year.first_day))
        self.date_edit.setDate(last)
        self.via_combo = QComboBox()
        for via in PresentationVia:
            self.via_combo.addItem(label(via), via)
        self.conversation_combo = QComboBox()
        self.conversation_combo.addItem(_("None"), None)
        self._conversation_days: dict[int, dt.date] = {}
        self._held: dict[dt.date, int] = {}  # the day's latest held conversation
        rows = ctx.services.conversations.all(student_id=student_id, school_year=school_year)
        for row in rows:
            if row.status is ConversationStatus.CANCELLED:
                continue
            text = f"{date_text(row.starts_at.date())} – {label(row.kind)} ({label(row.status)})"
            self.conversation_combo.addItem(text, row.id)
            self._conversation_days[row.id] = row.starts_at.date()
        for row in sorted(rows, key=lambda r: r.starts_at):  # the latest of a day wins
            if row.status is ConversationStatus.HELD:
                self._held[row.starts_at.date()] = row.id
        self._suggested: int | None = None  # the conversation chosen for the teacher
        self.note_edit = QLineEdit()

        form = QFormLayout()
        for text, widget in (
            (_("&Date:"), self.date_edit),
            (_("&How:"), self.via_combo),
            (_("&Conversation:"), self.conversation_combo),
            (_("&Note:"), self.note_edit),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())
        self.conversation_combo.activated.connect(self._conversation_chosen)
        self.date_edit.dateChanged.connect(self.suggest_conversation)
        if (day := self.date_edit.date()) is not None:
            self.suggest_conversation(day)

    def suggest_conversation(self, day: dt.date) -> None:
        """Choose the pupil's conversation held on ``day`` (the latest, if several), and
        take back an earlier suggestion of another day; the teacher's own choice stays."""
        current = self.conversation_combo.currentData()
        if current is not None and current != self._suggested:
            return
        held = self._held.get(day)
        self._suggested = held
        index = self.conversation_combo.findData(held) if held is not None else 0
        self.conversation_combo.setCurrentIndex(max(0, index))
        if held is not None:
            self.via_combo.setCurrentIndex(self.via_combo.findData(PresentationVia.CONVERSATION))

    def _conversation_chosen(self) -> None:
        """Presented at a conversation: take its day and say so."""
        conversation_id = self.conversation_combo.currentData()
        day = self._conversation_days.get(conversation_id) if conversation_id else None
        if day is None:
            return
        self.via_combo.setCurrentIndex(self.via_combo.findData(PresentationVia.CONVERSATION))
        if self.date_edit.minimumDate() <= day <= self.date_edit.maximumDate():
            self.date_edit.setDate(day)

    def accept(self) -> None:
        if not commit_all(self.date_edit):
            return
        presented_on = self.date_edit.date()
        assert presented_on is not None  # given one when made
        recorded = self.ctx.attempt(
            self,
            self.ctx.services.focus.record_presentation,
            self.student_id,
            presented_on,
            PresentationVia(self.via_combo.currentData()),
            conversation_id=self.conversation_combo.currentData(),
            note=self.note_edit.text(),
        )
        if recorded is None:
            return
        self.recorded = recorded
        super().accept()
