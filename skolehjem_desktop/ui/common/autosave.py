"""Save as the teacher types: a debounced save, flushed on focus change and on close.

A widget calls :meth:`Autosave.touch` on every edit. About a second after the last
edit (or at once on :meth:`flush`) the save function runs, and never more than two
seconds after the first unsaved edit: a teacher who types on without a pause is saved
all the same, so a crash loses at most the last two seconds. A save that fails
with a :class:`UserError` is reported through ``failed`` and the text stays in the
widget, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from skolehjem_desktop.errors import UserError

DELAY_MS = 1000
MAX_DELAY_MS = 2000  # the longest an edit waits, however steadily the teacher types


class Autosave(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MAX_DELAY_MS)
        self._deadline.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def touch(self) -> None:
        """Something changed: save about a second from now, at most two from the first."""
        if not self._dirty or not self._deadline.isActive():
            self._deadline.start()
        self._dirty = True
        self._timer.start()

    def flush(self) -> bool:
        """Save now if anything is unsaved; True when everything is saved."""
        self._timer.stop()
        self._deadline.stop()
        if not self._dirty:
            return True
        try:
            self._save()
        except UserError as exc:
            self.failed.emit(exc.message)
            return False
        self._dirty = False
        self.saved.emit()
        return True

    def discard(self) -> None:
        """Forget pending changes (the record they belong to is gone)."""
        self._timer.stop()
        self._deadline.stop()
        self._dirty = False
