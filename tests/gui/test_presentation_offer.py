"""The message book's presentation with the conversation held: the dialog suggests it,
and marking a conversation on the focus points held offers to record it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from skolehjem_desktop.domain.enums import FocusArea, PresentationVia, SectionKind
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.conversation.editor import ConversationEditor
from skolehjem_desktop.ui.pupil.message_book.presentation_dialog import PresentationDialog

TODAY = dt.date(2026, 11, 23)  # the test clock: Monday 23 November 2026, 10:00
QUESTION = "The focus points were gone through. Record that the message book was presented?"


@pytest.fixture
def pupil(services) -> int:  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil_id = int(services.students.add("Søren", "Ærø", klass.id).id)
    services.students.add_guardian(pupil_id, "Mette Ærø")
    return pupil_id


def _conversation(services, pupil: int, day: dt.date, hour: int, *, held: bool) -> int:  # type: ignore[no-untyped-def]
    when = dt.datetime.combine(day, dt.time(hour, 0))
    conversation = services.conversations.plan(pupil, Planning(starts_at=when))
    if held:
        services.conversations.mark_held(conversation.id)
    return int(conversation.id)


def _dialog(qtbot, services, pupil: int) -> PresentationDialog:  # type: ignore[no-untyped-def]
    dialog = PresentationDialog(UiContext(services, ScriptedDialogs()), pupil, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_suggests_the_conversation_held_today(qtbot, services, pupil) -> None:  # type: ignore[no-untyped-def]
    _conversation(services, pupil, TODAY - dt.timedelta(days=30), 15, held=True)
    _conversation(services, pupil, TODAY, 8, held=True)
    latest = _conversation(services, pupil, TODAY, 9, held=True)
    services.focus.add(pupil, 2026, FocusArea.DANISH, "Læse mere")
    dialog = _dialog(qtbot, services, pupil)
    assert dialog.conversation_combo.currentData() == latest  # the latest held today
    assert dialog.via_combo.currentData() == PresentationVia.CONVERSATION
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [presentation] = services.focus.presentations(pupil, 2026)
    assert (presentation.conversation_id, presentation.presented_on) == (latest, TODAY)


def test_the_suggestion_follows_the_date(qtbot, services, pupil, type_in) -> None:  # type: ignore[no-untyped-def]
    earlier_day = TODAY - dt.timedelta(days=30)
    earlier = _conversation(services, pupil, earlier_day, 15, held=True)
    _conversation(services, pupil, TODAY, 8, held=False)  # planned only: not suggested
    dialog = _dialog(qtbot, services, pupil)
    assert dialog.conversation_combo.currentData() is None
    type_in(dialog.date_edit, earlier_day.isoformat())
    assert dialog.conversation_combo.currentData() == earlier
    type_in(dialog.date_edit, "2026-11-20")
    assert dialog.conversation_combo.currentData() is None  # the suggestion is taken back


def test_the_teachers_own_choice_stays_when_the_date_changes(
    qtbot, services, pupil, type_in
) -> None:  # type: ignore[no-untyped-def]
    _conversation(services, pupil, TODAY, 8, held=True)
    planned = _conversation(services, pupil, TODAY - dt.timedelta(days=3), 8, held=False)
    dialog = _dialog(qtbot, services, pupil)
    combo = dialog.conversation_combo
    combo.setCurrentIndex(combo.findData(planned))
    type_in(dialog.date_edit, "2026-11-01")
    assert combo.currentData() == planned


@pytest.fixture
def editor(qtbot, services, pupil):  # type: ignore[no-untyped-def]
    services.focus.add(pupil, 2026, FocusArea.DANISH, "Læse 20 minutter hver dag")
    widget = ConversationEditor(UiContext(services, ScriptedDialogs()))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _on_the_focus_points(services, pupil: int) -> int:  # type: ignore[no-untyped-def]
    conversation = _conversation(services, pupil, TODAY, 8, held=False)
    services.conversations.set_section(
        conversation, SectionKind.AGENDA, "1. Trivsel\n2. Fokuspunkter i meddelelsesbogen"
    )
    return conversation


def test_marking_held_offers_to_record_the_presentation(qtbot, services, pupil, editor) -> None:  # type: ignore[no-untyped-def]
    conversation = _on_the_focus_points(services, pupil)
    editor.load(conversation)
    editor.ctx.dialogs.confirms.append(True)
    qtbot.mouseClick(editor.held_button, Qt.MouseButton.LeftButton)
    assert editor.ctx.dialogs.asked == [QUESTION]
    [presentation] = services.focus.presentations(pupil, 2026)
    assert presentation.conversation_id == conversation
    assert presentation.via is PresentationVia.CONVERSATION
    assert presentation.presented_on == TODAY


def test_no_to_the_offer_records_nothing(qtbot, services, pupil, editor) -> None:  # type: ignore[no-untyped-def]
    editor.load(_on_the_focus_points(services, pupil))
    editor.ctx.dialogs.confirms.append(False)
    qtbot.mouseClick(editor.held_button, Qt.MouseButton.LeftButton)
    assert editor.ctx.dialogs.asked == [QUESTION]
    assert services.focus.presentations(pupil, 2026) == []


def test_a_conversation_not_on_the_focus_points_asks_nothing(
    qtbot, services, pupil, editor
) -> None:  # type: ignore[no-untyped-def]
    conversation = _conversation(services, pupil, TODAY, 8, held=False)
    editor.load(conversation)
    qtbot.mouseClick(editor.held_button, Qt.MouseButton.LeftButton)  # nothing scripted
    assert editor.ctx.dialogs.asked == []
    assert services.conversations.get(conversation).status.value == "held"
