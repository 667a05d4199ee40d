"""Classes: a new class and editing one (in :mod:`.class_edit`), archive, and moving the
classes of a school year on to the next one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.classes import ClassInfo, Promotion
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.classes.class_edit import (
    ID_ROLE,
    ClassDialog,
    edit_class,
    new_class,
    rename_class,
)
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.pupil.student_dialogs import buddy_label, hint_label

__all__ = [
    "ClassDialog",
    "NewSchoolYearDialog",
    "archive_class",
    "edit_class",
    "new_class",
    "new_school_year",
    "rename_class",
]


def archive_class(ctx: UiContext, parent: QWidget | None, class_id: int) -> bool:
    """Archive the class after a confirmation (or bring an archived one back); True if done."""
    info = ctx.attempt(parent, ctx.services.classes.get, class_id)
    if info is None:
        return False
    if info.archived:
        text = _("Bring class {name} ({year}) back to the class list?").format(
            name=info.name, year=info.year_label
        )
        title, action = _("Bring class back"), _("&Bring back")
    else:
        text = (
            _("Archive class {name} ({year})?").format(name=info.name, year=info.year_label)
            + "\n\n"
            + ngettext(
                "The class is no longer shown in the class list. Its {n} pupil and "
                "everything recorded about them are kept.",
                "The class is no longer shown in the class list. Its {n} pupils and "
                "everything recorded about them are kept.",
                info.student_count,
            ).format(n=info.student_count)
        )
        title, action = _("Archive class"), _("&Archive")
    # Archiving hides and bringing back shows again; both keep everything: no warning.
    if not ctx.dialogs.confirm(parent, title, text, action, harmless=True):
        return False
    return bool(ctx.attempt(parent, _archive, ctx, info))


def _archive(ctx: UiContext, info: ClassInfo) -> bool:
    ctx.services.classes.archive(info.id, not info.archived)
    return True


# --- a new school year ----------------------------------------------------------------------


class NewSchoolYearDialog(QDialog):
    """The classes of a school year and what they become in the next; the chosen move on.

    Column 0 is the class with a check box ("move on"), column 1 its pupils, column 2
    the name in the next school year (editable). Classes moved on before are shown
    but cannot be chosen again.
    """

    COL_CLASS, COL_PUPILS, COL_NEW, COL_RESULT = 0, 1, 2, 3

    def __init__(self, ctx: UiContext, parent: QWidget | None, school_year: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.school_year = school_year
        self.promoted: list[ClassInfo] = []
        self.next_label = SchoolYear(school_year + 1).label
        self.setWindowTitle(_("New school year"))
        intro = QLabel(
            _(
                "Move the classes of {year} on to {next}: each chosen class gets a class "
                "of the next grade with the same contact teachers, and its pupils who have "
                "not left go with it. Their records stay with them. Check the new names; "
                "9th grade classes and classes without a grade do not move on unless you "
                "choose them."
            ).format(year=SchoolYear(school_year).label, next=self.next_label)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                _("Class in {year}").format(year=SchoolYear(school_year).label),
                _("Pupils"),
                _("Name in {year}").format(year=self.next_label),
                _("What happens"),
            ]
        )
        self.table.setAccessibleName(_("Classes to move on"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_NEW, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.COL_NEW, 150)
        header.setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        label = buddy_label(_("&Classes:"), self.table)
        hint = hint_label(
            _("Tick a class to move it on; double-click or press F2 on a new name to change it.")
        )
        self.result_label = hint_label()
        self.result_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.promote_button = QPushButton(_("&Move the chosen classes on"))
        self.buttons.addButton(self.promote_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.promote_button.clicked.connect(self.promote)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.table.itemChanged.connect(self._item_changed)
        self.load()
        self.resize(620, 460)

    def load(self) -> None:
        """Show the classes; ticks and names typed before are kept for those not moved on."""
        typed = self._typed()
        proposals = self.ctx.services.classes.promotion_proposals(self.school_year)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row, proposal in enumerate(proposals):
            self.table.insertRow(row)
            self._fill(row, proposal)
            choice = typed.get(proposal.school_class.id)
            if choice is not None and proposal.promoted_as is None:
                self._set_row(row, *choice)
        self.table.blockSignals(False)
        self._update_button()

    def _typed(self) -> dict[int, tuple[bool, str]]:
        typed = {}
        for row in range(self.table.rowCount()):
            check = self.table.item(row, self.COL_CLASS)
            new = self.table.item(row, self.COL_NEW)
            if check is not None and new is not None:
                ticked = check.checkState() == Qt.CheckState.Checked
                typed[int(check.data(ID_ROLE))] = (ticked, new.text())
        return typed

    def _set_row(self, row: int, move_on: bool, new_name: str) -> None:
        check = self.table.item(row, self.COL_CLASS)
        new = self.table.item(row, self.COL_NEW)
        if check is None or new is None:
            return
        new.setText(new_name)
        check.setCheckState(Qt.CheckState.Checked if move_on else Qt.CheckState.Unchecked)
        self._describe(row)

    def _fill(self, row: int, p: Promotion) -> None:
        info = p.school_class
        name = QTableWidgetItem(info.name)
        name.setData(ID_ROLE, info.id)
        pupils = QTableWidgetItem(str(info.student_count))
        pupils.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        pupils.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if p.promoted_as is not None:
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            new = QTableWidgetItem(p.promoted_as)
            new.setFlags(Qt.ItemFlag.ItemIsEnabled)
        else:
            name.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            name.setCheckState(Qt.CheckState.Checked if p.suggested else Qt.CheckState.Unchecked)
            new = QTableWidgetItem(p.proposed_name or "")
            new.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsSelectable
            )
        result = QTableWidgetItem()
        result.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if p.promoted_as is not None:
            result.setText(_("✓ Moved on already"))
        self.table.setItem(row, self.COL_CLASS, name)
        self.table.setItem(row, self.COL_PUPILS, pupils)
        self.table.setItem(row, self.COL_NEW, new)
        self.table.setItem(row, self.COL_RESULT, result)
        self._describe(row)

    def _describe(self, row: int) -> None:
        """Say in words what happens to the class in ``row``."""
        check = self.table.item(row, self.COL_CLASS)
        new = self.table.item(row, self.COL_NEW)
        result = self.table.item(row, self.COL_RESULT)
        if check is None or new is None or result is None:
            return
        if not check.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return  # moved on before
        if check.checkState() != Qt.CheckState.Checked:
            result.setText(_("✗ Does not move on"))
        elif not new.text().strip():
            result.setText(_("⚠ Write the new name"))
        else:
            result.setText(_("→ Moves on as {name}").format(name=new.text().strip()))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() not in (self.COL_CLASS, self.COL_NEW):
            return
        self.table.blockSignals(True)
        # Typing a new name is choosing the class; clearing it un-chooses it.
        if item.column() == self.COL_NEW:
            check = self.table.item(item.row(), self.COL_CLASS)
            if check is not None and check.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                check.setCheckState(
                    Qt.CheckState.Checked if item.text().strip() else Qt.CheckState.Unchecked
                )
        self._describe(item.row())
        self.table.blockSignals(False)
        self._update_button()

    def chosen(self) -> list[tuple[int, str, str]]:
        """(class id, old name, new name) of every ticked class."""
        found = []
        for row in range(self.table.rowCount()):
            check = self.table.item(row, self.COL_CLASS)
            new = self.table.item(row, self.COL_NEW)
            if check is None or new is None:
                continue
            if check.flags() & Qt.ItemFlag.ItemIsUserCheckable and (
                check.checkState() == Qt.CheckState.Checked
            ):
                found.append((int(check.data(ID_ROLE)), check.text(), new.text().strip()))
        return found

    def set_choice(self, name: str, move_on: bool, new_name: str | None = None) -> None:
        """Tick (or untick) the class called ``name`` and set its new name (for tests)."""
        for row in range(self.table.rowCount()):
            check = self.table.item(row, self.COL_CLASS)
            if check is not None and check.text() == name:
                if new_name is not None:
                    item = self.table.item(row, self.COL_NEW)
                    assert item is not None
                    item.setText(new_name)
                check.setCheckState(Qt.CheckState.Checked if move_on else Qt.CheckState.Unchecked)
                return
        raise KeyError(name)

    def _update_button(self) -> None:
        self.promote_button.setEnabled(bool(self.chosen()))

    def promote(self) -> None:
        """Move the ticked classes on; say what was done and what was not."""
        done: list[str] = []
        failed: list[str] = []
        for class_id, old, new in self.chosen():
            try:
                info = self.ctx.services.classes.promote(class_id, new or None)
            except UserError as exc:
                failed.append(_("{old}: {reason}").format(old=old, reason=exc.message))
                continue
            self.promoted.append(info)
            done.append(
                ngettext(
                    "{old} → {new} ({n} pupil)",
                    "{old} → {new} ({n} pupils)",
                    info.student_count,
                ).format(old=old, new=info.name, n=info.student_count)
            )
        lines = []
        if done:
            lines.append(
                ngettext(
                    "{n} class moved on to {year}:",
                    "{n} classes moved on to {year}:",
                    len(done),
                ).format(n=len(done), year=self.next_label)
            )
            lines += ["• " + line for line in done]
        if failed:
            if lines:
                lines.append("")
            lines.append(_("Not moved on:"))
            lines += ["• " + line for line in failed]
        report = "\n".join(lines)
        self.load()
        if failed:
            self.result_label.setText(report)
            self.result_label.show()
            self.ctx.dialogs.error(self, report)
            return
        self.ctx.dialogs.info(self, report)
        self.accept()


def new_school_year(ctx: UiContext, parent: QWidget | None, school_year: int) -> int:
    """Move chosen classes of ``school_year`` on to the next; how many classes moved on."""
    dialog = NewSchoolYearDialog(ctx, parent, school_year)
    if not dialog.table.rowCount():
        ctx.dialogs.info(
            parent,
            _("There are no classes in {year} to move on.").format(
                year=SchoolYear(school_year).label
            ),
        )
        return 0
    dialog.exec()
    return len(dialog.promoted)
