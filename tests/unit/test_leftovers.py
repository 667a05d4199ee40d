"""Which temporary files a killed process left: by the writer's id in the name, or by age."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from skolehjem_desktop.leftovers import is_stale


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_a_file_of_a_process_that_is_gone_is_stale_at_once(tmp_path: Path) -> None:
    gone = _dead_pid()
    for name in (
        f"daily-2026-12-04.sqlite.{gone}.partial",
        f".kopi.sqlite.{gone}.tmp",
        f".kopi.sqlite.{gone}.tmp.partial",
        f".Referat Søren Ærø 2026-12-04.pdf.{gone}.k2j4_x9a.part",
    ):
        path = tmp_path / name
        path.write_bytes(b"x")
        assert is_stale(path), name


def test_a_file_of_a_process_still_writing_is_not_stale(tmp_path: Path) -> None:
    path = tmp_path / f"daily-2026-12-04.sqlite.{os.getpid()}.partial"
    path.write_bytes(b"x")
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))
    assert not is_stale(path)


def test_a_file_without_a_writer_is_stale_only_when_old(tmp_path: Path) -> None:
    path = tmp_path / "weekly-2026-W49.sqlite.partial"
    path.write_bytes(b"x")
    assert not is_stale(path)
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))
    assert is_stale(path)
