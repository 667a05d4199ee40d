"""The school's principles in the settings dialog and in the welcome, driven as a teacher does."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget, QWidget

from skolehjem_desktop import i18n
from skolehjem_desktop.services.data_folder import DataFolder
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.principle_fields import (
    BoolRuleField,
    IntRuleField,
    MonthDayRuleField,
    TimeRuleField,
    WeekdaysRuleField,
)
from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog
from skolehjem_desktop.ui.dialogs.welcome import WelcomeDialog

SATURDAY = 5


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


def show(qtbot, ctx) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.principles_page)
    return dialog


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click a check box or radio button on its mark."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def choose_preset(qtbot, dialog: SettingsDialog, title: str) -> None:  # type: ignore[no-untyped-def]
    """Step through the preset combo with the arrow keys to ``title`` (the page may ask, and
    a "no" puts the combo back)."""
    combo = dialog.principles_page.preset_combo
    combo.setFocus()
    steps = combo.findText(title) - combo.currentIndex()
    for _step in range(abs(steps)):
        qtbot.keyClick(combo, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)


def spin(dialog: SettingsDialog, rule: str) -> IntRuleField:
    field = dialog.principles_page.fields[rule]
    assert isinstance(field, IntRuleField)
    return field


def test_a_fresh_school_follows_the_law_and_chooses_a_preset(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    combo = page.preset_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Skoledistrikt Vest",
        "Den lille Skole",
        "No preset (the defaults)",
    ]
    assert combo.currentText() == "No preset (the defaults)"
    assert not page.reset_button.isEnabled()  # nothing changed yet
    assert page.reset_button.text() == "Reset &to the defaults"
    assert spin(dialog, "reply_working_days").spin.value() == 1

    choose_preset(qtbot, dialog, "Den lille Skole")
    assert ctx.dialogs.asked == []  # nothing of the teacher's own was lost
    assert spin(dialog, "reply_working_days").spin.value() == 3
    assert page.fields["appointment_channels"].value() == frozenset({"phone", "sms"})
    assert ctx.services.principles.active().preset is None  # not before OK
    click(qtbot, dialog.ok_button)

    active = ctx.services.principles.active()
    assert (active.preset, active.changed) == ("den-lille-skole", frozenset())
    assert active.reply_working_days == 3


def test_edited_rules_are_stored_and_marked_as_changed(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.services.principles.use("den-lille-skole")
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    reply = spin(dialog, "reply_working_days").spin
    reply.setFocus()
    qtbot.keyClick(reply, Qt.Key.Key_Up)
    qtbot.keyClick(reply, Qt.Key.Key_Up)
    council = page.fields["parent_council_required"]
    assert isinstance(council, BoolRuleField)
    tick(qtbot, council.check)
    weekdays = page.fields["working_weekdays"]
    assert isinstance(weekdays, WeekdaysRuleField)
    weekdays.days[SATURDAY].setFocus()
    qtbot.keyClick(weekdays.days[SATURDAY], Qt.Key.Key_Space)

    assert page.marks["reply_working_days"].isVisible()
    assert page.marks["reply_working_days"].text() == "changed (the preset says 3)"
    assert page.labels["reply_working_days"].font().bold()
    assert not page.marks["max_focus_points_per_area"].isVisible()
    assert page.reset_button.isEnabled()
    click(qtbot, dialog.ok_button)

    active = ctx.services.principles.active()
    assert active.reply_working_days == 5
    assert active.parent_council_required is True
    assert active.working_weekdays == frozenset({0, 1, 2, 3, 4, SATURDAY})
    assert active.changed == {"reply_working_days", "parent_council_required", "working_weekdays"}

    again = show(qtbot, ctx)
    marked = {key for key, mark in again.principles_page.marks.items() if mark.isVisible()}
    assert marked == active.changed
    assert "Mon, Tue, Wed, Thu, Fri" in again.principles_page.marks["working_weekdays"].text()


def test_a_working_day_ending_before_it_starts_stores_nothing(qtbot, ctx, type_in) -> None:  # type: ignore[no-untyped-def]
    ctx.services.principles.use("skoledistrikt-vest")
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    dialog.school_edit.setText("Skolen ved Søen")
    qtbot.keyClick(spin(dialog, "no_contact_nudge_months").spin, Qt.Key.Key_Up)
    start, end = page.fields["working_hours_start"], page.fields["working_hours_end"]
    assert isinstance(start, TimeRuleField) and isinstance(end, TimeRuleField)
    type_in(start.field, "17")
    type_in(end.field, "9")
    click(qtbot, dialog.ok_button)

    assert ctx.dialogs.errors == ["The working day must end after it starts (17:00–09:00)."]
    assert dialog.isVisible()
    active = ctx.services.principles.active()
    assert active.changed == frozenset()
    assert active.working_hours_end == dt.time(16)
    assert ctx.services.school.school_name() == ""  # nothing of the dialog was stored

    type_in(end.field, "18")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    active = ctx.services.principles.active()
    assert (active.working_hours_start, active.working_hours_end) == (dt.time(17), dt.time(18))
    assert active.no_contact_nudge_months == 4


def test_a_time_that_is_no_time_is_not_passed_over(qtbot, ctx, type_in) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ctx)
    start = dialog.principles_page.fields["working_hours_start"]
    assert isinstance(start, TimeRuleField)
    type_in(start.field, "kl. otte", enter=False)
    click(qtbot, dialog.ok_button)
    assert ctx.dialogs.errors == ["“kl. otte” is not a time. Write it as hh:mm, e.g. 14:30."]
    assert dialog.isVisible()
    type_in(start.field, "7.30", enter=False)
    click(qtbot, dialog.ok_button)
    assert ctx.services.principles.active().working_hours_start == dt.time(7, 30)


def test_reset_to_the_preset_asks_first(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.services.principles.use("skoledistrikt-vest")
    ctx.services.principles.set("max_focus_points_per_area", "5")
    ctx.services.principles.set("start_meeting_by", "09-15")
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    meeting = page.fields["start_meeting_by"]
    assert isinstance(meeting, MonthDayRuleField)
    assert (meeting.day.value(), meeting.month.currentText()) == (15, "September")

    ctx.dialogs.confirms = [False]
    click(qtbot, page.reset_button)
    assert ctx.dialogs.asked == [
        "Set every rule back to the preset from Skoledistrikt Vest? "
        "Your own changes of 2 rules are lost."
    ]
    assert ctx.dialogs.harmless == []  # a warning: the changes go
    assert spin(dialog, "max_focus_points_per_area").spin.value() == 5

    ctx.dialogs.confirms = [True]
    click(qtbot, page.reset_button)
    assert spin(dialog, "max_focus_points_per_area").spin.value() == 3
    assert (meeting.day.value(), meeting.month.currentText()) == (1, "October")
    assert not any(mark.isVisible() for mark in page.marks.values())
    assert not page.reset_button.isEnabled()
    assert ctx.services.principles.active().changed == {
        "max_focus_points_per_area",
        "start_meeting_by",
    }
    click(qtbot, dialog.ok_button)
    assert ctx.services.principles.active().changed == frozenset()


def test_switching_preset_with_changes_asks(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.services.principles.use("skoledistrikt-vest")
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    assert page.preset_combo.count() == 2  # no "no preset" once one is chosen
    qtbot.keyClick(spin(dialog, "reply_working_days").spin, Qt.Key.Key_Up)

    ctx.dialogs.confirms = [False]
    choose_preset(qtbot, dialog, "Den lille Skole")
    assert ctx.dialogs.asked == [
        "Switch to the principles of Den lille Skole? Your own change of 1 rule is lost."
    ]
    assert page.preset_combo.currentText() == "Skoledistrikt Vest"
    assert spin(dialog, "reply_working_days").spin.value() == 2

    ctx.dialogs.confirms = [True]
    choose_preset(qtbot, dialog, "Den lille Skole")
    assert spin(dialog, "reply_working_days").spin.value() == 3
    assert spin(dialog, "no_contact_nudge_months").spin.text() == "Never"
    click(qtbot, dialog.ok_button)
    active = ctx.services.principles.active()
    assert (active.preset, active.changed) == ("den-lille-skole", frozenset())


def test_the_rules_explain_themselves(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    reply = page.fields["reply_working_days"]
    explanation = "Working days within which a parent's written message gets a reply."
    assert reply.tab_chain()[0].toolTip() == explanation
    hints = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert explanation in hints
    assert reply.tab_chain()[0].accessibleName() == "Reply to messages within (working days)"
    assert page.fields["working_hours_start"].tab_chain()[0].accessibleName() == (
        "The working day starts at"
    )


def _mnemonics(widgets: list[QWidget]) -> list[str]:
    letters = []
    for widget in widgets:
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        if match := re.search(r"&([^&])", text):
            letters.append(match.group(1).lower())
    return letters


@pytest.mark.parametrize("lang", ["da", "en"])
def test_each_tab_has_its_own_alt_letters(qtbot, ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    i18n.activate(lang)
    dialog = show(qtbot, ctx)
    tabs = dialog.tabs
    assert isinstance(tabs, QTabWidget)
    tab_letters = _mnemonics([QLabel(tabs.tabText(i)) for i in range(tabs.count())])
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        shown = [w for w in page.findChildren(QWidget) if w.isVisible()]
        letters = tab_letters + _mnemonics(shown)
        assert len(letters) == len(set(letters)), (lang, tabs.tabText(index), sorted(letters))


def test_the_page_is_reached_by_the_keyboard(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, ctx)
    page = dialog.principles_page
    page.preset_combo.setFocus()
    seen = []
    for _step in range(40):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    for field in page.fields.values():
        for widget in field.tab_chain():
            assert widget in seen, widget.accessibleName()


# --- the welcome -----------------------------------------------------------------------


def welcome(qtbot, data_dir: Path) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    box = WelcomeDialog(data_dir)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    qtbot.keyClicks(box.name_edit, "Mette Kirk Hansen")
    tick(qtbot, box.empty_radio)
    return box


def stored_principles(data_dir: Path):  # type: ignore[no-untyped-def]
    services = DataFolder(data_dir).open()
    try:
        return services.principles.active()
    finally:
        services.close()


def test_the_welcome_stores_the_preset_chosen(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    box = welcome(qtbot, data_dir)
    assert box.principles_box.title() == "Which principles does the school follow?"
    tick(qtbot, box.preset_radios["den-lille-skole"])
    click(qtbot, box.start_button)
    assert box.outcome is not None
    active = stored_principles(data_dir)
    assert (active.preset, active.changed) == ("den-lille-skole", frozenset())
    assert active.appointment_channels == frozenset({"phone", "sms"})


def test_the_welcome_leaves_the_law_by_default(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    box = welcome(qtbot, data_dir)
    assert box.law_radio.isChecked()
    assert box.law_radio.text() == "The de&faults (can be changed later in Settings)"
    click(qtbot, box.start_button)
    active = stored_principles(data_dir)
    assert (active.preset, active.changed) == (None, frozenset())


def test_cancel_stores_nothing_and_danish_asks_in_danish(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    i18n.activate("da")
    ctx.services.principles.use("skoledistrikt-vest")
    dialog = show(qtbot, ctx)
    qtbot.keyClick(spin(dialog, "reply_working_days").spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin(dialog, "max_focus_points_per_area").spin, Qt.Key.Key_Up)
    assert dialog.principles_page.marks["reply_working_days"].text() == (
        "ændret (skabelonen siger 1)"
    )
    ctx.dialogs.confirms = [True]
    choose_preset(qtbot, dialog, "Den lille Skole")
    assert ctx.dialogs.asked == [
        "Vil du skifte til principperne fra Den lille Skole? "
        "Dine egne ændringer af 2 regler går tabt."
    ]
    dialog.reject()
    active = ctx.services.principles.active()
    assert (active.preset, active.changed) == ("skoledistrikt-vest", frozenset())
