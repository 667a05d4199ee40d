"""Qt's own buttons and the calendar speak the program's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


def _window(qtbot, tmp_path, lang):
    settings = QSettings(str(tmp_path / f"{lang}.ini"), QSettings.Format.IniFormat)
    win = create_main_window(tmp_path / "data", lang, dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    return win


def test_danish_qt_buttons_and_calendar(qtbot, tmp_path) -> None:
    _window(qtbot, tmp_path, "da")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"
    assert QLocale().language() == QLocale.Language.Danish
    assert QLocale().dayName(1) == "mandag"


def test_english_qt_buttons_and_calendar(qtbot, tmp_path) -> None:
    _window(qtbot, tmp_path, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QLocale().language() == QLocale.Language.English
    assert QLocale().dayName(1) == "Monday"
