"""The contact log: the quick-add dialog and the pupil's Contacts tab, driven as a teacher would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, StartedBy
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.contact_dialog import ContactDialog, add_contact
from skolehjem_desktop.ui.pupil.contacts_tab import ContactsTab, ContactTableModel
from tests.gui.modals import answer_modal

FRIDAY = dt.datetime(2026, 11, 20, 15, 30)
MONDAY = dt.date(2026, 11, 23)  # also the test clock's today


@pytest.fixture
def pupil(services) -> int:  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    student = services.students.add("Łukasz", "Ćwikła", klass.id)
    services.students.add_guardian(student.id, "Agnieszka Ćwikła")
    return int(student.id)


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def dialog(qtbot, ctx, pupil) -> ContactDialog:  # type: ignore[no-untyped-def]
    widget = ContactDialog(ctx, pupil)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose(qtbot, combo, value) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry with the keyboard, as a teacher tabbing through the form would."""
    combo.setFocus()
    target = combo.findData(value)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


# --- the dialog --------------------------------------------------------------------------------


def test_a_parents_message_on_friday_is_due_on_monday(
    qtbot, dialog, services, pupil, type_in
) -> None:  # type: ignore[no-untyped-def]
    # Opens at "now" with the parent's rule applied: the next working day.
    assert dialog.values().occurred_at == dt.datetime(2026, 11, 23, 10, 0)
    assert dialog.due_check.isChecked()
    assert dialog.values().reply_due == dt.date(2026, 11, 24)

    type_in(dialog.when_edit.date_field, "20.11.2026")
    type_in(dialog.when_edit.time_field, "15.30")
    assert dialog.due_edit.date() == MONDAY
    assert dialog.due_hint.text() == "(the next working day)"
    choose(qtbot, dialog.channel_combo, ContactChannel.AULA)
    choose(qtbot, dialog.guardian_combo, services.students.guardians(pupil)[0].id)
    dialog.summary_edit.setFocus()
    dialog.summary_edit.insertPlainText("Mor spørger, om Łukasz må gå tidligt fredag.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = services.contacts.all(pupil)
    assert stored == dialog.saved
    assert stored.occurred_at == FRIDAY
    assert stored.reply_due == MONDAY
    assert stored.started_by is StartedBy.PARENT
    assert stored.channel is ContactChannel.AULA
    assert stored.guardian_id == services.students.guardians(pupil)[0].id
    assert stored.summary == "Mor spørger, om Łukasz må gå tidligt fredag."


def test_contact_the_school_started_owes_no_reply(qtbot, dialog, services, pupil) -> None:  # type: ignore[no-untyped-def]
    choose(qtbot, dialog.started_combo, StartedBy.SCHOOL)
    assert not dialog.due_check.isChecked()
    assert not dialog.due_edit.isEnabled()
    assert dialog.values().reply_due is None
    # Back to a parent: the rule fills it in again, and follows "when".
    choose(qtbot, dialog.started_combo, StartedBy.PARENT)
    assert dialog.values().reply_due == dt.date(2026, 11, 24)
    choose(qtbot, dialog.started_combo, StartedBy.SCHOOL)
    choose(qtbot, dialog.channel_combo, ContactChannel.PHONE)
    choose(qtbot, dialog.topic_combo, ContactTopic.ACADEMIC)
    qtbot.keyClicks(dialog.summary_edit, "Called about the maths homework")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = services.contacts.all(pupil)
    assert stored.reply_due is None
    assert (stored.started_by, stored.channel, stored.topic) == (
        StartedBy.SCHOOL,
        ContactChannel.PHONE,
        ContactTopic.ACADEMIC,
    )


def test_the_teacher_can_change_or_clear_the_reply_due(qtbot, dialog, services, pupil) -> None:  # type: ignore[no-untyped-def]
    dialog.due_edit.setFocus()
    qtbot.keyClick(dialog.due_edit, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.due_edit, Qt.Key.Key_Up)
    assert dialog.due_hint.text() == "(set by you)"
    # Once the teacher set it, changing "when" leaves it alone.
    dialog.when_edit.setDateTime(FRIDAY)
    assert dialog.values().reply_due == dt.date(2026, 11, 26)
    # A reply cannot be due before the contact: the date field will not go there.
    assert dialog.due_edit.minimumDate() == FRIDAY.date()

    qtbot.mouseClick(dialog.due_check, Qt.MouseButton.LeftButton)  # clear it
    assert dialog.values().reply_due is None
    assert not dialog.due_edit.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [stored] = services.contacts.all(pupil)
    assert stored.reply_due is None
    assert stored.started_by is StartedBy.PARENT


def test_a_refused_save_keeps_the_dialog_open_with_the_text(
    qtbot, dialog, ctx, services, pupil
) -> None:  # type: ignore[no-untyped-def]
    long_text = "Lang besked fra far. " * 1000  # over the 20 000 characters a text may have
    dialog.summary_edit.setPlainText(long_text)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ctx.dialogs.errors and "Summary is too long" in ctx.dialogs.errors[0]
    assert dialog.summary_edit.toPlainText() == long_text
    assert services.contacts.all(pupil) == []


def test_add_contact_runs_the_dialog_and_returns_what_was_stored(
    qtbot, ctx, services, pupil
) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        assert "Łukasz Ćwikła" in dialog.windowTitle()
        qtbot.keyClicks(dialog.summary_edit, "Quick word at pick-up")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    info = add_contact(ctx, None, pupil)
    assert info is not None
    assert services.contacts.all(pupil) == [info]

    answer_modal(lambda d: d.reject())
    assert add_contact(ctx, None, pupil) is None
    assert len(services.contacts.all(pupil)) == 1


# --- the tab -----------------------------------------------------------------------------------


@pytest.fixture
def tab(qtbot, ctx, services, pupil) -> ContactsTab:  # type: ignore[no-untyped-def]
    widget = ContactsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def log(services, pupil, when: dt.datetime, summary: str, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("channel", ContactChannel.AULA)
    kw.setdefault("started_by", StartedBy.PARENT)
    return services.contacts.add(pupil, occurred_at=when, summary=summary, **kw)


def click_row(qtbot, tab: ContactsTab, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = tab.table.visualRect(tab.model.index(row, ContactTableModel.SUMMARY))
    qtbot.mouseClick(
        tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.left() + 5, rect.center().y()),
    )


def test_overdue_replies_stand_out(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    old = log(
        services, pupil, dt.datetime(2026, 11, 18, 9, 0), "Far spørger til lejrskolen\nog om prisen"
    )
    log(services, pupil, dt.datetime(2026, 11, 20, 15, 0), "Mor: Łukasz er syg")
    log(
        services,
        pupil,
        dt.datetime(2026, 11, 19, 8, 0),
        "Info om udflugt",
        started_by=StartedBy.SCHOOL,
    )
    tab.set_student(pupil, 2026)

    model = tab.model
    assert model.rowCount() == 3
    # Newest first.
    assert [model.row_at(r).summary.split("\n")[0] for r in range(3)] == [
        "Mor: Łukasz er syg",
        "Info om udflugt",
        "Far spørger til lejrskolen",
    ]
    overdue = model.index(2, ContactTableModel.REPLY_DUE)
    assert model.row_at(2).id == old.id
    assert overdue.data().startswith("Overdue")
    assert "19 Nov 2026" in overdue.data()
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert overdue.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(2, ContactTableModel.SUMMARY).data() == "Far spørger til lejrskolen …"
    assert model.index(2, ContactTableModel.DONE).data() == "Open"
    # Due today is not overdue; the school's own message owes nothing.
    due_today = model.index(0, ContactTableModel.REPLY_DUE)
    assert due_today.data() == "Today – 23 Nov 2026"
    assert due_today.data(Qt.ItemDataRole.FontRole) is None
    assert model.index(1, ContactTableModel.REPLY_DUE).data() == ""
    assert model.index(1, ContactTableModel.STARTED_BY).data() == label(StartedBy.SCHOOL)
    assert tab.summary_label.text() == "3 contacts · ⚠ 1 reply overdue"


def test_mark_as_done_is_stored_and_clears_overdue(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    entry = log(services, pupil, dt.datetime(2026, 11, 18, 9, 0), "Far spørger til lejrskolen")
    tab.set_student(pupil, 2026)
    click_row(qtbot, tab, 0)
    assert tab.done_button.text() == "Mark as &done"

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    [stored] = services.contacts.all(pupil)
    assert stored.id == entry.id and stored.done
    assert tab.model.index(0, ContactTableModel.DONE).data() == "✓ Done"
    assert not tab.model.index(0, ContactTableModel.REPLY_DUE).data().startswith("Overdue")
    assert tab.summary_label.text() == "1 contact"
    assert tab.done_button.text() == "Mark as not &done"

    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    assert not services.contacts.all(pupil)[0].done


def test_new_contact_from_the_tab(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupil, 2026)
    assert tab.summary_label.text() == "No contacts with the home logged yet."

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.summary_edit, "Phone call: good week")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    [stored] = services.contacts.all(pupil)
    assert stored.summary == "Phone call: good week"
    assert tab.model.rowCount() == 1
    assert tab.table.currentIndex().row() == 0


def test_edit_summary_and_reply_due(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    log(services, pupil, FRIDAY, "Mor ringer")
    tab.set_student(pupil, 2026)
    click_row(qtbot, tab, 0)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        assert dialog.summary_edit.toPlainText() == "Mor ringer"
        assert not dialog.when_edit.isEnabled()  # when and who started it are facts
        assert dialog.values().reply_due == MONDAY
        dialog.summary_edit.moveCursor(dialog.summary_edit.textCursor().MoveOperation.End)
        dialog.summary_edit.insertPlainText(" – aftalt møde på tirsdag")
        dialog.due_edit.setDate(dialog.due_edit.date() + dt.timedelta(days=1))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    [stored] = services.contacts.all(pupil)
    assert stored.summary == "Mor ringer – aftalt møde på tirsdag"
    assert stored.reply_due == dt.date(2026, 11, 24)
    assert stored.occurred_at == FRIDAY


def test_remove_asks_first(qtbot, tab, ctx, services, pupil) -> None:  # type: ignore[no-untyped-def]
    log(services, pupil, FRIDAY, "Mor ringer", channel=ContactChannel.PHONE)
    tab.set_student(pupil, 2026)
    click_row(qtbot, tab, 0)
    ctx.dialogs.confirms = [False, True]

    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert "20 Nov 2026" in ctx.dialogs.asked[0]
    assert label(ContactChannel.PHONE) in ctx.dialogs.asked[0]
    assert len(services.contacts.all(pupil)) == 1

    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert services.contacts.all(pupil) == []
    assert tab.model.rowCount() == 0
    assert not tab.remove_button.isEnabled()


def test_no_pupil_means_nothing_to_add(tab) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(None, 2026)
    assert not tab.new_button.isEnabled()
    assert tab.model.rowCount() == 0
    assert tab.flush() is True


def test_qdatetime_round_trip() -> None:
    from PySide6.QtCore import QDateTime

    from skolehjem_desktop.ui.common.formatting import pydatetime, qdatetime

    assert pydatetime(qdatetime(FRIDAY)) == FRIDAY
    assert isinstance(qdatetime(FRIDAY), QDateTime)


def test_a_double_click_opens_the_edit_dialog_once(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    """A double click emits both doubleClicked and activated: after Gem no second dialog."""
    log(services, pupil, FRIDAY, "Mor ringer")
    tab.set_student(pupil, 2026)
    opened: list[QDialog] = []

    def answer() -> None:  # saves every dialog that opens, for as long as the test runs
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ContactDialog) and dialog not in opened:
            opened.append(dialog)
            dialog.summary_edit.insertPlainText("!")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    rect = tab.table.visualRect(tab.model.index(0, ContactTableModel.SUMMARY))
    pos = QPoint(rect.left() + 5, rect.center().y())
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.wait(50)  # a second dialog would have opened by now
    timer.stop()
    assert len(opened) == 1
    assert services.contacts.all(pupil)[0].summary.count("!") == 1


def test_the_guardians_relation_is_written_in_lowercase_as_everywhere_else(  # type: ignore[no-untyped-def]
    dialog,
) -> None:
    from skolehjem_desktop import i18n

    texts = [dialog.guardian_combo.itemText(i) for i in range(dialog.guardian_combo.count())]
    assert "Agnieszka Ćwikła (parent)" in texts
    relation = i18n.translator("da").gettext("Parent").lower()
    assert relation == "forælder"


def test_a_contact_cannot_be_dated_tomorrow(qtbot, dialog, services, pupil, type_in) -> None:  # type: ignore[no-untyped-def]
    type_in(dialog.when_edit.date_field, "i morgen", enter=False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # reads the date: refused
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "23/11/2026 or earlier" in dialog.when_edit.date_field.hint
    assert services.contacts.all(pupil) == []
    type_in(dialog.when_edit.date_field, "i går")
    assert dialog.values().occurred_at == dt.datetime(2026, 11, 22, 10, 0)
