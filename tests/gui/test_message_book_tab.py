"""The message book tab, driven as a teacher would: click, type, press keys; then read the store."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QDialog

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, PresentationVia
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import NewFocusPointDialog
from skolehjem_desktop.ui.pupil.message_book.model import AREA_ROLE, POINT_ROLE
from skolehjem_desktop.ui.pupil.message_book.presentation_dialog import PresentationDialog
from skolehjem_desktop.ui.pupil.message_book.tab import MessageBookTab
from tests.gui.modals import answer_modal

D, M, A, F = (
    FocusArea.DANISH,
    FocusArea.MATHS,
    FocusArea.ALL_ROUND,
    FocusArea.FURTHER_EDUCATION,
)
YEAR = 2026  # the school year of the test clock (Monday 23 November 2026)


@pytest.fixture
def pupil(services) -> int:  # type: ignore[no-untyped-def]
    """Søren in 8.A this year and in 7.A last year."""
    last = services.classes.create("7.A", YEAR - 1)
    this = services.classes.create("8.A", YEAR)
    soren = services.students.add("Søren", "Ærø", this.id)
    services.students.move(soren.id, last.id)
    return int(soren.id)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def tab(qtbot, services, dialogs, pupil):  # type: ignore[no-untyped-def]
    widget = MessageBookTab(UiContext(services, dialogs))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def area_item(tab: MessageBookTab, area: FocusArea) -> QModelIndex:
    model = tab.tree.model()
    for i in range(model.rowCount()):
        item = model.index(i, 0)
        if item.data(AREA_ROLE) == area.value:
            return item
    raise AssertionError(f"no section for {area}")


def point_item(tab: MessageBookTab, point_id: int) -> QModelIndex:
    model = tab.tree.model()
    for i in range(model.rowCount()):
        top = model.index(i, 0)
        for j in range(model.rowCount(top)):
            child = model.index(j, 0, top)
            if child.data(POINT_ROLE) == point_id:
                return child
    raise AssertionError(f"no focus point {point_id}")


def text(item: QModelIndex, column: int) -> str:
    return str(item.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole))


def icon(item: QModelIndex, column: int) -> QIcon:
    found = item.siblingAtColumn(column).data(Qt.ItemDataRole.DecorationRole)
    return found if isinstance(found, QIcon) else QIcon()


def font(item: QModelIndex, column: int) -> QFont:
    found = item.siblingAtColumn(column).data(Qt.ItemDataRole.FontRole)
    return found if isinstance(found, QFont) else QFont()


def child_count(item: QModelIndex) -> int:
    return item.model().rowCount(item)


def child(item: QModelIndex, row: int) -> QModelIndex:
    return item.model().index(row, 0, item)


def click_item(qtbot, tab: MessageBookTab, item: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    rect = tab.tree.visualRect(item)
    qtbot.mouseClick(
        tab.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.left() + 40, rect.center().y()),
    )
    assert tab.tree.currentIndex() == item


def stored(services, pupil: int, year: int = YEAR):  # type: ignore[no-untyped-def]
    return services.focus.all(pupil, year)


# --- what the teacher sees ---------------------------------------------------------------------


def test_grade_8_pupil_without_further_education_sees_the_area_missing(
    tab, services, pupil
) -> None:  # type: ignore[no-untyped-def]
    for area in (D, M, A):
        services.focus.add(pupil, YEAR, area, f"Mål i {label(area)}")
    tab.set_student(pupil, YEAR)

    missing = area_item(tab, F)
    assert "Missing" in text(missing, 1)
    assert not icon(missing, 0).isNull()  # an icon, not colour alone
    assert font(missing, 1).bold()
    assert child_count(missing) == 0
    for area in (D, M, A):
        assert "Missing" not in text(area_item(tab, area), 1)
        assert icon(area_item(tab, area), 0).isNull()
    for area in (D, M, A):  # every area opened on its focus points
        assert child_count(area_item(tab, area)) == 1
        assert tab.tree.isExpanded(area_item(tab, area))
    assert "1 of 4 areas has no focus point yet" in tab.areas_label.text()
    assert label(F) in tab.areas_label.text()
    assert tab.class_label.text() == (
        "Required in 8.A: Danish, Maths, All-round development, Thoughts on further education"
    )


def test_nothing_chosen_shows_an_empty_disabled_tab(tab) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(None, YEAR)
    assert tab.tree.model().rowCount() == 0
    assert not tab.add_button.isEnabled()
    assert not tab.editor.isVisible()
    assert tab.class_label.text() == "No pupil chosen."


# --- add, edit, reorder, remove ----------------------------------------------------------------


def test_adding_a_focus_point_in_the_missing_area(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, area_item(tab, F))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewFocusPointDialog)
        assert dialog.area_combo.currentData() == F  # the area chosen in the list
        assert not dialog.subject_edit.isVisible()
        qtbot.keyClicks(dialog.goal_edit, "Visits two upper secondary schools")
        dialog.actions_edit.insertPlainText("Brobygning i uge 47; samtale med UU-vejleder")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = answer_modal(fill)
    with qtbot.waitSignal(tab.changed, timeout=3000):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted

    [point] = stored(services, pupil)
    assert point.area is F
    assert point.goal == "Visits two upper secondary schools"
    assert point.actions == "Brobygning i uge 47; samtale med UU-vejleder"
    # The new point is chosen and ready to edit; the area is no longer missing.
    assert tab.tree.currentIndex() == point_item(tab, point.id)
    assert tab.editor.goal_edit.toPlainText() == point.goal
    assert "Missing" not in text(area_item(tab, F), 1)


def test_a_fourth_danish_focus_point_is_not_accepted_without_a_word(  # type: ignore[no-untyped-def]
    qtbot, tab, services, pupil
) -> None:
    """Skoledistrikt Vest: "Få fokuspunkter i dansk, matematik og elevens alsidige udvikling"."""
    for n in range(3):
        services.focus.add(pupil, YEAR, D, f"Læse {n + 1}")
    tab.set_student(pupil, YEAR)
    assert "⚠" not in tab.areas_label.text()
    click_item(qtbot, tab, area_item(tab, D))

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.goal_edit, "Skrive en fortælling")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    with qtbot.waitSignal(tab.changed, timeout=3000):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert len(stored(services, pupil)) == 4  # a warning, not a refusal
    assert "few focus points (at most 3); Danish (4) has more" in tab.areas_label.text()
    services.principles.set("max_focus_points_per_area", "4")
    tab.set_student(pupil, YEAR)
    assert "⚠" not in tab.areas_label.text()


def test_adding_an_other_subject_asks_for_the_subject(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, area_item(tab, FocusArea.OTHER_SUBJECT))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewFocusPointDialog)
        assert dialog.subject_edit.isVisible()
        qtbot.keyClicks(dialog.goal_edit, "Speaks English in class")
        # No subject yet: the service says so and the dialog stays open with the text.
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.goal_edit.toPlainText() == "Speaks English in class"
        qtbot.keyClicks(dialog.subject_edit, "English")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)

    assert tab.ctx.dialogs.errors == ["Subject must be filled in."]
    [point] = stored(services, pupil)
    assert (point.area, point.subject, point.goal) == (
        FocusArea.OTHER_SUBJECT,
        "English",
        "Speaks English in class",
    )
    assert text(point_item(tab, point.id), 0) == "English: Speaks English in class"


def test_typing_in_the_goal_saves_about_a_second_later(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    point = services.focus.add(pupil, YEAR, D, "Læse mere")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, point.id))

    qtbot.mouseClick(tab.editor.goal_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(tab.editor.goal_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.editor.goal_edit, " - 20 min")
    tab.editor.goal_edit.insertPlainText(" hver dag på læsebåndet")
    # Debounced: nothing is written while the teacher is typing.
    assert stored(services, pupil)[0].goal == "Læse mere"
    with qtbot.waitSignal(tab.changed, timeout=3000):
        pass
    assert stored(services, pupil)[0].goal == "Læse mere - 20 min hver dag på læsebåndet"
    assert text(point_item(tab, point.id), 0) == "Læse mere - 20 min hver dag på læsebåndet"
    assert tab.editor.save_state.text().startswith("✓ Saved")


def test_leaving_a_field_saves_at_once(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    point = services.focus.add(pupil, YEAR, M, "Brøker")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, point.id))

    tab.editor.evaluation_edit.setFocus()
    qtbot.waitUntil(tab.editor.evaluation_edit.hasFocus)
    qtbot.keyClicks(tab.editor.evaluation_edit, "Good progress")
    qtbot.keyClick(tab.editor.evaluation_edit, Qt.Key.Key_Tab)  # tab changes focus in the box
    assert not tab.editor.evaluation_edit.hasFocus()
    assert stored(services, pupil)[0].evaluation == "Good progress"


def test_choosing_a_status_saves_it(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    point = services.focus.add(pupil, YEAR, A, "Række hånden op")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, point.id))

    tab.editor.status_combo.setFocus()
    with qtbot.waitSignal(tab.changed, timeout=1000):
        qtbot.keyClick(tab.editor.status_combo, Qt.Key.Key_Down)
    assert stored(services, pupil)[0].status is FocusStatus.IN_PROGRESS
    assert text(point_item(tab, point.id), 1) == "◐ " + label(FocusStatus.IN_PROGRESS)


def test_an_empty_goal_is_not_saved_and_the_teacher_stays_on_it(
    qtbot, tab, services, pupil
) -> None:  # type: ignore[no-untyped-def]
    first = services.focus.add(pupil, YEAR, D, "Stave")
    second = services.focus.add(pupil, YEAR, D, "Læse")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, first.id))

    tab.editor.goal_edit.selectAll()
    qtbot.keyClick(tab.editor.goal_edit, Qt.Key.Key_Delete)
    assert tab.flush() is False
    assert "Not saved" in tab.editor.save_state.text()
    assert "goal must be filled in" in tab.editor.save_state.text()
    # Choosing another point does not throw away the editor's state.
    rect = tab.tree.visualRect(point_item(tab, second.id))
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.tree.currentIndex() == point_item(tab, first.id)
    assert stored(services, pupil)[0].goal == "Stave"
    tab.editor.goal_edit.insertPlainText("Stave til ord med stumt d")
    assert tab.flush() is True
    assert stored(services, pupil)[0].goal == "Stave til ord med stumt d"


def test_reordering_within_an_area(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    a = services.focus.add(pupil, YEAR, M, "Brøker")
    b = services.focus.add(pupil, YEAR, M, "Ligninger")
    c = services.focus.add(pupil, YEAR, M, "Geometri")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, c.id))
    assert not tab.down_button.isEnabled()

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in stored(services, pupil)] == [a.id, c.id, b.id]
    assert tab.tree.currentIndex() == point_item(tab, c.id)

    # The keyboard does the same on the list: Ctrl+Up, Ctrl+Down.
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in stored(services, pupil)] == [c.id, a.id, b.id]
    assert not tab.up_button.isEnabled()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in stored(services, pupil)] == [a.id, b.id, c.id]


def test_removing_asks_first_naming_the_goal(qtbot, tab, services, dialogs, pupil) -> None:  # type: ignore[no-untyped-def]
    keep = services.focus.add(pupil, YEAR, D, "Læse mere")
    gone = services.focus.add(pupil, YEAR, D, "Skrive læseligt")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, gone.id))

    dialogs.confirms = [False, True]
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert "“Skrive læseligt”" in dialogs.asked[0]
    assert len(stored(services, pupil)) == 2

    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert [p.id for p in stored(services, pupil)] == [keep.id]
    assert tab.tree.currentIndex() == area_item(tab, D)


# --- the year, carrying forward, presenting ----------------------------------------------------


def test_carry_last_years_open_focus_points_forward(qtbot, tab, services, dialogs, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, YEAR - 1, D, "Læse flydende", status=FocusStatus.IN_PROGRESS)
    services.focus.add(pupil, YEAR - 1, M, "Tabeller", status=FocusStatus.ACHIEVED)
    tab.set_student(pupil, YEAR)
    assert "1 open focus point from 2025/26" in tab.carry_button.toolTip()

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.carry_button, Qt.MouseButton.LeftButton)
    assert dialogs.infos == ["1 open focus point from 2025/26 was carried forward."]
    [carried] = stored(services, pupil)
    assert (carried.area, carried.goal, carried.status) == (
        D,
        "Læse flydende",
        FocusStatus.IN_PROGRESS,
    )
    assert tab.tree.currentIndex() == point_item(tab, carried.id)
    assert "Carried forward" in tab.editor.save_state.text()

    qtbot.mouseClick(tab.carry_button, Qt.MouseButton.LeftButton)
    assert (
        dialogs.infos[-1] == "There were no open focus points from 2025/26 left to carry forward."
    )
    assert len(stored(services, pupil)) == 1


def test_the_year_chooser_shows_last_year(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, YEAR - 1, D, "Sidste års mål")
    tab.set_student(pupil, YEAR)
    assert tab.year_combo.currentText() == "2026/27  (8.A)"

    tab.year_combo.setFocus()
    qtbot.keyClick(tab.year_combo, Qt.Key.Key_Down)
    assert tab.school_year == YEAR - 1
    assert tab.class_label.text().startswith("Required in 7.A: ")
    assert text(child(area_item(tab, D), 0), 0) == "Sidste års mål"
    assert "2025/26" in tab.presentations.status_label.text()


def test_recording_a_presentation_to_the_parents(qtbot, tab, services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, YEAR, FocusArea.DANISH, "Læse mere")  # something to present
    tab.set_student(pupil, YEAR)
    assert tab.presentations.status_label.text() == (
        "Not yet presented to the parents this school year (2026/27)."
    )
    assert tab.presentations.status_label.font().bold()
    assert not tab.presentations.list_view.isVisible()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PresentationDialog)
        assert dialog.date_edit.date() == dt.date(2026, 11, 23)
        dialog.via_combo.setFocus()
        qtbot.keyClick(dialog.via_combo, Qt.Key.Key_Down)  # at a conversation -> through Aula
        qtbot.keyClicks(dialog.note_edit, "Sent with the parents' preparation sheet")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.presentations.record_button, Qt.MouseButton.LeftButton)

    [presentation] = services.focus.presentations(pupil, YEAR)
    assert presentation.presented_on == dt.date(2026, 11, 23)
    assert presentation.via is PresentationVia.AULA
    assert presentation.note == "Sent with the parents' preparation sheet"
    assert tab.presentations.status_label.text() == (
        "Presented to the parents in 2026/27, latest on 23 Nov 2026."
    )
    assert tab.presentations.list_view.model().rowCount() == 1
    assert tab.presentations.list_view.isVisible()
    assert tab.presentations.list_view.isEnabled()  # the teacher can choose one to remove
    assert (
        tab.presentations.list_view.model()
        .index(0, 0)
        .data()
        .startswith(f"23 Nov 2026 – {label(PresentationVia.AULA)}")
    )


def test_a_point_removed_elsewhere_does_not_trap_the_teacher(
    qtbot, tab, services, dialogs, pupil
) -> None:  # type: ignore[no-untyped-def]
    point = services.focus.add(pupil, YEAR, D, "Læse")
    other = services.focus.add(pupil, YEAR, M, "Regne")
    tab.set_student(pupil, YEAR)
    click_item(qtbot, tab, point_item(tab, point.id))
    qtbot.keyClicks(tab.editor.goal_edit, " mere")
    services.focus.remove(point.id)  # e.g. the pupil's page in another window

    assert tab.flush() is True
    assert dialogs.errors == [f"Focus point with id {point.id} does not exist."]
    qtbot.waitUntil(lambda: tab.tree.model().rowCount() > 0 and child_count(area_item(tab, D)) == 0)
    click_item(qtbot, tab, point_item(tab, other.id))
    assert tab.editor.goal_edit.toPlainText() == "Regne"


def test_every_field_has_a_label_with_a_mnemonic_or_a_name(tab, pupil) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

    tab.set_student(pupil, YEAR)
    buddies = {
        id(label.buddy())
        for label in tab.findChildren(QLabel)
        if "&" in label.text() and label.buddy() is not None
    }
    fields = [f for kind in (QComboBox, QLineEdit, QPlainTextEdit) for f in tab.findChildren(kind)]
    assert len(fields) >= 6
    for field in fields:
        if isinstance(field, QLineEdit) and isinstance(field.parent(), QComboBox):
            continue
        assert id(field) in buddies or field.accessibleName(), field
