"""The Planning page: when and where the conversation is, what kind, who asked for it, and
who takes part.

A choice (a list, a check box, a person) says ``changed(True)``: saved at once. Typing
(the date, the duration, the place, the wishes) says ``changed(False)``: saved after a
pause; ``left`` says the teacher finished with a typed field: saved now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import ConversationKind, RequestedBy
from skolehjem_desktop.i18n import _, active
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.conversations import (
    MAX_DURATION,
    MIN_DURATION,
    PLACE_MAX,
    ConversationDetail,
    Planning,
)
from skolehjem_desktop.services.school import TeacherInfo
from skolehjem_desktop.services.students import GuardianInfo
from skolehjem_desktop.ui.common.date_fields import DateTimeField
from skolehjem_desktop.ui.conversation.fields import (
    Page,
    form_row,
    notice_label,
    text_edit,
    when_left,
)

ID_ROLE = Qt.ItemDataRole.UserRole


def add_check_item(widget: QListWidget, text: str, ident: int, checked: bool) -> None:
    """A row of ``widget`` with a check box, holding ``ident``."""
    item = QListWidgetItem(text)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
    )
    item.setData(ID_ROLE, ident)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    widget.addItem(item)


def checked_ids(widget: QListWidget) -> tuple[int, ...]:
    """The idents of the checked rows of ``widget``."""
    return tuple(
        int(widget.item(row).data(ID_ROLE))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    )


class PlanningPage(Page):
    """The planning of one conversation; ``notice`` says why a save was refused."""

    changed = Signal(bool)  # True: a choice, saved at once; False: typing, saved after a pause
    left = Signal()  # a typed field was finished or left

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.notice = notice_label()
        self._build_fields()
        form = self._build_form()
        people = self._build_people()
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addSpacing(12)
        columns.addLayout(people, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.notice)
        self._connect()

    def _build_fields(self) -> None:
        self.kind_combo = QComboBox()
        for kind in ConversationKind:
            self.kind_combo.addItem(label(kind), kind.value)
        self.kind_combo.setAccessibleName(_("Kind of conversation"))
        self.requested_combo = QComboBox()
        for who in RequestedBy:
            self.requested_combo.addItem(label(who), who.value)
        self.requested_combo.setAccessibleName(_("Requested by"))
        self.starts_edit = DateTimeField(self._today)
        self.starts_edit.setAccessibleName(_("Date and time"))
        self.weekday_label = QLabel()
        self.weekday_label.setTextFormat(Qt.TextFormat.PlainText)
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(MIN_DURATION, MAX_DURATION)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSuffix(" " + _("min"))
        self.duration_spin.setAccessibleName(_("Duration in minutes"))
        self.place_edit = QLineEdit()
        self.place_edit.setMaxLength(PLACE_MAX)
        self.place_edit.setPlaceholderText(_("e.g. the classroom, room 12"))
        self.place_edit.setAccessibleName(_("Place"))
        self.attends_check = QCheckBox(_("The pupil take&s part"))
        self.attends_note = QLineEdit()
        self.attends_note.setMaxLength(PLACE_MAX)
        self.attends_note.setPlaceholderText(_("e.g. joins for the last quarter of an hour"))
        self.attends_note.setAccessibleName(_("Note on the pupil taking part"))

    def _build_form(self) -> QFormLayout:
        """When, how long, where, and whether the pupil comes."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        when = QHBoxLayout()
        when.addWidget(self.starts_edit)
        when.addWidget(self.weekday_label, 1)
        form_row(form, _("Kind"), self.kind_combo)
        form_row(form, _("Re&quested by"), self.requested_combo)
        form_row(form, _("&Date and time"), self.starts_edit, when)
        form_row(form, _("D&uration"), self.duration_spin)
        form_row(form, _("Place"), self.place_edit)
        attends = QVBoxLayout()
        attends.addWidget(self.attends_check)
        attends.addWidget(self.attends_note)
        note_label = QLabel(_("The pupil"))
        note_label.setBuddy(self.attends_check)
        form.addRow(note_label, attends)
        return form

    def _build_people(self) -> QGridLayout:
        """The teachers and the parents who take part, and the parents' wishes about it."""
        self.teachers_list = QListWidget()
        self.teachers_list.setAccessibleName(_("Teachers who join"))
        self.wishes_edit = text_edit(
            _("The parents' wishes about who joins"),
            _("e.g. the parents would like the maths teacher to join"),
            minimum_height=50,
        )
        self.guardians_list = QListWidget()
        self.guardians_list.setAccessibleName(_("Parents and guardians who take part"))
        teachers_label = QLabel(_("Teachers who &join"))
        teachers_label.setBuddy(self.teachers_list)
        wishes_label = QLabel(_("The parents' wishes a&bout that"))
        wishes_label.setBuddy(self.wishes_edit)
        guardians_label = QLabel(_("Parents and guardians who take part"))
        guardians_label.setBuddy(self.guardians_list)
        people = QGridLayout()
        people.addWidget(teachers_label, 0, 0)
        people.addWidget(guardians_label, 0, 1)
        people.addWidget(self.teachers_list, 1, 0)
        people.addWidget(self.guardians_list, 1, 1)
        people.addWidget(wishes_label, 2, 0, 1, 2)
        people.addWidget(self.wishes_edit, 3, 0, 1, 2)
        people.setRowStretch(1, 2)
        people.setRowStretch(3, 1)
        return people

    def _connect(self) -> None:
        """A choice saves at once; typing saves after a pause and when the field is left."""
        self.kind_combo.currentIndexChanged.connect(self._chosen)
        self.requested_combo.currentIndexChanged.connect(self._chosen)
        self.attends_check.toggled.connect(self._chosen)
        self.attends_check.toggled.connect(self._attends_toggled)
        self.teachers_list.itemChanged.connect(self._chosen)
        self.guardians_list.itemChanged.connect(self._chosen)
        # a typed date or time counts once Enter is pressed or the field is left; the
        # arrows and the calendar at once: then it is saved after the pause, or on leaving
        self.starts_edit.dateTimeChanged.connect(self._typed)
        self.starts_edit.dateTimeChanged.connect(self._show_weekday)
        self.starts_edit.editingFinished.connect(self.left)
        self.duration_spin.valueChanged.connect(self._typed)
        self.duration_spin.editingFinished.connect(self.left)
        for edit in (self.place_edit, self.attends_note):
            edit.textEdited.connect(self._typed)
            edit.editingFinished.connect(self.left)
        self.wishes_edit.textChanged.connect(self._typed)
        when_left(self.wishes_edit, self.left.emit)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.kind_combo,
            self.requested_combo,
            *self.starts_edit.tab_chain(),
            self.duration_spin,
            self.place_edit,
            self.attends_check,
            self.attends_note,
            self.teachers_list,
            self.guardians_list,
            self.wishes_edit,
        ]

    # --- the fields' values -----------------------------------------------------------------

    def load(
        self,
        detail: ConversationDetail,
        teachers: Iterable[TeacherInfo],
        guardians: Iterable[GuardianInfo],
    ) -> None:
        """Show ``detail``'s planning; every teacher and guardian can be checked."""
        with self.quietly():
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(detail.kind.value))
            self.requested_combo.setCurrentIndex(
                self.requested_combo.findData(detail.requested_by.value)
            )
            self.starts_edit.setDateTime(detail.starts_at)
            self.duration_spin.setValue(detail.duration_minutes)
            self.place_edit.setText(detail.place)
            self.attends_check.setChecked(detail.pupil_attends)
            self.attends_note.setText(detail.pupil_attends_note)
            self.wishes_edit.setPlainText(detail.parents_wishes)
            joining = {teacher_id for teacher_id, _name in detail.teachers}
            self.teachers_list.clear()
            for teacher in teachers:
                text = f"{teacher.name} ({teacher.initials})"
                add_check_item(self.teachers_list, text, teacher.id, teacher.id in joining)
            taking_part = {guardian_id for guardian_id, _name in detail.guardians}
            self.guardians_list.clear()
            for guardian in guardians:
                text = f"{guardian.name} ({label(guardian.relation).lower()})"
                if not guardian.has_custody:
                    text += " – " + _("no custody")
                add_check_item(self.guardians_list, text, guardian.id, guardian.id in taking_part)
        self._attends_toggled(detail.pupil_attends)
        self._show_weekday()

    def show_start(self, starts_at: dt.datetime) -> None:
        """Show a date and time the service stored (no edit of the teacher's)."""
        with self.quietly():
            self.starts_edit.setDateTime(starts_at)
        self._show_weekday()

    def clear(self) -> None:
        with self.quietly():
            self.wishes_edit.clear()
            self.place_edit.clear()
            self.attends_note.clear()
            self.teachers_list.clear()
            self.guardians_list.clear()

    def values(self) -> Planning:
        self.starts_edit.commit()
        starts_at = self.starts_edit.dateTime()
        assert starts_at is not None  # loaded before it is read
        return Planning(
            starts_at=starts_at,
            kind=ConversationKind(self.kind_combo.currentData()),
            requested_by=RequestedBy(self.requested_combo.currentData()),
            duration_minutes=self.duration_spin.value(),
            place=self.place_edit.text(),
            pupil_attends=self.attends_check.isChecked(),
            pupil_attends_note=self.attends_note.text(),
            parents_wishes=self.wishes_edit.toPlainText(),
            teacher_ids=checked_ids(self.teachers_list),
            guardian_ids=checked_ids(self.guardians_list),
        )

    # --- reacting -----------------------------------------------------------------------

    def _chosen(self, *_args: object) -> None:
        if not self.loading:
            self.changed.emit(True)

    def _typed(self, *_args: object) -> None:
        if not self.loading:
            self.changed.emit(False)

    def _show_weekday(self, *_args: object) -> None:
        starts = self.starts_edit.dateTime()
        if starts is not None:
            self.weekday_label.setText(active().format_date(starts.date(), "full"))

    def _attends_toggled(self, on: bool) -> None:
        self.attends_note.setPlaceholderText(
            _("e.g. joins for the last quarter of an hour")
            if on
            else _("e.g. the parents want to talk without the pupil first")
        )
