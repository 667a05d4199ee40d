"""Start-up as the program does it: the window's frame painted first, then the data.

``app.open_window`` shows the frame (menus and lists as they will be, "Opening…") and
opens the database once the frame has been painted; these tests watch every paint.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings

from skolehjem_desktop.app import open_window
from skolehjem_desktop.domain.enums import ConversationKind
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import DatabaseRefused, open_database
from skolehjem_desktop.ui.app.main_window import LANGUAGE_KEY, MainWindow
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


def _school(data_dir, language: str | None = None) -> dict[str, int]:
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    a = services.classes.create("4.B", year, contact_teacher_ids=())
    b = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    soren = services.students.add("Søren", "Ærø", b.id)
    services.students.add("Łukasz", "Ćwikła", b.id)
    ayse = services.students.add("Ayşe", "Yılmaz", a.id)
    services.conversations.plan(
        soren.id,
        Planning(
            starts_at=dt.datetime.combine(services.today(), dt.time(8, 0)),
            kind=ConversationKind.ORDINARY,
        ),
    )
    if language:
        services.school.set_language(language)
    services.db.close()
    return {"soren": soren.id, "ayse": ayse.id, "4B": a.id, "5A": b.id}


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class PaintWatcher(QObject):
    """What the window showed at each of its paints before it had its data."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.before_data: list[tuple[str, int, int]] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.window.attached:
            w = self.window
            self.before_data.append((w.heading.text(), w.class_list.count(), w.proxy.rowCount()))
        return False


def test_the_frame_is_painted_before_the_data_then_filled(qtbot, data_dir, settings) -> None:
    _school(data_dir)
    backups = data_dir / "backups"
    ready: list[MainWindow] = []
    backup_when_ready: list[bool] = []

    def on_ready(window: MainWindow) -> None:
        ready.append(window)
        backup_when_ready.append(bool(list(backups.glob("daily-*.sqlite"))))

    window = open_window(
        data_dir, "en", dialogs=ScriptedDialogs(), settings=settings, on_ready=on_ready
    )
    qtbot.addWidget(window)
    # The frame: menus and toolbar as they will be, but nothing that acts yet.
    assert not window.attached
    assert window.heading.text() == "Opening…"
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File",
        "&Class",
        "&Pupil",
        "P&rint",
        "&Help",
    ]
    assert not any(a.isEnabled() for a in window.menuBar().actions())
    assert not any(a.isEnabled() for a in window.toolbar().actions())
    watcher = PaintWatcher(window)
    window.show()
    qtbot.waitUntil(lambda: ready == [window])
    # Painted at least once before the data came, and only ever "Opening…" then:
    # never "No classes in this school year yet." for a moment.
    assert watcher.before_data
    assert set(watcher.before_data) == {("Opening…", 0, 0)}
    assert window.attached
    assert window.class_list.count() == 2
    assert window.class_list.currentItem().text().startswith("★ 5.A")
    assert window.heading.text().startswith("5.A")
    assert window.proxy.rowCount() == 2
    assert all(a.isEnabled() for a in window.menuBar().actions())
    assert "import" in window.actions_by_name
    # The day's rolling backup is made once the window shows the data, not before.
    assert backup_when_ready == [False]
    qtbot.waitUntil(lambda: bool(list(backups.glob("daily-*.sqlite"))))
    assert window.services.db.backup_pending is False


def test_the_last_class_and_pupil_come_back(qtbot, data_dir, settings) -> None:
    ids = _school(data_dir)
    settings.setValue("last_class", ids["4B"])
    settings.setValue("last_student", ids["ayse"])
    ready: list[MainWindow] = []
    window = open_window(
        data_dir, "en", dialogs=ScriptedDialogs(), settings=settings, on_ready=ready.append
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(ready))
    assert window.class_id == ids["4B"]
    assert window.stack.currentWidget() is window.pupil_page
    assert window.pupil_page.student_id == ids["ayse"]
    assert window.pupil_page.heading.text() == "Ayşe Yılmaz"


def test_a_refused_database_is_left_untouched_and_reported(qtbot, data_dir, settings) -> None:
    data_dir.mkdir(parents=True)
    damaged = data_dir / "skolehjem.sqlite"
    damaged.write_bytes(b"this is not a database at all" * 10)
    refused: list[UserError] = []

    def on_refused(frame: MainWindow, error: UserError) -> bool:
        assert frame is window
        refused.append(error)
        return False

    ready: list[MainWindow] = []
    window = open_window(
        data_dir,
        "en",
        dialogs=ScriptedDialogs(),
        settings=settings,
        on_ready=ready.append,
        on_refused=on_refused,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(refused))
    assert isinstance(refused[0], DatabaseRefused)
    assert "not a Skolehjem database" in refused[0].message
    qtbot.waitUntil(lambda: not window.isVisible())
    assert ready == []
    assert damaged.read_bytes() == b"this is not a database at all" * 10


