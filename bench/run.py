"""Benchmarks on a whole school, each figure beside a floor measured in the same run.

    python bench/run.py [--size school|small] [--repeat N] [--out bench/results.json]

Builds the demo school in a temporary folder (``--size school``: 30 classes of 25
pupils, 5 school years), then measures the figures in ``FIGURES``, in order. Each is
the median of ``--repeat`` runs. Floors: a bare PySide6 QApplication + QMainWindow
shown and closed the same way (start-up), and a one-page ReportLab document with the
same font as a whole process (PDF). Prints a table and writes JSON with ``median``,
``unit``, ``floor`` and ``ratio`` per figure. Benchmarks are not tests: nothing here
fails on a slow figure.

To add a figure: write a function that takes the :class:`Bench` and calls
``bench.record(...)``, and put it in ``FIGURES`` (before the peak memory, which is last).
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.ui.app.main_window import MainWindow

# A child process that starts the window the way the program does (app.open_window:
# the frame first, the data on the next turn) and reports when it was first painted
# and when the class list holds the class's pupils. argv: mode data_dir
STARTUP_CHILD = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
mode, data = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])
marks = {}
def done():
    print(json.dumps(marks), flush=True)
    app.quit()
class Paint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = time.time()
            if mode == "bare":
                QTimer.singleShot(0, done)
        return False
def ready(window):
    if window.student_model.rowCount() > 0:
        marks["pupils"] = time.time()
    QTimer.singleShot(0, done)
if mode == "bare":
    window = QMainWindow()
else:
    from PySide6.QtCore import QSettings
    from skolehjem_desktop.app import open_window
    settings = QSettings(data + "/bench.ini", QSettings.Format.IniFormat)
    window = open_window(data, "da", settings=settings, on_ready=ready)
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


@dataclass
class Bench:
    """What every figure is given: the school, its window and services, and ``record``."""

    repeat: int
    tmp: Path
    data: Path
    window: MainWindow
    services: Services
    year: int
    class_id: int
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    # found by the figures for the ones after them
    held_conversation: int = 0

    def median(self, fn: Callable[[], float], repeat: int | None = None) -> float:
        return statistics.median(fn() for _ in range(repeat or self.repeat))

    def record(self, name: str, value: float, unit: str = "ms", floor: float | None = None) -> None:
        self.results[name] = {
            "median": round(value, 2),
            "unit": unit,
            "floor": None if floor is None else round(floor, 2),
            "ratio": None if not floor else round(value / floor, 2),
        }


# --- the figures ------------------------------------------------------------------------------


def figure_startup(b: Bench) -> None:
    """Start-up as whole processes, against a bare window started the same way."""
    bare = [startup("bare", b.data)["paint"] for _ in range(b.repeat)]
    runs = [startup("app", b.data) for _ in range(b.repeat)]
    floor = statistics.median(bare)
    b.record("start-up: first paint", statistics.median(r["paint"] for r in runs), floor=floor)
    b.record(
        "start-up: class list filled",
        statistics.median(r["pupils"] for r in runs),
        floor=floor,
    )


PIECES = {
    "Python + SQLAlchemy ORM": "import sqlalchemy.orm",
    "Python + the mapped models": (
        "import sqlalchemy.orm, skolehjem_desktop.store.models; sqlalchemy.orm.configure_mappers()"
    ),
    "Python + the data open (Services, one query)": (
        "import sys; from pathlib import Path; from skolehjem_desktop.services import Services; "
        "from skolehjem_desktop.store.database import open_database; "
        "Services(open_database(Path(sys.argv[1]))).school.language()"
    ),
}


def figure_startup_pieces(b: Bench) -> None:
    """What start-up is made of, each as a whole process: what the data path costs before
    any window (the floor is Python doing nothing)."""
    floor = b.median(lambda: process_ms([sys.executable, "-c", "pass"]))
    for name, code in PIECES.items():
        b.record(
            f"piece: {name}",
            b.median(lambda code=code: process_ms([sys.executable, "-c", code, str(b.data)])),
            floor=floor,
        )


def figure_filter(b: Bench) -> None:
    """One keystroke in the pupil filter over the whole school, painted."""
    window = b.window
    window.all_classes.setChecked(True)
    pupils = window.student_model.rowCount()

    def keystroke() -> float:
        window.filter_edit.clear()
        start = time.perf_counter()
        window.filter_edit.setText("s")
        window.student_proxy.rowCount()
        window.student_list.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    b.record(f"filter: one keystroke over {pupils} pupils", b.median(keystroke))
    window.filter_edit.clear()
    window.all_classes.setChecked(False)


def figure_open_pupil(b: Bench) -> None:
    """A pupil with the longest history (5 school years): the first tab on the screen,
    and every tab filled (the others are filled when first shown)."""
    window, services = b.window, b.services
    eldest = max(services.classes.all(school_year=b.year), key=lambda c: c.grade or 0)
    rows = services.students.all(class_id=eldest.id)
    longest = max(rows, key=lambda r: len(services.students.get(r.id).classes))
    years = len(services.students.get(longest.id).classes)

    def first_tab() -> float:
        window.show_overview()
        window.pupil_page.tabs.setCurrentIndex(0)
        start = time.perf_counter()
        window.open_student(longest.id)
        window.pupil_page.repaint()
        return (time.perf_counter() - start) * 1000

    def all_tabs() -> float:
        window.show_overview()
        window.pupil_page.tabs.setCurrentIndex(0)
        start = time.perf_counter()
        window.open_student(longest.id)
        window.pupil_page.fill_all()
        window.pupil_page.repaint()
        return (time.perf_counter() - start) * 1000

    b.record(f"open a pupil ({years} years): first tab shown", b.median(first_tab))
    b.record(f"open a pupil ({years} years): all tabs filled", b.median(all_tabs))
    from skolehjem_desktop.domain.enums import ConversationStatus

    held = [
        c
        for c in services.conversations.all(student_id=longest.id)
        if c.status is ConversationStatus.HELD
    ]
    b.held_conversation = held[0].id
    window.show_overview()


def figure_autosave(b: Bench) -> None:
    """Save one conversation edit, to disk (the autosave path)."""
    from skolehjem_desktop.domain.enums import SectionKind

    counter = iter(range(10_000))
    b.record(
        "autosave one edit",
        b.median(
            lambda: timed(
                lambda: b.services.conversations.set_section(
                    b.held_conversation, SectionKind.SUMMARY, f"Tekst {next(counter)}"
                )
            )
        ),
    )


def figure_summary_pdf(b: Bench) -> None:
    """One summary PDF in-process, and `pdf summary` as a process against a floor."""

    out = b.tmp / "pdf"
    out.mkdir(exist_ok=True)
    b.services.pdfs.write_summary(b.held_conversation, out / "warm.pdf")
    b.record(
        "summary PDF in-process",
        b.median(
            lambda: timed(lambda: b.services.pdfs.write_summary(b.held_conversation, out / "s.pdf"))
        ),
    )
    font = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"
    floor = b.median(
        lambda: process_ms([sys.executable, "-c", ONE_PAGE_PDF, str(out / "f.pdf"), str(font)])
    )
    command = [
        *(sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(b.data)),
        *("pdf", "summary", "--conversation", str(b.held_conversation)),
        *("--out", str(out / "c.pdf")),
    ]
    b.record("pdf summary as a process", b.median(lambda: process_ms(command)), floor=floor)


def figure_class_summaries(b: Bench) -> None:
    """A class's 25 summaries, as the teacher prints them for a class of 25: the newest
    held conversation of each pupil, then (for a pupil with none yet) the class's
    others, up to the number of pupils."""

    pupils = b.services.classes.get(b.class_id).student_count
    rows = b.services.pdfs.class_summaries(b.class_id)
    newest: dict[int, int] = {}
    for row in sorted(rows, key=lambda r: r.starts_at):
        newest[row.student_id] = row.id
    chosen = set(newest.values())
    conversations = [*newest.values(), *(r.id for r in rows if r.id not in chosen)][:pupils]
    out = b.tmp / "class"
    out.mkdir(exist_ok=True)

    def write_all() -> None:
        for number, conversation in enumerate(conversations):
            b.services.pdfs.write_summary(conversation, out / f"{number}.pdf")

    b.record(
        f"a class's {len(conversations)} summaries",
        b.median(lambda: timed(write_all), repeat=min(b.repeat, 3)),
    )


def figure_overview(b: Bench) -> None:
    """The class overview (what is owed) for one class and for the whole school."""
    services = b.services
    b.record(
        "overview: one class",
        b.median(lambda: timed(lambda: services.owed.for_class(b.class_id))),
    )
    classes = len(services.classes.all(school_year=b.year))
    b.record(
        f"overview: all {classes} classes",
        b.median(lambda: timed(lambda: services.owed.for_school_year(b.year))),
    )


def figure_plan_evening(b: Bench) -> None:
    """Plan a class's conversation evening: the solver on the class's pupils and siblings."""
    from skolehjem_desktop.services.evening_plans import Setup, TeacherSetup
    from skolehjem_desktop.services.planner import solve
    from skolehjem_desktop.services.planner.model import make_evening, parse_periods

    plans = b.services.evening_plans
    state = plans.new_plan(b.class_id)
    day = dt.date(b.year, 11, 24)
    evening = make_evening(day, dt.time(15), dt.time(22), 15, parse_periods("18:00-18:30"))
    teachers = tuple(TeacherSetup(t.initials) for t in state.setup.teachers)
    plans.save_setup(state.id, Setup((evening,), teachers, ("Room 12",)))
    inp = plans.planner_input(state.id)
    solve(inp)  # warm up: the first run imports and compiles what it needs
    b.record(f"plan a {len(inp.pupils)}-pupil class", b.median(lambda: timed(lambda: solve(inp))))


def figure_memory(b: Bench) -> None:
    """Peak memory of this process: the GUI with the school open, after all the above."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    b.record("peak memory, GUI process", peak, unit="MB")


