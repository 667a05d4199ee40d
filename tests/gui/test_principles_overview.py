"""Both schools' principles drive the class overview, and changing them in Settings does.

The same class is kept under Skoledistrikt Vest and under Den lille Skole. What the
overview says differs where the policies differ: Vest wants a class parent council
elected at the start-of-year meeting and a reply by the next working day; Den lille
Skole wants no council, gives three working days to reply, and does not chase a family
it has not heard from. Dates are relative to today (the window has the real clock).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import (
    ContactChannel,
    FocusArea,
    PresentationVia,
    StartedBy,
)
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.schoolyear import SchoolYear, months_before
from skolehjem_desktop.services.workdays import is_working_day
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog
from tests.gui.journey import when_modal
from tests.gui.test_principles_page import choose_preset

CONTACT = 6  # the overview's "Last contact" column
REPLIES = 5


def _working_day_before(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _school(data_dir: Path, preset: str) -> None:
    """8.A: Søren (all done but his thoughts on further education, four Danish focus
    points), Ida (her mother wrote two working days ago), Bo (no word from home)."""
    services = Services(open_database(data_dir))
    services.principles.use(preset)
    today = services.today()
    year = SchoolYear.of(today)
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    klass = services.classes.create("8.A", year.start_year, grade=8, contact_teacher_ids=(me.id,))
    soren, ida, bo = (
        services.students.add(first, last, klass.id).id
        for first, last in (("Søren", "Ærø"), ("Ida", "Holm"), ("Bo", "Berg"))
    )
    for pupil, parent in ((soren, "Mette Ærø"), (ida, "Lene Holm"), (bo, "Kim Berg")):
        services.students.add_guardian(pupil, parent)
    held_on = max(year.first_day, today - dt.timedelta(days=10))
    conversation = services.conversations.plan(
        soren, Planning(starts_at=dt.datetime.combine(held_on, dt.time(8, 0)))
    )
    services.conversations.mark_held(conversation.id)
    for n in range(4):
        services.focus.add(soren, year.start_year, FocusArea.DANISH, f"Læse {n + 1}")
    services.focus.add(soren, year.start_year, FocusArea.MATHS, "Brøker")
    services.focus.add(soren, year.start_year, FocusArea.ALL_ROUND, "Række hånden op")
    services.focus.add(soren, year.start_year, FocusArea.FURTHER_EDUCATION, "Besøge en efterskole")
    services.focus.record_presentation(soren, held_on, PresentationVia.CONVERSATION)
    wrote = _working_day_before(_working_day_before(today))
    services.contacts.add(
        ida,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime.combine(wrote, dt.time(10, 0)),
        summary="Ida har ondt i maven om morgenen",
    )
    services.db.close()


def _window(qtbot, data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _overview(win) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    proxy = win.proxy
    return {
        proxy.index(r, 0).data(): [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    }


def _council(win) -> str:  # type: ignore[no-untyped-def]
    return next(t for t in win.class_items.texts() if "Class parent council" in t)


def _nudged(today: dt.date) -> bool:
    """Vest nudges after three months without contact, counted from the school year's start."""
    return SchoolYear.of(today).first_day <= months_before(today, 3)


def test_skoledistrikt_vest(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _school(data_dir, "skoledistrikt-vest")
    win = _window(qtbot, data_dir, tmp_path)
    rows = _overview(win)
    soren, ida, bo = rows["Søren Ærø"], rows["Ida Holm"], rows["Bo Berg"]
    # "På dette møde skal den enkelte klasse vælge et klasseforældreråd"
    assert "not elected" in _council(win)
    # No reply time is named: the next working day, now passed.
    assert ida[REPLIES].startswith("✗ 1 overdue")
    assert soren[1].startswith("✓ Held")
    assert soren[2] == "✗ Missing: thoughts on further education  ⚠ many in Danish"
    assert soren[3].startswith("✓ ")
    today = win.services.today()
    if _nudged(today):
        first_day = date_text(SchoolYear.of(today).first_day)
        assert bo[CONTACT] == f"◷ None since {first_day}"
    else:
        assert bo[CONTACT] == "–"
    assert ida[CONTACT] == date_text(_working_day_before(_working_day_before(today)))


def test_den_lille_skole(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _school(data_dir, "den-lille-skole")
    win = _window(qtbot, data_dir, tmp_path)
    rows = _overview(win)
    soren, ida, bo = rows["Søren Ærø"], rows["Ida Holm"], rows["Bo Berg"]
    assert _council(win).startswith("✓ Class parent council: none elected")
    # "der svares ikke altid fra dag til dag": three working days, not passed yet.
    assert "overdue" not in ida[REPLIES]
    assert soren[2] == "✗ Missing: thoughts on further education  ⚠ many in Danish"
    assert bo[CONTACT] == "–"  # no nudge: "begræns henvendelserne til det nødvendige"


def test_choosing_the_other_preset_in_settings_changes_the_overview(  # type: ignore[no-untyped-def]
    qtbot, data_dir, tmp_path
) -> None:
    _school(data_dir, "skoledistrikt-vest")
    win = _window(qtbot, data_dir, tmp_path)
    assert "not elected" in _council(win)

    def drive(dialog: SettingsDialog) -> None:
        dialog.tabs.setCurrentWidget(dialog.principles_page)
        choose_preset(qtbot, dialog, "Den lille Skole")
        dialog.accept()

    when_modal(SettingsDialog, drive)
    win.actions_by_name["settings"].trigger()
    qtbot.waitUntil(lambda: _council(win).startswith("✓ Class parent council: none elected"))
    assert win.services.principles.active().preset == "den-lille-skole"
    assert _overview(win)["Bo Berg"][CONTACT] == "–"
