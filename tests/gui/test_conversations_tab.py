"""The pupil page's Conversations tab: the list, new, delete, and switching without loss."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    SectionKind,
)
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.conversations_tab import ConversationsTab

# The clock of the tests is Monday 23 November 2026, 10:00 (school year 2026/27).
LAST_YEAR = dt.datetime(2025, 11, 12, 14, 0)
THIS_YEAR = dt.datetime(2026, 11, 20, 14, 0)
NEXT_YEAR = dt.datetime(2027, 9, 1, 15, 0)


@dataclass
class School:
    pupil: int
    other_pupil: int
    last_year: int
    this_year: int
    next_year: int


@pytest.fixture
def school(services) -> School:
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil = services.students.add("Søren", "Østergaard", klass.id)
    other = services.students.add("Łukasz", "Ćwikła", klass.id)
    services.students.add_guardian(pupil.id, "Lene Østergaard")
    services.students.add_guardian(other.id, "Anna Ćwikła")
    ids = [
        services.conversations.plan(pupil.id, Planning(starts_at=when, teacher_ids=(me.id,))).id
        for when in (LAST_YEAR, THIS_YEAR, NEXT_YEAR)
    ]
    services.conversations.mark_held(ids[0])
    return School(pupil.id, other.id, *ids)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def tab(qtbot, services, dialogs, school) -> ConversationsTab:
    widget = ConversationsTab(UiContext(services, dialogs))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.set_student(school.pupil, 2026)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(data_dir, conversation_id: int):
    database = open_database(data_dir)
    try:
        return Services(database).conversations.get(conversation_id)
    finally:
        database.close()


def all_stored(data_dir, student_id: int):
    database = open_database(data_dir)
    try:
        return Services(database).conversations.all(student_id=student_id)
    finally:
        database.close()


def listed(tab: ConversationsTab) -> list[list[str]]:
    model = tab.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def click_row(qtbot, tab: ConversationsTab, row: int) -> None:
    rect = tab.table.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_lists_every_year_newest_first_and_opens_this_years(tab, school) -> None:
    assert listed(tab) == [
        ["1 Sept 2027 15:00", "Ordinary", "• Planned", "The school"],
        ["20 Nov 2026 14:00", "Ordinary", "• Planned", "The school"],
        ["12 Nov 2025 14:00", "Ordinary", "✓ Held", "The school"],
    ]
    # The school year shown on the pupil page decides which one opens.
    assert tab.editor.conversation_id == school.this_year
    assert tab.table.currentIndex().row() == 1
    assert tab.stack.currentWidget() is tab.editor
    assert tab.delete_button.isEnabled()
    bold = tab.model.index(1, 0).data(Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()
    assert tab.model.index(2, 0).data(Qt.ItemDataRole.FontRole) is None


def test_choosing_a_row_opens_it(qtbot, tab, school) -> None:
    click_row(qtbot, tab, 2)
    assert tab.editor.conversation_id == school.last_year
    assert tab.editor.status_label.text() == "✓ Held"


def test_choosing_another_saves_what_was_typed(qtbot, tab, school, data_dir) -> None:
    summary = tab.editor.section_edits[SectionKind.SUMMARY]
    summary.insertPlainText("Sidste sætning før skiftet")
    click_row(qtbot, tab, 0)  # well before the debounce
    assert stored(data_dir, school.this_year).section(SectionKind.SUMMARY).text == (
        "Sidste sætning før skiftet"
    )
    assert tab.editor.conversation_id == school.next_year


def test_a_refused_text_keeps_the_conversation_open(qtbot, tab, dialogs, school, data_dir) -> None:
    summary = tab.editor.section_edits[SectionKind.SUMMARY]
    summary.insertPlainText("z" * 25_000)
    click_row(qtbot, tab, 0)
    assert len(dialogs.errors) == 1 and "too long" in dialogs.errors[0]
    # The text is still there and still shown; nothing was switched away.
    assert tab.editor.conversation_id == school.this_year
    assert tab.table.currentIndex().row() == 1
    assert summary.toPlainText() == "z" * 25_000
    # Once it fits, switching works.
    summary.setPlainText("Kort")
    click_row(qtbot, tab, 0)
    assert tab.editor.conversation_id == school.next_year
    assert stored(data_dir, school.this_year).section(SectionKind.SUMMARY).text == "Kort"


def test_new_conversation_is_planned_for_the_next_working_day(qtbot, tab, school, data_dir) -> None:
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    rows = all_stored(data_dir, school.pupil)
    assert len(rows) == 4
    new = next(
        r for r in rows if r.id not in (school.last_year, school.this_year, school.next_year)
    )
    # Tuesday after the clock's Monday, 15:00, ordinary, asked for by the school, 30 minutes.
    assert new.starts_at == dt.datetime(2026, 11, 24, 15, 0)
    assert (new.kind, new.requested_by, new.status, new.duration_minutes) == (
        ConversationKind.ORDINARY,
        RequestedBy.SCHOOL,
        ConversationStatus.PLANNED,
        30,
    )
    # It is chosen in the list and open on its planning page, the date ready to change.
    assert tab.editor.conversation_id == new.id
    assert tab.model.row_at(tab.table.currentIndex().row()).id == new.id
    assert tab.editor.tabs.currentIndex() == 0
    assert listed(tab)[1][0] == "24 Nov 2026 15:00"


def test_new_conversation_by_shortcut_entry_point(qtbot, tab, school, data_dir) -> None:
    # The main window's Ctrl+N calls this.
    tab.new_conversation()
    assert len(all_stored(data_dir, school.pupil)) == 4


def test_delete_names_the_date_and_asks(qtbot, tab, dialogs, school, data_dir) -> None:
    dialogs.confirms = [False]
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "20 Nov 2026 14:00" in dialogs.asked[0]
    assert len(all_stored(data_dir, school.pupil)) == 3
    dialogs.confirms = [True]
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in all_stored(data_dir, school.pupil)] == [
        school.next_year,
        school.last_year,
    ]
    assert [row[0] for row in listed(tab)] == ["1 Sept 2027 15:00", "12 Nov 2025 14:00"]
    # The one that took its place in the list is shown.
    assert tab.editor.conversation_id == school.last_year


def test_deleting_the_last_conversation_shows_the_empty_state(qtbot, tab, dialogs, school) -> None:
    dialogs.confirms = [True, True, True]
    for _n in range(3):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 0
    assert tab.editor.conversation_id is None
    assert tab.stack.currentWidget() is tab.empty_label
    assert "New conversation" in tab.empty_label.text()
    assert not tab.delete_button.isEnabled()
    assert tab.new_button.isEnabled()


def test_pending_text_is_not_written_into_a_deleted_conversation(
    qtbot, tab, dialogs, school, data_dir
) -> None:
    tab.editor.section_edits[SectionKind.SUMMARY].insertPlainText("Noget")
    dialogs.confirms = [True]
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    # Nothing left to save: the pending text was dropped with the conversation (a save
    # still pending would run after the short pause and fail, which ends the wait too).
    qtbot.waitUntil(lambda: not tab.editor.dirty or bool(dialogs.errors))
    assert not tab.editor.dirty
    assert dialogs.errors == []
    assert len(all_stored(data_dir, school.pupil)) == 2


def test_marking_held_updates_the_list(qtbot, tab, school, data_dir) -> None:
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.held_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir, school.this_year).status is ConversationStatus.HELD
    assert listed(tab)[1][2] == "✓ Held"
    assert tab.editor.conversation_id == school.this_year


def test_a_new_date_moves_the_conversation_in_the_list(qtbot, tab, school, type_in) -> None:
    type_in(tab.editor.planning.starts_edit.date_field, "4.10.2027")
    type_in(tab.editor.planning.starts_edit.time_field, "08.00")
    assert tab.flush() is True
    assert listed(tab)[0][0] == "4 Oct 2027 08:00"
    assert tab.model.row_at(tab.table.currentIndex().row()).id == school.this_year


def test_another_pupil_and_no_pupil(qtbot, tab, school) -> None:
    tab.set_student(school.other_pupil, 2026)
    assert tab.model.rowCount() == 0
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.new_button.isEnabled() and not tab.delete_button.isEnabled()
    tab.set_student(None, 2026)
    assert tab.stack.currentWidget() is tab.empty_label
    assert not tab.new_button.isEnabled()
    assert tab.empty_label.text() == "Choose a pupil to see their conversations."
    tab.new_conversation()  # nothing to do without a pupil
    assert tab.model.rowCount() == 0


def test_switching_pupils_saves_what_was_typed(qtbot, tab, school, data_dir) -> None:
    tab.editor.section_edits[SectionKind.ACADEMIC].insertPlainText("Læser flydende")
    tab.set_student(school.other_pupil, 2026)
    assert stored(data_dir, school.this_year).section(SectionKind.ACADEMIC).text == (
        "Læser flydende"
    )


def test_an_older_school_year_opens_its_own_conversation(qtbot, tab, school) -> None:
    tab.set_student(school.pupil, 2025)
    assert tab.editor.conversation_id == school.last_year


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text)
    return match.group(1).lower() if match else None


def test_mnemonics_are_unique_on_every_page(qtbot, tab) -> None:
    # Always on screen around the tab: the pupil page's tabs (Overview, Conversations,
    # Message book, Contacts, Guardians), the menus (File, Class, Pupil, Help) and the
    # left column (School year, Classes, Class overview, Search all classes, Pupils).
    taken_by_pupil_page = set("ocmtg") | set("fcph") | set("ylaop")
    for page in range(tab.editor.tabs.count()):
        tab.editor.tabs.setCurrentIndex(page)
        texts = [tab.editor.tabs.tabText(i) for i in range(tab.editor.tabs.count())]
        for widget in tab.findChildren(QAbstractButton) + tab.findChildren(QLabel):
            if widget.isVisibleTo(tab):
                texts.append(widget.text())
        letters = [m for m in map(_mnemonic, texts) if m]
        assert len(letters) == len(set(letters)), sorted(letters)
        assert not set(letters) & taken_by_pupil_page


def test_select_first_opens_the_newest(qtbot, tab, school) -> None:
    tab.select_first()
    assert tab.editor.conversation_id == school.next_year
    assert tab.table.currentIndex().row() == 0
