"""File → "Choose between versions…": what both the teacher and a colleague changed.

After a colleague's class file is imported, a record both changed (or one deleted on
one side and changed on the other) keeps both versions until the teacher chooses. The
list shows each (what, whose, why, from whom, when); below it, field by field, mine
beside the colleague's. *Keep mine* and *Use the colleague's* choose
(``services.class_transfer.resolve``) and the list is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.class_transfer.choices import reason_label
from skolehjem_desktop.ui.common.sizing import resize_to_fit
from skolehjem_desktop.ui.common.table_model import read_only_table
from skolehjem_desktop.ui.dialogs.class_file_parts import (
    cell,
    fill,
    fit_columns,
    heading_label,
    wrapped_label,
)

if TYPE_CHECKING:
    from skolehjem_desktop.services.class_transfer import Choice
    from skolehjem_desktop.ui.common.context import UiContext


def whose(choice: Choice) -> str:
    """The pupil and the class the record is about ("Søren Ærø, 5.A")."""
    return ", ".join(x for x in (choice.pupil, choice.class_name) if x)


class ClassChoicesDialog(QDialog):
    """The waiting choices; :attr:`resolved` counts the choices made here."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resolved = 0
        self.waiting: list[Choice] = []
        self.setObjectName("ClassChoicesDialog")
        self.setWindowTitle(_("Choose between versions"))
        layout = QVBoxLayout(self)
        self.heading = heading_label("")
        layout.addWidget(self.heading)
        self.explain = wrapped_label(
            _(
                "These records are not the same here as in a colleague's class file, so "
                "both versions are kept. For each, keep your own or use your colleague's."
            )
        )
        layout.addWidget(self.explain)
        self.empty = wrapped_label(_("Nothing waits for a choice."))
        self.empty.setObjectName("empty")
        layout.addWidget(self.empty)
        self.list = read_only_table(
            [_("What"), _("Pupil and class"), _("Why"), _("Colleague"), _("When")],
            _("Records waiting for a choice"),
        )
        self.list_label = self._caption(_("&Waiting for your choice:"), self.list)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 3)
        self.differences = read_only_table(
            [_("Field"), _("Mine"), _("The colleague's")], _("What differs")
        )
        self.differences.setWordWrap(True)
        header = self.differences.horizontalHeader()
        for column in (1, 2):  # mine and theirs share the room, their texts wrapped
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.differences_label = self._caption(_("What &differs:"), self.differences)
        layout.addWidget(self.differences_label)
        layout.addWidget(self.differences, 2)
        layout.addWidget(self._buttons())
        self.list.itemSelectionChanged.connect(self._show_chosen)
        self.reload()
        resize_to_fit(self, 1000, 620)

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.mine_button = QPushButton(_("Keep &mine"))
        self.mine_button.setObjectName("keep_mine")
        self.theirs_button = QPushButton(_("&Use the colleague's"))
        self.theirs_button.setObjectName("use_theirs")
        for button in (self.mine_button, self.theirs_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)  # Enter closes; a choice is always a click
        self.mine_button.clicked.connect(lambda: self.choose(take_theirs=False))
        self.theirs_button.clicked.connect(lambda: self.choose(take_theirs=True))
        buttons.rejected.connect(self.reject)
        return buttons

    def reload(self, row: int = 0) -> None:
        """Read the list again; the line ``row`` (or the last) is chosen."""
        self.waiting = self.ctx.attempt(self, self.ctx.services.class_transfer.choices) or []
        n = len(self.waiting)
        self.heading.setText(
            ngettext(
                "{n} record waits for your choice", "{n} records wait for your choice", n
            ).format(n=n)
        )
        self.empty.setVisible(not n)
        for widget in (self.heading, self.explain, self.list, self.list_label):
            widget.setVisible(bool(n))
        self.list.blockSignals(True)
        fill(
            self.list,
            [
                [
                    cell(c.what),
                    cell(whose(c)),
                    cell(reason_label(c.reason)),
                    cell(c.colleague),
                    cell(c.changed_at),
                ]
                for c in self.waiting
            ],
        )
        self.list.blockSignals(False)
        fit_columns(self.list, stretch=0)
        if n:
            self.list.selectRow(min(row, n - 1))
            self.list.setFocus()
        else:
            self.close_button.setFocus()
        self._show_chosen()

    def chosen(self) -> Choice | None:
        rows = self.list.selectionModel().selectedRows()
        return self.waiting[rows[0].row()] if rows and self.waiting else None

    def _show_chosen(self) -> None:
        choice = self.chosen()
        for widget in (self.differences, self.differences_label):
            widget.setVisible(choice is not None)
        self.mine_button.setEnabled(choice is not None)
        self.theirs_button.setEnabled(choice is not None)
        fill(
            self.differences,
            [
                [cell(d.field), cell(d.mine or "—"), cell(d.theirs or "—")]
                for d in (choice.differences if choice is not None else ())
            ],
        )
        self.differences.resizeRowsToContents()

    def choose(self, *, take_theirs: bool) -> None:
        choice = self.chosen()
        if choice is None:
            return
        row = self.list.currentRow()
        try:
            self.ctx.services.class_transfer.resolve(choice.id, take_theirs=take_theirs)
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        self.resolved += 1
        self.reload(row)


def show_choices(ctx: UiContext, parent: QWidget | None) -> int:
    """Show the list of choices; the number of choices the teacher made."""
    dialog = ClassChoicesDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.resolved
