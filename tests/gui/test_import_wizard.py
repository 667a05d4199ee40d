"""The class-list import wizard: file, preview or problems, confirmation, summary.

Nothing may be written before the teacher presses Import on the confirmation page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from sqlalchemy import func, select

from skolehjem_desktop.store.models import Enrolment, Guardian, SchoolClass, Student
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard, run_import_wizard

RESOURCES = Path(__file__).parent.parent / "resources" / "import"
GOOD = RESOURCES / "klasse_5a_semikolon_cp1252.csv"  # 4 pupils, a CPR column, no class column
BAD = RESOURCES / "fejl_5a.csv"
TWO_CLASSES = RESOURCES / "navn_tab_utf8_bom.csv"  # classes 4a and 4b in its Klasse column


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


def counts(ctx: UiContext) -> tuple[int, ...]:
    with ctx.services.db.reading() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Student, Guardian, Enrolment, SchoolClass)
        )


def wizard_for(qtbot, ctx, class_id=None) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ctx, None, 2026, class_id)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def next_button(wizard: QWizard):  # type: ignore[no-untyped-def]
    return wizard.button(QWizard.WizardButton.NextButton)


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def table_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_a_malformed_list_shows_its_problems_with_lines_and_imports_nothing(  # type: ignore[no-untyped-def]
    qtbot, ctx
) -> None:
    ctx.services.classes.create("5.A", 2026)
    before = counts(ctx)
    wizard = wizard_for(qtbot, ctx)
    page = wizard.file_page
    assert not next_button(wizard).isEnabled()  # no file yet
    ctx.dialogs.files = [BAD]
    click(qtbot, page.browse_button)
    assert page.path_edit.text() == str(BAD)
    assert page.existing_radio.isChecked() and page.class_combo.currentText() == "5.A"
    assert next_button(wizard).isEnabled()
    click(qtbot, next_button(wizard))

    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    qtbot.waitUntil(preview.problems.isVisible)
    assert not preview.pupils.isVisible()
    assert preview.summary.text().startswith(
        "The class list has 9 problems, shown below. Nothing will be imported"
    )
    problems = table_rows(preview.problems)
    assert problems[0] == ["2", "Fødselsdato", "The date 31-02-2020 does not exist."]
    assert ["3", "Fornavn", "The first name is empty."] in problems
    assert ["6", "Forælder 1 e-mail", "karen(at)example.dk is not an e-mail address."] in problems
    assert len(problems) == 9
    assert not preview.isComplete()
    assert not next_button(wizard).isEnabled()
    assert counts(ctx) == before


def test_a_good_list_previews_then_imports_after_confirmation(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    wizard = wizard_for(qtbot, ctx)
    page = wizard.file_page
    assert page.new_radio.isChecked()  # no class in the year yet
    assert not page.existing_radio.isEnabled()
    page.path_edit.setText(str(GOOD))
    assert not next_button(wizard).isEnabled()  # the class is not named yet
    qtbot.keyClicks(page.new_edit, "5.A")
    click(qtbot, next_button(wizard))

    preview = wizard.preview_page
    qtbot.waitUntil(preview.pupils.isVisible)
    text = preview.summary.text()
    assert "Nothing has been imported yet." in text
    assert "• 4 pupils will be added" in text
    assert "• 4 parents or guardians will be added" in text
    assert "• Class 5.A will be created" in text
    assert "• The column CPR-nr. will be ignored: CPR numbers are never imported" in text
    assert "• The column Bemærkning will not be used" in text
    assert "140315" not in text
    pupils = table_rows(preview.pupils)
    assert pupils[0] == [
        "2",
        "Søren Ægidius",
        "14 Mar 2015",
        "5.A",
        "Mette Ægidius, Jørgen Ægidius",
    ]
    assert [row[1] for row in pupils] == ["Søren Ægidius", "Åse Ødegård", "Ida Ægidius", "Emil Bæk"]
    assert counts(ctx) == (0, 0, 0, 0)  # the preview wrote nothing

    click(qtbot, next_button(wizard))
    confirm = wizard.confirm_page
    assert wizard.currentPage() is confirm
    assert confirm.text.text().startswith(
        "Ready to add 4 pupils and 4 parents or guardians to the new class 5.A (2026/27)."
    )
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "&Import"
    assert counts(ctx) == (0, 0, 0, 0)

    click(qtbot, commit)
    assert wizard.currentPage() is wizard.done_page
    assert wizard.report is not None
    assert wizard.done_page.text.text().split("\n") == [
        "• 4 pupils added",
        "• 4 guardians added",
        "• Class 5.A created.",
        "• The column CPR-nr. was ignored: CPR numbers are never imported.",
    ]
    klass = ctx.services.classes.find("5.A", 2026)
    names = [r.full_name for r in ctx.services.students.all(class_id=klass.id)]
    assert names == ["Emil Bæk", "Ida Ægidius", "Søren Ægidius", "Åse Ødegård"]
    assert counts(ctx) == (4, 4, 4, 1)  # the siblings share their parents


def test_cancel_on_the_confirmation_page_writes_nothing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    klass = ctx.services.classes.create("5.A", 2026)
    before = counts(ctx)

    def go_to_confirm_then_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportWizard)
        dialog.file_page.path_edit.setText(str(GOOD))
        click(qtbot, next_button(dialog))
        qtbot.waitUntil(dialog.preview_page.isComplete)
        click(qtbot, next_button(dialog))
        assert dialog.currentPage() is dialog.confirm_page
        click(qtbot, dialog.button(QWizard.WizardButton.CancelButton))

    QTimer.singleShot(0, lambda: go_to_confirm_then_cancel(QApplication.activeModalWidget()))
    assert run_import_wizard(ctx, None, 2026, klass.id) is False
    assert counts(ctx) == before


def test_run_import_wizard_returns_true_once_imported(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    klass = ctx.services.classes.create("5.A", 2026)

    def import_it(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportWizard)
        assert dialog.file_page.class_combo.currentData() == klass.id
        dialog.file_page.path_edit.setText(str(GOOD))
        click(qtbot, next_button(dialog))
        qtbot.waitUntil(dialog.preview_page.isComplete)
        click(qtbot, next_button(dialog))
        click(qtbot, dialog.button(QWizard.WizardButton.CommitButton))
        click(qtbot, dialog.button(QWizard.WizardButton.FinishButton))

    QTimer.singleShot(0, lambda: import_it(QApplication.activeModalWidget()))
    assert run_import_wizard(ctx, None, 2026, klass.id) is True
    assert len(ctx.services.students.all(class_id=klass.id)) == 4


def test_the_lists_own_class_column_can_decide(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    wizard = wizard_for(qtbot, ctx)
    page = wizard.file_page
    page.path_edit.setText(str(TWO_CLASSES))
    page.column_radio.setChecked(True)
    assert next_button(wizard).isEnabled()
    click(qtbot, next_button(wizard))
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete)
    assert [row[3] for row in table_rows(preview.pupils)] == ["4a", "4a", "4b"]
    click(qtbot, next_button(wizard))
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    assert sorted(c.name for c in ctx.services.classes.all(2026)) == ["4a", "4b"]


def test_a_list_changed_after_the_preview_is_checked_again(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The import itself checks the file again: a list broken after the preview is refused."""
    ctx.services.classes.create("5.A", 2026)
    copy = tmp_path / "klasse.csv"
    shutil.copy(GOOD, copy)
    wizard = wizard_for(qtbot, ctx)
    wizard.file_page.path_edit.setText(str(copy))
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(wizard.preview_page.isComplete)
    click(qtbot, next_button(wizard))
    shutil.copy(BAD, copy)
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))

    assert wizard.currentPage() is wizard.confirm_page
    [error] = ctx.dialogs.errors
    assert error.startswith("Nothing was imported: the class list has 9 problems.")
    assert "Line 2, column Fødselsdato: The date 31-02-2020 does not exist." in error
    assert counts(ctx)[0] == 0


