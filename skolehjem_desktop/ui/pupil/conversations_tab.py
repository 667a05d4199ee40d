"""The pupil page's Conversations tab: the pupil's conversations and the editor for one.

The list shows every conversation of the pupil, newest first, over all school years;
the editor below it shows the chosen one. Choosing another conversation saves what
was being typed first; if that is refused (a text over the limit) the choice stays,
so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.conversations import ConversationRow, Planning
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, datetime_text
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel, bold_font
from skolehjem_desktop.ui.conversation.editor import ConversationEditor
from skolehjem_desktop.ui.conversation.held_checks import held_asking
from skolehjem_desktop.ui.conversation.status import STATUS_COLOURS, STATUS_MARKS


def first_choice(rows: list[ConversationRow], school_year: int) -> ConversationRow | None:
    """The conversation shown first: the newest of the school year, else the newest of all."""
    in_year = (r for r in rows if SchoolYear.of(r.starts_at.date()).start_year == school_year)
    return next(in_year, rows[0] if rows else None)


class ConversationListModel(RowTableModel[ConversationRow]):
    """The pupil's conversations, fed rows; the chosen school year's stand out."""

    HEADERS: ClassVar[list[str]] = [
        N_("Date"),
        N_("Kind"),
        N_("Status"),
        N_("Requested by"),
    ]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.school_year: int | None = None

    def set_rows(  # type: ignore[override]
        self, rows: list[ConversationRow], school_year: int | None
    ) -> None:
        """New rows; when the same conversations come back in the same order, no reset."""
        same = [r.id for r in rows] == [r.id for r in self._rows]
        self.school_year = school_year
        if same and rows:
            self._rows = list(rows)
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(self.HEADERS) - 1)
            )
            return
        super().set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return datetime_text(row.starts_at)
            if column == 1:
                return label(row.kind)
            if column == 2:
                return f"{STATUS_MARKS[row.status]} {label(row.status)}"
            return label(row.requested_by)
        if role == Qt.ItemDataRole.BackgroundRole and column == 2:
            return QBrush(STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QBrush(QColor("#1d1d1d"))
        if role == Qt.ItemDataRole.FontRole and self._in_year(row):
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole:
            text = _("{date}, school year {year}").format(
                date=date_text(row.starts_at.date(), "full"),
                year=SchoolYear.of(row.starts_at.date()).label,
            )
            return f"{text} · {row.place}" if row.place else text
        return None

    def _in_year(self, row: ConversationRow) -> bool:
        return (
            self.school_year is not None
            and SchoolYear.of(row.starts_at.date()).start_year == self.school_year
        )


class ConversationsTab(QWidget):
    changed = Signal()

    LIST_HEIGHT_ROWS = 4

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year = ctx.services.classes.current_year()
        self._choosing = False

        buttons = self._buttons()
        row_height = self._make_table()
        self._make_stack()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self._row_height = row_height
        self._fit_list(self.LIST_HEIGHT_ROWS - 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._show_empty()

    # --- building -----------------------------------------------------------------------

    def _buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton(_("Ne&w conversation"))
        self.new_button.setToolTip(_("Plan a new school–home conversation (Ctrl+N)."))
        self.new_button.clicked.connect(self.new_conversation)
        self.held_button = QPushButton(_("Held today"))
        self.held_button.setToolTip(
            _(
                "Record a conversation that was held today: it is stored as held and the "
                "Record page opens (Ctrl+Shift+H)."
            )
        )
        self.held_button.clicked.connect(self.record_held_today)
        self.delete_button = QPushButton(_("Delete conversation…"))
        self.delete_button.clicked.connect(self.delete_conversation)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.held_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        return buttons

    def _make_table(self) -> int:
        """The list of the pupil's conversations, at least two rows high; its row height."""
        self.model = ConversationListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("The pupil's conversations"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        row_height = self.table.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(header.sizeHint().height() + row_height * 2 + 4)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        return row_height

    def _fit_list(self, rows: int) -> None:
        """The list as tall as its rows and one empty row: two rows at least, four at most."""
        shown = min(self.LIST_HEIGHT_ROWS, max(2, rows + 1))
        list_height = (
            self.new_button.sizeHint().height()
            + self.table.horizontalHeader().sizeHint().height()
            + self._row_height * shown
            + 12
        )
        self.splitter.setSizes([list_height, 10_000])

    def _make_stack(self) -> None:
        """The editor of the chosen conversation, or a label when there is none."""
        self.editor = ConversationEditor(self.ctx)
        self.table.doubleClicked.connect(lambda _index: self.editor.show_planning())
        self.editor.changed.connect(self._editor_changed)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.editor)

    # --- the pupil ----------------------------------------------------------------------

    def set_student(self, student_id: int | None, school_year: int) -> None:
        self.editor.flush()
        self.student_id = student_id
        self.school_year = school_year
        self.editor.clear()
        rows = self._rows()
        self._choosing = True
        try:
            self.model.set_rows(rows, school_year)
        finally:
            self._choosing = False
        self._fit_list(len(rows))
        chosen = first_choice(rows, school_year)
        if chosen is not None:
            self.select(chosen.id)
        self._show_empty()

    def _rows(self) -> list[ConversationRow]:
        if self.student_id is None:
            return []
        return self.ctx.services.conversations.all(student_id=self.student_id)

    def flush(self) -> bool:
        return self.editor.flush()

    # --- choosing -----------------------------------------------------------------------

    def select(self, conversation_id: int) -> None:
        """Choose a conversation in the list and show it in the editor."""
        row = self.model.row_of(conversation_id)
        if row is None:
            return
        self.table.setCurrentIndex(self.model.index(row, 0))
        if self.editor.conversation_id != conversation_id:
            self.editor.load(conversation_id)
        self._show_empty()

    def select_first(self) -> None:
        """Choose the newest conversation (the top of the list), if there is one."""
        if self.model.rowCount():
            self._choose_row(0)

    def _choose_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._choosing or not current.isValid():
            return
        conversation_id = self.model.row_at(current.row()).id
        if conversation_id == self.editor.conversation_id:
            return
        if not self.editor.flush():
            # What was typed could not be stored: stay on it rather than lose it.
            self._choosing = True
            try:
                self.table.setCurrentIndex(previous)
            finally:
                self._choosing = False
            return
        self.editor.load(conversation_id)
        self._show_empty()

    def _show_empty(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.delete_button.setEnabled(has_rows and self.editor.conversation_id is not None)
        self.new_button.setEnabled(self.student_id is not None)
        self.held_button.setEnabled(self.student_id is not None)
        self.table.setEnabled(has_rows)
        if self.editor.conversation_id is not None:
            self.stack.setCurrentWidget(self.editor)
            return
        if self.student_id is None:
            self.empty_label.setText(_("Choose a pupil to see their conversations."))
        else:
            self.empty_label.setText(
                _("No conversations yet. Plan the first one with “New conversation” (Ctrl+N).")
            )
        self.stack.setCurrentWidget(self.empty_label)

    def _refresh(self) -> None:
        """The list again, keeping the conversation that is shown chosen."""
        shown = self.editor.conversation_id
        self._choosing = True
        try:
            self.model.set_rows(self._rows(), self.school_year)
            row = self.model.row_of(shown) if shown is not None else None
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._choosing = False

    def _editor_changed(self) -> None:
        self._refresh()
        self.changed.emit()

    # --- new and delete -----------------------------------------------------------------

    def new_conversation(self) -> None:
        """Plan a conversation for the next working day at 15:00 and open it for editing."""
        if self.student_id is None:
            return
        if not self.editor.flush():
            return
        services = self.ctx.services
        planning = Planning(starts_at=services.conversations.suggested_start())
        detail = self.ctx.attempt(self, services.conversations.plan, self.student_id, planning)
        if detail is None:
            return
        self._refresh()
        self.select(detail.id)
        self.editor.show_planning()
        self.changed.emit()

    def record_held_today(self) -> None:
        """A conversation just held: stored as held today (now, to the quarter before), and
        the Record page opened. Without a teacher to take part it stays planned, and says so."""
        if self.student_id is None:
            return
        if not self.editor.flush():
            return
        conversations = self.ctx.services.conversations
        planning = Planning(starts_at=conversations.held_start())
        detail = self.ctx.attempt(self, conversations.plan, self.student_id, planning)
        if detail is None:
            return
        held = self.ctx.attempt(
            self, held_asking, self.ctx, self, conversations.mark_held, detail.id
        )
        self._refresh()
        self.select(detail.id)
        if held is None:
            self.editor.show_planning()
        else:
            self.editor.show_record()
        self.changed.emit()

    def delete_conversation(self) -> None:
        conversation_id = self.editor.conversation_id
        if conversation_id is None:
            return
        row = self.model.row_of(conversation_id)
        if row is None:
            return
        info = self.model.row_at(row)
        if not self.ctx.dialogs.confirm(
            self,
            _("Delete conversation"),
            _(
                "Delete the conversation on {date}? Its notes and agreements are deleted too. "
                "This cannot be undone."
            ).format(date=datetime_text(info.starts_at)),
            _("Delete"),
        ):
            return
        if not self.ctx.attempt(self, self._delete, conversation_id):
            return
        self.editor.discard()
        rows = self._rows()
        self._choosing = True
        try:
            self.model.set_rows(rows, self.school_year)
        finally:
            self._choosing = False
        if rows:
            self.select(rows[min(row, len(rows) - 1)].id)
        self._show_empty()
        self.changed.emit()

    def _delete(self, conversation_id: int) -> bool:
        self.ctx.services.conversations.delete(conversation_id)
        return True
