"""The Preparation page: the teacher's private notes (tinted, with a padlock), the
colleagues' input under them (read-only, private too), the parents' input and the agenda,
which can start from the last conversation's."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.colleague_input import ColleagueInputInfo
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.conversation.compact import PRIVATE_TINT, private_palette, tinted
from skolehjem_desktop.ui.conversation.sections import SectionsPage

__all__ = ["PRIVATE_TINT", "PreparationPage", "lock_pixmap", "tinted"]


def lock_pixmap(colour: QColor, size: int = 16, ratio: float = 1.0) -> QPixmap:
    """A small padlock, drawn so it needs no icon file and follows the palette."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    pen = QPen(colour, s * 0.13)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(s * 0.28, s * 0.08, s * 0.44, s * 0.5), 0, 180 * 16)
    painter.drawLine(QPointF(s * 0.28, s * 0.33), QPointF(s * 0.28, s * 0.45))
    painter.drawLine(QPointF(s * 0.72, s * 0.33), QPointF(s * 0.72, s * 0.45))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(s * 0.15, s * 0.45, s * 0.7, s * 0.5), s * 0.08, s * 0.08)
    painter.end()
    return pixmap


class PreparationPage(SectionsPage):
    """Before the conversation. ``copy_agenda_button`` asks for the last agenda."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        private = self._build_private()
        self.copy_agenda_button = QPushButton(_("&Start from the last agenda"))
        self.copy_agenda_button.setToolTip(
            _("Copy the agenda of the pupil's previous conversation.")
        )
        right = QVBoxLayout()
        right.addWidget(self._block(SectionKind.PARENTS_INPUT), 1)
        right.addSpacing(6)
        right.addWidget(self._block(SectionKind.AGENDA, self.copy_agenda_button), 1)

        from skolehjem_desktop.ui.conversation.colleague_box import ColleagueInputBox

        self.colleague_box = ColleagueInputBox()
        left = QVBoxLayout()
        left.addWidget(private, 1)
        left.addWidget(self.colleague_box, 1)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addSpacing(6)
        layout.addLayout(right, 1)

    def _build_private(self) -> QFrame:
        """The private preparation in its tinted frame, under a padlock and a warning."""
        private = QFrame()
        private.setFrameShape(QFrame.Shape.StyledPanel)
        private.setAutoFillBackground(True)
        palette = private_palette(private.palette())
        private.setPalette(palette)
        lock = QLabel()
        lock.setPixmap(
            lock_pixmap(palette.color(QPalette.ColorRole.WindowText), 16, self.devicePixelRatioF())
        )
        lock.setAccessibleName(_("Private"))
        self.private_banner = QLabel(_("Private – never shared with the parents"))
        set_bold(self.private_banner)
        banner = QHBoxLayout()
        banner.addWidget(lock)
        banner.addWidget(self.private_banner, 1)
        private_layout = QVBoxLayout(private)
        private_layout.addLayout(banner)
        block = self._block(SectionKind.PRIVATE_PREPARATION)
        private_layout.addWidget(block, 1)
        explain = QLabel(_("Only you see this. It is never printed or exported for the parents."))
        explain.setWordWrap(True)
        private_layout.addWidget(explain)
        block.edit.setAccessibleDescription(_("Private – never shared with the parents"))
        return private

    def show_colleague_input(self, items: list[ColleagueInputInfo]) -> None:
        """The colleagues' input for the conversation (none: the box is hidden)."""
        self.colleague_box.show_inputs(items)

    def tab_chain(self) -> list[QWidget]:
        chain = super().tab_chain()
        private = self.blocks[SectionKind.PRIVATE_PREPARATION].edit
        at = chain.index(private) + 1
        box = self.colleague_box
        return [*chain[:at], box.view, box.remove_button, *chain[at:]]

    def clear(self) -> None:
        super().clear()
        self.colleague_box.show_inputs([])

    def set_agenda(self, text: str) -> None:
        """Put ``text`` in the agenda as stored already: no change to save."""
        with self.quietly():
            self.blocks[SectionKind.AGENDA].edit.setPlainText(text)
