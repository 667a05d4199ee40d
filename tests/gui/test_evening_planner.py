"""The evening planner driven as a teacher: set an evening, compute, move, accept."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget

from skolehjem_desktop.domain.enums import ConversationKind, ConversationStatus
from skolehjem_desktop.services import Services
from skolehjem_desktop.ui.classes.evening_planner import EveningPlannerDialog
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


@pytest.fixture
def school(services: Services) -> dict[str, int]:
    mk = services.school.add_teacher("Mette Kjær", "MK", is_user=True).id
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(mk,)).id
    ids = {"class": klass}
    for i, first in enumerate(["Ali", "Bo", "Cecilie", "Dorte", "Emil"]):
        ids[first] = services.students.add(first, "Hansen", klass).id
        services.students.add_guardian(ids[first], f"Parent {i}")
    return ids


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_cell(qtbot, table: QTableWidget, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open the cell's editor as F2 does, replace the text, press Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)

    def editing() -> bool:
        widget = QApplication.focusWidget()
        return (
            isinstance(widget, QLineEdit)
            and widget.parent() is table.viewport()
            and table.state() == QTableWidget.State.EditingState
        )

    qtbot.waitUntil(editing)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QTableWidget.State.EditingState)
    assert table.item(row, column).text() == text


def saved_setup(services: Services, plan_id: int):  # type: ignore[no-untyped-def]
    """The setup as stored: the JSON part and the families' unavailability (rows of their own)."""
    return services.evening_plans.get(plan_id).setup


