"""Classes: new, rename, archive, and a new school year, driven as a teacher would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from skolehjem_desktop.ui.classes.class_dialogs import (
    ClassDialog,
    NewSchoolYearDialog,
    archive_class,
    new_class,
    new_school_year,
    rename_class,
)
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def teachers(services):  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    ole = services.school.add_teacher("Ole Berg", "OB")
    return me, ole


def on_dialog(action: Callable[[QWidget], None]) -> None:
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


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def checked_teachers(dialog: ClassDialog) -> list[str]:
    items = [dialog.teacher_list.item(i) for i in range(dialog.teacher_list.count())]
    return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]


# --- new class and rename ----------------------------------------------------------------


def test_new_class_reads_the_grade_from_the_name_and_makes_me_contact_teacher(  # type: ignore[no-untyped-def]
    qtbot, ctx, teachers
) -> None:
    dialog = show(qtbot, ClassDialog(ctx, None, school_year=2026))
    assert "2026/27" in dialog.intro.text()
    assert checked_teachers(dialog) == ["Mette Kjær (MKH)"]
    assert dialog.grade_spin.text() == "No grade"
    qtbot.keyClicks(dialog.name_edit, "7.b")
    assert dialog.grade_spin.value() == 7
    dialog.teacher_list.item(1).setCheckState(Qt.CheckState.Checked)
    click(qtbot, dialog.ok_button)

    info = ctx.services.classes.get(dialog.saved)
    assert (info.name, info.school_year, info.grade) == ("7.b", 2026, 7)
    assert info.contact_teachers == ("MKH", "OB")
    assert info.is_mine


def test_a_grade_set_by_hand_is_kept_when_the_name_changes(qtbot, ctx, teachers) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ClassDialog(ctx, None, school_year=2026))
    qtbot.keyClicks(dialog.name_edit, "Spirekassen")
    assert dialog.grade_spin.value() == -1
    dialog.grade_spin.setFocus()
    qtbot.keyClick(dialog.grade_spin, Qt.Key.Key_Up)
    assert dialog.grade_spin.value() == 0
    qtbot.keyClicks(dialog.name_edit, " 2")
    assert dialog.grade_spin.value() == 0
    click(qtbot, dialog.ok_button)
    info = ctx.services.classes.get(dialog.saved)
    assert (info.name, info.grade) == ("Spirekassen 2", 0)


def test_a_name_already_used_is_refused_and_the_dialog_stays(qtbot, ctx, teachers) -> None:  # type: ignore[no-untyped-def]
    ctx.services.classes.create("5.A", 2026)
    dialog = show(qtbot, ClassDialog(ctx, None, school_year=2026))
    qtbot.keyClicks(dialog.name_edit, "5.a")
    click(qtbot, dialog.ok_button)
    assert ctx.dialogs.errors == ["There is already a class 5.a in 2026/27."]
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "5.a"
    assert len(ctx.services.classes.all(2026)) == 1


def test_new_class_function_returns_the_id(qtbot, ctx, teachers) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClassDialog)
        qtbot.keyClicks(dialog.name_edit, "0.A")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    on_dialog(fill)
    class_id = new_class(ctx, None, 2027)
    assert class_id is not None
    info = ctx.services.classes.get(class_id)
    assert (info.name, info.school_year, info.grade) == ("0.A", 2027, 0)


def test_rename_a_class_and_change_its_contact_teachers(qtbot, ctx, teachers) -> None:  # type: ignore[no-untyped-def]
    _me, ole = teachers
    klass = ctx.services.classes.create("5.A", 2026, contact_teacher_ids=(ole.id,))

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, ClassDialog)
        assert dialog.name_edit.text() == "5.A"
        assert dialog.grade_spin.value() == 5
        assert checked_teachers(dialog) == ["Ole Berg (OB)"]
        dialog.name_edit.selectAll()
        qtbot.keyClicks(dialog.name_edit, "6.X")
        assert dialog.grade_spin.value() == 6
        # The contact teacher comes first; the user (Mette) second.
        dialog.teacher_list.item(1).setCheckState(
            Qt.CheckState.Checked
        )  # the user, after the contact teacher
        click(qtbot, dialog.ok_button)

    on_dialog(change)
    assert rename_class(ctx, None, klass.id) is True
    info = ctx.services.classes.get(klass.id)
    assert (info.name, info.grade, info.contact_teachers) == ("6.X", 6, ("MKH", "OB"))


def test_without_teachers_the_dialog_says_where_to_add_yourself(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ClassDialog(ctx, None, school_year=2026))
    assert not dialog.teacher_list.isVisible()
    qtbot.keyClicks(dialog.name_edit, "5.A")
    click(qtbot, dialog.ok_button)
    assert ctx.services.classes.get(dialog.saved).contact_teachers == ()


# --- archive -----------------------------------------------------------------------------


def test_archive_asks_first_and_names_the_pupils_kept(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    klass = ctx.services.classes.create("5.A", 2026)
    ctx.services.students.add("Emil", "Bak", klass.id)
    ctx.services.students.add("Ida", "Berg", klass.id)
    ctx.dialogs.confirms = [False]
    assert archive_class(ctx, None, klass.id) is False
    assert ctx.dialogs.asked == [
        "Archive class 5.A (2026/27)?\n\nThe class is no longer shown in the class list. "
        "Its 2 pupils and everything recorded about them are kept."
    ]
    assert not ctx.services.classes.get(klass.id).archived

    ctx.dialogs.confirms = [True]
    assert archive_class(ctx, None, klass.id) is True
    assert ctx.services.classes.get(klass.id).archived
    assert ctx.services.classes.all(2026) == []

    ctx.dialogs.confirms = [True]
    assert archive_class(ctx, None, klass.id) is True
    assert ctx.dialogs.asked[-1] == "Bring class 5.A (2026/27) back to the class list?"
    assert not ctx.services.classes.get(klass.id).archived
    # Nothing is lost either way: asked as a harmless question, with no warning sign.
    assert ctx.dialogs.harmless == ctx.dialogs.asked


# --- a new school year -------------------------------------------------------------------


@pytest.fixture
def year_2026(services, teachers):  # type: ignore[no-untyped-def]
    me, _ole = teachers
    five = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    nine = services.classes.create("9.B", 2026)
    spire = services.classes.create("Spirekassen", 2026)
    emil = services.students.add("Emil", "Bak", five.id)
    ida = services.students.add("Ida", "Berg", five.id)
    gone = services.students.add("Bo", "Lund", five.id)
    services.students.mark_left(gone.id, dt.date(2026, 10, 1))
    services.students.add("Anna", "Holm", nine.id)
    return five, nine, spire, (emil, ida, gone)


def rows(dialog: NewSchoolYearDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_new_school_year_moves_5a_on_to_6a_with_its_pupils(qtbot, ctx, year_2026) -> None:  # type: ignore[no-untyped-def]
    five, _nine, _spire, (_emil, _ida, gone) = year_2026
    dialog = show(qtbot, NewSchoolYearDialog(ctx, None, 2026))
    assert rows(dialog) == [
        ["5.A", "2", "6.A", "→ Moves on as 6.A"],
        ["9.B", "1", "10.B", "✗ Does not move on"],
        ["Spirekassen", "0", "", "✗ Does not move on"],
    ]
    assert dialog.chosen() == [(five.id, "5.A", "6.A")]
    click(qtbot, dialog.promote_button)

    assert not dialog.isVisible()
    assert [c.name for c in dialog.promoted] == ["6.A"]
    assert ctx.dialogs.infos == ["1 class moved on to 2027/28:\n• 5.A → 6.A (2 pupils)"]
    [six] = ctx.services.classes.all(2027)
    assert (six.name, six.grade, six.contact_teachers) == ("6.A", 6, ("MKH",))
    moved = [r.full_name for r in ctx.services.students.all(class_id=six.id)]
    assert moved == ["Emil Bak", "Ida Berg"]  # Bo had left
    assert ctx.services.students.row(gone.id, 2027).school_year == 2026
    # Their history stays: 5.A in 2026/27 still has them.
    assert len(ctx.services.students.all(class_id=five.id)) == 3


def test_a_class_without_grade_moves_on_with_the_name_typed(qtbot, ctx, year_2026) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, NewSchoolYearDialog(ctx, None, 2026))
    dialog.set_choice("5.A", False)
    assert not dialog.promote_button.isEnabled()
    dialog.set_choice("Spirekassen", True)
    assert rows(dialog)[2][3] == "⚠ Write the new name"
    item = dialog.table.item(2, dialog.COL_NEW)
    item.setText("Spirekassen 2")  # typing a name ticks the class
    assert rows(dialog)[2][3] == "→ Moves on as Spirekassen 2"
    assert [name for _id, name, _new in dialog.chosen()] == ["Spirekassen"]
    click(qtbot, dialog.promote_button)
    assert [c.name for c in ctx.services.classes.all(2027)] == ["Spirekassen 2"]


def test_a_failed_promotion_is_reported_and_the_dialog_stays(qtbot, ctx, year_2026) -> None:  # type: ignore[no-untyped-def]
    ctx.services.classes.create("10.B", 2027)
    dialog = show(qtbot, NewSchoolYearDialog(ctx, None, 2026))
    dialog.set_choice("9.B", True)
    click(qtbot, dialog.promote_button)

    assert dialog.isVisible()
    [error] = ctx.dialogs.errors
    assert error == (
        "1 class moved on to 2027/28:\n• 5.A → 6.A (2 pupils)\n\nNot moved on:\n"
        "• 9.B: There is already a class 10.B in 2027/28."
    )
    assert dialog.result_label.text() == error
    assert rows(dialog)[0] == ["5.A", "2", "6.A", "✓ Moved on already"]
    nine = ctx.services.classes.find("9.B", 2026)
    assert dialog.chosen() == [(nine.id, "9.B", "10.B")]  # still as the teacher left it

    dialog.set_choice("9.B", True, "10.X")
    click(qtbot, dialog.promote_button)
    assert not dialog.isVisible()
    assert ctx.dialogs.infos == ["1 class moved on to 2027/28:\n• 9.B → 10.X (1 pupil)"]
    assert [c.name for c in dialog.promoted] == ["6.A", "10.X"]


def test_new_school_year_function_counts_the_classes_moved_on(qtbot, ctx, year_2026) -> None:  # type: ignore[no-untyped-def]
    def move_on(dialog: QWidget) -> None:
        assert isinstance(dialog, NewSchoolYearDialog)
        dialog.set_choice("9.B", True)
        click(qtbot, dialog.promote_button)

    on_dialog(move_on)
    assert new_school_year(ctx, None, 2026) == 2
    assert sorted(c.name for c in ctx.services.classes.all(2027)) == ["10.B", "6.A"]


def test_new_school_year_without_classes_says_so(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    assert new_school_year(ctx, None, 2026) == 0
    assert ctx.dialogs.infos == ["There are no classes in 2026/27 to move on."]
