"""The class records: parent meetings, the class parent council and its contact parent.

*Class records…* (the Class menu, or the button of :mod:`skolehjem_desktop.ui.classes.class_items`
on the class overview) opens :class:`ClassRecordsDialog`: the
class's parent meetings (new, edit, delete, print the invitation or the minutes) and
the class parent council (tick the members, choose the contact parent; each change is
stored at once). A meeting is edited in :class:`MeetingDialog`, saved on OK; text the
program refuses stays in its field with the reason beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, active, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.class_records import (
    FAMILIES_MAX,
    Council,
    MeetingInfo,
    MeetingInput,
)
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, datetime_text, pydate, qdate
from skolehjem_desktop.ui.pupil.student_dialogs import FormDialog, hint_label

if TYPE_CHECKING:
    from skolehjem_desktop.services.pdfs import PdfWritten

ID_ROLE = Qt.ItemDataRole.UserRole
NOT_RECORDED = -1


# --- one meeting ----------------------------------------------------------------------------


def _text_edit(accessible: str, hint: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(hint)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(80)
    return edit


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
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDateRange(qdate(year.first_day), qdate(year.last_day))
        self.date_edit.setDate(qdate(data.starts_at.date()))
        self.start_edit = QTimeEdit(QTime(data.starts_at.hour, data.starts_at.minute))
        self.start_edit.setAccessibleName(_("Starts at"))
        self.end_edit = QTimeEdit()
        self.end_edit.setAccessibleName(_("Ends at"))
        self.no_end = QCheckBox(_("No end time"))
        if data.ends_at is not None:
            self.end_edit.setTime(QTime(data.ends_at.hour, data.ends_at.minute))
        else:
            self.end_edit.setTime(QTime(data.starts_at.hour, data.starts_at.minute).addSecs(7200))
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
        self.place_edit = QLineEdit(data.place)
        self.place_edit.setPlaceholderText(_("e.g. the classroom"))
        self.called_by_combo = QComboBox()
        for value in CalledBy:
            self.called_by_combo.addItem(label(value), value.value)
        self.called_by_combo.setCurrentIndex(self.called_by_combo.findData(data.called_by.value))
        self.teacher_list = QListWidget()
        self.teacher_list.setMaximumHeight(110)
        chosen = set(data.teacher_ids)
        for teacher in ctx.services.class_records.teacher_choices(class_id):
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
            self.teacher_list.addItem(item)
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
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setStyleSheet("color: #b00020;")
        self.notice.hide()

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
        self.ok_button.setText(_("&Save"))
        self.date_edit.setFocus()
        self.setMinimumWidth(560)
        self._loaded = self.meeting_input()

    def meeting_input(self) -> MeetingInput:
        day = pydate(self.date_edit.date())
        start = self.start_edit.time()
        starts = dt.datetime.combine(day, dt.time(start.hour(), start.minute()))
        ends = None
        if not self.no_end.isChecked():
            end = self.end_edit.time()
            ends = dt.datetime.combine(day, dt.time(end.hour(), end.minute()))
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


# --- the class's records ----------------------------------------------------------------------


def meeting_line(m: MeetingInfo, now: dt.datetime) -> str:
    text = _("{when} · {place}").format(
        when=datetime_text(m.starts_at), place=m.place or _("no place yet")
    )
    if not m.held(now):
        text += "  " + _("(to come)")
    return text


class ClassRecordsDialog(QDialog):
    """The class's parent meetings and its parent council; changes are stored at once."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None, class_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.class_id = class_id
        self.info = ctx.services.classes.get(class_id)
        self.setWindowTitle(
            _("Class records – {name} {year}").format(
                name=self.info.name, year=self.info.year_label
            )
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self._meetings_tab(), _("Parent &meetings"))
        self.tabs.addTab(self._council_tab(), _("Class parent &council"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(900, 600)
        self.load_meetings()
        self.load_council()

    # --- meetings ---------------------------------------------------------------------------

    def _meetings_tab(self) -> QWidget:
        page = QWidget()
        self.meeting_list = QListWidget()
        self.meeting_list.setAccessibleName(_("Parent meetings"))
        self.meeting_list.currentRowChanged.connect(lambda _row: self._show_meeting())
        self.meeting_list.itemDoubleClicked.connect(lambda _item: self.edit_meeting())
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("The chosen meeting"))
        self.details.setOpenLinks(False)
        split = QSplitter()
        split.addWidget(self.meeting_list)
        split.addWidget(self.details)
        split.setSizes([300, 560])
        self.new_button = QPushButton(_("&New meeting…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete…"))
        self.invitation_button = QPushButton(_("Print &invitation"))
        self.minutes_button = QPushButton(_("Print min&utes"))
        self.save_invitation_button = QPushButton(_("Save invitation as…"))
        self.save_minutes_button = QPushButton(_("Save minutes as…"))
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.delete_button.clicked.connect(self.delete_meeting)
        self.invitation_button.clicked.connect(lambda: self.print_meeting("invitation"))
        self.minutes_button.clicked.connect(lambda: self.print_meeting("minutes"))
        self.save_invitation_button.clicked.connect(
            lambda: self.print_meeting("invitation", save=True)
        )
        self.save_minutes_button.clicked.connect(lambda: self.print_meeting("minutes", save=True))
        grid = QGridLayout()
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.edit_button, 0, 1)
        grid.addWidget(self.delete_button, 0, 2)
        grid.addWidget(self.invitation_button, 1, 0)
        grid.addWidget(self.minutes_button, 1, 1)
        grid.addWidget(self.save_invitation_button, 1, 2)
        grid.addWidget(self.save_minutes_button, 1, 3)
        intro = hint_label(
            _(
                "Every class holds a parent meeting at the start of the school year, with the "
                "class's teachers; there the class elects its class parent council. The "
                "teachers and the council can both call a parent meeting."
            )
        )
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(grid)
        return page

    def load_meetings(self, select: int | None = None) -> None:
        current = self.meeting_id
        wanted = select if select is not None else current
        now = self.ctx.services.clock()
        self.meetings = self.ctx.services.class_records.meetings(self.class_id)
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        for m in self.meetings:
            item = QListWidgetItem(meeting_line(m, now))
            item.setData(ID_ROLE, m.id)
            self.meeting_list.addItem(item)
        self.meeting_list.blockSignals(False)
        row = next(
            (i for i, m in enumerate(self.meetings) if m.id == wanted), len(self.meetings) - 1
        )
        self.meeting_list.setCurrentRow(row)
        self._show_meeting()

    @property
    def meeting_id(self) -> int | None:
        item = self.meeting_list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _meeting(self) -> MeetingInfo | None:
        wanted = self.meeting_id
        return next((m for m in self.meetings if m.id == wanted), None)

    def _show_meeting(self) -> None:
        m = self._meeting()
        for button in (
            self.edit_button,
            self.delete_button,
            self.invitation_button,
            self.minutes_button,
            self.save_invitation_button,
            self.save_minutes_button,
        ):
            button.setEnabled(m is not None)
        if m is None:
            self.details.setPlainText(
                _("No parent meetings yet. Press New meeting… to plan or record one.")
            )
            return
        self.details.setHtml(
            meeting_html(m, self.ctx.services.class_records.family_count(self.class_id))
        )

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self.ctx, self, self.class_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_meetings(select=dialog.saved.id)
            self._changed(_("Parent meeting saved."))

    def edit_meeting(self) -> None:
        m = self._meeting()
        if m is None:
            return
        dialog = MeetingDialog(self.ctx, self, self.class_id, m)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_meetings(select=m.id)
            self._changed(_("Parent meeting saved."))

    def delete_meeting(self) -> None:
        m = self._meeting()
        if m is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Delete parent meeting"),
            _("Delete the parent meeting on {date}, with its agenda and minutes?").format(
                date=date_text(m.starts_at.date(), "long")
            ),
            _("Delete"),
        ):
            return
        try:
            self.ctx.services.class_records.delete_meeting(m.id)
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        finally:
            self.load_meetings()
        self._changed(_("Parent meeting deleted."))

    def print_meeting(self, kind: str, *, save: bool = False) -> None:
        from skolehjem_desktop.ui.app.printing import deliver

        m = self._meeting()
        if m is None:
            return
        services = self.ctx.services
        if kind == "invitation":
            name = _("Parent meeting invitation {name} {date}")
            write: Callable[[Path], PdfWritten] = (  # noqa: E731
                lambda p: services.pdfs.write_meeting_invitation(m.id, p)
            )
        else:
            name = _("Parent meeting minutes {name} {date}")
            write = lambda p: services.pdfs.write_meeting_minutes(m.id, p)  # noqa: E731
        title = name.format(name=self.info.name, date=m.starts_at.date().isoformat())
        deliver(self.ctx, self, title, write, save=save, report=self.status.setText)

    # --- council ----------------------------------------------------------------------------

    def _council_tab(self) -> QWidget:
        page = QWidget()
        intro = hint_label(
            _(
                "The class parent council is elected at the parent meeting at the start of the "
                "school year; it can choose a contact parent. Tick the parents who sit on it. "
                "Each change is saved at once."
            )
        )
        self.council_list = QListWidget()
        self.council_list.setAccessibleName(_("Parents of the class"))
        self.council_list.itemChanged.connect(self._member_toggled)
        self.contact_combo = QComboBox()
        self.contact_combo.setAccessibleName(_("Contact parent"))
        self.contact_combo.activated.connect(self._contact_chosen)
        self.council_summary = QLabel()
        self.council_summary.setTextFormat(Qt.TextFormat.PlainText)
        contact_row = QHBoxLayout()
        contact_label = QLabel(_("C&ontact parent:"))
        contact_label.setBuddy(self.contact_combo)
        contact_row.addWidget(contact_label)
        contact_row.addWidget(self.contact_combo, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.council_list, 1)
        layout.addLayout(contact_row)
        layout.addWidget(self.council_summary)
        return page

    def load_council(self, council: Council | None = None) -> None:
        council = council or self.ctx.services.class_records.council(self.class_id)
        self.council = council
        self.council_list.blockSignals(True)
        self.council_list.clear()
        for c in council.candidates:
            pupils = ", ".join(c.pupils)
            text = (
                _("{name} – parent of {pupils}").format(name=c.name, pupils=pupils)
                if pupils
                else _("{name} – no longer a parent in the class").format(name=c.name)
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, c.guardian_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.member else Qt.CheckState.Unchecked)
            self.council_list.addItem(item)
        self.council_list.blockSignals(False)
        self.contact_combo.clear()
        self.contact_combo.addItem(_("No contact parent chosen"), None)
        for c in council.members:
            self.contact_combo.addItem(c.name, c.guardian_id)
        contact = council.contact_parent
        self.contact_combo.setCurrentIndex(
            self.contact_combo.findData(contact.guardian_id) if contact is not None else 0
        )
        self.contact_combo.setEnabled(bool(council.members))
        self.council_summary.setText(
            ngettext(
                "{n} member of the class parent council.",
                "{n} members of the class parent council.",
                len(council.members),
            ).format(n=len(council.members))
        )

    def _member_toggled(self, item: QListWidgetItem) -> None:
        guardian_id = int(item.data(ID_ROLE))
        member = item.checkState() == Qt.CheckState.Checked
        council = self.ctx.attempt(
            self, self.ctx.services.class_records.set_member, self.class_id, guardian_id, member
        )
        self.load_council(council)
        if council is not None:
            self._changed(_("Class parent council saved."))

    def _contact_chosen(self, _index: int) -> None:
        guardian_id = self.contact_combo.currentData()
        council = self.ctx.attempt(
            self,
            self.ctx.services.class_records.set_contact_parent,
            self.class_id,
            None if guardian_id is None else int(guardian_id),
        )
        self.load_council(council)
        if council is not None:
            self._changed(_("Contact parent saved."))

    def _changed(self, message: str) -> None:
        self.status.setText(
            _("{what} {time}").format(what=message, time=dt.datetime.now().strftime("%H:%M"))
        )
        self.changed.emit()


