"""A conversation typed in the real editor, the process killed two seconds later: the text stays.

The editor runs in its own process (a QApplication on the offscreen platform) over a
temporary data folder. A QTimer types the summary a few characters at a time, as a
teacher would, and prints "typed" after the last key. The test then waits two seconds,
kills the process with SIGKILL (no clean-up, no flush on close) and reads the database.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database

TEXT = (
    "Søren læser nu flydende og deltager aktivt i timerne. "
    "Forældrene fortæller, at han glæder sig til at komme i skole. "
    "Vi aftalte, at han læser 15 minutter hver dag."
)

EDITOR_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop import i18n
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database
    from skolehjem_desktop.domain.enums import SectionKind
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.conversation.editor import ConversationEditor
    from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs

    data_dir, conversation_id, text = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    interval = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    app = QApplication(sys.argv)
    i18n.activate("en")
    dialogs = ScriptedDialogs()
    editor = ConversationEditor(UiContext(Services(open_database(data_dir)), dialogs))
    editor.load(conversation_id)
    editor.tabs.setCurrentIndex(2)
    editor.resize(1200, 700)
    editor.show()
    summary = editor.section_edits[SectionKind.SUMMARY]
    summary.setFocus()
    chunks = [text[i : i + 3] for i in range(0, len(text), 3)]

    def type_next() -> None:
        if chunks:
            summary.insertPlainText(chunks.pop(0))  # a few keys, as a teacher types
            print("at", len(summary.toPlainText()), flush=True)
            return
        timer.stop()
        print("errors:", dialogs.errors, flush=True)
        print("typed", flush=True)

    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(type_next)
    QTimer.singleShot(200, timer.start)
    sys.exit(app.exec())
    """
)


def _read(tmp_path: Path) -> str:
    return (tmp_path / "stderr.txt").read_text(encoding="utf-8")


@pytest.fixture
def conversation(tmp_path: Path) -> tuple[Path, int]:
    data_dir = tmp_path / "data"
    database = open_database(data_dir)
    try:
        services = Services(database)
        me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
        klass = services.classes.create(
            "5.A", services.classes.current_year(), contact_teacher_ids=(me.id,)
        )
        pupil = services.students.add("Søren", "Østergaard", klass.id)
        starts = dt.datetime.combine(services.today(), dt.time(8, 0))
        conversation = services.conversations.plan(pupil.id, Planning(starts_at=starts))
        return data_dir, conversation.id
    finally:
        database.close()


def test_text_typed_survives_a_kill_two_seconds_later(
    conversation: tuple[Path, int], tmp_path: Path
) -> None:
    data_dir, conversation_id = conversation
    errors = (tmp_path / "stderr.txt").open("w", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    env.pop("SKOLEHJEM_DATA_DIR", None)
    process = subprocess.Popen(
        [sys.executable, "-c", EDITOR_SCRIPT, str(data_dir), str(conversation_id), TEXT],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break  # the process ended before it typed everything
            lines.append(line.strip())
            if line.strip() == "typed":
                break
        assert lines and lines[-1] == "typed", (lines, process.poll(), _read(tmp_path))
        lines = [line for line in lines if not line.startswith("at ")]
        assert "errors: []" in lines
        time.sleep(2)
        assert process.poll() is None, "the editor must still be running when it is killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
        errors.close()

    database = open_database(data_dir)
    try:
        detail = Services(database).conversations.get(conversation_id)
    finally:
        database.close()
    assert detail.section(SectionKind.SUMMARY).text == TEXT


def test_steady_typing_without_a_pause_is_saved_at_most_two_seconds_behind(
    conversation: tuple[Path, int], tmp_path: Path
) -> None:
    """Three characters every 300 ms, never a pause of a second, killed while typing."""
    data_dir, conversation_id = conversation
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    env.pop("SKOLEHJEM_DATA_DIR", None)
    with (tmp_path / "stderr.txt").open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [sys.executable, "-c", EDITOR_SCRIPT, str(data_dir), str(conversation_id), TEXT,
             "300"],
            stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8", env=env,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            typed, seen = 0, []
            deadline = time.monotonic() + 60
            while typed < 75 and time.monotonic() < deadline:  # about 7 s of typing
                line = process.stdout.readline()
                assert line, (seen, process.poll(), _read(tmp_path))
                seen.append(line.strip())
                if line.startswith("at "):
                    typed = int(line.split()[1])
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
            if process.stdout:
                process.stdout.close()
    database = open_database(data_dir)
    try:
        saved = Services(database).conversations.get(conversation_id)
    finally:
        database.close()
    text = saved.section(SectionKind.SUMMARY).text
    assert TEXT.startswith(text)
    # at most about two seconds behind (ten characters a second), never all of it lost
    assert len(text) >= typed - 30, (len(text), typed)
