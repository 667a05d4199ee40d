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
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QWizard

from skolehjem_desktop import i18n
from skolehjem_desktop.app import after_ready, create_main_window
from skolehjem_desktop.domain.enums import ContactChannel, SectionKind
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard
from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog
from skolehjem_desktop.ui.dialogs.welcome import WelcomeDialog
from skolehjem_desktop.ui.pupil.contact_dialog import ContactDialog
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import NewFocusPointDialog
from skolehjem_desktop.ui.pupil.message_book.presentation_dialog import PresentationDialog
from tests.gui.journey import Journey, when_modal
from tests.gui.laptop_screen_cases import LAPTOP
from tests.pdf_text import pdf_text

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


def find_pupil(journey: Journey, window, typed: str) -> None:  # type: ignore[no-untyped-def]
    journey.shortcut(window, "find")
    journey.type(window.filter_edit, typed)
    journey.key(window.filter_edit, Qt.Key.Key_Return)
    journey.qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pupil_page)  # type: ignore[attr-defined]


def hold_a_conversation(journey: Journey, window) -> int:  # type: ignore[no-untyped-def]
    journey.step("3 find Søren")
    find_pupil(journey, window, "sør")
    journey.step("4 record the conversation held today")
    journey.shortcut(window, "held_conversation")
    editor = window.pupil_page.conversations.editor
    qtbot = journey.qtbot
    qtbot.waitUntil(lambda: editor.tabs.currentWidget() is editor.record)  # type: ignore[attr-defined]
    edits = editor.section_edits
    journey.type(edits[SectionKind.ACADEMIC], "Søren læser meget og skriver gode historier.")
    journey.type(
        edits[SectionKind.SOCIAL_WELLBEING], "Glad for klassen; spiller fodbold i frikvarteret."
    )
    journey.type(edits[SectionKind.CONCERNS], "Far nævnte en svær periode derhjemme.")
    journey.click(editor.record.shared_checks[SectionKind.CONCERNS])  # not for the parents
    panel = editor.agreements_panel
    journey.type(panel.new_agreement_edit, "Læse 20 minutter hver aften")
    journey.key(panel.new_agreement_edit, Qt.Key.Key_Return)
    journey.type(panel.new_agreement_edit, "Mor sender læselisten til skolen")
    journey.click(panel.new_due_check)
    journey.tab_to(panel.new_due_edit)  # Tab: to the date, its text selected
    journey.type(panel.new_due_edit, "01.02.2027")
    journey.key(panel.new_due_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)  # type: ignore[attr-defined]
    conversation_id = editor._id
    assert conversation_id is not None
    detail = window.services.conversations.get(conversation_id)
    assert detail.status.value == "held" and detail.starts_at.date() == dt.date.today()
    dues = sorted(str(a.due) for a in detail.agreements)
    assert dues == ["2027-02-01", "None"], dues
    return conversation_id


def print_the_summary(journey: Journey, window, dialogs) -> None:  # type: ignore[no-untyped-def]
    journey.step("5 print the summary")
    journey.shortcut(window, "print_summary")
    journey.qtbot.waitUntil(lambda: bool(dialogs.opened))  # type: ignore[attr-defined]
    text = pdf_text(dialogs.opened[-1])
    assert "Søren læser meget" in " ".join(text.split())
    assert "svær periode" not in text  # the unshared section stays in the school
    assert "Referat" in text


def focus_points(journey: Journey, window, conversation_id: int) -> None:  # type: ignore[no-untyped-def]
    journey.step("6 focus points and their presentation")
    page = window.pupil_page
    journey.click(page.tabs.tabBar())  # the Message book tab
    page.tabs.setCurrentWidget(page.message_book)
    book = page.message_book
    for goal in ("Læse en kapitelbog selv", "Gange med tocifrede tal", "Række hånden op i timen"):

        def drive(dialog: NewFocusPointDialog, goal: str = goal) -> None:
            journey.type(dialog.goal_edit, goal)
            journey.click(dialog.ok_button)

        when_modal(NewFocusPointDialog, drive)  # type: ignore[arg-type]
        journey.click(book.add_button)
    assert book.model.missing_areas() == []

    def present(dialog: PresentationDialog) -> None:
        assert dialog.conversation_combo.currentData() == conversation_id
        journey.click(dialog.ok_button)

    when_modal(PresentationDialog, present)  # type: ignore[arg-type]
    journey.click(book.presentations.record_button)
    [shown] = window.services.focus.presentations(page.student_id, page.school_year)
    assert shown.conversation_id == conversation_id


