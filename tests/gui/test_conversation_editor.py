"""The conversation editor, driven as a teacher drives it; every check reads the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.date_fields import DateField
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.conversation.agreements import AgreementsModel
from skolehjem_desktop.ui.conversation.editor import ConversationEditor

# The clock of the tests is Monday 23 November 2026, 10:00.
PAST = dt.datetime(2026, 11, 20, 14, 0)
FUTURE = dt.datetime(2026, 11, 26, 15, 30)


@dataclass
class School:
    me: int
    colleague: int
    outsider: int
    pupil: int
    mother: int
    father: int
    conversation: int


@pytest.fixture
def school(services) -> School:
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    colleague = services.school.add_teacher("Ole Berg", "OB")
    outsider = services.school.add_teacher("Åse Ærø", "ÅÆ")
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id, colleague.id))
    pupil = services.students.add("Søren", "Østergaard", klass.id)
    mother = services.students.add_guardian(pupil.id, "Hanne Østergaard")
    father = services.students.add_guardian(pupil.id, "Jens Østergaard")
    conversation = services.conversations.plan(pupil.id, Planning(starts_at=PAST))
    return School(me.id, colleague.id, outsider.id, pupil.id, mother.id, father.id, conversation.id)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def editor(qtbot, services, dialogs, school) -> ConversationEditor:
    widget = ConversationEditor(UiContext(services, dialogs))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.load(school.conversation)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def stored(data_dir, conversation_id: int):
    """The conversation as another connection to the data file reads it."""
    database = open_database(data_dir)
    try:
        return Services(database).conversations.get(conversation_id)
    finally:
        database.close()


def stored_text(data_dir, conversation_id: int, kind: SectionKind) -> str:
    return str(stored(data_dir, conversation_id).section(kind).text)


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def click_check(qtbot, check: QCheckBox) -> None:
    """Click a check box on its box (a stretched check box is not clickable everywhere)."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))


# --- text sections ---------------------------------------------------------------------


def test_typing_saves_about_a_second_after_the_last_key(qtbot, editor, school, data_dir) -> None:
    summary = editor.section_edits[SectionKind.SUMMARY]
    editor.tabs.setCurrentIndex(2)
    focus(qtbot, summary)
    qtbot.keyClicks(summary, "Good progress in maths")
    # Not yet: the save waits for a pause in the typing.
    assert stored_text(data_dir, school.conversation, SectionKind.SUMMARY) == ""
    with qtbot.waitSignal(editor.changed):  # the pause is short in these tests (conftest)
        pass
    assert stored_text(data_dir, school.conversation, SectionKind.SUMMARY) == (
        "Good progress in maths"
    )
    assert summary.hasFocus()  # the save did not disturb the typing


def test_danish_text_is_stored_as_typed(qtbot, editor, school, data_dir) -> None:
    social = editor.section_edits[SectionKind.SOCIAL_WELLBEING]
    editor.tabs.setCurrentIndex(2)
    focus(qtbot, social)
    social.insertPlainText("Søren trives i klassen; går til håndbold med Åse.")
    qtbot.waitUntil(
        lambda: (
            stored_text(data_dir, school.conversation, SectionKind.SOCIAL_WELLBEING)
            == "Søren trives i klassen; går til håndbold med Åse."
        )
    )


@pytest.mark.autosave_held  # only leaving the field can have saved
def test_leaving_a_field_saves_at_once(qtbot, editor, school, data_dir) -> None:
    editor.tabs.setCurrentIndex(2)
    academic = editor.section_edits[SectionKind.ACADEMIC]
    focus(qtbot, academic)
    qtbot.keyClicks(academic, "Reads well")
    focus(qtbot, editor.section_edits[SectionKind.CONCERNS])
    # No waiting for the debounce: the focus change saved it.
    assert stored_text(data_dir, school.conversation, SectionKind.ACADEMIC) == "Reads well"
    assert not editor.dirty


def test_flush_saves_everything_pending(qtbot, editor, school, data_dir) -> None:
    editor.section_edits[SectionKind.CONCERNS].insertPlainText("Uro i timerne")
    editor.record.next_edit.insertPlainText("Efter vinterferien")
    editor.planning.wishes_edit.insertPlainText("Mor ønsker matematiklæreren med")
    assert editor.dirty
    assert editor.flush() is True
    detail = stored(data_dir, school.conversation)
    assert detail.section(SectionKind.CONCERNS).text == "Uro i timerne"
    assert detail.next_conversation == "Efter vinterferien"
    assert detail.parents_wishes == "Mor ønsker matematiklæreren med"


