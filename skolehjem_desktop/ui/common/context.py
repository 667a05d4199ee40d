"""What every widget of the window is given: the services and the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from PySide6.QtWidgets import QWidget

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services import Services
from skolehjem_desktop.ui.common.dialogs import Dialogs

P = ParamSpec("P")
T = TypeVar("T")

Launcher = Callable[[Path], bool]
"""Shows a file or folder outside the program; False when nothing opened it."""


@dataclass
class UiContext:
    services: Services
    dialogs: Dialogs = field(default_factory=Dialogs)
    launcher: Launcher | None = None
    """What opens a PDF or a folder; None: ``dialogs.open_document`` (the system's viewer,
    a recorder in tests). A test gives ``lambda path: False`` for "no viewer"."""
    document_language: str | None = None
    """The language the teacher chose for the parents' documents this session ("da",
    "en"); None: each document in its guardians' language."""

    def launch(self, path: Path) -> bool:
        """Open ``path`` in the system's viewer or file manager; False if nothing did."""
        launcher = self.launcher or self.dialogs.open_document
        return bool(launcher(path))

    def attempt(
        self, parent: QWidget | None, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        """Run a service call; a :class:`UserError` becomes a message box and None."""
        try:
            return action(*args, **kwargs)
        except UserError as exc:
            self.dialogs.error(parent, exc.message)
            return None
