"""Long work off the GUI thread: results, errors, progress and cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.ui.common.tasks import Cancelled, run_task


def test_the_result_comes_back_and_the_work_ran_in_another_thread(qtbot) -> None:
    seen: list[int] = []

    def work(progress):
        for i in range(5):
            assert progress(i, 5, f"step {i}")
        seen.append(threading.get_ident())
        return 42

    assert run_task(None, "Working", work) == 42
    assert seen and seen[0] != threading.get_ident()


def test_an_error_of_the_work_reaches_the_caller(qtbot) -> None:
    def work(progress):
        raise ValidationError("The list is broken.")

    with pytest.raises(ValidationError, match="broken"):
        run_task(None, "Working", work)


def test_cancel_stops_the_work(qtbot) -> None:
    steps: list[int] = []
    shown: list[bool] = []
    pressed = threading.Event()  # the teacher has pressed Cancel
    over = threading.Event()  # the work has ended, one way or another

    def press_cancel() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        if not dialogs:
            # The dialog shows after its minimum duration: look again on a later turn
            # (until the work is over; then the test fails on what the work returned).
            if not over.is_set():
                QTimer.singleShot(10, press_cancel)
            return
        (dialog,) = dialogs
        shown.append(dialog.isVisible())
        QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        pressed.set()

    def work(progress):
        try:
            for i in range(200):
                steps.append(i)
                if not progress(i, 200, ""):
                    raise Cancelled
                if i == 2:
                    # Busy here until the dialog is on the screen and Cancel pressed;
                    # bounded, so a dialog that never shows fails the test, not hangs it.
                    pressed.wait(timeout=10)
            return "done"
        finally:
            over.set()

    QTimer.singleShot(0, press_cancel)
    with pytest.raises(Cancelled):
        run_task(None, "Working", work)
    assert 0 < len(steps) < 200
    assert shown == [True]
