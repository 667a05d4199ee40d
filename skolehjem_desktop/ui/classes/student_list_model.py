"""The pupils of a class (or a whole school year) as a Qt list model fed plain rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from skolehjem_desktop.collation import sort_key
from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.common.table_model import Index, position_of

if TYPE_CHECKING:
    from skolehjem_desktop.services.students import StudentRow

STUDENT_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2


class StudentListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StudentRow] = []
        self._keys: list[str] = []
        self._show_class = False

    def set_rows(self, rows: list[StudentRow], *, show_class: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # The filter text and sort key are computed once, not on every keystroke.
        self._keys = [sort_key(f"{r.first_name} {r.last_name}") for r in self._rows]
        self._show_class = show_class
        self.endResetModel()

    def row_at(self, row: int) -> StudentRow:
        return self._rows[row]

    def index_of(self, student_id: int) -> QModelIndex:
        number = position_of(self._rows, student_id)
        return QModelIndex() if number is None else self.index(number, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = row.full_name
            if self._show_class and row.class_name:
                text += f"  ·  {row.class_name}"
            if row.left_on is not None:
                text += "  " + _("(left)")
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.full_name
        if role == STUDENT_ID_ROLE:
            return row.id
        if role in (SORT_ROLE, FILTER_ROLE):
            return self._keys[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and row.left_on is not None:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None
