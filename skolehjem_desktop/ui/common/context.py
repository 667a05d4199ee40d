"""What every widget of the window is given: the services and the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from PySide6.QtWidgets import QWidget

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services import Services
from skolehjem_desktop.ui.common.dialogs import Dialogs

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class UiContext:
    services: Services
    dialogs: Dialogs = field(default_factory=Dialogs)

    def attempt(
        self, parent: QWidget | None, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        """Run a service call; a :class:`UserError` becomes a message box and None."""
        try:
            return action(*args, **kwargs)
        except UserError as exc:
            self.dialogs.error(parent, exc.message)
            return None