def a_parents_call(journey: Journey, window) -> None:  # type: ignore[no-untyped-def]
    journey.step("7 a parent's phone call")

    def drive(dialog: ContactDialog) -> None:
        combo = dialog.channel_combo
        if combo.currentData() != ContactChannel.PHONE.value:
            journey.click(combo)
            combo.setCurrentIndex(combo.findData(ContactChannel.PHONE.value))
            combo.hidePopup()
            journey.answered()  # the choice in the open list
        journey.type(dialog.summary_edit, "Mor ringede: Søren er ked af det efter frikvarteret.")
        assert dialog.due_check.isChecked()  # a parent began it: the reply is due
        journey.click(dialog.save_button)

    when_modal(ContactDialog, drive)  # type: ignore[arg-type]
    journey.shortcut(window, "new_contact")


def the_overview(journey: Journey, window) -> None:  # type: ignore[no-untyped-def]
    journey.step("8 the overview shows the reply due")
    journey.shortcut(window, "overview")
    journey.qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.pupil_page)  # type: ignore[attr-defined]
    rows = [
        " ".join(
            str(window.model.index(r, c).data() or "") for c in range(window.model.columnCount())
        )
        for r in range(window.model.rowCount())
    ]
    [soren] = [row for row in rows if "Søren" in row]
    assert "◷" in soren, soren


def in_english(journey: Journey, tmp_path: Path, data_dir: Path, window, dialogs) -> None:  # type: ignore[no-untyped-def]
    journey.step("9 English window, English PDF")

    def drive(dialog: SettingsDialog) -> None:
        combo = dialog.language_combo
        journey.click(combo)
        combo.setCurrentIndex(combo.findData("en"))
        combo.hidePopup()
        journey.answered()
        journey.click(dialog.ok_button)

    dialogs.confirms.append(False)  # "Restart now?": the test starts the window itself
    when_modal(SettingsDialog, drive)  # type: ignore[arg-type]
    journey.shortcut(window, "settings")
    journey.answered()
    window.close()
    journey.click(window)  # start the program again
    english = create_main_window(data_dir, None, dialogs=dialogs, settings=window.settings)
    journey.qtbot.addWidget(english)  # type: ignore[attr-defined]
    english.show()
    journey.qtbot.waitExposed(english)  # type: ignore[attr-defined]
    assert english.actions_by_name["print_summary"].text() == "Conversation &summary"
    find_pupil(journey, english, "sør")
    english.findChild(QAction, "document_language_en").trigger()
    journey._count(3)  # Print › Document language › English
    journey.shortcut(english, "print_summary")
    journey.qtbot.waitUntil(lambda: dialogs.opened[-1].name.startswith("Summary"))  # type: ignore[attr-defined]
    text = pdf_text(dialogs.opened[-1])
    assert "Summary" in text and "Referat" not in text


# A list opened by a click (a combo box's) asks the platform for what offscreen lacks.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
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
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry()), (window.frameGeometry(), screen)
    import_class_list(journey, window, box.outcome, dialogs, class_list(home))
    window.activateWindow()  # as the window manager does once the wizard is closed
    qtbot.waitActive(window)
    conversation_id = hold_a_conversation(journey, window)
    print_the_summary(journey, window, dialogs)
    focus_points(journey, window, conversation_id)
    a_parents_call(journey, window)
    the_overview(journey, window)
    in_english(journey, tmp_path, data_dir, window, dialogs)

    assert QApplication.activeModalWidget() is None
    assert dialogs.errors == []
    out = os.environ.get("SKOLEHJEM_JOURNEY_COUNTS")
    if out:
        Path(out).write_text(json.dumps(journey.counts, ensure_ascii=False), encoding="utf-8")
