"""Waiting for me ("Venter på mig"): the replies and agreements overdue or due soon in
all the teacher's classes, the most pressing first; Enter or a double-click opens the
pupil at the contact or the conversation.

The list comes from ``services.waiting`` (which says which classes and in what order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import N_, _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.due import Urgency
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.waiting import WaitingItem, WaitingKind, WaitingList
from skolehjem_desktop.ui.classes.owed_model import (
    DUE_SOON,
    DUE_SOON_SIGN,
    INK,
    OVERDUE_SIGN,
    OWED,
)
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel

if TYPE_CHECKING:
    import datetime as dt

    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.common.host import Host


def what_text(item: WaitingItem) -> str:
    """What is waiting, in words: the reply and its contact, or the agreement."""
    if item.kind is WaitingKind.REPLY:
        summary = item.text.splitlines()[0] if item.text.strip() else ""
        contact = ", ".join(label(x) for x in (item.channel, item.topic) if x is not None)
        if summary:
            return _("Reply to the parents ({contact}): {summary}").format(
                contact=contact, summary=summary
            )
        return _("Reply to the parents ({contact})").format(contact=contact)
    who = label(item.responsible) if item.responsible is not None else ""
    return _("Agreement ({responsible}): {text}").format(responsible=who, text=item.text)


def state_text(item: WaitingItem, today: dt.date) -> str:
    """✗ Overdue, or ◷ Due today / tomorrow / soon."""
    if item.urgency is Urgency.OVERDUE:
        return f"{OVERDUE_SIGN} " + _("Overdue")
    days = (item.due - today).days
    if days == 0:
        return f"{DUE_SOON_SIGN} " + _("Due today")
    if days == 1:
        return f"{DUE_SOON_SIGN} " + _("Due tomorrow")
    return f"{DUE_SOON_SIGN} " + _("Due soon")


class WaitingModel(RowTableModel[WaitingItem]):
    """One row per reply or agreement waiting; the service's order is kept."""

    HEADERS: ClassVar[list[str]] = [N_("Due"), N_("State"), N_("What"), N_("Pupil"), N_("Class")]
    DUE, STATE, WHAT, PUPIL, CLASS = range(5)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.WHAT:
            return item.text or None
        if column == self.STATE and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OWED if item.urgency is Urgency.OVERDUE else DUE_SOON)
        if column == self.STATE and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INK)
        return None

    def _text(self, item: WaitingItem, column: int) -> str:
        if column == self.DUE:
            return date_text(item.due)
        if column == self.STATE:
            return state_text(item, self.today)
        if column == self.WHAT:
            return what_text(item)
        if column == self.PUPIL:
            return item.student_name
        return item.class_name


def heading_text(waiting: WaitingList) -> str:
    year = SchoolYear(waiting.school_year).label
    if not waiting.class_names:
        return _("No classes in {year}.").format(year=year)
    names = ", ".join(waiting.class_names)
    if waiting.mine:
        return _("Waiting for you in {classes} ({year})").format(classes=names, year=year)
    return _(
        "You are the contact teacher of no class in {year}, so this is every class: {classes}"
    ).format(classes=names, year=year)


def summary_text(waiting: WaitingList) -> str:
    if not waiting.items:
        return _("Nothing is overdue or due soon.")
    overdue = ngettext("{n} overdue", "{n} overdue", waiting.overdue).format(n=waiting.overdue)
    soon = ngettext("{n} due soon", "{n} due soon", waiting.due_soon).format(n=waiting.due_soon)
    return f"{OVERDUE_SIGN} {overdue} · {DUE_SOON_SIGN} {soon}"


class WaitingDialog(QDialog):
    """The list; :attr:`chosen` is the item the teacher opened (Enter, double-click, Open)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Waiting for me"))
        self.resize(900, 480)
        self.chosen: WaitingItem | None = None
        self.waiting = ctx.services.waiting.for_me()
        self.model = WaitingModel(ctx.services.today(), self)
        self.model.set_rows(self.waiting.items)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Waiting for me"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WaitingModel.WHAT, QHeaderView.ResizeMode.Stretch)
        # Enter and a double-click both emit ``activated`` (one signal, one opening).
        self.table.activated.connect(self._open)
        self._build(heading_text(self.waiting), summary_text(self.waiting))
        if self.waiting.items:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()

    def _build(self, heading: str, summary: str) -> None:
        title = QLabel(heading)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        counts = QLabel(summary)
        counts.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel(_("Double-click a line, or press Enter, to open it at the pupil."))
        hint.setEnabled(False)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setEnabled(bool(self.waiting.items))
        close_button = QPushButton(_("Close"))
        for button in (self.open_button, close_button):
            # Enter in the list opens the line; no button may take it as well.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _open(self, index: Index) -> None:
        if not index.isValid():
            return
        self.chosen = self.model.row_at(index.row())
        self.accept()


def show_waiting(w: Host) -> None:
    """Show the list; open the pupil at the line the teacher chose."""
    if not w.can_leave():
        return
    dialog = WaitingDialog(w.ctx, w.widget())
    dialog.exec()
    if dialog.chosen is not None:
        open_item(w, dialog.chosen, dialog.waiting.school_year)


def open_item(w: Host, item: WaitingItem, school_year: int) -> None:
    """The pupil's page at the contact (a reply) or the conversation (an agreement)."""
    if w.class_id != item.class_id or w.school_year != school_year:
        w.reload(class_id=item.class_id, year=school_year)
    if not w.open_student(item.student_id):
        return
    page = w.pupil_page
    if item.kind is WaitingKind.REPLY:
        contacts = page.contacts
        page.tabs.setCurrentWidget(contacts)
        contacts.reload(select_id=item.item_id)
        contacts.table.setFocus()
        return
    conversations = page.conversations
    page.tabs.setCurrentWidget(conversations)
    if item.conversation_id is not None:
        conversations.select(item.conversation_id)
    editor = conversations.editor
    editor.tabs.setCurrentWidget(editor.record)
    row = editor.agreements.row_of(item.item_id)
    if row is not None:
        editor.agreements_view.setCurrentIndex(editor.agreements.index(row, 0))
        editor.agreements_view.setFocus()
