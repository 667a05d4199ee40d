"""The dialog service: questions with the right icon, file dialogs wholly in Danish."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from skolehjem_desktop import i18n
from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.ui.common.dialogs import FileMode, ScriptedDialogs, confirm_box, file_dialog

LABEL = QFileDialog.DialogLabel


def test_a_harmless_question_has_no_warning_and_its_action_is_the_default(qtbot) -> None:  # type: ignore[no-untyped-def]
    box, ok = confirm_box(None, "Language", "Restart Skolehjem now?", "Restart now", harmless=True)
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Question
    assert box.defaultButton() is ok


def test_a_question_before_deleting_warns_and_cancel_is_the_default(qtbot) -> None:  # type: ignore[no-untyped-def]
    box, ok = confirm_box(None, "Delete pupil", "Delete Ida?", "&Delete Ida")
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.defaultButton() is not ok


def _labels(dialog: QFileDialog) -> dict[str, str]:
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return {which.name: dialog.labelText(which) for which in LABEL}


def test_qts_own_danish_is_loaded_for_the_file_dialog(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "da.ini"), QSettings.Format.IniFormat)
    win = create_main_window(tmp_path / "data", "da", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    try:
        assert QCoreApplication.translate("QFileDialog", "Detail View") == "Detaljeret visning"
        assert QCoreApplication.translate("QFileSystemModel", "Name") == "Navn"
        dialog = file_dialog(None, "Vælg en klasseliste", FileMode.OPEN, "Klasselister (*.csv)")
        qtbot.addWidget(dialog)
        # qtbase_da leaves "Look in" and "Files of type" in English; ours are Danish.
        assert _labels(dialog) == {
            "LookIn": "Kig &i:",
            "FileName": "Fil&navn:",
            "FileType": "Filer af &typen:",
            "Accept": "&Åbn",
            "Reject": "Annullér",
        }
        save = file_dialog(None, "Gem", FileMode.SAVE, "PDF (*.pdf)", "referat.pdf")
        qtbot.addWidget(save)
        assert save.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        assert _labels(save)["Accept"] == "&Gem"
        folder = file_dialog(None, "Mappe", FileMode.FOLDER)
        qtbot.addWidget(folder)
        assert folder.fileMode() == QFileDialog.FileMode.Directory
        assert _labels(folder)["Accept"] == "&Vælg"
    finally:
        i18n.activate("en")
