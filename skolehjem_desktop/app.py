"""Start the window: Qt application, translations, the data folder, the main window.

Start-up order (``run_gui``): the Qt application, the single-instance claim, the
passphrase if the folder is protected, then the main window's *frame* is shown — menus
and empty lists saying "Opening…", built without SQLAlchemy or the database. Once it is
painted, the database is opened (SQLAlchemy imported, migrations if any) and the frame
is filled; the day's rolling backup is made right after (``open_database`` with
``defer_backup``). ``create_main_window`` builds the whole window at once (tests, tools).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from skolehjem_desktop import APP_NAME, __version__, i18n
from skolehjem_desktop.config import resolve_data_dir
from skolehjem_desktop.errors import UserError

# For tests and timings: close the window as soon as it has been painted with the data in
# it; the program then exits normally.
QUIT_AFTER_START_ENV = "SKOLEHJEM_QUIT_AFTER_START"

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from skolehjem_desktop.ui.app.main_window import MainWindow
    from skolehjem_desktop.ui.app.single_instance import SingleInstance
    from skolehjem_desktop.ui.common.dialogs import Dialogs
    from skolehjem_desktop.ui.dialogs.welcome import FirstStart


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

    from skolehjem_desktop.services.data_folder import DataFolder
    from skolehjem_desktop.ui.app.main_window import MainWindow
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.common.dialogs import Dialogs

    services = DataFolder.at(data_dir).open(passphrase)
    language = i18n.activate(lang or services.school.language() or i18n.system_language()).lang
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from skolehjem_desktop.ui.app.qt_language import install_qt_translations

        install_qt_translations(app, language)
    ctx = UiContext(services, dialogs or Dialogs())
    return MainWindow(ctx, settings)


def open_window(
    data_dir: str | os.PathLike[str] | None,
    lang: str | None = None,
    *,
    dialogs: Dialogs | None = None,
    settings: QSettings | None = None,
    passphrase: str | None = None,
    on_ready: Callable[[MainWindow], None] | None = None,
    on_refused: Callable[[MainWindow, UserError], bool] | None = None,
) -> MainWindow:
    """The main window's frame now; its data once the frame has been painted.

    The caller shows the frame. Its language is ``lang``, else the one the data chose
    when the window was last open (kept in QSettings), else the system's. When the
    data is open the frame is filled and ``on_ready(window)`` is called; should the data
    ask for another language than the frame was built in, a window in that language
    takes the frame's place and is the one given to ``on_ready``. A database that
    cannot be opened goes to ``on_refused(frame, error)``, which returns True when it
    put a good copy in place (the data is then opened again), False to give up.
    """
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop.ui.app.main_window import LANGUAGE_KEY, MainWindow
    from skolehjem_desktop.ui.app.qt_language import install_qt_translations

    folder = resolve_data_dir(data_dir)
    settings = settings if settings is not None else QSettings()
    hint = settings.value(LANGUAGE_KEY)
    remembered = hint if isinstance(hint, str) and hint in i18n.LANGUAGES else None
    language = i18n.activate(lang or remembered or i18n.system_language()).lang
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translations(app, language)
    frame = MainWindow(None, settings)

    def fill() -> None:
        if not frame.isVisible():  # closed while opening
            return
        from skolehjem_desktop.services.data_folder import DataFolder
        from skolehjem_desktop.ui.common.context import UiContext
        from skolehjem_desktop.ui.common.dialogs import Dialogs

        while True:
            try:
                services = DataFolder(folder).open(passphrase, defer_backup=True)
                break
            except UserError as exc:
                if on_refused is None or not on_refused(frame, exc):
                    frame.hide()  # on_refused decides whether the program ends
                    return
        ctx = UiContext(services, dialogs or Dialogs())
        wanted = i18n.activate(lang or services.school.language() or i18n.system_language()).lang
        window = frame
        if wanted != language:
            # The frame speaks another language than the data chose (its first start,
            # another folder): a window in the right one takes its place.
            if isinstance(app, QApplication):
                install_qt_translations(app, wanted)
            window = MainWindow(ctx, settings)
            window.setWindowState(frame.windowState())
            if not frame.isMaximized():
                window.setGeometry(frame.geometry())
            window.show()
            frame.hide()
            frame.deleteLater()
        else:
            frame.attach(ctx)
        if on_ready is not None:
            on_ready(window)

    frame.when_painted(fill)
    return frame


def ensure_utf8_locale(environ: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Give Qt a UTF-8 character type before it starts, so it prints no locale warning.

    In a C/POSIX locale (no ``LANG``: a bare root shell, a service, CI) Qt switches to
    C.UTF-8 itself but says so in four lines on stderr. Choosing C.UTF-8 for the
    character type first is the same outcome without the noise; the language and the
    formats the user chose (``LC_MESSAGES``, ``LC_TIME`` …) are left as they are.
    """
    if os.name != "posix":
        return
    effective = environ.get("LC_ALL") or environ.get("LC_CTYPE") or environ.get("LANG") or ""
    if "utf-8" in effective.lower() or "utf8" in effective.lower():
        return
    if environ.get("LC_ALL"):
        environ["LC_ALL"] = "C.UTF-8"
    else:
        environ["LC_CTYPE"] = "C.UTF-8"


