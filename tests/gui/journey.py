"""What the journey test needs to act as a teacher and count what the teacher did.

An action is what a teacher does once: a click, a key press (a shortcut with its modifiers
is one press), or one typed text (a name, a sentence, a date). An answer to a question box
is a click on its button; a file chosen in a file dialog is a typed name (the dialog starts
in the right folder). The counts are per step of the journey and are printed at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

MODAL_POLL_MS = 10


@dataclass
class Journey:
    qtbot: object
    counts: dict[str, int] = field(default_factory=dict)
    step_name: str = ""

    def step(self, name: str) -> None:
        self.step_name = name
        self.counts.setdefault(name, 0)

    def _count(self, n: int = 1) -> None:
        self.counts[self.step_name] += n

    def answered(self, n: int = 1) -> None:
        """The teacher answered n questions (ScriptedDialogs): a click each."""
        self._count(n)

    def type(self, widget: QWidget, text: str) -> None:
        """Type into the field that has the focus (or a field clicked into first)."""
        if not widget.hasFocus():
            widget.setFocus()
        self.qtbot.keyClicks(widget, text)  # type: ignore[attr-defined]
        self._count()

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.qtbot.keyClick(widget, key, modifier)  # type: ignore[attr-defined]
        self._count()

    def tab_to(self, widget: QWidget) -> None:
        """Press Tab to reach the next field (as the tab order goes; a line edit reached
        by Tab has its text selected). Done directly: the offscreen platform gives no
        window the keyboard focus that Tab would move."""
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        self._count()

    def shortcut(self, window: QWidget, action_name: str) -> None:
        """Press the action's shortcut: one key press (triggered, as Qt would)."""
        action = window.actions_by_name[action_name]  # type: ignore[attr-defined]
        assert not action.shortcut().isEmpty(), action_name
        action.trigger()
        self._count()

    def menu(self, window: QWidget, action_name: str) -> None:
        """Choose an action in a menu: open the menu and choose it, two clicks."""
        window.actions_by_name[action_name].trigger()  # type: ignore[attr-defined]
        self._count(2)

    def click(self, widget: QWidget) -> None:
        pos = widget.rect().center()
        if isinstance(widget, QAbstractButton) and widget.isCheckable():
            pos = QPoint(8, widget.height() // 2)  # on the mark of a radio or check box
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[attr-defined]
        self._count()

    def table(self) -> str:
        width = max(len(n) for n in self.counts)
        lines = [f"{n.ljust(width)}  {c:3d}" for n, c in self.counts.items()]
        lines.append(f"{'total'.ljust(width)}  {sum(self.counts.values()):3d}")
        return "\n".join(lines)


def when_modal(kind: type[QWidget], drive: Callable[[QWidget], None]) -> None:
    """Once a modal dialog of ``kind`` is up (its exec() blocks the caller), drive it."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            drive(widget)
        else:
            QTimer.singleShot(MODAL_POLL_MS, poll)

    QTimer.singleShot(0, poll)