def test_a_missing_file_is_a_problem_of_the_whole_file(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    wizard = wizard_for(qtbot, ctx)
    wizard.file_page.path_edit.setText(str(tmp_path / "none.csv"))
    qtbot.keyClicks(wizard.file_page.new_edit, "5.A")
    click(qtbot, next_button(wizard))
    preview = wizard.preview_page
    qtbot.waitUntil(preview.problems.isVisible)
    [[line, column, message]] = table_rows(preview.problems)
    assert (line, column) == ("whole file", "–")
    assert message.startswith("The file ") and message.endswith("none.csv does not exist.")
    assert not next_button(wizard).isEnabled()
    assert counts(ctx) == (0, 0, 0, 0)


def test_the_first_page_is_usable_by_keyboard(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.services.classes.create("5.A", 2026)
    wizard = wizard_for(qtbot, ctx)
    page = wizard.file_page
    assert page.path_edit.accessibleName() == "File"
    assert page.class_combo.accessibleName() == "Existing class"
    assert page.new_edit.accessibleName() == "Name of the new class"
    # Typing a new class name chooses "a new class".
    qtbot.keyClicks(page.new_edit, "5.C")
    assert page.new_radio.isChecked()
    assert not page.class_combo.isEnabled()


def test_the_first_page_says_it_all_without_cutting_a_sentence(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics

    wizard = wizard_for(qtbot, ctx)
    page = wizard.file_page
    # The subtitle, which QWizard cuts after two lines, is one short sentence ...
    width = QFontMetrics(wizard.font()).horizontalAdvance(page.subTitle())
    assert width < wizard.width() - 40
    # ... and the long text about the columns wraps in the page, shown in full.
    text = page.columns_text
    assert text.wordWrap() and text.isVisible()
    assert "CPR" in text.text()
    qtbot.waitUntil(lambda: text.height() >= text.heightForWidth(text.width()))
    # The wizard asks no more room than a 1366×768 laptop screen has.
    hint = wizard.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700


def test_the_preview_says_once_that_nothing_is_imported_yet_and_what_will_happen(  # type: ignore[no-untyped-def]
    qtbot, ctx
) -> None:
    ctx.services.classes.create("5.A", 2026)
    wizard = wizard_for(qtbot, ctx)
    wizard.file_page.path_edit.setText(str(GOOD))
    click(qtbot, next_button(wizard))
    preview = wizard.preview_page
    qtbot.waitUntil(preview.pupils.isVisible)
    shown = preview.subTitle() + "\n" + preview.summary.text()
    assert shown.count("Nothing has been imported yet") == 1
    assert "4 pupils will be added" in shown
    bullets = [line for line in shown.splitlines() if line.startswith("• ")]
    assert bullets and all(" will " in line for line in bullets)  # one tense throughout
