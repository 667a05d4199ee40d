"""The Record page: what was said, section by section, beside the agreements and a note
on the next conversation.

Compact for a laptop's screen: each section's field is as tall as its text (two lines at
least), the agreements' table as tall as its rows and one empty row, and nothing scrolls
past empty space.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.conversations import ConversationDetail
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.conversation.agreements import AgreementsPanel
from skolehjem_desktop.ui.conversation.compact import fit_text
from skolehjem_desktop.ui.conversation.fields import notice_label, text_edit, when_left
from skolehjem_desktop.ui.conversation.sections import RECORD_SECTIONS, SectionsPage


class RecordPage(SectionsPage):
    """During and after the conversation: the sections scroll on the left; on the right,
    ``agreements`` and the next conversation, which says ``next_changed`` as the teacher
    types and ``next_left`` when its field loses the focus."""

    next_changed = Signal()
    next_left = Signal()

    def __init__(self, agreements: AgreementsPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agreements = agreements
        sections = QWidget()
        sections_layout = QVBoxLayout(sections)
        sections_layout.setContentsMargins(0, 0, 6, 0)
        sections_layout.setSpacing(4)
        for kind in RECORD_SECTIONS:
            sections_layout.addWidget(self._block(kind, minimum_height=0, compact=True))
        sections_layout.addStretch(1)
        self.sections_scroll = QScrollArea()
        self.sections_scroll.setWidgetResizable(True)
        self.sections_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sections_scroll.setWidget(sections)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sections_scroll)
        self.splitter.addWidget(self._build_side())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _build_side(self) -> QWidget:
        self.next_notice = notice_label()
        self.next_edit = text_edit(
            _("Next conversation"),
            _("When and about what the next conversation is…"),
            minimum_height=0,
        )
        fit_text(self.next_edit, least=2, most=6)
        self.next_edit.textChanged.connect(self._next_typed)
        when_left(self.next_edit, self.next_left.emit)
        next_label = QLabel(_("Ne&xt conversation"))
        next_label.setBuddy(self.next_edit)
        set_bold(next_label)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.agreements)
        side_layout.addWidget(next_label)
        side_layout.addWidget(self.next_edit)
        side_layout.addWidget(self.next_notice)
        side_layout.addStretch(1)
        return side

    def tab_chain(self) -> list[QWidget]:
        return [*super().tab_chain(), *self.agreements.tab_chain(), self.next_edit]

    def load(self, detail: ConversationDetail) -> None:
        super().load(detail)
        self.agreements.load(detail.id, detail.agreements)
        with self.quietly():
            self.next_edit.setPlainText(detail.next_conversation)

    def clear(self) -> None:
        super().clear()
        self.agreements.clear()
        with self.quietly():
            self.next_edit.clear()

    def next_conversation(self) -> str:
        return self.next_edit.toPlainText()

    def _next_typed(self) -> None:
        if not self.loading:
            self.next_changed.emit()
