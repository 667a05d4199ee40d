"""The class records' first tab: the class's parent meetings.

:class:`MeetingsTab` lists the meetings with the chosen one beside them, and has the
buttons to make a new one, edit or delete the chosen one (in
:class:`~skolehjem_desktop.ui.classes.meeting_dialog.MeetingDialog`) and print or save its
invitation or minutes. It says what it stored through ``changed`` and what it wrote
through ``reported``; the dialog around it shows both on its status line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import N_, _, active
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.class_records import MeetingInfo
from skolehjem_desktop.ui.classes.meeting_dialog import ID_ROLE, MeetingDialog
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, datetime_text
from skolehjem_desktop.ui.pupil.student_dialogs import hint_label

if TYPE_CHECKING:
    from skolehjem_desktop.services.classes import ClassInfo
    from skolehjem_desktop.services.pdfs import PdfWritten


def meeting_line(m: MeetingInfo, now: dt.datetime) -> str:
    text = _("{when} · {place}").format(
        when=datetime_text(m.starts_at), place=m.place or _("no place yet")
    )
    if not m.held(now):
        text += "  " + _("(to come)")
    return text


class MeetingsTab(QWidget):
    """The class's parent meetings; each change is stored at once."""

    changed = Signal(str)  # something was stored: what, for the status line
    reported = Signal(str)  # a document was written or opened: what happened

    def __init__(self, ctx: UiContext, info: ClassInfo) -> None:
        super().__init__()
        self.ctx = ctx
        self.class_id = info.id
        self.info = info
        self.meeting_list = QListWidget()
        self.meeting_list.setAccessibleName(_("Parent meetings"))
        self.meeting_list.currentRowChanged.connect(lambda _row: self._show_meeting())
        self.meeting_list.itemDoubleClicked.connect(lambda _item: self.edit_meeting())
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("The chosen meeting"))
        self.details.setOpenLinks(False)
        split = QSplitter()
        split.addWidget(self.meeting_list)
        split.addWidget(self.details)
        split.setSizes([300, 560])
        grid = self._buttons()
        intro = hint_label(
            _(
                "Every class holds a parent meeting at the start of the school year, with the "
                "class's teachers; there the class elects its class parent council. The "
                "teachers and the council can both call a parent meeting."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(grid)

    def _buttons(self) -> QGridLayout:
        """New, edit, delete; print or save the invitation and the minutes."""
        self.new_button = QPushButton(_("&New meeting…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete…"))
        self.invitation_button = QPushButton(_("Print &invitation"))
        self.minutes_button = QPushButton(_("Print min&utes"))
        self.save_invitation_button = QPushButton(_("Save invitation as…"))
        self.save_minutes_button = QPushButton(_("Save minutes as…"))
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.delete_button.clicked.connect(self.delete_meeting)
        self.invitation_button.clicked.connect(lambda: self.print_meeting("invitation"))
        self.minutes_button.clicked.connect(lambda: self.print_meeting("minutes"))
        self.save_invitation_button.clicked.connect(
            lambda: self.print_meeting("invitation", save=True)
        )
        self.save_minutes_button.clicked.connect(lambda: self.print_meeting("minutes", save=True))
        grid = QGridLayout()
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.edit_button, 0, 1)
        grid.addWidget(self.delete_button, 0, 2)
        grid.addWidget(self.invitation_button, 1, 0)
        grid.addWidget(self.minutes_button, 1, 1)
        grid.addWidget(self.save_invitation_button, 1, 2)
        grid.addWidget(self.save_minutes_button, 1, 3)
        return grid

    def load_meetings(self, select: int | None = None) -> None:
        current = self.meeting_id
        wanted = select if select is not None else current
        now = self.ctx.services.clock()
        self.meetings = self.ctx.services.class_records.meetings(self.class_id)
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        for m in self.meetings:
            item = QListWidgetItem(meeting_line(m, now))
            item.setData(ID_ROLE, m.id)
            self.meeting_list.addItem(item)
        self.meeting_list.blockSignals(False)
        row = next(
            (i for i, m in enumerate(self.meetings) if m.id == wanted), len(self.meetings) - 1
        )
        self.meeting_list.setCurrentRow(row)
        self._show_meeting()

    @property
    def meeting_id(self) -> int | None:
        item = self.meeting_list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _meeting(self) -> MeetingInfo | None:
        wanted = self.meeting_id
        return next((m for m in self.meetings if m.id == wanted), None)

    def _show_meeting(self) -> None:
        m = self._meeting()
        for button in (
            self.edit_button,
            self.delete_button,
            self.invitation_button,
            self.minutes_button,
            self.save_invitation_button,
            self.save_minutes_button,
        ):
            button.setEnabled(m is not None)
        if m is None:
            self.details.setPlainText(
                _("No parent meetings yet. Press New meeting… to plan or record one.")
            )
            return
        self.details.setHtml(
            meeting_html(m, self.ctx.services.class_records.family_count(self.class_id))
        )

    # --- acting on a meeting; the questions and the editor open over the dialog -------------

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self.ctx, self.window(), self.class_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_meetings(select=dialog.saved.id)
            self.changed.emit(_("Parent meeting saved."))

    def edit_meeting(self) -> None:
        m = self._meeting()
        if m is None:
            return
        dialog = MeetingDialog(self.ctx, self.window(), self.class_id, m)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_meetings(select=m.id)
            self.changed.emit(_("Parent meeting saved."))

    def delete_meeting(self) -> None:
        m = self._meeting()
        if m is None:
            return
        if not self.ctx.dialogs.confirm(
            self.window(),
            _("Delete parent meeting"),
            _("Delete the parent meeting on {date}, with its agenda and minutes?").format(
                date=date_text(m.starts_at.date(), "long")
            ),
            _("Delete"),
        ):
            return
        try:
            self.ctx.services.class_records.delete_meeting(m.id)
        except UserError as exc:
            self.ctx.dialogs.error(self.window(), exc.message)
            return
        finally:
            self.load_meetings()
        self.changed.emit(_("Parent meeting deleted."))

    def print_meeting(self, kind: str, *, save: bool = False) -> None:
        from skolehjem_desktop.services.report_data import class_language
        from skolehjem_desktop.ui.app.doc_language import document_language, document_name
        from skolehjem_desktop.ui.app.printing import deliver

        m = self._meeting()
        if m is None:
            return
        services = self.ctx.services
        lang = document_language(self.ctx, lambda: class_language(services, self.class_id))
        if kind == "invitation":
            name = N_("Parent meeting invitation {name} {date}")
            write: Callable[[Path], PdfWritten] = (  # noqa: E731
                lambda p: services.pdfs.write_meeting_invitation(m.id, p, lang)
            )
        else:
            name = N_("Parent meeting minutes {name} {date}")
            write = lambda p: services.pdfs.write_meeting_minutes(m.id, p, lang)  # noqa: E731
        title = document_name(lang, name, name=self.info.name, date=m.starts_at.date().isoformat())
        deliver(self.ctx, self.window(), title, write, save=save, report=self.reported.emit)


def meeting_html(m: MeetingInfo, families: int) -> str:
    """The chosen meeting, for the tab's right side."""

    def row(name: str, value: str) -> str:
        cell = "<td style='color:#5a6472; padding-right:12px'>"
        return f"<tr>{cell}{escape(name)}</td><td>{escape(value)}</td></tr>"

    when = date_text(m.starts_at.date(), "full") + " " + active().format_time(m.starts_at)
    if m.ends_at is not None:
        when += "–" + active().format_time(m.ends_at)
    if m.families_present is None:
        present = _("Not recorded")
    else:
        present = _("{n} of {total}").format(n=m.families_present, total=families)
    parts = [
        "<table>",
        row(_("When"), when),
        row(_("Place"), m.place or "–"),
        row(_("Called by"), label(m.called_by)),
        row(_("Teachers present"), ", ".join(name for _id, name in m.teachers) or "–"),
        row(_("Families present"), present),
        "</table>",
    ]
    for heading, text in ((_("Agenda"), m.agenda), (_("Minutes"), m.minutes)):
        parts.append(f"<h4>{escape(heading)}</h4>")
        body = escape(text).replace("\n", "<br/>") if text.strip() else "–"
        parts.append(f"<p>{body}</p>")
    return "".join(parts)
