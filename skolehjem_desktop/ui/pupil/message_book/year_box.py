"""The message book's school year besides the focus points (the 2022 rules, L 174).

A box under the focus points: "needs interventions" (ticked, the interventions and their
follow-up can be written), and in grades 7–9 the pupil's thoughts on further education.
Saved as the teacher types, like the focus point editor: about a second after the last
keystroke, at once when a field loses focus or the box is ticked. A save that is refused
(a text over its limit, a full disk) keeps the text in its field and says why under it;
the next edit tries again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.message_book_year import MessageBookYearInfo
from skolehjem_desktop.ui.common.autosave import Autosave
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import text_box

# How many lines a text box shows before it scrolls: the box must leave the focus
# points room on a 1366×768 screen.
LINES = 3


def _column(caption: str, box: QPlainTextEdit) -> tuple[QWidget, QLabel]:
    """A caption above its text box, as one widget that can be shown or hidden."""
    column = QWidget()
    caption_label = QLabel(caption)
    caption_label.setBuddy(box)
    box.setAccessibleName(caption.replace("&", "").rstrip(":"))
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(caption_label)
    layout.addWidget(box, 1)
    return column, caption_label


class MessageBookYearBox(QGroupBox):
    """Interventions and follow-up, and the pupil's thoughts on further education."""

    changed = Signal()  # a save went through

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year: int | None = None
        self.info: MessageBookYearInfo | None = None
        self._loading = False
        self._autosave = Autosave(self._save, self)
        self._autosave.saved.connect(self._saved)
        self._autosave.failed.connect(self._save_failed)
        self._build()
        self._connect()
        self.show_year(None)

    def _build(self) -> None:
        self.support_check = QCheckBox(_("Needs int&erventions"))
        self.save_state = QLabel()
        self.save_state.setTextFormat(Qt.TextFormat.PlainText)
        self.save_state.setWordWrap(True)
        self.save_state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.interventions_edit = self._box()
        self.follow_up_edit = self._box()
        self.further_education_edit = self._box()
        self.interventions_column, _l1 = _column(_("Interventions:"), self.interventions_edit)
        self.follow_up_column, _l2 = _column(_("Follow-up:"), self.follow_up_edit)
        self.further_education_column, _l3 = _column(
            _("The pupil's thoughts on further education:"), self.further_education_edit
        )
        top = QHBoxLayout()
        top.addWidget(self.support_check)
        top.addSpacing(12)
        top.addWidget(self.save_state, 1)
        texts = QHBoxLayout()
        for column in (
            self.interventions_column,
            self.follow_up_column,
            self.further_education_column,
        ):
            texts.addWidget(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(texts)

    @staticmethod
    def _box() -> QPlainTextEdit:
        box = text_box(2)
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * LINES + 12)
        return box

    def _connect(self) -> None:
        self.support_check.toggled.connect(self._support_toggled)
        for box in self.text_boxes():
            box.textChanged.connect(self._edited)
            box.installEventFilter(self)

    # --- public -----------------------------------------------------------------------------

    def text_boxes(self) -> list[QPlainTextEdit]:
        return [self.interventions_edit, self.follow_up_edit, self.further_education_edit]

    def fields(self) -> list[QWidget]:
        """The fields the teacher types in, in the order Tab visits them."""
        return [self.support_check, *self.text_boxes()]

    def show_year(self, info: MessageBookYearInfo | None) -> None:
        """Fill the box with a pupil's school year (None: no pupil); nothing is saved."""
        self._loading = True
        self.info = info
        self.student_id = info.student_id if info is not None else None
        self.school_year = info.school_year if info is not None else None
        self.support_check.setChecked(bool(info and info.needs_support))
        self.interventions_edit.setPlainText(info.interventions if info else "")
        self.follow_up_edit.setPlainText(info.follow_up if info else "")
        self.further_education_edit.setPlainText(info.further_education if info else "")
        self.save_state.clear()
        set_bold(self.save_state, bold=False)
        self._loading = False
        self.support_check.setEnabled(info is not None)
        self._show_rows()

    def load(self, student_id: int, school_year: int) -> None:
        """Read the pupil's school year and show it."""
        self.show_year(self.ctx.services.message_book_years.get(student_id, school_year))

    def flush(self) -> bool:
        """Save what was typed now; False if it could not be saved (the text stays)."""
        return self._autosave.flush()

    def discard(self) -> None:
        """Forget what was typed and not saved yet."""
        self._autosave.discard()

    def holds_unsaved(self, student_id: int, school_year: int) -> bool:
        """True when text typed for this pupil's year is not stored yet (it was refused)."""
        same = (self.student_id, self.school_year) == (student_id, school_year)
        return same and self._autosave.dirty

    @property
    def further_education_shown(self) -> bool:
        return self.info is not None and self.info.further_education_applies

    # --- showing ----------------------------------------------------------------------------

    def _show_rows(self) -> None:
        further = self.further_education_shown
        ticked = self.support_check.isChecked() and self.info is not None
        self.setTitle(
            _("Interventions and thoughts on further education")
            if further
            else _("Interventions and follow-up")
        )
        self.interventions_column.setVisible(ticked)
        self.follow_up_column.setVisible(ticked)
        self.further_education_column.setVisible(further)

    # --- saving -----------------------------------------------------------------------------

    def _support_toggled(self) -> None:
        self._show_rows()
        if not self._loading and self.info is not None:
            self._autosave.touch()
            self._autosave.flush()

    def _edited(self) -> None:
        if not self._loading and self.info is not None:
            self._autosave.touch()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._autosave.dirty:
            self._autosave.flush()
        return super().eventFilter(watched, event)

    def _save(self) -> None:
        info = self.info
        if info is None:
            return
        self.info = self.ctx.services.message_book_years.update(
            info.student_id,
            info.school_year,
            needs_support=self.support_check.isChecked(),
            interventions=self.interventions_edit.toPlainText(),
            follow_up=self.follow_up_edit.toPlainText(),
            further_education=(
                self.further_education_edit.toPlainText()
                if info.further_education_applies
                else None
            ),
        )

    def _saved(self) -> None:
        self.save_state.setText(
            "✓ " + _("Saved {time}").format(time=self.ctx.services.clock().strftime("%H:%M"))
        )
        set_bold(self.save_state, bold=False)
        self.changed.emit()

    def _save_failed(self, message: str) -> None:
        self.save_state.setText("⚠ " + _("Not saved: {reason}").format(reason=message))
        set_bold(self.save_state)
