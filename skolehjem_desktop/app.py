"""Start the window: Qt application, translations, the data folder, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from skolehjem_desktop import APP_NAME, __version__, i18n
from skolehjem_desktop.config import resolve_data_dir
from skolehjem_desktop.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop.ui.dialogs import Dialogs
    from skolehjem_desktop.ui.main_window import MainWindow
    from skolehjem_desktop.ui.single_instance import SingleInstance


def create_main_window(
    data_dir: str | os.PathLike[str] | None,
    lang: str | None = None,
    *,
    dialogs: Dialogs | None = None,
    settings: QSettings | None = None,
    passphrase: str | None = None,
) -> MainWindow:
    """Build the real main window over the data folder, on an existing QApplication.

    The language is ``lang``, else the one chosen in the program's settings, else the
    system's. ``dialogs`` and ``settings`` let tests replace message boxes and QSettings.
    """
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database
    from skolehjem_desktop.ui.context import UiContext
    from skolehjem_desktop.ui.dialogs import Dialogs
    from skolehjem_desktop.ui.main_window import MainWindow

    services = Services(open_database(resolve_data_dir(data_dir), passphrase))
    language = i18n.activate(lang or services.school.language() or i18n.system_language()).lang
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translations(app, language)
    ctx = UiContext(services, dialogs or Dialogs())
    return MainWindow(ctx, settings)


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


def run_gui(data_dir: str | os.PathLike[str] | None, lang: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    i18n.activate(lang or i18n.system_language())
    folder = resolve_data_dir(data_dir)
    instance = claim_data_dir(folder)
    if instance is None:
        return 1
    from skolehjem_desktop.store.crypto import is_encrypted
    from skolehjem_desktop.ui.crypto_dialogs import IdleLock, ask_passphrase, idle_lock_minutes

    passphrase = None
    if is_encrypted(folder):
        passphrase = ask_passphrase(None, folder)
        if passphrase is None:  # the teacher chose not to open the data now
            instance.release()
            return 0
    try:
        window = create_main_window(folder, lang, passphrase=passphrase)
    except UserError as exc:
        install_qt_translations(app, i18n.active().lang)
        recovered = _offer_latest_backup(folder, exc, passphrase)
        if recovered is None:
            instance.release()
            return 1
        window = recovered
    instance.attach(window)
    install_bug_handler(window)
    # A protected folder hides behind its passphrase after the chosen idle time.
    window.idle_lock = IdleLock(window, idle_lock_minutes(window.ctx))
    window.show()
    try:
        return app.exec()
    finally:
        instance.release()


def _offer_latest_backup(
    folder: Path, error: UserError, passphrase: str | None
) -> MainWindow | None:
    """The data could not be opened: say why, and offer the latest good backup.

    Nothing is replaced without the teacher's yes, and what is replaced is kept as a
    copy in ``backups/``. A database of a newer version is never replaced: it is only
    reported (the newer program can open it).
    """
    from PySide6.QtWidgets import QMessageBox

    from skolehjem_desktop.services.backups import latest_good_backup, restore_from
    from skolehjem_desktop.store.database import DatabaseRefused, NewerDatabase

    good = None
    if isinstance(error, DatabaseRefused) and not isinstance(error, NewerDatabase):
        good = latest_good_backup(folder, passphrase)
    if good is None:
        QMessageBox.critical(None, APP_NAME, error.message)
        return None
    question = (
        error.message
        + "\n\n"
        + i18n._(
            "Restore the latest good backup, {name}? The file that could not be opened "
            "is kept in the backups folder."
        ).format(name=good.name)
    )
    answer = QMessageBox.question(None, APP_NAME, question)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        result = restore_from(folder, good, engine_closer=lambda: None, passphrase=passphrase)
        result.db.close()
        return create_main_window(folder, None, passphrase=passphrase)
    except UserError as again:
        QMessageBox.critical(None, APP_NAME, again.message)
        return None


def claim_data_dir(folder: Path) -> SingleInstance | None:
    """Take the data folder for this window, or bring the window already on it forward.

    None when another instance holds the folder: it was asked to come forward and the
    message was given (on stderr, and in a message box when that instance did not answer).
    """
    from PySide6.QtWidgets import QMessageBox

    from skolehjem_desktop.ui.single_instance import SingleInstance, already_open_message

    instance = SingleInstance(folder)
    outcome = instance.claim()
    if outcome == "mine":
        return instance
    message = already_open_message()
    print(f"{APP_NAME}: {message}", file=sys.stderr)
    if outcome == "busy":
        QMessageBox.information(None, APP_NAME, message)
    return None


def install_bug_handler(window: MainWindow) -> None:
    """A bug in the window is logged (technical facts only) and met with an apology."""
    from skolehjem_desktop.logs import describe_bug, write_log

    data_dir = window.services.db.data_dir

    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        path = write_log(data_dir, describe_bug(kind, tb))
        window.ctx.dialogs.error(
            window,
            i18n._(
                "Sorry, something went wrong inside the program. What was saved is safe. "
                "The technical details are in {path}."
            ).format(path=path),
        )

    sys.excepthook = handle
