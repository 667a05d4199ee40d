"""Long work off the GUI thread, with a progress dialog that can be cancelled.

    result = run_task(parent, _("Importing…"), work)

``work(progress)`` runs in a worker thread; it calls ``progress(done, total, text)``
and should stop when that returns False (the teacher pressed Cancel). The window
keeps painting meanwhile. A :class:`UserError` from the work is re-raised in the
GUI thread, where the caller shows it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from skolehjem_desktop.i18n import _

T = TypeVar("T")
Progress = Callable[[int, int, str], bool]


class Cancelled(Exception):
    """The teacher cancelled the task."""


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._work = work
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def _progress(self, done: int, total: int, text: str) -> bool:
        self.progressed.emit(done, total, text)
        return not self.cancel_event.is_set()

    @Slot()
    def run(self) -> None:
        try:
            self.result = self._work(self._progress)
        except BaseException as exc:  # handed to the GUI thread
            self.error = exc
        self.finished.emit()


def run_task(parent: QWidget | None, title: str, work: Callable[[Progress], T]) -> T:
    """Run ``work`` in a thread behind a modal progress dialog; return its result."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    loop = QEventLoop()

    def on_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done)
        if text:
            dialog.setLabelText(text)

    worker.progressed.connect(on_progress)
    worker.finished.connect(loop.quit)
    dialog.canceled.connect(worker.cancel_event.set)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.cancel_event.is_set() and worker.error is None:
        raise Cancelled
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[no-any-return]
