"""The first-hour journey (``journey_story.py``) at 1366×768, with its action counts.

The offscreen platform gives that screen only to a process started with it, so this test
starts one, then prints how many actions (clicks, key presses, typed texts) each step took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREEN = ROOT / "tests" / "resources" / "screen-1366x768.json"
STORY = Path(__file__).with_name("journey_story.py")


def test_a_teachers_first_hour_at_1366x768(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    counts_file = tmp_path / "counts.json"
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["SKOLEHJEM_JOURNEY_COUNTS"] = str(counts_file)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(STORY)]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    report = result.stdout[-8000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert " skipped" not in result.stdout.splitlines()[-1], report
    counts: dict[str, int] = json.loads(counts_file.read_text(encoding="utf-8"))
    width = max(len(step) for step in counts)
    table = "\n".join(f"{step.ljust(width)}  {n:3d}" for step, n in counts.items())
    with capsys.disabled():
        print(
            f"\nActions per step of the first hour:\n{table}\n{'total'.ljust(width)}  "
            f"{sum(counts.values()):3d}"
        )
    assert all(n > 0 for n in counts.values()), counts
    # The README's "The first hour" table says 57; the walk must not grow back.
    assert sum(counts.values()) <= 57, counts
