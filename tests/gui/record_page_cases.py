"""At a school laptop's screen (1366×768): the Record page shows all five sections.

Needs the 1366×768 offscreen screen, which ``test_record_page.py`` starts a process
with; skipped in any other process.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import Responsible, SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.conversation.sections import RECORD_SECTIONS

LAPTOP = QSize(1366, 768)


@pytest.fixture(autouse=True)
def _on_a_laptop_screen() -> None:
    screen = QGuiApplication.primaryScreen()
    if screen is None or screen.size() != LAPTOP:
        pytest.skip("needs the 1366×768 offscreen screen (test_record_page.py starts it)")


def _school(data_dir: Path) -> tuple[int, int]:
    services = Services(open_database(data_dir))
    try:
        year = services.classes.current_year()
        me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
        klass = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
        pupil = services.students.add("Søren", "Ærø", klass.id)
        earlier = dt.datetime.combine(services.today() - dt.timedelta(days=200), dt.time(15))
        services.conversations.plan(pupil.id, Planning(starts_at=earlier))
        when = dt.datetime.combine(services.today() - dt.timedelta(days=1), dt.time(15))
        conversation = services.conversations.plan(pupil.id, Planning(starts_at=when))
        for kind in RECORD_SECTIONS:
            services.conversations.set_section(conversation.id, kind, f"Kort om {kind.value}.")
        services.conversations.add_agreement(conversation.id, "Læse hver dag", Responsible.HOME)
        return pupil.id, conversation.id
    finally:
        services.db.close()


def test_the_record_page_shows_all_five_sections_without_scrolling(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    pupil, conversation = _school(data_dir)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, "da", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isMaximized()
    window.open_student(pupil)
    page = window.pupil_page
    page.tabs.setCurrentWidget(page.conversations)
    page.conversations.select(conversation)
    editor = page.conversations.editor
    editor.tabs.setCurrentWidget(editor.record)
    record = editor.record
    viewport = record.sections_scroll.viewport()
    qtbot.waitUntil(lambda: viewport.height() > 100)
    qtbot.wait(50)  # the layouts settle once the page is shown
    assert record.sections_scroll.verticalScrollBar().value() == 0
    seen = QRect(QPoint(0, 0), viewport.size())
    for kind in RECORD_SECTIONS:
        block = record.blocks[kind]
        top_left = block.mapTo(viewport, QPoint(0, 0))
        caption = QRect(top_left, QSize(block.width(), block.edit.y()))
        assert seen.contains(caption), f"{kind}: {caption} is not in {seen}"
        assert block.edit.height() < 80, kind  # a short text: a short field
    assert record.blocks[SectionKind.SUMMARY].edit.mapTo(viewport, QPoint(0, 0)).y() < seen.bottom()
    view = editor.agreements_view
    one_row_and_one_empty = (
        view.horizontalHeader().height()
        + view.rowHeight(0)
        + view.verticalHeader().defaultSectionSize()
    )
    assert view.height() <= one_row_and_one_empty + 2 * view.frameWidth() + 4
