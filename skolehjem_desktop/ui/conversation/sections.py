"""The text sections of a conversation, and the pages made of them.

Each section is a captioned text field with the notice under it and, for every section
but the teacher's private preparation, a "shared with the parents" switch; a section not
shared wears the private preparation's tint and says so. A page of
sections says ``changed(kind)`` as the teacher types in one, ``left(kind)`` when the
field loses the focus and ``shared_changed(kind, on)`` when a switch is flipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.conversations import ConversationDetail
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.conversation.compact import fit_text, set_private_look
from skolehjem_desktop.ui.conversation.fields import Page, notice_label, text_edit, when_left

# The sections written during the conversation, in the order they are printed.
RECORD_SECTIONS = (
    SectionKind.ACADEMIC,
    SectionKind.SOCIAL_WELLBEING,
    SectionKind.STRENGTHS_DEVELOPMENT,
    SectionKind.CONCERNS,
    SectionKind.SUMMARY,
)
# Field labels with their keyboard mnemonics (the section names themselves have none).
SECTION_LABELS: dict[SectionKind, str] = {
    SectionKind.PRIVATE_PREPARATION: N_("My private preparation"),
    SectionKind.PARENTS_INPUT: N_("The parents' inp&ut"),
    SectionKind.AGENDA: N_("Agen&da"),
    SectionKind.ACADEMIC: N_("Academic &development"),
    SectionKind.SOCIAL_WELLBEING: N_("&Social development and wellbeing"),
    SectionKind.STRENGTHS_DEVELOPMENT: N_("Strengths and possibilities to develop"),
    SectionKind.CONCERNS: N_("Concerns and pro&blems"),
    SectionKind.SUMMARY: N_("S&ummary"),
}
SECTION_HINTS: dict[SectionKind, str] = {
    SectionKind.PRIVATE_PREPARATION: N_("Your own notes before the conversation…"),
    SectionKind.PARENTS_INPUT: N_("What the parents wrote on the preparation sheet…"),
    SectionKind.AGENDA: N_("What you will talk about…"),
    SectionKind.ACADEMIC: N_("How the pupil is doing in the subjects…"),
    SectionKind.SOCIAL_WELLBEING: N_("Friends, the class, how the pupil thrives…"),
    SectionKind.STRENGTHS_DEVELOPMENT: N_("Special competences and what can be developed…"),
    SectionKind.CONCERNS: N_("Problems the parents should know about…"),
    SectionKind.SUMMARY: N_("The main points, as the parents will read them…"),
}


@dataclass(frozen=True)
class SectionText:
    """What a section's fields hold; ``shared`` is None for the private preparation."""

    text: str
    shared: bool | None


class SectionBlock(QWidget):
    """A labelled text section with its notice and (never for the private one) its switch.

    ``extra`` is a widget shown in the caption's line, before the switch. A ``compact``
    block's field is as tall as its text (two lines at least), not as tall as it can be.
    """

    def __init__(
        self,
        kind: SectionKind,
        extra: QWidget | None = None,
        minimum_height: int = 90,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.extra = extra
        self.edit = text_edit(label(kind), _(SECTION_HINTS[kind]), minimum_height)
        if compact:
            fit_text(self.edit)
        caption = QLabel(_(SECTION_LABELS[kind]))
        caption.setBuddy(self.edit)
        set_bold(caption)
        self.notice = notice_label()
        self.unshared_label = QLabel(_("Not shared with the parents"))
        self.unshared_label.setTextFormat(Qt.TextFormat.PlainText)
        small = self.unshared_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        small.setItalic(True)
        self.unshared_label.setFont(small)
        self.unshared_label.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addSpacing(8)
        top.addWidget(self.unshared_label)
        top.addStretch(1)
        if extra is not None:
            top.addWidget(extra)
        self.shared_check: QCheckBox | None = None
        if kind is not SectionKind.PRIVATE_PREPARATION:
            check = QCheckBox(_("Shared with the parents"))
            check.setAccessibleName(
                _("{section}: shared with the parents").format(section=label(kind))
            )
            check.setToolTip(_("Shared sections are printed on the summary the parents receive."))
            self.shared_check = check
            top.addWidget(check)
            check.toggled.connect(self.show_shared)
        self._plain = QPalette(self.palette())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 2, 3, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.edit, 0 if compact else 1)
        layout.addWidget(self.notice)
        if self.shared_check is not None:
            self.show_shared(self.shared_check.isChecked())

    @property
    def shared(self) -> bool | None:
        """Whether the section is shown as shared; None for the private preparation."""
        return None if self.shared_check is None else self.shared_check.isChecked()

    def show_shared(self, on: bool) -> None:
        """A section kept from the parents wears the private preparation's tint."""
        set_private_look(self, self._plain, not on)
        self.unshared_label.setVisible(not on)
        self.setProperty("unshared", not on)

    def tab_chain(self) -> list[QWidget]:
        """The block's fields in the order Tab visits them: as they stand, left to right."""
        heading = [w for w in (self.extra, self.shared_check) if w is not None]
        return [*heading, self.edit]


class SectionsPage(Page):
    """A page of text sections; ``load(detail)`` fills them, ``values()`` reads them."""

    changed = Signal(object)  # the SectionKind typed in
    left = Signal(object)  # the SectionKind whose field lost the focus
    shared_changed = Signal(object, bool)  # a SectionKind's switch, and its new state

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blocks: dict[SectionKind, SectionBlock] = {}

    def _block(
        self,
        kind: SectionKind,
        extra: QWidget | None = None,
        minimum_height: int = 90,
        *,
        compact: bool = False,
    ) -> SectionBlock:
        block = SectionBlock(kind, extra, minimum_height, compact=compact)
        block.edit.textChanged.connect(lambda k=kind: self._typed(k))
        when_left(block.edit, partial(self.left.emit, kind))
        if block.shared_check is not None:
            block.shared_check.toggled.connect(lambda on, k=kind: self._shared(k, on))
        self.blocks[kind] = block
        return block

    @property
    def edits(self) -> dict[SectionKind, QPlainTextEdit]:
        return {kind: block.edit for kind, block in self.blocks.items()}

    @property
    def shared_checks(self) -> dict[SectionKind, QCheckBox]:
        return {
            kind: block.shared_check
            for kind, block in self.blocks.items()
            if block.shared_check is not None
        }

    def tab_chain(self) -> list[QWidget]:
        return [widget for block in self.blocks.values() for widget in block.tab_chain()]

    def load(self, detail: ConversationDetail) -> None:
        with self.quietly():
            for kind, block in self.blocks.items():
                section = detail.section(kind)
                block.edit.setPlainText(section.text)
                if block.shared_check is not None:
                    block.shared_check.setChecked(section.shared)

    def clear(self) -> None:
        with self.quietly():
            for block in self.blocks.values():
                block.edit.clear()

    def values(self) -> dict[SectionKind, SectionText]:
        return {
            kind: SectionText(
                block.edit.toPlainText(),
                None if block.shared_check is None else block.shared_check.isChecked(),
            )
            for kind, block in self.blocks.items()
        }

    def _typed(self, kind: SectionKind) -> None:
        if not self.loading:
            self.changed.emit(kind)

    def _shared(self, kind: SectionKind, on: bool) -> None:
        if not self.loading:
            self.shared_changed.emit(kind, on)
