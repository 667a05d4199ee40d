"""The colleagues' input on the Preparation page: read-only, tinted as private.

What subject teachers wrote on their sheets about the pupil before this conversation
(``services.colleague_inputs.for_conversation``), each under who wrote it and when
("Bo Lund, Matematik, 04.12.2026"). It is the school's own preparation, never shared
with the parents, and wears the private preparation's tint and padlock. Hidden while
no colleague has written anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.services.colleague_input import ColleagueInputInfo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.conversation.compact import private_palette


def who_and_when(item: ColleagueInputInfo) -> str:
    """ "Bo Lund, Matematik, 04.12.2026": who wrote it, in which subject, when it came."""
    parts = [item.colleague or _("A colleague"), item.subject, short_date(item.received_at.date())]
    return ", ".join(p for p in parts if p)


def input_html(items: Sequence[ColleagueInputInfo]) -> str:
    """The inputs as the box shows them: who and when, then each answer with its label."""
    labels = (
        (_("Academic"), "academic"),
        (_("Wellbeing"), "wellbeing"),
        (_("Suggested focus points"), "focus_suggestions"),
    )
    blocks = []
    for item in items:
        lines = [f"<p style='margin:0'><b>{escape(who_and_when(item))}</b></p>"]
        for caption, attr in labels:
            text = getattr(item, attr).strip()
            if text:
                body = escape(text).replace("\n", "<br/>")
                lines.append(f"<p style='margin:0 0 0 8px'><i>{escape(caption)}:</i> {body}</p>")
        blocks.append("".join(lines))
    return "<hr/>".join(blocks)


class ColleagueInputBox(QFrame):
    """The colleagues' input for the shown conversation (read-only, private)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from skolehjem_desktop.ui.conversation.preparation_page import lock_pixmap

        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = private_palette(self.palette())
        self.setPalette(palette)
        lock = QLabel()
        lock.setPixmap(
            lock_pixmap(palette.color(QPalette.ColorRole.WindowText), 16, self.devicePixelRatioF())
        )
        lock.setAccessibleName(_("Private"))
        self.title = QLabel(_("Input from colleagues"))
        set_bold(self.title)
        self.not_shared = QLabel(_("Not shared with the parents"))
        italic = self.not_shared.font()
        italic.setItalic(True)
        self.not_shared.setFont(italic)
        top = QHBoxLayout()
        top.addWidget(lock)
        top.addWidget(self.title)
        top.addSpacing(8)
        top.addWidget(self.not_shared, 1)
        # A sheet read for the wrong pupil, or input that is done with: it can be removed.
        self.remove_button = QPushButton(_("Remove…"))
        self.remove_button.setAccessibleName(_("Remove a colleague's input"))
        top.addWidget(self.remove_button)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(_("Input from colleagues"))
        self.view.setAccessibleDescription(_("Not shared with the parents"))
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setTabChangesFocus(True)
        line = self.view.fontMetrics().lineSpacing()
        self.view.setMinimumHeight(line * 4 + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.items: tuple[ColleagueInputInfo, ...] = ()
        self.setVisible(False)

    def show_inputs(self, items: Sequence[ColleagueInputInfo]) -> None:
        """Show ``items``; the box hides while there are none."""
        self.items = tuple(items)
        self.view.setHtml(input_html(self.items))
        self.title.setText(
            _("Input from colleagues ({n})").format(n=len(self.items))
            if len(self.items) > 1
            else _("Input from colleagues")
        )
        self.setVisible(bool(self.items))

    def text(self) -> str:
        return self.view.toPlainText()


def remove_input(ctx: UiContext, parent: QWidget, box: ColleagueInputBox) -> int | None:
    """Ask which input (when there are several) and whether to remove it; its id when it was
    removed. Nothing else of the conversation changes."""
    items = box.items
    if not items:
        return None
    index: int | None = 0
    if len(items) > 1:
        index = ctx.dialogs.choose(
            parent,
            _("Remove a colleague's input"),
            _("Which colleague's input do you want to remove?"),
            [who_and_when(item) for item in items],
        )
    if index is None:
        return None
    item = items[index]
    if not ctx.dialogs.confirm(
        parent,
        _("Remove a colleague's input"),
        _("Remove the input from {who}? It cannot be undone.").format(who=who_and_when(item)),
        _("&Remove"),
    ):
        return None

    def remove() -> bool:
        ctx.services.colleague_inputs.remove(item.id)
        return True

    if ctx.attempt(parent, remove) is None:  # a refusal was shown
        return None
    box.show_inputs([i for i in items if i.id != item.id])
    return item.id
