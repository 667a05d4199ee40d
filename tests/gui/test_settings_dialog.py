"""The settings dialog: school name and logo, the teacher, language, preparation questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog, edit_settings


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def logo(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    path = tmp_path / "logo.png"
    assert image.save(str(path), "PNG")
    return path


def show(qtbot, ctx) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_settings_are_saved(qtbot, ctx, logo) -> None:  # type: ignore[no-untyped-def]
    school = ctx.services.school
    dialog = show(qtbot, ctx)
    assert dialog.school_edit.text() == ""
    assert dialog.logo_preview.text() == "No logo"
    assert not dialog.remove_logo_button.isEnabled()
    assert dialog.questions() == school.default_preparation_questions()
    assert dialog.language_combo.currentText() == "System default"
    assert "restarted" in dialog.language_hint.text()

    dialog.school_edit.setText("Den lille Skole")
    ctx.dialogs.files = [logo]
    click(qtbot, dialog.logo_button)
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.remove_logo_button.isEnabled()
    dialog.teacher_edit.setText("Mette Kjær")
    qtbot.keyClicks(dialog.initials_edit, "mkh")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findText("English"))
    dialog.questions_edit.setPlainText("Hvordan trives jeres barn?\n\n  Hvad skal vi tale om?  \n")
    click(qtbot, dialog.ok_button)

    assert not dialog.isVisible()
    assert school.school_name() == "Den lille Skole"
    assert school.logo() == logo.read_bytes()
    me = school.user()
    assert me is not None
    assert (me.name, me.initials) == ("Mette Kjær", "MKH")
    assert school.language() == "en"
    assert school.preparation_questions() == ["Hvordan trives jeres barn?", "Hvad skal vi tale om?"]


def test_the_user_teacher_is_updated_not_added_again(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    school = ctx.services.school
    me = school.add_teacher("M. Kjær", "MK", is_user=True)
    school.add_teacher("Ole Berg", "OB")
    dialog = show(qtbot, ctx)
    assert (dialog.teacher_edit.text(), dialog.initials_edit.text()) == ("M. Kjær", "MK")
    dialog.teacher_edit.setText("Mette Kjær Hansen")
    dialog.initials_edit.setText("MKH")
    click(qtbot, dialog.ok_button)
    again = school.user()
    assert again is not None
    assert (again.id, again.name, again.initials) == (me.id, "Mette Kjær Hansen", "MKH")
    assert len(school.teachers()) == 2


def test_restore_defaults_keeps_the_questions_in_the_users_language(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    school = ctx.services.school
    school.set_preparation_questions(["Egen aftale?"])
    dialog = show(qtbot, ctx)
    assert dialog.questions() == ["Egen aftale?"]
    click(qtbot, dialog.defaults_button)
    assert dialog.questions() == school.default_preparation_questions()
    click(qtbot, dialog.ok_button)
    assert not school.has_own_preparation_questions()  # saved as "the defaults"


def test_remove_the_logo(qtbot, ctx, logo) -> None:  # type: ignore[no-untyped-def]
    ctx.services.school.set_logo(logo.read_bytes())
    dialog = show(qtbot, ctx)
    assert not dialog.logo_preview.pixmap().isNull()
    click(qtbot, dialog.remove_logo_button)
    assert dialog.logo_preview.text() == "No logo"
    click(qtbot, dialog.ok_button)
    assert ctx.services.school.logo() is None


def test_a_file_that_is_no_picture_is_refused(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "logo.png"
    text.write_text("not a picture")
    dialog = show(qtbot, ctx)
    ctx.dialogs.files = [text, tmp_path / "gone.png"]
    click(qtbot, dialog.logo_button)
    click(qtbot, dialog.logo_button)
    assert ctx.dialogs.errors[0] == "The logo must be a PNG or JPEG picture."
    assert ctx.dialogs.errors[1].startswith("The file ")
    assert "gone.png cannot be read" in ctx.dialogs.errors[1]
    assert dialog.logo is None


def test_bad_input_keeps_the_dialog_open_and_changes_nothing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    school = ctx.services.school
    dialog = show(qtbot, ctx)
    dialog.school_edit.setText("Skolen ved Søen")
    qtbot.keyClicks(dialog.initials_edit, "MKH")
    click(qtbot, dialog.ok_button)
    assert ctx.dialogs.errors == ["Write your name as well as your initials."]
    assert dialog.isVisible()
    assert school.school_name() == ""

    dialog.teacher_edit.setText("Mette Kjær")
    dialog.questions_edit.setPlainText("\n".join(f"Spørgsmål {n}?" for n in range(13)))
    click(qtbot, dialog.ok_button)
    assert ctx.dialogs.errors[-1] == "At most 12 questions fit on the preparation sheet."
    assert dialog.isVisible()
    assert school.user() is None
    assert dialog.questions_edit.toPlainText().startswith("Spørgsmål 0?")


def test_nothing_about_the_teacher_is_needed(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ctx)
    dialog.school_edit.setText("Den lille Skole")
    click(qtbot, dialog.ok_button)
    assert ctx.services.school.school_name() == "Den lille Skole"
    assert ctx.services.school.user() is None
    assert ctx.services.school.language() is None


def test_edit_settings_returns_whether_saved(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    def choose_danish() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findText("Dansk"))
        click(qtbot, dialog.ok_button)

    QTimer.singleShot(0, choose_danish)
    assert edit_settings(ctx, None) is True
    assert ctx.services.school.language() == "da"

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert edit_settings(ctx, None) is False


def test_every_field_is_labelled(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ctx)
    assert [
        w.accessibleName()
        for w in (
            dialog.school_edit,
            dialog.teacher_edit,
            dialog.initials_edit,
            dialog.language_combo,
            dialog.questions_edit,
        )
    ] == [
        "School name",
        "Your name",
        "Initials",
        "Language of the program",
        "Questions for the parents, one per line",
    ]
