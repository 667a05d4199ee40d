"""The main window over a real data folder, driven as a teacher would."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.store.enums import ConversationKind


def _school(data_dir):
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    other = services.school.add_teacher("Ole Berg", "OB")
    a = services.classes.create("4.B", year, contact_teacher_ids=(other.id,))
    b = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    soren = services.students.add("Søren", "Ærø", b.id)
    services.students.add("Łukasz", "Ćwikła", b.id)
    services.students.add("Ayşe", "Yılmaz", a.id)
    services.conversations.plan(
        soren.id,
        Planning(
            starts_at=dt.datetime.combine(services.today(), dt.time(8, 0)),
            kind=ConversationKind.ORDINARY,
        ),
    )
    services.db.close()
    return b


def test_window_lists_own_class_first_and_shows_what_is_owed(qtbot, data_dir):
    _school(data_dir)
    window = create_main_window(data_dir, "en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.class_list.count() == 2
    assert window.class_list.item(0).text().startswith("★ 5.A")
    assert window.class_list.currentRow() == 0
    assert window.proxy.rowCount() == 2
    names = {window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())}
    assert names == {"Søren Ærø", "Łukasz Ćwikła"}
    statuses = {
        window.proxy.index(r, 0).data(): window.proxy.index(r, 1).data()
        for r in range(window.proxy.rowCount())
    }
    assert statuses["Søren Ærø"].startswith("• Planned")
    assert statuses["Łukasz Ćwikła"].startswith("✗ Missing")
    assert "0 of 2 pupils have nothing owed." in window.statusBar().currentMessage()


def test_filter_narrows_the_pupils_as_the_teacher_types(qtbot, data_dir):
    _school(data_dir)
    window = create_main_window(data_dir, "en")
    qtbot.addWidget(window)
    # QTest types ASCII only; upper case shows the filter ignores case.
    qtbot.keyClicks(window.filter_edit, "UKAS")
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 0).data() == "Łukasz Ćwikła"
    window.filter_edit.clear()
    assert window.proxy.rowCount() == 2


def test_choosing_another_class_shows_its_pupils(qtbot, data_dir):
    _school(data_dir)
    window = create_main_window(data_dir, "en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    rect = window.class_list.visualItemRect(window.class_list.item(1))
    qtbot.mouseClick(window.class_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 0).data() == "Ayşe Yılmaz"
    assert window.heading.text().startswith("4.B")


def test_empty_data_folder_opens_with_a_clear_heading(qtbot, data_dir):
    window = create_main_window(data_dir, "en")
    qtbot.addWidget(window)
    assert window.class_list.count() == 0
    assert window.heading.text() == "No classes in this school year yet."
