"""The layers are a contract the build enforces (import-linter, run by ./dev.sh test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture
def copy_of_the_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "skolehjem_desktop",
        tree / "skolehjem_desktop",
        ignore=shutil.ignore_patterns("__pycache__", "_shipped"),
    )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_tree_keeps_every_contract(copy_of_the_tree: Path) -> None:
    done = lint(copy_of_the_tree)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "breach", "contract"),
    [
        (
            "ui/app/main_window.py",
            "import skolehjem_desktop.store.models",
            "Only the services reach",
        ),
        ("ui/app/main_window.py", "import sqlalchemy", "Only the services reach"),
        ("store/models/base.py", "import skolehjem_desktop.i18n", "The store knows no messages"),
        ("reports/summary.py", "import skolehjem_desktop.services", "Layers"),
        ("domain/enums.py", "import skolehjem_desktop.errors", "The vocabulary imports nothing"),
        ("services/owed.py", "import PySide6.QtCore", "Only the window imports Qt"),
    ],
)
def test_a_deliberate_breach_fails_the_build(
    copy_of_the_tree: Path, module: str, breach: str, contract: str
) -> None:
    path = copy_of_the_tree / "skolehjem_desktop" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{breach}  # a breach\n")
    done = lint(copy_of_the_tree)
    assert done.returncode != 0
    _kept, _sep, broken = done.stdout.partition("Broken contracts")
    assert contract in broken, done.stdout
    source = "skolehjem_desktop." + module.removesuffix(".py").replace("/", ".")
    assert source in broken  # the report names the module that broke it
