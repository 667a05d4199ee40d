"""The message book tab's interventions, follow-up and thoughts on further education, driven as
a teacher would: tick, type, Tab away, switch pupil; then read the store and the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.pupil.message_book.tab import MessageBookTab
from tests.pdf_text import pdf_text

YEAR = 2026  # the school year of the test clock (Monday 23 November 2026)


@pytest.fixture
def pupils(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Anna in 5.A, Bo in 8.A."""
    five = services.classes.create("5.A", YEAR)
    eight = services.classes.create("8.A", YEAR)
    return {
        "anna": int(services.students.add("Anna", "Hansen", five.id).id),
        "bo": int(services.students.add("Bo", "Ærø", eight.id).id),
    }


def make_tab(qtbot, services) -> MessageBookTab:  # type: ignore[no-untyped-def]
    widget = MessageBookTab(UiContext(services, ScriptedDialogs()))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def tab(qtbot, services) -> MessageBookTab:  # type: ignore[no-untyped-def]
    return make_tab(qtbot, services)


def stored(services, pupil: int):  # type: ignore[no-untyped-def]
    return services.message_book_years.get(pupil, YEAR)


def test_a_grade_5_pupil_gets_interventions_but_no_further_education(
    qtbot, tab, services, pupils
) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupils["anna"], YEAR)
    box = tab.year_box
    assert box.isVisible() and box.support_check.isVisible()
    assert not box.further_education_column.isVisible()
    assert not box.interventions_column.isVisible()  # not ticked yet
    assert box.title() == "Interventions and follow-up"
    # Alt+E ticks it (nothing else on the tab has that letter while no point is chosen).
    qtbot.keyClick(tab, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.support_check.isChecked)
    qtbot.waitUntil(lambda: stored(services, pupils["anna"]).needs_support)
    assert box.interventions_column.isVisible() and box.follow_up_column.isVisible()
    assert not box.further_education_column.isVisible()
    # Type the interventions: saved about a second after the last key.
    box.interventions_edit.setFocus()
    qtbot.keyClicks(box.interventions_edit, "Læsekursus to gange om ugen")
    qtbot.waitUntil(
        lambda: stored(services, pupils["anna"]).interventions == "Læsekursus to gange om ugen",
        timeout=3000,
    )
    assert "Saved" in box.save_state.text()
    # Tab into the follow-up and type; leaving it saves at once.
    qtbot.keyClick(box.interventions_edit, Qt.Key.Key_Tab)
    assert box.follow_up_edit.hasFocus()
    qtbot.keyClicks(box.follow_up_edit, "Vi ser på det i marts")
    qtbot.keyClick(box.follow_up_edit, Qt.Key.Key_Tab)
    assert stored(services, pupils["anna"]).follow_up == "Vi ser på det i marts"


def test_reopened_the_texts_are_there(qtbot, tab, services, pupils) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupils["anna"], YEAR)
    box = tab.year_box
    box.support_check.setFocus()
    qtbot.keyClick(box.support_check, Qt.Key.Key_Space)
    qtbot.keyClick(box.support_check, Qt.Key.Key_Tab)
    assert box.interventions_edit.hasFocus()
    qtbot.keyClicks(box.interventions_edit, "Matematikvejleder")
    # Switching pupils (the page flushes first, as it does) keeps what was typed.
    assert tab.flush()
    tab.set_student(pupils["bo"], YEAR)
    assert not box.support_check.isChecked() and box.interventions_edit.toPlainText() == ""
    again = make_tab(qtbot, services)
    again.set_student(pupils["anna"], YEAR)
    assert again.year_box.support_check.isChecked()
    assert again.year_box.interventions_edit.toPlainText() == "Matematikvejleder"
    assert again.year_box.interventions_edit.isVisible()


def test_an_8th_grader_writes_thoughts_on_further_education(
    qtbot, tab, services, pupils, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupils["bo"], YEAR)
    box = tab.year_box
    assert box.title() == "Interventions and thoughts on further education"
    assert box.further_education_column.isVisible()
    assert not box.interventions_column.isVisible()
    assert box.further_education_edit.accessibleName() == (
        "The pupil's thoughts on further education"
    )
    box.further_education_edit.setFocus()
    qtbot.keyClicks(box.further_education_edit, "Elektriker, måske EUX")
    qtbot.waitUntil(
        lambda: stored(services, pupils["bo"]).further_education == "Elektriker, måske EUX",
        timeout=3000,
    )
    path = tmp_path / "bog.pdf"
    services.pdfs.write_message_book(pupils["bo"], path, school_year=YEAR, lang="en")
    assert "Elektriker, måske EUX" in pdf_text(path)


def test_unticking_hides_the_texts_and_keeps_them(qtbot, tab, services, pupils) -> None:  # type: ignore[no-untyped-def]
    services.message_book_years.update(
        pupils["anna"], YEAR, needs_support=True, interventions="Støtte i dansk"
    )
    tab.set_student(pupils["anna"], YEAR)
    box = tab.year_box
    assert box.interventions_edit.toPlainText() == "Støtte i dansk"
    qtbot.mouseClick(box.support_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not stored(services, pupils["anna"]).needs_support)
    assert not box.interventions_column.isVisible()
    assert stored(services, pupils["anna"]).interventions == "Støtte i dansk"
    qtbot.mouseClick(box.support_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(services, pupils["anna"]).needs_support)
    assert box.interventions_edit.toPlainText() == "Støtte i dansk"


def test_a_refused_save_keeps_the_text_and_says_why(qtbot, tab, services, pupils) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupils["bo"], YEAR)
    box = tab.year_box
    box.further_education_edit.setFocus()
    box.further_education_edit.setPlainText("x" * (TEXT_MAX + 1))
    assert not tab.flush()
    assert box.further_education_edit.toPlainText() == "x" * (TEXT_MAX + 1)
    assert "Not saved" in box.save_state.text()
    assert stored(services, pupils["bo"]).further_education == ""
    # A reload (after a change elsewhere) leaves the refused text where it is.
    tab.reload()
    assert box.further_education_edit.toPlainText() == "x" * (TEXT_MAX + 1)
    box.further_education_edit.setPlainText("Gymnasiet")
    assert tab.flush()
    assert stored(services, pupils["bo"]).further_education == "Gymnasiet"


def test_a_full_disk_loses_nothing(qtbot, tab, services, pupils, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(pupils["bo"], YEAR)
    box = tab.year_box
    book = services.message_book_years
    real = book.update

    def full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise UserError("The data file could not be written to (database or disk is full).")

    monkeypatch.setattr(book, "update", full)
    box.further_education_edit.setFocus()
    qtbot.keyClicks(box.further_education_edit, "Søfart")
    assert not tab.flush()
    assert "disk is full" in box.save_state.text()
    assert box.further_education_edit.toPlainText() == "Søfart"
    monkeypatch.setattr(book, "update", real)
    qtbot.keyClicks(box.further_education_edit, "sskole")
    qtbot.waitUntil(lambda: stored(services, pupils["bo"]).further_education == "Søfartsskole")


def test_no_pupil_leaves_the_box_disabled(tab) -> None:  # type: ignore[no-untyped-def]
    tab.set_student(None, YEAR)
    assert not tab.year_box.support_check.isEnabled()
    assert not tab.year_box.interventions_column.isVisible()
