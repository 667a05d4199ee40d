"""The guide for the parents in the window: the setting that sends it with every
invitation (ticked in the Settings dialog) and Print › Guide for the parents…."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog
from tests.pdf_text import pdf_text


def words(path) -> str:  # type: ignore[no-untyped-def]
    return " ".join(pdf_text(path).split())


@pytest.fixture
def school(data_dir):  # type: ignore[no-untyped-def]
    services = Services(open_database(data_dir))
    services.principles.use("den-lille-skole")
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    klass = services.classes.create("5.A", contact_teacher_ids=(me.id,))
    pupil = services.students.add("Søren", "Ærø", klass.id)
    services.students.add_guardian(pupil.id, "Mor Ærø")
    when = dt.datetime.combine(services.today() + dt.timedelta(days=30), dt.time(15))
    planned = services.conversations.plan(pupil.id, Planning(starts_at=when))
    services.db.close()
    return {"pupil": pupil.id, "planned": planned.id, "class": klass.id}


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _print_invitation(window, school) -> str:  # type: ignore[no-untyped-def]
    window.open_student(school["pupil"])
    window.pupil_page.conversations.select(school["planned"])
    before = len(window.ctx.dialogs.opened)
    window.actions_by_name["print_invitation"].trigger()
    assert len(window.ctx.dialogs.opened) == before + 1
    return words(window.ctx.dialogs.opened[-1])


def test_ticking_the_setting_sends_the_guide_with_the_invitation(qtbot, window, school) -> None:  # type: ignore[no-untyped-def]
    text = _print_invitation(window, school)
    # The family speaks Danish: the invitation and the guide are in Danish.
    assert "Invitation til skole/hjemsamtale" in text
    assert "Sådan samarbejder vi om dit barn" not in text

    seen: list[bool] = []

    def tick_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        seen.append(dialog.guide_check.isChecked())
        assert dialog.guide_check.text() == "Send the guide &with every invitation"
        dialog.guide_check.setFocus()
        qtbot.keyClick(dialog.guide_check, Qt.Key.Key_Space)
        seen.append(dialog.guide_check.isChecked())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, tick_and_save)
    window.actions_by_name["settings"].trigger()
    assert seen == [False, True]
    assert window.services.school.guide_with_invitations() is True

    text = _print_invitation(window, school)
    assert "Invitation til skole/hjemsamtale" in text
    assert "Forberedelsesark" in text
    guide = text[text.index("Sådan samarbejder vi om dit barn") :]
    assert "En vejledning til forældrene i 5.A" in guide
    assert "du får svar inden for 3 arbejdsdage" in guide
    assert "Telefonsamtaler og sms med personalet sker efter aftale." in guide


def test_the_print_menu_previews_the_guide(window, school) -> None:  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "P&rint")
    action = window.actions_by_name["print_guide"]
    assert action in menu.actions()
    assert action.text() == "&Guide for the parents…"
    window.show_overview()
    action.trigger()
    opened = window.ctx.dialogs.opened
    assert len(opened) == 1
    # In the class's parents' language (Danish), its file name too.
    assert opened[0].name.startswith("Vejledning til forældrene 5.A")
    text = words(opened[0])
    assert "Sådan samarbejder vi om dit barn" in text
    assert "En vejledning til forældrene i 5.A" in text
    assert "mandag til fredag kl. 8.00–16.00" in text


def test_the_guide_follows_the_document_language(window, school) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_name["document_language_en"].trigger()
    window.actions_by_name["print_guide"].trigger()
    (opened,) = window.ctx.dialogs.opened
    assert opened.name.startswith("Guide for the parents 5.A")
    text = words(opened)
    assert "How we work together on your child" in text
    assert "Monday to Friday, 8:00–16:00" in text
