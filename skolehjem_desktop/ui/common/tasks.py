"""Long work off the GUI thread, with a progress dialog that can be cancelled.

    result = run_task(parent, _("Importing…"), work)

``work(progress)`` runs in a worker thread; it calls ``progress(done, total, text)``
and, when that returns False (the teacher pressed Cancel), stops by raising
:class:`Cancelled`. Work that finishes returns its result even if Cancel came too
late to stop it: a step that cannot stop halfway (one transaction) stands. The
window keeps painting meanwhile. An error from the work, :class:`Cancelled`
included, is raised again in the GUI thread, where the caller handles it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
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


class _ProgressView(QObject):
    """Lives in the GUI thread, so progress reaches the dialog through a queued signal."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self._dialog = dialog

    @Slot(int, int, str)
    def show(self, done: int, total: int, text: str) -> None:
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(done)
        if text:
            self._dialog.setLabelText(text)


def run_task(parent: QWidget | None, title: str, work: Callable[[Progress], T]) -> T:
    """Run ``work`` in a thread behind a modal progress dialog; return its result."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    # The window waits for the work: no second task, no closing under a running one.
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    view = _ProgressView(dialog)
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    loop = QEventLoop()

    worker.progressed.connect(view.show, Qt.ConnectionType.QueuedConnection)
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(worker.cancel_event.set)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    # Closing the dialog says "canceled"; the work is over, so nobody listens any more.
    dialog.canceled.disconnect(worker.cancel_event.set)
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[no-any-return]
