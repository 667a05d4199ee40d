"""Log a contact with the home quickly: when, channel, started by, topic, summary, reply due.

The school's principles (read once as the dialog opens): a parent who writes gets a
reply within the principles' working days. So when a parent started the contact, the
reply due is filled in from the principles, and follows "when" and "started by" as
they change, until the teacher sets it (or clears it) themselves. A contact from the
home outside the school's working hours gets a note under the time: the reply comes
in working hours. A call can be marked as agreed on first ("efter
forudgående aftale"); when the principles want calls agreed on first and it is not
ticked, a warning note says so (a warning: it is saved all the same).

    info = add_contact(ctx, window, student_id)   # None when cancelled
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, StartedBy
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.i18n.workweek import working_time_text
from skolehjem_desktop.services.contacts import (
    ContactInfo,
    can_be_by_appointment,
    default_reply_due,
    outside_hours,
    without_appointment,
)
from skolehjem_desktop.services.principles import Principles
from skolehjem_desktop.services.students import GuardianInfo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.date_fields import DateField, DateTimeField, commit_all
from skolehjem_desktop.ui.common.formatting import datetime_text


@dataclass(frozen=True)
class ContactValues:
    """What the teacher filled in."""

    occurred_at: dt.datetime
    channel: ContactChannel
    started_by: StartedBy
    guardian_id: int | None
    topic: ContactTopic
    summary: str
    reply_due: dt.date | None
    by_appointment: bool = False


def appointment_warning(rules: Principles) -> str:
    """The principles' word on calls agreed on first, as the dialog's note says it."""
    channels = rules.appointment_channels
    if channels >= {"phone", "sms"}:
        return _("The school's principles: phone and sms by appointment made first.")
    if "sms" in channels:
        return _("The school's principles: sms by appointment made first.")
    return _("The school's principles: phone calls by appointment made first.")


def _note() -> QLabel:
    note = QLabel()
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setWordWrap(True)
    return note


class ContactDialog(QDialog):
    """A new contact (or, given ``contact``, the editable parts of an existing one).

    OK saves through the services; a message the teacher can act on keeps the
    dialog open with everything typed intact. ``saved`` holds what was stored.
    """

    def __init__(
        self,
        ctx: UiContext,
        student_id: int,
        parent: QWidget | None = None,
        contact: ContactInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id = student_id
        self.contact = contact
        self.saved: ContactInfo | None = None
        self._auto_due = contact is None
        self._applying = False
        self.rules = ctx.services.principles.active()
        pupil = ctx.services.students.get(student_id)
        title = _("New contact") if contact is None else _("Edit contact")
        self.setWindowTitle(f"{title} – {pupil.full_name}")

        self._fields(pupil.guardians)
        form = self._form(self._due_row())
        buttons = self._buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        if contact is not None:
            self._show_contact(contact)
        self.when_edit.dateTimeChanged.connect(self._rule_inputs_changed)
        self.started_combo.currentIndexChanged.connect(self._rule_inputs_changed)
        self.due_check.toggled.connect(self._due_touched)
        self.due_edit.dateChanged.connect(self._due_touched)
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.appointment_check.toggled.connect(self._show_appointment_note)
        self._rule_inputs_changed()
        self._channel_changed()
        self.resize(520, self.sizeHint().height())
        (self.summary_edit if contact is not None else self.channel_combo).setFocus()

    # --- building ---------------------------------------------------------------------------

    def _fields(self, guardians: tuple[GuardianInfo, ...]) -> None:
        """When, the channel, who started it, the guardian, the topic and the summary."""
        now = self.ctx.services.clock().replace(second=0, microsecond=0)
        contact = self.contact
        self.when_edit = DateTimeField(self.ctx.services.today)
        self.when_edit.setAccessibleName(_("When"))
        self.when_edit.setMaximumDate(now.date())
        self.when_edit.setDateTime(contact.occurred_at if contact else now)
        self.channel_combo = QComboBox()
        for channel in ContactChannel:
            self.channel_combo.addItem(label(channel), channel)
        self.appointment_check = QCheckBox(_("Agreed on &beforehand"))
        self.appointment_check.setToolTip(
            _("The call was agreed on with the parents first (e.g. in a message).")
        )
        self.hours_note = _note()
        self.appointment_note = _note()
        self.started_combo = QComboBox()
        for who in StartedBy:
            self.started_combo.addItem(label(who), who)
        self.guardian_combo = QComboBox()
        self.guardian_combo.addItem(_("Not recorded"), None)
        for guardian in guardians:
            self.guardian_combo.addItem(
                f"{guardian.name} ({label(guardian.relation).lower()})", guardian.id
            )
        self.topic_combo = QComboBox()
        for topic in ContactTopic:
            self.topic_combo.addItem(label(topic), topic)
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText(_("What was it about, what was said or agreed"))
        self.summary_edit.setMinimumHeight(self.summary_edit.fontMetrics().lineSpacing() * 5 + 12)

    def _due_row(self) -> QHBoxLayout:
        """The reply due: ticked with a date, and a hint of where the date came from."""
        self.due_check = QCheckBox(_("&Reply due by:"))
        self.due_edit = DateField(self.ctx.services.today)
        self.due_edit.setAccessibleName(_("Reply due"))
        self.due_hint = QLabel()
        self.due_hint.setTextFormat(Qt.TextFormat.PlainText)
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_edit)
        due_row.addWidget(self.due_hint, 1)
        return due_row

    def _form(self, due_row: QHBoxLayout) -> QFormLayout:
        """The fields in a form; a note row (hidden until needed) under "when" and "channel"."""
        channel_row = QHBoxLayout()
        channel_row.setContentsMargins(0, 0, 0, 0)
        channel_row.addWidget(self.channel_combo)
        channel_row.addWidget(self.appointment_check, 1)
        form = QFormLayout()
        for text, buddy, field, note in (
            (_("&When:"), self.when_edit, self.when_edit, self.hours_note),
            (_("&Channel:"), self.channel_combo, channel_row, self.appointment_note),
            (_("&Started by:"), self.started_combo, self.started_combo, None),
            (_("&Guardian:"), self.guardian_combo, self.guardian_combo, None),
            (_("&Topic:"), self.topic_combo, self.topic_combo, None),
            (_("S&ummary:"), self.summary_edit, self.summary_edit, None),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(buddy)
            form.addRow(row_label, field)
            if note is not None:
                form.addRow("", note)
        form.addRow(self.due_check, due_row)
        self._form_layout = form
        return form

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(_("Save the contact (Ctrl+Enter)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    # --- showing a stored contact -----------------------------------------------------------

    def _show_contact(self, contact: ContactInfo) -> None:
        self._select(self.channel_combo, contact.channel)
        self._select(self.started_combo, contact.started_by)
        self._select(self.guardian_combo, contact.guardian_id)
        self._select(self.topic_combo, contact.topic)
        self.summary_edit.setPlainText(contact.summary)
        self.appointment_check.setChecked(contact.by_appointment)
        # When it happened and who started it are facts of the log; they are not edited.
        for widget in (self.when_edit, self.started_combo, self.guardian_combo):
            widget.setEnabled(False)
        self._set_due(contact.reply_due)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    # --- the reply due ----------------------------------------------------------------------

    def _set_due(self, day: dt.date | None) -> None:
        self._applying = True
        self.due_check.setChecked(day is not None)
        self.due_edit.setEnabled(day is not None)
        if day is not None:
            self.due_edit.setDate(day)
        self._applying = False

    def _rule_inputs_changed(self) -> None:
        when = self.when_edit.dateTime()
        if when is None:  # pragma: no cover - it is given a value when it is made
            return
        self._applying = True
        self.due_edit.setMinimumDate(when.date())
        self._applying = False
        if self._auto_due:
            self._set_due(default_reply_due(when, self.started_by(), self.rules, self.channel()))
            self._show_due_hint()
        self._show_hours_note()

    def _due_touched(self) -> None:
        self.due_edit.setEnabled(self.due_check.isChecked())
        if self._applying:
            return
        self._auto_due = False
        self._show_due_hint()

    def _show_due_hint(self) -> None:
        if not self._auto_due:
            self.due_hint.setText(_("(set by you)") if self.contact is None else "")
        elif self.due_check.isChecked():
            days = self.rules.reply_working_days
            if days == 1:
                self.due_hint.setText(_("(the next working day)"))
            else:
                self.due_hint.setText(
                    ngettext("(within {n} working day)", "(within {n} working days)", days).format(
                        n=days
                    )
                )
        else:
            self.due_hint.setText(_("(no reply owed when the school started it)"))

    # --- the school's principles: working hours, calls agreed on first ----------------------

    def outside_hours(self) -> bool:
        """Whether the typed time of a parent's contact is outside the school's hours."""
        when = self.when_edit.dateTime()
        return when is not None and outside_hours(when, self.started_by(), self.rules)

    def _set_note_visible(self, note: QLabel, visible: bool) -> None:
        self._form_layout.setRowVisible(note, visible)

    def _show_hours_note(self) -> None:
        outside = self.outside_hours()
        if outside:
            rules = self.rules
            hours = working_time_text(
                rules.working_weekdays, rules.working_hours_start, rules.working_hours_end
            )
            self.hours_note.setText(
                _(
                    "Outside the school's working hours ({hours}). "
                    "The reply comes within working hours."
                ).format(hours=hours)
            )
        self._set_note_visible(self.hours_note, outside)

    def channel(self) -> ContactChannel:
        return ContactChannel(self.channel_combo.currentData())

    def by_appointment(self) -> bool:
        return self.appointment_check.isChecked() and can_be_by_appointment(self.channel())

    def _channel_changed(self) -> None:
        self.appointment_check.setVisible(can_be_by_appointment(self.channel()))
        self._show_appointment_note()
        self._rule_inputs_changed()  # a talk at the door owes no reply

    def _show_appointment_note(self) -> None:
        warn = without_appointment(self.channel(), self.by_appointment(), self.rules)
        if warn:
            self.appointment_note.setText("⚠ " + appointment_warning(self.rules))
        self._set_note_visible(self.appointment_note, warn)

    # --- values and saving ------------------------------------------------------------------

    def started_by(self) -> StartedBy:
        return StartedBy(self.started_combo.currentData())

    def values(self) -> ContactValues:
        guardian = self.guardian_combo.currentData()
        occurred_at = self.when_edit.dateTime()
        due = self.due_edit.date()
        assert occurred_at is not None and due is not None  # given values when made
        return ContactValues(
            occurred_at=occurred_at,
            channel=self.channel(),
            started_by=self.started_by(),
            guardian_id=int(guardian) if guardian is not None else None,
            topic=ContactTopic(self.topic_combo.currentData()),
            summary=self.summary_edit.toPlainText(),
            reply_due=due if self.due_check.isChecked() else None,
            by_appointment=self.by_appointment(),
        )

    def accept(self) -> None:
        if not commit_all(self.when_edit, self.due_edit):
            return
        v = self.values()
        contacts = self.ctx.services.contacts
        if self.contact is None:
            saved = self.ctx.attempt(
                self,
                contacts.add,
                self.student_id,
                channel=v.channel,
                started_by=v.started_by,
                topic=v.topic,
                summary=v.summary,
                occurred_at=v.occurred_at,
                guardian_id=v.guardian_id,
                reply_due_on=v.reply_due,
                by_appointment=v.by_appointment,
            )
        else:
            saved = self.ctx.attempt(
                self,
                contacts.update,
                self.contact.id,
                summary=v.summary,
                topic=v.topic,
                channel=v.channel,
                reply_due_on=v.reply_due,
                by_appointment=v.by_appointment,
            )
        if saved is None:
            return
        self.saved = saved
        super().accept()


def add_contact(ctx: UiContext, parent: QWidget | None, student_id: int) -> ContactInfo | None:
    """Ask for a new contact with the pupil's home and store it; None when cancelled."""
    dialog = ContactDialog(ctx, student_id, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved
        return None
    finally:
        dialog.deleteLater()


def edit_contact(
    ctx: UiContext, parent: QWidget | None, contact: ContactInfo
) -> ContactInfo | None:
    """Change a contact's channel, topic, summary and reply due; None when cancelled."""
    dialog = ContactDialog(ctx, contact.student_id, parent, contact)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved
        return None
    finally:
        dialog.deleteLater()


def describe(contact: ContactInfo) -> str:
    """``22 Nov 2026 14:30, Phone: Wellbeing`` — names a contact in a question."""
    return f"{datetime_text(contact.occurred_at)}, {label(contact.channel)}: {label(contact.topic)}"
