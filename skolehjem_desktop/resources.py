"""Where the files shipped with the program are: the repository, or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder that holds ``resources/`` and ``translations/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def translations_dir() -> Path:
    return bundle_root() / "translations"


def program_command() -> list[str]:
    """The command that starts this program again: the app itself when frozen."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "skolehjem_desktop"]
