"""The Print menu: previews, save as, and a whole class's summaries."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from PySide6.QtCore import QSettings, Qt

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.app.printing import clean_previews
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from tests.pdf_text import pdf_text

PRIVATE = "PRIVATE-NOTE-ABOUT-SOREN"
SHARED = "Søren læser nu med glæde."


@pytest.fixture
def school(data_dir):
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    school_class = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    ids = {}
    for first, last in (("Søren", "Ærø"), ("Łukasz", "Ćwikła"), ("Ayşe", "Yılmaz")):
        pupil = services.students.add(first, last, school_class.id)
        services.students.add_guardian(pupil.id, f"Mor {last}")
        held = services.conversations.plan(
            pupil.id, Planning(starts_at=dt.datetime.combine(services.today(), dt.time(8)))
        )
        services.conversations.set_section(held.id, SectionKind.SUMMARY, SHARED)
        services.conversations.set_section(held.id, SectionKind.PRIVATE_PREPARATION, PRIVATE)
        services.conversations.mark_held(held.id)
        ids[first] = pupil.id
    planned = services.conversations.plan(
        ids["Søren"],
        Planning(
            starts_at=dt.datetime.combine(services.today() + dt.timedelta(days=30), dt.time(15))
        ),
    )
    ids["planned"] = planned.id
    services.db.close()
    return ids


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _open_held_conversation(win, school) -> None:
    win.open_student(school["Søren"])
    tab = win.pupil_page.conversations
    held = next(
        c.id
        for c in win.services.conversations.all(student_id=school["Søren"])
        if c.status.value == "held"
    )
    tab.select(held)


def test_ctrl_p_previews_the_summary_with_shared_text_only(qtbot, window, school, data_dir) -> None:
    _open_held_conversation(window, school)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    opened = window.ctx.dialogs.opened
    assert len(opened) == 1
    assert opened[0].parent == data_dir / "previews"
    text = pdf_text(opened[0])
    assert "Søren Ærø" in text and "Søren læser nu med glæde." in text
    assert PRIVATE not in text
    assert PRIVATE.encode() not in opened[0].read_bytes()


def test_save_as_writes_where_the_teacher_chose(window, school, tmp_path) -> None:
    _open_held_conversation(window, school)
    window.ctx.dialogs.files.append(tmp_path / "out" / "referat")
    (tmp_path / "out").mkdir()
    window.actions_by_name["save_summary"].trigger()
    target = tmp_path / "out" / "referat.pdf"
    assert target.exists()
    assert "written" in window.statusBar().currentMessage()


def test_a_planned_conversation_has_no_summary_yet(window, school) -> None:
    window.open_student(school["Søren"])
    window.pupil_page.conversations.select(school["planned"])
    window.actions_by_name["print_summary"].trigger()
    assert window.ctx.dialogs.opened == []
    assert len(window.ctx.dialogs.errors) == 1
    assert "held" in window.ctx.dialogs.errors[0]
    window.actions_by_name["print_invitation"].trigger()
    assert len(window.ctx.dialogs.opened) == 1


def test_message_book_and_class_overview_previews(window, school) -> None:
    window.actions_by_name["print_class"].trigger()
    window.open_student(school["Łukasz"])
    window.actions_by_name["print_focus"].trigger()
    class_pdf, focus_pdf = window.ctx.dialogs.opened
    assert "Ayşe Yılmaz" in pdf_text(class_pdf)
    assert "Łukasz Ćwikła" in pdf_text(focus_pdf)


def test_all_summaries_of_the_class_one_file_per_pupil(window, tmp_path) -> None:
    folder = tmp_path / "summaries"
    window.ctx.dialogs.choices.append(0)
    window.ctx.dialogs.files.append(folder)
    window.actions_by_name["print_all"].trigger()
    files = sorted(p.name for p in folder.glob("*.pdf"))
    assert len(files) == 3
    assert window.statusBar().currentMessage() == "3 summaries written."
    for path in folder.glob("*.pdf"):
        assert PRIVATE not in pdf_text(path)


def test_all_summaries_in_one_file(window, tmp_path) -> None:
    target = tmp_path / "5A.pdf"
    window.ctx.dialogs.choices.append(1)
    window.ctx.dialogs.files.append(target)
    window.actions_by_name["print_all"].trigger()
    text = pdf_text(target)
    for name in ("Søren Ærø", "Łukasz Ćwikła", "Ayşe Yılmaz"):
        assert name in text


def test_cancelling_the_choice_writes_nothing(window, tmp_path) -> None:
    window.ctx.dialogs.choices.append(None)
    window.actions_by_name["print_all"].trigger()
    assert list(tmp_path.glob("**/*.pdf")) == []


def test_old_previews_are_cleaned_away(tmp_path) -> None:
    folder = tmp_path / "previews"
    folder.mkdir()
    old, new = folder / "old.pdf", folder / "new.pdf"
    old.write_bytes(b"%PDF")
    new.write_bytes(b"%PDF")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    assert clean_previews(tmp_path) == 1
    assert not old.exists() and new.exists()