def test_shared_switch_is_stored_and_keeps_the_text(qtbot, editor, school, data_dir) -> None:
    editor.tabs.setCurrentIndex(2)
    concerns = editor.section_edits[SectionKind.CONCERNS]
    check = editor.shared_checks[SectionKind.CONCERNS]
    assert check.isVisible() and check.isChecked()
    concerns.insertPlainText("Konflikt i frikvartererne")
    with qtbot.waitSignal(editor.changed):
        click_check(qtbot, check)
    editor.flush()
    section = stored(data_dir, school.conversation).section(SectionKind.CONCERNS)
    assert (section.text, section.shared) == ("Konflikt i frikvartererne", False)
    click_check(qtbot, check)
    assert stored(data_dir, school.conversation).section(SectionKind.CONCERNS).shared is True


def test_every_section_but_the_private_one_has_a_shared_switch(editor) -> None:
    assert set(editor.shared_checks) == set(SectionKind) - {SectionKind.PRIVATE_PREPARATION}
    for check in editor.shared_checks.values():
        assert check.text() == "Shared with the parents"


@pytest.mark.autosave_held  # only leaving the field can have saved
def test_private_preparation_is_marked_and_never_shared(qtbot, editor, school, data_dir) -> None:
    editor.tabs.setCurrentIndex(1)
    private = editor.section_edits[SectionKind.PRIVATE_PREPARATION]
    assert editor.preparation.private_banner.isVisible()
    assert editor.preparation.private_banner.text() == "Private – never shared with the parents"
    assert "never shared" in private.accessibleDescription()
    # Its background differs from an ordinary text field's.
    ordinary = editor.section_edits[SectionKind.AGENDA]
    assert private.palette().base().color() != ordinary.palette().base().color()
    focus(qtbot, private)
    qtbot.keyClicks(private, "Remember to praise the reading")
    focus(qtbot, ordinary)
    section = stored(data_dir, school.conversation).section(SectionKind.PRIVATE_PREPARATION)
    assert (section.text, section.shared) == ("Remember to praise the reading", False)


def test_a_text_over_the_limit_is_kept_and_said_once(
    qtbot, editor, dialogs, school, data_dir
) -> None:
    editor.tabs.setCurrentIndex(2)
    summary = editor.section_edits[SectionKind.SUMMARY]
    focus(qtbot, summary)
    qtbot.keyClicks(summary, "Kept")
    focus(qtbot, editor.section_edits[SectionKind.CONCERNS])
    assert stored_text(data_dir, school.conversation, SectionKind.SUMMARY) == "Kept"

    focus(qtbot, summary)
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    summary.insertPlainText("x" * 25_000)  # a paste
    qtbot.waitUntil(lambda: len(dialogs.errors) == 1)
    assert dialogs.errors[0].startswith("“Summary” could not be saved.")
    assert "The text is too long: 25004 characters, at most 20000." in dialogs.errors[0]
    assert "kept in the field" in dialogs.errors[0]
    # More typing, a pause, leaving the field, an explicit flush: no second message.
    with qtbot.waitSignal(editor.section_savers[SectionKind.SUMMARY].failed):  # the pause ended
        qtbot.keyClicks(summary, "yz")
    focus(qtbot, editor.section_edits[SectionKind.CONCERNS])
    assert editor.flush() is False
    assert len(dialogs.errors) == 1
    # Nothing typed was lost: the field has it all; the stored text is the last that fitted.
    assert summary.toPlainText() == "Kept" + "x" * 25_000 + "yz"
    assert stored_text(data_dir, school.conversation, SectionKind.SUMMARY) == "Kept"
    notice = editor.section_savers[SectionKind.SUMMARY].notice
    assert notice.isVisible() and "too long" in notice.text()

    # Shortened, it is saved and the notice goes.
    summary.setPlainText("Kept, now short")
    assert editor.flush() is True
    assert stored_text(data_dir, school.conversation, SectionKind.SUMMARY) == "Kept, now short"
    assert not notice.isVisible()
    # A later refusal is said again (once).
    summary.insertPlainText("y" * 20_001)
    editor.flush()
    assert len(dialogs.errors) == 2


