"""The benchmark still runs (on the small demo, once): CI times nothing, it only proves it works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def test_the_benchmark_runs_and_writes_every_figure(tmp_path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--size", "small", "--repeat", "1", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert len(results) >= 11
    for figure in results.values():
        assert set(figure) == {"median", "unit", "floor", "ratio"}
        assert figure["median"] > 0
    assert results["start-up: first paint"]["ratio"] > 0
