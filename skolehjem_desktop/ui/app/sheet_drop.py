"""A filled-in sheet dropped on the main window is read like one chosen in the File menu.

Only a single local ``.pdf`` file is taken; anything else dropped is left to the widget
under it (a text field takes dropped text as before).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from skolehjem_desktop.ui.common.host import Host


def dropped_pdf(mime: QMimeData) -> Path | None:
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == ".pdf" else None


class SheetDrop(QObject):
    def __init__(self, host: Host, window: QMainWindow) -> None:
        super().__init__(window)
        self.host = host

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if dropped_pdf(event.mimeData()) is not None and _ready(self.host):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = dropped_pdf(event.mimeData())
            if path is not None and _ready(self.host):
                event.acceptProposedAction()
                # After the drop has finished: the preview is a dialog of its own.
                QTimer.singleShot(0, lambda: _read(self.host, path))
                return True
        return False


def _read(host: Host, path: Path) -> None:
    from skolehjem_desktop.ui.dialogs.sheet_preview import read_sheet_file

    read_sheet_file(host, path)


def install(window: QMainWindow, host: Host) -> SheetDrop:
    """Let the window take a dropped sheet."""
    window.setAcceptDrops(True)
    drop = SheetDrop(host, window)
    window.installEventFilter(drop)
    return drop


def _ready(host: Host) -> bool:
    """The data is open (a window still waiting for its data folder takes no sheet)."""
    return bool(getattr(host, "attached", True))