def meeting_html(m: MeetingInfo, families: int) -> str:
    """The chosen meeting, for the dialog's right side."""

    def row(name: str, value: str) -> str:
        cell = "<td style='color:#5a6472; padding-right:12px'>"
        return f"<tr>{cell}{escape(name)}</td><td>{escape(value)}</td></tr>"

    when = date_text(m.starts_at.date(), "full") + " " + active().format_time(m.starts_at)
    if m.ends_at is not None:
        when += "–" + active().format_time(m.ends_at)
    if m.families_present is None:
        present = _("Not recorded")
    else:
        present = _("{n} of {total}").format(n=m.families_present, total=families)
    parts = [
        "<table>",
        row(_("When"), when),
        row(_("Place"), m.place or "–"),
        row(_("Called by"), label(m.called_by)),
        row(_("Teachers present"), ", ".join(name for _id, name in m.teachers) or "–"),
        row(_("Families present"), present),
        "</table>",
    ]
    for heading, text in ((_("Agenda"), m.agenda), (_("Minutes"), m.minutes)):
        parts.append(f"<h4>{escape(heading)}</h4>")
        body = escape(text).replace("\n", "<br/>") if text.strip() else "–"
        parts.append(f"<p>{body}</p>")
    return "".join(parts)


def open_class_records(ctx: UiContext, parent: QWidget | None, class_id: int) -> bool:
    """Show the class's records; True when something was changed."""
    dialog = ClassRecordsDialog(ctx, parent, class_id)
    changed: list[bool] = []
    dialog.changed.connect(lambda: changed.append(True))
    dialog.exec()
    return bool(changed)
