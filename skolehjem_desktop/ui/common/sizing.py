"""Dialogs no bigger than the screen they open on.

A dialog asks for the size it would like (no more than fits a 1366×768 laptop screen
with its title bar and a taskbar, 1350×688); on a smaller screen it gets what the screen
has free, less the window manager's frame.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from skolehjem_desktop.ui.common.placement import FRAME_HEIGHT, FRAME_WIDTH


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, less where the screen it opens on is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - FRAME_WIDTH)
        height = min(height, free.height() - FRAME_HEIGHT)
    widget.resize(width, height)