def test_a_good_copy_put_in_place_is_opened(qtbot, tmp_path, data_dir, settings) -> None:
    good = tmp_path / "good"
    _school(good)
    data_dir.mkdir(parents=True)
    (data_dir / "skolehjem.sqlite").write_bytes(b"damaged" * 100)

    def on_refused(frame: MainWindow, error: UserError) -> bool:
        # what the offer of the latest good backup does when the teacher says yes
        shutil.copyfile(good / "skolehjem.sqlite", data_dir / "skolehjem.sqlite")
        return True

    ready: list[MainWindow] = []
    window = open_window(
        data_dir,
        "en",
        dialogs=ScriptedDialogs(),
        settings=settings,
        on_ready=ready.append,
        on_refused=on_refused,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(ready))
    assert ready == [window]
    assert window.class_list.count() == 2


def test_the_frame_speaks_the_language_the_data_chose_last_time(qtbot, data_dir, settings) -> None:
    _school(data_dir, language="en")
    settings.setValue(LANGUAGE_KEY, "da")  # the data chose Danish when last open
    ready: list[MainWindow] = []
    frame = open_window(data_dir, None, settings=settings, on_ready=ready.append)
    # not given to qtbot: the frame deletes itself when a window takes its place
    assert frame.menuBar().actions()[0].text() == "&Filer"
    frame.show()
    qtbot.waitUntil(lambda: bool(ready))
    # The data now says English: a window in English took the frame's place.
    window = ready[0]
    qtbot.addWidget(window)
    assert window is not frame
    assert window.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(frame))  # deleted, not just hidden
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.class_list.count() == 2
    window.close()
    assert settings.value(LANGUAGE_KEY) == "en"


def test_closing_the_frame_while_opening_opens_nothing(qtbot, tmp_path, data_dir, settings) -> None:
    _school(data_dir)
    _school(tmp_path / "witness")
    ready: list[MainWindow] = []
    window = open_window(data_dir, "en", settings=settings, on_ready=ready.append)
    qtbot.addWidget(window)
    window.show()
    assert window.close()  # before the next event-loop turn: nothing to save
    # A second frame, shown after the first was closed, goes the same way (painted,
    # then its data opened): once it is ready, the closed one had every turn it would
    # have needed to open its data too.
    witness_ready: list[MainWindow] = []
    witness = open_window(
        tmp_path / "witness",
        "en",
        settings=QSettings(str(tmp_path / "witness.ini"), QSettings.Format.IniFormat),
        on_ready=witness_ready.append,
    )
    qtbot.addWidget(witness)
    witness.show()
    qtbot.waitUntil(lambda: bool(witness_ready))
    assert ready == []
    assert not window.attached
    assert settings.value("last_class") is None


def test_only_the_tab_on_the_screen_is_filled_until_another_is_shown(
    qtbot, data_dir, settings
) -> None:
    ids = _school(data_dir)
    ready: list[MainWindow] = []
    window = open_window(data_dir, "en", settings=settings, on_ready=ready.append)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(ready))
    window.open_student(ids["soren"])
    page = window.pupil_page
    assert page.tabs.currentIndex() == 0
    conversations = page.tabs.widget(1)
    assert conversations.student_id is None  # not filled: it is not on the screen
    page.tabs.setCurrentIndex(1)
    assert conversations.student_id == ids["soren"]
    assert conversations.model.rowCount() == 1
    # Reaching a tab from code fills it too: nothing sees another pupil's data.
    window.open_student(ids["ayse"])
    assert page.tabs.widget(3).student_id != ids["ayse"]
    assert page.contacts.student_id == ids["ayse"]


def test_damage_where_the_start_does_not_read_is_found_before_the_data_is_shown(
    qtbot, data_dir, settings
) -> None:
    """SQLite's quick check at open: the window says the file is damaged and names the
    latest good backup, instead of failing later on the damaged table."""
    import random
    import sqlite3

    ids = _school(data_dir)
    services = Services(open_database(data_dir))
    conversation = services.conversations.all(student_id=ids["soren"])[0].id
    for n in range(60):
        services.conversations.add_agreement(conversation, f"Aftale {n} " * 20, "pupil")
    services.db.close()
    path = data_dir / "skolehjem.sqlite"
    with sqlite3.connect(path) as conn:  # the pages of one table
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'agreement'")]
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * size : page * size] = random.Random(page).randbytes(size)
    path.write_bytes(bytes(data))
    backups = data_dir / "backups"
    good = {p.name: p.read_bytes() for p in backups.iterdir()}
    refused: list[UserError] = []
    window = open_window(
        data_dir,
        "en",
        dialogs=ScriptedDialogs(),
        settings=settings,
        on_refused=lambda _frame, error: refused.append(error) or False,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(refused), timeout=10_000)
    (error,) = refused
    assert isinstance(error, DatabaseRefused) and "damaged" in error.message
    assert {p.name: p.read_bytes() for p in backups.iterdir()} == good
