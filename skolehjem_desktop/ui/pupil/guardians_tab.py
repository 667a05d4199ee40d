"""The pupil page's Guardians tab: the pupil's parents and guardians, added and changed
through small dialogs, and a sibling's parent linked in with a search."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.students import GuardianCandidate, GuardianInfo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel
from skolehjem_desktop.ui.pupil.student_dialogs import FormDialog, buddy_label, hint_label

ID_ROLE = Qt.ItemDataRole.UserRole


def _relation_combo(current: Relation = Relation.PARENT) -> QComboBox:
    combo = QComboBox()
    for relation in Relation:
        combo.addItem(label(relation), relation.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


def _language_combo(current: Language = Language.DA) -> QComboBox:
    combo = QComboBox()
    for language in Language:
        combo.addItem(label(language), language.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


class GuardianDialog(FormDialog):
    """A new guardian of the pupil, or the details of one already there."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None,
        student_id: int,
        guardian: GuardianInfo | None = None,
    ) -> None:
        title = _("New parent or guardian") if guardian is None else _("Edit parent or guardian")
        super().__init__(ctx, parent, title)
        self.student_id = student_id
        self.guardian = guardian
        self.name_edit = QLineEdit()
        self.relation_combo = _relation_combo(guardian.relation if guardian else Relation.PARENT)
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(_("name@example.dk"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(_("e.g. 20 30 40 50"))
        self.custody_check = QCheckBox(_("Has parental &custody"))
        self.custody_check.setChecked(guardian.has_custody if guardian else True)
        self.language_combo = _language_combo(
            guardian.preferred_language if guardian else Language.DA
        )
        self.add_row(_("&Name:"), self.name_edit)
        self.add_row(_("&Relation to the pupil:"), self.relation_combo)
        self.add_row(_("&E-mail:"), self.email_edit)
        self.add_row(_("&Phone:"), self.phone_edit)
        self.form.addRow("", self.custody_check)
        self.add_row(_("Preferred &language:"), self.language_combo)
        self.form.addRow(
            hint_label(_("Letters and summaries for this parent are printed in this language."))
        )
        if guardian is not None:
            self.name_edit.setText(guardian.name)
            self.email_edit.setText(guardian.email or "")
            self.phone_edit.setText(guardian.phone or "")
            if guardian.other_children:
                self.set_intro(
                    _(
                        "{name} is also the parent or guardian of {children}. The name, "
                        "e-mail, phone and language change for them too."
                    ).format(name=guardian.name, children=", ".join(guardian.other_children))
                )
            self.ok_button.setText(_("&Save"))
        else:
            self.ok_button.setText(_("&Add"))
        for first, second in (
            (self.name_edit, self.relation_combo),
            (self.relation_combo, self.email_edit),
            (self.email_edit, self.phone_edit),
            (self.phone_edit, self.custody_check),
            (self.custody_check, self.language_combo),
        ):
            self.setTabOrder(first, second)
        self.name_edit.setFocus()
        self.setMinimumWidth(440)

    def save(self) -> GuardianInfo:
        students = self.ctx.services.students
        relation = Relation(self.relation_combo.currentData())
        language = Language(self.language_combo.currentData())
        if self.guardian is None:
            return students.add_guardian(
                self.student_id,
                self.name_edit.text(),
                relation=relation,
                email=self.email_edit.text(),
                phone=self.phone_edit.text(),
                has_custody=self.custody_check.isChecked(),
                preferred_language=language,
            )
        return students.edit_guardian(
            self.student_id,
            self.guardian.id,
            name=self.name_edit.text(),
            relation=relation,
            email=self.email_edit.text(),  # "" clears it
            phone=self.phone_edit.text(),
            has_custody=self.custody_check.isChecked(),
            preferred_language=language,
        )


class LinkGuardianDialog(FormDialog):
    """Choose a guardian of another pupil (a sibling's parent) to be this pupil's too."""

    def __init__(self, ctx: UiContext, parent: QWidget | None, student_id: int) -> None:
        super().__init__(ctx, parent, _("Add a sibling's parent or guardian"))
        self.student_id = student_id
        self.candidates = ctx.services.students.guardian_candidates(student_id)
        self.set_intro(
            _(
                "Choose a parent or guardian who is already stored for another pupil, "
                "for example a sibling. Their details are shared by both pupils."
            )
        )
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Type a name, e-mail or child…"))
        self.search_edit.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Name"), _("E-mail"), _("Children")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Parents and guardians of other pupils"))
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        for row, candidate in enumerate(self.candidates):
            self.table.insertRow(row)
            name = QTableWidgetItem(candidate.name)
            name.setData(ID_ROLE, candidate.id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(candidate.email or ""))
            children = QTableWidgetItem(", ".join(candidate.children))
            children.setToolTip("\n".join(candidate.children))
            self.table.setItem(row, 2, children)
        self.empty_label = hint_label(_("No parent or guardian of another pupil matches."))
        self.relation_combo = _relation_combo()
        self.custody_check = QCheckBox(_("Has parental &custody"))
        self.custody_check.setChecked(True)

        self.form.addRow(buddy_label(_("&Search:"), self.search_edit), self.search_edit)
        lower = QWidget()
        lower_form = QFormLayout(lower)
        lower_form.setContentsMargins(0, 0, 0, 0)
        lower_form.addRow(self.empty_label)
        lower_form.addRow(
            buddy_label(_("&Relation to this pupil:"), self.relation_combo), self.relation_combo
        )
        lower_form.addRow("", self.custody_check)
        self.add_expanding(self.table)
        self.layout_.insertWidget(self.layout_.indexOf(self.buttons), lower)
        self.ok_button.setText(_("&Add"))
        self.setTabOrder(self.search_edit, self.table)
        self.setTabOrder(self.table, self.relation_combo)
        self.setTabOrder(self.relation_combo, self.custody_check)
        self.search_edit.textChanged.connect(self.apply_filter)
        self.table.itemSelectionChanged.connect(self._update_ok)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        self.apply_filter("")
        self.search_edit.setFocus()
        self.resize(640, 420)

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        first_visible = -1
        for row, candidate in enumerate(self.candidates):
            hidden = bool(needle) and needle not in candidate.search_text
            self.table.setRowHidden(row, hidden)
            if not hidden and first_visible < 0:
                first_visible = row
        selected = self.selected()
        if first_visible >= 0 and (selected is None or self._hidden(selected)):
            self.table.selectRow(first_visible)
        elif first_visible < 0:
            self.table.clearSelection()
        self.empty_label.setVisible(first_visible < 0)
        self._update_ok()

    def _hidden(self, candidate: GuardianCandidate) -> bool:
        return self.table.isRowHidden(self.candidates.index(candidate))

    def selected(self) -> GuardianCandidate | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.candidates[rows[0].row()]

    def _update_ok(self) -> None:
        chosen = self.selected()
        self.ok_button.setEnabled(chosen is not None and not self._hidden(chosen))

    def save(self) -> GuardianInfo:
        chosen = self.selected()
        if chosen is None or self._hidden(chosen):
            raise ValidationError(_("Choose the parent or guardian to add."))
        return self.ctx.services.students.link_guardian(
            self.student_id,
            chosen.id,
            relation=Relation(self.relation_combo.currentData()),
            has_custody=self.custody_check.isChecked(),
        )


