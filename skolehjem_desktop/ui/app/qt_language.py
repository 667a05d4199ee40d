"""Qt's own dialogs, buttons and calendar in the program's language (``qtbase_*.qm``)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def install_qt_translations(app: QApplication, lang: str) -> None:
    """Qt's own dialogs and buttons in the program's language (``qtbase_*.qm``)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for old in app.findChildren(QTranslator, "skolehjem-qtbase"):
        app.removeTranslator(old)
        old.deleteLater()

    if lang == "da":
        QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if lang == "en":
        return
    translator = QTranslator(app)
    translator.setObjectName("skolehjem-qtbase")
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", path):
        app.installTranslator(translator)
