"""A class moves between teachers, in the window: hand it on, receive it, choose versions.

Two data folders stand for two laptops (Mette's and Bo's); the key derivation is made
cheap (``scrypt_n``) as in the service's tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

from skolehjem_desktop import i18n
from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.class_transfer import ChoiceReason
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.class_choices_dialog import ClassChoicesDialog
from skolehjem_desktop.ui.dialogs.class_export_dialog import ClassExportDialog
from skolehjem_desktop.ui.dialogs.class_preview_dialog import ClassPreviewDialog
from skolehjem_desktop.ui.dialogs.class_receive import ClassPassphraseDialog
from tests.gui.journey import when_modal
from tests.unit.test_class_transfer import (
    PASS,
    PUPILS,
    agenda,
    class_of,
    fill,
    hand_over,
    set_agenda,
)

CHEAP = 2**10  # the real cost is tested in the e2e tests


def laptop(root: Path, name: str) -> Services:
    services = Services(open_database(root / name))
    services.class_transfer.scrypt_n = CHEAP
    return services


@pytest.fixture
def mette(tmp_path: Path) -> Iterator[Services]:
    services = laptop(tmp_path, "mette")
    yield services
    services.db.close()


@pytest.fixture
def bo(tmp_path: Path) -> Iterator[Services]:
    services = laptop(tmp_path, "bo")
    yield services
    services.db.close()


@pytest.fixture
def ctx(mette: Services) -> UiContext:
    return UiContext(mette, ScriptedDialogs())


def bo_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The real window over Bo's data folder (empty but for the school and Bo)."""
    services = Services(open_database(tmp_path / "bo"))
    services.school.set_school_name("Skovbakkeskolen")
    services.school.save_user("Bo Lund", "BL")
    services.db.close()
    settings = QSettings(str(tmp_path / "bo.ini"), QSettings.Format.IniFormat)
    win = create_main_window(tmp_path / "bo", "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.services.class_transfer.scrypt_n = CHEAP
    return win


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def file_menu(win) -> QMenu:  # type: ignore[no-untyped-def]
    return next(a.menu() for a in win.menuBar().actions() if a.text() == "&File")


# --- the menu -------------------------------------------------------------------------------


def test_the_file_menu_has_the_three_actions_in_english_and_danish(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = bo_window(qtbot, tmp_path)
    names = [a.objectName() for a in file_menu(win).actions()]
    at = names.index("read_sheet")
    assert names[at + 1 : at + 6] == ["", "hand_on_class", "receive_class", "class_choices", ""]
    assert names[at + 6] == "backup"
    da = i18n.translator("da")
    assert [
        da.gettext(t)
        for t in ("&Hand the class on…", "Recei&ve a class…", "&Choose between versions…")
    ] == ["&Giv klassen videre …", "M&odtag en klasse …", "&Vælg mellem versioner …"]


def test_hand_on_is_disabled_without_a_class(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = bo_window(qtbot, tmp_path)
    menu, action = file_menu(win), win.actions_by_name["hand_on_class"]
    menu.aboutToShow.emit()
    assert win.class_id is None and not action.isEnabled()
    assert win.actions_by_name["receive_class"].isEnabled()
    win.services.classes.create("5.A", win.services.classes.current_year())
    win.reload()
    menu.aboutToShow.emit()
    assert win.class_id is not None and action.isEnabled()


# --- handing the class on -------------------------------------------------------------------


def export_dialog(qtbot, ctx: UiContext, class_id: int) -> ClassExportDialog:  # type: ignore[no-untyped-def]
    dialog = ClassExportDialog(ctx, None, class_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_export_dialog_writes_a_file_that_reads_back(  # type: ignore[no-untyped-def]
    qtbot, ctx, mette, bo, tmp_path
) -> None:
    filled = fill(mette)
    dialog = export_dialog(qtbot, ctx, filled["class"])
    assert "5.A (2026/27)" in dialog.heading.text() and "4 pupils" in dialog.heading.text()
    assert not dialog.save_button.isEnabled() and "At least" in dialog.hint.text()
    qtbot.keyClicks(dialog.first, "kort")
    assert not dialog.save_button.isEnabled() and "at least" in dialog.hint.text()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, PASS)
    assert not dialog.save_button.isEnabled() and "once more" in dialog.hint.text()
    qtbot.keyClicks(dialog.second, PASS[:-1])
    assert not dialog.save_button.isEnabled() and "differ" in dialog.hint.text()
    qtbot.keyClicks(dialog.second, PASS[-1])
    assert dialog.save_button.isEnabled() and "match" in dialog.hint.text()
    dialog.private.setFocus()
    qtbot.keyClick(dialog.private, Qt.Key.Key_Space)
    assert dialog.private.isChecked()
    target = tmp_path / "usb" / "til Bo"
    target.parent.mkdir()
    ctx.dialogs.files = [target]
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
    assert ctx.dialogs.suggested[-1].endswith("Class 5.A 2026-27.skolehjem-klasse")
    written = target.with_name("til Bo.skolehjem-klasse")
    assert dialog.summary is not None and dialog.summary.path == written
    assert ctx.dialogs.errors == []
    cf = bo.class_transfer.read_file(written, PASS)
    assert (cf.class_name, cf.pupils, cf.include_private) == ("5.A", len(PUPILS), True)


def test_a_file_that_cannot_be_written_is_a_message_and_leaves_nothing(  # type: ignore[no-untyped-def]
    qtbot, ctx, mette, tmp_path
) -> None:
    filled = fill(mette)
    dialog = export_dialog(qtbot, ctx, filled["class"])
    qtbot.keyClicks(dialog.first, PASS)
    qtbot.keyClicks(dialog.second, PASS)
    ctx.dialogs.files = [tmp_path / "no such folder" / "k"]
    click(qtbot, dialog.save_button)
    assert ctx.dialogs.errors and "does not exist" in ctx.dialogs.errors[-1]
    assert dialog.isVisible() and dialog.first.text() == PASS  # still there to try again
    assert not (tmp_path / "no such folder").exists()
    ctx.dialogs.files = [None]  # the save dialog cancelled: the dialog stays
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.summary is None


def test_hand_on_through_the_window_says_what_was_written(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = bo_window(qtbot, tmp_path)
    klass = win.services.classes.create("7.B", win.services.classes.current_year())
    win.services.students.add("Ayşe", "Yılmaz", klass.id)
    win.reload(class_id=klass.id)
    target = tmp_path / "7B.skolehjem-klasse"
    win.ctx.dialogs.files = [target]

    def drive(dialog: Any) -> None:
        qtbot.keyClicks(dialog.first, PASS)
        qtbot.keyClicks(dialog.second, PASS)
        click(qtbot, dialog.save_button)

    when_modal(ClassExportDialog, drive)
    win.actions_by_name["hand_on_class"].trigger()
    assert win.ctx.dialogs.errors == [] and target.exists(), win.ctx.dialogs.infos
    assert win.ctx.dialogs.paths == [target]
    message = win.ctx.dialogs.infos[-1]
    assert "7.B" in message and "1 pupil and" in message and "passphrase another way" in message
    assert "private preparation" not in message
    assert str(target) in win.statusBar().currentMessage()


# --- receiving it ---------------------------------------------------------------------------


def test_receive_with_a_wrong_passphrase_first_then_import(qtbot, mette, tmp_path) -> None:  # type: ignore[no-untyped-def]
    filled = fill(mette)
    path = tmp_path / "5A.skolehjem-klasse"
    mette.class_transfer.export_class(filled["class"], path, PASS)
    win = bo_window(qtbot, tmp_path)
    dialogs: ScriptedDialogs = win.ctx.dialogs
    dialogs.files = [path]
    seen: dict[str, Any] = {}

    def passphrase(dialog: Any) -> None:
        qtbot.keyClicks(dialog.field, "en helt forkert sætning")
        click(qtbot, dialog.open_button)
        seen["wrong"] = (dialog.isVisible(), dialog.error.isVisible(), dialog.error.text())
        dialog.field.clear()
        qtbot.keyClicks(dialog.field, PASS)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        seen["attempts"] = dialog.attempts

    def preview(dialog: Any) -> None:
        seen["pupils"] = rows(dialog.pupils)
        seen["kinds"] = rows(dialog.kinds)
        seen["note"] = dialog.note.text()
        seen["gated"] = not dialog.other_school.isVisible()
        seen["import"] = dialog.import_button.isEnabled()
        click(qtbot, dialog.import_button)

    when_modal(ClassPassphraseDialog, passphrase)
    when_modal(ClassPreviewDialog, preview)
    win.actions_by_name["receive_class"].trigger()

    visible, error_shown, error = seen["wrong"]
    assert visible and error_shown and "does not open the class file" in error
    assert seen["attempts"] == 2
    assert sorted(seen["pupils"]) == sorted([f"{f} {x}", "new"] for f, x in PUPILS)
    kinds = {row[0]: row[1:] for row in seen["kinds"]}
    cf = win.services.class_transfer.read_file(path, PASS)
    assert kinds["In all"] == [str(cf.records), "0", "0", "0", "0"]
    assert kinds["Pupils"] == [str(len(PUPILS)), "0", "0", "0", "0"]
    assert "new here" in seen["note"] and seen["gated"] and seen["import"]
    assert dialogs.errors == []
    assert "is imported" in dialogs.infos[-1] and f"New: {cf.records}," in dialogs.infos[-1]
    (shown,) = [win.class_list.item(i).text() for i in range(win.class_list.count())]
    assert "5.A" in shown and "★" in shown  # Bo is a contact teacher of the class now
    assert win.class_id == class_of(win.services) and win.school_year == 2026
    assert win.student_model.rowCount() == len(PUPILS)


def test_a_file_that_is_no_class_file_is_refused_before_the_passphrase(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = bo_window(qtbot, tmp_path)
    path = tmp_path / "brev.skolehjem-klasse"
    path.write_bytes(b"PK\x03\x04 not a class file")
    win.ctx.dialogs.files = [path]
    win.actions_by_name["receive_class"].trigger()  # no passphrase dialog: it would hang
    assert "not a Skolehjem class file" in win.ctx.dialogs.errors[-1]
    assert win.class_list.count() == 0


def test_another_school_must_be_ticked_before_import(qtbot, mette, bo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    filled = fill(mette)
    bo.school.set_school_name("Nordskolen")
    path = tmp_path / "k"
    mette.class_transfer.export_class(filled["class"], path, PASS)
    preview = bo.class_transfer.preview(bo.class_transfer.read_file(path, PASS))
    dialog = ClassPreviewDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.other_school.isVisible() and "(Skovbakkeskolen)" in dialog.other_school.text()
    assert not dialog.import_button.isEnabled() and not dialog.other_school_ok
    dialog.other_school.setFocus()
    qtbot.keyClick(dialog.other_school, Qt.Key.Key_Space)
    assert dialog.import_button.isEnabled() and dialog.other_school_ok
    facts = [label.text() for label in dialog.findChildren(type(dialog.note), "fact")]
    assert "Skovbakkeskolen" in facts and "Not included" in facts
    assert any("5.A" in fact and "2026/27" in fact for fact in facts)


# --- choosing between versions --------------------------------------------------------------


def test_the_choices_dialog_lists_a_choice_and_uses_the_colleagues(  # type: ignore[no-untyped-def]
    qtbot, ctx, mette, bo, tmp_path
) -> None:
    filled = fill(mette)
    bo.school.save_user("Bo Lund", "BL")
    hand_over(mette, bo, filled["class"], tmp_path / "1")
    set_agenda(bo, "Bo's dagsorden")
    set_agenda(mette, "Mettes dagsorden")
    hand_over(bo, mette, class_of(bo), tmp_path / "2")
    dialog = ClassChoicesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    (line,) = rows(dialog.list)
    assert line[2] == "Changed both here and by your colleague"
    assert line[3] == "Bo Lund (BL)" and "5.A" in line[1]
    assert dialog.chosen() is not None and dialog.chosen().reason is ChoiceReason.BOTH_CHANGED
    assert ["Text", "Mettes dagsorden", "Bo's dagsorden"] in rows(dialog.differences)
    assert dialog.close_button.isDefault() and not dialog.theirs_button.isDefault()
    assert dialog.mine_button.isEnabled() and dialog.theirs_button.isEnabled()
    click(qtbot, dialog.theirs_button)
    assert agenda(mette) == "Bo's dagsorden" and mette.class_transfer.choices() == []
    assert dialog.resolved == 1 and dialog.empty.isVisible() and not dialog.list.isVisible()
    assert not dialog.theirs_button.isEnabled() and not dialog.mine_button.isEnabled()
    assert dialog.empty.text() == "Nothing waits for a choice." and not dialog.heading.isVisible()


def test_a_choice_that_cannot_be_used_says_why_and_stays(qtbot, ctx, mette, bo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    filled = fill(bo)
    path = tmp_path / "k"
    bo.class_transfer.export_class(filled["class"], path, PASS)
    cf = mette.class_transfer.read_file(path, PASS)
    cf.payload["tables"]["conversation"] = []  # what names a conversation cannot be placed
    mette.class_transfer.apply(cf)
    dialog = ClassChoicesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    waiting = dialog.list.rowCount()
    row = next(r for r, line in enumerate(rows(dialog.list)) if "Læse 20" in line[0])
    dialog.list.selectRow(row)
    assert dialog.chosen().reason is ChoiceReason.NOT_PLACED
    click(qtbot, dialog.theirs_button)
    assert "not here" in ctx.dialogs.errors[-1]
    assert dialog.list.rowCount() == waiting and dialog.resolved == 0
    click(qtbot, dialog.mine_button)
    assert dialog.list.rowCount() == waiting - 1 and dialog.resolved == 1
    assert dialog.list.currentRow() == min(row, waiting - 2)


def test_receiving_with_choices_offers_the_list_at_once(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mette, bo = laptop(tmp_path, "mette"), laptop(tmp_path, "bo")
    filled = fill(mette)
    bo.school.save_user("Bo Lund", "BL")
    hand_over(mette, bo, filled["class"], tmp_path / "1")
    set_agenda(bo, "Bo's dagsorden")
    set_agenda(mette, "Mettes dagsorden")
    path = tmp_path / "2.skolehjem-klasse"
    bo.class_transfer.export_class(class_of(bo), path, PASS)
    for services in (mette, bo):
        services.db.close()
    settings = QSettings(str(tmp_path / "mette.ini"), QSettings.Format.IniFormat)
    win = create_main_window(tmp_path / "mette", "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dialogs: ScriptedDialogs = win.ctx.dialogs
    dialogs.files = [path]
    dialogs.confirms = [True]  # "Choose now?"
    seen: dict[str, Any] = {}

    def passphrase(dialog: Any) -> None:
        qtbot.keyClicks(dialog.field, PASS)
        click(qtbot, dialog.open_button)

    def preview(dialog: Any) -> None:
        seen["note"] = dialog.note.text()
        click(qtbot, dialog.import_button)

    def choose(dialog: Any) -> None:
        seen["choices"] = rows(dialog.list)
        click(qtbot, dialog.theirs_button)
        click(qtbot, dialog.close_button)

    when_modal(ClassPassphraseDialog, passphrase)
    when_modal(ClassPreviewDialog, preview)
    when_modal(ClassChoicesDialog, choose)
    win.actions_by_name["receive_class"].trigger()
    assert "1 record was changed both here and by your colleague" in seen["note"]
    assert "Choose now?" in dialogs.asked[-1] and "is imported" in dialogs.asked[-1]
    assert dialogs.harmless == dialogs.asked
    assert len(seen["choices"]) == 1
    assert agenda(win.services) == "Bo's dagsorden"
    assert win.services.class_transfer.choices() == []


def test_nothing_waiting_says_so(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = ClassChoicesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.empty.isVisible() and not dialog.differences.isVisible()
    assert dialog.close_button.hasFocus() or dialog.focusWidget() is dialog.close_button


# --- keys -----------------------------------------------------------------------------------

DIALOG_TEXTS = {
    "export": [
        "&Passphrase for the file:",
        "&Repeat the passphrase:",
        "&Include my private preparation",
        "Sa&ve the class file…",
    ],
    "passphrase": ["The class file's &passphrase:", "&Open"],
    "preview": [
        "P&upils:",
        "&Contents of the file:",
        "The class comes from another school ({school}). Import it &anyway",
        "&Import",
    ],
    "choices": [
        "&Waiting for your choice:",
        "What &differs:",
        "Keep &mine",
        "&Use the colleague's",
    ],
}


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("dialog", sorted(DIALOG_TEXTS))
def test_every_dialog_has_its_own_alt_letters(lang: str, dialog: str) -> None:
    import re

    translator = i18n.translator(lang)
    letters = [
        re.search(r"&(\w)", translator.gettext(text)).group(1).lower()  # type: ignore[union-attr]
        for text in DIALOG_TEXTS[dialog]
    ]
    assert len(letters) == len(set(letters)), letters
