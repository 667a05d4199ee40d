"""What the window's table models share: plain rows in, translated column headers out.

A model lists its columns as ``HEADERS`` (messages marked with ``N_()``, translated
when the view asks, so a change of language shows at once) and keeps its own
``data()``, roles and state; the rows, the counts and the headers live here, with
the bold font a row or a label uses to stand out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

from skolehjem_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex


class Identified(Protocol):
    """A row with a database id."""

    @property
    def id(self) -> int: ...


T = TypeVar("T")
IdentifiedT = TypeVar("IdentifiedT", bound=Identified)


def position_of(rows: Sequence[Identified], ident: int) -> int | None:
    """The number of the row with id ``ident``; None when no row has it."""
    for number, row in enumerate(rows):
        if row.id == ident:
            return number
    return None


def bold_font(font: QFont | None = None, bold: bool = True) -> QFont:
    """A copy of ``font`` (the application font when None), bold or, with ``bold=False``, not.

    For a cell that must stand out (FontRole) and, through ``set_bold``, for a label.
    """
    font = QFont() if font is None else QFont(font)
    font.setBold(bold)
    return font


def set_bold(widget: QWidget, bold: bool = True) -> None:
    """Make the widget's text bold, or plain again with ``bold=False``."""
    widget.setFont(bold_font(widget.font(), bold))


class RowTableModel(QAbstractTableModel, Generic[T]):
    """A flat table of rows of type ``T``, one column per entry of ``HEADERS``."""

    HEADERS: ClassVar[list[str]] = []

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of(self: RowTableModel[IdentifiedT], ident: int) -> int | None:
        """The row number of the row with id ``ident``; None when it is not shown."""
        return position_of(self._rows, ident)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None


def read_only_table(
    headers: Sequence[str], accessible_name: str, *, wrap: bool = False, single: bool = True
) -> QTableWidget:
    """A table to read: whole rows selected (one, if ``single``), no editing, Tab leaves it."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setAccessibleName(accessible_name)
    return table
