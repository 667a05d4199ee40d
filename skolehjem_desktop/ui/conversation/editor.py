"""The conversation editor: plan, prepare and write up one school–home conversation.

Three pages: Planning (when, where, who), Preparation (the teacher's private notes,
the parents' input, the agenda) and Record (what was said, section by section, each
with its own "shared with the parents" switch; the agreements; the next conversation).

Everything saves as the teacher types: a text field about a second after the last
key and at once when the focus leaves it; a choice (a combo box, a check box) at
once. There is never a "save changes?" question. A save the service refuses (a text
over the limit) keeps the text in the field, says why once, and tries again on the
next edit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import ConversationStatus, SectionKind
from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.conversations import ConversationDetail, HeldBeforeItsDay
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.conversation.agreements import AgreementsModel, AgreementsPanel
from skolehjem_desktop.ui.conversation.aula_copy import AulaCopy
from skolehjem_desktop.ui.conversation.colleague_box import remove_input
from skolehjem_desktop.ui.conversation.held import offer_presentation
from skolehjem_desktop.ui.conversation.held_checks import HeldAction, held_asking
from skolehjem_desktop.ui.conversation.planning_page import PlanningPage
from skolehjem_desktop.ui.conversation.preparation_page import PreparationPage
from skolehjem_desktop.ui.conversation.record_page import RecordPage
from skolehjem_desktop.ui.conversation.saving import Saver, Savers
from skolehjem_desktop.ui.conversation.sections import SectionsPage
from skolehjem_desktop.ui.conversation.status import STATUS_COLOURS, STATUS_MARKS, when_text


class _Declined(Exception):
    """The teacher said no to a question on the way: nothing is changed."""


class ConversationEditor(QWidget):
    """One conversation, edited in place and saved as the teacher types."""

    changed = Signal()  # after every successful save
    closed = Signal()  # the conversation is no longer shown

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._id: int | None = None
        self._status: ConversationStatus | None = None
        self._savers = Savers(self, ctx)
        self._savers.saved.connect(self.changed)

        self._build_header()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.planning = PlanningPage(ctx.services.today)
        self.preparation = PreparationPage()
        self.agreements_panel = AgreementsPanel(ctx)
        self.record = RecordPage(self.agreements_panel)
        self.tabs.addTab(self.planning, _("Plann&ing"))
        self.tabs.addTab(self.preparation, _("Pr&eparation"))
        self.tabs.addTab(self.record, _("&Record"))
        self._connect_pages()
        box = self.preparation.colleague_box
        box.remove_button.clicked.connect(lambda: remove_input(self.ctx, self, box))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.aula.line)
        layout.addWidget(self.tabs, 1)
        self._set_tab_order()
        self.setEnabled(False)

    # --- building -----------------------------------------------------------------------

    def _build_header(self) -> None:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        set_bold(self.title)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(_("Status"))
        self.status_label.setAutoFillBackground(True)
        self.status_label.setContentsMargins(8, 2, 8, 2)
        self.held_button = QPushButton(_("Mar&k as held"))
        self.held_button.setToolTip(_("The conversation took place."))
        self.cancel_button = QPushButton(_("Cancel con&versation"))
        self.cancel_button.setToolTip(_("The conversation will not take place."))
        self.reopen_button = QPushButton(_("Reope&n"))
        self.reopen_button.setToolTip(_("Make the conversation planned again."))
        self.held_button.clicked.connect(self.mark_held)
        self.cancel_button.clicked.connect(self.mark_cancelled)
        self.reopen_button.clicked.connect(self.mark_planned)
        self.header = QHBoxLayout()
        self.header.addWidget(self.title, 1)
        self.header.addWidget(self.status_label)
        self.header.addWidget(self.held_button)
        self.header.addWidget(self.cancel_button)
        self.header.addWidget(self.reopen_button)
        self.aula = AulaCopy(self.ctx, self, self.flush)
        self.aula.copied.connect(self.changed)
        self.header.addWidget(self.aula.button)

    def _connect_pages(self) -> None:
        """An autosave for the planning, one for each section, one for the next conversation."""
        self.planning_saver = self._savers.add(
            self._save_planning, _("The planning"), self.planning.notice
        )
        self.planning.changed.connect(self._planning_changed)
        self.planning.left.connect(self.planning_saver.flush)
        self.section_savers: dict[SectionKind, Saver] = {}
        self._section_pages: dict[SectionKind, SectionsPage] = {}
        for page in (self.preparation, self.record):
            for kind, block in page.blocks.items():
                save = partial(self._save_section, kind)
                self.section_savers[kind] = self._savers.add(save, label(kind), block.notice)
                self._section_pages[kind] = page
            page.changed.connect(self._section_changed)
            page.left.connect(self._section_left)
            page.shared_changed.connect(self._shared_toggled)
        self.section_edits: dict[SectionKind, QPlainTextEdit] = {
            **self.preparation.edits,
            **self.record.edits,
        }
        self.shared_checks = {**self.preparation.shared_checks, **self.record.shared_checks}
        self.next_saver = self._savers.add(
            self._save_next, _("Next conversation"), self.record.next_notice
        )
        self.record.next_changed.connect(lambda: self._edited(self.next_saver))
        self.record.next_left.connect(self.next_saver.flush)
        self.preparation.copy_agenda_button.clicked.connect(self.copy_last_agenda)
        self.agreements_panel.changed.connect(self.changed)

    def _set_tab_order(self) -> None:
        """Tab moves through the fields in the order they are seen."""
        chain: list[QWidget] = [
            self.held_button,
            self.cancel_button,
            self.reopen_button,
            self.aula.button,
            self.tabs.tabBar(),
            *self.planning.tab_chain(),
            *self.preparation.tab_chain(),
            *self.record.tab_chain(),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- the agreements, as the callers reach them ----------------------------------------

    @property
    def agreements(self) -> AgreementsModel:
        return self.agreements_panel.model

    @property
    def agreements_view(self) -> QTableView:
        return self.agreements_panel.view

    @property
    def remove_agreement_button(self) -> QPushButton:
        return self.agreements_panel.remove_button

    # --- loading ------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self._id

    @property
    def status(self) -> ConversationStatus | None:
        """The shown conversation's status as last stored."""
        return self._status

    def load(self, conversation_id: int) -> None:
        """Show a conversation; whatever was being typed in the previous one is saved first."""
        self.flush()
        detail = self.ctx.attempt(self, self.ctx.services.conversations.get, conversation_id)
        if detail is None:
            self.clear()
            return
        teachers = self.ctx.services.school.teachers()
        guardians = self.ctx.services.students.guardians(detail.student_id)
        self._savers.discard()
        self._id = detail.id
        self.planning.load(detail, teachers, guardians)
        self.preparation.load(detail)
        self.preparation.show_colleague_input(
            self.ctx.services.colleague_inputs.for_conversation(detail.id)
        )
        self.record.load(detail)
        self._savers.discard()  # nothing loaded is an edit
        self._show_state(detail)
        self.setEnabled(True)

    def clear(self) -> None:
        """Show no conversation (pending edits are saved first)."""
        self.flush()
        self.discard()

    def discard(self) -> None:
        """Show no conversation and forget pending edits (the conversation was deleted)."""
        self._savers.discard()
        had = self._id is not None
        self._id = None
        self._status = None
        self.planning.clear()
        self.preparation.clear()
        self.record.clear()
        self.title.clear()
        self.status_label.clear()
        self.aula.show_for(None, None)
        self.setEnabled(False)
        if had:
            self.closed.emit()

    def _show_state(self, detail: ConversationDetail) -> None:
        self._status = detail.status
        kind = label(detail.kind)
        self.title.setText(
            _("{when} · {kind}").format(
                when=when_text(detail.starts_at, detail.duration_minutes), kind=kind
            )
        )
        status = detail.status
        text = f"{STATUS_MARKS[status]} {label(status)}"
        if status is ConversationStatus.HELD and detail.held_exception:
            text += " " + _("(as an exception)")
        self.status_label.setText(text)
        palette = self.status_label.palette()
        palette.setColor(QPalette.ColorRole.Window, STATUS_COLOURS[status])
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#1d1d1d"))
        self.status_label.setPalette(palette)
        planned = status is ConversationStatus.PLANNED
        self.held_button.setVisible(planned)
        self.cancel_button.setVisible(planned)
        self.reopen_button.setVisible(not planned)
        self.aula.show_for(detail.id, status)

    # --- saving -------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save every pending edit now; True when everything is stored."""
        self.agreements_panel.commit_open_cell()
        self.planning.starts_edit.commit()  # a date typed without Enter counts too
        return self._savers.flush()

    @property
    def dirty(self) -> bool:
        return self._savers.dirty

    def _edited(self, saver: Saver) -> None:
        if self._id is not None:
            saver.touch()

    def _planning_changed(self, at_once: bool) -> None:
        self._edited(self.planning_saver)
        if at_once and self._id is not None:
            self.planning_saver.flush()

    def _section_changed(self, kind: SectionKind) -> None:
        self._edited(self.section_savers[kind])

    def _section_left(self, kind: SectionKind) -> None:
        self.section_savers[kind].flush()

    def _require_id(self) -> int:
        if self._id is None:  # pragma: no cover - a saver runs only while one is shown
            raise RuntimeError("no conversation")
        return self._id

    def _save_planning(self) -> None:
        detail = self.ctx.services.conversations.update_planning(
            self._require_id(), self.planning.values()
        )
        self._show_state(detail)

    def _save_section(self, kind: SectionKind) -> None:
        section = self._section_pages[kind].values()[kind]
        self.ctx.services.conversations.set_section(
            self._require_id(), kind, section.text, shared=section.shared
        )

    def _save_next(self) -> None:
        self.ctx.services.conversations.set_next_conversation(
            self._require_id(), self.record.next_conversation()
        )

    def _shared_toggled(self, kind: SectionKind, on: bool) -> None:
        if self._id is None:
            return
        result = self.ctx.attempt(
            self, self.ctx.services.conversations.set_section_shared, self._id, kind, on
        )
        if result is not None:
            self.changed.emit()

    # --- status -------------------------------------------------------------------------

    def mark_held(self) -> None:
        """Held; a conversation whose day is to come can be moved to today and held."""
        if self._change_status(self._mark_held_or_offer_today):
            self._after_held()

    def _mark_held_or_offer_today(self, conversation_id: int) -> ConversationDetail:
        conversations = self.ctx.services.conversations
        try:
            return self._held_asking(conversations.mark_held, conversation_id)
        except HeldBeforeItsDay as refused:
            if not self.ctx.dialogs.confirm(
                self,
                _("Mark as held"),
                _(
                    "The conversation is set for {date}. Set the date to today and mark it as held?"
                ).format(date=short_date(refused.on)),
                _("Set to &today and mark held"),
            ):
                raise _Declined from None
            detail = self._held_asking(conversations.mark_held_today, conversation_id)
            self.planning.show_start(detail.starts_at)
            return detail

    def _held_asking(self, action: HeldAction, conversation_id: int) -> ConversationDetail:
        detail = held_asking(self.ctx, self, action, conversation_id)
        if detail is None:
            raise _Declined
        return detail

    def mark_cancelled(self) -> None:
        self._change_status(self.ctx.services.conversations.mark_cancelled)

    def mark_planned(self) -> None:
        self._change_status(self.ctx.services.conversations.mark_planned)

    def _change_status(self, action: Callable[[int], ConversationDetail]) -> bool:
        """Store the new status; True when it was stored."""
        if self._id is None:
            return False
        self.flush()
        try:
            detail = self.ctx.attempt(self, action, self._id)
        except _Declined:
            return False
        if detail is not None:
            self._show_state(detail)
            self.changed.emit()
        return detail is not None

    def _after_held(self) -> None:
        """The focus points were gone through: offer to record the presentation."""
        if self._id is not None and offer_presentation(self.ctx, self, self._id):
            self.changed.emit()

    # --- agenda -------------------------------------------------------------------------

    def copy_last_agenda(self) -> None:
        if self._id is None:
            return
        agenda = self.section_edits[SectionKind.AGENDA]
        # First whether there is an earlier agenda at all, then whether to replace.
        if self.ctx.attempt(self, self.ctx.services.conversations.last_agenda, self._id) is None:
            return
        if agenda.toPlainText().strip() and not self.ctx.dialogs.confirm(
            self,
            _("Start from the last agenda"),
            _("Replace the agenda you have written with the last conversation's agenda?"),
            _("Replace"),
        ):
            return
        saver = self.section_savers[SectionKind.AGENDA]
        saver.discard()
        text = self.ctx.attempt(self, self.ctx.services.conversations.copy_last_agenda, self._id)
        if text is None:
            return
        self.preparation.set_agenda(text)
        saver.clear_refusal()
        self.changed.emit()

    # --- for the caller -----------------------------------------------------------------

    def show_record(self) -> None:
        """Open the Record page at its first field, for a conversation just held."""
        self.tabs.setCurrentWidget(self.record)
        self.record.tab_chain()[0].setFocus()

    def show_planning(self) -> None:
        """Open the planning page with the date chosen, for a conversation just planned."""
        self.tabs.setCurrentIndex(0)
        self.planning.starts_edit.date_field.setFocus()
        self.planning.starts_edit.date_field.selectAll()
