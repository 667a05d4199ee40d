"""End-to-end tests run the real command as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Runner:
    """Run ``python -m skolehjem_desktop ARGS`` on a fresh data folder; returns the process."""
    data_dir = tmp_path / "data"

    def run(*args: str, lang: str = "en", data: Path | None = None, **env: str):
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
        environment.pop("SKOLEHJEM_DEBUG", None)
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "skolehjem_desktop",
                "--data-dir",
                str(data or data_dir),
                "--lang",
                lang,
                *args,
            ],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )

    run.data_dir = data_dir  # type: ignore[attr-defined]
    return run
