"""The agreements of a conversation: a table model over the service's rows, its cell
editors, and the group box with the table, the line to add one and the buttons.

An edit in the table saves at once (the service refuses an empty text: the row stays as
it was); the panel says ``changed`` after every agreement that was stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import Responsible
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.conversations import AgreementInfo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.date_fields import DateField
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel
from skolehjem_desktop.ui.conversation.compact import fit_rows

# A new agreement's due date, when the teacher gives one, starts this far ahead.
DUE_IN_DAYS = 14
OVERDUE_COLOUR = QColor("#b00020")


class AgreementsModel(RowTableModel[AgreementInfo]):
    """The conversation's agreements, fed rows; an edit in the table goes to ``update``.

    ``update(agreement_id, **changes)`` stores a change and gives the stored row back, or
    None when it was refused (the row then stays as it was).
    """

    HEADERS: ClassVar[list[str]] = [
        N_("What was agreed"),
        N_("Responsible"),
        N_("Due"),
        N_("Done"),
    ]
    TEXT, RESPONSIBLE, DUE, DONE = range(4)

    def __init__(
        self,
        update: Callable[..., AgreementInfo | None],
        today: Callable[[], dt.date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._update = update
        self._today = today

    def rows(self) -> list[AgreementInfo]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.DONE:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DUE:
            return QBrush(OVERDUE_COLOUR) if row.overdue(self._today()) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return row.text
        return None

    def _display(self, row: AgreementInfo, column: int) -> str:
        if column == self.TEXT:
            return row.text
        if column == self.RESPONSIBLE:
            return label(row.responsible)
        if column == self.DUE:
            if row.due is None:
                return "–"
            text = date_text(row.due)
            if row.overdue(self._today()):
                return "⚠ " + _("{date} (overdue)").format(date=text)
            return text
        return _("Done") if row.done else ""

    def _edit_value(self, row: AgreementInfo, column: int) -> Any:
        if column == self.TEXT:
            return row.text
        if column == self.RESPONSIBLE:
            return row.responsible.value
        if column == self.DUE:
            return row.due
        return row.done

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        changes = self._changes(row, index.column(), value, role)
        if changes is None:
            return False
        result = self._update(row.id, **changes)
        if result is None:
            return False
        self._rows[index.row()] = result
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.DONE))
        return True

    def _changes(
        self, row: AgreementInfo, column: int, value: Any, role: int
    ) -> dict[str, Any] | None:
        """What setting ``column`` to ``value`` changes, for ``update``; None for nothing."""
        if column == self.DONE:
            if role != Qt.ItemDataRole.CheckStateRole:
                return None
            return {"done": Qt.CheckState(value) == Qt.CheckState.Checked}
        if role != Qt.ItemDataRole.EditRole:
            return None
        if column == self.TEXT:
            return None if str(value).strip() == row.text else {"text": str(value)}
        if column == self.RESPONSIBLE:
            return {"responsible": Responsible(value)}
        if column == self.DUE:
            return {"clear_due": True} if value is None else {"due": value}
        return None


class ResponsibleDelegate(QStyledItemDelegate):
    """Who is responsible, chosen from a list."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Responsible"))
        for value in Responsible:
            combo.addItem(label(value), value.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DueDelegate(QStyledItemDelegate):
    """The due date, with a calendar."""

    def __init__(self, today: Callable[[], dt.date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = DateField(self._today, parent=parent)
        edit.setAccessibleName(_("Due"))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DateField)
        due = index.data(Qt.ItemDataRole.EditRole)
        if not isinstance(due, dt.date):
            due = self._today() + dt.timedelta(days=DUE_IN_DAYS)
        editor.setDate(due)
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, DateField)
        editor.commit()  # what is typed counts, also when Enter closes the cell
        due = editor.date()
        if due is not None:
            model.setData(index, due, Qt.ItemDataRole.EditRole)


class AgreementsPanel(QGroupBox):
    """The "Agreements" group: the line to add one, the table, and the chosen one's buttons."""

    changed = Signal()  # after every agreement stored, added or removed

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Agreements"), parent)
        self.ctx = ctx
        self._conversation_id: int | None = None
        self._build_table()
        self._build_new()
        self.remove_button = QPushButton(_("Remove…"))
        self.remove_button.clicked.connect(self.remove_agreement)
        self.clear_due_button = QPushButton(_("No due date"))
        self.clear_due_button.setToolTip(_("Take the due date off the chosen agreement."))
        self.clear_due_button.clicked.connect(self.clear_due_date)

        new_label = QLabel(_("New agreement"))
        new_label.setBuddy(self.new_agreement_edit)
        add_row = QGridLayout()
        add_row.addWidget(new_label, 0, 0)
        add_row.addWidget(self.new_agreement_edit, 0, 1, 1, 4)
        add_row.addWidget(self.new_responsible, 1, 1)
        add_row.addWidget(self.new_due_check, 1, 2)
        add_row.addWidget(self.new_due_edit, 1, 3)
        add_row.addWidget(self.add_button, 1, 4)
        add_row.setColumnStretch(1, 1)
        row_buttons = QHBoxLayout()
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.clear_due_button)
        row_buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.view)
        layout.addLayout(row_buttons)
        self.rows_fit = fit_rows(self.view, spare=1, most=8)  # its rows and one empty row
        self.view.selectionModel().currentRowChanged.connect(self._chosen_changed)
        self._chosen_changed()

    def _build_table(self) -> None:
        today = self.ctx.services.today
        self.model = AgreementsModel(self._update, today, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Agreements"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(AgreementsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (AgreementsModel.RESPONSIBLE, AgreementsModel.DUE, AgreementsModel.DONE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setItemDelegateForColumn(
            AgreementsModel.RESPONSIBLE, ResponsibleDelegate(self.view)
        )
        self.view.setItemDelegateForColumn(AgreementsModel.DUE, DueDelegate(today, self.view))

    def _build_new(self) -> None:
        """The fields of a new agreement: its text, who is responsible, when it is due."""
        self.new_agreement_edit = QLineEdit()
        self.new_agreement_edit.setPlaceholderText(_("What was agreed…"))
        self.new_agreement_edit.setAccessibleName(_("New agreement"))
        self.new_agreement_edit.returnPressed.connect(self.add_agreement)
        self.new_responsible = QComboBox()
        self.new_responsible.setAccessibleName(_("Responsible for the new agreement"))
        for value in Responsible:
            self.new_responsible.addItem(label(value), value.value)
        self.new_due_check = QCheckBox(_("Due"))
        self.new_due_check.setAccessibleName(_("The new agreement has a due date"))
        self.new_due_edit = DateField(self.ctx.services.today)
        self.new_due_edit.returnPressed.connect(self.add_agreement)
        self.new_due_edit.setAccessibleName(_("Due date of the new agreement"))
        self.new_due_edit.setEnabled(False)
        self.new_due_check.toggled.connect(self.new_due_edit.setEnabled)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add_agreement)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.new_agreement_edit,
            self.new_responsible,
            self.new_due_check,
            self.new_due_edit,
            self.add_button,
            self.view,
            self.clear_due_button,
            self.remove_button,
        ]

    # --- the conversation shown -------------------------------------------------------------

    def load(self, conversation_id: int, rows: Iterable[AgreementInfo]) -> None:
        """Show a conversation's agreements; a new one has no due date until asked for."""
        self._conversation_id = conversation_id
        self.model.set_rows(rows)
        self.new_due_check.setChecked(False)
        self.new_due_edit.setDate(self.ctx.services.today() + dt.timedelta(days=DUE_IN_DAYS))
        self._chosen_changed()

    def clear(self) -> None:
        """Show no conversation."""
        self._conversation_id = None
        self.new_agreement_edit.clear()
        self.model.set_rows([])

    def commit_open_cell(self) -> None:
        """A cell being edited is stored too, not dropped."""
        view = self.view
        if view.state() != QAbstractItemView.State.EditingState:
            return
        index = view.currentIndex()
        cell_editor = view.indexWidget(index)
        if cell_editor is None:
            return
        delegate = view.itemDelegateForIndex(index)
        delegate.commitData.emit(cell_editor)
        delegate.closeEditor.emit(cell_editor, QStyledItemDelegate.EndEditHint.NoHint)

    # --- the teacher's actions --------------------------------------------------------------

    def _update(self, agreement_id: int, **changes: Any) -> AgreementInfo | None:
        result = self.ctx.attempt(
            self, self.ctx.services.conversations.update_agreement, agreement_id, **changes
        )
        if result is not None:
            self.changed.emit()
        return result

    def add_agreement(self) -> None:
        if self._conversation_id is None:
            return
        text = self.new_agreement_edit.text()
        if not text.strip():
            self.new_agreement_edit.setFocus()
            return
        due = None
        if self.new_due_check.isChecked():
            if not self.new_due_edit.commit():
                self.new_due_edit.setFocus()
                return
            due = self.new_due_edit.date()
        added = self.ctx.attempt(
            self,
            self.ctx.services.conversations.add_agreement,
            self._conversation_id,
            text,
            Responsible(self.new_responsible.currentData()),
            due,
        )
        if added is None:
            return
        self.model.set_rows([*self.model.rows(), added])
        self.new_agreement_edit.clear()
        self.new_due_check.setChecked(False)
        self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))
        self.new_agreement_edit.setFocus()
        self.changed.emit()

    def chosen(self) -> AgreementInfo | None:
        """The agreement of the table's current row, if any."""
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _chosen_changed(self, *_args: object) -> None:
        chosen = self.chosen()
        self.remove_button.setEnabled(chosen is not None)
        self.clear_due_button.setEnabled(chosen is not None and chosen.due is not None)

    def remove_agreement(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Remove agreement"),
            _("Remove the agreement “{text}”?").format(text=chosen.text),
            _("Remove"),
        ):
            return
        if not self.ctx.attempt(self, self._remove, chosen.id):
            return
        self.model.set_rows([a for a in self.model.rows() if a.id != chosen.id])
        self._chosen_changed()
        self.changed.emit()

    def _remove(self, agreement_id: int) -> bool:
        self.ctx.services.conversations.remove_agreement(agreement_id)
        return True

    def clear_due_date(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        self.model.setData(
            self.model.index(index.row(), AgreementsModel.DUE), None, Qt.ItemDataRole.EditRole
        )
        self._chosen_changed()
