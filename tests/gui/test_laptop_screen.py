"""At a school laptop's screen, 1366×768, the window and every dialog fit.

The offscreen platform gives that screen only to a process started with it, so this
test starts one that runs ``laptop_screen_cases.py`` (skipped in any other process).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREEN = ROOT / "tests" / "resources" / "screen-1366x768.json"
CASES = Path(__file__).with_name("laptop_screen_cases.py")


def test_the_window_and_every_dialog_fit_a_laptop_screen() -> None:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CASES)]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert " skipped" not in result.stdout.splitlines()[-1], report
