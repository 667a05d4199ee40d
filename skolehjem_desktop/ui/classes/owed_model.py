"""The class overview as a Qt table model, fed plain rows (never a query)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from skolehjem_desktop.collation import sort_key
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.owed import OrdinaryState, OwedRow
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel

GOOD = QColor("#dcefdc")
WAITING = QColor("#fff3cd")
OWED = QColor("#f8d7da")
INK = QColor("#1b1b1b")


class OwedTableModel(RowTableModel[OwedRow]):
    """One row per pupil: what is still owed. Colour is never the only signal: text says it."""

    HEADERS: ClassVar[list[str]] = [
        N_("Pupil"),
        N_("Ordinary conversation"),
        N_("Focus points"),
        N_("Presented"),
        N_("Agreements overdue"),
        N_("Replies overdue"),
    ]
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    FILTER_ROLE = Qt.ItemDataRole.UserRole + 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == self.SORT_ROLE:
            return self._sort_key(row, column)
        if role == self.FILTER_ROLE:
            return sort_key(row.full_name)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._colour(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and self._colour(row, column) is not None:
            # The tints are light: keep their text dark in a dark palette too.
            return QBrush(INK)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and row.missing_areas:
            return _("Missing: {areas}").format(
                areas=", ".join(label(a) for a in row.missing_areas)
            )
        return None

    def _text(self, row: OwedRow, column: int) -> str:
        if column == 0:
            return row.full_name
        if column == 1:
            mark = {OrdinaryState.HELD: "✓", OrdinaryState.PLANNED: "•"}.get(row.ordinary, "✗")
            text = f"{mark} {label(row.ordinary)}"
            if row.ordinary_at is not None:
                text += "  " + date_text(row.ordinary_at.date())
            return text
        if column == 2:
            if not row.missing_areas:
                return "✓ " + _("Complete")
            return "✗ " + _("{n} of {total} areas missing").format(
                n=len(row.missing_areas), total=len(row.required_areas)
            )
        if column == 3:
            if row.presented_on is None:
                return "✗ " + _("Not presented")
            return "✓ " + date_text(row.presented_on)
        if column == 4:
            return f"✗ {row.agreements_overdue}" if row.agreements_overdue else "✓ 0"
        return f"✗ {row.replies_overdue}" if row.replies_overdue else "✓ 0"

    def _sort_key(self, row: OwedRow, column: int) -> Any:
        keys: list[Any] = [
            sort_key(row.full_name),
            [OrdinaryState.MISSING, OrdinaryState.PLANNED, OrdinaryState.HELD].index(row.ordinary),
            -len(row.missing_areas),
            row.presented_on is not None,
            -row.agreements_overdue,
            -row.replies_overdue,
        ]
        return keys[column]

    def _colour(self, row: OwedRow, column: int) -> QColor | None:
        if column == 1:
            return {OrdinaryState.HELD: GOOD, OrdinaryState.PLANNED: WAITING}.get(
                row.ordinary, OWED
            )
        if column == 2:
            return OWED if row.missing_areas else GOOD
        if column == 3:
            return GOOD if row.presented_on else OWED
        if column == 4:
            return OWED if row.agreements_overdue else None
        if column == 5:
            return OWED if row.replies_overdue else None
        return None
