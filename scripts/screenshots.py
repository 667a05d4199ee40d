"""Renew the README's screenshots: the real window on a demo school, at 1366×768.

    python scripts/screenshots.py [--lang da|en] [--out docs/screenshots]

Runs under Xvfb (started here if no DISPLAY is set; Debian package ``xvfb``), opens
the main window full-screen on a fresh demo school with a fixed seed and date, and
grabs the screen in each state a teacher sees most: the class overview, the class
records (parent meetings, parent council), the school's principles in the settings, a
pupil's overview, the conversation editor, a summary copied for Aula and the message
book.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIDTH, HEIGHT = 1366, 768


def _start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is needed: apt-get install xvfb")
    display = ":97"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    os.environ["DISPLAY"] = display
    return proc


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="da", choices=("da", "en", "pseudo"))
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    if args.lang == "pseudo":  # lengthened English, to find text cut off in the layout
        os.environ["SKOLEHJEM_PSEUDO"] = "1"
    xvfb = _start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        return _shoot(args.lang, Path(args.out))
    finally:
        if xvfb is not None:
            xvfb.terminate()


def _shoot(lang: str, out: Path) -> int:

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop.app import create_main_window
    from skolehjem_desktop.services.data_folder import DataFolder

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        services = DataFolder(data).open()
        services.generate_demo(seed=7)
        services.close()
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(data, "en" if lang == "pseudo" else lang, settings=settings)
        window.setGeometry(0, 0, WIDTH, HEIGHT)

        def settle(ms: int = 400) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        def shot(name: str) -> None:
            settle()
            screen = app.primaryScreen()
            path = out / f"{name}-{lang}.png"
            screen.grabWindow(0).save(str(path))
            print(path)

        shot.folder = out  # type: ignore[attr-defined]
        shot.lang = lang  # type: ignore[attr-defined]

        from skolehjem_desktop.ui.dialogs.welcome import WelcomeDialog

        welcome = WelcomeDialog(Path(tmp) / "fresh")
        size = welcome.sizeHint()
        welcome.setGeometry((WIDTH - size.width()) // 2, 40, size.width(), size.height())
        welcome.show()
        shot("welcome")
        welcome.close()
        window.show()
        settle(800)
        shot("class-overview")
        from skolehjem_desktop.ui.classes.class_records import ClassRecordsDialog

        assert window.class_id is not None
        records = ClassRecordsDialog(window.ctx, window, window.class_id)
        records.setGeometry(WIDTH // 2 - 460, 70, 920, 620)  # no window manager: place it
        records.show()
        shot("class-records")
        records.tabs.setCurrentIndex(1)
        shot("class-council")
        records.close()
        shot_principles(window, shot)
        shot_planner(window, shot, WIDTH, HEIGHT)
        shot_pupil(window, shot)
        window.close()
    return 0


def shot_pupil(window, shot) -> None:  # type: ignore[no-untyped-def]
    """The first pupil's page: its overview, the conversation editor, the message book."""
    first = window.model.row_at(0)
    window.open_student(first.student_id)
    shot("pupil-overview")
    page = window.pupil_page
    page.tabs.setCurrentWidget(page.conversations)
    page.conversations.select_first()
    shot("conversation-editor")
    editor = page.conversations.editor
    editor.tabs.setCurrentWidget(editor.record)
    shot("record-page")
    shot_aula_message(window, shot)
    shot_parents_sheet(window, shot)
    page.tabs.setCurrentWidget(page.message_book)
    shot("message-book")


def shot_parents_sheet(window, shot) -> None:  # type: ignore[no-untyped-def]
    """A planned conversation after its parents' sheet was filled in and read back."""
    import io
    import tempfile as _tempfile

    from pypdf import PdfReader, PdfWriter

    from skolehjem_desktop.domain.enums import ConversationStatus

    services, page = window.services, window.pupil_page
    planned = [
        c
        for row in (window.model.row_at(i) for i in range(window.model.rowCount()))
        for c in services.conversations.all(student_id=row.student_id)
        if c.status is ConversationStatus.PLANNED
    ]
    if not planned:
        return
    student_id = planned[0].student_id
    with _tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "invitation.pdf"
        services.pdfs.write_invitation(planned[0].id, path)
        answers = {
            "how_things_are__1": "Det går godt derhjemme. Hun glæder sig til skole om morgenen,"
            " men er træt om eftermiddagen.",
            "talk_about__1": "Lektierne i matematik, og hvordan hun har det i frikvarteret.",
            "questions_for_school__1": "Kan hun få lov at læse højt for klassen?",
            "pupil_attends_yes__1": "/Yes",
            "teachers__1": "Gerne matematiklæreren",
            "time_1_2__1": "/Yes",
            "time_3_2__1": "/Yes",
            "times_note__1": "Ikke i uge 50",
        }
        writer = PdfWriter(clone_from=PdfReader(str(path)))
        for pdf_page in writer.pages:
            if pdf_page.get("/Annots"):
                writer.update_page_form_field_values(pdf_page, answers, auto_regenerate=True)
        out = io.BytesIO()
        writer.write(out)
    preview = services.sheets.preview(out.getvalue(), "Forberedelsesark.pdf")
    services.sheets.apply(preview)
    window.reload()
    window.open_student(student_id)
    page.tabs.setCurrentWidget(page.conversations)
    page.conversations.select(planned[0].id)
    editor = page.conversations.editor
    editor.tabs.setCurrentWidget(editor.preparation)
    shot("parents-sheet-read")


