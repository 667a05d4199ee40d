"""What the editor's pages share: the notice under a field, a text field, a form row, a page.

A page's ``load`` and ``clear`` fill its fields ``quietly()``: what a page announces as
changed is always the teacher's doing, never the loading of a conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QWidget


def notice_label() -> QLabel:
    """The red line under a field that says why what was typed could not be saved."""
    notice = QLabel()
    notice.setWordWrap(True)
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setStyleSheet("color: #b00020;")
    notice.setVisible(False)
    return notice


def text_edit(accessible: str, hint: str, minimum_height: int = 90) -> QPlainTextEdit:
    """A text field of several lines; Tab leaves it instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(hint)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(minimum_height)
    return edit


def form_row(
    form: QFormLayout, text: str, buddy: QWidget, field: QWidget | QHBoxLayout | None = None
) -> None:
    """A row of ``form`` captioned ``text``, whose mnemonic goes to ``buddy``."""
    caption = QLabel(text)
    caption.setBuddy(buddy)
    if isinstance(field, QHBoxLayout):
        form.addRow(caption, field)
    else:
        form.addRow(caption, field or buddy)


class _FocusOut(QObject):
    def __init__(self, left: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._left = left

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._left()
        return False


def when_left(widget: QWidget, left: Callable[[], None]) -> None:
    """Call ``left`` each time ``widget`` loses the focus."""
    widget.installEventFilter(_FocusOut(left, widget))


class Page(QWidget):
    """A page of the editor, whose own filling of its fields is no change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False

    @property
    def loading(self) -> bool:
        """True while the page fills its fields itself."""
        return self._loading

    @contextmanager
    def quietly(self) -> Iterator[None]:
        self._loading = True
        try:
            yield
        finally:
            self._loading = False
