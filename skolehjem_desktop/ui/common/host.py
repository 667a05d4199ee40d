"""What the menus' actions, the Print menu and the File-menu dialogs need of the window.

They take a :class:`Host`, not the main window: the window is one host (it satisfies
the protocol), a test can be another. Its :class:`Selection` part says what the
teacher has chosen; the window emits ``selection_changed`` when that changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from skolehjem_desktop.services import Services
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.pupil.pupil_page import PupilPage


class Selection(Protocol):
    """The school year, class, pupil and conversation the teacher has chosen."""

    @property
    def school_year(self) -> int: ...

    @property
    def class_id(self) -> int | None: ...

    @property
    def student_id(self) -> int | None: ...

    @property
    def conversation_id(self) -> int | None: ...

    def can_leave(self) -> bool:
        """Save what is being typed first; False (and the teacher stays) if refused."""
        ...


class Host(Selection, Protocol):
    """The window the actions work in."""

    ctx: UiContext

    @property
    def message_book_year(self) -> int:
        """The school year the pupil's message book shows (it can show another)."""
        ...

    @property
    def services(self) -> Services: ...

    def widget(self) -> QMainWindow:
        """The window itself: the parent of dialogs, the owner of the status bar."""
        ...

    def show_status(self, text: str) -> None: ...

    def reload(self, *, class_id: int | None = None, year: int | None = None) -> None: ...

    def replace_services(self, services: Services) -> None:
        """Work on other data from now on (a restored backup)."""
        ...

    def open_student(self, student_id: int) -> bool: ...

    @property
    def pupil_page(self) -> PupilPage:
        """The pupil's page (its tabs), to show a pupil at a contact or a conversation."""
        ...

    def show_overview(self) -> None: ...

    def refresh_overview(self) -> None: ...

    def record_saved(self) -> None: ...

    def focus_search(self) -> None: ...

    def start_new_conversation(self) -> None: ...

    def start_held_conversation(self) -> None: ...

    def refresh_contacts(self, student_id: int) -> None: ...

    def restart(self) -> bool: ...
