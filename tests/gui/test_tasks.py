"""Long work off the GUI thread: results, errors, progress and cancel."""

from __future__ import annotations

import threading
import time

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

    def press_cancel() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog):
                shown.append(widget.isVisible())
                button = widget.findChild(QPushButton)
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        QTimer.singleShot(50, press_cancel)

    def work(progress):
        for i in range(200):
            steps.append(i)
            if not progress(i, 200, ""):
                raise Cancelled
            time.sleep(0.02)
        return "done"

    QTimer.singleShot(400, press_cancel)
    with pytest.raises(Cancelled):
        run_task(None, "Working", work)
    assert 0 < len(steps) < 200
    assert shown == [True]
