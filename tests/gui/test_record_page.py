"""The Record page is compact, and a section kept from the parents wears the private tint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from skolehjem_desktop.domain.enums import Responsible, SectionKind
from tests.gui.laptop_process import run_on_a_laptop_screen
from tests.gui.test_conversation_editor import (  # noqa: F401 - fixtures
    click_check,
    dialogs,
    editor,
    school,
    stored,
)

CASES = Path(__file__).with_name("record_page_cases.py")


def test_all_five_sections_show_on_a_laptop_screen() -> None:
    """The cases need the 1366×768 offscreen screen, which only a new process gets."""
    run_on_a_laptop_screen(CASES)


def _private_base(editor):  # noqa: F811
    return editor.section_edits[SectionKind.PRIVATE_PREPARATION].palette().base().color()


def test_a_section_not_shared_is_tinted_as_the_private_one(qtbot, editor, school, data_dir) -> None:  # noqa: F811
    editor.tabs.setCurrentIndex(2)
    block = editor.record.blocks[SectionKind.CONCERNS]
    shared = editor.record.blocks[SectionKind.SUMMARY]
    assert block.property("unshared") is False and not block.unshared_label.isVisible()
    assert block.edit.palette().base().color() != _private_base(editor)
    with qtbot.waitSignal(editor.changed):
        click_check(qtbot, editor.shared_checks[SectionKind.CONCERNS])
    assert stored(data_dir, school.conversation).section(SectionKind.CONCERNS).shared is False
    assert block.property("unshared") is True
    assert block.unshared_label.isVisible()
    assert block.unshared_label.text() == "Not shared with the parents"
    assert block.edit.palette().base().color() == _private_base(editor)
    assert block.autoFillBackground()
    assert shared.property("unshared") is False
    assert shared.edit.palette().base().color() != _private_base(editor)
    click_check(qtbot, editor.shared_checks[SectionKind.CONCERNS])
    assert block.property("unshared") is False and not block.unshared_label.isVisible()
    assert block.edit.palette().base().color() == shared.edit.palette().base().color()


def test_a_section_stored_as_not_shared_is_tinted_when_loaded(
    qtbot,
    editor,  # noqa: F811
    school,  # noqa: F811
    services,
) -> None:
    services.conversations.set_section_shared(school.conversation, SectionKind.ACADEMIC, False)
    editor.load(school.conversation)
    editor.tabs.setCurrentIndex(2)
    assert editor.record.blocks[SectionKind.ACADEMIC].property("unshared") is True
    assert editor.record.blocks[SectionKind.ACADEMIC].unshared_label.isVisible()


def test_a_text_section_grows_with_its_text(qtbot, editor) -> None:  # noqa: F811
    editor.tabs.setCurrentIndex(2)
    edit = editor.section_edits[SectionKind.SUMMARY]
    empty = edit.height()
    assert 30 <= empty <= 70  # two lines, not a large empty box
    edit.setFocus()
    qtbot.keyClicks(edit, "Første linje")
    for line in range(5):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, f"Linje {line}")
    qtbot.waitUntil(lambda: edit.height() > empty + 3 * edit.fontMetrics().lineSpacing())


def test_the_agreements_table_is_as_tall_as_its_rows(qtbot, editor, services, school) -> None:  # noqa: F811
    editor.tabs.setCurrentIndex(2)
    view = editor.agreements_view
    row = view.verticalHeader().defaultSectionSize()
    empty = view.height()
    assert empty <= view.horizontalHeader().height() + 2 * row  # the header and one empty row
    services.conversations.add_agreement(school.conversation, "Læse hver dag", Responsible.HOME)
    editor.load(school.conversation)
    qtbot.waitUntil(lambda: view.height() >= empty + row - 2)
    assert view.height() <= empty + view.rowHeight(0) + 2
