"""The code keeps its size rules: modules of one job, functions that fit on a screen.

No module over 500 lines and no function over 80, outside the migrations and the demo's
text data (``scripts/sizes.py`` says the same from the command line); ruff's PLR0912 and
PLR0915 (branches, statements) are on in ``pyproject.toml`` too.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sizes():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sizes", ROOT / "scripts" / "sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_over_500_lines_and_no_function_over_80() -> None:
    sizes = _sizes()
    assert sizes.problems([sizes.PACKAGE]) == []


def test_the_check_finds_a_long_function_and_a_long_module(tmp_path: Path) -> None:
    sizes = _sizes()
    package = tmp_path / "skolehjem_desktop"
    package.mkdir()
    long_function = "def f() -> None:\n" + "    x = 1\n" * 90
    (package / "long_function.py").write_text(long_function)
    (package / "long_module.py").write_text("x = 1\n" * 520)
    sizes.ROOT = tmp_path
    found = sizes.problems([package])
    assert any("f() is 91 lines" in line for line in found), found
    assert any("long_module.py: 521 lines" in line for line in found), found
