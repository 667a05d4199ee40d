"""The contact dialog and list follow the school's principles, driven as a teacher would:
a parent's message outside working hours gets a note, and a call the principles want
agreed on first gets a warning until the teacher ticks that it was.

The clock is fixed: Monday 23 November 2026, 10:00 (``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import ContactChannel, StartedBy
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.contact_dialog import ContactDialog
from skolehjem_desktop.ui.pupil.contacts_tab import ContactsTab, ContactTableModel

PHONE, AULA = ContactChannel.PHONE, ContactChannel.AULA


@pytest.fixture
def pupil(services) -> int:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    return int(services.students.add("Łukasz", "Ćwikła", klass.id).id)


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def open_dialog(qtbot, ctx, pupil):  # type: ignore[no-untyped-def]
    def opening(contact=None) -> ContactDialog:  # type: ignore[no-untyped-def]
        widget = ContactDialog(ctx, pupil, contact=contact)
        qtbot.addWidget(widget)
        with qtbot.waitActive(widget):
            widget.show()
        return widget

    return opening


def choose(qtbot, combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    target = combo.findData(value)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


# --- outside working hours -------------------------------------------------------------


def test_a_message_typed_at_half_past_nine_in_the_evening_gets_a_note(
    qtbot, open_dialog, services, pupil, type_in
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    assert not dialog.hours_note.isVisible()  # Monday 10:00: inside working hours
    assert dialog.due_hint.text() == "(the next working day)"

    type_in(dialog.when_edit.date_field, "20.11.2026")  # a Friday
    type_in(dialog.when_edit.time_field, "21.30")
    qtbot.waitUntil(dialog.hours_note.isVisible)
    assert dialog.hours_note.text() == (
        "Outside the school's working hours (Mon–Fri 08:00–16:00). "
        "The reply comes within working hours."
    )
    # "Senest næste arbejdsdag": Friday evening's message by the end of Monday.
    assert dialog.due_edit.date() == dt.date(2026, 11, 23)
    assert dialog.due_hint.text() == "(the next working day)"

    # Back inside the working day, the note goes.
    type_in(dialog.when_edit.time_field, "15.30")
    qtbot.waitUntil(lambda: not dialog.hours_note.isVisible())
    assert dialog.due_edit.date() == dt.date(2026, 11, 23)

    # A call the school made in the evening owes no reply and gets no note.
    type_in(dialog.when_edit.time_field, "21.30")
    choose(qtbot, dialog.started_combo, StartedBy.SCHOOL)
    assert not dialog.hours_note.isVisible()
    choose(qtbot, dialog.started_combo, StartedBy.PARENT)
    assert dialog.hours_note.isVisible()
    qtbot.keyClicks(dialog.summary_edit, "Mor skriver sent om fredag")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = services.contacts.all(pupil)
    assert stored.outside_hours
    assert stored.reply_due == dt.date(2026, 11, 23)


def test_the_note_in_danish_with_the_schools_own_hours(
    qtbot, open_dialog, services, type_in
) -> None:  # type: ignore[no-untyped-def]
    services.principles.use("den-lille-skole")
    services.principles.set("working_hours_end", "15:30")
    i18n.activate("da")
    dialog = open_dialog()
    type_in(dialog.when_edit.time_field, "07.15")
    qtbot.waitUntil(dialog.hours_note.isVisible)
    assert dialog.hours_note.text() == (
        "Uden for skolens arbejdstid (man–fre kl. 8.00–15.30). Der svares inden for arbejdstiden."
    )
    # Monday 07.15: 3 working days -> Thursday.
    assert dialog.due_edit.date() == dt.date(2026, 11, 26)
    assert dialog.due_hint.text() == "(inden for 3 arbejdsdage)"
    type_in(dialog.when_edit.time_field, "15.45")
    assert dialog.hours_note.isVisible()
    type_in(dialog.when_edit.time_field, "15.00")
    qtbot.waitUntil(lambda: not dialog.hours_note.isVisible())
    assert dialog.due_hint.text() == "(inden for 3 arbejdsdage)"


def test_a_saturday_is_outside_working_hours(qtbot, open_dialog, type_in) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    type_in(dialog.when_edit.date_field, "21.11.2026")
    type_in(dialog.when_edit.time_field, "11.00")
    qtbot.waitUntil(dialog.hours_note.isVisible)
    assert dialog.due_edit.date() == dt.date(2026, 11, 23)  # Saturday: by Monday


# --- calls agreed on first ----------------------------------------------------------------


def test_a_call_at_den_lille_skole_is_warned_until_it_was_agreed(
    qtbot, open_dialog, services, pupil
) -> None:  # type: ignore[no-untyped-def]
    services.principles.use("den-lille-skole")
    dialog = open_dialog()
    assert not dialog.appointment_check.isVisible()  # Aula: nothing to agree on
    assert not dialog.appointment_note.isVisible()

    choose(qtbot, dialog.channel_combo, PHONE)
    qtbot.waitUntil(dialog.appointment_note.isVisible)
    assert dialog.appointment_check.isVisible()
    assert dialog.appointment_note.text() == (
        "⚠ The school's principles: phone and sms by appointment made first."
    )
    qtbot.mouseClick(dialog.appointment_check, Qt.MouseButton.LeftButton)
    assert dialog.appointment_check.isChecked()
    qtbot.waitUntil(lambda: not dialog.appointment_note.isVisible())
    # Untick: the warning is back, and saving is still allowed (a warning, not a refusal).
    dialog.appointment_check.setFocus()
    qtbot.keyClick(dialog.appointment_check, Qt.Key.Key_Space)
    assert dialog.appointment_note.isVisible()
    qtbot.keyClick(dialog.appointment_check, Qt.Key.Key_Space)
    assert not dialog.appointment_note.isVisible()

    qtbot.keyClicks(dialog.summary_edit, "Aftalt opkald om trivsel")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = services.contacts.all(pupil)
    assert stored.channel is PHONE
    assert stored.by_appointment
    assert not stored.without_appointment


def test_an_unagreed_call_is_saved_with_the_warning_and_edited_later(
    qtbot, open_dialog, services, pupil
) -> None:  # type: ignore[no-untyped-def]
    services.principles.use("den-lille-skole")
    dialog = open_dialog()
    choose(qtbot, dialog.channel_combo, PHONE)
    assert dialog.appointment_note.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = services.contacts.all(pupil)
    assert not stored.by_appointment and stored.without_appointment

    editing = open_dialog(stored)
    assert editing.appointment_check.isVisible() and not editing.appointment_check.isChecked()
    assert editing.appointment_note.isVisible()
    qtbot.mouseClick(editing.appointment_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editing.save_button, Qt.MouseButton.LeftButton)
    assert editing.result() == QDialog.DialogCode.Accepted
    assert services.contacts.all(pupil)[0].by_appointment


def test_with_the_vest_preset_a_call_gets_no_warning(qtbot, open_dialog, services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.principles.use("skoledistrikt-vest")
    dialog = open_dialog()
    choose(qtbot, dialog.channel_combo, PHONE)
    assert dialog.appointment_check.isVisible()  # it can still be noted
    assert not dialog.appointment_note.isVisible()
    choose(qtbot, dialog.channel_combo, AULA)
    assert not dialog.appointment_check.isVisible()


# --- the list ---------------------------------------------------------------------------


@pytest.fixture
def tab(qtbot, ctx) -> ContactsTab:  # type: ignore[no-untyped-def]
    widget = ContactsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_list_marks_late_messages_and_calls_not_agreed(tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.principles.use("den-lille-skole")
    add = services.contacts.add
    add(
        pupil,
        channel=AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 11, 20, 21, 30),
    )
    add(
        pupil, channel=PHONE, started_by=StartedBy.PARENT, occurred_at=dt.datetime(2026, 11, 20, 12)
    )
    add(pupil, channel=PHONE, started_by=StartedBy.SCHOOL, by_appointment=True,
        occurred_at=dt.datetime(2026, 11, 19, 12))  # fmt: skip
    tab.set_student(pupil, 2026)
    model = tab.model

    def cell(row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    when, channel = ContactTableModel.WHEN, ContactTableModel.CHANNEL
    assert cell(0, when) == "20 Nov 2026 21:30 · outside working hours"
    assert "comes in working hours" in str(cell(0, when, Qt.ItemDataRole.ToolTipRole))
    assert cell(0, channel) == "Aula message"
    assert cell(1, when) == "20 Nov 2026 12:00"
    assert cell(1, channel) == "Phone ⚠ not agreed beforehand"
    assert "agreed on beforehand" in str(cell(1, channel, Qt.ItemDataRole.ToolTipRole))
    assert cell(2, channel) == "Phone, agreed beforehand"
    # With the Vest preset no call needs an appointment: no sign once the list is read again.
    services.principles.use("skoledistrikt-vest")
    tab.reload()
    assert cell(1, channel) == "Phone"