APART = 7  # the column of the tick "lives apart"


class GuardianTableModel(RowTableModel[GuardianInfo]):
    HEADERS: ClassVar[list[str]] = [
        N_("Name"),
        N_("Relation"),
        N_("E-mail"),
        N_("Phone"),
        N_("Custody"),
        N_("Language"),
        N_("Other children"),
        N_("Lives apart"),
    ]
    # a guardian ticked (or unticked) as living apart: the guardian's id, the new value
    lives_apart_toggled = Signal(int, bool)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == APART:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != APART or role != Qt.ItemDataRole.CheckStateRole:
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.lives_apart_toggled.emit(self._rows[index.row()].id, ticked)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        g = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return g.id
        if role == Qt.ItemDataRole.DisplayRole and column != APART:  # APART: a tick only
            return (
                g.name,
                label(g.relation),
                g.email or "",
                g.phone or "",
                _("Yes") if g.has_custody else _("No"),
                label(g.preferred_language),
                ", ".join(g.other_children),
            )[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == APART:
            return Qt.CheckState.Checked if g.lives_apart else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return _("Has parental custody") if g.has_custody else _("No parental custody")
        if role == Qt.ItemDataRole.ToolTipRole and column == APART:
            return _(
                "Lives at another address than the pupil's other parents or guardians: when "
                "the parents ask for it, each home gets a conversation of its own at the "
                "conversation evening."
            )
        return None


class GuardiansTab(QWidget):
    """The pupil's parents and guardians. Every change is saved when its dialog closes."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year = ctx.services.classes.current_year()

        self.model = GuardianTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAccessibleName(_("Parents and guardians"))
        self.empty_label = QLabel(_("No parents or guardians recorded yet."))

        self.add_button = QPushButton(_("&New parent or guardian…"))
        self.edit_button = QPushButton(_("E&dit…"))
        self.remove_button = QPushButton(_("&Remove…"))
        self.link_button = QPushButton(_("Add a s&ibling's parent…"))
        self.link_button.setToolTip(
            _("Choose a parent or guardian already stored for another pupil.")
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.link_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.setTabOrder(self.table, self.add_button)
        self.setTabOrder(self.add_button, self.link_button)
        self.setTabOrder(self.link_button, self.edit_button)
        self.setTabOrder(self.edit_button, self.remove_button)

        self.add_button.clicked.connect(self.add_guardian)
        self.link_button.clicked.connect(self.link_guardian)
        self.edit_button.clicked.connect(self.edit_guardian)
        self.remove_button.clicked.connect(self.remove_guardian)
        # A double click emits activated too (so does Enter): one connection, one dialog.
        self.table.activated.connect(lambda _index: self.edit_guardian())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.lives_apart_toggled.connect(self._set_lives_apart)
        self._update_buttons()

    # --- the pupil shown ---------------------------------------------------------------

    def set_student(self, student_id: int | None, school_year: int) -> None:
        self.student_id = student_id
        self.school_year = school_year
        self.reload()

    def flush(self) -> bool:
        """Nothing waits to be saved here: each dialog saves when it closes."""
        return True

    def reload(self, select_id: int | None = None) -> None:
        rows: list[GuardianInfo] = []
        if self.student_id is not None:
            found = self.ctx.attempt(self, self.ctx.services.students.guardians, self.student_id)
            rows = found or []
        self.model.set_rows(rows)
        self.empty_label.setVisible(self.student_id is not None and not rows)
        if rows:
            ids = [g.id for g in rows]
            self.table.selectRow(ids.index(select_id) if select_id in ids else 0)
        self._update_buttons()

    def selected(self) -> GuardianInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row())

    def _update_buttons(self) -> None:
        has_pupil = self.student_id is not None
        has_choice = self.selected() is not None
        self.add_button.setEnabled(has_pupil)
        self.link_button.setEnabled(has_pupil)
        self.edit_button.setEnabled(has_choice)
        self.remove_button.setEnabled(has_choice)

    # --- actions -----------------------------------------------------------------------

    def add_guardian(self) -> None:
        if self.student_id is None:
            return
        dialog = GuardianDialog(self.ctx, self, self.student_id)
        if dialog.exec():
            self._done(dialog.saved)

    def link_guardian(self) -> None:
        if self.student_id is None:
            return
        dialog = LinkGuardianDialog(self.ctx, self, self.student_id)
        if not dialog.candidates:
            self.ctx.dialogs.info(self, _("No other pupil has a parent or guardian recorded yet."))
            return
        if dialog.exec():
            self._done(dialog.saved)

    def edit_guardian(self) -> None:
        guardian = self.selected()
        if self.student_id is None or guardian is None:
            return
        dialog = GuardianDialog(self.ctx, self, self.student_id, guardian)
        if dialog.exec():
            self._done(dialog.saved)

    def remove_guardian(self) -> None:
        guardian = self.selected()
        if self.student_id is None or guardian is None:
            return
        pupil = self.ctx.services.students.row(self.student_id)
        text = _("Remove {name} as parent or guardian of {pupil}?").format(
            name=guardian.name, pupil=pupil.full_name
        )
        if guardian.other_children:
            text += "\n\n" + _("{name} stays the parent or guardian of {children}.").format(
                name=guardian.name, children=", ".join(guardian.other_children)
            )
        else:
            text += "\n\n" + _(
                "{name} is no other pupil's parent or guardian, so their name, e-mail "
                "and phone are deleted from the program."
            ).format(name=guardian.name)
        if not self.ctx.dialogs.confirm(self, _("Remove parent or guardian"), text, _("&Remove")):
            return
        done = self.ctx.attempt(self, self._remove, guardian.id)
        if done:
            self.reload()
            self.changed.emit()

    def _remove(self, guardian_id: int) -> bool:
        assert self.student_id is not None
        self.ctx.services.students.remove_guardian(self.student_id, guardian_id)
        return True

    def _set_lives_apart(self, guardian_id: int, lives_apart: bool) -> None:
        """The tick "lives apart", saved at once."""
        if self.student_id is None:
            return
        saved = self.ctx.attempt(
            self,
            self.ctx.services.students.set_lives_apart,
            self.student_id,
            guardian_id,
            lives_apart,
        )
        self.reload(select_id=guardian_id)
        if saved is not None:
            self.changed.emit()

    def _done(self, saved: GuardianInfo) -> None:
        self.reload(select_id=saved.id)
        self.changed.emit()
