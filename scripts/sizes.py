"""The size rules of the code: no module over 500 lines, no function over 80.

    python scripts/sizes.py [PATH ...]     lists what breaks them (exit 1), else says so

Migrations and the demo's text data (modules named ``texts.py``/``names.py`` in the demo
package) are data, not code, and are not measured. ``tests/unit/test_sizes.py`` runs the
same check over the whole package.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "skolehjem_desktop"
MODULE_MAX = 500
FUNCTION_MAX = 80


def is_data(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    if "migrations" in parts:
        return True
    return "demo" in parts and path.name in {"texts.py", "names.py"}


def modules(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*.py")) if not is_data(p))
        elif path.suffix == ".py" and not is_data(path):
            yield path


def problems(paths: list[Path]) -> list[str]:
    found = []
    for path in modules(paths):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + 1
        name = path.relative_to(ROOT)
        if lines > MODULE_MAX:
            found.append(f"{name}: {lines} lines (at most {MODULE_MAX})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_MAX:
                    found.append(
                        f"{name}:{node.lineno}: {node.name}() is {length} lines "
                        f"(at most {FUNCTION_MAX})"
                    )
    return found


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or [PACKAGE]
    found = problems(paths)
    for line in found:
        print(line)
    if not found:
        print(f"Every module is at most {MODULE_MAX} lines, every function at most {FUNCTION_MAX}.")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
