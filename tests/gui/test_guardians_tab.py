"""The pupil page's Guardians tab: list, add, edit, remove, and a sibling's parent linked in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.store.models import Guardian
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.guardians_tab import (
    GuardianDialog,
    GuardiansTab,
    LinkGuardianDialog,
)


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def family(services):  # type: ignore[no-untyped-def]
    """Søren (5.A) with his mother and father; his sister Ida (3.B) shares the mother."""
    a = services.classes.create("5.A", 2026)
    b = services.classes.create("3.B", 2026)
    soren = services.students.add("Søren", "Ærø", a.id)
    ida = services.students.add("Ida", "Ærø", b.id)
    mette = services.students.add_guardian(
        soren.id, "Mette Ærø", relation=Relation.MOTHER, email="mette@example.dk"
    )
    services.students.link_guardian(ida.id, mette.id, relation=Relation.MOTHER)
    services.students.add_guardian(
        soren.id, "Jørgen Ærø", relation=Relation.FATHER, phone="20 30 40 50", has_custody=False
    )
    return soren, ida


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


def make_tab(qtbot, ctx, student_id):  # type: ignore[no-untyped-def]
    tab = GuardiansTab(ctx)
    qtbot.addWidget(tab)
    tab.set_student(student_id, 2026)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def cells(tab: GuardiansTab) -> list[list[str]]:
    model = tab.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_table_shows_each_guardian(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    soren, _ida = family
    tab = make_tab(qtbot, ctx, soren.id)
    assert cells(tab) == [
        ["Mette Ærø", "Mother", "mette@example.dk", "", "Yes", "Danish", "Ida", None],
        ["Jørgen Ærø", "Father", "", "20 30 40 50", "No", "Danish", "", None],
    ]
    assert tab.model.headerData(6, Qt.Orientation.Horizontal) == "Other children"
    assert tab.selected().name == "Mette Ærø"
    assert tab.edit_button.isEnabled() and tab.remove_button.isEnabled()
    assert tab.flush() is True
    assert not tab.empty_label.isVisible()


def test_no_pupil_no_buttons(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, ctx, None)
    assert tab.model.rowCount() == 0
    assert not any(
        b.isEnabled() for b in (tab.add_button, tab.link_button, tab.edit_button, tab.remove_button)
    )


def test_add_a_guardian(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    _soren, ida = family
    tab = make_tab(qtbot, ctx, ida.id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, GuardianDialog)
        dialog.name_edit.setText("Bjørn Ærø")
        dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findText("Father"))
        qtbot.keyClicks(dialog.email_edit, "bjorn@example.dk")
        qtbot.keyClicks(dialog.phone_edit, "+45 21 31 41 51")
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findText("English"))
        click(qtbot, dialog.ok_button)

    on_dialog(fill)
    with qtbot.waitSignal(tab.changed, timeout=2000):
        click(qtbot, tab.add_button)

    bjorn = ctx.services.students.guardians(ida.id)[-1]
    assert (bjorn.name, bjorn.relation, bjorn.email, bjorn.phone) == (
        "Bjørn Ærø",
        Relation.FATHER,
        "bjorn@example.dk",
        "+45 21 31 41 51",
    )
    assert bjorn.has_custody is True
    assert bjorn.preferred_language == Language.EN
    assert tab.selected().id == bjorn.id
    assert cells(tab)[-1][0] == "Bjørn Ærø"


def test_a_wrong_email_keeps_the_dialog_open_with_what_was_typed(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    soren, _ida = family
    tab = make_tab(qtbot, ctx, soren.id)
    jorgen = ctx.services.students.guardians(soren.id)[1]
    dialog = GuardianDialog(ctx, tab, soren.id, jorgen)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email_edit, "jorgen(at)example.dk")
    dialog.custody_check.setChecked(True)
    click(qtbot, dialog.ok_button)
    assert ctx.dialogs.errors == ["jorgen(at)example.dk is not an e-mail address."]
    assert dialog.isVisible()
    assert dialog.email_edit.text() == "jorgen(at)example.dk"
    assert ctx.services.students.guardians(soren.id)[1].has_custody is False

    dialog.email_edit.setText("jorgen@example.dk")
    click(qtbot, dialog.ok_button)
    saved = ctx.services.students.guardians(soren.id)[1]
    assert (saved.email, saved.has_custody) == ("jorgen@example.dk", True)


def test_edit_a_shared_guardian_warns_and_changes_it_for_both(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    soren, ida = family
    tab = make_tab(qtbot, ctx, soren.id)

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, GuardianDialog)
        assert "also the parent or guardian of Ida" in dialog.intro.text()
        dialog.phone_edit.setText("11 22 33 44")
        click(qtbot, dialog.ok_button)

    tab.table.setFocus()
    on_dialog(change)
    with qtbot.waitSignal(tab.changed, timeout=2000):
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter edits the chosen row
    assert ctx.services.students.guardians(ida.id)[0].phone == "11 22 33 44"
    assert cells(tab)[0][3] == "11 22 33 44"


def test_remove_asks_first_and_deletes_a_guardian_of_no_other_child(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    soren, ida = family
    tab = make_tab(qtbot, ctx, soren.id)
    tab.table.selectRow(1)
    ctx.dialogs.confirms = [False]
    click(qtbot, tab.remove_button)
    assert len(ctx.services.students.guardians(soren.id)) == 2
    [question] = ctx.dialogs.asked
    assert question.startswith("Remove Jørgen Ærø as parent or guardian of Søren Ærø?")
    assert "no other pupil's parent or guardian" in question

    ctx.dialogs.confirms = [True]
    with qtbot.waitSignal(tab.changed, timeout=2000):
        click(qtbot, tab.remove_button)
    assert [g.name for g in ctx.services.students.guardians(soren.id)] == ["Mette Ærø"]
    with ctx.services.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Guardian)) == 1

    tab.table.selectRow(0)
    ctx.dialogs.confirms = [True]
    click(qtbot, tab.remove_button)
    assert "Mette Ærø stays the parent or guardian of Ida." in ctx.dialogs.asked[-1]
    assert ctx.services.students.guardians(soren.id) == []
    assert [g.name for g in ctx.services.students.guardians(ida.id)] == ["Mette Ærø"]
    assert tab.empty_label.isVisible()
    assert not tab.remove_button.isEnabled()


def test_link_a_siblings_guardian_found_by_search(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    _soren, ida = family
    c = ctx.services.classes.create("1.C", 2026)
    bo = ctx.services.students.add("Bo", "Lund", c.id)
    ctx.services.students.add_guardian(bo.id, "Lone Lund", email="lone@example.dk")
    tab = make_tab(qtbot, ctx, ida.id)

    dialog = LinkGuardianDialog(ctx, tab, ida.id)
    qtbot.addWidget(dialog)
    dialog.show()
    names = [c.name for c in dialog.candidates]
    assert names == ["Jørgen Ærø", "Lone Lund"]  # the family's own first; Mette is Ida's
    qtbot.keyClicks(dialog.search_edit, "zzz")
    assert dialog.empty_label.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.search_edit.clear()
    qtbot.keyClicks(dialog.search_edit, "soren")  # not found: the child is Søren
    assert dialog.empty_label.isVisible()
    dialog.search_edit.setText("Søren")
    assert not dialog.empty_label.isVisible()
    assert dialog.selected().name == "Jørgen Ærø"
    assert dialog.table.isRowHidden(1)
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findText("Father"))
    dialog.custody_check.setChecked(False)
    click(qtbot, dialog.ok_button)

    [_mette, jorgen] = ctx.services.students.guardians(ida.id)
    assert (jorgen.name, jorgen.relation, jorgen.has_custody) == (
        "Jørgen Ærø",
        Relation.FATHER,
        False,
    )
    assert jorgen.other_children == ("Søren",)


def test_link_through_the_tab(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    _soren, ida = family
    tab = make_tab(qtbot, ctx, ida.id)

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, LinkGuardianDialog)
        qtbot.keyClicks(dialog.search_edit, "rgen")
        click(qtbot, dialog.ok_button)

    on_dialog(choose)
    with qtbot.waitSignal(tab.changed, timeout=2000):
        click(qtbot, tab.link_button)
    assert [row[0] for row in cells(tab)] == ["Mette Ærø", "Jørgen Ærø"]
    assert tab.selected().name == "Jørgen Ærø"


def test_link_with_no_other_guardians_says_so(qtbot, ctx, services) -> None:  # type: ignore[no-untyped-def]
    a = services.classes.create("5.A", 2026)
    emil = services.students.add("Emil", "Bak", a.id)
    tab = make_tab(qtbot, ctx, emil.id)
    click(qtbot, tab.link_button)
    assert ctx.dialogs.infos == ["No other pupil has a parent or guardian recorded yet."]
    assert tab.empty_label.isVisible()


def test_dialog_fields_are_labelled(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    soren, _ida = family
    dialog = GuardianDialog(ctx, None, soren.id)
    qtbot.addWidget(dialog)
    names = [
        w.accessibleName()
        for w in (
            dialog.name_edit,
            dialog.relation_combo,
            dialog.email_edit,
            dialog.phone_edit,
            dialog.language_combo,
        )
    ]
    assert names == ["Name", "Relation to the pupil", "E-mail", "Phone", "Preferred language"]
    assert dialog.custody_check.text() == "Has parental &custody"
    assert dialog.custody_check.isChecked()


def test_a_double_click_opens_the_edit_dialog_once(qtbot, ctx, family) -> None:  # type: ignore[no-untyped-def]
    """A double click emits both doubleClicked and activated: after Gem no second dialog."""
    soren, _ida = family
    tab = make_tab(qtbot, ctx, soren.id)
    opened: list[QWidget] = []

    def answer() -> None:  # saves every dialog that opens, for as long as the test runs
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, GuardianDialog) and dialog not in opened:
            opened.append(dialog)
            dialog.phone_edit.setText("20 30 40 5" + str(len(opened)))
            click(qtbot, dialog.ok_button)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    rect = tab.table.visualRect(tab.model.index(1, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(50)  # a second dialog would have opened by now
    timer.stop()
    assert len(opened) == 1
    assert ctx.services.students.guardians(soren.id)[1].phone == "20 30 40 51"


def test_the_tick_lives_apart_is_stored_at_once(qtbot, ctx, services, family) -> None:  # type: ignore[no-untyped-def]
    """The teacher ticks the father as living apart with the mouse, then unticks with Space."""
    from skolehjem_desktop.ui.pupil.guardians_tab import APART

    soren, _ida = family
    tab = make_tab(qtbot, ctx, soren.id)
    tab.show()
    qtbot.waitExposed(tab)
    model = tab.model
    assert model.headerData(APART, Qt.Orientation.Horizontal) == "Lives apart"
    names = [model.row_at(r).name for r in range(model.rowCount())]
    father = names.index("Jørgen Ærø")
    index = model.index(father, APART)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    changed: list[bool] = []
    tab.changed.connect(lambda: changed.append(True))
    tab.table.scrollTo(index)
    rect = tab.table.visualRect(index)
    # the tick box sits at the cell's left edge
    point = rect.topLeft() + type(rect.topLeft())(10, rect.height() // 2)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=point)

    def stored(value: bool) -> Callable[[], bool]:
        return lambda: (
            [g.lives_apart for g in services.students.guardians(soren.id)]
            == [
                False,
                value,
            ]
        )

    qtbot.waitUntil(stored(True))
    assert changed
    assert model.index(father, APART).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert tab.selected() is not None and tab.selected().name == "Jørgen Ærø"
    # and off again from the keyboard: the cell chosen, Space
    tab.table.setFocus()
    tab.table.setCurrentIndex(model.index(father, APART))
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    qtbot.waitUntil(stored(False))
