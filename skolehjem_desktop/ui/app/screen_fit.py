"""The main window placed on the screen it opens on (the rule is :mod:`.placement`)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from skolehjem_desktop.ui.common.placement import Box, first_placement, saved_fits


def box(rect: QRect) -> Box:
    return Box(rect.x(), rect.y(), rect.width(), rect.height())


def _screen_of(window: QWidget) -> QScreen | None:
    found = QGuiApplication.screenAt(window.geometry().center())
    return found if found is not None else window.screen() or QGuiApplication.primaryScreen()


def place_window(window: QWidget, saved: QByteArray | None) -> None:
    """Restore ``saved`` if it still fits its screen, else open as :func:`first_placement` says."""
    if saved is not None and window.restoreGeometry(saved):
        screen = _screen_of(window)
        if screen is None or saved_fits(
            box(window.geometry()),
            box(screen.availableGeometry()),
            maximized=window.isMaximized() or window.isFullScreen(),
        ):
            return
        window.setWindowState(Qt.WindowState.WindowNoState)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    placement = first_placement(box(screen.availableGeometry()))
    b = placement.box
    window.setGeometry(b.x, b.y, b.width, b.height)
    if placement.maximized:
        window.setWindowState(Qt.WindowState.WindowMaximized)
