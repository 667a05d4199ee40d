"""The message book's item models, fed plain rows from the focus service (never a query).

:class:`FocusTreeModel` is the tree on the left of the tab: the areas the pupil's grade
requires (and any other area with a focus point, and other subjects) as parent rows,
each with its focus points as children, in the service's order. Two columns: the area
or the focus point's goal, and its status. An area without a focus point that the
grade requires is marked as missing by text and icon, never by colour alone.

:class:`PresentationListModel` lists the school year's presentations to the parents.

Each row carries its id in a custom role (``AREA_ROLE``, ``POINT_ROLE``,
``PRESENTATION_ROLE``); the tab asks the models for rows and never keeps its own copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QIcon

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus
from skolehjem_desktop.i18n import N_, _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.focus import FocusPointInfo, PresentationInfo
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import Index, bold_font

AREA_ROLE = Qt.ItemDataRole.UserRole  # an area row's FocusArea value
POINT_ROLE = Qt.ItemDataRole.UserRole + 1  # a focus point row's id
PRESENTATION_ROLE = Qt.ItemDataRole.UserRole  # a presentation row's id

STATUS_MARK = {
    FocusStatus.NOT_STARTED: "○",
    FocusStatus.IN_PROGRESS: "◐",
    FocusStatus.ACHIEVED: "✓",
    FocusStatus.DISCONTINUED: "–",
}

# The internal id of an area row; a focus point row's is its area's row number + 1.
_AREA_ID = 0


def status_text(status: FocusStatus) -> str:
    """``◐ In progress``: a mark and the word, so the status never rests on colour."""
    return f"{STATUS_MARK[status]} {label(status)}"


def point_title(point: FocusPointInfo) -> str:
    """The goal's first line, with the subject in front for an other subject."""
    goal = point.goal.splitlines()[0] if point.goal else ""
    if point.area is FocusArea.OTHER_SUBJECT and point.subject:
        return f"{point.subject}: {goal}"
    return goal


def point_tooltip(point: FocusPointInfo) -> str:
    """The whole goal, the actions and the evaluation, and whether it was carried forward."""
    tip = [point.goal]
    if point.actions:
        tip.append(_("Actions: {text}").format(text=point.actions))
    if point.evaluation:
        tip.append(_("Evaluation: {text}").format(text=point.evaluation))
    if point.carried_from_id is not None:
        tip.append(_("Carried forward from last school year."))
    return "\n".join(tip)


@dataclass(frozen=True)
class AreaRow:
    """One area of the message book and its focus points, in their order."""

    area: FocusArea
    required: bool
    points: tuple[FocusPointInfo, ...]

    @property
    def missing(self) -> bool:
        """Required by the grade and without a focus point yet."""
        return self.required and not self.points


def area_rows(required: Sequence[FocusArea], points: Iterable[FocusPointInfo]) -> list[AreaRow]:
    """The areas shown, in the order of :class:`FocusArea`: the required ones, those with a
    focus point, and other subjects (always offered)."""
    points = list(points)
    used = {p.area for p in points}
    wanted = set(required) | used | {FocusArea.OTHER_SUBJECT}
    return [
        AreaRow(area, area in required, tuple(p for p in points if p.area is area))
        for area in FocusArea
        if area in wanted
    ]


