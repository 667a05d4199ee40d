"""The main window: school year, classes and pupils on the left; the class overview or
the pupil page on the right; menus, a toolbar and a status bar that says what happened.

The window is built in two steps so that it is on the screen at once: ``MainWindow(None)``
is its frame (menus and lists as they will be, disabled, saying "Opening…"), which needs
neither SQLAlchemy nor the database; :meth:`MainWindow.attach` then gives it the open
data and fills it. ``MainWindow(ctx)`` does both at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QProcess,
    QSettings,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from skolehjem_desktop import APP_NAME
from skolehjem_desktop.errors import NotFoundError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.counts import owed_summary
from skolehjem_desktop.ui.app import actions, chosen, menus, sheet_drop, window_settings
from skolehjem_desktop.ui.app.panes import ListsPane, OverviewPane, class_text
from skolehjem_desktop.ui.app.search_keys import SearchKeys
from skolehjem_desktop.ui.app.window_settings import CLASS_ID_ROLE, LANGUAGE_KEY
from skolehjem_desktop.ui.classes.student_list_model import STUDENT_ID_ROLE

if TYPE_CHECKING:
    # Only types: the frame of the window is shown before SQLAlchemy is imported.
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.ui.classes.owed_model import OwedTableModel
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.pupil.pupil_page import PupilPage

__all__ = ["LANGUAGE_KEY", "MainWindow"]


class MainWindow(QMainWindow):
    """The window; it is the :class:`~skolehjem_desktop.ui.common.host.Host` of its actions."""

    ready = Signal()  # the data is open and the lists are filled (after attach)
    selection_changed = Signal()  # another school year, class or pupil was chosen

    ctx: UiContext
    services: Services
    model: OwedTableModel

    def __init__(self, ctx: UiContext | None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.actions_by_name: dict[str, QAction] = {}
        self.idle_lock: object | None = None  # set by app.run_gui for a protected folder
        self.attached = False
        self._toolbar: QToolBar | None = None
        self._on_painted: Callable[[], None] | None = None
        self._pupil_page: PupilPage | None = None
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self._build_panes()
        self.splitter = QSplitter()
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1020])
        self.setCentralWidget(self.splitter)
        self._build_frame_bars()
        self._restore_geometry()
        sheet_drop.install(self, self)  # a filled-in sheet dropped on the window is read
        if ctx is not None:
            self.attach(ctx)

    def _build_frame_bars(self) -> None:
        """The menus and toolbar as they will be, disabled until the data is open."""
        menus.build_frame(self.menuBar(), self.toolbar())
        self.heading.setText(_("Opening…"))
        self.stack.setEnabled(False)  # nothing on the right acts before the data is open

    def when_painted(self, work: Callable[[], None]) -> None:
        """Run ``work`` on the event-loop turn after the window is first on the screen."""
        self._on_painted = work

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        work, self._on_painted = self._on_painted, None
        if work is not None:
            QTimer.singleShot(0, work)

    def attach(self, ctx: UiContext) -> None:
        """Give the frame its data: the real menus, the lists filled, the last pupil shown."""
        from skolehjem_desktop.ui.classes.owed_model import OwedTableModel

        self.ctx = ctx
        self.services = ctx.services
        school = self.services.school.school_name()
        self.setWindowTitle(f"{APP_NAME} – {school}" if school else APP_NAME)
        self.model = OwedTableModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(OwedTableModel.SORT_ROLE)
        self.proxy.setFilterRole(OwedTableModel.FILTER_ROLE)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.menuBar().clear()
        self.toolbar().clear()
        self.actions_by_name = menus.build(self, self.toolbar())
        self._connect()
        self.stack.setEnabled(True)
        self.heading.clear()
        self._load_years()
        self._restore()
        if self.filter_edit.text():  # typed while the data was opening
            self._filter(self.filter_edit.text())
        self._remember_for_frame()
        self.attached = True
        self.ready.emit()
        # What can wait until the teacher sees the data: the day's rolling backup
        # (open_database(defer_backup=True)) and old print previews.
        QTimer.singleShot(0, self._after_open)

    def _after_open(self) -> None:
        from skolehjem_desktop.ui.app.after_open import after_open

        after_open(self, self.services, self.ctx.dialogs)

    # --- building ---------------------------------------------------------------------------

    def _build_panes(self) -> None:
        left = self.left = ListsPane()
        self.year_combo, self.class_list = left.year_combo, left.class_list
        self.overview_button, self.filter_edit = left.overview_button, left.filter_edit
        self.all_classes, self.student_list = left.all_classes, left.student_list
        self.student_model, self.student_proxy = left.student_model, left.student_proxy
        overview = OverviewPane()
        self.heading, self.summary = overview.heading, overview.summary
        self.proxy, self.table, self.class_items = (
            overview.proxy,
            overview.table,
            overview.class_items,
        )
        self.stack = QStackedWidget()  # the pupil page is added by attach()
        self.stack.addWidget(overview)
        self.search = SearchKeys(
            self.filter_edit,
            self.student_list,
            open_index=lambda index: self._student_chosen(index, index),
            fallback=self._page_focus,
        )

    def _connect(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.class_list.currentItemChanged.connect(self._class_chosen)
        self.overview_button.clicked.connect(self.show_overview)
        self.filter_edit.textChanged.connect(self._filter)
        self.all_classes.toggled.connect(self._load_students)
        self.student_list.selectionModel().currentChanged.connect(self._student_chosen)
        self.table.activated.connect(self._open_from_overview)  # a double click, Enter
        self.class_items.open_records.connect(lambda: actions.class_records(self))

    # --- state --------------------------------------------------------------------------------

    @property
    def pupil_page(self) -> PupilPage:
        """The pupil's page, built when first needed (it is not needed to show a class)."""
        if self._pupil_page is None:
            from skolehjem_desktop.ui.pupil.pupil_page import PupilPage

            self._pupil_page = PupilPage(self.ctx)
            self._pupil_page.changed.connect(self.record_saved)
            self.stack.addWidget(self._pupil_page)
        return self._pupil_page

    @property
    def school_year(self) -> int:
        year = self.year_combo.currentData()
        return int(year) if year is not None else self.services.classes.current_year()

    @property
    def class_id(self) -> int | None:
        item = self.class_list.currentItem()
        return int(item.data(CLASS_ID_ROLE)) if item is not None else None

    @property
    def shown_student_id(self) -> int | None:
        """The pupil whose page is shown, if one is."""
        page = self._pupil_page
        return page.student_id if page is not None and self.stack.currentWidget() is page else None

    @property
    def student_id(self) -> int | None:
        """The pupil shown, or on the class overview the one highlighted there."""
        shown = self.shown_student_id
        if shown is not None or not self.attached or self.stack.currentIndex() != 0:
            return shown
        return chosen.highlighted_student(self)

    @property
    def conversation_id(self) -> int | None:
        """The conversation open in the pupil page's editor; on the overview the one
        the page would open for the pupil highlighted."""
        if self.shown_student_id is not None:
            return self.pupil_page.conversations.editor.conversation_id
        student_id = self.student_id
        return chosen.conversation_of(self, student_id) if student_id is not None else None

    @property
    def message_book_year(self) -> int:
        if self.shown_student_id is None:
            return self.school_year
        return self.pupil_page.message_book.school_year

    # --- what the actions ask of the window (ui.common.host.Host) ------------------------------

    def widget(self) -> QMainWindow:
        return self

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text)

    def replace_services(self, services: Services) -> None:
        self.ctx.services = services
        self.services = services
        self.stack.setCurrentIndex(0)  # a pupil id may mean someone else now
        school = services.school.school_name()
        self.setWindowTitle(f"{APP_NAME} – {school}" if school else APP_NAME)
        self.reload()

    def _page_focus(self) -> QWidget:
        """Where the keys go on the page shown: the overview's table or the pupil's tabs."""
        page = self._pupil_page
        return page.tabs if page is not None and self.stack.currentWidget() is page else self.table

    def focus_search(self) -> None:
        self.search.remember_focus()
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def start_new_conversation(self) -> None:
        self.pupil_page.tabs.setCurrentWidget(self.pupil_page.conversations)
        self.pupil_page.conversations.new_conversation()

    def start_held_conversation(self) -> None:
        self.pupil_page.tabs.setCurrentWidget(self.pupil_page.conversations)
        self.pupil_page.conversations.record_held_today()

    def refresh_contacts(self, student_id: int) -> None:
        self.pupil_page.contacts.set_student(student_id, self.school_year)

    # --- the lists ---------------------------------------------------------------------------

    def _load_years(self, select: int | None = None) -> None:
        from skolehjem_desktop.services.schoolyear import SchoolYear

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
            item = QListWidgetItem(class_text(info))
            item.setData(CLASS_ID_ROLE, info.id)
            item.setToolTip(
                _("Contact teachers: {names}").format(names=", ".join(info.contact_teachers))
            )
            self.class_list.addItem(item)
        row = next((i for i, c in enumerate(classes) if c.id == wanted), 0)
        if classes:
            self.class_list.setCurrentRow(row)
        self.class_list.blockSignals(False)
        if classes:
            self._class_chosen(self.class_list.currentItem())
        else:
            self.model.set_rows([])
            self.student_model.set_rows([])
            self.heading.setText(_("No classes in this school year yet."))
            self.summary.setText(
                _("Create a class from the Class menu, or import a class list from the File menu.")
            )
            self.stack.setCurrentIndex(0)
            self.selection_changed.emit()  # no class is chosen now

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
        self._load_students()
        self.show_overview()  # which refreshes what is owed
        self.selection_changed.emit()

    def refresh_overview(self) -> None:
        """Reload what is owed for the class (after a change anywhere)."""
        class_id = self.class_id
        if class_id is None:
            return
        rows = self.services.owed.for_class(class_id)
        self.model.set_rows(rows)
        self.class_items.show_items(self.services.owed.for_class_records(class_id))
        info = self.services.classes.get(class_id)
        self.heading.setText(
            _("{name} {year}: what is owed").format(name=info.name, year=info.year_label)
        )
        done = sum(r.complete for r in rows)
        self.summary.setText(owed_summary(done, len(rows)))

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
        with self.search.filter_change():  # a row taken away opens nobody else
            self.student_proxy.setFilterFixedString(key)
            self.proxy.setFilterFixedString(key)
        shown = self.shown_student_id
        source = self.student_model.index_of(shown) if shown is not None else QModelIndex()
        self.search.highlight(self.student_proxy.mapFromSource(source))

    def _student_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self.search.filtering:
            student_id = int(current.data(STUDENT_ID_ROLE))
            if student_id != self.shown_student_id:
                self.open_student(student_id)

    def _open_from_overview(self, index: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        self.open_student(row.student_id)

    def can_leave(self) -> bool:
        """Save what is being typed; if that is refused, stay on it and say why.

        Nothing the teacher typed is ever dropped: a refused text (too long, a goal
        left empty) keeps the teacher on the pupil page until it is corrected.
        """
        if self._pupil_page is None or self._pupil_page.flush():
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
        self.selection_changed.emit()
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
        keep_student = self.shown_student_id
        self._load_years(select=year if year is not None else self.school_year)
        if class_id is not None:
            self._load_classes(select=class_id)
        if keep_student is not None:
            try:
                self.open_student(keep_student)
            except NotFoundError:  # the pupil was deleted
                self.show_overview()

    # --- settings (ui.app.window_settings) -------------------------------------------------

    def _restore_geometry(self) -> None:
        window_settings.restore_geometry(self)

    def _restore(self) -> None:
        window_settings.restore_choice(self)

    def _remember_for_frame(self) -> None:
        window_settings.remember_for_frame(self)

    def _save_settings(self) -> None:
        window_settings.save(self)

    def about(self) -> None:
        actions.about(self)

    def restart(self) -> bool:
        """Close (saving everything) and start the program again on the same data."""
        data_dir = str(self.services.data_dir)
        if not self.close():
            return False
        from skolehjem_desktop.resources import program_command

        program, *args = program_command()
        QProcess.startDetached(program, [*args, "--data-dir", data_dir])
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # closed while still opening: nothing to save yet
            super().closeEvent(event)
            return
        if not self.can_leave():
            # Something could not be saved: the teacher sees why and the window stays.
            event.ignore()
            return
        self._save_settings()
        self.services.close()
        super().closeEvent(event)

    def toolbar(self) -> QToolBar:
        if self._toolbar is None:
            self._toolbar = self.addToolBar(_("Main"))
            self._toolbar.setObjectName("MainToolbar")
            self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return self._toolbar
