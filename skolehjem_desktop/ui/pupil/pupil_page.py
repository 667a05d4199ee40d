"""The pupil page: a header and the tabs Overview, Conversations, Message book,
Contacts and Guardians. Every tab saves as the teacher types and says so.

Only the tab on the screen is filled when a pupil is shown; the others are filled
when they are first shown, or when code reaches them (``page.conversations`` etc.
are properties that fill their tab first), so nothing ever sees another pupil's data.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.classes.overview_tab import OverviewTab, due_signs
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.pupil.contacts_tab import ContactsTab
from skolehjem_desktop.ui.pupil.conversations_tab import ConversationsTab
from skolehjem_desktop.ui.pupil.guardians_tab import GuardiansTab
from skolehjem_desktop.ui.pupil.message_book.tab import MessageBookTab


class StudentTab(Protocol):
    def set_student(self, student_id: int | None, school_year: int) -> None: ...


StudentTabWidget = TypeVar("StudentTabWidget", bound=QWidget)


class PupilPage(QWidget):
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year = ctx.services.classes.current_year()

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        # What is overdue (red ✗) or due soon (amber ◷), seen from every tab.
        self.signs = QLabel()
        self.signs.setTextFormat(Qt.TextFormat.RichText)
        self.signs.setAccessibleName(_("Overdue and due soon"))

        self._overview = OverviewTab(ctx)
        self._conversations = ConversationsTab(ctx)
        self._message_book = MessageBookTab(ctx)
        self._contacts = ContactsTab(ctx)
        self._guardians = GuardiansTab(ctx)
        # The tabs not yet filled for the pupil shown (filled when shown or reached).
        self._stale: set[QWidget] = set()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._overview, _("Over&view"))
        self.tabs.addTab(self._conversations, _("Co&nversations"))
        self.tabs.addTab(self._message_book, _("&Message book"))
        self.tabs.addTab(self._contacts, _("Con&tacts"))
        self.tabs.addTab(self._guardians, _("&Guardians"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.signs)
        layout.addWidget(self.tabs, 1)

        for tab in self._editing_tabs():
            tab.changed.connect(self._child_changed)
        # A conversation held can record the message book's presentation: show it afresh.
        self._conversations.changed.connect(lambda: self._stale.add(self._message_book))
        # A message copied for Aula is logged as a contact: show the log afresh.
        self._conversations.changed.connect(lambda: self._stale.add(self._contacts))

    def _editing_tabs(
        self,
    ) -> tuple[ConversationsTab, MessageBookTab, ContactsTab, GuardiansTab]:
        return (self._conversations, self._message_book, self._contacts, self._guardians)

    def _filled(self, tab: StudentTabWidget) -> StudentTabWidget:
        if tab in self._stale:
            self._stale.discard(tab)
            cast(StudentTab, tab).set_student(self.student_id, self.school_year)
        return tab

    @property
    def overview(self) -> OverviewTab:
        return self._filled(self._overview)

    @property
    def conversations(self) -> ConversationsTab:
        return self._filled(self._conversations)

    @property
    def message_book(self) -> MessageBookTab:
        return self._filled(self._message_book)

    @property
    def contacts(self) -> ContactsTab:
        return self._filled(self._contacts)

    @property
    def guardians(self) -> GuardiansTab:
        return self._filled(self._guardians)

    def fill_all(self) -> None:
        """Fill every tab for the pupil shown now (not only the one on the screen)."""
        for tab in (self._overview, *self._editing_tabs()):
            self._filled(tab)

    def set_student(self, student_id: int | None, school_year: int) -> bool:
        """Show a pupil; False (and nothing changes) when pending text cannot be saved."""
        if not self.flush():
            return False
        self.student_id = student_id
        self.school_year = school_year
        self._show_header()
        self._stale = {self._overview, *self._editing_tabs()}
        current = self.tabs.currentWidget()
        if isinstance(current, QWidget):
            self._filled(current)
        return True

    def _show_signs(self) -> None:
        owed = (
            self.ctx.services.owed.for_student(self.student_id, self.school_year)
            if self.student_id is not None
            else None
        )
        text, tooltip = due_signs(owed)
        self.signs.setText(text)
        self.signs.setToolTip(tooltip)
        self.signs.setVisible(bool(text))

    def _show_header(self) -> None:
        self._show_signs()
        if self.student_id is None:
            self.heading.setText("")
            self.details.setText("")
            return
        detail = self.ctx.services.students.get(self.student_id)
        self.heading.setText(detail.full_name)
        facts = []
        current = detail.class_in(self.school_year)
        if current:
            facts.append(
                _("Class {name} in {year}").format(
                    name=current[1], year=SchoolYear(self.school_year).label
                )
            )
        if detail.birth_date:
            facts.append(_("born {date}").format(date=date_text(detail.birth_date, "long")))
        if detail.left_on:
            facts.append(_("left the school {date}").format(date=date_text(detail.left_on)))
        self.details.setText(" · ".join(facts))

    def flush(self) -> bool:
        """Save whatever is being typed, in every tab."""
        ok = True
        for tab in self._editing_tabs():
            ok = tab.flush() and ok
        return ok

    def _child_changed(self) -> None:
        self._show_signs()
        self.changed.emit()

    def _tab_changed(self, _index: int) -> None:
        self.flush()  # a refused text stays in its tab, marked; switching tabs loses nothing
        current = self.tabs.currentWidget()
        if current is self._overview:  # it sums up the others: always fresh
            self._stale.discard(self._overview)
            self._overview.set_student(self.student_id, self.school_year)
        elif isinstance(current, QWidget):
            self._filled(current)

    def refresh(self) -> None:
        """Show the pupil again after a change made elsewhere (a dialog, another tab)."""
        self.set_student(self.student_id, self.school_year)