class FocusTreeModel(QAbstractItemModel):
    """Areas as parent rows, their focus points as children; two columns."""

    HEADERS: ClassVar[list[str]] = [N_("Area and focus point"), N_("Status")]
    TITLE, STATUS = range(2)

    def __init__(self, parent: QObject | None = None, warning_icon: QIcon | None = None) -> None:
        super().__init__(parent)
        self._warning_icon = warning_icon
        self._required: tuple[FocusArea, ...] = ()
        self._areas: list[AreaRow] = []

    # --- rows in ----------------------------------------------------------------------------

    def set_rows(self, required: Sequence[FocusArea], points: Iterable[FocusPointInfo]) -> None:
        """Show a message book: the areas the grade requires and the focus points, in order."""
        self.beginResetModel()
        self._required = tuple(required)
        self._areas = area_rows(self._required, points)
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing (no pupil chosen): not even the areas."""
        self.beginResetModel()
        self._required = ()
        self._areas = []
        self.endResetModel()

    def replace_point(self, point: FocusPointInfo) -> bool:
        """Show a focus point as saved now, in its place; False when it is not shown."""
        index = self.index_of_point(point.id)
        if not index.isValid():
            return False
        area_row = index.parent().row()
        row = self._areas[area_row]
        points = list(row.points)
        points[index.row()] = point
        self._areas[area_row] = dataclasses.replace(row, points=tuple(points))
        self.dataChanged.emit(index, index.siblingAtColumn(len(self.HEADERS) - 1))
        return True

    # --- rows out ---------------------------------------------------------------------------

    @property
    def required_areas(self) -> tuple[FocusArea, ...]:
        return self._required

    def area_rows(self) -> list[AreaRow]:
        return list(self._areas)

    def points(self) -> list[FocusPointInfo]:
        """Every focus point shown, area by area, each area's in its order."""
        return [p for row in self._areas for p in row.points]

    def missing_areas(self) -> list[FocusArea]:
        """The required areas without a focus point, in the order of the grade's areas."""
        used = {p.area for p in self.points()}
        return [area for area in self._required if area not in used]

    def addable_areas(self) -> list[FocusArea]:
        """The areas a new focus point may go in: the required ones, those with a focus point
        already, and other subjects."""
        wanted = {row.area for row in self._areas if row.required or row.points}
        return [a for a in FocusArea if a in wanted or a is FocusArea.OTHER_SUBJECT]

    def point_at(self, index: Index) -> FocusPointInfo | None:
        """The focus point of a row (any column); None for an area row or no row."""
        if not index.isValid() or index.internalId() == _AREA_ID:
            return None
        return self._areas[index.internalId() - 1].points[index.row()]

    def area_at(self, index: Index) -> FocusArea | None:
        """The area of an area row, or of a focus point row's area; None for no row."""
        if not index.isValid():
            return None
        number = index.row() if index.internalId() == _AREA_ID else index.internalId() - 1
        return self._areas[number].area

    def index_of_area(self, area: FocusArea) -> QModelIndex:
        """The area's row (column 0); invalid when the area is not shown."""
        for number, row in enumerate(self._areas):
            if row.area is area:
                return self.index(number, 0)
        return QModelIndex()

    def index_of_point(self, point_id: int) -> QModelIndex:
        """The focus point's row (column 0); invalid when it is not shown."""
        for number, row in enumerate(self._areas):
            for child, point in enumerate(row.points):
                if point.id == point_id:
                    return self.index(child, 0, self.index(number, 0))
        return QModelIndex()

    def sibling_ids(self, point: FocusPointInfo) -> list[int]:
        """The ids of the focus points in the point's area, in their order."""
        area = self.index_of_area(point.area)
        return [p.id for p in self._areas[area.row()].points] if area.isValid() else []

    # --- the tree ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _AREA_ID)
        return self.createIndex(row, column, parent.row() + 1)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: Index) -> QModelIndex: ...
    def parent(self, child: Index | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == _AREA_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _AREA_ID)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._areas)
        if parent.column() != 0 or parent.internalId() != _AREA_ID:
            return 0
        return len(self._areas[parent.row()].points)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _AREA_ID:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        point = self.point_at(index)
        if point is not None:
            return self._point_data(point, index.column(), role)
        return self._area_data(self._areas[index.row()], index.column(), role)

    def _area_data(self, row: AreaRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return label(row.area) if column == self.TITLE else self._area_status(row)
        if role == Qt.ItemDataRole.FontRole and (column == self.TITLE or row.missing):
            return bold_font()
        if role == AREA_ROLE:
            return row.area.value
        if not row.missing or column != self.TITLE:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._warning_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("The message book must have a focus point in {area}.").format(
                area=label(row.area)
            )
        return None

    @staticmethod
    def _area_status(row: AreaRow) -> str:
        if row.points:
            n = len(row.points)
            return ngettext("{n} focus point", "{n} focus points", n).format(n=n)
        if row.missing:
            return "✗ " + _("Missing: no focus point yet")
        return _("Optional")

    def _point_data(self, point: FocusPointInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return point_title(point) if column == self.TITLE else status_text(point.status)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return point_tooltip(point)
        if role == POINT_ROLE:
            return point.id
        return None


class PresentationListModel(QAbstractListModel):
    """The school year's presentations to the parents, oldest first: date, how, note."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PresentationInfo] = []

    def set_rows(self, rows: Iterable[PresentationInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PresentationInfo]:
        return list(self._rows)

    def row_at(self, row: int) -> PresentationInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{date_text(row.presented_on)} – {label(row.via)}"
            return f"{text} – {row.note}" if row.note else text
        if role == PRESENTATION_ROLE:
            return row.id
        return None