def run_gui(data_dir: str | os.PathLike[str] | None, lang: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        ensure_utf8_locale()
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
    from skolehjem_desktop.services.data_folder import DataFolder
    from skolehjem_desktop.ui.dialogs.crypto_dialogs import (
        IdleLock,
        ask_passphrase,
        idle_lock_minutes,
    )
    from skolehjem_desktop.ui.dialogs.welcome import welcome_if_fresh

    start = welcome_if_fresh(folder)  # a fresh install: who, which school, how to begin
    if start.cancelled:  # nothing was written, and the folder made for the lock goes too
        instance.release(tidy=True)
        return 0
    passphrase = start.passphrase
    if passphrase is None and DataFolder(folder).is_protected():
        passphrase = ask_passphrase(None, folder)
        if passphrase is None:  # the teacher chose not to open the data now
            instance.release()
            return 0

    def ready(window: MainWindow) -> None:
        instance.attach(window)
        install_bug_handler(window)
        # A protected folder hides behind its passphrase after the chosen idle time.
        window.idle_lock = IdleLock(window, idle_lock_minutes(window.ctx))
        after_ready(window, start)  # the import wizard, or SKOLEHJEM_QUIT_AFTER_START=1

    def refused(frame: MainWindow, error: UserError) -> bool:
        if _offer_latest_backup(folder, error, passphrase, frame):
            return True
        app.exit(1)
        return False

    window = open_window(folder, lang, passphrase=passphrase, on_ready=ready, on_refused=refused)
    instance.attach(window)
    window.show()
    try:
        return app.exec()
    finally:
        instance.release()


def _offer_latest_backup(
    folder: Path, error: UserError, passphrase: str | None, parent: QWidget | None = None
) -> bool:
    """The data could not be opened: say why, and offer the latest good backup.

    Nothing is replaced without the teacher's yes, and what is replaced is kept as a
    copy in ``backups/``. A database of a newer version is never replaced: it is only
    reported (the newer program can open it). True when the backup was put in place.
    """
    from PySide6.QtWidgets import QMessageBox

    from skolehjem_desktop.services.data_folder import DatabaseRefused, DataFolder, NewerDatabase

    data = DataFolder(folder)
    good = None
    if isinstance(error, DatabaseRefused) and not isinstance(error, NewerDatabase):
        good = data.latest_good_backup(passphrase)
    if good is None:
        QMessageBox.critical(parent, APP_NAME, error.message)
        return False
    question = (
        error.message
        + "\n\n"
        + i18n._(
            "Restore the latest good backup, {name}? The file that could not be opened "
            "is kept in the backups folder."
        ).format(name=good.name)
    )
    answer = QMessageBox.question(parent, APP_NAME, question)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        data.restore(good, passphrase=passphrase).services.close()
    except UserError as again:
        QMessageBox.critical(parent, APP_NAME, again.message)
        return False
    return True


def claim_data_dir(folder: Path) -> SingleInstance | None:
    """Take the data folder for this window, or bring the window already on it forward.

    None when another instance holds the folder: it was asked to come forward and the
    message was given (on stderr, and in a message box when that instance did not answer);
    None too while a command restores or re-keys the data (it is said the same way).
    """
    from PySide6.QtWidgets import QMessageBox

    from skolehjem_desktop.ui.app.single_instance import SingleInstance, already_open_message

    instance = SingleInstance(folder)
    try:
        outcome = instance.claim()
    except UserError as busy:  # a command restores or re-keys the data right now
        print(f"{APP_NAME}: {busy.message}", file=sys.stderr)
        QMessageBox.information(None, APP_NAME, busy.message)
        return None
    if outcome == "mine":
        return instance
    message = already_open_message()
    print(f"{APP_NAME}: {message}", file=sys.stderr)
    if outcome == "busy":
        QMessageBox.information(None, APP_NAME, message)
    return None


def after_ready(window: MainWindow, start: FirstStart) -> None:
    """Once the window holds the data: the import wizard if chosen, or the test's quit."""
    from PySide6.QtCore import QTimer

    from skolehjem_desktop.ui.dialogs.welcome import BEGIN_IMPORT

    if os.environ.get(QUIT_AFTER_START_ENV) == "1":
        QTimer.singleShot(0, window.close)
        return
    if start.begin == BEGIN_IMPORT:
        from skolehjem_desktop.ui.app import actions

        QTimer.singleShot(0, lambda: actions.import_list(window))


def install_bug_handler(window: MainWindow) -> None:
    """A bug in the window is logged (technical facts only) and met with an apology."""
    from skolehjem_desktop.logs import describe_bug, write_log

    data_dir = window.services.data_dir

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
