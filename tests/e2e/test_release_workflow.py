"""The release workflow (Windows, macOS, Linux builds) is checked here, where it cannot run.

``check-jsonschema`` carries GitHub's workflow schema inside the package, so this works
offline; a workflow that breaks the schema fails the test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def check(path: Path) -> subprocess.CompletedProcess[str]:
    checker = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_release_workflow_follows_the_schema() -> None:
    done = check(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_workflow_is_caught(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:", 1))
    assert check(broken).returncode != 0


@pytest.mark.parametrize(
    ("job", "program"),
    [
        ("linux", "dist/skolehjem/skolehjem"),
        ("windows", r"dist\skolehjem\skolehjem-cli.exe"),
        ("macos", "dist/Skolehjem.app/Contents/MacOS/skolehjem"),
    ],
)
def test_each_job_runs_the_program_it_built(job: str, program: str) -> None:
    text = WORKFLOW.read_text()
    start = text.index(f"\n  {job}:\n")
    following = [text.find(f"\n  {other}:\n", start + 1) for other in ("linux", "windows", "macos")]
    end = min([i for i in following if i > start] or [len(text)])
    body = text[start:end]
    assert program in body
    assert "--version" in body
    assert "SKOLEHJEM_QUIT_AFTER_START" in text and "QT_QPA_PLATFORM: offscreen" in text
    assert "upload-artifact" in body
