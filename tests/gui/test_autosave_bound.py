"""The autosave's longest wait: a teacher who types on without a pause is saved too."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, QTimer

from skolehjem_desktop.ui.common import autosave


def test_steady_typing_is_saved_within_the_longest_wait(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(autosave, "DELAY_MS", 500)  # a pause the typing never leaves
    monkeypatch.setattr(autosave, "MAX_DELAY_MS", 1000)
    saves: list[float] = []
    owner = QObject()
    saver = autosave.Autosave(lambda: saves.append(time.monotonic()), owner)
    keys = QTimer(owner)
    keys.setInterval(100)  # a key every 100 ms, never a pause of 500
    keys.timeout.connect(saver.touch)
    started = time.monotonic()
    saver.touch()
    keys.start()
    qtbot.waitUntil(lambda: len(saves) >= 2, timeout=4000)
    keys.stop()
    assert saves[0] - started < 1.5  # the first save came at the longest wait, not never
    assert saves[1] - saves[0] < 1.5  # and the next one as long again
    assert saver.flush() and not saver.dirty
