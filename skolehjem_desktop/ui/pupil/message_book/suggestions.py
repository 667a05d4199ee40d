"""The colleagues' suggestions for focus points, offered on the message book tab.

Each suggested focus point a subject teacher wrote on their sheet (one a line) is a
row of a short list, with who suggested it; "Use as focus point…" opens the new focus
point dialog with the suggestion as its goal, in the area its subject points to. The
list is private to the school (the suggestion becomes the parents' only when the teacher
makes a focus point of it) and hidden while there are none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.colleague_input import ColleagueInputInfo
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.conversation.colleague_box import who_and_when

# Subjects (as colleagues write them, case-folded) that are an area of their own.
_AREAS = {
    FocusArea.DANISH: {"dansk", "danish"},
    FocusArea.MATHS: {"matematik", "mat", "maths", "math", "mathematics"},
}


@dataclass(frozen=True)
class Suggestion:
    """A suggested focus point: its text, and the subject and colleague it came from."""

    text: str
    subject: str
    source: str  # "Bo Lund, Matematik, 04.12.2026"

    def area_in(self, areas: Sequence[FocusArea]) -> FocusArea | None:
        """The area the subject points to, if the pupil's message book has it."""
        subject = self.subject.strip().casefold()
        for area, names in _AREAS.items():
            if subject in names and area in areas:
                return area
        if subject and FocusArea.OTHER_SUBJECT in areas:
            return FocusArea.OTHER_SUBJECT
        return None


def suggestions_of(items: Sequence[ColleagueInputInfo]) -> list[Suggestion]:
    return [
        Suggestion(line, item.subject, who_and_when(item))
        for item in items
        for line in item.suggestions
    ]


class SuggestionsBox(QWidget):
    """A caption, the suggestions, and the button that makes a focus point of one."""

    use = Signal(object)  # the Suggestion chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        caption = QLabel(_("Suggestions from colleagues"))
        set_bold(caption)
        hint = QLabel(_("(not shared with the parents)"))
        italic = hint.font()
        italic.setItalic(True)
        hint.setFont(italic)
        self.list_view = QListWidget()
        self.list_view.setAccessibleName(_("Suggestions from colleagues"))
        self.list_view.setAlternatingRowColors(True)
        rows = 3
        self.list_view.setMaximumHeight(self.list_view.sizeHintForRow(0) * rows + 8 or 70)
        self.use_button = QPushButton(_("Use as focus point…"))
        self.use_button.setToolTip(
            _("Make a focus point of the chosen suggestion (you can change it first).")
        )
        self.use_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(hint, 1)
        top.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list_view)
        self.list_view.currentRowChanged.connect(lambda row: self.use_button.setEnabled(row >= 0))
        self.list_view.itemActivated.connect(lambda _item: self._use())
        self.use_button.clicked.connect(self._use)
        self.setVisible(False)

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.list_view.clear()
        for suggestion in suggestions:
            item = QListWidgetItem(f"{suggestion.text}  — {suggestion.source}")
            item.setData(Qt.ItemDataRole.UserRole, suggestion)
            item.setToolTip(suggestion.text)
            self.list_view.addItem(item)
        height = self.list_view.sizeHintForRow(0) if suggestions else 0
        self.list_view.setFixedHeight(height * min(3, max(1, len(suggestions))) + 6)
        self.use_button.setEnabled(False)
        self.setVisible(bool(suggestions))

    def load(self, items: Sequence[ColleagueInputInfo]) -> None:
        self.show_suggestions(suggestions_of(items))

    def current(self) -> Suggestion | None:
        item = self.list_view.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, Suggestion) else None

    def _use(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.use.emit(chosen)

    def fields(self) -> list[QWidget]:
        return [self.list_view, self.use_button]
