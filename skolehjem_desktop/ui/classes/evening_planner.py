"""*Class → Plan conversation evening…*: set up the evening, compute, adjust, accept.

Left, the setup (:mod:`.evening_planner_setup`), saved about a second after each edit;
a wrong entry is tinted and named and nothing is saved until it is right. Right, the
plan as a grid — the slots down, the rooms (or the teachers) across — with the pupils'
names. *Compute plan* runs the solver off the GUI thread; when no plan fits, the
reasons are listed. A pupil can be moved to another slot (choose the pupil, the slot,
*Move to*); the plan is checked again at once and what it breaks is listed. *Accept
plan* creates the planned conversations, after a question saying how many.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, active, ngettext
from skolehjem_desktop.services.evening_plans import EveningPlanState
from skolehjem_desktop.services.planner import Cell, slots
from skolehjem_desktop.services.planner.model import Assignment, Result, from_minutes, hhmm
from skolehjem_desktop.ui.classes.evening_planner_setup import SetupPanel
from skolehjem_desktop.ui.common.autosave import Autosave
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.sizing import resize_to_fit
from skolehjem_desktop.ui.common.tasks import run_task

PUPIL_ROLE = Qt.ItemDataRole.UserRole
PROBLEM_BG = QColor("#F8D7D3")

Column = tuple[str, int]  # a room (or teachers) and which of its columns: 0, or 1… for a clash


def _grid_places(
    cells: list[Cell], assignments: tuple[Assignment, ...]
) -> tuple[list[Column], dict[tuple[int, Column], int]]:
    """The grid's columns, and the pupil in each (row, column) of it."""
    row_of = {(c.date, c.start): i for i, c in enumerate(cells)}
    # a room (or teacher) column; a second pupil in the same cell gets a column of its own
    columns: list[Column] = []
    placed: dict[tuple[int, Column], int] = {}
    for a in assignments:
        row = row_of.get((a.date, a.start.hour * 60 + a.start.minute))
        if row is None:
            continue
        key = a.room or ", ".join(a.teachers)
        k = 0
        while (row, (key, k)) in placed:
            k += 1
        if (key, k) not in columns:
            columns.append((key, k))
        placed[(row, (key, k))] = a.pupil_id
    columns.sort(key=lambda c: (c[0] if c[1] == 0 else "\uffff" + c[0], c[1]))
    return columns, placed


class EveningPlannerDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None, class_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plans = ctx.services.evening_plans
        self.state: EveningPlanState = self.plans.open(class_id)
        self.cells: list[Cell] = []
        self.setWindowTitle(
            _("Plan conversation evening – {class_name}").format(class_name=self.state.class_name)
        )
        resize_to_fit(self, 1280, 680)  # fits a 1366×768 laptop with its taskbar
        self.autosave = Autosave(self._save_setup, self)
        self.autosave.failed.connect(self._setup_failed)
        self.autosave.saved.connect(self._setup_saved)

        teachers = [f"{t.initials} {t.name}" for t in ctx.services.school.teachers()]
        left = self._setup_side(teachers)
        self._plan_widgets()
        close = self._buttons()
        right = self._plan_side()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._button_row(close))
        self.setup_panel.load(self.state.setup, self.state.pupils)
        self.reasons: tuple[str, ...] = ()
        self._show()

    # --- building ------------------------------------------------------------------------

    def _setup_side(self, teachers: list[str]) -> QWidget:
        """The left side: the setup panel, and under it what saving it said."""
        self.setup_panel = SetupPanel(teachers)
        self.setup_panel.changed.connect(self.autosave.touch)
        self.setup_error = QLabel()
        self.setup_error.setObjectName("setup_error")
        self.setup_error.setWordWrap(True)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.setup_panel, 1)
        left_box.addWidget(self.setup_error)
        return left

    def _plan_widgets(self) -> None:
        """The plan's status, its grid, the move of a pupil and the list of messages."""
        self.status = QLabel()
        self.status.setObjectName("plan_status")
        self.status.setWordWrap(True)
        self.grid = QTableWidget()
        self.grid.setObjectName("plan_grid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.currentCellChanged.connect(lambda *_a: self._selection_changed())
        self.move_to = QComboBox()
        self.move_to.setObjectName("move_to")
        self.move_button = QPushButton(_("&Move to"))
        self.move_button.setObjectName("move")
        self.move_button.clicked.connect(self.move_selected)
        self.messages_title = QLabel()
        self.messages = QListWidget()
        self.messages.setObjectName("messages")
        self.messages.setWordWrap(True)
        self.messages.setMaximumHeight(140)

    def _buttons(self) -> QPushButton:
        """Compute, accept, the outputs and a new plan; returns the Close button."""
        self.compute_button = QPushButton(_("&Compute plan"))
        self.compute_button.setObjectName("compute")
        self.compute_button.clicked.connect(self.compute)
        self.accept_button = QPushButton(_("&Accept plan…"))
        self.accept_button.setObjectName("accept")
        self.accept_button.clicked.connect(self.accept_plan)
        self.schedule_button = QPushButton(_("Print &schedule"))
        self.schedule_button.setObjectName("print_schedule")
        self.schedule_button.clicked.connect(self.print_schedule)
        self.invitations_button = QPushButton(_("Print &invitations…"))
        self.invitations_button.setObjectName("print_invitations")
        self.invitations_button.clicked.connect(self.print_invitations)
        self.ics_button = QPushButton(_("Export &calendar (.ics)…"))
        self.ics_button.setObjectName("export_ics")
        self.ics_button.clicked.connect(self.export_calendar)
        self.new_button = QPushButton(_("&New plan"))
        self.new_button.setObjectName("new_plan")
        self.new_button.clicked.connect(self.new_plan)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        return close

    def _plan_side(self) -> QWidget:
        """The right side: compute and the status, the grid, the move, the messages."""
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.compute_button)
        top.addWidget(self.status, 1)
        right_box.addLayout(top)
        right_box.addWidget(self.grid, 1)
        move_row = QHBoxLayout()
        move_label = QLabel(_("Selected pupil to:"))
        move_label.setBuddy(self.move_to)
        move_row.addWidget(move_label)
        move_row.addWidget(self.move_to, 1)
        move_row.addWidget(self.move_button)
        right_box.addLayout(move_row)
        right_box.addWidget(self.messages_title)
        right_box.addWidget(self.messages)
        return right

    def _button_row(self, close: QPushButton) -> QHBoxLayout:
        buttons = QHBoxLayout()
        for b in (
            self.accept_button,
            self.schedule_button,
            self.invitations_button,
            self.ics_button,
            self.new_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        return buttons

    # --- the setup -----------------------------------------------------------------------

    def _save_setup(self) -> None:
        setup = self.setup_panel.read()
        self.state = self.plans.save_setup(self.state.id, setup)

    def _setup_failed(self, message: str) -> None:
        self.setup_error.setStyleSheet("color: #9A2A1B;")
        self.setup_error.setText(message)

    def _setup_saved(self) -> None:
        self.setup_panel.show_families(self.state.pupils)
        self.setup_error.setStyleSheet("color: palette(mid);")
        self.setup_error.setText(
            _("Saved {time}").format(time=active().format_time(dt.datetime.now()))
        )
        self._show()

    # --- the plan ------------------------------------------------------------------------

    def _show(self) -> None:
        state = self.state
        accepted = state.accepted_at is not None
        try:
            self.cells = slots(self.plans.planner_input(state.id))
        except UserError:
            self.cells = []
        when = self._slot_text()
        self.move_to.clear()
        for c in self.cells:
            self.move_to.addItem(when(c), (c.date, from_minutes(c.start)))
        plan = state.plan
        assignments = plan.assignments if plan is not None else ()
        self._show_grid(when, assignments)
        self.messages.clear()
        self._show_status(len(assignments))
        self._show_messages()
        for w in (self.setup_panel, self.compute_button, self.move_button, self.move_to):
            w.setEnabled(not accepted)
        self.accept_button.setEnabled(not accepted and plan is not None)
        printable = plan is not None and (accepted or not state.violations)
        for b in (self.schedule_button, self.ics_button):
            b.setEnabled(printable)  # never a schedule that breaks a rule
        self.invitations_button.setEnabled(accepted)
        self.new_button.setVisible(accepted)
        self._selection_changed()

    def _slot_text(self) -> Callable[[Cell], str]:
        """How a slot is named: its time, and its date too when the evening has several."""
        several = len({c.date for c in self.cells}) > 1

        def when(c: Cell) -> str:
            time = hhmm(from_minutes(c.start))
            return f"{active().format_date(c.date, 'short')} {time}" if several else time

        return when

    def _show_grid(self, when: Callable[[Cell], str], assignments: tuple[Assignment, ...]) -> None:
        """The slots down, the rooms (or the teachers) across, the pupils in the cells."""
        columns, placed = _grid_places(self.cells, assignments)
        self.grid.clear()
        self.grid.setColumnCount(len(columns))
        self.grid.setRowCount(len(self.cells))
        self.grid.setHorizontalHeaderLabels(
            [self._header(key, k, assignments) for key, k in columns]
        )
        self.grid.setVerticalHeaderLabels([when(c) for c in self.cells])
        troubled = {p for v in self.state.violations for p in v.pupils}
        for (row, column), pupil_id in placed.items():
            item = QTableWidgetItem(self.state.name_of(pupil_id))
            item.setData(PUPIL_ROLE, pupil_id)
            if pupil_id in troubled:
                item.setBackground(PROBLEM_BG)
            self.grid.setItem(row, columns.index(column), item)

    def _show_status(self, placed: int) -> None:
        state = self.state
        if state.accepted_at is not None:
            self.status.setText(
                _("Accepted {date}: the conversations are planned.").format(
                    date=active().format_date(state.accepted_at.date())
                )
            )
        elif state.plan is None:
            self.status.setText(_("No plan yet: set up the evening and compute a plan."))
        else:
            self.status.setText(
                ngettext("{n} pupil placed.", "{n} pupils placed.", placed).format(n=placed)
            )

    def _show_messages(self) -> None:
        """Why no plan fits, or what the plan breaks, or that it keeps every rule."""
        state = self.state
        if self.reasons:
            self.messages_title.setText(_("Why no plan fits:"))
            self.messages.addItems(list(self.reasons))
        elif state.violations:
            self.messages_title.setText(_("What the plan breaks:"))
            self.messages.addItems([v.message for v in state.violations])
        elif state.plan is not None:
            self.messages_title.setText(_("The plan keeps every rule."))
        else:
            self.messages_title.setText("")
        self.messages.setVisible(self.messages.count() > 0)

    @staticmethod
    def _header(key: str, k: int, assignments: tuple[Assignment, ...]) -> str:
        """``Room 12 (MK, LP)``: the room and who sits there; ``(2)`` for a clash column."""
        teachers = ", ".join(
            dict.fromkeys(t for a in assignments if a.room == key for t in a.teachers)
        )
        text = f"{key} ({teachers})" if teachers else key
        return text if k == 0 else f"{text} ({k + 1})"

    def _selection_changed(self) -> None:
        self.move_button.setEnabled(
            self.state.accepted_at is None and self.selected_pupil() is not None
        )

    def selected_pupil(self) -> int | None:
        item = self.grid.currentItem()
        if item is None:
            return None
        value = item.data(PUPIL_ROLE)
        return int(value) if value is not None else None

    def compute(self) -> None:
        if not self.autosave.flush():
            return
        plan_id = self.state.id

        def work(_progress: object) -> tuple[EveningPlanState, Result]:
            return self.plans.compute(plan_id)

        try:
            self.state, result = run_task(self, _("Computing the plan…"), work)
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        self.reasons = result.reasons
        self._show()

    def move_selected(self) -> None:
        pupil = self.selected_pupil()
        target = self.move_to.currentData()
        if pupil is None or target is None:
            return
        date, start = target
        state = self.ctx.attempt(self, self.plans.move, self.state.id, pupil, date, start)
        if state is not None:
            self.state = state
            self.reasons = ()
            self._show()

    def accept_plan(self) -> None:
        if not self.autosave.flush() or self.state.plan is None:
            return
        if self.state.violations:
            self.ctx.dialogs.error(
                self, _("The plan breaks the rules listed below; it cannot be accepted.")
            )
            return
        n = len(self.state.plan.assignments)
        question = ngettext(
            "Create {n} planned conversation for {class_name}?",
            "Create {n} planned conversations for {class_name}?",
            n,
        ).format(n=n, class_name=self.state.class_name)
        if not self.ctx.dialogs.confirm(
            self, _("Accept plan"), question, _("Create"), harmless=True
        ):
            return
        accepted = self.ctx.attempt(self, self.plans.accept, self.state.id)
        if accepted is None:
            return
        self.state = self.plans.get(self.state.id)
        self._show()
        self.ctx.dialogs.info(
            self,
            ngettext(
                "{n} conversation was planned.", "{n} conversations were planned.", accepted.created
            ).format(n=accepted.created),
        )

    def new_plan(self) -> None:
        state = self.ctx.attempt(self, self.plans.new_plan, self.state.class_id)
        if state is not None:
            self.state = state
            self.reasons = ()
            self.setup_panel.load(state.setup, state.pupils)
            self._show()

    # --- outputs -------------------------------------------------------------------------

    def print_schedule(self) -> None:
        from skolehjem_desktop.ui.app.printing import preview_path
        from skolehjem_desktop.ui.common.viewer import show_document

        name = _("Conversation evening {class_name}").format(class_name=self.state.class_name)
        path = preview_path(self.ctx.services.data_dir, name)
        written = self.ctx.attempt(self, self.plans.write_schedule, self.state.id, path)
        if written is not None:
            show_document(
                self.ctx, self, written.path, file_name=f"{path.stem}.pdf", report=lambda _t: None
            )

    def print_invitations(self) -> None:
        folder = self.ctx.dialogs.choose_folder(self, _("Folder for the invitations"))
        if folder is None:
            return
        services, plan_id = self.ctx.services, self.state.id
        lang = self.ctx.document_language  # None: each family's own
        try:
            result = run_task(
                self,
                _("Writing the invitations…"),
                lambda progress: services.pdfs.write_plan_invitations(
                    plan_id, folder, progress, lang
                ),
            )
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        self.ctx.dialogs.info(
            self,
            ngettext(
                "{n} invitation written to {path}.",
                "{n} invitations written to {path}.",
                len(result.written),
            ).format(n=len(result.written), path=folder),
        )

    def export_calendar(self) -> None:
        suggested = _("Conversation evening {class_name}.ics").format(
            class_name=self.state.class_name
        )
        path = self.ctx.dialogs.save_file(
            self, _("Export calendar"), suggested, _("Calendar (*.ics)")
        )
        if path is None:
            return
        if path.suffix.lower() != ".ics":
            path = Path(f"{path}.ics")
        written = self.ctx.attempt(self, self.plans.write_calendar, self.state.id, path)
        if written is not None:
            self.ctx.dialogs.info(self, _("Calendar written to {path}.").format(path=written))

    # --- closing -------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Close only when the setup is saved; a wrong entry keeps the teacher here."""
        if not self.autosave.flush():
            self.ctx.dialogs.error(
                self,
                _("The setup could not be saved: {problem}").format(
                    problem=self.setup_error.text()
                ),
            )
            return
        super().done(result)


def open_evening_planner(ctx: UiContext, parent: QWidget | None, class_id: int) -> bool:
    """Show the planner for the class; True when it planned conversations."""
    dialog = EveningPlannerDialog(ctx, parent, class_id)
    before = dialog.state.accepted_at
    dialog.exec()
    return dialog.state.accepted_at is not None and dialog.state.accepted_at != before