def test_plan_an_evening_move_a_pupil_and_accept(qtbot, services, school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialogs = ScriptedDialogs()
    dialog = EveningPlannerDialog(UiContext(services, dialogs), None, school["class"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    panel = dialog.setup_panel
    assert panel.teachers.item(0, 0).text() == "MK"  # the contact teacher by default
    assert not dialog.accept_button.isEnabled()

    # an evening 16:00-17:30 with a break 16:30-16:45: five slots for five families
    click(qtbot, panel.findChild(type(dialog.compute_button), "add_evening"))
    evenings = panel.evenings
    type_cell(qtbot, evenings, 0, 0, "2026-11-24")
    type_cell(qtbot, evenings, 0, 2, "17:30")
    type_cell(qtbot, evenings, 0, 4, "16:30-16:45")
    # Ali's family cannot come before 17:00: first a mistake, then right
    panel.tabs.setCurrentIndex(2)
    families = panel.families
    ali_row = next(
        r for r in range(families.rowCount()) if families.item(r, 0).text() == "Ali Hansen"
    )
    type_cell(qtbot, families, ali_row, 2, "16:00-15:00")
    qtbot.waitUntil(lambda: "end must come after the start" in dialog.setup_error.text())
    assert saved_setup(services, dialog.state.id).unavailable_of(school["Ali"]) == ()
    type_cell(qtbot, families, ali_row, 2, "16:00-17:00")
    qtbot.waitUntil(lambda: dialog.setup_error.text().startswith("Saved"))
    setup = saved_setup(services, dialog.state.id)
    assert [(e.date, e.end) for e in setup.evenings] == [(dt.date(2026, 11, 24), dt.time(17, 30))]
    assert setup.unavailable_of(school["Ali"])[0].start == dt.time(16)

    click(qtbot, dialog.compute_button)
    qtbot.waitUntil(lambda: dialog.state.plan is not None)
    grid = dialog.grid
    names = {
        grid.item(r, 0).text(): r for r in range(grid.rowCount()) if grid.item(r, 0) is not None
    }
    assert set(names) == {f"{n} Hansen" for n in ["Ali", "Bo", "Cecilie", "Dorte", "Emil"]}
    assert grid.verticalHeaderItem(names["Ali Hansen"]).text() in {"17:00", "17:15"}
    assert dialog.messages_title.text() == "The plan keeps every rule."

    # move Bo onto Cecilie's slot: the teacher is double booked, shown at once
    grid.setCurrentCell(names["Bo Hansen"], 0)
    dialog.move_to.setCurrentIndex(names["Cecilie Hansen"])
    click(qtbot, dialog.move_button)
    assert dialog.messages_title.text() == "What the plan breaks:"
    texts = [dialog.messages.item(i).text() for i in range(dialog.messages.count())]
    assert any("Teacher MK is with" in t for t in texts)
    dialogs.confirms = [True]
    click(qtbot, dialog.accept_button)
    assert dialogs.errors and "cannot be accepted" in dialogs.errors[-1]
    assert services.conversations.all(student_id=school["Bo"]) == []
    # and back to where Bo was (empty again now)
    bo_cell = next(
        (r, c)
        for r in range(grid.rowCount())
        for c in range(grid.columnCount())
        if grid.item(r, c) and grid.item(r, c).text() == "Bo Hansen"
    )
    assert bo_cell[0] == names["Cecilie Hansen"]  # beside Cecilie, in a column of its own
    assert grid.columnCount() == 2 and grid.item(bo_cell[0], 1 - bo_cell[1]) is not None
    assert grid.item(*bo_cell).background().color().name() == "#f8d7d3"
    grid.setCurrentCell(*bo_cell)
    dialog.move_to.setCurrentIndex(names["Bo Hansen"])
    click(qtbot, dialog.move_button)
    assert dialog.messages_title.text() == "The plan keeps every rule."

    # accept: the question says how many; five planned ordinary conversations are stored
    dialogs.confirms = [True]
    click(qtbot, dialog.accept_button)
    assert "Create 5 planned conversations for 5.A?" in dialogs.asked
    assert "Create 5 planned conversations for 5.A?" in dialogs.harmless  # no warning
    assert dialogs.infos[-1] == "5 conversations were planned."
    plan = dialog.state.plan
    assert plan is not None
    for first in ["Ali", "Bo", "Cecilie", "Dorte", "Emil"]:
        rows = services.conversations.all(student_id=school[first])
        assert len(rows) == 1
        row = rows[0]
        slot = plan.of(school[first])
        assert slot is not None and row.starts_at == slot.starts_at
        assert row.kind is ConversationKind.ORDINARY and row.status is ConversationStatus.PLANNED
    assert not dialog.compute_button.isEnabled()
    assert dialog.invitations_button.isEnabled()

    # the schedule opens in the PDF viewer; the calendar goes where the teacher says
    click(qtbot, dialog.schedule_button)
    assert dialogs.opened and dialogs.opened[-1].suffix == ".pdf"
    dialogs.files = [tmp_path / "evening"]
    click(qtbot, dialog.ics_button)
    ics = (tmp_path / "evening.ics").read_bytes()
    assert ics.count(b"BEGIN:VEVENT") == 5
    dialogs.files = [tmp_path / "invitations"]
    click(qtbot, dialog.invitations_button)
    qtbot.waitUntil(lambda: bool(dialogs.infos) and "invitations written" in dialogs.infos[-1])
    assert len(list((tmp_path / "invitations").glob("*.pdf"))) == 5
    dialog.reject()


def test_reasons_are_listed_when_none_fits(qtbot, services, school) -> None:  # type: ignore[no-untyped-def]
    dialogs = ScriptedDialogs()
    dialog = EveningPlannerDialog(UiContext(services, dialogs), None, school["class"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    panel = dialog.setup_panel
    click(qtbot, panel.findChild(type(dialog.compute_button), "add_evening"))
    type_cell(qtbot, panel.evenings, 0, 0, "2026-11-24")
    type_cell(qtbot, panel.evenings, 0, 2, "17:00")
    panel.tabs.setCurrentIndex(1)
    type_cell(qtbot, panel.teachers, 0, 1, "16:00-16:45")
    click(qtbot, dialog.compute_button)
    qtbot.waitUntil(lambda: dialog.messages.count() > 0)
    assert dialog.messages_title.text() == "Why no plan fits:"
    assert dialog.messages.item(0).text() == "5 pupils but only 3 slots with teacher MK."
    assert dialog.state.plan is None and not dialog.accept_button.isEnabled()
    dialog.reject()


def test_the_families_page_shows_who_is_owed_and_what_the_sheet_said(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    """Held and planned pupils start unticked; the parents' times count; Bo ticked in."""
    import json

    from skolehjem_desktop.services.conversations import Planning
    from skolehjem_desktop.store.models import FamilyAvailability

    mk = services.school.add_teacher("Mette Kjær", "MK", is_user=True).id
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(mk,)).id
    ids = {n: services.students.add(n, "Hansen", klass).id for n in ("Ali", "Bo", "Cia", "Dan")}
    held = services.conversations.plan(
        ids["Ali"], Planning(dt.datetime(2026, 10, 1, 15, 0), ConversationKind.ORDINARY)
    )
    services.conversations.mark_held(held.id, exception=True)
    services.conversations.plan(
        ids["Bo"], Planning(dt.datetime(2026, 12, 3, 15, 0), ConversationKind.ORDINARY)
    )
    with services.db.transaction() as s:
        s.add(
            FamilyAvailability(
                student_id=ids["Cia"],
                school_year=2026,
                slots=json.dumps([{"weekday": 1, "start": "17:00", "end": "17:30"}]),
                received_at=dt.datetime(2026, 11, 1, 12, 0),
            )
        )
    dialog = EveningPlannerDialog(UiContext(services, ScriptedDialogs()), None, klass)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    panel = dialog.setup_panel
    panel.tabs.setCurrentIndex(2)
    families = panel.families
    rows = {families.item(r, 0).text(): r for r in range(families.rowCount())}
    assert set(rows) == {f"{n} Hansen" for n in ids}

    def ticked(name: str) -> bool:
        return families.item(rows[f"{name} Hansen"], 0).checkState() == Qt.CheckState.Checked

    assert [ticked(n) for n in ("Ali", "Bo", "Cia", "Dan")] == [False, False, True, True]
    assert [families.item(rows[f"{n} Hansen"], 1).text() for n in ("Ali", "Bo", "Cia")] == [
        "Held",
        "Planned",
        "Missing",
    ]
    assert panel.family_count.text().startswith("2 of 4 pupils still lack")
    assert families.item(rows["Cia Hansen"], 3).text() == "the sheet says Tue 17:00–17:30"

    # an evening on a Tuesday: the parents' times now count for Cia
    panel.tabs.setCurrentIndex(0)
    click(qtbot, panel.findChild(type(dialog.compute_button), "add_evening"))
    type_cell(qtbot, panel.evenings, 0, 0, "2026-11-24")
    type_cell(qtbot, panel.evenings, 0, 2, "17:30")
    qtbot.waitUntil(lambda: dialog.setup_error.text().startswith("Saved"))
    panel.tabs.setCurrentIndex(2)
    cia = families.item(rows["Cia Hansen"], 3)
    assert cia.text() == "from the parents' sheet: suits Tue 17:00–17:30"
    assert "16:00-17:00" in cia.toolTip()

    # Bo ticked in with the keyboard
    families.setFocus()
    families.setCurrentCell(rows["Bo Hansen"], 0)
    qtbot.keyClick(families, Qt.Key.Key_Space)
    assert ticked("Bo")
    qtbot.waitUntil(lambda: ids["Bo"] in [p.id for p in dialog.state.included])
    assert panel.family_count.text().endswith("3 pupils are in the plan.")
    click(qtbot, dialog.compute_button)
    qtbot.waitUntil(lambda: dialog.state.plan is not None)
    grid = dialog.grid
    placed = {
        grid.item(r, 0).text(): grid.verticalHeaderItem(r).text()
        for r in range(grid.rowCount())
        if grid.item(r, 0) is not None
    }
    assert set(placed) == {"Bo Hansen", "Cia Hansen", "Dan Hansen"}
    assert placed["Cia Hansen"] in {"17:00", "17:15"}