def test_loading_another_conversation_saves_the_one_being_typed(
    qtbot, editor, services, school, data_dir
) -> None:
    other = services.conversations.plan(school.pupil, Planning(starts_at=FUTURE))
    editor.section_edits[SectionKind.SUMMARY].insertPlainText("Sidste ord")
    editor.load(other.id)
    assert stored_text(data_dir, school.conversation, SectionKind.SUMMARY) == "Sidste ord"
    assert editor.conversation_id == other.id
    assert editor.section_edits[SectionKind.SUMMARY].toPlainText() == ""
    assert not editor.dirty  # loading is not an edit


# --- planning ------------------------------------------------------------------------------


def test_planning_choices_save_at_once(qtbot, editor, school, data_dir) -> None:
    with qtbot.waitSignal(editor.changed):
        editor.planning.kind_combo.setCurrentIndex(
            editor.planning.kind_combo.findData(ConversationKind.WELLBEING.value)
        )
    assert stored(data_dir, school.conversation).kind is ConversationKind.WELLBEING
    editor.planning.requested_combo.setCurrentIndex(
        editor.planning.requested_combo.findData(RequestedBy.PARENTS.value)
    )
    assert stored(data_dir, school.conversation).requested_by is RequestedBy.PARENTS
    click_check(qtbot, editor.planning.attends_check)
    assert stored(data_dir, school.conversation).pupil_attends is False
    assert editor.title.text().endswith("Wellbeing")


def test_planning_typing_saves_on_leaving_the_field(qtbot, editor, school, data_dir) -> None:
    focus(qtbot, editor.planning.place_edit)
    qtbot.keyClicks(editor.planning.place_edit, "Room 12")
    focus(qtbot, editor.planning.attends_note)
    assert stored(data_dir, school.conversation).place == "Room 12"
    qtbot.keyClicks(editor.planning.attends_note, "Joins for the last 10 minutes")
    qtbot.waitUntil(
        lambda: (
            stored(data_dir, school.conversation).pupil_attends_note
            == "Joins for the last 10 minutes"
        )
    )
    focus(qtbot, editor.planning.duration_spin)
    editor.planning.duration_spin.selectAll()
    qtbot.keyClicks(editor.planning.duration_spin, "45")
    qtbot.keyClick(editor.planning.duration_spin, Qt.Key.Key_Return)
    assert stored(data_dir, school.conversation).duration_minutes == 45


def test_date_and_time_are_stored(qtbot, editor, school, data_dir, type_in) -> None:
    type_in(editor.planning.starts_edit.date_field, "19.11.2026")
    type_in(editor.planning.starts_edit.time_field, "8.15")
    assert editor.planning.weekday_label.text() == "Thursday, 19 November 2026"
    qtbot.waitUntil(
        lambda: stored(data_dir, school.conversation).starts_at == dt.datetime(2026, 11, 19, 8, 15)
    )
    assert editor.title.text().startswith("Thursday, 19 November 2026, 08:15–08:45")


def test_contact_teachers_are_checked_and_participants_stored(
    qtbot, editor, school, data_dir
) -> None:
    teachers = editor.planning.teachers_list
    checked = {
        teachers.item(r).text(): teachers.item(r).checkState() == Qt.CheckState.Checked
        for r in range(teachers.count())
    }
    assert checked == {"Mette Kjær (MK)": True, "Ole Berg (OB)": True, "Åse Ærø (ÅÆ)": False}
    guardians = editor.planning.guardians_list
    assert guardians.count() == 2
    assert all(
        guardians.item(r).checkState() == Qt.CheckState.Checked for r in range(guardians.count())
    )
    # The colleague does not join, Åse does; only the mother comes.
    for row in range(teachers.count()):
        if teachers.item(row).text().startswith("Ole"):
            teachers.item(row).setCheckState(Qt.CheckState.Unchecked)
        if teachers.item(row).text().startswith("Åse"):
            teachers.item(row).setCheckState(Qt.CheckState.Checked)
    guardians.item(1).setCheckState(Qt.CheckState.Unchecked)
    detail = stored(data_dir, school.conversation)
    assert {t for t, _name in detail.teachers} == {school.me, school.outsider}
    assert [g for g, _name in detail.guardians] == [school.mother]


