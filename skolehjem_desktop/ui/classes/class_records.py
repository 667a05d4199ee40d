"""The class records: parent meetings, the class parent council and its contact parent.

*Class records…* (the Class menu, or the button of :mod:`skolehjem_desktop.ui.classes.class_items`
on the class overview) opens :class:`ClassRecordsDialog`: the
class's parent meetings (new, edit, delete, print the invitation or the minutes;
:mod:`.meetings_tab`) and the class parent council (tick the members, choose the contact
parent; each change is stored at once; :mod:`.council_tab`). A meeting is edited in
:class:`~skolehjem_desktop.ui.classes.meeting_dialog.MeetingDialog`, saved on OK; text the
program refuses stays in its field with the reason beside it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.classes.council_tab import CouncilTab
from skolehjem_desktop.ui.classes.meeting_dialog import MeetingDialog
from skolehjem_desktop.ui.classes.meetings_tab import MeetingsTab
from skolehjem_desktop.ui.common.context import UiContext

__all__ = ["ClassRecordsDialog", "MeetingDialog", "open_class_records"]


class ClassRecordsDialog(QDialog):
    """The class's parent meetings and its parent council; changes are stored at once."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None, class_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.class_id = class_id
        self.info = ctx.services.classes.get(class_id)
        self.setWindowTitle(
            _("Class records – {name} {year}").format(
                name=self.info.name, year=self.info.year_label
            )
        )
        self.tabs = QTabWidget()
        self.meetings_tab = MeetingsTab(ctx, self.info)
        self.tabs.addTab(self.meetings_tab, _("Parent &meetings"))
        self.council_tab = CouncilTab(ctx, class_id)
        self.tabs.addTab(self.council_tab, _("Class parent &council"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(900, 600)
        self.meetings_tab.changed.connect(self._changed)
        self.meetings_tab.reported.connect(self.status.setText)
        self.council_tab.changed.connect(self._changed)
        self._name_the_widgets()
        self.meetings_tab.load_meetings()
        self.council_tab.load_council()

    def _name_the_widgets(self) -> None:
        """The tabs' widgets under the dialog's own names, as before the tabs were classes."""
        meetings, council = self.meetings_tab, self.council_tab
        self.meeting_list = meetings.meeting_list
        self.details = meetings.details
        self.new_button = meetings.new_button
        self.edit_button = meetings.edit_button
        self.delete_button = meetings.delete_button
        self.invitation_button = meetings.invitation_button
        self.minutes_button = meetings.minutes_button
        self.save_invitation_button = meetings.save_invitation_button
        self.save_minutes_button = meetings.save_minutes_button
        self.council_list = council.council_list
        self.contact_combo = council.contact_combo
        self.council_summary = council.council_summary

    def _changed(self, message: str) -> None:
        self.status.setText(
            _("{what} {time}").format(what=message, time=dt.datetime.now().strftime("%H:%M"))
        )
        self.changed.emit()


def open_class_records(ctx: UiContext, parent: QWidget | None, class_id: int) -> bool:
    """Show the class's records; True when something was changed."""
    dialog = ClassRecordsDialog(ctx, parent, class_id)
    changed: list[bool] = []
    dialog.changed.connect(lambda: changed.append(True))
    dialog.exec()
    return bool(changed)
