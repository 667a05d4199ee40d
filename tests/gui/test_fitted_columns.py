"""Columns as wide as their contents, narrowed to fit the table (the class overview at
1366×768 hid its last column behind a scroll bar)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from skolehjem_desktop.ui.common.fitted_columns import MIN_WIDTH, FittedColumns, capped


def test_capped_leaves_what_fits_and_narrows_the_widest_first() -> None:
    assert capped([100, 200, 50], 400, frozenset({0})) == [100, 200, 50]
    # 100 kept; the others share the remaining 200 under one cap: 150 and 50
    assert capped([100, 300, 50], 300, frozenset({0})) == [100, 150, 50]
    assert capped([100, 300, 300], 100, frozenset({0})) == [100, MIN_WIDTH, MIN_WIDTH]


def test_a_table_keeps_every_column_in_sight(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = QStandardItemModel(3, 5)
    for row in range(3):
        model.setItem(row, 0, QStandardItem(f"Søren Ærø {row}"))
        for column in range(1, 5):
            model.setItem(row, column, QStandardItem("✗ 1 overskredet · ◷ 1 med frist snart"))
    table = QTableView()
    table.setModel(model)
    fitted = FittedColumns(table)
    qtbot.addWidget(table)
    table.resize(600, 300)
    table.show()
    qtbot.waitExposed(table)
    fitted.fit()
    header = table.horizontalHeader()
    name = header.sectionSize(0)
    assert name >= table.sizeHintForColumn(0)  # the pupil's name is never narrowed
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())
    table.resize(1600, 300)
    qtbot.waitUntil(lambda: header.sectionSize(1) >= table.sizeHintForColumn(1))
