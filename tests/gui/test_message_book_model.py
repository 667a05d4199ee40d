"""The message book's item models on their own: plain rows in, rows, children, data and roles
out, and a reset with new rows; no window, no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon, QPixmap

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, PresentationVia
from skolehjem_desktop.services.focus import FocusPointInfo, PresentationInfo
from skolehjem_desktop.ui.pupil.message_book.model import (
    AREA_ROLE,
    POINT_ROLE,
    PRESENTATION_ROLE,
    FocusTreeModel,
    PresentationListModel,
)

D, M, A, F, OTHER = (
    FocusArea.DANISH,
    FocusArea.MATHS,
    FocusArea.ALL_ROUND,
    FocusArea.FURTHER_EDUCATION,
    FocusArea.OTHER_SUBJECT,
)
GRADE_8 = (D, M, A, F)
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
FONT, DECORATION = Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole


def point(
    ident: int,
    area: FocusArea,
    goal: str,
    *,
    subject: str = "",
    actions: str = "",
    status: FocusStatus = FocusStatus.NOT_STARTED,
    evaluation: str = "",
    carried_from_id: int | None = None,
) -> FocusPointInfo:
    return FocusPointInfo(
        ident, 7, 2026, area, subject, goal, actions, status, evaluation, ident, carried_from_id
    )


POINTS = [
    point(11, D, "Læse mere\nhver dag", actions="Læsebånd", evaluation="Godt i gang"),
    point(12, D, "Stave", status=FocusStatus.ACHIEVED, carried_from_id=3),
    point(13, OTHER, "Speaks in class", subject="English", status=FocusStatus.IN_PROGRESS),
]


@pytest.fixture
def model(qtbot) -> FocusTreeModel:  # type: ignore[no-untyped-def]
    warning = QIcon(QPixmap(8, 8))
    tree = FocusTreeModel(warning_icon=warning)
    tree.set_rows(GRADE_8, POINTS)
    return tree


def texts(model: FocusTreeModel, parent: QModelIndex = QModelIndex()) -> list[tuple[str, str]]:  # noqa: B008
    return [
        (model.index(r, 0, parent).data(DISPLAY), model.index(r, 1, parent).data(DISPLAY))
        for r in range(model.rowCount(parent))
    ]


def test_the_areas_are_parent_rows_in_the_order_of_the_areas(model) -> None:  # type: ignore[no-untyped-def]
    assert model.columnCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        "Area and focus point",
        "Status",
    ]
    assert texts(model) == [
        ("Danish", "2 focus points"),
        ("Maths", "✗ Missing: no focus point yet"),
        ("All-round development", "✗ Missing: no focus point yet"),
        ("Thoughts on further education", "✗ Missing: no focus point yet"),
        ("Other subject", "1 focus point"),
    ]
    assert [model.index(r, 0).data(AREA_ROLE) for r in range(5)] == [
        "danish",
        "maths",
        "all_round",
        "further_education",
        "other_subject",
    ]
    for row in range(5):
        area = model.index(row, 0)
        assert not area.parent().isValid()
        assert area.data(POINT_ROLE) is None
        assert model.point_at(area) is None
        font = area.data(FONT)
        assert isinstance(font, QFont) and font.bold()  # the areas stand out


def test_the_focus_points_are_children_of_their_area(model) -> None:  # type: ignore[no-untyped-def]
    danish, other = model.index(0, 0), model.index(4, 0)
    assert texts(model, danish) == [("Læse mere", "○ Not started"), ("Stave", "✓ Achieved")]
    assert texts(model, other) == [("English: Speaks in class", "◐ In progress")]
    assert model.rowCount(model.index(1, 0)) == 0  # Maths has none
    first = model.index(0, 0, danish)
    assert first.parent() == danish
    assert model.rowCount(first) == 0
    assert [model.index(r, 0, danish).data(POINT_ROLE) for r in range(2)] == [11, 12]
    assert first.data(AREA_ROLE) is None
    assert first.data(FONT) is None and first.data(DECORATION) is None
    assert first.data(TOOLTIP) == "Læse mere\nhver dag\nActions: Læsebånd\nEvaluation: Godt i gang"
    assert model.index(1, 0, danish).data(TOOLTIP) == (
        "Stave\nCarried forward from last school year."
    )
    assert model.index(1, 1, danish).data(TOOLTIP) is None
    assert model.point_at(model.index(1, 1, danish)) == POINTS[1]  # any column
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEditable


def test_a_missing_area_says_so_in_words_an_icon_and_bold(model) -> None:  # type: ignore[no-untyped-def]
    maths, danish = model.index(1, 0), model.index(0, 0)
    assert isinstance(maths.data(DECORATION), QIcon)
    assert maths.data(TOOLTIP) == "The message book must have a focus point in Maths."
    assert maths.siblingAtColumn(1).data(FONT).bold()
    assert danish.data(DECORATION) is None and danish.data(TOOLTIP) is None
    assert danish.siblingAtColumn(1).data(FONT) is None
    assert model.missing_areas() == [M, A, F]


def test_an_area_the_grade_does_not_require_is_optional(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = FocusTreeModel()
    model.set_rows((D, M, A), [point(1, F, "Brobygning")])
    assert texts(model)[-2:] == [
        ("Thoughts on further education", "1 focus point"),
        ("Other subject", "Optional"),
    ]
    assert model.index(4, 0).data(DECORATION) is None
    assert model.addable_areas() == [D, M, A, F, OTHER]
    assert model.missing_areas() == [D, M, A]


def test_lookups_by_id_and_area(model) -> None:  # type: ignore[no-untyped-def]
    index = model.index_of_point(12)
    assert (index.row(), index.column(), index.parent().row()) == (1, 0, 0)
    assert not model.index_of_point(99).isValid()
    assert model.index_of_area(OTHER) == model.index(4, 0)
    assert not model.index_of_area(FocusArea.LANGUAGE_AWARENESS).isValid()
    assert model.area_at(index) is D and model.area_at(model.index(2, 1)) is A
    assert model.area_at(QModelIndex()) is None
    assert model.sibling_ids(POINTS[0]) == [11, 12]
    assert model.points() == POINTS
    assert model.required_areas == GRADE_8
    assert model.addable_areas() == [D, M, A, F, OTHER]


def test_a_reset_shows_the_new_rows(qtbot, model) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(
            (FocusArea.LANGUAGE_AWARENESS, FocusArea.MATHS_AWARENESS, A),
            [point(21, A, "Række hånden op")],
        )
    assert texts(model) == [
        ("Language awareness", "✗ Missing: no focus point yet"),
        ("Maths awareness", "✗ Missing: no focus point yet"),
        ("All-round development", "1 focus point"),
        ("Other subject", "Optional"),
    ]
    assert model.index(0, 0, model.index(2, 0)).data(POINT_ROLE) == 21
    assert not model.index_of_point(11).isValid()
    with qtbot.waitSignal(model.modelReset):
        model.clear()
    assert model.rowCount() == 0 and model.points() == [] and model.required_areas == ()


def test_a_saved_point_changes_its_row_only(qtbot, model) -> None:  # type: ignore[no-untyped-def]
    saved = dataclasses.replace(POINTS[1], goal="Stave til ord", status=FocusStatus.IN_PROGRESS)
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.replace_point(saved)
    top_left, bottom_right = changed.args[:2]
    assert (top_left.row(), top_left.column(), bottom_right.column()) == (1, 0, 1)
    assert top_left.parent() == model.index(0, 0)
    assert texts(model, model.index(0, 0))[1] == ("Stave til ord", "◐ In progress")
    assert model.points()[1] == saved
    assert not model.replace_point(point(99, D, "Gone"))


def test_the_headers_follow_the_language(model) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Område og fokuspunkt"
    assert model.index(0, 0).data(DISPLAY) == "Dansk"


def test_the_tree_model_keeps_qts_rules(qtmodeltester, model) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)


def test_the_presentations_list_their_day_how_and_note(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = PresentationListModel()
    rows = [
        PresentationInfo(5, 7, 2026, dt.date(2026, 11, 23), PresentationVia.AULA, None, ""),
        PresentationInfo(6, 7, 2026, dt.date(2027, 2, 1), PresentationVia.MEETING, 3, "Begge"),
    ]
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(rows)
    assert [model.index(r, 0).data(DISPLAY) for r in range(2)] == [
        "23 Nov 2026 – Through Aula",
        "1 Feb 2027 – At a meeting – Begge",
    ]
    assert [model.index(r, 0).data(PRESENTATION_ROLE) for r in range(2)] == [5, 6]
    assert model.row_at(1) == rows[1] and model.rows() == rows
    qtmodeltester.check(model)
    model.set_rows([])
    assert model.rowCount() == 0