FIGURES: list[Callable[[Bench], None]] = [
    figure_startup,
    figure_startup_pieces,
    figure_filter,
    figure_open_pupil,
    figure_autosave,
    figure_summary_pdf,
    figure_class_summaries,
    figure_overview,
    figure_plan_evening,
    figure_memory,  # last: the peak of everything before it
]


def stale_catalogues() -> list[str]:
    """Catalogues whose .mo is missing or older than the .po: each start then compiles them
    in memory, which an installed program never does (``./dev.sh setup`` compiles them)."""
    stale = []
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(str(po.relative_to(ROOT)))
    return stale


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="school", choices=("school", "small"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args()
    for po in stale_catalogues():
        print(f"note: {po} is newer than its .mo: start-up figures include compiling it")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from skolehjem_desktop.app import create_main_window
    from skolehjem_desktop.services.demo import generate_demo
    from skolehjem_desktop.store.database import open_database

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        db = open_database(data)
        started = time.perf_counter()
        generate_demo(db, size=args.size, today=dt.date.today())
        build_ms = (time.perf_counter() - started) * 1000
        db.close()

        app = QApplication.instance() or QApplication([])
        assert app is not None
        settings = QSettings(str(Path(tmp) / "gui.ini"), QSettings.Format.IniFormat)
        window = create_main_window(data, "da", settings=settings)
        window.show()
        services = window.services
        year = services.classes.current_year()
        class_id = window.class_id or services.classes.all(school_year=year)[0].id
        bench = Bench(
            repeat=args.repeat,
            tmp=Path(tmp),
            data=data,
            window=window,
            services=services,
            year=year,
            class_id=class_id,
            results=results,
        )
        bench.record("build demo", build_ms)
        for figure in FIGURES:
            figure(bench)
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
