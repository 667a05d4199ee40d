"""The main window: school year, classes and pupils on the left; the class overview or
the pupil page on the right; menus, a toolbar and a status bar that says what happened.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QProcess,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QTime,
)
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop import APP_NAME, __version__
from skolehjem_desktop.errors import NotFoundError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.classes import ClassInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui import actions, printing
from skolehjem_desktop.ui.context import UiContext
from skolehjem_desktop.ui.owed_model import OwedTableModel
from skolehjem_desktop.ui.pupil_page import PupilPage
from skolehjem_desktop.ui.student_list_model import FILTER_ROLE, STUDENT_ID_ROLE, StudentListModel

CLASS_ID_ROLE = Qt.ItemDataRole.UserRole


def _bold_heading(label: QLabel, scale: float = 1.3) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.services = ctx.services
        self.settings = settings if settings is not None else QSettings()
        self.actions_by_name: dict[str, QAction] = {}
        self.idle_lock: object | None = None  # set by app.run_gui for a protected folder
        self.setObjectName("MainWindow")
        school = self.services.school.school_name()
        self.setWindowTitle(f"{APP_NAME} – {school}" if school else APP_NAME)
        self.resize(1280, 760)
        self._build_left()
        self._build_right()
        self.splitter = QSplitter()
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1020])
        self.setCentralWidget(self.splitter)
        actions.build(self)
        printing.clean_previews(self.services.db.data_dir)
        self._connect()
        self._load_years()
        self._restore()

    # --- building ---------------------------------------------------------------------------

    def _build_left(self) -> None:
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

        self.left = QWidget()
        layout = QVBoxLayout(self.left)
        layout.addWidget(year_label)
        layout.addWidget(self.year_combo)
        layout.addWidget(classes_label)
        layout.addWidget(self.class_list, 2)
        layout.addWidget(self.overview_button)
        layout.addWidget(pupils_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.all_classes)
        layout.addWidget(self.student_list, 3)

    def _build_right(self) -> None:
        self.heading = _bold_heading(QLabel())
        self.summary = QLabel()
        self.model = OwedTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(OwedTableModel.SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(OwedTableModel.FILTER_ROLE)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        overview_layout.addLayout(top)
        overview_layout.addWidget(self.summary)
        overview_layout.addWidget(self.table, 1)
        hint = QLabel(_("Double-click a pupil, or press Enter, to open the pupil's page."))
        hint.setEnabled(False)
        overview_layout.addWidget(hint)

        self.pupil_page = PupilPage(self.ctx)
        self.stack = QStackedWidget()
        self.stack.addWidget(overview)
        self.stack.addWidget(self.pupil_page)

    def _connect(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.class_list.currentItemChanged.connect(self._class_chosen)
        self.overview_button.clicked.connect(self.show_overview)
        self.filter_edit.textChanged.connect(self._filter)
        self.all_classes.toggled.connect(self._load_students)
        self.student_list.selectionModel().currentChanged.connect(self._student_chosen)
        self.table.doubleClicked.connect(self._open_from_overview)
        self.table.activated.connect(self._open_from_overview)
        self.pupil_page.changed.connect(self.record_saved)

    # --- state --------------------------------------------------------------------------------

    @property
    def school_year(self) -> int:
        year = self.year_combo.currentData()
        return int(year) if year is not None else self.services.classes.current_year()

    @property
    def class_id(self) -> int | None:
        item = self.class_list.currentItem()
        return int(item.data(CLASS_ID_ROLE)) if item is not None else None

    @property
    def student_id(self) -> int | None:
        return self.pupil_page.student_id if self.stack.currentWidget() is self.pupil_page else None

    def _load_years(self, select: int | None = None) -> None:
        wanted = select if select is not None else self.services.classes.current_year()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in self.services.classes.school_years():
            self.year_combo.addItem(SchoolYear(year).label, year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)
        self._load_classes()

    def _year_chosen(self) -> None:
        if not self.can_leave():
            self.year_combo.blockSignals(True)
            self.year_combo.setCurrentIndex(self.year_combo.findData(self._shown_year))
            self.year_combo.blockSignals(False)
            return
        self._load_classes()

    def _load_classes(self, _index: int = 0, select: int | None = None) -> None:
        self._shown_year = self.school_year
        wanted = select if select is not None else self.class_id
        classes = self.services.classes.all(school_year=self.school_year)
        self.class_list.blockSignals(True)
        self.class_list.clear()
        for info in classes:
            item = QListWidgetItem(self._class_text(info))
            item.setData(CLASS_ID_ROLE, info.id)
            item.setToolTip(
                _("Contact teachers: {names}").format(names=", ".join(info.contact_teachers))
            )
            self.class_list.addItem(item)
        row = next((i for i, c in enumerate(classes) if c.id == wanted), 0)
        self.class_list.blockSignals(False)
        if classes:
            self.class_list.setCurrentRow(row)
            self._class_chosen(self.class_list.currentItem())
        else:
            self.model.set_rows([])
            self.student_model.set_rows([])
            self.heading.setText(_("No classes in this school year yet."))
            self.summary.setText(
                _("Create a class from the Class menu, or import a class list from the File menu.")
            )
            self.stack.setCurrentIndex(0)

    @staticmethod
    def _class_text(info: ClassInfo) -> str:
        teachers = ", ".join(info.contact_teachers)
        mine = "★ " if info.is_mine else ""
        return f"{mine}{info.name}  ({teachers})" if teachers else f"{mine}{info.name}"

    def _class_chosen(
        self, item: QListWidgetItem | None, previous: QListWidgetItem | None = None
    ) -> None:
        if item is None:
            return
        if not self.can_leave():
            if previous is not None:
                self.class_list.blockSignals(True)
                self.class_list.setCurrentItem(previous)
                self.class_list.blockSignals(False)
            return
        self.refresh_overview()
        self._load_students()
        self.show_overview()

    def refresh_overview(self) -> None:
        """Reload what is owed for the class (after a change anywhere)."""
        class_id = self.class_id
        if class_id is None:
            return
        rows = self.services.owed.for_class(class_id)
        self.model.set_rows(rows)
        info = self.services.classes.get(class_id)
        self.heading.setText(
            _("{name} {year}: what is owed").format(name=info.name, year=info.year_label)
        )
        done = sum(r.complete for r in rows)
        self.summary.setText(
            ngettext(
                "{done} of {n} pupil has nothing owed.",
                "{done} of {n} pupils have nothing owed.",
                len(rows),
            ).format(done=done, n=len(rows))
        )

    def _load_students(self) -> None:
        if self.all_classes.isChecked():
            rows = self.services.students.all(school_year=self.school_year)
        elif self.class_id is not None:
            rows = self.services.students.all(class_id=self.class_id)
        else:
            rows = []
        self.student_model.set_rows(rows, show_class=self.all_classes.isChecked())

    def _filter(self, text: str) -> None:
        from skolehjem_desktop.collation import sort_key

        key = sort_key(text.strip())
        self.student_proxy.setFilterFixedString(key)
        self.proxy.setFilterFixedString(key)

    def _student_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_student(int(current.data(STUDENT_ID_ROLE)))

    def _open_from_overview(self, index: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        self.open_student(row.student_id)

    def can_leave(self) -> bool:
        """Save what is being typed; if that is refused, stay on it and say why.

        Nothing the teacher typed is ever dropped: a refused text (too long, a goal
        left empty) keeps the teacher on the pupil page until it is corrected.
        """
        if self.pupil_page.flush():
            return True
        self.stack.setCurrentWidget(self.pupil_page)
        self._select_in_list(self.pupil_page.student_id)
        self.ctx.dialogs.error(
            self,
            _(
                "Some of what you typed could not be saved. It is still in its field, "
                "marked in red: correct or shorten it, then go on."
            ),
        )
        return False

    def _select_in_list(self, student_id: int | None) -> None:
        if student_id is None:
            return
        source = self.student_model.index_of(student_id)
        if not source.isValid():
            return
        proxy_index = self.student_proxy.mapFromSource(source)
        if proxy_index != self.student_list.currentIndex():
            self.student_list.blockSignals(True)
            self.student_list.selectionModel().blockSignals(True)
            self.student_list.setCurrentIndex(proxy_index)
            self.student_list.selectionModel().blockSignals(False)
            self.student_list.blockSignals(False)

    def open_student(self, student_id: int) -> bool:
        """Show a pupil's page; False when pending text could not be saved first."""
        if not self.can_leave():
            return False
        self.pupil_page.set_student(student_id, self.school_year)
        self.stack.setCurrentWidget(self.pupil_page)
        self._select_in_list(student_id)
        self.settings.setValue("last_student", student_id)
        return True

    def show_overview(self) -> None:
        if not self.can_leave():
            return
        self.refresh_overview()
        self.stack.setCurrentIndex(0)
        self.student_list.selectionModel().clearCurrentIndex()

    def record_saved(self) -> None:
        """A tab saved something: say so, and keep the overview true."""
        self.statusBar().showMessage(
            _("Saved {time}").format(time=QTime.currentTime().toString("HH:mm"))
        )
        self.refresh_overview()

    def reload(self, *, class_id: int | None = None, year: int | None = None) -> None:
        """Reload years, classes and pupils after a structural change (a dialog)."""
        if not self.can_leave():
            return
        keep_student = self.student_id
        self._load_years(select=year if year is not None else self.school_year)
        if class_id is not None:
            self._load_classes(select=class_id)
        if keep_student is not None:
            try:
                self.open_student(keep_student)
            except NotFoundError:  # the pupil was deleted
                self.show_overview()

    # --- settings -----------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last_class = self.settings.value("last_class")
        if last_class is not None:
            for row in range(self.class_list.count()):
                if str(self.class_list.item(row).data(CLASS_ID_ROLE)) == str(last_class):
                    self.class_list.setCurrentRow(row)
        last_student = self.settings.value("last_student")
        if last_student is not None and self.class_id is not None:
            known = {r.id for r in self.services.students.all(class_id=self.class_id)}
            if int(str(last_student)) in known:
                self.open_student(int(str(last_student)))

    def _save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("splitter", self.splitter.saveState())
        if self.class_id is not None:
            self.settings.setValue("last_class", self.class_id)
        if self.student_id is None:
            self.settings.remove("last_student")
        self.settings.sync()

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About Skolehjem"),
            _(
                "Skolehjem {version}\nSchool–home cooperation for contact teachers.\n\nData: {path}"
            ).format(version=__version__, path=self.services.db.data_dir),
        )

    def restart(self) -> bool:
        """Close (saving everything) and start the program again on the same data."""
        data_dir = str(self.services.db.data_dir)
        if not self.close():
            return False
        QProcess.startDetached(sys.executable, ["-m", "skolehjem_desktop", "--data-dir", data_dir])
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.can_leave():
            # Something could not be saved: the teacher sees why and the window stays.
            event.ignore()
            return
        self._save_settings()
        self.services.db.close()
        super().closeEvent(event)

    # used by actions.build
    def toolbar(self) -> QToolBar:
        bar = self.addToolBar(_("Main"))
        bar.setObjectName("MainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return bar
