"""The main window: school year and classes on the left, the class overview on the right.

This is the foundation's window: it shows what is owed per pupil of a class. The
pupil page, the editors and the rest of the teacher's workflows come on top of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop import APP_NAME, __version__
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.classes import ClassInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.owed_model import OwedTableModel

CLASS_ID_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        school = services.school.school_name()
        self.setWindowTitle(f"{APP_NAME} – {school}" if school else APP_NAME)
        self.resize(1100, 700)

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(_("School year"))
        self.class_list = QListWidget()
        self.class_list.setAccessibleName(_("Classes"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(_("School year")))
        left_layout.addWidget(self.year_combo)
        left_layout.addWidget(QLabel(_("Classes")))
        left_layout.addWidget(self.class_list, 1)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Find a pupil…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.model = OwedTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(OwedTableModel.SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.filter_edit)
        right_layout.addWidget(self.table, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 880])
        self.setCentralWidget(splitter)
        self._build_menus()

        self.year_combo.currentIndexChanged.connect(self._load_classes)
        self.class_list.currentItemChanged.connect(self._show_class)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self._load_years()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        find_action = QAction(_("&Find pupil"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.filter_edit.setFocus)
        self.addAction(find_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About Skolehjem"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _load_years(self) -> None:
        current = self.services.classes.current_year()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in self.services.classes.school_years():
            self.year_combo.addItem(SchoolYear(year).label, year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(current)))
        self.year_combo.blockSignals(False)
        self._load_classes()

    def _load_classes(self) -> None:
        year = self.year_combo.currentData()
        classes = self.services.classes.all(school_year=year)
        self.class_list.clear()
        for info in classes:
            item = QListWidgetItem(self._class_text(info))
            item.setData(CLASS_ID_ROLE, info.id)
            self.class_list.addItem(item)
        if classes:
            self.class_list.setCurrentRow(0)
        else:
            self.model.set_rows([])
            self.heading.setText(_("No classes in this school year yet."))

    @staticmethod
    def _class_text(info: ClassInfo) -> str:
        teachers = ", ".join(info.contact_teachers)
        mine = "★ " if info.is_mine else ""
        return f"{mine}{info.name}  ({teachers})" if teachers else f"{mine}{info.name}"

    def _show_class(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        class_id = int(item.data(CLASS_ID_ROLE))
        rows = self.services.owed.for_class(class_id)
        self.model.set_rows(rows)
        info = self.services.classes.get(class_id)
        self.heading.setText(
            _("{name} {year}: what is owed").format(name=info.name, year=info.year_label)
        )
        done = sum(r.complete for r in rows)
        self.statusBar().showMessage(
            ngettext(
                "{done} of {n} pupil has nothing owed.",
                "{done} of {n} pupils have nothing owed.",
                len(rows),
            ).format(done=done, n=len(rows))
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About Skolehjem"),
            _(
                "Skolehjem {version}\nSchool–home cooperation for contact teachers.\n\nData: {path}"
            ).format(version=__version__, path=self.services.db.data_dir),
        )

    def closeEvent(self, event: object) -> None:
        self.services.db.close()
        super().closeEvent(event)  # type: ignore[arg-type]
