"""At a school laptop's screen (1366×768): the window and every dialog fit on it.

These cases need a screen of that size, which the offscreen platform gives only to a
process started with ``QT_QPA_PLATFORM=offscreen:configfile=tests/resources/
screen-1366x768.json``; ``test_laptop_screen.py`` starts one. In any other process they
are skipped. The offscreen screen has no taskbar, so a dialog must leave room for one
and for the window manager's title bar: at most 1350×688 without its frame.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.services.demo import generate_demo
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.app.main_window import MainWindow
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs

LAPTOP = QSize(1366, 768)
TASKBAR = 40
# What the window manager adds around a dialog (16×40, as ui.common.placement says).
FRAME = QSize(16, 40)
LARGEST_DIALOG = QSize(LAPTOP.width() - FRAME.width(), LAPTOP.height() - TASKBAR - FRAME.height())


@pytest.fixture(autouse=True)
def _on_a_laptop_screen() -> None:
    screen = QGuiApplication.primaryScreen()
    if screen is None or screen.size() != LAPTOP:
        pytest.skip("needs the 1366×768 offscreen screen (test_laptop_screen.py starts it)")


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    db = open_database(folder)
    try:
        generate_demo(db, seed=1, today=dt.date.today())
    finally:
        db.close()
    return folder


@pytest.fixture
def data_dir(demo_folder: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, data_dir: Path, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    win = create_main_window(data_dir, "da", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _inside_the_screen(widget: QWidget) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    top_left = widget.mapToGlobal(QPoint(0, 0))
    bottom_right = widget.mapToGlobal(QPoint(widget.width() - 1, widget.height() - 1))
    assert available.contains(top_left) and available.contains(bottom_right), (
        f"{type(widget).__name__} at {top_left}–{bottom_right}, the screen is {available}"
    )


# --- the main window ------------------------------------------------------------------------


def test_the_window_opens_maximized_with_its_status_bar_on_the_screen(window) -> None:  # type: ignore[no-untyped-def]
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert window.isMaximized()
    assert available.contains(window.frameGeometry())
    window.statusBar().showMessage("Gemt kl. 10.00")
    _inside_the_screen(window.statusBar())
    assert window.minimumSizeHint().width() <= available.width()
    assert window.minimumSizeHint().height() <= available.height()


def _saved_geometry(qtbot, settings: QSettings, geometry: tuple[int, int, int, int]) -> None:  # type: ignore[no-untyped-def]
    earlier = QMainWindow()
    qtbot.addWidget(earlier)
    earlier.setGeometry(*geometry)
    settings.setValue("geometry", earlier.saveGeometry())


def test_a_saved_window_taller_than_the_screen_opens_maximized(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    _saved_geometry(qtbot, settings, (40, 30, 1280, 760))  # the old first size
    frame = MainWindow(None, settings)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    assert frame.isMaximized()
    assert QGuiApplication.primaryScreen().availableGeometry().contains(frame.frameGeometry())


def test_a_saved_window_that_fits_opens_where_it_was(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    _saved_geometry(qtbot, settings, (100, 80, 1000, 600))
    frame = MainWindow(None, settings)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    assert not frame.isMaximized()
    assert (frame.width(), frame.height()) == (1000, 600)


# --- every dialog ---------------------------------------------------------------------------


def _with_a_new_teacher(dialog: QDialog) -> QDialog:
    """The edit-class dialog with a teacher typed in and added to its list."""
    dialog.new_name_edit.setText("Karoline Østergaard-Nielsen")  # type: ignore[attr-defined]
    dialog.new_initials_edit.setText("KØN")  # type: ignore[attr-defined]
    dialog.add_teacher()  # type: ignore[attr-defined]
    return dialog


def _dialogs(window: MainWindow, tmp: Path) -> dict[str, Callable[[], QDialog]]:
    """Each dialog of the program, made as its menu entry or button makes it."""
    from skolehjem_desktop.ui.app.help import GettingStartedDialog, ShortcutsDialog
    from skolehjem_desktop.ui.classes.class_dialogs import ClassDialog, NewSchoolYearDialog
    from skolehjem_desktop.ui.classes.class_records import ClassRecordsDialog
    from skolehjem_desktop.ui.classes.evening_planner import EveningPlannerDialog
    from skolehjem_desktop.ui.classes.meeting_dialog import MeetingDialog
    from skolehjem_desktop.ui.dialogs.about_dialog import AboutDialog, LicenceDialog, licences_dir
    from skolehjem_desktop.ui.dialogs.crypto_dialogs import PassphraseDialog, ProtectDialog
    from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard
    from skolehjem_desktop.ui.dialogs.privacy_dialogs import PurgeLeftDialog
    from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog
    from skolehjem_desktop.ui.dialogs.welcome import WelcomeDialog
    from skolehjem_desktop.ui.pupil.contact_dialog import ContactDialog
    from skolehjem_desktop.ui.pupil.guardians_tab import GuardianDialog, LinkGuardianDialog
    from skolehjem_desktop.ui.pupil.message_book.focus_dialog import NewFocusPointDialog
    from skolehjem_desktop.ui.pupil.message_book.presentation_dialog import PresentationDialog
    from skolehjem_desktop.ui.pupil.student_dialogs import LeftDialog, MoveDialog, StudentDialog

    ctx, services, w = window.ctx, window.services, window
    year = window.school_year
    klass = services.classes.all(school_year=year)[0]
    not_mine = next(c for c in services.classes.all(school_year=year) if not c.is_mine)
    pupil = max(
        services.students.all(class_id=klass.id),
        key=lambda p: len(services.students.guardians(p.id)),
    )
    guardian = services.students.guardians(pupil.id)[0]
    contacts = services.contacts.all(pupil.id)
    klass_with_meetings = next(
        c for c in services.classes.all(school_year=year) if services.class_records.meetings(c.id)
    )
    meeting = services.class_records.meetings(klass_with_meetings.id)[0]
    licence = max(licences_dir().glob("*"), key=lambda p: p.stat().st_size)
    return {
        "new pupil": lambda: StudentDialog(ctx, w, class_id=klass.id),
        "edit pupil": lambda: StudentDialog(ctx, w, student_id=pupil.id),
        "move pupil": lambda: MoveDialog(ctx, w, pupil.id, year),
        "pupil left": lambda: LeftDialog(ctx, w, pupil.id),
        "new parent": lambda: GuardianDialog(ctx, w, pupil.id),
        "edit parent": lambda: GuardianDialog(ctx, w, pupil.id, guardian),
        "sibling's parent": lambda: LinkGuardianDialog(ctx, w, pupil.id),
        "new class": lambda: ClassDialog(ctx, w, school_year=year),
        "edit class": lambda: ClassDialog(ctx, w, class_id=klass.id),
        "edit class, a teacher added": lambda: _with_a_new_teacher(
            ClassDialog(ctx, w, class_id=not_mine.id)
        ),
        "new school year": lambda: NewSchoolYearDialog(ctx, w, year),
        "settings": lambda: SettingsDialog(ctx, w),
        "new contact": lambda: ContactDialog(ctx, pupil.id, w),
        "edit contact": lambda: ContactDialog(ctx, pupil.id, w, contacts[0]),
        "new focus point": lambda: NewFocusPointDialog(
            ctx, pupil.id, year, list(FocusArea), FocusArea.OTHER_SUBJECT, parent=w
        ),
        "presentation": lambda: PresentationDialog(ctx, pupil.id, year, w),
        "class records": lambda: ClassRecordsDialog(ctx, w, klass.id),
        "new meeting": lambda: MeetingDialog(ctx, w, klass.id),
        "edit meeting": lambda: MeetingDialog(ctx, w, klass_with_meetings.id, meeting),
        "evening planner": lambda: EveningPlannerDialog(ctx, w, klass.id),
        "pupils who left": lambda: PurgeLeftDialog(ctx, w),
        "about": lambda: AboutDialog(ctx, w),
        "licence": lambda: LicenceDialog(w, licence.name, licence),
        "import wizard": lambda: ImportWizard(ctx, w, year, klass.id),
        "welcome": lambda: WelcomeDialog(tmp / "fresh", w),
        "passphrase": lambda: PassphraseDialog(w, services.data_dir),
        "protect": lambda: ProtectDialog(ctx, w),
        "getting started": lambda: GettingStartedDialog(w),
        "shortcuts": lambda: ShortcutsDialog(w),
    }


def test_every_dialog_fits_the_screen_with_a_taskbar(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    too_big = []
    for name, make in _dialogs(window, tmp_path).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        sizes = {"size": dialog.size(), "smallest": dialog.minimumSizeHint()}
        for what, size in sizes.items():
            if size.width() > LARGEST_DIALOG.width() or size.height() > LARGEST_DIALOG.height():
                too_big.append(f"{name}: {what} {size.width()}×{size.height()}")
        dialog.reject()
    assert not too_big, f"larger than {LARGEST_DIALOG.width()}×{LARGEST_DIALOG.height()}: {too_big}"


def test_the_import_wizard_still_fits_with_a_long_class_list(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard

    from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard

    rows = [f"Elev{n};Efternavn{n};03-04-2016;Forælder {n};f{n}@example.dk;" for n in range(40)]
    rows += ["Carl;Berg;31-02-2016;;;", ";Lund;01-01-2015;;;", "Dina;Juul;;Eva;eva(at)x.dk;"]
    path = tmp_path / "klasseliste.csv"
    header = "Fornavn;Efternavn;Fødselsdato;Forælder 1;Forælder 1 e-mail;Bemærkning"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    wizard = ImportWizard(window.ctx, window, window.school_year, None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.file_page.new_radio.setChecked(True)
    wizard.file_page.new_edit.setText("9.Z")
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(wizard.preview_page.problems.isVisible)
    size = wizard.size()
    assert size.width() <= LARGEST_DIALOG.width() and size.height() <= LARGEST_DIALOG.height()
    wizard.reject()
