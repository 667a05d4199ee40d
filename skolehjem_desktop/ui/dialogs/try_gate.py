"""Slower guessing of a passphrase: after a few wrong tries, each next one must wait."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from skolehjem_desktop.i18n import _

FREE_TRIES = 3  # wrong passphrases before each next try has to wait
FIRST_WAIT_MS = 2000  # then 2 s, 4 s, 8 s … at most MAX_WAIT_MS
MAX_WAIT_MS = 30_000


class TryGate(QObject):
    """Slows down guessing: after a few wrong passphrases, each next try must wait."""

    def __init__(self, parent: QWidget, *widgets: QWidget) -> None:
        super().__init__(parent)
        self._widgets = widgets
        self.wrong = 0

    def failed(self, error: QLabel) -> None:
        """One more wrong try: close the gate for a while if the free tries are used."""
        self.wrong += 1
        if self.wrong < FREE_TRIES:
            return
        wait = min(FIRST_WAIT_MS * 2 ** (self.wrong - FREE_TRIES), MAX_WAIT_MS)
        for widget in self._widgets:
            widget.setEnabled(False)
        error.setText(
            error.text()
            + "\n"
            + _("Wait {n} seconds before the next try.").format(n=max(1, round(wait / 1000)))
        )
        QTimer.singleShot(wait, self._open)

    def _open(self) -> None:
        for widget in self._widgets:
            widget.setEnabled(True)
        if self._widgets:
            self._widgets[0].setFocus()
