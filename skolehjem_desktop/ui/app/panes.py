"""The two sides of the main window: the lists on the left, the class overview on the right.

Built before the data is open (before SQLAlchemy is imported): nothing here may import
the services or the store at its top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.classes.student_list_model import FILTER_ROLE, StudentListModel
from skolehjem_desktop.ui.common.fitted_columns import FittedColumns

if TYPE_CHECKING:
    from skolehjem_desktop.services.classes import ClassInfo


def bold_heading(label: QLabel, scale: float = 1.3) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def class_text(info: ClassInfo) -> str:
    """How a class is listed: ★ for the teacher's own, then its contact teachers."""
    teachers = ", ".join(info.contact_teachers)
    mine = "★ " if info.is_mine else ""
    return f"{mine}{info.name}  ({teachers})" if teachers else f"{mine}{info.name}"


class ListsPane(QWidget):
    """The school year, the classes, the class overview button and the pupils with a filter."""

    def __init__(self) -> None:
        super().__init__()
        self.year_combo = QComboBox()
        year_label = QLabel(_("School &year"))
        year_label.setBuddy(self.year_combo)
        self.class_list = QListWidget()
        self.class_list.setAccessibleName(_("Classes"))
        classes_label = QLabel(_("C&lasses"))
        classes_label.setBuddy(self.class_list)
        self.overview_button = QPushButton(_("Class &overview"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Find a pupil…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Find a pupil"))
        self.all_classes = QCheckBox(_("Search &all classes"))
        self.student_model = StudentListModel(self)
        self.student_proxy = QSortFilterProxyModel(self)
        self.student_proxy.setSourceModel(self.student_model)
        self.student_proxy.setFilterRole(FILTER_ROLE)
        self.student_proxy.setSortRole(FILTER_ROLE)
        self.student_proxy.sort(0)
        self.student_list = QListView()
        self.student_list.setModel(self.student_proxy)
        self.student_list.setAccessibleName(_("Pupils"))
        self.student_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        pupils_label = QLabel(_("P&upils"))
        pupils_label.setBuddy(self.student_list)

        layout = QVBoxLayout(self)
        layout.addWidget(year_label)
        layout.addWidget(self.year_combo)
        layout.addWidget(classes_label)
        layout.addWidget(self.class_list, 2)
        layout.addWidget(self.overview_button)
        layout.addWidget(pupils_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.all_classes)
        layout.addWidget(self.student_list, 3)


class OverviewPane(QWidget):
    """What is owed in the class: a heading, a summary, the class items and the table."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = bold_heading(QLabel())
        self.summary = QLabel()
        self.proxy = QSortFilterProxyModel(self)  # its source model comes with attach()
        self.proxy.setFilterKeyColumn(0)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(_("Class overview"))
        self.table.verticalHeader().setVisible(False)
        self.fitted_columns = FittedColumns(self.table)
        overview_layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        overview_layout.addLayout(top)
        overview_layout.addWidget(self.summary)
        # NB: this runs before the first paint, before SQLAlchemy (see app.open_window):
        # the panel's module must not import services or the store at its top.
        from skolehjem_desktop.ui.classes.class_items import ClassItemsPanel

        self.class_items = ClassItemsPanel()  # the class-level items; actions.py connects it
        overview_layout.addWidget(self.class_items)
        overview_layout.addWidget(self.table, 1)
        hint = QLabel(_("Double-click a pupil, or press Enter, to open the pupil's page."))
        hint.setEnabled(False)
        overview_layout.addWidget(hint)
