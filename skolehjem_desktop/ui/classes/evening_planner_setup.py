"""The left half of the planner: the evenings, the teachers, the rooms, the families' wishes.

Everything is typed as text into tables ("16:00-17:00, 18:30-19:30"); :meth:`SetupPanel.read`
turns it into a :class:`Setup` or raises a :class:`ValidationError` that names the row.
Each edit emits ``changed``; the dialog saves a second later (autosave).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.evening_plans import PupilLine, Setup, TeacherSetup
from skolehjem_desktop.services.planner.model import (
    Evening,
    hhmm,
    make_evening,
    parse_date,
    parse_periods,
    parse_time,
    periods_text,
)
from skolehjem_desktop.ui.classes.evening_planner_families import TIMES, FamiliesTable

ERROR_BG = QColor("#F8D7D3")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def _item(text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


class SetupPanel(QWidget):
    changed = Signal()

    def __init__(self, teachers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        tabs = QTabWidget()
        self.tabs = tabs
        layout.addWidget(tabs)

        # evenings
        self.evenings = _table([_("Date"), _("From"), _("To"), _("Slot (min)"), _("Breaks")])
        self.evenings.setObjectName("evenings")
        add_evening = QPushButton(_("Add evening"))
        add_evening.setObjectName("add_evening")
        add_evening.clicked.connect(lambda _checked=False: self.add_evening())
        remove_evening = QPushButton(_("Remove evening"))
        remove_evening.clicked.connect(lambda: self._remove(self.evenings))
        tabs.addTab(
            self._page(
                self.evenings,
                _("Date as 2026-11-24, times as 16:00, breaks as 17:30-17:45."),
                add_evening,
                remove_evening,
            ),
            _("Evenings"),
        )

        # teachers and rooms
        self.teachers = _table([_("Teacher"), _("Free (empty: the whole evening)"), _("Own room")])
        self.teachers.setObjectName("teachers")
        self.teacher_choice = QComboBox()
        self.teacher_choice.addItems(teachers)
        add_teacher = QPushButton(_("Add teacher"))
        add_teacher.clicked.connect(self._add_chosen_teacher)
        remove_teacher = QPushButton(_("Remove teacher"))
        remove_teacher.clicked.connect(lambda: self._remove(self.teachers))
        self.rooms = QLineEdit()
        self.rooms.setObjectName("rooms")
        self.rooms.setPlaceholderText(_("Room 12, Room 14"))
        self.rooms.textEdited.connect(lambda _t: self._emit())
        page = self._page(
            self.teachers,
            _("The teachers taking part and when each is free, e.g. 16:00-18:00."),
            self.teacher_choice,
            add_teacher,
            remove_teacher,
        )
        rooms_row = QHBoxLayout()
        rooms_label = QLabel(_("Shared &rooms:"))
        rooms_label.setBuddy(self.rooms)
        rooms_row.addWidget(rooms_label)
        rooms_row.addWidget(self.rooms, 1)
        page_layout = page.layout()
        assert isinstance(page_layout, QVBoxLayout)
        page_layout.addLayout(rooms_row)
        tabs.addTab(page, _("Teachers and rooms"))

        # the families: who is in the plan, and their wishes
        self.families = _table([])
        self.families.setObjectName("families")
        self.family_count = QLabel()
        self.family_count.setObjectName("family_count")
        self.family_count.setWordWrap(True)
        self.family_rows = FamiliesTable(self.families, self.family_count)
        families_page = self._page(
            self.families,
            _(
                "Ticked: in the plan (at first the pupils still owed their ordinary "
                "conversation). Per family the times that do not suit, e.g. 16:00-17:00, "
                "18:30-19:30; left empty, the times on the parents' sheet count."
            ),
        )
        families_layout = families_page.layout()
        assert isinstance(families_layout, QVBoxLayout)
        families_layout.insertWidget(1, self.family_count)
        tabs.addTab(families_page, _("Families"))
        for table in (self.evenings, self.teachers, self.families):
            table.itemChanged.connect(lambda _item: self._emit())

    def _page(self, table: QTableWidget, hint: str, *buttons: QWidget) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        note = QLabel(hint)
        note.setWordWrap(True)
        box.addWidget(note)
        box.addWidget(table, 1)
        if buttons:
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            box.addLayout(row)
        return page

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _remove(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._emit()

    def _add_chosen_teacher(self) -> None:
        text = self.teacher_choice.currentText()
        if text:
            self.add_teacher(text.split(" ", 1)[0])

    def add_teacher(self, initials: str, free: str = "", room: str = "") -> None:
        self._loading = True
        row = self.teachers.rowCount()
        self.teachers.insertRow(row)
        self.teachers.setItem(row, 0, _item(initials))
        self.teachers.setItem(row, 1, _item(free))
        self.teachers.setItem(row, 2, _item(room))
        self._loading = False
        self._emit()

    def add_evening(self, evening: Evening | None = None) -> None:
        if evening is None:
            rows = self.evenings.rowCount()
            last = _text(self.evenings, rows - 1, 0) if rows else ""
            try:
                day = parse_date(last) + dt.timedelta(days=1) if last else None
            except ValidationError:
                day = None
            day = day or dt.date.today() + dt.timedelta(days=7)
            evening = make_evening(day, dt.time(16), dt.time(19, 30), 15)
        self._loading = True
        row = self.evenings.rowCount()
        self.evenings.insertRow(row)
        values = [
            evening.date.isoformat(),
            hhmm(evening.start),
            hhmm(evening.end),
            str(evening.slot_minutes),
            periods_text(evening.breaks),
        ]
        for column, value in enumerate(values):
            self.evenings.setItem(row, column, _item(value))
        self._loading = False
        self._emit()

    # --- in and out ----------------------------------------------------------------------

    def load(self, setup: Setup, pupils: tuple[PupilLine, ...]) -> None:
        self._loading = True
        for table in (self.evenings, self.teachers, self.families):
            table.setRowCount(0)
        self._loading = False
        for e in setup.evenings:
            self.add_evening(e)
        for t in setup.teachers:
            self.add_teacher(t.initials, periods_text(t.free), t.room)
        self._loading = True
        self.rooms.setText(", ".join(setup.rooms))
        self.family_rows.load(setup, pupils)
        self._loading = False
        self.mark(None)

    def mark(self, where: tuple[QTableWidget, int, int] | None) -> None:
        """Tint the cell the last error was found in (and no other)."""
        for table in (self.evenings, self.teachers, self.families):
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    if item is not None and item.background().color() == ERROR_BG:
                        self._loading = True
                        item.setBackground(QBrush())
                        self._loading = False
        if where is not None:
            table, r, c = where
            item = table.item(r, c)
            if item is not None:
                self._loading = True
                item.setBackground(ERROR_BG)
                self._loading = False

    def read(self) -> Setup:
        """The setup as typed; a :class:`ValidationError` names the row that is wrong."""
        evenings = []
        for r in range(self.evenings.rowCount()):
            column = 0
            try:
                day = parse_date(_text(self.evenings, r, 0))
                column = 1
                start = parse_time(_text(self.evenings, r, 1))
                column = 2
                end = parse_time(_text(self.evenings, r, 2))
                column = 3
                slot_text = _text(self.evenings, r, 3)
                if not slot_text.isdigit():
                    raise ValidationError(
                        _("{value} is not a number of minutes.").format(value=slot_text)
                    )
                column = 4
                breaks = parse_periods(_text(self.evenings, r, 4))
                column = 1
                evenings.append(make_evening(day, start, end, int(slot_text), breaks))
            except ValidationError as exc:
                self.mark((self.evenings, r, column))
                raise ValidationError(
                    _("Evening {n}: {problem}").format(n=r + 1, problem=exc.message)
                ) from None
        teachers = []
        for r in range(self.teachers.rowCount()):
            try:
                free = parse_periods(_text(self.teachers, r, 1))
            except ValidationError as exc:
                self.mark((self.teachers, r, 1))
                raise ValidationError(
                    _("Teacher {initials}: {problem}").format(
                        initials=_text(self.teachers, r, 0), problem=exc.message
                    )
                ) from None
            teachers.append(
                TeacherSetup(_text(self.teachers, r, 0).upper(), free, _text(self.teachers, r, 2))
            )
        rooms = tuple(r.strip() for r in self.rooms.text().split(",") if r.strip())
        setup, row, message = self.family_rows.read(Setup(tuple(evenings), tuple(teachers), rooms))
        if row is not None:
            self.mark((self.families, row, TIMES))
            raise ValidationError(message)
        self.mark(None)
        return setup

    def show_families(self, pupils: tuple[PupilLine, ...]) -> None:
        """What the parents said and the counts, after a save (the typed cells stay)."""
        self._loading = True
        self.family_rows.refresh(pupils)
        self._loading = False
