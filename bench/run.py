"""Benchmarks on a whole school, each figure beside a floor measured in the same run.

    python bench/run.py [--size school|small] [--repeat N] [--out bench/results.json]

Builds the demo school in a temporary folder (``--size school``: 30 classes of 25
pupils, 5 school years), then measures the figures below. Each is the median of
``--repeat`` runs. Floors: a bare PySide6 QApplication + QMainWindow shown and closed
the same way (start-up), and a one-page ReportLab document with the same font as a
whole process (PDF). Prints a table and writes JSON with ``median``, ``unit``,
``floor`` and ``ratio`` per figure. Benchmarks are not tests: nothing here fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# A child process that shows a window and reports when it was first painted, and when
# the class list holds the last class's pupils. argv: mode data_dir
STARTUP_CHILD = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
mode, data = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])
marks = {}
class Paint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = time.time()
            QTimer.singleShot(0, done)
        return False
def done():
    if mode == "app":
        if window.student_model.rowCount() > 0:
            marks.setdefault("pupils", time.time())
    print(json.dumps(marks), flush=True)
    window.close()
    app.quit()
if mode == "bare":
    window = QMainWindow()
else:
    from PySide6.QtCore import QSettings
    from skolehjem_desktop.app import create_main_window
    settings = QSettings(data + "/bench.ini", QSettings.Format.IniFormat)
    window = create_main_window(data, "da", settings=settings)
filt = Paint()
window.installEventFilter(filt)
window.show()
app.exec()
"""

ONE_PAGE_PDF = r"""
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
pdfmetrics.registerFont(TTFont("DejaVuSans", sys.argv[2]))
c = canvas.Canvas(sys.argv[1], pagesize=A4, initialFontName="DejaVuSans")
c.setFont("DejaVuSans", 11)
c.drawString(72, 760, "Referat af skole/hjemsamtale – Søren Ærø, Łukasz Ćwikła")
c.showPage()
c.save()
"""


def median_of(repeat: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(repeat))


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def process_ms(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def startup(mode: str, data: Path) -> dict[str, float]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", STARTUP_CHILD, mode, str(data)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    marks = json.loads(out.strip().splitlines()[-1])
    return {k: (v - start) * 1000 for k, v in marks.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="school", choices=("school", "small"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args()
    repeat = args.repeat

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop.app import create_main_window
    from skolehjem_desktop.services import Services, pdfs
    from skolehjem_desktop.services.demo import generate_demo
    from skolehjem_desktop.store.database import open_database
    from skolehjem_desktop.store.enums import ConversationStatus, SectionKind

    results: dict[str, dict[str, float | str | None]] = {}

    def record(name: str, value: float, unit: str = "ms", floor: float | None = None) -> None:
        results[name] = {
            "median": round(value, 2),
            "unit": unit,
            "floor": None if floor is None else round(floor, 2),
            "ratio": None if not floor else round(value / floor, 2),
        }

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        db = open_database(data)
        record(
            "build demo", timed(lambda: generate_demo(db, size=args.size, today=dt.date.today()))
        )
        db.close()

        # 1. start-up against a bare window, whole processes
        bare = [startup("bare", data)["paint"] for _ in range(repeat)]
        runs = [startup("app", data) for _ in range(repeat)]
        floor = statistics.median(bare)
        record("start-up: first paint", statistics.median(r["paint"] for r in runs), floor=floor)
        record(
            "start-up: class list filled",
            statistics.median(r.get("pupils", r["paint"]) for r in runs),
            floor=floor,
        )

        app = QApplication.instance() or QApplication([])
        assert app is not None
        settings = QSettings(str(Path(tmp) / "gui.ini"), QSettings.Format.IniFormat)
        window = create_main_window(data, "da", settings=settings)
        window.show()
        services: Services = window.services

        # 2. one keystroke in the pupil filter over the whole school
        window.all_classes.setChecked(True)
        pupils = window.student_model.rowCount()

        def keystroke() -> float:
            window.filter_edit.clear()
            start = time.perf_counter()
            window.filter_edit.setText("s")
            window.student_proxy.rowCount()
            window.student_list.viewport().repaint()
            return (time.perf_counter() - start) * 1000

        record(f"filter: one keystroke over {pupils} pupils", median_of(repeat, keystroke))
        window.filter_edit.clear()
        window.all_classes.setChecked(False)

        # 3. open the pupil with the longest history, all tabs filled
        year = services.classes.current_year()
        rows = services.students.all(school_year=year)
        longest = max(rows, key=lambda r: len(services.students.get(r.id).classes))

        def open_pupil() -> float:
            window.show_overview()
            return timed(lambda: window.open_student(longest.id))

        record("open a pupil with full history", median_of(repeat, open_pupil))

        # 4. save one conversation edit, to disk (the autosave path)
        held = [
            c
            for c in services.conversations.all(student_id=longest.id)
            if c.status is ConversationStatus.HELD
        ]
        conversation = held[0].id
        counter = iter(range(10_000))
        record(
            "autosave one edit",
            median_of(
                repeat,
                lambda: timed(
                    lambda: services.conversations.set_section(
                        conversation, SectionKind.SUMMARY, f"Tekst {next(counter)}"
                    )
                ),
            ),
        )

        # 5. one summary PDF in-process, and `pdf summary` as a process against a floor
        out = Path(tmp) / "pdf"
        out.mkdir()
        pdfs.write_summary(services, conversation, out / "warm.pdf")
        record(
            "summary PDF in-process",
            median_of(
                repeat,
                lambda: timed(lambda: pdfs.write_summary(services, conversation, out / "s.pdf")),
            ),
        )
        font = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"
        pdf_floor = median_of(
            repeat,
            lambda: process_ms([sys.executable, "-c", ONE_PAGE_PDF, str(out / "f.pdf"), str(font)]),
        )
        cli = [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(data)]
        record(
            "pdf summary as a process",
            median_of(
                repeat,
                lambda: process_ms(
                    [
                        *cli,
                        "pdf",
                        "summary",
                        "--conversation",
                        str(conversation),
                        "--out",
                        str(out / "c.pdf"),
                    ]
                ),
            ),
            floor=pdf_floor,
        )

        # 6. a class's summaries
        class_id = window.class_id or services.classes.all(school_year=year)[0].id
        count = len(pdfs.class_summaries(services, class_id))
        record(
            f"a class's summaries ({count})",
            median_of(
                3,
                lambda: timed(
                    lambda: pdfs.write_class_summaries(services, class_id, out / "class")
                ),
            ),
        )

        # 7. the class overview for one class and for the whole school
        record(
            "overview: one class",
            median_of(repeat, lambda: timed(lambda: services.owed.for_class(class_id))),
        )
        classes = len(services.classes.all(school_year=year))
        record(
            f"overview: all {classes} classes",
            median_of(repeat, lambda: timed(lambda: services.owed.for_school_year(year))),
        )

        # 8. peak memory of this GUI process with the school open
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        record("peak memory, GUI process", peak, unit="MB")
        window.close()

    width = max(len(k) for k in results)
    print(f"{'figure'.ljust(width)}  {'median':>10}  {'floor':>10}  {'ratio':>6}")
    for name, r in results.items():
        floor_text = "" if r["floor"] is None else f"{r['floor']:.1f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        print(
            f"{name.ljust(width)}  {r['median']:>8.1f} {r['unit']:<2} {floor_text:>10}  {ratio:>6}"
        )
    Path(args.out).write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"\n{args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
