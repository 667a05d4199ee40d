"""The first-hour journey (``journey_story.py``) at 1366×768, with its action counts.

The offscreen platform gives that screen only to a process started with it, so this test
starts one, then prints how many actions (clicks, key presses, typed texts) each step took.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.gui.laptop_process import run_on_a_laptop_screen

STORY = Path(__file__).with_name("journey_story.py")


def test_a_teachers_first_hour_at_1366x768(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    counts_file = tmp_path / "counts.json"
    run_on_a_laptop_screen(STORY, SKOLEHJEM_JOURNEY_COUNTS=str(counts_file))
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
