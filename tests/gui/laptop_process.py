"""Run test cases in a new process on the 1366×768 offscreen screen.

The offscreen platform gives that screen only to a process started with it
(``QT_QPA_PLATFORM=offscreen:configfile=tests/resources/screen-1366x768.json``); the
cases skip themselves in any other process, so a run that skipped them fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREEN = ROOT / "tests" / "resources" / "screen-1366x768.json"


def run_on_a_laptop_screen(cases: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(env_extra)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(cases)]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    report = result.stdout[-8000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert " skipped" not in result.stdout.splitlines()[-1], report
    return result
