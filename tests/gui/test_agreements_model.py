"""The agreements table model alone: service rows in, cells and roles out, edits to ``update``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import Responsible
from skolehjem_desktop.services.conversations import AgreementInfo
from skolehjem_desktop.ui.conversation.agreements import OVERDUE_COLOUR, AgreementsModel

TODAY = dt.date(2026, 11, 23)
Role = Qt.ItemDataRole
TEXT, RESPONSIBLE, DUE, DONE = (
    AgreementsModel.TEXT,
    AgreementsModel.RESPONSIBLE,
    AgreementsModel.DUE,
    AgreementsModel.DONE,
)

OVERDUE = AgreementInfo(1, 7, "Read every day", Responsible.HOME, dt.date(2026, 11, 1), False)
UNDATED = AgreementInfo(2, 7, "Seat by the window", Responsible.SCHOOL, None, False)
DONE_LATE = AgreementInfo(3, 7, "Bring the bike", Responsible.PUPIL, dt.date(2026, 11, 2), True)
AHEAD = AgreementInfo(4, 7, "Call the parents", Responsible.SCHOOL, dt.date(2026, 12, 7), False)


class Store:
    """Stands in for the service: records each update and answers with the changed row."""

    def __init__(self) -> None:
        self.rows = {r.id: r for r in (OVERDUE, UNDATED, DONE_LATE, AHEAD)}
        self.calls: list[tuple[int, dict[str, Any]]] = []
        self.refuse = False

    def update(self, agreement_id: int, **changes: Any) -> AgreementInfo | None:
        self.calls.append((agreement_id, changes))
        if self.refuse:
            return None
        row = self.rows[agreement_id]
        fields = {
            "text": changes.get("text", row.text).strip(),
            "responsible": changes.get("responsible", row.responsible),
            "due": None if changes.get("clear_due") else changes.get("due", row.due),
            "done": changes.get("done", row.done),
        }
        self.rows[row.id] = AgreementInfo(row.id, row.conversation_id, **fields)
        return self.rows[row.id]


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def model(qapp, store: Store) -> AgreementsModel:  # type: ignore[no-untyped-def]
    model = AgreementsModel(store.update, lambda: TODAY)
    model.set_rows([OVERDUE, UNDATED, DONE_LATE, AHEAD])
    return model


def cell(model: AgreementsModel, row: int, column: int, role: int = Role.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_one_row_per_agreement_and_four_translated_columns(model) -> None:
    assert (model.rowCount(), model.columnCount()) == (4, 4)
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["What was agreed", "Responsible", "Due", "Done"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    i18n.activate("da")
    danish = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert danish == [i18n._(h) for h in AgreementsModel.HEADERS]
    assert danish != headers  # translated when the view asks, not when the model was made


def test_the_cells_show_the_rows(model) -> None:
    shown = [[cell(model, r, c) for c in range(4)] for r in range(4)]
    assert shown == [
        ["Read every day", "The home", "⚠ 1 Nov 2026 (overdue)", ""],
        ["Seat by the window", "The school", "–", ""],
        ["Bring the bike", "The pupil", "2 Nov 2026", "Done"],
        ["Call the parents", "The school", "7 Dec 2026", ""],
    ]
    assert model.rows() == [OVERDUE, UNDATED, DONE_LATE, AHEAD]
    assert model.row_at(2) is DONE_LATE
    assert model.row_of(UNDATED.id) == 1


def test_the_edit_role_gives_the_plain_values(model) -> None:
    assert [cell(model, 0, c, Role.EditRole) for c in range(4)] == [
        "Read every day",
        "home",
        dt.date(2026, 11, 1),
        False,
    ]
    assert cell(model, 1, DUE, Role.EditRole) is None
    assert cell(model, 2, DONE, Role.EditRole) is True


def test_done_is_a_check_box_and_the_rest_can_be_edited(model) -> None:
    assert cell(model, 0, DONE, Role.CheckStateRole) == Qt.CheckState.Unchecked
    assert cell(model, 2, DONE, Role.CheckStateRole) == Qt.CheckState.Checked
    assert cell(model, 0, TEXT, Role.CheckStateRole) is None
    done_flags = model.flags(model.index(0, DONE))
    assert done_flags & Qt.ItemFlag.ItemIsUserCheckable
    assert not done_flags & Qt.ItemFlag.ItemIsEditable
    for column in (TEXT, RESPONSIBLE, DUE):
        flags = model.flags(model.index(0, column))
        assert flags & Qt.ItemFlag.ItemIsEditable
        assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_only_an_overdue_due_date_is_red_and_the_text_is_its_own_tooltip(model) -> None:
    brush = cell(model, 0, DUE, Role.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE_COLOUR
    assert cell(model, 0, TEXT, Role.ForegroundRole) is None
    for row in (1, 2, 3):  # no date, done in time or late, not yet due
        assert cell(model, row, DUE, Role.ForegroundRole) is None
    assert cell(model, 1, TEXT, Role.ToolTipRole) == "Seat by the window"
    assert cell(model, 1, DUE, Role.ToolTipRole) is None
    assert model.data(QModelIndex()) is None


def test_an_overdue_date_follows_the_clock(qapp, store) -> None:
    today = [dt.date(2026, 10, 1)]
    model = AgreementsModel(store.update, lambda: today[0])
    model.set_rows([OVERDUE])
    assert cell(model, 0, DUE) == "1 Nov 2026"
    today[0] = TODAY
    assert cell(model, 0, DUE) == "⚠ 1 Nov 2026 (overdue)"


def test_each_edit_goes_to_update_and_the_stored_row_is_shown(qtbot, model, store) -> None:
    edits = [
        (1, TEXT, "Seat near the board", Role.EditRole, {"text": "Seat near the board"}),
        (1, RESPONSIBLE, "pupil", Role.EditRole, {"responsible": Responsible.PUPIL}),
        (1, DUE, dt.date(2026, 12, 1), Role.EditRole, {"due": dt.date(2026, 12, 1)}),
        (0, DUE, None, Role.EditRole, {"clear_due": True}),
        (0, DONE, Qt.CheckState.Checked.value, Role.CheckStateRole, {"done": True}),
    ]
    for row, column, value, role, changes in edits:
        with qtbot.waitSignal(model.dataChanged) as changed:
            assert model.setData(model.index(row, column), value, role) is True
        first, last = changed.args[:2]
        assert (first.row(), first.column(), last.row(), last.column()) == (row, 0, row, DONE)
        assert store.calls[-1] == (model.row_at(row).id, changes)
    assert [cell(model, 1, c) for c in range(3)] == [
        "Seat near the board",
        "The pupil",
        "1 Dec 2026",
    ]
    assert model.row_at(0).due is None and model.row_at(0).done is True
    assert cell(model, 0, DONE) == "Done"


def test_what_changes_nothing_is_not_sent(qtbot, model, store) -> None:
    with qtbot.assertNotEmitted(model.dataChanged):
        assert not model.setData(model.index(0, TEXT), "  Read every day ", Role.EditRole)
        assert not model.setData(model.index(0, DONE), True, Role.EditRole)
        assert not model.setData(model.index(0, TEXT), "Other", Role.CheckStateRole)
        assert not model.setData(QModelIndex(), "Other", Role.EditRole)
    assert store.calls == []


def test_a_refused_edit_keeps_the_row(qtbot, model, store) -> None:
    store.refuse = True
    with qtbot.assertNotEmitted(model.dataChanged):
        assert model.setData(model.index(0, TEXT), "", Role.EditRole) is False
    assert store.calls == [(OVERDUE.id, {"text": ""})]
    assert model.row_at(0) is OVERDUE
    assert cell(model, 0, TEXT) == "Read every day"
