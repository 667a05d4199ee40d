"""The class-level items on the class overview: parent meeting, parent council, contact parent.

Built with the window's frame, before the data is open, so this module imports nothing
heavy (no SQLAlchemy): the items arrive later as plain data from ``services.owed``.
Each line has a sign and words (✓ done, • due, ✗ overdue); the tint only repeats them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from skolehjem_desktop.services.owed import ClassOwedItem

STATE_COLOURS = {"done": "#dcefdc", "due": "#fff3cd", "overdue": "#f8d7da"}
INK = "#1b1b1b"


class ClassItemsPanel(QFrame):
    """What is owed for the class as a whole, one line each, and a way to its records."""

    open_records = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClassItemsPanel")
        self.lines: list[QLabel] = []
        column = QVBoxLayout()
        column.setSpacing(2)
        column.setContentsMargins(0, 0, 0, 0)
        for _n in range(3):
            line = QLabel()
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setContentsMargins(6, 1, 6, 1)
            line.hide()
            column.addWidget(line, 0, Qt.AlignmentFlag.AlignLeft)
            self.lines.append(line)
        self.button = QPushButton(_("Class &records…"))
        self.button.setObjectName("class_records_button")
        self.button.setToolTip(_("Parent meetings and the class parent council"))
        self.button.clicked.connect(self.open_records)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.addLayout(column, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(_("What is owed for the class"))

    def show_items(self, items: Sequence[ClassOwedItem]) -> None:
        from skolehjem_desktop.services.owed import class_item_text
        from skolehjem_desktop.ui.common.formatting import date_text

        for line, item in zip(self.lines, items, strict=False):
            line.setText(class_item_text(item, date_text))
            line.setStyleSheet(
                f"background: {STATE_COLOURS[item.state.value]}; color: {INK}; border-radius: 3px;"
            )
            line.setProperty("state", item.state.value)
            line.show()
        for line in self.lines[len(items) :]:
            line.hide()

    def texts(self) -> list[str]:
        return [line.text() for line in self.lines if not line.isHidden()]
