"""Edit class…: the name, grade and contact teachers, a new teacher added, driven by keys
and clicks from the Class menu; bad input is refused and nothing is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from skolehjem_desktop.services.classes import NewClass
from skolehjem_desktop.ui.classes.class_edit import ClassDialog, edit_class
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def seven_b(services, db):  # type: ignore[no-untyped-def]
    """7.B: Ole is its contact teacher, the user (Mette) only teaches it."""
    me = services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    with db.transaction() as s:
        [class_id] = services.classes.create_many_in(
            s, [NewClass("7.B", 2026, contact_teacher_ids=(ole.id,), other_teacher_ids=(me.id,))]
        )
    return class_id


def texts(dialog: ClassDialog) -> list[tuple[str, bool]]:
    items = [dialog.teacher_list.item(i) for i in range(dialog.teacher_list.count())]
    return [(i.text(), i.checkState() == Qt.CheckState.Checked) for i in items]


def show(qtbot, dialog: ClassDialog) -> ClassDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_user_makes_themself_contact_teacher_and_adds_a_colleague_by_keyboard(  # type: ignore[no-untyped-def]
    qtbot, ctx, seven_b
) -> None:
    dialog = show(qtbot, ClassDialog(ctx, None, class_id=seven_b))
    assert dialog.windowTitle() == "Edit class"
    # The class's contact teachers first, then its other teachers, then the rest.
    assert texts(dialog) == [
        ("Ole Berg (OB)", True),
        ("Mette Kjær (MK), teaches the class", False),
    ]
    # Alt+C goes to the contact teachers; Space ticks the user.
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.teacher_list.hasFocus()
    dialog.teacher_list.setCurrentRow(1)
    qtbot.keyClick(dialog.teacher_list, Qt.Key.Key_Space)
    # Alt+W: a new teacher, typed and added with Enter.
    qtbot.keyClick(dialog.teacher_list, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert dialog.new_name_edit.hasFocus()
    qtbot.keyClicks(dialog.new_name_edit, "Åse Lind")
    qtbot.keyClick(dialog.new_name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.new_initials_edit, "al")
    qtbot.keyClick(dialog.new_initials_edit, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter in the new teacher's initials adds, not saves"
    assert texts(dialog)[-1] == ("Åse Lind (AL)", True)
    assert [t.initials for t in ctx.services.school.teachers()] == ["MK", "OB"]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert ctx.dialogs.errors == []
    info = ctx.services.classes.get(seven_b)
    assert (info.name, info.grade, info.contact_teachers, info.is_mine) == (
        "7.B",
        7,
        ("AL", "MK", "OB"),
        True,
    )


def test_edit_class_opens_the_dialog_and_says_whether_it_saved(qtbot, ctx, seven_b) -> None:  # type: ignore[no-untyped-def]
    def save() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ClassDialog)
            qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, save)
    assert edit_class(ctx, None, seven_b) is True


def test_name_grade_and_unticking_a_contact_teacher_are_saved(qtbot, ctx, seven_b) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ClassDialog(ctx, None, class_id=seven_b))
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "8.B")
    assert dialog.grade_spin.value() == 8
    dialog.teacher_list.setFocus()
    dialog.teacher_list.setCurrentRow(1)
    qtbot.keyClick(dialog.teacher_list, Qt.Key.Key_Space)  # Ole is no longer one
    dialog.teacher_list.setCurrentRow(0)
    qtbot.keyClick(dialog.teacher_list, Qt.Key.Key_Space)  # the user is
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    info = ctx.services.classes.get(seven_b)
    assert (info.name, info.grade, info.contact_teachers) == ("8.B", 8, ("MK",))


def test_bad_input_is_said_plainly_and_changes_nothing(qtbot, ctx, seven_b) -> None:  # type: ignore[no-untyped-def]
    ctx.services.classes.create("7.C", 2026)
    dialog = show(qtbot, ClassDialog(ctx, None, class_id=seven_b))
    # A teacher without initials is not added to the list.
    qtbot.keyClicks(dialog.new_name_edit, "Åse Lind")
    qtbot.mouseClick(dialog.add_teacher_button, Qt.MouseButton.LeftButton)
    assert ctx.dialogs.errors == ["Initials must be filled in."]
    assert len(texts(dialog)) == 2
    # Initials another teacher has are refused at once.
    qtbot.keyClicks(dialog.new_initials_edit, "ob")
    qtbot.mouseClick(dialog.add_teacher_button, Qt.MouseButton.LeftButton)
    assert ctx.dialogs.errors[-1] == "A teacher with the initials OB already exists."
    dialog.new_initials_edit.clear()
    qtbot.keyClicks(dialog.new_initials_edit, "AL")
    qtbot.mouseClick(dialog.add_teacher_button, Qt.MouseButton.LeftButton)
    assert texts(dialog)[-1] == ("Åse Lind (AL)", True)
    # Another class's name: the message, the dialog stays, nothing stored (not Åse either).
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "7.c")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert ctx.dialogs.errors[-1] == "There is already a class 7.c in 2026/27."
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "7.c"
    info = ctx.services.classes.get(seven_b)
    assert (info.name, info.contact_teachers) == ("7.B", ("OB",))
    assert [t.initials for t in ctx.services.school.teachers()] == ["MK", "OB"]


def test_the_class_menu_has_edit_class_where_rename_was() -> None:
    from skolehjem_desktop.ui.app.menus import ACTIONS, MENUS

    assert ("edit_class", "&Edit class…") in [(a[0], a[1]) for a in ACTIONS]
    class_menu = dict(MENUS)["&Class"]
    assert "edit_class" in class_menu
    assert "rename_class" not in class_menu
