"""Where the files shipped with the program are: a frozen bundle, a wheel, or the checkout.

Three ways to run, one layout below the root this module finds:
``resources/`` (fonts, icons, licences) and ``translations/<lang>/LC_MESSAGES/``.

- The PyInstaller bundle: its root (``sys._MEIPASS``).
- An installed wheel (``pip install``, ``pipx``): ``skolehjem_desktop/_shipped/``, found with
  :mod:`importlib.resources`; the build puts the resources and the compiled catalogues there.
- The developer's editable checkout: the repository root, where ``resources/`` and
  ``translations/`` are the sources (``./dev.sh setup`` compiles the ``.mo`` beside the ``.po``).
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources as _resources
from pathlib import Path

SHIPPED = "_shipped"


@cache
def bundle_root() -> Path:
    """The folder that holds ``resources/`` and ``translations/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    shipped = _resources.files(__package__ or "skolehjem_desktop") / SHIPPED
    if shipped.is_dir():
        return Path(str(shipped))
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
