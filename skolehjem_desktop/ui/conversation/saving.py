"""The editor's autosaves, one for each field or group of fields saved together.

A save the service refuses (a text over the limit) keeps the text in the field, shows
why in the notice under it, says so once in a message, and is tried again on the next
edit; the next save that works takes the notice away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.common.autosave import Autosave
from skolehjem_desktop.ui.common.context import UiContext


class Saver(Autosave):
    """An autosave that remembers whether its last save was refused, and where to say so."""

    def __init__(
        self, save: Callable[[], None], what: str, notice: QLabel, parent: QObject
    ) -> None:
        super().__init__(save, parent)
        self.what = what
        self.notice = notice
        self.refused = False

    def clear_refusal(self) -> None:
        self.refused = False
        self.notice.setVisible(False)
        self.notice.clear()


class Savers(QObject):
    """All the autosaves of one editor; ``saved`` after every save that worked."""

    saved = Signal()

    def __init__(self, owner: QWidget, ctx: UiContext) -> None:
        super().__init__(owner)
        self._owner = owner
        self._ctx = ctx
        self._savers: list[Saver] = []

    def add(self, save: Callable[[], None], what: str, notice: QLabel) -> Saver:
        """A new autosave running ``save``; ``what`` names the field in a refusal."""
        saver = Saver(save, what, notice, self)
        saver.failed.connect(lambda message, s=saver: self._refused(s, message))
        saver.saved.connect(lambda s=saver: self._done(s))
        self._savers.append(saver)
        return saver

    @property
    def dirty(self) -> bool:
        return any(saver.dirty for saver in self._savers)

    def flush(self) -> bool:
        """Save every pending edit now; True when everything is stored."""
        ok = True
        for saver in self._savers:
            ok = saver.flush() and ok
        return ok

    def discard(self) -> None:
        """Forget every pending edit and every refusal (another conversation is shown)."""
        for saver in self._savers:
            saver.discard()
            saver.clear_refusal()

    def _refused(self, saver: Saver, message: str) -> None:
        saver.notice.setText("⚠ " + message)
        saver.notice.setVisible(True)
        if saver.refused:
            return  # said once already; the notice under the field stays
        saver.refused = True
        self._ctx.dialogs.error(
            self._owner,
            _("“{what}” could not be saved.").format(what=saver.what)
            + "\n"
            + message
            + "\n\n"
            + _("What you typed is kept in the field; it is saved as soon as it fits."),
        )

    def _done(self, saver: Saver) -> None:
        saver.clear_refusal()
        self.saved.emit()