@pytest.mark.autosave_held  # only leaving the field can have saved
def test_parents_wishes_are_stored(qtbot, editor, school, data_dir) -> None:
    focus(qtbot, editor.planning.wishes_edit)
    editor.planning.wishes_edit.insertPlainText("Forældrene ønsker, at dansklæreren deltager")
    focus(qtbot, editor.planning.place_edit)
    assert stored(data_dir, school.conversation).parents_wishes == (
        "Forældrene ønsker, at dansklæreren deltager"
    )


# --- status ------------------------------------------------------------------------------


def test_mark_held_cancel_and_reopen(qtbot, editor, school, data_dir) -> None:
    assert editor.held_button.isVisible() and editor.cancel_button.isVisible()
    assert not editor.reopen_button.isVisible()
    assert editor.status_label.text() == "• Planned"
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.held_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir, school.conversation).status is ConversationStatus.HELD
    assert editor.status_label.text() == "✓ Held"
    assert editor.status is ConversationStatus.HELD
    assert editor.reopen_button.isVisible() and not editor.held_button.isVisible()
    qtbot.mouseClick(editor.reopen_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir, school.conversation).status is ConversationStatus.PLANNED
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir, school.conversation).status is ConversationStatus.CANCELLED
    assert editor.status_label.text() == "✗ Cancelled"


