"""The chosen focus point, edited beside the tree and saved as the teacher types.

About a second after the last keystroke, at once when a field loses focus or a status
is chosen, the editor saves the focus point through the focus service and says so. A
goal left empty is not saved: the text stays and the editor says why.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus
from skolehjem_desktop.errors import NotFoundError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.focus import FocusPointInfo
from skolehjem_desktop.ui.common.autosave import Autosave
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import text_box
from skolehjem_desktop.ui.pupil.message_book.model import status_text


class FocusPointEditor(QGroupBox):
    """Subject, goal, actions, status and evaluation of one focus point."""

    point_saved = Signal(object)  # the FocusPointInfo as stored now
    changed = Signal()  # a save went through
    vanished = Signal()  # the focus point was removed elsewhere: read everything again

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Focus point"), parent)
        self.ctx = ctx
        self.point: FocusPointInfo | None = None
        self._loading = False
        self._autosave = Autosave(self._save, self)
        self._autosave.saved.connect(self._saved)
        self._autosave.failed.connect(self._save_failed)
        self._build()
        self._connect()

    def _build(self) -> None:
        self.area_value = QLabel()
        self.area_value.setTextFormat(Qt.TextFormat.PlainText)
        set_bold(self.area_value)
        self.subject_edit = QLineEdit()
        self.goal_edit = text_box(3)
        self.goal_edit.setMaximumHeight(self.goal_edit.fontMetrics().lineSpacing() * 5 + 12)
        self.actions_edit = text_box(3)
        self.status_combo = QComboBox()
        for status in FocusStatus:
            self.status_combo.addItem(status_text(status), status)
        self.evaluation_edit = text_box(3)
        self.save_state = QLabel()
        self.save_state.setTextFormat(Qt.TextFormat.PlainText)
        self.save_state.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_("Area:"), self.area_value)
        for text, widget in (
            (_("Su&bject:"), self.subject_edit),
            (_("Th&e goal:"), self.goal_edit),
            (_("Act&ions:"), self.actions_edit),
            (_("Stat&us:"), self.status_combo),
            (_("E&valuation:"), self.evaluation_edit),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
        form.addRow(self.save_state)
        self._form = form

    def _connect(self) -> None:
        self.goal_edit.textChanged.connect(self._edited)
        self.actions_edit.textChanged.connect(self._edited)
        self.evaluation_edit.textChanged.connect(self._edited)
        self.subject_edit.textChanged.connect(self._edited)
        self.status_combo.activated.connect(self._status_chosen)
        for widget in (self.goal_edit, self.actions_edit, self.evaluation_edit, self.subject_edit):
            widget.installEventFilter(self)

    # --- public -----------------------------------------------------------------------------

    @property
    def point_id(self) -> int | None:
        """The id of the focus point in the editor; None when it shows none."""
        return self.point.id if self.point is not None else None

    def fields(self) -> list[QWidget]:
        """The fields the teacher types in, in the order Tab visits them."""
        return [
            self.subject_edit,
            self.goal_edit,
            self.actions_edit,
            self.status_combo,
            self.evaluation_edit,
        ]

    def show_point(self, point: FocusPointInfo | None) -> None:
        """Fill the fields with a focus point (None: empty them); nothing is saved."""
        self._loading = True
        self.point = point
        if point is None:
            for box in (self.goal_edit, self.actions_edit, self.evaluation_edit):
                box.clear()
            self.subject_edit.clear()
        else:
            self.area_value.setText(label(point.area))
            self._form.setRowVisible(self.subject_edit, point.area is FocusArea.OTHER_SUBJECT)
            self.subject_edit.setText(point.subject)
            self.goal_edit.setPlainText(point.goal)
            self.actions_edit.setPlainText(point.actions)
            self.status_combo.setCurrentIndex(self.status_combo.findData(point.status))
            self.evaluation_edit.setPlainText(point.evaluation)
            if point.carried_from_id is not None:
                self.save_state.setText(_("Carried forward from last school year."))
            else:
                self.save_state.clear()
        self._loading = False

    def forget(self) -> None:
        """The focus point is no longer edited (it is gone, or another is about to be shown)."""
        self.point = None

    def flush(self) -> bool:
        """Save what was typed now; False if it could not be saved (the text stays)."""
        return self._autosave.flush()

    def discard(self) -> None:
        """Forget what was typed and not saved yet."""
        self._autosave.discard()

    # --- saving -----------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading and self.point is not None:
            self._autosave.touch()

    def _status_chosen(self) -> None:
        if not self._loading and self.point is not None:
            self._autosave.touch()
            self._autosave.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._autosave.dirty:
            self._autosave.flush()
        return super().eventFilter(watched, event)

    def _save(self) -> None:
        point = self.point
        if point is None:
            return
        other = point.area is FocusArea.OTHER_SUBJECT
        try:
            saved = self.ctx.services.focus.update(
                point.id,
                goal=self.goal_edit.toPlainText(),
                actions=self.actions_edit.toPlainText(),
                status=FocusStatus(self.status_combo.currentData()),
                evaluation=self.evaluation_edit.toPlainText(),
                subject=self.subject_edit.text() if other else None,
            )
        except NotFoundError as exc:
            # Removed elsewhere meanwhile: say so and show what is there now, rather
            # than holding the teacher on a focus point that cannot be saved.
            self.point = None
            self.ctx.dialogs.error(self, exc.message)
            self.vanished.emit()
            return
        self.point = saved
        self.point_saved.emit(saved)

    def _saved(self) -> None:
        self.save_state.setText(
            "✓ " + _("Saved {time}").format(time=self.ctx.services.clock().strftime("%H:%M"))
        )
        set_bold(self.save_state, bold=False)
        self.changed.emit()

    def _save_failed(self, message: str) -> None:
        self.save_state.setText("⚠ " + _("Not saved: {reason}").format(reason=message))
        set_bold(self.save_state)
