"""GUI tests: every test here is marked ``gui`` (``pytest -m "not gui"`` runs the pure ones).

The autosave waits about a second after the last edit for the teacher
(:data:`skolehjem_desktop.ui.common.autosave.DELAY_MS`). Here it waits
:data:`AUTOSAVE_DELAY_MS`, so a test that waits for a save waits on the save itself
(``qtbot.waitUntil`` on the stored row, ``qtbot.waitSignal`` on ``changed`` or
``failed``) and is done as soon as it happened, never "long enough" for a second.
A test that must show that something other than the pause saved (leaving the
field, a flush) is marked ``@pytest.mark.autosave_held``: its pause is longer than
any test, so the pause cannot have done it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from skolehjem_desktop.ui.common import autosave

AUTOSAVE_DELAY_MS = 20
HELD_AUTOSAVE_MS = 600_000  # longer than any test: the pause never saves


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "autosave_held: in this GUI test the autosave's pause never ends (no save)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _short_autosave_delay(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Autosave made in a GUI test pauses AUTOSAVE_DELAY_MS (HELD_AUTOSAVE_MS if marked)."""
    held = request.node.get_closest_marker("autosave_held") is not None
    delay = HELD_AUTOSAVE_MS if held else AUTOSAVE_DELAY_MS
    # Autosave reads the module's DELAY_MS when it is made, so every widget made during
    # the test (autouse fixtures come first) gets this pause; the teacher's stays 1000.
    monkeypatch.setattr(autosave, "DELAY_MS", delay)
    if held:  # nor does the longest wait end
        monkeypatch.setattr(autosave, "MAX_DELAY_MS", HELD_AUTOSAVE_MS)


@pytest.fixture
def type_in(qtbot):  # type: ignore[no-untyped-def]
    """Type a text into a line edit as a teacher does: focus, select all, keys, Enter."""

    def typing(field, text: str, enter: bool = True) -> None:  # type: ignore[no-untyped-def]
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
        if enter:
            qtbot.keyClick(field, Qt.Key.Key_Return)

    return typing