def shot_aula_message(window, shot) -> None:  # type: ignore[no-untyped-def]
    """A held conversation's summary copied for Aula: the dialog over the editor."""
    from skolehjem_desktop.domain.enums import AulaMessageKind, ConversationStatus

    page = window.pupil_page
    rows = window.services.conversations.all(student_id=page.student_id)
    held = [r for r in rows if r.status is ConversationStatus.HELD]
    if not held:
        return
    page.conversations.select(held[0].id)  # the latest
    dialog = page.conversations.editor.aula.copy(AulaMessageKind.SUMMARY)
    if dialog is None:
        return
    size = dialog.size()
    dialog.move((window.width() - size.width()) // 2, 90)  # no window manager: place it
    shot("aula-message")
    dialog.close()


def shot_principles(window, shot) -> None:  # type: ignore[no-untyped-def]
    """The settings' page of the school's principles: Den lille Skole, one rule changed."""
    from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog

    principles = window.services.principles
    principles.use("den-lille-skole")
    principles.set("reply_working_days", "2")
    dialog = SettingsDialog(window.ctx, window)
    dialog.tabs.setCurrentWidget(dialog.principles_page)
    size = dialog.size()
    dialog.move((window.width() - size.width()) // 2, 30)  # no window manager: place it
    dialog.show()
    shot("principles")
    dialog.close()


def shot_planner(window, shot, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """The conversation-evening planner with a computed plan for the window's class."""
    import datetime as dt

    from skolehjem_desktop.services.evening_plans import Setup
    from skolehjem_desktop.services.planner.model import make_evening, parse_periods
    from skolehjem_desktop.ui.classes.evening_planner import EveningPlannerDialog

    plans = window.services.evening_plans
    state = plans.open(window.class_id)
    day = dt.date.today() + dt.timedelta(days=9)
    evening = make_evening(day, dt.time(15), dt.time(21), 15, parse_periods("17:30-17:45"))
    _sheet_answer(window, state, day)
    plans.save_setup(state.id, Setup((evening,), state.setup.teachers, ("Lokale 12",)))
    dialog = EveningPlannerDialog(window.ctx, window, window.class_id)
    dialog.setGeometry(20, 20, width - 40, height - 40)  # no window manager: place it
    dialog.show()
    dialog.setup_panel.tabs.setCurrentIndex(2)  # the families: who is in, what they said
    dialog.compute()
    shot("evening-planner")
    dialog.close()
    # The printed schedule (for the door and the staff room), its first page as a picture.
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        pdf = plans.write_schedule(state.id, Path(tmp) / "schedule.pdf").path
        target = shot.folder / f"evening-schedule-{shot.lang}"  # type: ignore[attr-defined]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(target)],
            check=True,
        )
        print(f"{target}-*.png")


def _sheet_answer(window, state, day) -> None:  # type: ignore[no-untyped-def]
    """The first pupil still owed a conversation, as if the parents' sheet had come back:
    the evening's weekday from 17:00 to 19:00 suits them."""
    import datetime as dt
    import json

    from skolehjem_desktop.store.models import FamilyAvailability, SchoolClass

    owed = [p for p in state.pupils if p.included]
    if not owed:
        return
    with window.services.db.transaction() as s:
        klass = s.get(SchoolClass, window.class_id)
        s.merge(
            FamilyAvailability(
                student_id=owed[0].id,
                school_year=klass.school_year,
                slots=json.dumps([{"weekday": day.weekday(), "start": "17:00", "end": "19:00"}]),
                received_at=dt.datetime.now(),
            )
        )


if __name__ == "__main__":
    raise SystemExit(main())