def test_a_future_conversation_cannot_be_marked_held(
    qtbot, editor, dialogs, school, data_dir
) -> None:
    editor.planning.starts_edit.setDateTime(FUTURE)
    # Marking saves the pending date first; the refusal offers today, and "no" keeps it.
    dialogs.confirms = [False]
    qtbot.mouseClick(editor.held_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked == [
        "The conversation is set for 26/11/2026. Set the date to today and mark it as held?"
    ]
    assert dialogs.errors == []
    detail = stored(data_dir, school.conversation)
    assert detail.status is ConversationStatus.PLANNED
    assert detail.starts_at == FUTURE
    assert editor.status_label.text() == "• Planned"


# --- agenda ------------------------------------------------------------------------------


@pytest.fixture
def later(editor, services, school) -> int:
    """A later conversation shown in the editor; the first one has an agenda."""
    services.conversations.set_section(
        school.conversation, SectionKind.AGENDA, "1. Trivsel\n2. Læsning"
    )
    conversation = services.conversations.plan(school.pupil, Planning(starts_at=FUTURE))
    editor.load(conversation.id)
    editor.tabs.setCurrentIndex(1)
    return int(conversation.id)


def test_start_from_the_last_agenda(qtbot, editor, later, dialogs, data_dir) -> None:
    qtbot.mouseClick(editor.preparation.copy_agenda_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked == []  # nothing to replace, nothing to ask
    assert editor.section_edits[SectionKind.AGENDA].toPlainText() == "1. Trivsel\n2. Læsning"
    assert stored_text(data_dir, later, SectionKind.AGENDA) == "1. Trivsel\n2. Læsning"
    assert not editor.dirty


def test_replacing_a_written_agenda_asks_first(qtbot, editor, later, dialogs, data_dir) -> None:
    agenda = editor.section_edits[SectionKind.AGENDA]
    agenda.insertPlainText("Mit eget punkt")
    dialogs.confirms = [False]
    qtbot.mouseClick(editor.preparation.copy_agenda_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.asked) == 1 and "Replace the agenda" in dialogs.asked[0]
    assert agenda.toPlainText() == "Mit eget punkt"
    editor.flush()
    assert stored_text(data_dir, later, SectionKind.AGENDA) == "Mit eget punkt"
    dialogs.confirms = [True]
    qtbot.mouseClick(editor.preparation.copy_agenda_button, Qt.MouseButton.LeftButton)
    assert agenda.toPlainText() == "1. Trivsel\n2. Læsning"
    assert stored_text(data_dir, later, SectionKind.AGENDA) == "1. Trivsel\n2. Læsning"


def test_no_earlier_agenda_is_said(qtbot, editor, dialogs) -> None:
    editor.tabs.setCurrentIndex(1)
    qtbot.mouseClick(editor.preparation.copy_agenda_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == ["The pupil has no earlier conversation with an agenda."]


def test_no_earlier_agenda_is_said_before_asking_to_replace_the_one_written(  # type: ignore[no-untyped-def]
    qtbot, editor, dialogs
) -> None:
    editor.tabs.setCurrentIndex(1)
    agenda = editor.section_edits[SectionKind.AGENDA]
    agenda.insertPlainText("Mit eget punkt")
    qtbot.mouseClick(editor.preparation.copy_agenda_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked == []  # no "Replace …?" when there is nothing to replace it with
    assert dialogs.errors == ["The pupil has no earlier conversation with an agenda."]
    assert agenda.toPlainText() == "Mit eget punkt"


# --- agreements --------------------------------------------------------------------------


def add_agreement(
    qtbot, editor, text: str, responsible: Responsible, due: dt.date | None = None
) -> None:
    focus(qtbot, editor.agreements_panel.new_agreement_edit)
    qtbot.keyClicks(editor.agreements_panel.new_agreement_edit, text)
    editor.agreements_panel.new_responsible.setCurrentIndex(
        editor.agreements_panel.new_responsible.findData(responsible.value)
    )
    if due is not None:
        click_check(qtbot, editor.agreements_panel.new_due_check)
        due_edit = editor.agreements_panel.new_due_edit
        due_edit.setFocus()
        due_edit.selectAll()
        qtbot.keyClicks(due_edit, f"{due:%d.%m.%Y}")
    qtbot.keyClick(editor.agreements_panel.new_agreement_edit, Qt.Key.Key_Return)


def open_editor(qtbot, view: QTableView, row: int, column: int) -> QWidget:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    widget = QApplication.focusWidget()
    assert widget is not None and widget is not view
    return widget


def commit(qtbot, view: QTableView, editor: QWidget) -> None:
    """Press Return in a table cell's editor; the view commits it on its next turn."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_agreements_add_edit_done_remove(qtbot, editor, dialogs, school, data_dir) -> None:
    editor.tabs.setCurrentIndex(2)
    add_agreement(qtbot, editor, "Read 15 minutes a day", Responsible.HOME, dt.date(2027, 1, 15))
    add_agreement(qtbot, editor, "Seat by the window", Responsible.SCHOOL)
    agreements = stored(data_dir, school.conversation).agreements
    assert [(a.text, a.responsible, a.due, a.done) for a in agreements] == [
        ("Read 15 minutes a day", Responsible.HOME, dt.date(2027, 1, 15), False),
        ("Seat by the window", Responsible.SCHOOL, None, False),
    ]
    assert editor.agreements_panel.new_agreement_edit.text() == ""
    assert editor.agreements.rowCount() == 2
    view = editor.agreements_view

    # Edit the text in the table.
    line = open_editor(qtbot, view, 1, AgreementsModel.TEXT)
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Seat near the board")
    commit(qtbot, view, line)
    # Who is responsible: a list to choose from.
    combo = open_editor(qtbot, view, 1, AgreementsModel.RESPONSIBLE)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Responsible.PUPIL.value))
    commit(qtbot, view, combo)
    # The due date, typed (or chosen in the calendar).
    date_edit = open_editor(qtbot, view, 1, AgreementsModel.DUE)
    assert isinstance(date_edit, DateField)
    qtbot.keyClicks(date_edit, "1.12.2026")
    commit(qtbot, view, date_edit)
    # Done: the check box in the table.
    view.setCurrentIndex(editor.agreements.index(0, AgreementsModel.DONE))
    qtbot.keyClick(view, Qt.Key.Key_Space)

    agreements = stored(data_dir, school.conversation).agreements
    assert [(a.text, a.responsible, a.due, a.done) for a in agreements] == [
        ("Read 15 minutes a day", Responsible.HOME, dt.date(2027, 1, 15), True),
        ("Seat near the board", Responsible.PUPIL, dt.date(2026, 12, 1), False),
    ]

    # Take the due date off again.
    view.setCurrentIndex(editor.agreements.index(1, 0))
    assert editor.agreements_panel.clear_due_button.isEnabled()
    qtbot.mouseClick(editor.agreements_panel.clear_due_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir, school.conversation).agreements[1].due is None

    # Remove asks, naming the agreement; "no" keeps it.
    dialogs.confirms = [False, True]
    qtbot.mouseClick(editor.remove_agreement_button, Qt.MouseButton.LeftButton)
    assert "Seat near the board" in dialogs.asked[0]
    assert len(stored(data_dir, school.conversation).agreements) == 2
    qtbot.mouseClick(editor.remove_agreement_button, Qt.MouseButton.LeftButton)
    agreements = stored(data_dir, school.conversation).agreements
    assert [a.text for a in agreements] == ["Read 15 minutes a day"]
    assert editor.agreements.rowCount() == 1


def test_an_empty_agreement_text_is_refused_and_kept_unchanged(
    qtbot, editor, dialogs, school, data_dir
) -> None:
    editor.tabs.setCurrentIndex(2)
    add_agreement(qtbot, editor, "Homework every day", Responsible.PUPIL)
    line = open_editor(qtbot, editor.agreements_view, 0, AgreementsModel.TEXT)
    assert isinstance(line, QLineEdit)
    line.clear()
    commit(qtbot, editor.agreements_view, line)
    assert dialogs.errors == ["The agreement must be filled in."]
    assert stored(data_dir, school.conversation).agreements[0].text == "Homework every day"
    assert editor.agreements.index(0, 0).data() == "Homework every day"


def test_an_overdue_agreement_says_so(qtbot, services, editor, school) -> None:
    services.conversations.add_agreement(
        school.conversation, "Ring tilbage", Responsible.SCHOOL, dt.date(2026, 11, 1)
    )
    editor.load(school.conversation)
    text = editor.agreements.index(0, AgreementsModel.DUE).data()
    assert "overdue" in text and text.startswith("⚠")


# --- keyboard and labels ---------------------------------------------------------------


def test_every_field_has_a_label_or_an_accessible_name(editor) -> None:
    buddies = {id(lbl.buddy()) for lbl in editor.findChildren(QLabel) if lbl.buddy()}
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QListWidget, QTableView)
    unnamed = []
    for widget in editor.findChildren(QWidget):
        if not isinstance(widget, kinds):
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo box or a spin box
        if not widget.accessibleName() and id(widget) not in buddies:
            unnamed.append(widget)
    assert unnamed == []
    for button in editor.findChildren(QAbstractButton):
        if isinstance(button, QCheckBox | QAbstractButton) and button.parent() is not None:
            assert button.text() or button.accessibleName() or not button.isVisibleTo(editor)


def test_tab_follows_the_planning_page_top_to_bottom(qtbot, editor) -> None:
    order = [
        editor.planning.kind_combo,
        editor.planning.requested_combo,
        editor.planning.starts_edit.date_field,
        editor.planning.starts_edit.time_field,
        editor.planning.duration_spin,
        editor.planning.place_edit,
        editor.planning.attends_check,
        editor.planning.attends_note,
        editor.planning.teachers_list,
        editor.planning.guardians_list,
        editor.planning.wishes_edit,
    ]
    focus(qtbot, order[0])
    for previous, expected in pairwise(order):
        # Tab moves through the day, month, year, hour and minute of a date first.
        for _section in range(6):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not previous:
                break
        focused = QApplication.focusWidget()
        assert focused is expected or expected.isAncestorOf(focused), expected.accessibleName()


def test_tab_leaves_a_text_section_instead_of_typing_a_tab(qtbot, editor) -> None:
    editor.tabs.setCurrentIndex(2)
    academic = editor.section_edits[SectionKind.ACADEMIC]
    focus(qtbot, academic)
    qtbot.keyClick(academic, Qt.Key.Key_Tab)
    assert academic.toPlainText() == ""
    assert QApplication.focusWidget() is editor.shared_checks[SectionKind.SOCIAL_WELLBEING]


def test_the_editor_is_disabled_until_a_conversation_is_loaded(qtbot, services, dialogs) -> None:
    widget = ConversationEditor(UiContext(services, dialogs))
    qtbot.addWidget(widget)
    assert not widget.isEnabled()
    assert widget.conversation_id is None
    assert widget.flush() is True


def test_a_deleted_conversation_is_said_and_the_editor_empties(
    qtbot, services, editor, dialogs, school
) -> None:
    services.conversations.delete(school.conversation)
    editor.load(school.conversation)
    assert dialogs.errors == [f"Conversation with id {school.conversation} does not exist."]
    assert editor.conversation_id is None
    assert not editor.isEnabled()


def test_flush_stores_an_agreement_cell_being_edited(qtbot, editor, school, data_dir) -> None:
    editor.tabs.setCurrentIndex(2)
    add_agreement(qtbot, editor, "Homework every day", Responsible.PUPIL)
    line = open_editor(qtbot, editor.agreements_view, 0, AgreementsModel.TEXT)
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Homework on weekdays")
    assert editor.flush() is True
    assert stored(data_dir, school.conversation).agreements[0].text == "Homework on weekdays"
    assert editor.agreements_view.state() != QAbstractItemView.State.EditingState
