"""What start-up imports, seen from a fresh process (the only place imports can be seen).

The window's frame is painted before SQLAlchemy is imported; the window with its data
never imports ReportLab, Alembic (the schema is current), openpyxl or SQLCipher (a plain
folder); the command line never imports Qt, and ``pdf summary`` no Alembic or openpyxl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

HEAVY = ("sqlalchemy", "reportlab", "alembic", "openpyxl", "sqlcipher3", "PySide6")

WINDOW_CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    HEAVY = {heavy!r}
    def loaded():
        return sorted({{m.split(".")[0] for m in sys.modules}} & set(HEAVY))

    app = QApplication(sys.argv[:1])
    from skolehjem_desktop.app import open_window
    seen = {{}}

    class Paint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "paint" not in seen:
                seen["paint"] = loaded()
            return False

    def ready(window):
        seen["ready"] = loaded()
        seen["pupils"] = window.student_model.rowCount()
        QTimer.singleShot(0, app.quit)

    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window = open_window(sys.argv[1], "en", settings=settings, on_ready=ready)
    watcher = Paint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    print(json.dumps(seen))
    """
).format(heavy=HEAVY)


def _demo(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("demo", "--size", "small")
    assert done.returncode == 0, done.stderr


def test_the_window_frame_comes_before_sqlalchemy_and_reportlab_never(cli, tmp_path) -> None:
    _demo(cli)
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_CHILD, str(cli.data_dir), str(tmp_path / "gui.ini")],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["pupils"] > 0
    assert seen["paint"] == ["PySide6"]  # the frame: Qt and nothing heavy
    assert seen["ready"] == ["PySide6", "sqlalchemy"]  # filled: no ReportLab, Alembic, …


def _imported(stderr: str) -> set[str]:
    """The top-level packages in ``python -X importtime`` output."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_the_command_line_imports_only_what_the_command_needs(cli) -> None:
    _demo(cli)
    listed = cli("list", "conversations", "--json")
    assert listed.returncode == 0, listed.stderr
    held = next(c["id"] for c in json.loads(listed.stdout) if c["status"] == "held")
    out = cli.data_dir.parent / "summary.pdf"
    pdf = cli(
        "pdf",
        "summary",
        "--conversation",
        str(held),
        "--out",
        str(out),
        PYTHONPROFILEIMPORTTIME="1",
    )
    assert pdf.returncode == 0, pdf.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert _imported(pdf.stderr) & set(HEAVY) == {"sqlalchemy", "reportlab"}
    owed = cli("list", "classes", PYTHONPROFILEIMPORTTIME="1")
    assert owed.returncode == 0, owed.stderr
    assert _imported(owed.stderr) & set(HEAVY) == {"sqlalchemy"}
