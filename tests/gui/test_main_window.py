"""The main window over a real data folder, driven as a teacher would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import ConversationKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


def _school(data_dir):
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    other = services.school.add_teacher("Ole Berg", "OB")
    a = services.classes.create("4.B", year, contact_teacher_ids=(other.id,))
    b = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    soren = services.students.add("Søren", "Ærø", b.id)
    lukasz = services.students.add("Łukasz", "Ćwikła", b.id)
    services.students.add_guardian(soren.id, "Mette Ærø")
    services.students.add_guardian(lukasz.id, "Anna Ćwikła")
    services.students.add("Ayşe", "Yılmaz", a.id)
    conversation = services.conversations.plan(
        soren.id,
        Planning(
            starts_at=dt.datetime.combine(services.today(), dt.time(8, 0)),
            kind=ConversationKind.ORDINARY,
        ),
    )
    services.db.close()
    return {"soren": soren.id, "lukasz": lukasz.id, "conversation": conversation.id, "5A": b.id}


@pytest.fixture
def school(data_dir):
    return _school(data_dir)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, data_dir, school, settings):
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _overview(win) -> dict[str, list[str]]:
    proxy = win.proxy
    return {
        proxy.index(r, 0).data(): [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    }


def test_own_class_first_and_what_is_owed(window) -> None:
    assert window.class_list.count() == 2
    assert window.class_list.item(0).text().startswith("★ 5.A")
    rows = _overview(window)
    assert set(rows) == {"Søren Ærø", "Łukasz Ćwikła"}
    assert rows["Søren Ærø"][1].startswith("• Planned")
    assert rows["Łukasz Ćwikła"][1].startswith("✗ Missing")
    assert window.summary.text() == "None of the 2 pupils has everything in place yet."


def test_filter_narrows_pupils_and_overview_as_the_teacher_types(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClicks(window.filter_edit, "LUKAS")  # Ł folds to L, case is ignored
    assert window.student_proxy.rowCount() == 1
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 0).data() == "Łukasz Ćwikła"
    window.filter_edit.clear()
    assert window.student_proxy.rowCount() == 2


def test_search_across_all_classes(qtbot, window) -> None:
    qtbot.mouseClick(window.all_classes, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.filter_edit, "ayse")
    assert window.student_proxy.rowCount() == 1
    assert "4.B" in window.student_proxy.index(0, 0).data()


def test_choosing_a_pupil_opens_the_page_and_back(qtbot, window, school) -> None:
    index = window.student_proxy.index(0, 0)
    window.student_list.setCurrentIndex(index)
    assert window.stack.currentWidget() is window.pupil_page
    assert window.pupil_page.heading.text() in {"Søren Ærø", "Łukasz Ćwikła"}
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0


def test_double_click_in_the_overview_opens_the_pupil(qtbot, window, school) -> None:
    proxy = window.proxy
    row = next(r for r in range(proxy.rowCount()) if "Søren" in proxy.index(r, 0).data())
    rect = window.table.visualRect(window.proxy.index(row, 0))
    viewport = window.table.viewport()
    # A real double click: press, release, then the double-click press and release.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.pupil_page
    assert window.pupil_page.student_id == school["soren"]


def test_enter_in_the_overview_opens_the_pupil(qtbot, window, school) -> None:
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pupil_page


def test_choosing_another_class(qtbot, window) -> None:
    rect = window.class_list.visualItemRect(window.class_list.item(1))
    qtbot.mouseClick(window.class_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert set(_overview(window)) == {"Ayşe Yılmaz"}
    assert window.heading.text().startswith("4.B")


def test_restores_splitter_and_last_pupil(qtbot, data_dir, school, settings) -> None:
    first = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.splitter.setSizes([150, 600])
    first.open_student(school["lukasz"])
    first.close()
    second = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(second)
    assert abs(second.splitter.sizes()[0] - 150) <= 2
    assert second.stack.currentWidget() is second.pupil_page
    assert second.pupil_page.student_id == school["lukasz"]


def test_empty_data_folder_says_what_to_do(qtbot, tmp_path, settings) -> None:
    win = create_main_window(tmp_path / "empty", "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    assert win.class_list.count() == 0
    assert win.heading.text() == "No classes in this school year yet."
    assert "import a class list" in win.summary.text()


def test_pupil_actions_without_a_pupil_say_so(qtbot, window) -> None:
    window.actions_by_name["edit_pupil"].trigger()
    assert window.ctx.dialogs.infos == ["Choose a pupil first."]


def test_the_class_overview_updates_when_a_conversation_is_marked_held(
    qtbot, window, school
) -> None:
    assert _overview(window)["Søren Ærø"][1].startswith("• Planned")
    window.open_student(school["soren"])
    tab = window.pupil_page.conversations
    tab.select(school["conversation"])
    editor = tab.editor
    qtbot.mouseClick(editor.held_button, Qt.MouseButton.LeftButton)
    assert "Saved" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert _overview(window)["Søren Ærø"][1].startswith("✓ Held")


def test_ctrl_n_plans_a_new_conversation_for_the_open_pupil(qtbot, window, school) -> None:
    window.open_student(school["lukasz"])
    before = len(window.services.conversations.all(student_id=school["lukasz"]))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    after = window.services.conversations.all(student_id=school["lukasz"])
    assert len(after) == before + 1
    assert window.pupil_page.tabs.currentWidget() is window.pupil_page.conversations
    assert window.pupil_page.conversations.editor.conversation_id == after[0].id


def test_ctrl_shift_h_records_a_conversation_held_today(qtbot, window, school) -> None:
    window.open_student(school["lukasz"])
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = window.pupil_page.conversations.editor
    held = window.services.conversations.get(editor.conversation_id)
    assert (held.status.value, held.starts_at.date()) == ("held", window.services.today())
    assert editor.tabs.currentWidget() is editor.record


def test_refused_text_keeps_the_teacher_on_it_and_is_never_dropped(qtbot, window, school) -> None:
    """A summary over the limit is refused; leaving the pupil or closing must not lose it."""
    from skolehjem_desktop.domain.enums import SectionKind

    window.open_student(school["soren"])
    editor = window.pupil_page.conversations.editor
    editor_field = editor.section_edits[SectionKind.SUMMARY]
    too_long = "x" * 25_000
    editor_field.setPlainText(too_long)
    assert not editor.flush()
    errors_before = len(window.ctx.dialogs.errors)

    assert window.open_student(school["lukasz"]) is False
    assert window.pupil_page.student_id == school["soren"]
    assert editor_field.toPlainText() == too_long
    window.show_overview()
    assert window.stack.currentWidget() is window.pupil_page
    assert not window.close()
    assert len(window.ctx.dialogs.errors) > errors_before

    editor_field.setPlainText("Kort og godt.")
    assert window.open_student(school["lukasz"])
    stored = window.services.conversations.get(school["conversation"])
    assert stored.section(SectionKind.SUMMARY).text == "Kort og godt."


def test_changing_the_language_offers_a_restart(window, monkeypatch) -> None:
    from skolehjem_desktop.ui.dialogs import settings_dialog

    def choose_danish(ctx, parent):  # the teacher picks Dansk in the settings dialog
        ctx.services.school.set_language("da")
        return True

    monkeypatch.setattr(settings_dialog, "edit_settings", choose_danish)
    restarted: list[bool] = []
    monkeypatch.setattr(window, "restart", lambda: restarted.append(True) or True)
    window.ctx.dialogs.confirms.append(True)
    window.actions_by_name["settings"].trigger()
    assert any("Restart" in q for q in window.ctx.dialogs.asked)
    assert any("Restart" in q for q in window.ctx.dialogs.harmless)  # a question, no warning
    assert restarted == [True]


@pytest.mark.parametrize("frozen", [False, True])
def test_a_restart_starts_the_same_program_on_the_same_data(window, monkeypatch, frozen) -> None:
    """From source it is ``python -m skolehjem_desktop``; in the built app, the app itself."""
    import sys

    from skolehjem_desktop.ui.app import main_window

    started: list[tuple[str, list[str]]] = []

    class FakeProcess:
        @staticmethod
        def startDetached(program: str, args: list[str]) -> bool:
            started.append((program, args))
            return True

    monkeypatch.setattr(main_window, "QProcess", FakeProcess)
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    data_dir = str(window.services.db.data_dir)
    assert window.restart()
    expected_args = (
        ["--data-dir", data_dir] if frozen else ["-m", "skolehjem_desktop", "--data-dir", data_dir]
    )
    assert started == [(sys.executable, expected_args)]
