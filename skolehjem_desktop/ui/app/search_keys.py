"""The keys of the pupil search above the list of pupils, and what a list's change opens.

In the search field Down goes to the pupils found (the first highlighted), Enter opens the
first pupil found, Escape clears the search and a second Escape goes back to where the
teacher was before Ctrl+F. In the list Enter opens the pupil highlighted and Escape clears
the search. Nothing opens while the teacher types: the rows the filter takes away never
move the list's choice to another pupil.

Built before the data is open: nothing here may import the services or the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchKeys(QObject):
    """Watches the search field and the list of pupils for the keys above."""

    def __init__(
        self,
        edit: QLineEdit,
        pupils: QListView,
        *,
        open_index: Callable[[QModelIndex], None],
        fallback: Callable[[], QWidget | None],
    ) -> None:
        super().__init__(edit)
        self.edit, self.pupils = edit, pupils
        self._open_index = open_index  # opens the pupil of a row of the list
        self._fallback = fallback  # where Escape goes when the teacher came from nowhere
        self._came_from: QWidget | None = None
        self.filtering = False  # True while the filter changes the rows
        edit.installEventFilter(self)
        pupils.installEventFilter(self)

    def remember_focus(self) -> None:
        """Called before the search takes the focus (Ctrl+F): Escape goes back there."""
        focused = QApplication.focusWidget()
        if focused is not None and focused not in (self.edit, self.pupils):
            self._came_from = focused

    @contextmanager
    def filter_change(self) -> Iterator[None]:
        """Around a change of the filter: a row taken away opens nobody else."""
        self.filtering = True
        try:
            yield
        finally:
            self.filtering = False

    def highlight(self, index: QModelIndex) -> None:
        """Make ``index`` the list's current row without opening its pupil."""
        model = self.pupils.selectionModel()
        model.blockSignals(True)
        try:
            if index.isValid():
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                model.setCurrentIndex(index, flags)
                self.pupils.scrollTo(index)
            else:
                model.clearCurrentIndex()
                model.clearSelection()
        finally:
            model.blockSignals(False)
        self.pupils.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape and watched in (self.edit, self.pupils):
                event.accept()  # Escape is ours here, not a shortcut's
                return True
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return False
        if watched is self.edit:
            return self._in_field(event.key())
        if watched is self.pupils:
            return self._in_list(event.key())
        return False

    def _first(self) -> QModelIndex:
        current = self.pupils.currentIndex()
        return current if current.isValid() else self.pupils.model().index(0, 0)

    def _in_field(self, key: int) -> bool:
        if key == Qt.Key.Key_Down or key in _ENTER:
            first = self._first()
            if not first.isValid():
                return True  # nobody found: stay in the field
            if key == Qt.Key.Key_Down:
                self.highlight(first)
            else:
                self.highlight(first)
                self._open_index(first)
            self.pupils.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key == Qt.Key.Key_Escape:
            if self.edit.text():
                self.edit.clear()
            else:
                self._leave()
            return True
        return False

    def _in_list(self, key: int) -> bool:
        if key in _ENTER:
            index = self.pupils.currentIndex()
            if index.isValid():
                self._open_index(index)
            return True
        if key == Qt.Key.Key_Escape and self.edit.text():
            self.edit.clear()
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _leave(self) -> None:
        target = self._came_from
        self._came_from = None
        if target is None or not target.isVisible() or not target.isEnabled():
            target = self._fallback()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
