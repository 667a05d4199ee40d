"""Adding, editing, moving, marking as left and deleting a pupil, driven as a teacher would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import ContactChannel, FocusArea, Responsible, StartedBy
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.models import ContactEntry, Conversation
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.student_dialogs import (
    LeftDialog,
    MoveDialog,
    StudentDialog,
    add_student,
    delete_student,
    edit_student,
    mark_left,
    move_student,
)


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def klass(services):  # type: ignore[no-untyped-def]
    return services.classes.create("5.A", 2026)


def on_dialog(action: Callable[[QWidget], None]) -> None:
    """Act on the modal dialog a function is about to open; close it if the action did not."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog opened"
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)


def show(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tab_order(start: QWidget, n: int) -> list[QWidget]:
    """The first ``n`` widgets Tab reaches from ``start`` (those that take focus by Tab)."""
    found = [start]
    widget = start
    while len(found) < n:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(start.window()):
            found.append(widget)
    return found


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- add and edit ------------------------------------------------------------------------


def test_add_a_pupil_with_a_birth_date(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, StudentDialog(ctx, None, class_id=klass.id))
    assert "5.A (2026/27)" in dialog.intro.text()
    qtbot.keyClicks(dialog.first_edit, "Emil")
    qtbot.keyClicks(dialog.last_edit, "Bak")
    qtbot.keyClicks(dialog.birth.edit, "05-03-2016")
    assert dialog.birth.hint.text() == "5 March 2016"
    click(qtbot, dialog.ok_button)

    assert dialog.result() == dialog.DialogCode.Accepted
    detail = ctx.services.students.get(dialog.saved)
    assert (detail.first_name, detail.last_name) == ("Emil", "Bak")
    assert detail.birth_date == dt.date(2016, 3, 5)
    assert detail.class_in(2026) == (klass.id, "5.A")


def test_add_student_with_danish_letters_and_no_birth_date(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, StudentDialog)
        dialog.first_edit.setText("Søren")
        dialog.last_edit.setText("Ærø-Åberg")
        assert dialog.birth.hint.text() == "Birth date not known."
        qtbot.keyClick(dialog.last_edit, Qt.Key.Key_Return)

    on_dialog(fill)
    student_id = add_student(ctx, None, klass.id)

    assert student_id is not None
    row = ctx.services.students.row(student_id)
    assert row.full_name == "Søren Ærø-Åberg"
    assert row.birth_date is None
    assert row.class_name == "5.A"


def test_cancel_adds_nobody(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, StudentDialog)
        qtbot.keyClicks(dialog.first_edit, "Emil")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    on_dialog(cancel)
    assert add_student(ctx, None, klass.id) is None
    assert ctx.services.students.all(class_id=klass.id) == []


def test_an_impossible_birth_date_is_explained_and_nothing_is_lost(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, StudentDialog(ctx, None, class_id=klass.id))
    qtbot.keyClicks(dialog.first_edit, "Ida")
    qtbot.keyClicks(dialog.last_edit, "Berg")
    qtbot.keyClicks(dialog.birth.edit, "31-02-2016")
    assert dialog.birth.hint.text() == "⚠ The date 31-02-2016 does not exist."
    click(qtbot, dialog.ok_button)

    assert ctx.dialogs.errors == ["The date 31-02-2016 does not exist."]
    assert dialog.isVisible()
    assert (dialog.first_edit.text(), dialog.last_edit.text()) == ("Ida", "Berg")
    assert ctx.services.students.all(class_id=klass.id) == []

    dialog.birth.edit.clear()
    qtbot.keyClicks(dialog.birth.edit, "28.02.2016")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    [row] = ctx.services.students.all(class_id=klass.id)
    assert row.birth_date == dt.date(2016, 2, 28)


def test_a_birth_date_in_the_future_and_an_empty_first_name_are_refused(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, StudentDialog(ctx, None, class_id=klass.id))
    qtbot.keyClicks(dialog.last_edit, "Berg")
    click(qtbot, dialog.ok_button)
    qtbot.keyClicks(dialog.first_edit, "Ida")
    qtbot.keyClicks(dialog.birth.edit, "01-01-2030")
    click(qtbot, dialog.ok_button)
    assert ctx.dialogs.errors == [
        "First name must be filled in.",
        "01/01/2030 cannot be a pupil's birth date.",
    ]
    assert dialog.isVisible()
    assert ctx.services.students.all(class_id=klass.id) == []


def test_edit_a_pupil_and_forget_the_birth_date(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    pupil = ctx.services.students.add("Emil", "Bak", klass.id, dt.date(2016, 3, 5))
    dialog = show(qtbot, StudentDialog(ctx, None, student_id=pupil.id))
    assert dialog.windowTitle() == "Edit pupil"
    assert dialog.first_edit.text() == "Emil"
    assert dialog.birth.edit.text() == "05-03-2016"
    dialog.last_edit.setText("Bæk")
    dialog.birth.edit.clear()
    click(qtbot, dialog.ok_button)

    row = ctx.services.students.row(pupil.id)
    assert row.full_name == "Emil Bæk"
    assert row.birth_date is None


def test_edit_student_returns_false_when_cancelled(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    pupil = ctx.services.students.add("Emil", "Bak", klass.id)

    def change_then_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, StudentDialog)
        dialog.first_edit.setText("Anders")
        dialog.reject()

    on_dialog(change_then_cancel)
    assert edit_student(ctx, None, pupil.id) is False
    assert ctx.services.students.row(pupil.id).first_name == "Emil"


def test_fields_have_labels_with_mnemonics_and_a_tab_order(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, StudentDialog(ctx, None, class_id=klass.id))
    buddies = {
        label.text(): label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()
    }
    assert buddies == {
        "&First name:": dialog.first_edit,
        "&Last name:": dialog.last_edit,
        "&Birth date:": dialog.birth,
    }
    assert dialog.first_edit.accessibleName() == "First name"
    assert dialog.birth.edit.accessibleName() == "Birth date"
    assert tab_order(dialog.first_edit, 3) == [
        dialog.first_edit,
        dialog.last_edit,
        dialog.birth.edit,
    ]


# --- move --------------------------------------------------------------------------------


def test_move_a_pupil_to_another_class_of_the_year(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    other = ctx.services.classes.create("5.B", 2026)
    ctx.services.classes.create("6.A", 2027)
    pupil = ctx.services.students.add("Emil", "Bak", klass.id)
    dialog = show(qtbot, MoveDialog(ctx, None, pupil.id, 2026))
    assert "Emil Bak is in class 5.A in 2026/27" in dialog.intro.text()
    assert [dialog.class_combo.itemText(i) for i in range(dialog.class_combo.count())] == ["5.B"]
    click(qtbot, dialog.ok_button)

    row = ctx.services.students.row(pupil.id, 2026)
    assert (row.class_id, row.class_name) == (other.id, "5.B")


def test_move_with_no_other_class_says_so(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    pupil = ctx.services.students.add("Emil", "Bak", klass.id)
    assert move_student(ctx, None, pupil.id, 2026) is False
    assert ctx.dialogs.infos == [
        "There is no other class in 2026/27 to move the pupil to. Add the class first."
    ]


def test_move_student_through_the_dialog(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    ctx.services.classes.create("5.B", 2026)
    c = ctx.services.classes.create("5.C", 2026)
    pupil = ctx.services.students.add("Emil", "Bak", klass.id)

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, MoveDialog)
        dialog.class_combo.setCurrentIndex(dialog.class_combo.findText("5.C"))
        click(qtbot, dialog.ok_button)

    on_dialog(choose)
    assert move_student(ctx, None, pupil.id, 2026) is True
    assert ctx.services.students.row(pupil.id, 2026).class_id == c.id


# --- left and back -----------------------------------------------------------------------


def test_mark_as_left_defaults_to_today_then_back_at_school(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    pupil = ctx.services.students.add("Emil", "Bak", klass.id)
    dialog = show(qtbot, LeftDialog(ctx, None, pupil.id))
    assert dialog.date_edit.text() == "23/11/2026"  # the services' today
    assert dialog.returned_button is None
    dialog.date_edit.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Down)
    assert dialog.date_edit.text() == "20/11/2026"
    click(qtbot, dialog.ok_button)
    assert ctx.services.students.row(pupil.id).left_on == dt.date(2026, 11, 20)
    assert ctx.services.students.all(class_id=klass.id, include_left=False) == []

    again = show(qtbot, LeftDialog(ctx, None, pupil.id))
    assert "left the school on 20 November 2026" in again.intro.text()
    assert again.returned_button is not None
    click(qtbot, again.returned_button)
    assert again.saved == LeftDialog.RETURNED
    assert ctx.services.students.row(pupil.id).left_on is None


def test_mark_left_through_the_dialog(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    pupil = ctx.services.students.add("Emil", "Bak", klass.id)
    on_dialog(lambda dialog: click(qtbot, dialog.ok_button))  # type: ignore[attr-defined]
    assert mark_left(ctx, None, pupil.id) is True
    assert ctx.services.students.row(pupil.id).left_on == dt.date(2026, 11, 23)


# --- delete ------------------------------------------------------------------------------


def _pupil_with_records(services, klass):  # type: ignore[no-untyped-def]
    soren = services.students.add("Søren", "Ærø", klass.id)
    ida = services.students.add("Ida", "Ærø", klass.id)
    mette = services.students.add_guardian(soren.id, "Mette Ærø")
    services.students.link_guardian(ida.id, mette.id)
    services.students.add_guardian(soren.id, "Jørgen Ærø")
    talk = services.conversations.plan(soren.id, Planning(dt.datetime(2026, 11, 20, 8, 0)))
    services.conversations.add_agreement(talk.id, "Læser hver dag", Responsible.HOME)
    services.conversations.plan(soren.id, Planning(dt.datetime(2026, 12, 2, 8, 0)))
    services.focus.add(soren.id, 2026, FocusArea.DANISH, "Læse mere")
    for _ in range(3):
        services.contacts.add(soren.id, channel=ContactChannel.PHONE, started_by=StartedBy.PARENT)
    return soren, ida


def test_delete_confirmation_names_the_pupil_and_the_counts(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    soren, ida = _pupil_with_records(ctx.services, klass)
    ctx.dialogs.confirms = [False]
    assert delete_student(ctx, None, soren.id) is False

    [text] = ctx.dialogs.asked
    assert text.startswith("Delete Søren Ærø and everything recorded about the pupil?")
    assert "• 2 school–home conversations (with 1 agreement)" in text
    assert "• 1 focus point in the message book" in text
    assert "• 3 contacts in the contact log" in text
    assert "• 1 parent or guardian who has no other child at the school: Jørgen Ærø" in text
    assert "Kept, as they are the parents or guardians of another pupil too: Mette Ærø." in text
    assert ctx.services.students.row(soren.id).full_name == "Søren Ærø"  # nothing deleted

    ctx.dialogs.confirms = [True]
    assert delete_student(ctx, None, soren.id) is True
    assert [r.id for r in ctx.services.students.all(class_id=klass.id)] == [ida.id]
    assert [g.name for g in ctx.services.students.guardians(ida.id)] == ["Mette Ærø"]
    with ctx.services.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Conversation)) == 0
        assert s.scalar(select(func.count()).select_from(ContactEntry)) == 0


def test_delete_a_pupil_with_nothing_recorded(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    emil = ctx.services.students.add("Emil", "", klass.id)
    ctx.dialogs.confirms = [True]
    assert delete_student(ctx, None, emil.id) is True
    [text] = ctx.dialogs.asked
    assert "Delete Emil and" in text
    assert "• 0 school–home conversations" in text
    assert "• 0 parents or guardians who have no other child at the school" in text
    assert "Kept" not in text
    assert ctx.services.students.all(class_id=klass.id) == []


def test_delete_an_unknown_pupil_says_so(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    assert delete_student(ctx, None, 999) is False
    assert ctx.dialogs.errors == ["Pupil with id 999 does not exist."]
    assert ctx.dialogs.asked == []


def test_the_day_a_pupil_left_is_typed(qtbot, ctx, klass, type_in) -> None:  # type: ignore[no-untyped-def]
    pupil = ctx.services.students.add("Ida", "Krog", klass.id)
    dialog = show(qtbot, LeftDialog(ctx, None, pupil.id))
    type_in(dialog.date_edit, "31.02.2026")  # no such day: said beside the field
    assert "is not a date" in dialog.date_edit.hint
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and ctx.services.students.row(pupil.id).left_on is None
    type_in(dialog.date_edit, "13.11.2026")
    click(qtbot, dialog.ok_button)
    assert ctx.services.students.row(pupil.id).left_on == dt.date(2026, 11, 13)
