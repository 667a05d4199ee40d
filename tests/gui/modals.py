"""Answering a modal dialog a test opens: its exec() blocks, so the answer is queued first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

POLL_MS = 20


def answer_modal(handle: Callable[[QDialog], None]) -> list[QDialog]:
    """Handle the next modal dialog when it opens; it is rejected if ``handle`` leaves it open.

    The list it returns gets the dialog once it was handled (empty: none opened).
    """
    seen: list[QDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(POLL_MS, run)
            return
        seen.append(dialog)
        try:
            handle(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return seen
