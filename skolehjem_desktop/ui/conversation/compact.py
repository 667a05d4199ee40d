"""What keeps the editor's pages compact on a laptop, and the tint of what stays private.

A text field as tall as its text (between a few lines and a cap, then it scrolls), a
table as tall as its rows and one empty row (up to a cap), and the tint of the private
preparation, which a section not shared with the parents wears too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QTableView, QWidget

PRIVATE_TINT = QColor(255, 190, 40)


def tinted(base: QColor, tint: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` of the way towards ``tint`` (works on light and dark)."""
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def private_palette(palette: QPalette) -> QPalette:
    """``palette`` with the private preparation's tint on its window and its fields."""
    result = QPalette(palette)
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    result.setColor(QPalette.ColorRole.Window, tinted(window, PRIVATE_TINT, 0.22))
    result.setColor(QPalette.ColorRole.Base, tinted(base, PRIVATE_TINT, 0.12))
    return result


def text_height(edit: QPlainTextEdit, lines: int) -> int:
    """The height of ``edit`` showing ``lines`` lines of its font, frame and margins."""
    margins = edit.contentsMargins()
    return (
        edit.fontMetrics().lineSpacing() * lines
        + round(2 * edit.document().documentMargin())
        + margins.top()
        + margins.bottom()
        + 2
    )


class FitText(QObject):
    """Keeps a text field as tall as its (wrapped) text, ``least`` to ``most`` lines."""

    def __init__(self, edit: QPlainTextEdit, least: int, most: int) -> None:
        super().__init__(edit)
        self.edit, self.least, self.most = edit, least, most
        edit.document().documentLayout().documentSizeChanged.connect(self.fit)
        edit.installEventFilter(self)
        self.fit()

    def lines(self) -> int:
        """The lines the text takes at the field's width (QPlainTextEdit counts lines)."""
        return max(1, round(self.edit.document().documentLayout().documentSize().height()))

    def fit(self) -> None:
        lines = min(self.most, max(self.least, self.lines()))
        height = text_height(self.edit, lines)
        if self.edit.height() != height or self.edit.minimumHeight() != height:
            self.edit.setFixedHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self.fit()
        return False


def fit_text(edit: QPlainTextEdit, least: int = 2, most: int = 14) -> FitText:
    return FitText(edit, least, most)


class FitRows(QObject):
    """Keeps a table as tall as its header, its rows and ``spare`` empty rows (up to ``most``)."""

    def __init__(self, view: QTableView, spare: int = 1, most: int = 8) -> None:
        super().__init__(view)
        self.view, self.spare, self.most = view, spare, most
        model = view.model()
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.modelReset,
            model.layoutChanged,
        ):
            signal.connect(self.fit)
        view.verticalHeader().sectionResized.connect(self.fit)
        self.fit()

    def height(self) -> int:
        rows = self.view.verticalHeader()
        shown = min(self.view.model().rowCount(), self.most)
        body = sum(rows.sectionSize(row) for row in range(shown))
        body += rows.defaultSectionSize() * max(0, min(self.spare, self.most - shown))
        header = self.view.horizontalHeader()
        header_height = header.sizeHint().height() if not header.isHidden() else 0
        return body + header_height + 2 * self.view.frameWidth() + 2

    def fit(self, *_args: object) -> None:
        height = self.height()
        if self.view.minimumHeight() != height or self.view.maximumHeight() != height:
            self.view.setFixedHeight(height)


def fit_rows(view: QTableView, spare: int = 1, most: int = 8) -> FitRows:
    return FitRows(view, spare, most)


def set_private_look(widget: QWidget, plain: QPalette, private: bool) -> None:
    """Tint ``widget`` as the private preparation (``private``) or give it ``plain``."""
    widget.setAutoFillBackground(private)
    widget.setPalette(private_palette(plain) if private else plain)
