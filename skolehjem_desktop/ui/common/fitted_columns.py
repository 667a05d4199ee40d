"""A table's columns as wide as their contents, narrowed to fit the table when they do not.

With ``ResizeToContents`` a wide cell pushes the last columns out of sight behind a
horizontal scroll bar (at 1366×768 the class overview lost its last column). Here each
column gets its contents' width; if together they are wider than the table, the widest
columns (never the ``keep`` ones, e.g. the pupil's name) are narrowed to a common cap,
their text elided, until everything fits. The cells' tooltips give the whole text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

MIN_WIDTH = 72


def capped(widths: Sequence[int], room: int, keep: frozenset[int]) -> list[int]:
    """``widths`` with the columns not in ``keep`` narrowed to one cap so that they fit in
    ``room`` (never below ``MIN_WIDTH`` nor below the width they need less than that)."""
    if sum(widths) <= room:
        return list(widths)
    fixed = sum(w for c, w in enumerate(widths) if c in keep)
    shrinkable = [w for c, w in enumerate(widths) if c not in keep]
    low, high = MIN_WIDTH, max(shrinkable, default=MIN_WIDTH)
    while low < high:  # the widest cap that still fits
        cap = (low + high + 1) // 2
        if fixed + sum(min(w, cap) for w in shrinkable) <= room:
            low = cap
        else:
            high = cap - 1
    return [w if c in keep else min(w, low) for c, w in enumerate(widths)]


class FittedColumns(QObject):
    """Keeps ``table``'s columns fitted; refits when its model or its size changes."""

    def __init__(self, table: QTableView, keep: Sequence[int] = (0,)) -> None:
        super().__init__(table)
        self._table = table
        self._keep = frozenset(keep)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        model = table.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self._timer.start)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        table, header = self._table, self._table.horizontalHeader()
        count = header.count()
        if not count:
            return
        wanted = [max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)]
        for column, width in enumerate(capped(wanted, table.viewport().width(), self._keep)):
            header.resizeSection(column, width)
