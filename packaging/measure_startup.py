"""Start-up of the built app against the source install: medians of whole processes.

    .venv/bin/python packaging/measure_startup.py [--bundle dist/skolehjem] [--repeat 5]

Times, on a small demo school, (1) ``--version`` and (2) the window started offscreen
with ``SKOLEHJEM_QUIT_AFTER_START=1``: process start → frame painted → data opened and
painted → window closed → process exit. Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=120)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "skolehjem"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frozen = [str(Path(args.bundle) / "skolehjem")]
    source = [sys.executable, "-m", "skolehjem_desktop"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
        }
        subprocess.run(
            [*source, "--data-dir", str(data), "demo"], check=True, env=env, capture_output=True
        )
        window = ["--data-dir", str(data), "--lang", "da"]
        gui_env = {**env, "SKOLEHJEM_QUIT_AFTER_START": "1"}
        rows = []
        for label, extra, environment in (
            ("`--version`", ["--version"], env),
            ("window up with the data, then closed", window, gui_env),
        ):
            times: dict[int, list[float]] = {0: [], 1: []}
            for command in (frozen, source):
                timed([*command, *extra], environment)  # warm the file cache
            for _ in range(args.repeat):  # interleaved, so a busy moment hits both
                for i, command in enumerate((frozen, source)):
                    times[i].append(timed([*command, *extra], environment))
            rows.append((label, statistics.median(times[0]), statistics.median(times[1])))
    print(f"| whole process (median of {args.repeat}) | built app | source install |")
    print("|---|---|---|")
    for label, built, src in rows:
        print(f"| {label} | {built:.0f} ms | {src:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
