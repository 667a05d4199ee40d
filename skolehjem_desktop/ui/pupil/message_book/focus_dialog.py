"""The dialog that adds a focus point: area (and subject for an other subject), goal, actions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.focus import FocusPointInfo
from skolehjem_desktop.ui.common.context import UiContext


def text_box(lines: int) -> QPlainTextEdit:
    """A plain text box at least ``lines`` lines high, where Tab moves on to the next field."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    line = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(line * lines + 12)
    return box


class NewFocusPointDialog(QDialog):
    """Add a focus point: area (and subject for an other subject), goal, actions."""

    def __init__(
        self,
        ctx: UiContext,
        student_id: int,
        school_year: int,
        areas: Sequence[FocusArea],
        area: FocusArea,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id = student_id
        self.school_year = school_year
        self.created: FocusPointInfo | None = None
        self.setWindowTitle(_("New focus point"))

        self.area_combo = QComboBox()
        for value in areas:
            self.area_combo.addItem(label(value), value)
        self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(area)))
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(_("e.g. English"))
        self.goal_edit = text_box(2)
        self.goal_edit.setPlaceholderText(_("What the pupil works towards"))
        self.goal_edit.setMaximumHeight(self.goal_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.actions_edit = text_box(3)
        self.actions_edit.setMaximumHeight(self.actions_edit.fontMetrics().lineSpacing() * 8 + 12)
        self.actions_edit.setPlaceholderText(_("What the school and the home do about it"))

        form = QFormLayout()
        area_label = QLabel(_("&Area:"))
        area_label.setBuddy(self.area_combo)
        form.addRow(area_label, self.area_combo)
        subject_label = QLabel(_("Su&bject:"))
        subject_label.setBuddy(self.subject_edit)
        form.addRow(subject_label, self.subject_edit)
        goal_label = QLabel(_("&Goal:"))
        goal_label.setBuddy(self.goal_edit)
        form.addRow(goal_label, self.goal_edit)
        actions_label = QLabel(_("Ac&tions:"))
        actions_label.setBuddy(self.actions_edit)
        form.addRow(actions_label, self.actions_edit)
        self._form = form

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

        self.area_combo.currentIndexChanged.connect(self._area_changed)
        self._area_changed()
        (self.subject_edit if self._is_other() else self.goal_edit).setFocus()

    def prefill(self, goal: str, subject: str = "") -> None:
        """Start from a colleague's suggestion: its text as the goal (and its subject)."""
        self.goal_edit.setPlainText(goal)
        self.goal_edit.moveCursor(QTextCursor.MoveOperation.End)
        if self._is_other():
            self.subject_edit.setText(subject)
        self.goal_edit.setFocus()

    def _is_other(self) -> bool:
        return bool(self.area_combo.currentData() == FocusArea.OTHER_SUBJECT)

    def _area_changed(self) -> None:
        self._form.setRowVisible(self.subject_edit, self._is_other())

    def accept(self) -> None:
        area = FocusArea(self.area_combo.currentData())
        created = self.ctx.attempt(
            self,
            self.ctx.services.focus.add,
            self.student_id,
            self.school_year,
            area,
            self.goal_edit.toPlainText(),
            actions=self.actions_edit.toPlainText(),
            subject=self.subject_edit.text() if area is FocusArea.OTHER_SUBJECT else "",
        )
        if created is None:
            return
        self.created = created
        super().accept()
