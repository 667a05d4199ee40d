"""One parent meeting of a class, new or stored, in :class:`MeetingDialog`; saved on OK.

Opened from the meetings tab of the class records (:mod:`.meetings_tab`). Text the
program refuses stays in its field with the reason beside it, and Cancel asks before
dropping what was typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.class_records import FAMILIES_MAX, MeetingInfo, MeetingInput
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.date_fields import DateField, TimeField, commit_all
from skolehjem_desktop.ui.pupil.student_dialogs import FormDialog, hint_label

ID_ROLE = Qt.ItemDataRole.UserRole
NOT_RECORDED = -1


def _text_edit(accessible: str, hint: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(hint)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(80)
    return edit


def _notice_label() -> QLabel:
    """The reason the program refused what was typed, in red; hidden until then."""
    notice = QLabel()
    notice.setWordWrap(True)
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setStyleSheet("color: #b00020;")
    notice.hide()
    return notice


class MeetingDialog(FormDialog):
    """A parent meeting of the class: new (``meeting`` None) or one stored. Saved on OK."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None,
        class_id: int,
        meeting: MeetingInfo | None = None,
    ) -> None:
        info = ctx.services.classes.get(class_id)
        super().__init__(
            ctx, parent, _("New parent meeting") if meeting is None else _("Parent meeting")
        )
        self.class_id = class_id
        self.meeting_id = meeting.id if meeting is not None else None
        data = (
            meeting.as_input()
            if meeting is not None
            else ctx.services.class_records.suggested_meeting(class_id)
        )
        year = SchoolYear(info.school_year)
        self.set_intro(
            _("A parent meeting of {name} in the school year {year}.").format(
                name=info.name, year=year.label
            )
        )
        times = self._when_fields(data, year)
        self.place_edit = QLineEdit(data.place)
        self.place_edit.setPlaceholderText(_("e.g. the classroom"))
        self.called_by_combo = QComboBox()
        for value in CalledBy:
            self.called_by_combo.addItem(label(value), value.value)
        self.called_by_combo.setCurrentIndex(self.called_by_combo.findData(data.called_by.value))
        self.teacher_list = self._teacher_list(set(data.teacher_ids))
        self.families_spin = QSpinBox()
        self.families_spin.setRange(NOT_RECORDED, FAMILIES_MAX)
        self.families_spin.setSpecialValueText(_("Not recorded"))
        self.families_spin.setValue(
            NOT_RECORDED if data.families_present is None else data.families_present
        )
        families = ctx.services.class_records.family_count(class_id)
        self.agenda_edit = _text_edit(_("Agenda"), _("One point a line"))
        self.agenda_edit.setPlainText(data.agenda)
        self.minutes_edit = _text_edit(
            _("Minutes"), _("What was said and decided; printed for the parents")
        )
        self.minutes_edit.setPlainText(data.minutes)
        self.notice = _notice_label()
        self._add_rows(times, families)
        self.ok_button.setText(_("&Save"))
        self.date_edit.setFocus()
        self.setMinimumWidth(560)
        self._loaded = self.meeting_input()

    # --- building ---------------------------------------------------------------------------

    def _when_fields(self, data: MeetingInput, year: SchoolYear) -> QWidget:
        """The date edit, and the row of the times: start – end, or no end time."""
        self.date_edit = DateField(self.ctx.services.today)
        self.date_edit.setAccessibleName(_("Date"))
        self.date_edit.setDateRange(year.first_day, year.last_day)
        self.date_edit.setDate(data.starts_at.date())
        self.start_edit = TimeField(data.starts_at.time())
        self.start_edit.setAccessibleName(_("Starts at"))
        self.end_edit = TimeField()
        self.end_edit.setAccessibleName(_("Ends at"))
        self.no_end = QCheckBox(_("No end time"))
        if data.ends_at is not None:
            self.end_edit.setTime(data.ends_at.time())
        else:
            later = dt.datetime.combine(data.starts_at.date(), data.starts_at.time())
            self.end_edit.setTime(min(later + dt.timedelta(hours=2), later.replace(hour=23)).time())
            self.no_end.setChecked(True)
            self.end_edit.setEnabled(False)
        self.no_end.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        times = QWidget()
        times_row = QHBoxLayout(times)
        times_row.setContentsMargins(0, 0, 0, 0)
        times_row.addWidget(self.start_edit)
        times_row.addWidget(QLabel("–"))
        times_row.addWidget(self.end_edit)
        times_row.addWidget(self.no_end)
        times_row.addStretch(1)
        return times

    def _teacher_list(self, chosen: set[int]) -> QListWidget:
        """The teachers to tick, the class's own first; ``chosen`` are ticked."""
        teachers = QListWidget()
        teachers.setMaximumHeight(110)
        for teacher in self.ctx.services.class_records.teacher_choices(self.class_id):
            text = (
                teacher.name
                if teacher.teaches_class
                else _("{name} (not the class's)").format(name=teacher.name)
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, teacher.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if teacher.id in chosen else Qt.CheckState.Unchecked
            )
            teachers.addItem(item)
        return teachers

    def _add_rows(self, times: QWidget, families: int) -> None:
        self.add_row(_("&Date:"), self.date_edit)
        self.add_row(_("&Time:"), times)
        self.add_row(_("&Place:"), self.place_edit)
        self.add_row(_("Called &by:"), self.called_by_combo)
        self.add_row(_("T&eachers present:"), self.teacher_list)
        self.add_row(_("&Families present:"), self.families_spin)
        self.form.addRow(
            hint_label(
                ngettext(
                    "The class has {n} family.", "The class has {n} families.", families
                ).format(n=families)
            )
        )
        self.add_row(_("&Agenda:"), self.agenda_edit)
        self.add_row(_("&Minutes:"), self.minutes_edit)
        self.form.addRow(self.notice)

    # --- the meeting ------------------------------------------------------------------------

    def meeting_input(self) -> MeetingInput:
        day, start, end = self.date_edit.date(), self.start_edit.time(), self.end_edit.time()
        assert day is not None and start is not None and end is not None  # given when made
        starts = dt.datetime.combine(day, start)
        ends = None if self.no_end.isChecked() else dt.datetime.combine(day, end)
        teacher_ids = tuple(
            int(self.teacher_list.item(row).data(ID_ROLE))
            for row in range(self.teacher_list.count())
            if self.teacher_list.item(row).checkState() == Qt.CheckState.Checked
        )
        families = self.families_spin.value()
        return MeetingInput(
            starts_at=starts,
            ends_at=ends,
            place=self.place_edit.text(),
            called_by=CalledBy(self.called_by_combo.currentData()),
            agenda=self.agenda_edit.toPlainText(),
            minutes=self.minutes_edit.toPlainText(),
            families_present=None if families == NOT_RECORDED else families,
            teacher_ids=teacher_ids,
        )

    def save(self) -> MeetingInfo:
        records = self.ctx.services.class_records
        if self.meeting_id is None:
            return records.create_meeting(self.class_id, self.meeting_input())
        return records.update_meeting(self.meeting_id, self.meeting_input())

    def accept(self) -> None:
        if not commit_all(self.date_edit, self.start_edit, self.end_edit):
            return
        try:
            saved = self.save()
        except UserError as exc:
            # Nothing typed is dropped: the dialog stays open with the reason in red.
            self.notice.setText("⚠ " + exc.message)
            self.notice.show()
            self.ctx.dialogs.error(
                self,
                exc.message
                + "\n\n"
                + _("What you typed is kept; correct it and save again, or cancel."),
            )
            return
        self.saved = saved
        QDialog.accept(self)

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask before dropping what was typed."""
        if self.meeting_input() != self._loaded and not self.ctx.dialogs.confirm(
            self,
            _("Discard the changes?"),
            _("What you typed in this parent meeting is not saved. Discard it?"),
            _("&Discard"),
        ):
            return
        QDialog.reject(self)
