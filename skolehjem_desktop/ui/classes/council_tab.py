"""The class records' second tab: the class parent council and its contact parent.

:class:`CouncilTab` lists the parents of the class to tick who sits on the council, and
offers its members as the contact parent. Each change is stored at once and said
through ``changed``, for the status line of the dialog around it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.class_records import Council
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.pupil.student_dialogs import hint_label

ID_ROLE = Qt.ItemDataRole.UserRole


class CouncilTab(QWidget):
    """Tick the council's members, choose the contact parent; each change is stored."""

    changed = Signal(str)  # something was stored: what, for the status line

    def __init__(self, ctx: UiContext, class_id: int) -> None:
        super().__init__()
        self.ctx = ctx
        self.class_id = class_id
        intro = hint_label(
            _(
                "The class parent council is elected at the parent meeting at the start of the "
                "school year; it can choose a contact parent. Tick the parents who sit on it. "
                "Each change is saved at once."
            )
        )
        self.council_list = QListWidget()
        self.council_list.setAccessibleName(_("Parents of the class"))
        self.council_list.itemChanged.connect(self._member_toggled)
        self.contact_combo = QComboBox()
        self.contact_combo.setAccessibleName(_("Contact parent"))
        self.contact_combo.activated.connect(self._contact_chosen)
        self.council_summary = QLabel()
        self.council_summary.setTextFormat(Qt.TextFormat.PlainText)
        contact_row = QHBoxLayout()
        contact_label = QLabel(_("C&ontact parent:"))
        contact_label.setBuddy(self.contact_combo)
        contact_row.addWidget(contact_label)
        contact_row.addWidget(self.contact_combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.council_list, 1)
        layout.addLayout(contact_row)
        layout.addWidget(self.council_summary)

    def load_council(self, council: Council | None = None) -> None:
        council = council or self.ctx.services.class_records.council(self.class_id)
        self.council = council
        self.council_list.blockSignals(True)
        self.council_list.clear()
        for c in council.candidates:
            pupils = ", ".join(c.pupils)
            text = (
                _("{name} – parent of {pupils}").format(name=c.name, pupils=pupils)
                if pupils
                else _("{name} – no longer a parent in the class").format(name=c.name)
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, c.guardian_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.member else Qt.CheckState.Unchecked)
            self.council_list.addItem(item)
        self.council_list.blockSignals(False)
        self.contact_combo.clear()
        self.contact_combo.addItem(_("No contact parent chosen"), None)
        for c in council.members:
            self.contact_combo.addItem(c.name, c.guardian_id)
        contact = council.contact_parent
        self.contact_combo.setCurrentIndex(
            self.contact_combo.findData(contact.guardian_id) if contact is not None else 0
        )
        self.contact_combo.setEnabled(bool(council.members))
        self.council_summary.setText(
            ngettext(
                "{n} member of the class parent council.",
                "{n} members of the class parent council.",
                len(council.members),
            ).format(n=len(council.members))
        )

    # --- a refusal is shown over the dialog -------------------------------------------------

    def _member_toggled(self, item: QListWidgetItem) -> None:
        guardian_id = int(item.data(ID_ROLE))
        member = item.checkState() == Qt.CheckState.Checked
        council = self.ctx.attempt(
            self.window(),
            self.ctx.services.class_records.set_member,
            self.class_id,
            guardian_id,
            member,
        )
        self.load_council(council)
        if council is not None:
            self.changed.emit(_("Class parent council saved."))

    def _contact_chosen(self, _index: int) -> None:
        guardian_id = self.contact_combo.currentData()
        council = self.ctx.attempt(
            self.window(),
            self.ctx.services.class_records.set_contact_parent,
            self.class_id,
            None if guardian_id is None else int(guardian_id),
        )
        self.load_council(council)
        if council is not None:
            self.changed.emit(_("Contact parent saved."))
